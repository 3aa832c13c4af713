//! The JSON API: status codes, shapes, limits, errors and headers.

use std::time::Duration;

use newsdex_serve::RouterBuilder;
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

use crate::common::{sample_index, sample_server, start, HOSTILE_ID, HOSTILE_TITLE, SEED};

async fn get(url: &str) -> Response {
    reqwest::get(url).await.expect("request")
}

async fn json(url: &str) -> (StatusCode, Value) {
    let response = get(url).await;
    let status = response.status();
    let content_type = response.headers()["content-type"].to_str().unwrap().to_string();
    assert_eq!(content_type, "application/json", "{url}");
    (status, response.json().await.expect("JSON body"))
}

/// An error answer: the status and the message, which must mention `needle`.
async fn error(url: &str, status: StatusCode, needle: &str) {
    let (got, body) = json(url).await;
    assert_eq!(got, status, "{url}: {body}");
    assert_eq!(body["status"], status.as_u16(), "{body}");
    let message = body["error"].as_str().expect("an error message");
    assert!(message.contains(needle), "{url}: {message:?} should mention {needle:?}");
}

#[tokio::test]
async fn search_answers_with_the_library_results() {
    let server = sample_server().await;
    let (status, body) = json(&format!("{}/api/search?q=arms+dealings", server.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["warnings"].as_array().unwrap().is_empty());
    assert!(body["total_candidates"].as_u64().unwrap() > 0);
    let hits = body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 10, "the library's default limit");
    let seed = hits.iter().find(|h| h["article_id"] == SEED).expect("the seed's passage");
    for field in ["rank", "score", "title", "outlet", "published", "url", "kind", "ordinal"] {
        assert!(!seed[field].is_null(), "{field} in {seed}");
    }
    assert!(seed["highlighted"].as_str().unwrap().contains("«arms dealings»"), "{seed}");
    let text = seed["text"].as_str().unwrap();
    let first = &seed["highlights"][0];
    let (start, end) = (first["start"].as_u64().unwrap(), first["end"].as_u64().unwrap());
    assert_eq!(&text[start as usize..end as usize], "arms dealings");
}

#[tokio::test]
async fn search_options_are_query_parameters() {
    let server = sample_server().await;
    let url = |q: &str| format!("{}/api/search?{q}", server.base);
    let (_, two) = json(&url("q=North+Korea&limit=2")).await;
    assert_eq!(two["hits"].as_array().unwrap().len(), 2);
    let (_, next) = json(&url("q=North+Korea&limit=2&offset=2")).await;
    assert_eq!(next["hits"][0]["rank"], 3);
    let (_, nk) = json(&url("q=North+Korea&outlet=NK+News&outlet=nobody&limit=50")).await;
    let nk = nk["hits"].as_array().unwrap();
    assert!(!nk.is_empty() && nk.iter().all(|h| h["outlet"] == "NK News"), "{nk:?}");
    let (_, afp) = json(&url("q=North+Korea&agency=afp&limit=50")).await;
    let afp = afp["hits"].as_array().unwrap();
    assert!(!afp.is_empty() && afp.iter().all(|h| h["agency"] == "AFP"));
    let (_, dated) = json(&url("q=North+Korea&after=2023-01-01&before=2023-12-31&limit=50")).await;
    for hit in dated["hits"].as_array().unwrap() {
        assert!(hit["published"].as_str().unwrap().starts_with("2023"), "{hit}");
    }
    let (_, explained) = json(&url("q=DPRK+shells&explain=true&limit=1")).await;
    assert!(!explained["hits"][0]["matched"].as_array().unwrap().is_empty());
    assert!(explained["hits"][0]["features"].is_object());
    let (_, plain) = json(&url("q=DPRK+shells&expand=false&ranking=plain&highlight=false")).await;
    assert!(plain["hits"][0]["highlights"].as_array().unwrap().is_empty());
    let (_, warned) = json(&url("q=%22unclosed+phrase+outlet%3A")).await;
    assert!(!warned["warnings"].as_array().unwrap().is_empty(), "{warned}");
}

/// The row of `supplier` → `recipient` in a `/api/deals` answer.
fn deal_row<'a>(table: &'a Value, supplier: &str, recipient: &str) -> &'a Value {
    let rows = table["rows"].as_array().expect("rows");
    rows.iter()
        .find(|r| r["supplier"] == supplier && r["recipient"] == recipient)
        .unwrap_or_else(|| panic!("no {supplier} → {recipient} row in {table}"))
}

