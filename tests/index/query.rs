//! Querying: phrases, operators, lenient parsing, expansion, filters,
//! highlights, Plain ranking, caps and custom lexicons.

use newsdex::ingest::Article;
use newsdex::{NewsIndex, Ranking, SearchRequest};

use crate::fixtures::{article, day, each_index, index_with_lexicon};

fn corpus() -> Vec<Article> {
    vec![
        article(
            "p1",
            "Daily",
            day(2022, 3, 1),
            "Shells",
            &["Pyongyang shipped artillery shells to the front."],
        ),
        article(
            "p2",
            "Weekly",
            day(2022, 6, 15),
            "Markets",
            &["Shells of artillery and seashells on the beach."],
        ),
        article("p3", "Daily", day(2022, 9, 30), "Kremlin", &["The Kremlin denied buying shells."]),
        article(
            "p4",
            "Gazette",
            day(2023, 1, 5),
            "Arms deal in title",
            &["A quiet week with nothing to report."],
        ),
    ]
}

fn indexed(index: &NewsIndex) -> anyhow::Result<()> {
    let mut w = index.writer()?;
    let mut docs = corpus();
    docs[2].agency = Some("AFP".into());
    w.add_articles(docs)?;
    w.commit()?;
    Ok(())
}

fn ids(index: &NewsIndex, req: SearchRequest) -> anyhow::Result<Vec<String>> {
    Ok(index.search(&req.per_article(0))?.hits.into_iter().map(|h| h.article_id).collect())
}

#[test]
fn phrases_match_words_in_order_only() {
    each_index(|index| {
        indexed(index)?;
        assert_eq!(ids(index, SearchRequest::new("\"artillery shells\""))?, ["p1"]);
        let both = ids(index, SearchRequest::new("artillery shells").expand(false))?;
        assert!(both.contains(&"p1".to_string()) && both.contains(&"p2".to_string()));
        Ok(())
    });
}

#[test]
fn require_exclude_and_or() {
    each_index(|index| {
        indexed(index)?;
        assert_eq!(ids(index, SearchRequest::new("shells -artillery").expand(false))?, ["p3"]);
        assert_eq!(ids(index, SearchRequest::new("+kremlin shells").expand(false))?, ["p3"]);
        let mut or = ids(index, SearchRequest::new("seashells OR kremlin").expand(false))?;
        or.sort();
        assert_eq!(or, ["p2", "p3"]);
        Ok(())
    });
}

#[test]
fn lenient_parsing_warns_instead_of_failing() {
    each_index(|index| {
        indexed(index)?;
        let r = index.search(&SearchRequest::new("\"artillery after:someday foo:kremlin"))?;
        assert_eq!(r.warnings.len(), 3, "{:?}", r.warnings);
        assert!(!r.hits.is_empty());
        let empty = index.search(&SearchRequest::new("  \" - + ... "))?;
        assert!(empty.hits.is_empty() && !empty.warnings.is_empty());
        Ok(())
    });
}

#[test]
fn expansion_can_be_turned_off_and_is_explained() {
    each_index(|index| {
        indexed(index)?;
        assert!(ids(index, SearchRequest::new("DPRK").expand(false))?.is_empty());
        let r = index.search(&SearchRequest::new("DPRK").explain(true))?;
        assert_eq!(r.hits[0].article_id, "p1");
        let m = &r.hits[0].matched[0];
        assert_eq!(m.term, "Pyongyang");
        assert!(m.from.contains("North Korea") && m.weight < 1.0, "{m:?}");
        assert_eq!(&r.hits[0].text[r.hits[0].highlights[0].clone()], "Pyongyang");
        Ok(())
    });
}

#[test]
fn filters_by_request_and_inline() {
    each_index(|index| {
        indexed(index)?;
        let shells = || SearchRequest::new("shells").expand(false);
        assert_eq!(ids(index, shells().outlet("daily").after(day(2022, 6, 1)))?, ["p3"]);
        assert_eq!(ids(index, shells().before(day(2022, 3, 1)))?, ["p1"]);
        assert_eq!(ids(index, shells().agency("afp"))?, ["p3"]);
        assert_eq!(ids(index, SearchRequest::new("shells agency:AFP"))?, ["p3"]);
        let mut two = ids(index, shells().outlet("Daily").outlet("Weekly"))?;
        two.sort();
        assert_eq!(two, ["p1", "p2", "p3"]);
        assert_eq!(ids(index, SearchRequest::new("outlet:Gazette"))?, ["p4"]);
        Ok(())
    });
}

