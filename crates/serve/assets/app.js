// The search page: state in the URL, one update per state change.

import { readState, apiParams, pageUrl, hasSearch, periodBounds, LISTS } from "./state.js";
import { getJson, facetCache } from "./api.js";
import { el, clear, count } from "./dom.js";
import { renderHits } from "./results.js";
import { renderFacet, renderChecks, renderChips } from "./filters.js";
import { renderDeals } from "./deals.js";
import { renderTimeline } from "./timeline.js";
import { openArticle, closeArticle } from "./reader.js";

const PAGE = 20;
const MAX_OFFSET = 1000; // the API's default cap on `offset`
const DEAL_ROWS = 25; // rows of the who-arms-whom table (most articles first)
const STATUSES = ["reported", "alleged", "denied", "planned"];

const $ = (id) => document.getElementById(id);
let state = readState(location.search);
let searchKey = null; // the parameters of the results on screen
let dealsKey = null; // the parameters of the who-arms-whom table on screen
let controller = null; // aborts the previous update's requests
let hits = [];
let timeline = []; // the by_month drawn last, to redraw on resize
let opened = ""; // the article last opened, to give focus back to its card

/** Applies `changes` to the state, records it in history, updates the page. */
function go(changes, push = true) {
  state = { ...state, ...changes };
  if (push) history.pushState(null, "", pageUrl(state));
  update();
}

/** A change of query or filters: back to the first page, reader closed. */
function refine(changes) {
  go({ offset: 0, article: "", passage: "", ...changes });
}

function update() {
  syncControls();
  const key = apiParams(state).toString() + "&offset=" + state.offset;
  if (key !== searchKey) {
    searchKey = key;
    runSearch();
  }
  syncReader();
}

function syncControls() {
  $("q").value = state.q;
  $("after").value = state.after;
  $("before").value = state.before;
  $("expand").checked = state.expand === "true";
  $("explain").checked = state.explain === "true";
  $("per_article").value = state.per_article;
  document.title = state.q ? `${state.q} — newsdex` : "newsdex — passage search";
  renderChecks($("statuses"), STATUSES, state.status, (status) => refine({ status }));
  renderChips($("parties"), state, ["supplier", "recipient", "party"], (changes) => refine(changes));
}

async function runSearch() {
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const searching = hasSearch(state);
  $("intro").hidden = searching;
  $("timeline-box").hidden = !searching;
  $("deals-box").hidden = !searching;
  clear($("warnings"));
  if (!searching) {
    hits = [];
    clear($("hits"));
    clear($("pager"));
    clear($("outlets"));
    clear($("agencies"));
    clear($("deals"));
    dealsKey = null;
    setStatus("");
    loadStats(signal);
    return;
  }
  setStatus("Searching…");
  const params = apiParams(state);
  params.set("limit", String(PAGE));
  if (state.offset) params.set("offset", String(state.offset));
  const facets = facetCache(signal);
  renderFacets(facets);
  loadDeals(signal);
  try {
    const results = await getJson("search", params, signal);
    hits = results.hits;
    renderHits($("hits"), hits, (hit) => go({ article: hit.article_id, passage: String(hit.ordinal) }));
    for (const w of results.warnings) $("warnings").append(el("li", {}, w));
    renderPager(results.hits.length);
    await summary(facets);
    syncReader();
  } catch (err) {
    if (err.name !== "AbortError") showError(err);
  }
}

/** "N matching articles · passages a–b". */
async function summary(facets) {
  const all = await facets(apiParams(state));
  const first = state.offset + 1;
  const last = state.offset + hits.length;
  setStatus(hits.length
    ? `${count(all.articles)} matching ${all.articles === 1 ? "article" : "articles"} · passages ${first}–${last}`
    : "No passages match." + (LISTS.some((key) => state[key].length) || state.after || state.before ? " Try fewer filters." : ""));
}

/** The facet lists and the timeline, each computed without its own filter
 * so that other outlets, agencies and months stay visible and pickable. */
function renderFacets(facets) {
  const failed = (err) => { if (err.name !== "AbortError") showError(err); };
  facets(apiParams(state, ["outlet"])).then((f) =>
    renderFacet($("outlets"), f.by_outlet, state.outlet, (outlet) => refine({ outlet })), failed);
  facets(apiParams(state, ["agency"])).then((f) =>
    renderFacet($("agencies"), f.by_agency, state.agency, (agency) => refine({ agency })), failed);
  facets(apiParams(state, ["after", "before"])).then((f) => {
    timeline = f.by_month;
    drawTimeline();
    $("timeline-hint").textContent = state.after || state.before
      ? "· the highlighted bars are in the date filter" : "· click a bar to see only that period";
  }, failed);
}

