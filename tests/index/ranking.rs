//! Second-stage features and first-stage weighting that the development
//! topics rely on, each shown on a corpus small enough to reason about.

use newsdex::{Hit, NewsIndex, RankingWeights, SearchRequest};

use crate::fixtures::{article, day, each_index, index_with_lexicon};

fn rank_of(hits: &[Hit], needle: &str) -> usize {
    hits.iter()
        .position(|h| h.text.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not hit"))
}

/// Two paragraphs that say the same thing; only one of them sits in an
/// article that also names who supplied whom.
fn context_corpus(index: &NewsIndex) -> anyhow::Result<()> {
    let mut w = index.writer()?;
    w.add_articles(vec![
        article(
            "farm",
            "Daily",
            day(2022, 8, 1),
            "Harvest season",
            &["Farmers tested new equipment before the harvest.", "The drones arrived on Monday."],
        ),
        article(
            "war",
            "Daily",
            day(2022, 8, 2),
            "Deliveries continue",
            &[
                "Officials said Iran keeps sending equipment to Russia.",
                "The drones arrived by cargo plane last week.",
            ],
        ),
    ])?;
    w.commit()?;
    Ok(())
}

#[test]
fn a_paragraph_ranks_higher_when_its_article_covers_the_rest_of_the_query() {
    each_index(|index| {
        context_corpus(index)?;
        let req = SearchRequest::new("Iran drones Russia").per_article(0).expand(false);
        let hits = index.search(&req.clone())?.hits;
        let (war, farm) = (rank_of(&hits, "cargo plane"), rank_of(&hits, "on Monday"));
        assert!(war < farm, "war {war}, farm {farm}");
        // The article context is what decides: without it the shorter
        // paragraph wins on BM25 length normalization.
        let off = RankingWeights { context: 0.0, ..RankingWeights::default() };
        let hits = index.search(&req.weights(off))?.hits;
        assert!(rank_of(&hits, "on Monday") < rank_of(&hits, "cargo plane"));
        Ok(())
    });
}

#[test]
fn a_rare_expansion_scores_no_higher_than_the_typed_word() -> anyhow::Result<()> {
    let index = index_with_lexicon(
        r#"{"entities": [{"name": "Weapons", "aliases": ["weapons", "zorblax"]}]}"#,
    )?;
    let mut w = index.writer()?;
    let mut docs = vec![article("z", "Daily", day(2022, 1, 1), "Z", &["The zorblax were sold."])];
    for i in 0..5 {
        let body = format!("The weapons were sold in lot {i}.");
        docs.push(article(&format!("w{i}"), "Daily", day(2022, 1, 1), "W", &[body.as_str()]));
    }
    w.add_articles(docs)?;
    w.commit()?;
    let r = index.search(&SearchRequest::new("weapons").per_article(0).explain(true))?;
    let bm25 = |needle: &str| {
        let hit = &r.hits[rank_of(&r.hits, needle)];
        hit.features.expect("explain gives features").bm25
    };
    // Uncapped, "zorblax" (1 passage of 6) would score 0.5 x IDF 1.5 = 0.77
    // against "weapons" (5 of 6) at 1.0 x IDF 0.25.
    assert!(bm25("zorblax") < bm25("lot 0"), "{:?}", r.hits);
    Ok(())
}