#[test]
fn filters_narrow_but_never_change_scores() {
    each_index(|index| {
        indexed(index)?;
        let scores = |req: SearchRequest| -> anyhow::Result<Vec<(String, f32)>> {
            let hits = index.search(&req.per_article(0))?.hits;
            Ok(hits.into_iter().map(|h| (h.article_id, h.score)).collect())
        };
        for ranking in [Ranking::Full, Ranking::Plain] {
            let shells = || SearchRequest::new("shells").ranking(ranking);
            let all = scores(shells())?;
            assert_eq!(all.len(), 3);
            // Every article with "shells" passes both filters: same hits, same scores.
            assert_eq!(scores(shells().after(day(2000, 1, 1)))?, all, "{ranking:?}");
            assert_eq!(scores(shells().outlet("Daily").outlet("Weekly"))?, all, "{ranking:?}");
        }
        Ok(())
    });
}

#[test]
fn titles_lift_passages_but_never_match_alone() {
    each_index(|index| {
        indexed(index)?;
        assert!(ids(index, SearchRequest::new("arms deal").expand(false))?.is_empty());
        let mut w = index.writer()?;
        w.add_articles([
            article("t1", "Daily", day(2022, 1, 1), "Weather", &["Tanks were moved on Monday."]),
            article(
                "t2",
                "Daily",
                day(2022, 1, 1),
                "Tanks on the move",
                &["Tanks were moved on Friday."],
            ),
        ])?;
        w.commit()?;
        assert_eq!(ids(index, SearchRequest::new("tanks").expand(false))?, ["t2", "t1"]);
        let r = index.search(&SearchRequest::new("tanks").ranking(Ranking::Plain).explain(true))?;
        assert_eq!(r.hits.len(), 2);
        assert!(r.hits.iter().all(|h| h.features.is_none()));
        assert_eq!(r.hits[0].score, r.hits[1].score, "Plain ignores the title");
        Ok(())
    });
}

#[test]
fn plain_ranking_does_not_expand() {
    each_index(|index| {
        indexed(index)?;
        assert!(ids(index, SearchRequest::new("DPRK").ranking(Ranking::Plain))?.is_empty());
        assert_eq!(ids(index, SearchRequest::new("Pyongyang").ranking(Ranking::Plain))?, ["p1"]);
        Ok(())
    });
}

#[test]
fn per_article_cap_and_paging() {
    each_index(|index| {
        let long: Vec<String> = (0..6)
            .map(|i| format!("Paragraph {i} about missiles. {}", "Filler words here. ".repeat(20)))
            .collect();
        let body: Vec<&str> = long.iter().map(String::as_str).collect();
        let mut w = index.writer()?;
        w.add_article(&article("long", "Daily", day(2022, 1, 1), "Long", &body))?;
        w.add_article(&article("short", "Daily", day(2022, 1, 1), "Short", &["Missiles."]))?;
        w.commit()?;
        let capped = index.search(&SearchRequest::new("missiles").per_article(2))?;
        assert_eq!(capped.hits.iter().filter(|h| h.article_id == "long").count(), 2);
        let all = index.search(&SearchRequest::new("missiles").per_article(0).limit(100))?;
        assert!(all.hits.len() >= 5);
        let page2 =
            index.search(&SearchRequest::new("missiles").per_article(0).offset(2).limit(2))?;
        assert_eq!(page2.hits[0].rank, 3);
        assert_eq!(page2.hits[0].text, all.hits[2].text);
        Ok(())
    });
}

#[test]
fn a_custom_lexicon_replaces_the_default() -> anyhow::Result<()> {
    let index = index_with_lexicon(
        r#"{"entities": [{"name": "Seashore", "aliases": ["beach", "seaside"]}]}"#,
    )?;
    indexed(&index)?;
    assert_eq!(ids(&index, SearchRequest::new("seaside"))?, ["p2"]);
    assert!(ids(&index, SearchRequest::new("DPRK"))?.is_empty());
    Ok(())
}

#[test]
fn outlet_filters_lowercase_like_the_index() -> anyhow::Result<()> {
    // A word-final capital sigma lowercases to "ς" with `str::to_lowercase`
    // but to "σ" char by char, as the index's keyword analyzer does.
    let index = NewsIndex::create_in_ram()?;
    let mut w = index.writer()?;
    w.add_article(&article(
        "g1",
        "ΚΑΘΗΜΕΡΙΝΗΣ",
        day(2022, 3, 1),
        "Shells",
        &["Artillery shells."],
    ))?;
    w.commit()?;
    assert_eq!(ids(&index, SearchRequest::new("shells").outlet("ΚΑΘΗΜΕΡΙΝΗΣ"))?, ["g1"]);
    Ok(())
}
