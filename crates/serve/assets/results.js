// The result list: one card per passage hit.

import { el, clear, displayDate, highlighted, outsideLink, count } from "./dom.js";
import { transferLine } from "./deals.js";

/**
 * Renders `hits` into the list. `onOpen(hit)` opens a hit's article.
 * A card is built from parts, each a function of the hit returning a node
 * or null; a new kind of detail (e.g. a passage's arms transfers) is one
 * more part.
 */
export function renderHits(list, hits, onOpen) {
  clear(list);
  for (const hit of hits) list.append(card(hit, onOpen));
}

const PARTS = [meta, title, passage, transfers, alsoIn, explanation];

function card(hit, onOpen) {
  const node = el("li", { class: "hit", dataset: { article: hit.article_id, ordinal: hit.ordinal } });
  for (const part of PARTS) {
    const child = part(hit, onOpen);
    if (child) node.append(child);
  }
  // A click anywhere on the card but a link or control opens the article.
  node.addEventListener("click", (event) => {
    if (!event.target.closest("a, button, summary, details")) onOpen(hit);
  });
  return node;
}

function meta(hit) {
  const bits = [
    hit.outlet && el("span", { class: "outlet" }, hit.outlet),
    hit.published && el("time", { datetime: hit.published }, displayDate(hit.published)),
    hit.agency && el("span", { class: "agency" }, hit.agency),
    hit.kind !== "body" && el("span", { class: "kind" }, hit.kind),
    hit.section && el("span", { class: "section" }, "§ " + hit.section),
  ].filter(Boolean);
  const joined = [];
  bits.forEach((b, i) => joined.push(...(i ? [el("span", { class: "sep", "aria-hidden": "true" }, "·"), b] : [b])));
  return el("div", { class: "meta" },
    el("span", { class: "rank", title: "rank and score" }, `#${hit.rank}`), joined,
    el("span", { class: "score", title: "ranking score" }, hit.score.toFixed(2)));
}

function title(hit, onOpen) {
  return el("h3", { class: "title" },
    el("button", {
      type: "button", class: "open",
      "aria-label": `Read in context: ${hit.title || hit.article_id}`,
      onclick: () => onOpen(hit),
    }, hit.title || "(untitled)"),
    outsideLink(hit.url, "source ↗"));
}

function passage(hit) {
  return el("p", { class: "passage" }, highlighted(hit.text, hit.highlights));
}

/** One compact line per arms transfer stated in the passage. */
function transfers(hit) {
  if (!hit.transfers || !hit.transfers.length) return null;
  return el("ul", { class: "transfers", "aria-label": "Arms transfers in this passage" },
    hit.transfers.map((t) => el("li", { class: `transfer status-${t.status}` }, transferLine(t))));
}

function alsoIn(hit) {
  if (!hit.also_in || !hit.also_in.length) return null;
  const n = hit.also_in.length;
  return el("details", { class: "also-in" },
    el("summary", {}, `Also in ${count(n)} other ${n === 1 ? "article" : "articles"}`),
    el("ul", {}, hit.also_in.map((a) => el("li", {},
      el("span", { class: "outlet" }, a.outlet || a.article_id), " — ",
      outsideLink(a.url, a.title || a.article_id) || a.title || a.article_id))));
}

function explanation(hit) {
  if (!hit.matched || !hit.matched.length) return null;
  const rows = hit.matched.map((m) => el("li", {},
    el("code", {}, m.term), ` for ${m.from} (weight ${m.weight})`));
  const features = hit.features
    ? el("p", { class: "features" }, Object.entries(hit.features)
      .map(([k, v]) => `${k} ${typeof v === "number" ? v.toFixed(3) : v}`).join(" · "))
    : null;
  return el("details", { class: "why" }, el("summary", {}, "Why this passage"), el("ul", {}, rows), features);
}