/** The who-arms-whom table for the query and filters (not paged). */
async function loadDeals(signal) {
  const box = $("deals");
  const params = apiParams(state, ["per_article", "explain"]);
  params.set("limit", String(DEAL_ROWS));
  // Paging and ranking options leave the table as it is.
  if (params.toString() === dealsKey) return;
  dealsKey = params.toString();
  clear(box).append(el("p", { class: "muted" }, "Counting arms transfers…"));
  try {
    const table = await getJson("deals", params, signal);
    renderDeals(box, table, {
      limit: DEAL_ROWS,
      onPick: (supplier, recipient) => refine({
        supplier: supplier ? [supplier] : [],
        recipient: recipient ? [recipient] : [],
      }),
      picked: (row) => sameNames(state.supplier, row.supplier) && sameNames(state.recipient, row.recipient),
      onOpen: (article) => go({ article, passage: "" }),
    });
  } catch (err) {
    dealsKey = null; // not shown: ask again next time
    if (err.name !== "AbortError") clear(box).append(el("p", { class: "error" }, "Error: " + err.message));
  }
}

/** Whether a filter's values are exactly a row's one name (or none for "?"). */
function sameNames(values, name) {
  if (!name) return values.length === 0;
  return values.length === 1 && values[0].toLowerCase() === name.toLowerCase();
}

function drawTimeline() {
  renderTimeline($("timeline"), timeline, inDateFilter, pickPeriod);
}

function inDateFilter(period) {
  if (!state.after && !state.before) return false;
  const [start, end] = periodBounds(period);
  return (!state.after || end >= state.after) && (!state.before || start <= state.before);
}

function pickPeriod(period) {
  const [after, before] = periodBounds(period);
  const same = state.after === after && state.before === before;
  refine(same ? { after: "", before: "" } : { after, before });
}

function renderPager(shown) {
  const pager = clear($("pager"));
  if (state.offset > 0) {
    pager.append(el("button", { type: "button", onclick: () => go({ offset: Math.max(0, state.offset - PAGE) }) }, "← Previous"));
  }
  if (shown === PAGE && state.offset + PAGE <= MAX_OFFSET) {
    pager.append(el("button", { type: "button", onclick: () => go({ offset: state.offset + PAGE }) }, "Next →"));
  }
}

let statsShown = false;
async function loadStats(signal) {
  if (statsShown) return;
  try {
    const s = await getJson("stats", null, signal);
    statsShown = true;
    const span = s.first_published ? ` from ${s.first_published} to ${s.last_published}` : "";
    $("index-info").textContent = `This index holds ${count(s.articles)} articles (${count(s.passages)} passages) from ${count(s.outlets.length)} outlets${span}.`;
  } catch (err) {
    if (err.name !== "AbortError") showError(err);
  }
}

function syncReader() {
  const panel = $("reader");
  if (!state.article) {
    if (!panel.hidden) closeArticle(panel);
    delete panel.dataset.open;
    return;
  }
  const ordinal = state.passage === "" ? null : Number(state.passage);
  if (panel.dataset.open === state.article + "#" + ordinal) return;
  panel.dataset.open = state.article + "#" + ordinal;
  opened = state.article;
  const hit = hits.find((h) => h.article_id === state.article && h.ordinal === ordinal);
  openArticle(panel, state.article, ordinal, hit && hit.highlights, closeReader);
}

function closeReader() {
  delete $("reader").dataset.open;
  go({ article: "", passage: "" });
  const card = opened && document.querySelector(`.hit[data-article="${CSS.escape(opened)}"] .open`);
  if (card) card.focus();
}

function setStatus(text) {
  $("status").textContent = text;
  $("status").classList.remove("error");
}

function showError(err) {
  $("status").textContent = "Error: " + err.message;
  $("status").classList.add("error");
}

function wire() {
  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    refine({ q: $("q").value.trim() });
  });
  $("after").addEventListener("change", (e) => refine({ after: e.target.value }));
  $("before").addEventListener("change", (e) => refine({ before: e.target.value }));
  $("any-date").addEventListener("click", () => refine({ after: "", before: "" }));
  $("expand").addEventListener("change", (e) => refine({ expand: String(e.target.checked) }));
  $("explain").addEventListener("change", (e) => refine({ explain: String(e.target.checked) }));
  $("per_article").addEventListener("change", (e) => refine({ per_article: e.target.value }));
  $("filters-toggle").addEventListener("click", (e) => {
    const open = document.body.classList.toggle("show-filters");
    e.currentTarget.setAttribute("aria-expanded", String(open));
  });
  window.addEventListener("popstate", () => {
    state = readState(location.search);
    update();
  });
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest && e.target.closest("input, select, textarea");
    if (e.key === "/" && !typing) {
      e.preventDefault();
      $("q").focus();
      $("q").select();
    } else if (e.key === "Escape" && state.article) {
      closeReader();
    }
  });
  // The chart is drawn to its box's width: redraw when that changes (a
  // resized window, the reader opening beside the list).
  let width = 0;
  new ResizeObserver(([entry]) => {
    const now = Math.round(entry.contentRect.width);
    if (now && Math.abs(now - width) > 8 && timeline.length) {
      width = now;
      drawTimeline();
    }
  }).observe($("timeline"));
}

wire();
update();
