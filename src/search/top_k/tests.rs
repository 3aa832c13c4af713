//! The windowed first stage against tantivy's `TopDocs` over the same query: identical
//! passages and scores, bit for bit, on a generated corpus with several
//! segments and deleted passages, for random queries and many k.

use chrono::NaiveDate;
use newsdex_ingest::{Article, Paragraph, ParagraphKind, Position, Published};
use tantivy::collector::{DocSetCollector, TopDocs};

use super::top_k;
use crate::index::{NewsIndex, NewsIndexBuilder};
use crate::request::{Ranking, SearchRequest};
use crate::search::first_stage::{build, build_unscored};
use crate::search::idf;

/// Words of the bundled lexicon (so expansion happens), frequent fillers
/// (long posting lists, low bounds) and rare words (high bounds).
const WORDS: &[&str] = &[
    "Russia",
    "Moscow",
    "Kremlin",
    "Russian",
    "North",
    "Korea",
    "Pyongyang",
    "DPRK",
    "Iran",
    "Tehran",
    "weapons",
    "arms",
    "artillery",
    "shells",
    "munitions",
    "drones",
    "missiles",
    "deal",
    "deliveries",
    "supplied",
    "shipment",
    "sanctions",
    "embargo",
    "Ukraine",
    "war",
    "invasion",
    "denied",
    "claims",
    "nuclear",
    "talks",
    "the",
    "said",
    "on",
    "officials",
    "of",
    "and",
    "a",
    "to",
    "in",
    "week",
    "report",
    "government",
    "minister",
    "Tuesday",
    "border",
    "forces",
    "trade",
    "oil",
    "prices",
    "market",
    "Shahed",
    "Wagner",
    "Belarus",
    "Syria",
    "Hamas",
];

/// Deterministic xorshift numbers: a test needs no RNG dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// A word; the product of two uniform draws favours the start of the list.
    fn word(&mut self) -> &'static str {
        let r = self.below(WORDS.len());
        WORDS[r * self.below(WORDS.len()) / WORDS.len()]
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

fn article(rng: &mut Rng, id: usize) -> Article {
    let paragraphs = (0..1 + rng.below(6))
        .map(|_| {
            let n = 3 + rng.below(40);
            Paragraph { kind: ParagraphKind::Body, section: None, text: rng.words(n), credit: None }
        })
        .collect();
    let month = 1 + rng.below(12) as u32;
    let title_words = 2 + rng.below(7);
    Article {
        id: format!("a{id}"),
        title: rng.words(title_words),
        published: Some(Published::Date(NaiveDate::from_ymd_opt(2022, month, 1).unwrap())),
        outlet: Some(["Daily", "Weekly", "Gazette"][rng.below(3)].into()),
        agency: None,
        authors: vec![],
        url: None,
        paragraphs,
        source: Position::file(format!("a{id}")),
        warnings: vec![],
    }
}

/// Three committed batches, then a fifth of the articles replaced (deleted
/// passages in the earlier segments). One indexing thread: one segment per
/// commit, four in all, too few for tantivy's merge policy to merge them.
fn index(rng: &mut Rng) -> NewsIndex {
    let index = NewsIndexBuilder::new().writer_threads(1).create_in_ram().unwrap();
    let mut w = index.writer().unwrap();
    for batch in 0..3 {
        let articles: Vec<Article> =
            (batch * 300..(batch + 1) * 300).map(|i| article(rng, i)).collect();
        w.add_articles(articles).unwrap();
        w.commit().unwrap();
    }
    let replaced: Vec<Article> = (0..900).step_by(5).map(|i| article(rng, i)).collect();
    w.add_articles(replaced).unwrap();
    w.commit().unwrap();
    index
}

/// One to five query parts: words, phrases, `OR`, at most one `+`, `-`.
fn query(rng: &mut Rng) -> String {
    let mut parts = Vec::new();
    let mut required = false;
    for _ in 0..1 + rng.below(5) {
        parts.push(match rng.below(10) {
            0 => format!("\"{}\"", rng.words(2)),
            1 => format!("{} OR {}", rng.word(), rng.word()),
            2 if !required => {
                required = true;
                format!("+{}", rng.word())
            }
            3 => format!("-{}", rng.word()),
            _ => rng.word().to_string(),
        });
    }
    parts.join(" ")
}

fn request(rng: &mut Rng, text: &str, ranking: Ranking) -> SearchRequest {
    let req = SearchRequest::new(text).ranking(ranking);
    match rng.below(6) {
        0 => req.after(NaiveDate::from_ymd_opt(2022, 6, 1).unwrap()),
        1 => req.outlet("Daily"),
        _ => req,
    }
}

#[test]
fn top_k_returns_what_top_docs_returns() {
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let index = index(&mut rng);
    let searcher = index.inner.reader.searcher();
    assert!(searcher.segment_readers().len() >= 2);
    assert!(searcher.segment_readers().iter().any(|s| s.num_deleted_docs() > 0));
    let fields = &index.inner.fields;
    let mut compared = 0;
    for _ in 0..150 {
        let text = query(&mut rng);
        for ranking in [Ranking::Full, Ranking::Plain] {
            let req = request(&mut rng, &text, ranking);
            let mut p = index.prepare(&req);
            if p.plan.groups.is_empty() {
                continue;
            }
            let full = ranking == Ranking::Full;
            if full {
                idf::weigh_groups(&mut p.plan, &searcher, fields.text);
            }
            let title = full.then_some(p.weights.title_boost);
            let query = build(fields, &p.plan, &p.filters, title);
            for k in [1, 2, 5, 20, 100, 2000] {
                let expected =
                    searcher.search(&query, &TopDocs::with_limit(k).order_by_score()).unwrap();
                let got = top_k(&searcher, fields, &p.plan, &p.filters, title, k).unwrap();
                assert_eq!(got, expected, "{text:?} {ranking:?} k={k}");
                compared += usize::from(!expected.is_empty());
            }
        }
    }
    assert!(compared > 1000, "only {compared} non-empty comparisons");
}

/// The unscored query facets count with matches exactly what the ranked
/// query matches (same generated index and queries, deleted passages too).
#[test]
fn unscored_query_matches_what_the_ranked_query_matches() {
    let mut rng = Rng(0x5eed_1234_abcd_0043);
    let index = index(&mut rng);
    let searcher = index.inner.reader.searcher();
    let fields = &index.inner.fields;
    let mut nonempty = 0;
    for _ in 0..150 {
        let text = query(&mut rng);
        let p = index.prepare(&request(&mut rng, &text, Ranking::Full));
        let expected = searcher.search(&build(fields, &p.plan, &p.filters, None), &DocSetCollector);
        let got = searcher.search(&build_unscored(fields, &p.plan, &p.filters), &DocSetCollector);
        let expected = expected.unwrap();
        assert_eq!(got.unwrap(), expected, "{text:?}");
        nonempty += usize::from(!expected.is_empty());
    }
    assert!(nonempty > 100, "only {nonempty} non-empty comparisons");
}
