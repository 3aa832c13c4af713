//! `search index`, `search stats` and exit codes.

use super::{sample, sample_index, search, stdout_ok};

#[test]
fn index_summary_counts_rejections_and_reindexing_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx").display().to_string();
    let report = dir.path().join("rejected.jsonl");
    let report_arg = report.display().to_string();
    let bad = sample("bad");
    let out = stdout_ok(&search(&["index", "--index", &index, "--report", &report_arg, &bad]));
    // bad/: mixed.jsonl (1 invalid JSON line, 1 empty record, 3 good),
    // notes.xyz (unknown type), latin1-pele.txt (accepted with a warning).
    assert!(out.contains("accepted    4 articles"), "{out}");
    assert!(out.contains("rejected    3 records"), "{out}");
    assert!(out.contains("warnings    1"), "{out}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let reasons: Vec<&str> = lines.iter().map(|l| l["reason"].as_str().unwrap()).collect();
    assert!(reasons.contains(&"invalid-json") && reasons.contains(&"empty"), "{reasons:?}");
    assert!(reasons.contains(&"unknown-format"), "{reasons:?}");
    assert!(lines.iter().all(|l| l["path"].as_str().is_some_and(|p| !p.is_empty())));

    let stats = |index: &str| stdout_ok(&search(&["stats", "--index", index, "--json"]));
    let before: serde_json::Value = serde_json::from_str(&stats(&index)).unwrap();
    stdout_ok(&search(&["index", "--index", &index, &bad]));
    let after: serde_json::Value = serde_json::from_str(&stats(&index)).unwrap();
    assert_eq!(before["articles"], after["articles"]);
    assert_eq!(before["passages"], after["passages"]);
    assert_eq!(after["articles"], 4);
}

#[test]
fn stats_reports_outlets_and_dates_of_the_sample() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_ok(&search(&["stats", "--index", &index, "--json"]))).unwrap();
    // 40 articles in text/, jsonl/ and html/; one exact duplicate is not indexed.
    assert_eq!(stats["articles"], 39, "{stats}");
    let outlets = stats["outlets"].as_array().unwrap();
    let reuters = outlets.iter().find(|o| o[0] == "Reuters").expect("Reuters counted");
    assert!(reuters[1].as_u64().unwrap() >= 5, "{reuters}");
    assert_eq!(stats["first_published"].as_str().map(|d| &d[..10]), Some("1986-11-13"));
    assert_eq!(stats["last_published"].as_str().map(|d| &d[..10]), Some("2024-11-27"));
}

#[test]
fn errors_are_one_line_with_a_non_zero_exit_code() {
    let missing = search(&["stats", "--index", "/nonexistent/newsdex-index"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.starts_with("search: ") && err.contains("/nonexistent/newsdex-index"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    let unreadable = search(&["index", "--index", "/tmp/x", "/nonexistent/input.jsonl"]);
    assert_eq!(unreadable.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("/nonexistent/input.jsonl"));

    let bad_flag = search(&["index", "--no-such-flag"]);
    assert_eq!(bad_flag.status.code(), Some(2));
}
