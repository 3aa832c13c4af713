// The reader: a whole article, with the hit's passage marked and scrolled to.

import { el, clear, displayDate, highlighted, outsideLink } from "./dom.js";
import { getJson } from "./api.js";
import { transferLine } from "./deals.js";

/**
 * Loads article `id` into `panel` and marks passage `ordinal` (its matched
 * words too, when `highlights` are given). `onClose` is called by the close
 * button. The panel's `data-open` names what was asked for: an answer that
 * arrives after it changed is dropped.
 */
export async function openArticle(panel, id, ordinal, highlights, onClose) {
  panel.hidden = false;
  document.body.classList.add("reading");
  clear(panel).append(el("p", { class: "muted" }, "Loading article…"));
  const wanted = panel.dataset.open;
  let article;
  try {
    article = await getJson("articles/" + encodeURIComponent(id));
  } catch (err) {
    article = err;
  }
  // Another article was asked for (or the reader closed) meanwhile.
  if (panel.dataset.open !== wanted) return;
  if (article instanceof Error) {
    clear(panel).append(closeButton(onClose), el("p", { class: "error" }, article.message));
    return;
  }
  clear(panel).append(
    closeButton(onClose),
    el("header", {},
      el("h2", { id: "reader-title" }, article.title || "(untitled)"),
      el("p", { class: "meta" },
        [article.outlet, displayDate(article.published), article.agency].filter(Boolean).join(" · "),
        " ", outsideLink(article.url, "original ↗"))),
    ...article.passages.flatMap((p) => [
      passageNode(p, p.ordinal === ordinal ? highlights : null, p.ordinal === ordinal),
      transferList(p),
    ].filter(Boolean)));
  panel.focus({ preventScroll: true });
  const current = panel.querySelector(".current");
  if (current) current.scrollIntoView({ block: "center" });
}

/** Hides the reader. */
export function closeArticle(panel) {
  panel.hidden = true;
  document.body.classList.remove("reading");
  clear(panel);
}

function closeButton(onClose) {
  return el("button", { type: "button", class: "close", "aria-label": "Close article (Esc)", onclick: onClose }, "×");
}

function passageNode(p, highlights, current) {
  const text = highlights ? highlighted(p.text, highlights) : p.text;
  const props = { class: "passage " + p.kind + (current ? " current" : ""), dataset: { ordinal: p.ordinal } };
  if (p.kind === "heading") return el("h3", props, text);
  if (p.kind === "caption") return el("p", props, el("span", { class: "label" }, "Caption "), text);
  return el("p", props, text);
}

/** The arms transfers of a passage, one line each (as under a hit). */
function transferList(p) {
  if (!p.transfers || !p.transfers.length) return null;
  return el("ul", { class: "transfers", "aria-label": "Arms transfers in this passage" },
    p.transfers.map((t) => el("li", { class: `transfer status-${t.status}` }, transferLine(t))));
}
