//! Arms transfers in the index: extracted at indexing time, carried by
//! hits, filtered by `supplier:`/`recipient:`/`party:`/`status:`, and
//! ranked by the `roles` feature.

use newsdex::{Error, Hit, NewsIndex, NewsIndexBuilder, RankingWeights, SearchRequest, Status};

use crate::fixtures::{article, day, each_index};

/// Short passages written for these tests, one article each.
const PASSAGES: [(&str, &str); 6] = [
    ("denial", "North Korea denied supplying artillery shells to Russia."),
    ("claim", "The United States accused North Korea of supplying artillery shells to Russia."),
    ("report", "North Korea shipped artillery shells to Russia last month."),
    ("drones", "Iran supplied drones to Russia for its war in Ukraine."),
    ("tanks", "Germany will send Leopard tanks to Ukraine, Berlin said."),
    ("stingers", "The United States delivered Stinger missiles to Ukraine, the Pentagon said."),
];

fn corpus(index: &NewsIndex) -> anyhow::Result<()> {
    let mut w = index.writer()?;
    let articles = PASSAGES.iter().enumerate().map(|(i, (id, text))| {
        article(id, "Daily", day(2022, 9, 1 + i as u32), &format!("Story {i}"), &[text])
    });
    w.add_articles(articles)?;
    w.commit()?;
    Ok(())
}

fn ids(index: &NewsIndex, req: SearchRequest) -> anyhow::Result<Vec<String>> {
    let mut ids: Vec<String> = index.search(&req)?.hits.into_iter().map(|h| h.article_id).collect();
    ids.sort();
    Ok(ids)
}

#[test]
fn filters_resolve_aliases_and_apply_to_one_transfer() {
    each_index(|index| {
        corpus(index)?;
        let nk = ids(index, SearchRequest::new("supplier:DPRK"))?;
        assert_eq!(nk, ["claim", "denial", "report"]);
        assert_eq!(ids(index, SearchRequest::new("").supplier("Pyongyang"))?, nk);
        assert_eq!(ids(index, SearchRequest::new("supplier:DPRK status:denied"))?, ["denial"]);
        let shells = SearchRequest::new("shells").expand(false);
        assert_eq!(ids(index, shells.clone().status(Status::Alleged))?, ["claim"]);
        assert_eq!(
            ids(index, SearchRequest::new("recipient:Kyiv status:planned OR status:reported"))?,
            ["stingers", "tanks"]
        );
        // `party:` is either side; repeated values are any of them.
        assert_eq!(ids(index, SearchRequest::new("party:Iran"))?, ["drones"]);
        assert_eq!(
            ids(index, SearchRequest::new("party:Iran party:Germany"))?,
            ["drones", "tanks"]
        );
        // Both constraints must hold for the same transfer: the claim passage
        // names the United States as claimant, never as supplier.
        assert!(ids(index, SearchRequest::new("supplier:\"United States\" recipient:Russia"))?
            .is_empty());
        // Unknown names are exact names; unknown statuses are warnings.
        assert!(ids(index, SearchRequest::new("supplier:Atlantis"))?.is_empty());
        let results = index.search(&SearchRequest::new("shells status:rumoured").expand(false))?;
        assert!(results.warnings.iter().any(|w| w.contains("rumoured")), "{:?}", results.warnings);
        assert_eq!(results.hits.len(), 3, "the bad status is ignored, not applied");
        Ok(())
    });
}

#[test]
fn filters_do_not_change_scores() -> anyhow::Result<()> {
    let index = NewsIndex::create_in_ram()?;
    corpus(&index)?;
    let score = |req: SearchRequest| -> anyhow::Result<Vec<(String, f32)>> {
        let hits = index.search(&req.ranking(newsdex::Ranking::Plain))?.hits;
        Ok(hits.into_iter().map(|h| (h.article_id, h.score)).collect())
    };
    let all = score(SearchRequest::new("artillery shells"))?;
    let filtered = score(SearchRequest::new("artillery shells").party("North Korea"))?;
    assert_eq!(all.len(), 3);
    for hit in &filtered {
        assert!(all.contains(hit), "{hit:?} not in {all:?}");
    }
    Ok(())
}

#[test]
fn hits_carry_their_passage_transfers() -> anyhow::Result<()> {
    let index = NewsIndex::create_in_ram()?;
    corpus(&index)?;
    let hits: Vec<Hit> = index.search(&SearchRequest::new("denied shells"))?.hits;
    let denial = hits.iter().find(|h| h.article_id == "denial").expect("the denial");
    assert_eq!(
        denial.transfers.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
        ["North Korea → Russia · artillery and ammunition · denied (by North Korea)"]
    );
    for hit in &hits {
        for t in &hit.transfers {
            assert!(hit.text.get(t.span.clone()).is_some(), "{t:?} outside {:?}", hit.text);
        }
    }
    let json = serde_json::to_value(denial)?;
    assert_eq!(json["transfers"][0]["status"], "denied");
    Ok(())
}

#[test]
fn extraction_off_indexes_no_transfers() -> anyhow::Result<()> {
    let index = NewsIndexBuilder::new().extract_transfers(false).create_in_ram()?;
    corpus(&index)?;
    let hits = index.search(&SearchRequest::new("shells").expand(false))?.hits;
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.transfers.is_empty()));
    assert!(index.search(&SearchRequest::new("supplier:DPRK"))?.hits.is_empty());
    Ok(())
}

