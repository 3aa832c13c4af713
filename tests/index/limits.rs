//! Hostile requests (issue 12): paging values and query sizes are bounded,
//! odd filters and quotes are reported; nothing panics, aborts or stalls.

use std::time::{Duration, Instant};

use newsdex::{NewsIndex, NewsIndexBuilder, Ranking, SearchLimits, SearchRequest};

use crate::fixtures::{article, day, each_index};

fn indexed(index: &NewsIndex) -> anyhow::Result<()> {
    let mut w = index.writer()?;
    w.add_articles((0..30).map(|i| {
        let body = format!("Shipment {i} of artillery shells reached the port.");
        article(&format!("a{i}"), "Daily", day(2022, 1, 1 + i % 28), "Shells", &[&body])
    }))?;
    w.commit()?;
    Ok(())
}

fn warned(warnings: &[String], needle: &str) -> bool {
    warnings.iter().any(|w| w.contains(needle))
}

/// Finding 5: `--limit 18446744073709551615` panicked (capacity overflow in
/// tantivy's `TopDocs`) and `10000000000` aborted the process.
#[test]
fn issue12_f5_huge_limit_and_offset_are_cut_with_a_warning() {
    each_index(|index| {
        indexed(index)?;
        for ranking in [Ranking::Full, Ranking::Plain] {
            for limit in [usize::MAX, 10_000_000_000] {
                let req = SearchRequest::new("shells").per_article(0).ranking(ranking);
                let r = index.search(&req.limit(limit))?;
                assert_eq!(r.hits.len(), 30);
                assert!(warned(&r.warnings, "limit"), "{:?}", r.warnings);
            }
            let req = SearchRequest::new("shells").ranking(ranking).limit(usize::MAX);
            let deep = index.search(&req.offset(usize::MAX))?;
            assert!(deep.hits.is_empty());
            assert!(warned(&deep.warnings, "offset"), "{:?}", deep.warnings);
        }
        let facets = index.facets(&SearchRequest::new("shells").limit(usize::MAX))?;
        assert_eq!(facets.by_outlet, [("Daily".to_string(), 30)]);
        Ok(())
    });
}

#[test]
fn search_limits_are_set_per_index() -> anyhow::Result<()> {
    let limits = SearchLimits { max_limit: 5, max_depth: 12, ..SearchLimits::default() };
    let index = NewsIndexBuilder::new().search_limits(limits).create_in_ram()?;
    indexed(&index)?;
    let shells = || SearchRequest::new("shells").per_article(0);
    let r = index.search(&shells().limit(10))?;
    assert_eq!(r.hits.len(), 5);
    assert!(warned(&r.warnings, "limit 10 cut to 5"), "{:?}", r.warnings);
    let r = index.search(&shells().offset(10).limit(5))?;
    assert_eq!(r.hits.iter().map(|h| h.rank).collect::<Vec<_>>(), [11, 12]);
    assert!(warned(&r.warnings, "results end at rank 12"), "{:?}", r.warnings);
    Ok(())
}

/// Finding 14: a 1 MB query took 8.5–10 s and 1.7 GB; 30k words 1.6 s.
#[test]
fn issue12_f14_huge_queries_are_cut_with_a_warning_and_stay_fast() {
    each_index(|index| {
        indexed(index)?;
        let words: Vec<String> = (0..30_000).map(|i| format!("word{i}")).collect();
        let many_words = format!("artillery shells {}", words.join(" "));
        let one_mb = "shells ".repeat(150_000);
        let long_phrase = format!("\"{}\"", "shells ".repeat(5_000));
        let many_or = vec!["shells"; 5_000].join(" OR ");
        let many_excluded = format!("shells {}", "-word ".repeat(5_000));
        for text in [&many_words, &one_mb, &long_phrase, &many_or, &many_excluded] {
            let started = Instant::now();
            let r = index.search(&SearchRequest::new(text.as_str()))?;
            let elapsed = started.elapsed();
            assert!(warned(&r.warnings, "query cut"), "{:?}", r.warnings);
            // Generous for a loaded machine: it takes milliseconds.
            assert!(elapsed < Duration::from_secs(2), "{elapsed:?} for {} bytes", text.len());
            let _ = index.facets(&SearchRequest::new(text.as_str()))?;
        }
        let r = index.search(&SearchRequest::new(&many_words[..4_000]))?;
        assert!(warned(&r.warnings, "dropped"), "{:?}", r.warnings);
        assert!(!r.hits.is_empty(), "the first words still search");
        Ok(())
    });
}

/// Finding 13: `before:` earlier than `after:` returned nothing, silently.
#[test]
fn issue12_f13_before_earlier_than_after_is_a_warning() {
    each_index(|index| {
        indexed(index)?;
        let r = index.search(&SearchRequest::new("shells after:2023 before:2022"))?;
        assert!(r.hits.is_empty());
        assert!(warned(&r.warnings, "before"), "{:?}", r.warnings);
        let flags = SearchRequest::new("shells").after(day(2022, 2, 1)).before(day(2022, 1, 1));
        assert!(warned(&index.search(&flags)?.warnings, "before"));
        let fine = index.search(&SearchRequest::new("shells after:2022 before:2022"))?;
        assert!(fine.warnings.is_empty(), "{:?}", fine.warnings);
        Ok(())
    });
}

/// Finding 13: a quote at the end of a word (`dealings"`) was searched as
/// part of the word with no warning.
#[test]
fn issue12_f13_a_trailing_unbalanced_quote_is_a_warning() {
    each_index(|index| {
        indexed(index)?;
        for text in ["artillery shells\"", "artillery \"shells", "artillery shells \""] {
            let r = index.search(&SearchRequest::new(text))?;
            assert!(warned(&r.warnings, "unbalanced quote"), "{text}: {:?}", r.warnings);
            assert!(!r.hits.is_empty(), "{text}");
        }
        let balanced = index.search(&SearchRequest::new("\"artillery shells\""))?;
        assert!(balanced.warnings.is_empty(), "{:?}", balanced.warnings);
        Ok(())
    });
}
