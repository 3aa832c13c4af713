//! The shared corpora (`../shared/corpora`): every record accounted for.

use std::collections::BTreeMap;

use newsdex_ingest::{read_path, Published};

use crate::util::shared;

#[test]
fn reuters_accounts_for_every_record() {
    let Some(path) = shared("corpora/reuters21578/articles.jsonl.gz") else { return };
    let (mut accepted, mut title_only, mut untitled) = (0, 0, 0);
    let mut rejected: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for result in read_path(&path) {
        match result {
            Ok(a) => {
                accepted += 1;
                title_only += usize::from(a.paragraphs.is_empty());
                untitled += usize::from(a.title.is_empty());
                assert_eq!(a.outlet.as_deref(), Some("Reuters"));
                assert!(matches!(a.published, Some(Published::DateTime(_))), "{}", a.id);
            }
            Err(e) => rejected.entry(e.kind().reason()).or_default().push(e.position().to_string()),
        }
    }
    let rejected_total: usize = rejected.values().map(Vec::len).sum();
    assert_eq!(accepted + rejected_total, 21_578);
    // The stats shipped with the corpus: 20,841 titled, 19,779 with a body,
    // and one record (NEWID 12793) with neither.
    assert_eq!(rejected.keys().copied().collect::<Vec<_>>(), ["empty"]);
    assert_eq!(rejected["empty"].len(), 1);
    assert_eq!(title_only, 21_578 - 19_779 - 1);
    assert_eq!(untitled, 21_578 - 20_841 - 1);
}

#[test]
fn news2022_keeps_outlets_and_utc_dates() {
    let Some(dir) = shared("corpora/news2022") else { return };
    let files = [
        ("guardian-nyt-ukraine-2022.jsonl.gz", 630, &["The Guardian", "The New York Times"][..]),
        ("kcna-english-2024.jsonl.gz", 1059, &["Korean Central News Agency (KCNA)"][..]),
        (
            "whitehouse-briefing-room-2022-2024.jsonl.gz",
            2573,
            &["The White House (Briefing Room)"][..],
        ),
    ];
    for (name, count, outlets) in files {
        let articles: Vec<_> = read_path(dir.join(name)).map(|r| r.unwrap()).collect();
        assert_eq!(articles.len(), count, "{name}");
        for a in &articles {
            let outlet = a.outlet.as_deref().unwrap_or("");
            assert!(outlets.contains(&outlet), "{name}: outlet {outlet:?} of {}", a.id);
            assert!(a.published.is_some(), "{name}: no date for {}", a.id);
            let json = serde_json::to_value(a).unwrap();
            let published = json["published"].as_str().unwrap();
            assert!(published.len() == 10 || published.ends_with('Z'), "{published}");
        }
    }
    let wh = read_path(dir.join(files[2].0)).next().unwrap().unwrap();
    assert_eq!(wh.published.unwrap().to_string(), "2022-01-02T21:57:45Z");
}
