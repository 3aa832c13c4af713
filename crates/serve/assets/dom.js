// Building DOM safely. Article text and metadata only ever become text
// nodes or attribute values set through the DOM, never markup the browser
// parses, so markup inside an archive renders as text.

/** An element with properties and children (strings become text nodes). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "href") node.href = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }
}

/** Removes every child of `node`. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** The URL when it is http(s), else null: a `javascript:` or `data:` URL
 * stored in an archive must never become a link. */
export function safeUrl(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link to an outside page: new tab, no opener, no referrer. */
export function outsideLink(url, text) {
  const href = safeUrl(url);
  if (!href) return null;
  return el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "out" }, text);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `text` as nodes with the byte `ranges` (UTF-8 offsets, as the API gives
 * them) wrapped in <mark>. JavaScript strings count UTF-16 units, so the
 * text is cut as bytes and each piece decoded back.
 */
export function highlighted(text, ranges) {
  const bytes = encoder.encode(text);
  const out = [];
  let at = 0;
  for (const { start, end } of ranges || []) {
    if (start < at || end > bytes.length || start >= end) continue;
    if (start > at) out.push(decoder.decode(bytes.subarray(at, start)));
    out.push(el("mark", {}, decoder.decode(bytes.subarray(start, end))));
    at = end;
  }
  if (at < bytes.length) out.push(decoder.decode(bytes.subarray(at)));
  return out;
}

/** `2022-11-07T10:00:00Z` -> `7 Nov 2022` (UTC, as the index stores it). */
export function displayDate(published) {
  if (!published) return null;
  const day = published.slice(0, 10);
  const date = new Date(day + "T00:00:00Z");
  if (Number.isNaN(date.getTime())) return published;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** 1234 -> "1,234". */
export function count(n) {
  return Number(n).toLocaleString("en-US");
}
