// The who-arms-whom table and the one-line form of a transfer.

import { el, clear, count, displayDate, highlighted } from "./dom.js";

const STATUSES = ["reported", "alleged", "denied", "planned"];

/** A party's name, or "?" when the passage does not say. */
function side(name) {
  return name || "?";
}

/**
 * One transfer as the terminal prints it:
 * `North Korea → Russia · artillery and ammunition · denied (by North Korea)`.
 */
export function transferLine(t) {
  const by = t.claimed_by ? ` (by ${t.claimed_by})` : "";
  return `${side(t.supplier)} → ${side(t.recipient)} · ${t.item} · ${t.status}${by}`;
}

/**
 * Renders a `/api/deals` answer into `box`. `onPick(supplier, recipient)`
 * sets the supplier/recipient filters from a row (null for a side the
 * passages do not name); `picked(row)` says whether a row is the current
 * filter; `onOpen(article_id)` opens an evidence article.
 */
export function renderDeals(box, table, { onPick, picked, onOpen, limit }) {
  clear(box);
  if (!table.rows.length) {
    box.append(el("p", { class: "muted" }, "No arms transfers in the matching passages."));
    return;
  }
  const head = el("tr", {},
    el("th", { scope: "col" }, "Supplier → recipient"),
    el("th", { scope: "col" }, "Items"),
    STATUSES.map((s) => el("th", { scope: "col", class: "n" }, s)),
    el("th", { scope: "col" }, "Reported between"),
    el("th", { scope: "col" }, "Best evidence"));
  const body = el("tbody", {}, table.rows.map((row) => dealRow(row, onPick, picked(row), onOpen)));
  const shown = table.rows.length;
  const note = `${count(shown)} ${shown === 1 ? "pair" : "pairs"} from ${count(table.passages)} ${table.passages === 1 ? "passage" : "passages"}`
    + (limit && shown >= limit ? ` (the first ${count(limit)} by articles)` : "")
    + " · counts are passages · choose a pair to filter by it";
  box.append(
    el("p", { class: "muted deals-note" }, note),
    el("div", { class: "deals-scroll", tabindex: "0", role: "region", "aria-label": "Who arms whom (scrolls sideways)" },
      el("table", { class: "deals" }, el("thead", {}, head), body)));
}

function dealRow(row, onPick, isPicked, onOpen) {
  const pair = `${side(row.supplier)} → ${side(row.recipient)}`;
  const pick = el("button", {
    type: "button", class: "pick", "aria-pressed": String(isPicked),
    title: isPicked ? "Remove this supplier/recipient filter" : "Filter by this supplier and recipient",
    onclick: () => (isPicked ? onPick(null, null) : onPick(row.supplier, row.recipient)),
  }, pair);
  const items = row.items.map((i) => `${i.item} (${count(i.passages)})`).join(", ");
  const dates = row.first
    ? (row.first === row.last ? displayDate(row.first) : `${displayDate(row.first)} – ${displayDate(row.last)}`)
    : "";
  return el("tr", { class: isPicked ? "picked" : null, dataset: { supplier: side(row.supplier), recipient: side(row.recipient) } },
    el("th", { scope: "row" }, pick, el("span", { class: "muted sub" }, `${count(row.articles)} ${row.articles === 1 ? "article" : "articles"}`)),
    el("td", { class: "items" }, items),
    STATUSES.map((s) => statusCell(row, s)),
    el("td", { class: "dates" }, dates),
    el("td", { class: "evidence" }, evidence(row.evidence, onOpen)));
}

/** Passages of one status, with who claims them for alleged and denied. */
function statusCell(row, status) {
  const s = row.statuses.find((x) => x.status === status);
  if (!s) return el("td", { class: "n empty" }, "–");
  const by = s.claimed_by.length
    ? el("span", { class: "sub" }, "by " + s.claimed_by.map((c) => c.party).join(", "))
    : null;
  return el("td", { class: `n status-${status}`, dataset: { status } }, count(s.passages), by);
}

/** The evidence sentence, expandable to its whole passage. */
function evidence(e, onOpen) {
  const bytes = new TextEncoder().encode(e.text);
  const quote = new TextDecoder().decode(bytes.subarray(e.span.start, e.span.end));
  const source = [e.outlet, e.published && displayDate(e.published)].filter(Boolean).join(", ");
  return el("details", {},
    el("summary", {}, `“${quote}”`),
    el("p", { class: "passage" }, highlighted(e.text, [e.span])),
    el("p", { class: "sub" },
      el("button", { type: "button", class: "link", onclick: () => onOpen(e.article_id) }, e.title || e.article_id),
      source ? ` — ${source}` : ""));
}
