//! `NewsIndex::article`: an article read back from its passages.

use newsdex::ingest::split_passages;

use crate::fixtures::{article, day, each_index, seed};

#[test]
fn the_seed_comes_back_whole_in_reading_order() {
    each_index(|index| {
        let mut w = index.writer()?;
        let seed = seed();
        w.add_article(&seed)?;
        w.add_article(&article("other", "Daily", day(2022, 1, 1), "T", &["Unrelated."]))?;
        w.commit()?;
        let got = index.article(&seed.id)?.expect("the seed is indexed");
        assert_eq!(got.title, seed.title);
        assert_eq!(got.outlet.as_deref(), Some("The Moscow Times"));
        assert_eq!(got.agency.as_deref(), Some("AFP"));
        assert_eq!(got.published.as_deref(), Some("2022-11-07"));
        assert_eq!(got.url, seed.url);
        let expected = split_passages(&seed);
        assert_eq!(got.passages.len(), expected.len());
        for (g, e) in got.passages.iter().zip(&expected) {
            assert_eq!((g.ordinal, g.kind.as_str()), (e.ordinal, e.kind.as_str()));
            assert_eq!((&g.text, &g.section), (&e.text, &e.section));
        }
        assert_eq!(got.passages[0].kind, "caption");
        // Each passage carries the transfers extracted from it.
        let denied = got.passages.iter().flat_map(|p| &p.transfers).any(|t| {
            t.supplier.as_deref() == Some("North Korea")
                && t.status == newsdex::Status::Denied
                && t.claimed_by.as_deref() == Some("North Korea")
        });
        assert!(denied, "{:#?}", got.passages);
        for p in &got.passages {
            assert!(p.transfers.iter().all(|t| p.text.get(t.span.clone()).is_some()));
        }
        Ok(())
    });
}

#[test]
fn long_paragraphs_come_back_as_their_passages_and_unknown_ids_as_none() {
    each_index(|index| {
        let long = "The shipment left the port at night. ".repeat(40);
        let mut w = index.writer()?;
        let id = "wire/2022 07 #1";
        w.add_article(&article(id, "Daily", day(2022, 7, 1), "T", &["Short.", &long]))?;
        w.commit()?;
        let got = index.article(id)?.expect("indexed under an id with / and spaces");
        assert!(got.passages.len() > 2, "the long paragraph is cut: {}", got.passages.len());
        let ordinals: Vec<u32> = got.passages.iter().map(|p| p.ordinal).collect();
        assert_eq!(ordinals, (0..got.passages.len() as u32).collect::<Vec<_>>());
        let rest: String =
            got.passages[1..].iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
        assert_eq!(rest, long.trim_end());
        assert!(index.article("wire/2022")?.is_none());
        assert!(index.article("")?.is_none());
        Ok(())
    });
}

#[test]
fn a_replaced_article_comes_back_once_and_a_deleted_one_not_at_all() {
    each_index(|index| {
        let mut w = index.writer()?;
        w.add_article(&article("a", "Daily", day(2022, 1, 1), "Old", &["One.", "Two."]))?;
        w.commit()?;
        w.add_article(&article("a", "Daily", day(2022, 1, 2), "New", &["Only one."]))?;
        w.commit()?;
        let got = index.article("a")?.expect("indexed");
        assert_eq!((got.title.as_str(), got.passages.len()), ("New", 1));
        w.delete_article("a")?;
        w.commit()?;
        assert!(index.article("a")?.is_none());
        Ok(())
    });
}
