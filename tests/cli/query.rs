//! `search query`: JSON schema, filters, expansion, facets, flag errors.

use serde_json::Value;

use super::{sample_index, search, stdout_ok};

fn query_json(index: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["query", "--index", index, "--json"];
    all.extend_from_slice(args);
    stdout_ok(&search(&all))
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn json_hits_carry_every_documented_field() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let hits = query_json(&index, &["--explain", "arms dealings"]);
    assert!(!hits.is_empty());
    for field in [
        "rank",
        "score",
        "article_id",
        "title",
        "outlet",
        "agency",
        "published",
        "url",
        "section",
        "kind",
        "ordinal",
        "text",
        "highlights",
        "highlighted",
        "also_in",
        "matched",
        "transfers",
    ] {
        assert!(hits[0].get(field).is_some(), "missing {field}: {}", hits[0]);
    }
    assert!(hits[0]["highlighted"].as_str().unwrap().contains("«arms dealings»"), "{}", hits[0]);
    assert!(hits.iter().any(|h| h["article_id"] == "000_fd4d41a332000427"));
    let text = hits[0]["text"].as_str().unwrap();
    for range in hits[0]["highlights"].as_array().unwrap() {
        let (start, end) = (range["start"].as_u64().unwrap(), range["end"].as_u64().unwrap());
        assert!(start < end && end as usize <= text.len());
    }
    let ranks: Vec<u64> = hits.iter().map(|h| h["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, (1..=hits.len() as u64).collect::<Vec<_>>());
}

#[test]
fn filters_by_outlet_agency_and_date() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let nk = query_json(&index, &["--outlet", "NK News", "North Korea"]);
    assert!(!nk.is_empty());
    assert!(nk.iter().all(|h| h["outlet"] == "NK News"));
    let in_text = query_json(&index, &["outlet:\"NK News\" North Korea"]);
    assert_eq!(nk, in_text, "flag and query syntax agree");

    let afp = query_json(&index, &["--agency", "AFP", "North Korea"]);
    assert!(!afp.is_empty() && afp.iter().all(|h| h["agency"] == "AFP"));

    let recent = query_json(&index, &["--after", "2023-01-01", "drones"]);
    assert!(!recent.is_empty());
    assert!(recent.iter().all(|h| h["published"].as_str().unwrap() >= "2023-01-01"));
    assert!(query_json(&index, &["--before", "1980-01-01", "drones"]).is_empty());
}

#[test]
fn expansion_finds_passages_that_use_other_names() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    // This NK News article never says "North Korea": only DPRK / Pyongyang.
    let id = "002_rail_cars_tumangang";
    let expanded = query_json(&index, &["--limit", "50", "North Korea munitions"]);
    assert!(expanded.iter().any(|h| h["article_id"] == id));
    let plain = query_json(&index, &["--limit", "50", "--no-expand", "North Korea"]);
    assert!(plain.iter().all(|h| h["article_id"] != id));
}

#[test]
fn facets_count_matching_articles_by_outlet_and_month() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let out = stdout_ok(&search(&[
        "query",
        "--index",
        &index,
        "--json",
        "--facets",
        "--no-expand",
        "+arms +dealings",
    ]));
    let facets: Value = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v.get("facets").is_some())
        .expect("a facets line");
    let by_month = facets["facets"]["by_month"].as_array().unwrap();
    // The seed (2022-11) is the only November 2022 article with both words.
    assert!(by_month.iter().any(|m| m[0] == "2022-11" && m[1] == 1), "{facets}");
}

#[test]
fn transfer_operators_and_flags_filter_by_role_and_status() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let denied = query_json(&index, &["--limit", "50", "supplier:DPRK status:denied"]);
    assert!(!denied.is_empty());
    for hit in &denied {
        let transfers = hit["transfers"].as_array().unwrap();
        let ok =
            transfers.iter().any(|t| t["supplier"] == "North Korea" && t["status"] == "denied");
        assert!(ok, "{hit}");
    }
    let flags =
        query_json(&index, &["--limit", "50", "--supplier", "DPRK", "--status", "denied", ""]);
    assert_eq!(flags, denied, "flags and operators agree");
    let to_korea = query_json(&index, &["recipient:\"South Korea\""]);
    for hit in &to_korea {
        let transfers = hit["transfers"].as_array().unwrap();
        assert!(transfers.iter().any(|t| t["recipient"] == "South Korea"), "{hit}");
    }
    let either = query_json(&index, &["--limit", "50", "--party", "Iran", "drones"]);
    assert!(!either.is_empty());

    let out = search(&["query", "--index", &index, "--json", "shells status:rumoured"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("rumoured"));
    let bad = search(&["query", "--index", &index, "--status", "rumoured", "shells"]);
    assert_eq!(bad.status.code(), Some(2), "a bad flag value is a usage error");
}

#[test]
fn the_terminal_shows_one_line_per_transfer() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let out = stdout_ok(&search(&[
        "query",
        "--index",
        &index,
        "--explain",
        "DPRK denies shells for Russia",
    ]));
    assert!(out.starts_with("query read as:"), "{out}");
    assert!(out.contains("▸ North Korea → Russia · "), "{out}");
    let denied = stdout_ok(&search(&["query", "--index", &index, "supplier:DPRK status:denied"]));
    assert!(
        denied.contains(
            "▸ North Korea → Russia · artillery and ammunition · denied (by North Korea)"
        ),
        "{denied}"
    );
}

#[test]
fn the_roles_flag_sets_the_feature_weight() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let query = "DPRK denies shells for Russia";
    let scores = |args: &[&str]| -> Vec<(String, f64)> {
        let mut all = vec!["--limit", "5"];
        all.extend_from_slice(args);
        all.push(query);
        let hits = query_json(&index, &all);
        let id = |h: &Value| h["article_id"].as_str().unwrap().to_string();
        hits.iter().map(|h| (id(h), h["score"].as_f64().unwrap())).collect()
    };
    assert_eq!(scores(&[]), scores(&["--roles", "0.1"]), "0.1 by default");
    assert_ne!(scores(&[]), scores(&["--roles", "0"]));
    assert_ne!(scores(&[]), scores(&["--roles", "1"]));
    for bad in ["nan", "inf", "heavy"] {
        let out = search(&["query", "--index", &index, "--roles", bad, "shells"]);
        assert_eq!(out.status.code(), Some(2), "--roles {bad} is a usage error");
    }
}

#[test]
fn a_bad_date_flag_is_a_usage_error() {
    let out = search(&["query", "--index", "/tmp", "--after", "2022-13-45", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2022-13-45"));
}