/// An index made before the transfer fields existed: opening it says so.
#[test]
fn an_index_without_transfer_fields_is_reported_as_outdated() -> anyhow::Result<()> {
    use tantivy::schema::{Schema, STORED, STRING};
    let dir = tempfile::tempdir()?;
    let mut schema = Schema::builder();
    for name in [
        "article_id",
        "text",
        "title",
        "outlet",
        "agency",
        "published",
        "published_text",
        "url",
        "section",
        "kind",
        "ordinal",
        "content_hash",
        "text_hash",
        "article_key",
        "kind_code",
    ] {
        schema.add_text_field(name, STRING | STORED);
    }
    tantivy::Index::create_in_dir(dir.path(), schema.build())?;
    let err = NewsIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, Error::OutdatedIndex { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("transfer_terms") && message.contains("rebuild"), "{message}");
    Ok(())
}

/// The `roles` feature at weight 1 (its default, 0.1, is a tie-breaker
/// too weak to reorder these written passages).
fn roles_on() -> RankingWeights {
    RankingWeights { roles: 1.0, ..RankingWeights::default() }
}

/// The `roles` feature off.
fn roles_off() -> RankingWeights {
    RankingWeights { roles: 0.0, ..RankingWeights::default() }
}

fn rank_of(hits: &[Hit], id: &str) -> usize {
    hits.iter().position(|h| h.article_id == id).unwrap_or_else(|| panic!("{id} not hit"))
}

/// Without the `roles` feature, BM25 prefers the short passage that has
/// the direction reversed; with it, the one that agrees wins.
#[test]
fn passages_agreeing_with_the_asked_direction_rank_higher() {
    each_index(|index| {
        let mut w = index.writer()?;
        w.add_articles(vec![
            article("reverse", "Daily", day(2023, 1, 2), "Trade", &[
                "Russia sent ammunition to Belarus.",
            ]),
            article("agree", "Daily", day(2023, 1, 3), "Trade", &[
                "Belarus has sent tens of thousands of rounds of ammunition to Russia, officials in Kyiv said on Tuesday after a long review.",
            ]),
        ])?;
        w.commit()?;
        let req = SearchRequest::new("Belarus ammunition to Russia").per_article(0);
        let results = index.search(&req.clone().weights(roles_on()).explain(true))?;
        assert_eq!(results.roles.suppliers, ["Belarus"]);
        assert_eq!(results.roles.recipients, ["Russia"]);
        let hits = results.hits;
        assert!(rank_of(&hits, "agree") < rank_of(&hits, "reverse"));
        let reverse = &hits[rank_of(&hits, "reverse")];
        assert_eq!(reverse.features.expect("explained").roles, -1.0);
        let hits = index.search(&req.weights(roles_off()))?.hits;
        assert!(rank_of(&hits, "reverse") < rank_of(&hits, "agree"));
        Ok(())
    });
}

/// Two passages on shells for Russia and two on drones (one from Yonhap).
fn stance_and_source_corpus(index: &NewsIndex) -> anyhow::Result<()> {
    let mut w = index.writer()?;
    w.add_articles(vec![
        article("claim", "Daily", day(2023, 1, 2), "Shells", &[
            "North Korea shells: the United States accused North Korea of supplying shells to Russia.",
        ]),
        article("denial", "Daily", day(2023, 1, 3), "Shells", &[
            "North Korea dismissed as groundless reports that it supplied artillery shells to Russia, state media said on Friday.",
        ]),
        article("other", "Daily", day(2023, 1, 2), "Drones", &["Iran supplied drones to Russia."]),
        article("yonhap", "Yonhap", day(2023, 1, 3), "Drones", &[
            "Iran supplied many drones to Russia for its war.",
        ]),
    ])?;
    w.commit()?;
    Ok(())
}

/// A stance in the query ("denies") lifts the passages whose transfer has
/// that status, although the denial uses other words ("dismissed as
/// groundless"; expansion off so that only the feature can tell).
#[test]
fn passages_with_the_asked_stance_rank_higher() {
    each_index(|index| {
        stance_and_source_corpus(index)?;
        let req =
            SearchRequest::new("North Korea denies shells for Russia").per_article(0).expand(false);
        let results = index.search(&req.clone().weights(roles_on()))?;
        assert_eq!(results.roles.status, Some(Status::Denied));
        assert!(rank_of(&results.hits, "denial") < rank_of(&results.hits, "claim"));
        let hits = index.search(&req.weights(roles_off()))?.hits;
        assert!(rank_of(&hits, "claim") < rank_of(&hits, "denial"));
        Ok(())
    });
}

/// An outlet named in the query is soft evidence: its passages rank higher
/// although they never print its name, and the name is not required.
#[test]
fn an_outlet_named_in_the_query_is_soft_evidence() {
    each_index(|index| {
        let mut w = index.writer()?;
        w.add_articles(vec![
            article(
                "other",
                "Daily",
                day(2023, 1, 2),
                "Drones",
                &["Iran supplied drones to Russia."],
            ),
            article(
                "yonhap",
                "Yonhap",
                day(2023, 1, 3),
                "Drones",
                &["Iran has supplied hundreds of drones to Russia for its war, officials said."],
            ),
        ])?;
        w.commit()?;
        let req = SearchRequest::new("Yonhap Iran drones").per_article(0);
        let results = index.search(&req.clone().weights(roles_on()))?;
        assert_eq!(results.roles.sources, ["Yonhap"]);
        assert_eq!(results.hits.len(), 2, "the outlet's name is not required");
        assert!(rank_of(&results.hits, "yonhap") < rank_of(&results.hits, "other"));
        let hits = index.search(&req.weights(roles_off()))?.hits;
        assert!(rank_of(&hits, "other") < rank_of(&hits, "yonhap"));
        Ok(())
    });
}