/// A row's counts for one status.
fn deal_status<'a>(row: &'a Value, name: &str) -> &'a Value {
    let statuses = row["statuses"].as_array().expect("statuses");
    statuses.iter().find(|s| s["status"] == name).unwrap_or_else(|| panic!("no {name} in {row}"))
}

#[tokio::test]
async fn search_takes_the_transfer_filters_and_hits_carry_their_transfers() {
    let server = sample_server().await;
    let url = |q: &str| format!("{}/api/search?{q}", server.base);
    let (status, body) =
        json(&url("q=artillery&supplier=DPRK&recipient=Russia&status=denied&limit=50")).await;
    assert_eq!(status, StatusCode::OK);
    let hits = body["hits"].as_array().unwrap();
    assert!(hits.iter().any(|h| h["article_id"] == SEED), "the seed's denial: {body}");
    for hit in hits {
        let transfers = hit["transfers"].as_array().expect("transfers on every hit");
        let denial = transfers.iter().any(|t| {
            t["supplier"] == "North Korea" && t["recipient"] == "Russia" && t["status"] == "denied"
        });
        assert!(denial, "every hit has the filtered transfer: {hit}");
    }
    let seed = hits.iter().find(|h| h["article_id"] == SEED).unwrap();
    let denial =
        seed["transfers"].as_array().unwrap().iter().find(|t| t["status"] == "denied").unwrap();
    assert_eq!(denial["claimed_by"], "North Korea");
    assert!(denial["item"].is_string() && denial["span"]["end"].as_u64().unwrap() > 0);
    // Repeated values mean any of them; a party matches either side.
    let (_, either) = json(&url("q=North+Korea&status=denied&status=alleged&limit=50")).await;
    assert!(!either["hits"].as_array().unwrap().is_empty());
    let (_, party) = json(&url("party=Russia&limit=50")).await;
    for hit in party["hits"].as_array().unwrap() {
        let sides = |t: &Value| [t["supplier"].clone(), t["recipient"].clone()];
        let transfers = hit["transfers"].as_array().unwrap();
        assert!(transfers.iter().any(|t| sides(t).contains(&"Russia".into())), "{hit}");
    }
    let bad = StatusCode::BAD_REQUEST;
    error(&url("q=x&status=rumoured"), bad, "reported, alleged, denied or planned").await;
    error(&url("q=x&supplier="), bad, "`supplier`").await;
    error(&url("q=x&by=month"), bad, "unknown parameter `by`").await;
}

