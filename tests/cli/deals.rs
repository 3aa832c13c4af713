//! `search deals`: the done-when check on the sample corpus, and
//! the JSON, CSV, timeline and terminal outputs.

use serde_json::Value;

use super::{sample_index, search, stdout_ok};

const SEED: &str = "000_fd4d41a332000427";

fn deals_json(index: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["deals", "--index", index, "--json"];
    all.extend_from_slice(args);
    stdout_ok(&search(&all))
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn pair<'a>(rows: &'a [Value], supplier: &str, recipient: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["supplier"] == supplier && r["recipient"] == recipient)
        .unwrap_or_else(|| panic!("no {supplier} → {recipient} row"))
}

fn status<'a>(row: &'a Value, name: &str) -> &'a Value {
    let statuses = row["statuses"].as_array().expect("statuses");
    statuses.iter().find(|s| s["status"] == name).unwrap_or_else(|| panic!("no {name}: {row}"))
}

fn claimants(status: &Value) -> Vec<&str> {
    status["claimed_by"].as_array().unwrap().iter().map(|c| c["party"].as_str().unwrap()).collect()
}

/// The check: North Korea → Russia, denied (claimed by North Korea)
/// and alleged (claimed by the United States), with evidence from the seed.
#[test]
fn north_korea_to_russia_is_denied_by_north_korea_and_alleged_by_the_united_states() {
    let dir = sample_index();
    let rows = deals_json(&dir.path().display().to_string(), &[]);
    let nk = pair(&rows, "North Korea", "Russia");
    let denied = status(nk, "denied");
    assert!(denied["passages"].as_u64().unwrap() >= 1);
    assert!(claimants(denied).contains(&"North Korea"), "{denied}");
    assert_eq!(denied["evidence"]["article_id"], SEED);
    let alleged = status(nk, "alleged");
    assert!(alleged["passages"].as_u64().unwrap() >= 1);
    assert!(claimants(alleged).contains(&"United States"), "{alleged}");
    assert_eq!(alleged["evidence"]["article_id"], SEED);
    assert_eq!(nk["evidence"]["article_id"], SEED);
    for field in ["passages", "articles", "items", "first", "last", "outlets"] {
        assert!(nk.get(field).is_some(), "missing {field}: {nk}");
    }
    let evidence = &nk["evidence"];
    let text = evidence["text"].as_str().unwrap();
    let (start, end) =
        (evidence["span"]["start"].as_u64().unwrap(), evidence["span"]["end"].as_u64().unwrap());
    assert!(start < end && end as usize <= text.len());
}

#[test]
fn filters_query_and_timeline() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let denied = deals_json(&index, &["--status", "denied", "--supplier", "DPRK"]);
    assert!(!denied.is_empty());
    for row in &denied {
        assert_eq!(row["supplier"], "North Korea");
        let statuses = row["statuses"].as_array().unwrap();
        assert!(statuses.iter().all(|s| s["status"] == "denied"), "{row}");
    }
    assert_eq!(denied, deals_json(&index, &["supplier:Pyongyang status:denied"]));
    let drones = deals_json(&index, &["Shahed", "drones"]);
    assert!(drones.iter().any(|r| r["supplier"] == "Iran"), "{drones:?}");
    assert!(deals_json(&index, &["--before", "1980-01-01"]).is_empty());
    let by_month = deals_json(&index, &["--by", "month"]);
    let months = pair(&by_month, "North Korea", "Russia")["timeline"].as_array().unwrap().clone();
    assert!(months.iter().any(|m| m["month"] == "2022-11"), "{months:?}");
}

#[test]
fn csv_and_terminal_table() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let out = stdout_ok(&search(&["deals", "--index", &index, "--csv"]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    for column in ["supplier", "recipient", "denied_passages", "claimed_by", "evidence_text"] {
        assert!(header.iter().any(|h| h == column), "missing {column}: {header:?}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let nk = rows
        .iter()
        .find(|r| &r[col("supplier")] == "North Korea" && &r[col("recipient")] == "Russia")
        .expect("North Korea → Russia");
    assert!(nk[col("denied_passages")].parse::<u64>().unwrap() >= 1);
    assert!(nk[col("claimed_by")].contains("denied by North Korea"), "{nk:?}");

    let table = stdout_ok(&search(&["deals", "--index", &index, "--limit", "3"]));
    assert!(table.lines().next().unwrap().contains("supplier → recipient"), "{table}");
    assert!(table.contains("North Korea → Russia"));
    assert!(table.contains("evidence:"));
    assert!(table.contains("3 rows"), "{table}");
}

#[test]
fn an_index_built_without_extraction_has_no_deals() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().display().to_string();
    let text = super::sample("text");
    stdout_ok(&search(&["index", "--no-transfers", "--index", &index, &text]));
    let table = stdout_ok(&search(&["deals", "--index", &index]));
    assert!(table.contains("no transfers found"), "{table}");
    assert!(deals_json(&index, &[]).is_empty());
    let hits = stdout_ok(&search(&["query", "--index", &index, "--json", "shells"]));
    assert!(!hits.is_empty());
    for line in hits.lines() {
        let hit: Value = serde_json::from_str(line).unwrap();
        assert_eq!(hit["transfers"], serde_json::json!([]), "{hit}");
    }
}
