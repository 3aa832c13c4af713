//! Property tests of the query language (issue 12's fuzzing): any text,
//! built from the language's own pieces or not, is searched without a
//! panic or an error, within [`SearchLimits`], on an index that has hits.
//!
//! Fast by default (64 cases each). A long run:
//! `PROPTEST_CASES=200000 cargo test --release --test integration query_fuzz::`

use std::sync::OnceLock;

use newsdex::{NewsIndex, Ranking, SearchLimits, SearchRequest};
use proptest::prelude::*;

use crate::fixtures::{article, day};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// One small in-RAM index shared by every case (building it per case would
/// measure the writer, not the parser).
fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<NewsIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = NewsIndex::create_in_ram().expect("in-RAM index");
        let mut w = index.writer().expect("writer");
        let bodies = [
            "North Korea supplied artillery shells to Russia, officials said.",
            "Iran delivered Shahed drones; Israel denied buying missiles.",
            "The Moscow Times reported howitzers sold by Rheinmetall to Ukraine.",
            "AFP: tanks and \"self-propelled\" guns were shipped via Poland.",
        ];
        w.add_articles(bodies.iter().enumerate().map(|(i, body)| {
            let outlet = ["Daily", "The Moscow Times"][i % 2];
            article(
                &format!("a{i}"),
                outlet,
                day(2020 + i as i32, 3, 1 + i as u32),
                "Arms",
                &[body],
            )
        }))
        .expect("add");
        w.commit().expect("commit");
        index
    })
}

/// Pieces of the query language, and of what people paste into it.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "artillery",
            "shells",
            "drones",
            "Iran",
            "russia",
            "OR",
            "or",
            "AND",
            "NOT",
            "\"",
            "\"artillery shells\"",
            "+",
            "-",
            "+Iran",
            "-Israel",
            "--",
            "(",
            ")",
            "*",
            ":",
            "outlet:",
            "agency:",
            "after:",
            "before:",
            "outlet:\"The Moscow Times\"",
            "agency:AFP",
            "after:2021",
            "before:2022-12",
            "after:2022-13-45",
            "before:0000",
            "after:99999-01",
            "before:1000",
            "\u{0}",
            "\u{200b}",
            "é",
            "𝔸",
            "'s",
            "\\",
            "\t",
            "\n",
        ])
        .prop_map(String::from),
        "[a-z]{1,12}",
        "\\PC{1,8}",
        "[0-9:\"+()-]{1,6}",
    ]
}

/// A query of language pieces, joined by spaces or glued together.
fn query() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), prop::bool::ANY), 0..40).prop_map(|parts| {
        let mut q = String::new();
        for (part, glue) in parts {
            if !glue && !q.is_empty() {
                q.push(' ');
            }
            q.push_str(&part);
        }
        q
    })
}

fn searched(text: &str, limit: usize, offset: usize, plain: bool) -> Result<(), TestCaseError> {
    let ranking = if plain { Ranking::Plain } else { Ranking::Full };
    let request = SearchRequest::new(text).limit(limit).offset(offset).ranking(ranking);
    let results = index().search(&request);
    prop_assert!(results.is_ok(), "{text:?}: {:?}", results.err());
    let results = results.unwrap();
    let max = SearchLimits::default().max_limit;
    prop_assert!(results.hits.len() <= limit.min(max), "{text:?}: {}", results.hits.len());
    for hit in &results.hits {
        for range in &hit.highlights {
            prop_assert!(range.end <= hit.text.len() && hit.text.is_char_boundary(range.start));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn language_pieces_never_fail(
        q in query(),
        limit in prop_oneof![0..20usize, Just(usize::MAX)],
        offset in prop_oneof![0..5usize, Just(usize::MAX)],
        plain in prop::bool::ANY,
    ) {
        searched(&q, limit, offset, plain)?;
    }

    #[test]
    fn any_text_never_fails(q in "\\PC{0,300}", plain in prop::bool::ANY) {
        searched(&q, 10, 0, plain)?;
    }
}