#[tokio::test]
async fn deals_answer_with_the_who_arms_whom_table() {
    let server = sample_server().await;
    let url = |q: &str| format!("{}/api/deals?{q}", server.base);
    let (status, table) = json(&url("")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(table["passages"].as_u64().unwrap() > 0);
    assert!(table["warnings"].as_array().unwrap().is_empty());
    let nk = deal_row(&table, "North Korea", "Russia");
    for field in ["passages", "articles", "items", "first", "last", "outlets", "evidence"] {
        assert!(!nk[field].is_null(), "{field} in {nk}");
    }
    assert!(nk.get("timeline").is_none(), "no timeline unless asked: {nk}");
    let denied = deal_status(nk, "denied");
    assert!(denied["passages"].as_u64().unwrap() >= 1, "{denied}");
    let claimants = denied["claimed_by"].as_array().unwrap();
    assert!(claimants.iter().any(|c| c["party"] == "North Korea"), "{denied}");
    assert_eq!(denied["evidence"]["article_id"], SEED);
    let evidence = &nk["evidence"];
    let text = evidence["text"].as_str().unwrap();
    let end = evidence["span"]["end"].as_u64().unwrap() as usize;
    assert!(evidence["span"]["start"].as_u64().unwrap() < end as u64 && end <= text.len());

    // The same filters as search; they also select the transfers counted.
    let (_, filtered) = json(&url("supplier=Pyongyang&status=denied")).await;
    let rows = filtered["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row["supplier"], "North Korea", "{row}");
        assert!(row["statuses"].as_array().unwrap().iter().all(|s| s["status"] == "denied"));
    }
    let (_, one) = json(&url("limit=1")).await;
    assert_eq!(one["rows"].as_array().unwrap().len(), 1);
    assert_eq!(one["rows"][0], table["rows"][0], "most articles first");
    let (_, monthly) = json(&url("q=North+Korea&by=month")).await;
    let months = deal_row(&monthly, "North Korea", "Russia")["timeline"].as_array().unwrap();
    assert!(months.iter().any(|m| m["month"] == "2022-11"), "{months:?}");
    let (_, none) = json(&url("before=1980-01-01")).await;
    assert!(none["rows"].as_array().unwrap().is_empty());

    let bad = StatusCode::BAD_REQUEST;
    error(&url("by=year"), bad, "`by`: month").await;
    error(&url("limit=5000"), bad, "from 0 to 1000").await;
    error(&url("offset=2"), bad, "unknown parameter `offset`").await;
    error(&url("status=maybe"), bad, "`status`").await;
    error(&url("by=month&by=month"), bad, "more than once").await;
}

#[tokio::test]
async fn facets_stats_and_articles() {
    let server = sample_server().await;
    let base = &server.base;
    let (status, facets) = json(&format!("{base}/api/facets?q=arms+dealings&limit=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(facets["articles"].as_u64().unwrap() >= 2);
    for key in ["by_outlet", "by_agency", "by_month"] {
        let pairs = facets[key].as_array().unwrap();
        assert!(!pairs.is_empty(), "{key}");
        assert!(pairs.iter().all(|p| p[0].is_string() && p[1].as_u64().unwrap() > 0));
    }
    assert!(facets["by_month"].as_array().unwrap().iter().any(|m| m[0] == "2022-11"));

    let (_, stats) = json(&format!("{base}/api/stats")).await;
    let in_lib = sample_index().stats().unwrap();
    assert_eq!(stats["articles"], in_lib.articles);
    assert_eq!(stats["passages"], in_lib.passages);

    let (status, seed) = json(&format!("{base}/api/articles/{SEED}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seed["outlet"], "The Moscow Times");
    let passages = seed["passages"].as_array().unwrap();
    assert_eq!(passages[0]["kind"], "caption");
    let ordinals: Vec<u64> = passages.iter().map(|p| p["ordinal"].as_u64().unwrap()).collect();
    assert_eq!(ordinals, (0..passages.len() as u64).collect::<Vec<_>>());

    let encoded: String = form_urlencoded_path(HOSTILE_ID);
    let (status, hostile) = json(&format!("{base}/api/articles/{encoded}")).await;
    assert_eq!(status, StatusCode::OK, "{hostile}");
    assert_eq!(hostile["title"], HOSTILE_TITLE);
    error(&format!("{base}/api/articles/no-such-id"), StatusCode::NOT_FOUND, "no-such-id").await;
}

/// Whether an HTML text holds an attribute like ` onclick=`.
fn has_inline_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(i, _)| {
        let rest = &html[i + 3..];
        let name_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        name_len > 0 && rest[name_len..].starts_with('=')
    })
}

/// Percent-encodes every byte outside unreserved characters, as the page's
/// `encodeURIComponent` does.
fn form_urlencoded_path(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn bad_requests_get_json_errors_that_say_what_and_where() {
    let server = sample_server().await;
    let base = &server.base;
    let bad = StatusCode::BAD_REQUEST;
    error(&format!("{base}/api/search?q=x&limit=0"), bad, "`limit`").await;
    error(&format!("{base}/api/search?q=x&limit=101"), bad, "from 1 to 100").await;
    error(&format!("{base}/api/search?q=x&offset=5000"), bad, "`offset`").await;
    error(&format!("{base}/api/search?q=x&after=yesterday"), bad, "YYYY-MM-DD").await;
    error(&format!("{base}/api/search?q=x&outlets=A"), bad, "unknown parameter `outlets`").await;
    error(&format!("{base}/api/facets?q=x&q=y"), bad, "more than once").await;
    let long = "a+".repeat(1001);
    error(&format!("{base}/api/search?q={long}"), bad, "at most 1000 characters").await;
    error(&format!("{base}/api/stats?verbose=1"), bad, "unknown parameter `verbose`").await;
    error(&format!("{base}/api/nothing"), StatusCode::NOT_FOUND, "/api/nothing").await;
    error(&format!("{base}/nothing"), StatusCode::NOT_FOUND, "/nothing").await;

    let post = Client::new().post(format!("{base}/api/search?q=x")).send().await.unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = post.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("read-only"), "{body}");

    let big = Client::new().get(format!("{base}/api/stats")).body(vec![b'x'; 64 << 10]);
    assert_eq!(big.send().await.unwrap().status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn limits_can_be_set_and_slow_requests_time_out() {
    let index = sample_index();
    let strict = start(RouterBuilder::new(index.clone()).max_limit(3).max_offset(5)).await;
    error(&format!("{}/api/search?q=x&limit=4", strict.base), StatusCode::BAD_REQUEST, "1 to 3")
        .await;
    error(&format!("{}/api/search?q=x&offset=6", strict.base), StatusCode::BAD_REQUEST, "0 to 5")
        .await;
    // A zero timeout expires before any blocking work can finish.
    let hasty = start(RouterBuilder::new(index).timeout(Duration::ZERO)).await;
    let url = format!("{}/api/search?q=arms", hasty.base);
    error(&url, StatusCode::SERVICE_UNAVAILABLE, "took longer than 0 s").await;
}

#[tokio::test]
async fn requests_beyond_the_concurrency_limit_wait_their_turn() {
    let server = start(RouterBuilder::new(sample_index()).max_concurrent(1)).await;
    let client = Client::new();
    let requests = (0..16).map(|i| {
        let url = format!("{}/api/search?q=North+Korea+{i}", server.base);
        let client = client.clone();
        async move { client.get(url).send().await.unwrap().status() }
    });
    let statuses = futures_join_all(requests).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::OK), "{statuses:?}");
}

/// Runs the futures concurrently on this runtime and collects their outputs.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_no_cors_by_default() {
    let server = sample_server().await;
    for path in ["/", "/assets/app.js", "/api/search?q=x", "/api/nothing"] {
        let response = Client::new()
            .get(format!("{}{path}", server.base))
            .header("Origin", "https://elsewhere.example")
            .send()
            .await
            .unwrap();
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert_eq!(h["x-frame-options"], "DENY");
        assert!(h.get("access-control-allow-origin").is_none(), "{path}: CORS is off");
    }
}

#[tokio::test]
async fn cors_and_host_checks_are_opt_in() {
    let mut builder = RouterBuilder::new(sample_index());
    builder.cors_origins(["https://desk.example"]).allowed_hosts(["localhost", "127.0.0.1"]);
    let server = start(&builder).await;
    let client = Client::new();
    let url = format!("{}/api/stats", server.base);
    let response = client.get(&url).header("Origin", "https://desk.example").send().await.unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "https://desk.example");
    let other = client.get(&url).header("Origin", "https://other.example").send().await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    let rebound = client.get(&url).header("Host", "attacker.example:8080").send().await.unwrap();
    assert_eq!(rebound.status(), StatusCode::FORBIDDEN);
    let localhost = client.get(&url).header("Host", "localhost:8080").send().await.unwrap();
    assert_eq!(localhost.status(), StatusCode::OK);
    assert!(RouterBuilder::new(sample_index()).cors_origins(["bad\norigin"]).build().is_err());
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_with_no_inline_script() {
    let server = sample_server().await;
    let page = get(&format!("{}/", server.base)).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let html = page.text().await.unwrap();
    assert_eq!(html.matches("<script").count(), 1, "one script tag");
    assert!(html.contains(r#"<script type="module" src="/assets/app.js"></script>"#));
    assert!(!html.contains("style=") && !has_inline_handler(&html), "no inline style or handlers");
    // Every module the page imports is served, as JavaScript.
    let mut pending = vec!["app.js".to_string()];
    let mut seen = Vec::new();
    while let Some(name) = pending.pop() {
        if seen.contains(&name) {
            continue;
        }
        let response = get(&format!("{}/assets/{name}", server.base)).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        assert_eq!(response.headers()["content-type"], "text/javascript; charset=utf-8");
        let js = response.text().await.unwrap();
        assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML"), "{name}");
        for import in js.split("from \"./").skip(1) {
            pending.push(import.split('"').next().unwrap().to_string());
        }
        seen.push(name);
    }
    assert!(seen.len() >= 5, "{seen:?}");
    for (asset, kind) in [("style.css", "text/css; charset=utf-8"), ("icon.svg", "image/svg+xml")] {
        let response = get(&format!("{}/assets/{asset}", server.base)).await;
        assert_eq!(response.headers()["content-type"], kind);
    }
    error(&format!("{}/assets/nope.js", server.base), StatusCode::NOT_FOUND, "nope.js").await;
}
