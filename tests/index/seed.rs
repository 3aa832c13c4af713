//! The done-when expectations of issue 3, on an index holding only the seed.

use newsdex::{NewsIndex, SearchRequest, SearchResults};

use crate::fixtures::{each_index, seed, seed_index};

fn search(index: &NewsIndex, text: &str) -> anyhow::Result<SearchResults> {
    Ok(index.search(&SearchRequest::new(text).per_article(0).explain(true))?)
}

#[test]
fn arms_dealings_quotes_are_the_first_two_hits() {
    each_index(|index| {
        seed_index(index)?;
        let r = search(index, "arms dealings")?;
        assert!(r.hits.len() >= 2);
        for hit in &r.hits[..2] {
            assert!(hit.text.contains("arms dealings"), "rank {}: {}", hit.rank, hit.text);
            assert!(hit.highlighted.contains("«arms dealings»"), "{}", hit.highlighted);
        }
        assert_ne!(r.hits[0].ordinal, r.hits[1].ordinal);
        Ok(())
    });
}

#[test]
fn expansion_brings_supplying_passages_into_the_top_five() {
    each_index(|index| {
        seed_index(index)?;
        let r = search(index, "arms dealings")?;
        let top5: Vec<&str> = r.hits.iter().take(5).map(|h| h.text.as_str()).collect();
        for needle in ["supplying artillery ammunition to Moscow", "covertly supplying"] {
            assert!(top5.iter().any(|t| t.contains(needle)), "{needle:?} not in top 5: {top5:#?}");
        }
        let off =
            index.search(&SearchRequest::new("arms dealings").per_article(0).expand(false))?;
        // Without expansion only passages with the typed words match.
        assert!(off.hits.iter().all(|h| h.text.contains("arms") || h.text.contains("dealings")));
        assert!(off.hits.len() < r.hits.len());
        Ok(())
    });
}

#[test]
fn dprk_finds_passages_that_only_say_north_korea() {
    each_index(|index| {
        seed_index(index)?;
        let r = search(index, "DPRK weapons Russia")?;
        // A passage that says "North Korea" but never "DPRK", found through
        // the alias (not merely through "weapons" or "Russia").
        let via_alias = r.hits.iter().find(|h| {
            !h.text.contains("DPRK")
                && h.matched.iter().any(|m| m.term == "North Korea" && m.from.starts_with("DPRK"))
        });
        let hit = via_alias.expect("a hit saying only 'North Korea', matched as DPRK");
        assert!(hit.text.contains("North Korea"), "{}", hit.text);
        Ok(())
    });
}

#[test]
fn the_caption_never_outranks_a_body_passage_that_matches_as_well() {
    each_index(|index| {
        seed_index(index)?;
        for q in [
            "missile test North Korea",
            "Kim Jong Un missile",
            "North Korean leader",
            "arms dealings",
        ] {
            let r = search(index, q)?;
            let Some(caption) = r.hits.iter().find(|h| h.kind == "caption") else { continue };
            let cap = caption.features.expect("explain gives features");
            for body in r.hits.iter().filter(|h| h.kind == "body") {
                let f = body.features.expect("features");
                if f.coverage >= cap.coverage
                    && f.proximity >= cap.proximity
                    && f.phrase >= cap.phrase
                {
                    assert!(
                        body.rank < caption.rank,
                        "{q}: body {} below caption {}",
                        body.rank,
                        caption.rank
                    );
                }
            }
        }
        Ok(())
    });
}

#[test]
fn date_and_outlet_filters() {
    each_index(|index| {
        seed_index(index)?;
        assert!(search(index, "arms dealings after:2022-11-08")?.hits.is_empty());
        assert!(!search(index, "arms dealings after:2022-11-07")?.hits.is_empty());
        assert!(search(index, "arms dealings before:2022-11-06")?.hits.is_empty());
        let r = search(index, "arms dealings outlet:\"The Moscow Times\"")?;
        assert!(r.hits[0].text.contains("arms dealings"));
        assert_eq!(r.hits[0].outlet.as_deref(), Some("The Moscow Times"));
        assert_eq!(r.hits[0].published.as_deref(), Some("2022-11-07"));
        assert!(search(index, "arms dealings outlet:Reuters")?.hits.is_empty());
        Ok(())
    });
}

#[test]
fn indexing_the_seed_twice_keeps_the_passage_count() {
    each_index(|index| {
        seed_index(index)?;
        let before = index.stats()?;
        let mut w = index.writer()?;
        let outcome = w.add_article(&seed())?;
        assert!(matches!(outcome, newsdex::AddOutcome::Replaced { .. }), "{outcome:?}");
        w.commit()?;
        let after = index.stats()?;
        assert_eq!(after.passages, before.passages);
        assert_eq!(after.articles, 1);
        assert!(after.passages >= 8, "{} passages", after.passages);
        Ok(())
    });
}

#[test]
fn json_hits_carry_the_contract_fields() {
    each_index(|index| {
        seed_index(index)?;
        let r = search(index, "arms dealings")?;
        let json = serde_json::to_value(&r.hits[0])?;
        for key in [
            "article_id",
            "title",
            "outlet",
            "agency",
            "published",
            "url",
            "section",
            "text",
            "score",
            "highlights",
            "also_in",
            "matched",
        ] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["agency"], "AFP");
        Ok(())
    });
}
