// Calls to the JSON API. Errors come back as {"status", "error"}; they are
// thrown as Error with the server's message.

/** GET `/api/<path>?<params>` as JSON. */
export async function getJson(path, params, signal) {
  const query = params && params.toString();
  const response = await fetch("/api/" + path + (query ? "?" + query : ""), {
    signal,
    headers: { Accept: "application/json" },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // fall through: a non-JSON answer is reported by status below
  }
  if (!response.ok) {
    throw new Error((body && body.error) || `the server answered ${response.status}`);
  }
  return body;
}

/** Fetches facets once per distinct parameter set within one page update. */
export function facetCache(signal) {
  const seen = new Map();
  return (params) => {
    const key = params.toString();
    if (!seen.has(key)) seen.set(key, getJson("facets", params, signal));
    return seen.get(key);
  };
}
