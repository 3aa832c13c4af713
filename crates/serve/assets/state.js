// The page's state lives in its URL: `/?q=arms+dealings&outlet=NK+News`.
// Filter and option names are the API's parameter names, so a page URL's
// query string is (minus the page-only `article`/`passage`) an API query.

const DEFAULTS = { per_article: "2", expand: "true", explain: "false" };

/** The state held by a query string. */
export function readState(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get("q") || "",
    after: p.get("after") || "",
    before: p.get("before") || "",
    outlet: p.getAll("outlet").filter(Boolean),
    agency: p.getAll("agency").filter(Boolean),
    // Arms-transfer filters: who supplies, who receives, either side, how
    // the passage presents it.
    supplier: p.getAll("supplier").filter(Boolean),
    recipient: p.getAll("recipient").filter(Boolean),
    party: p.getAll("party").filter(Boolean),
    status: p.getAll("status").filter(Boolean),
    offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0),
    per_article: p.get("per_article") || DEFAULTS.per_article,
    expand: p.get("expand") || DEFAULTS.expand,
    explain: p.get("explain") || DEFAULTS.explain,
    // Page-only: the article open in the reader, and its marked passage.
    article: p.get("article") || "",
    passage: p.get("passage") || "",
  };
}

/** The filters that take several values (any of them matches). */
export const LISTS = ["outlet", "agency", "supplier", "recipient", "party", "status"];

/** API parameters for `state`; `omit` drops some (a facet left unfiltered
 * by itself, the options `/api/deals` does not take). Defaults are left
 * out so URLs stay short. */
export function apiParams(state, omit = []) {
  const p = new URLSearchParams();
  const skip = new Set(omit);
  if (state.q) p.set("q", state.q);
  for (const key of ["after", "before"]) if (state[key] && !skip.has(key)) p.set(key, state[key]);
  for (const key of LISTS) if (!skip.has(key)) for (const v of state[key]) p.append(key, v);
  for (const key of Object.keys(DEFAULTS)) if (state[key] !== DEFAULTS[key] && !skip.has(key)) p.set(key, state[key]);
  return p;
}

/** The page URL for `state`. */
export function pageUrl(state) {
  const p = apiParams(state);
  if (state.offset) p.set("offset", String(state.offset));
  if (state.article) {
    p.set("article", state.article);
    if (state.passage !== "") p.set("passage", state.passage);
  }
  const query = p.toString();
  return query ? "/?" + query : "/";
}

/** Whether the state asks for a search at all. */
export function hasSearch(state) {
  return Boolean(state.q.trim() || state.after || state.before || LISTS.some((key) => state[key].length));
}

/** First and last day of a `YYYY-MM` month, or of a `YYYY` year. */
export function periodBounds(period) {
  const [y, m] = period.split("-").map(Number);
  if (!m) return [`${y}-01-01`, `${y}-12-31`];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return [`${y}-${mm}-01`, `${y}-${mm}-${String(last).padStart(2, "0")}`];
}
