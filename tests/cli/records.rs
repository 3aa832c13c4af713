//! Odd records through the binary (issue 12): ids too long for the index,
//! dates outside any plausible range. Each is kept, bounded or dropped one
//! defined way, with a warning; never invented.

use std::path::Path;

use serde_json::{json, Value};

use super::{search, stdout_ok};

fn write_jsonl(path: &Path, records: &[Value]) {
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn normalized(path: &Path) -> Vec<Value> {
    stdout_ok(&search(&["normalize", &path.display().to_string()]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stats(index: &str) -> Value {
    serde_json::from_str(&stdout_ok(&search(&["stats", "--index", index, "--json"]))).unwrap()
}

/// Finding 3: an id of 70,000 bytes is shown and indexed in a bounded form
/// with a warning, and re-indexing a changed record replaces it.
#[test]
fn issue12_f3_long_ids_are_bounded_with_a_warning_and_replaced_on_reindex() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.jsonl");
    let index = dir.path().join("idx").display().to_string();
    let id = format!("https://example.com/{}", "x".repeat(70_000));
    let record = |body: &str| json!({"id": id, "title": "Long id", "body": body});
    write_jsonl(&input, &[record("Howitzers were delivered.")]);
    let articles = normalized(&input);
    let shown = articles[0]["id"].as_str().unwrap().to_string();
    assert!(shown.len() <= 1_024 && shown.starts_with("https://example.com/xxx"), "{shown}");
    let warnings = articles[0]["warnings"].to_string();
    assert!(warnings.contains("id of 70020 bytes replaced by"), "{warnings}");
    let out = stdout_ok(&search(&["index", "--index", &index, &input.display().to_string()]));
    assert!(out.contains("warnings    1"), "{out}");
    write_jsonl(&input, &[record("Howitzers were sold.")]);
    let out = stdout_ok(&search(&["index", "--index", &index, &input.display().to_string()]));
    assert!(out.contains("0 new, 1 replaced"), "{out}");
    assert_eq!(stats(&index)["articles"], 1);
    let hits = stdout_ok(&search(&["query", "--index", &index, "--json", "howitzers"]));
    assert_eq!(hits.lines().count(), 1, "{hits}");
    assert!(hits.contains(&shown) && hits.contains("sold"), "{hits}");
}

/// Finding 4: dates outside tantivy's range were clamped into dates no
/// record has (0000-01-01 showed as 1684-10-19, 9999-12-31 as 2255-03-14),
/// `before:1000` missed them, and 253402300800 (seconds) became 1978.
#[test]
fn issue12_f4_implausible_dates_are_dropped_with_a_warning_never_invented() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dates.jsonl");
    let index = dir.path().join("idx").display().to_string();
    let record = |id: &str, date: Value| json!({"id": id, "title": format!("Shells {id}"), "body": "Artillery shells.", "date": date});
    write_jsonl(
        &input,
        &[
            record("zero", json!("0000-01-01")),
            record("max", json!("9999-12-31")),
            record("max-secs", json!(253_402_300_800_u64)),
            record("early", json!("1650-06-01")),
            record("fine", json!("1986-11-13")),
            record("millis", json!(1_667_800_000_000_u64)),
        ],
    );
    let articles = normalized(&input);
    let published: Vec<&Value> = articles.iter().map(|a| &a["published"]).collect();
    assert_eq!(
        published,
        [
            &Value::Null,
            &Value::Null,
            &Value::Null,
            &Value::Null,
            &json!("1986-11-13"),
            &json!("2022-11-07T05:46:40Z")
        ]
    );
    for (article, value) in
        articles.iter().zip(["0000-01-01", "9999-12-31", "10000-01-01", "1650-06-01"])
    {
        let warnings = article["warnings"].to_string();
        assert!(warnings.contains(value) && warnings.contains("dropped"), "{warnings}");
    }
    stdout_ok(&search(&["index", "--index", &index, &input.display().to_string()]));
    let s = stats(&index);
    assert_eq!(
        (s["first_published"].as_str(), s["last_published"].as_str()),
        (Some("1986-11-13"), Some("2022-11-07"))
    );
    let facets = stdout_ok(&search(&["query", "--index", &index, "--facets", "--json", "shells"]));
    let months = facets.lines().last().unwrap();
    assert!(
        months.contains("1986-11") && !months.contains("1684") && !months.contains("2255"),
        "{months}"
    );
    let early = search(&["query", "--index", &index, "shells before:1000"]);
    assert!(stdout_ok(&early).contains("no passages found"));
    let warning = String::from_utf8_lossy(&early.stderr);
    assert!(warning.contains("1700-01-01"), "{warning}");
}
