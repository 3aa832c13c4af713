//! Writing: upsert, delete by id and URL, duplicates, opening errors.

use newsdex::{AddOutcome, Error, NewsIndex, SearchRequest};

use crate::fixtures::{article, day, each_index};

fn ids(index: &NewsIndex, q: &str) -> anyhow::Result<Vec<String>> {
    let r = index.search(&SearchRequest::new(q).per_article(0).limit(50))?;
    Ok(r.hits.into_iter().map(|h| h.article_id).collect())
}

#[test]
fn upsert_replaces_passages_of_the_same_id() {
    each_index(|index| {
        let mut w = index.writer()?;
        let v1 = article("a1", "Daily", day(2022, 1, 1), "Apples", &["Apples grow on trees."]);
        assert_eq!(w.add_article(&v1)?, AddOutcome::Added { passages: 1 });
        w.commit()?;
        let v2 = article("a1", "Daily", day(2022, 1, 1), "Oranges", &["Oranges grow in groves."]);
        assert_eq!(w.add_article(&v2)?, AddOutcome::Replaced { passages: 1 });
        let stats = w.commit()?;
        assert_eq!((stats.articles, stats.passages), (1, 1));
        assert!(ids(index, "apples")?.is_empty());
        assert_eq!(ids(index, "oranges")?, ["a1"]);
        Ok(())
    });
}

#[test]
fn nothing_is_visible_before_commit() {
    each_index(|index| {
        let mut w = index.writer()?;
        w.add_article(&article("a1", "Daily", day(2022, 1, 1), "T", &["Tanks rolled in."]))?;
        assert!(ids(index, "tanks")?.is_empty());
        w.commit()?;
        assert_eq!(ids(index, "tanks")?, ["a1"]);
        Ok(())
    });
}

#[test]
fn delete_by_id_and_by_url() {
    each_index(|index| {
        let mut w = index.writer()?;
        let a = article("a", "Daily", day(2022, 1, 1), "T", &["Drones were shipped."]);
        let b = article("b", "Weekly", day(2022, 1, 2), "T", &["Drones were sold."]);
        let c = article("c", "Daily", day(2022, 1, 3), "T", &["Drones were delivered."]);
        let summary = w.add_articles([a, b.clone(), c])?;
        assert_eq!((summary.added, summary.passages), (3, 3));
        w.commit()?;
        w.delete_article("a")?;
        w.delete_url(b.url.as_deref().unwrap_or_default())?;
        let stats = w.commit()?;
        assert_eq!(stats.articles, 1);
        assert_eq!(ids(index, "drones")?, ["c"]);
        Ok(())
    });
}

#[test]
fn exact_duplicates_are_reported_not_indexed_even_across_writers() {
    each_index(|index| {
        let body = ["Missiles were supplied to the army."];
        let a = article("a", "Daily", day(2022, 1, 1), "Missiles", &body);
        let mut copy = a.clone();
        copy.id = "a-copy".into();
        let mut w = index.writer()?;
        w.add_article(&a)?;
        assert_eq!(w.add_article(&copy)?, AddOutcome::Duplicate { of: "a".into() });
        w.commit()?;
        drop(w);
        let mut w = index.writer()?;
        let summary = w.add_articles([copy.clone()])?;
        assert_eq!(summary.duplicates, [("a-copy".to_string(), "a".to_string())]);
        w.commit()?;
        assert_eq!(index.stats()?.articles, 1);
        // The same story from another outlet is syndication, not a duplicate.
        let mut other = a.clone();
        other.id = "b".into();
        other.outlet = Some("Weekly".into());
        assert!(matches!(w.add_article(&other)?, AddOutcome::Added { .. }));
        Ok(())
    });
}

#[test]
fn duplicates_are_found_after_reopening_the_directory() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let a = article("a", "Daily", day(2022, 1, 1), "Rockets", &["Rockets were fired."]);
    {
        let index = NewsIndex::open_or_create(dir.path())?;
        let mut w = index.writer()?;
        w.add_article(&a)?;
        w.commit()?;
    }
    let index = NewsIndex::open(dir.path())?;
    let mut copy = a.clone();
    copy.id = "again".into();
    assert_eq!(index.writer()?.add_article(&copy)?, AddOutcome::Duplicate { of: "a".into() });
    assert_eq!(index.stats()?.articles, 1);
    Ok(())
}

/// The writer keeps hashes and ids, not URLs (BENCHMARKS.md §12): deleting
/// by URL in a new writer still forgets every committed article with that
/// URL, so they come back as new and their content is no longer a duplicate;
/// a rollback brings back what the last commit holds.
#[test]
fn delete_by_url_and_rollback_in_a_reopened_writer() {
    each_index(|index| {
        let a = article("a", "Daily", day(2022, 1, 1), "Rifles", &["Rifles were sold."]);
        let mut b = article("b", "Daily", day(2022, 1, 2), "Mortars", &["Mortars were sold."]);
        b.url = a.url.clone();
        let c = article("c", "Daily", day(2022, 1, 3), "Drones", &["Drones were sold."]);
        let mut w = index.writer()?;
        w.add_articles([a.clone(), b.clone(), c.clone()])?;
        w.commit()?;
        drop(w);
        let mut w = index.writer()?;
        w.delete_url(a.url.as_deref().unwrap_or_default())?;
        assert_eq!(w.commit()?.articles, 1);
        let mut copy = b.clone();
        copy.id = "b-copy".into();
        assert!(matches!(w.add_article(&copy)?, AddOutcome::Added { .. }));
        assert!(matches!(w.add_article(&a)?, AddOutcome::Added { .. }));
        w.rollback()?;
        assert!(matches!(w.add_article(&c)?, AddOutcome::Replaced { .. }));
        assert!(matches!(w.add_article(&a)?, AddOutcome::Added { .. }));
        let mut again = c.clone();
        again.id = "c-again".into();
        assert_eq!(w.add_article(&again)?, AddOutcome::Duplicate { of: "c".into() });
        assert_eq!(w.commit()?.articles, 2);
        assert_eq!(ids(index, "sold")?.len(), 2);
        Ok(())
    });
}

#[test]
fn opening_something_that_is_not_an_index_is_a_clear_error() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let err = NewsIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, Error::NotAnIndex { .. }), "{err}");
    assert!(err.to_string().contains("not a newsdex index"), "{err}");
    let missing = dir.path().join("missing");
    assert!(matches!(NewsIndex::open(&missing), Err(Error::NotAnIndex { .. })));
    Ok(())
}

#[test]
fn a_second_writer_is_refused() {
    each_index(|index| {
        let _w = index.writer()?;
        assert!(matches!(index.writer(), Err(Error::WriterLocked)));
        Ok(())
    });
}

#[test]
fn small_memory_budgets_and_many_threads_still_work() -> anyhow::Result<()> {
    let index =
        newsdex::NewsIndexBuilder::new().writer_memory(1).writer_threads(8).create_in_ram()?;
    let mut w = index.writer()?;
    w.add_article(&article("a", "Daily", day(2022, 1, 1), "T", &["Shells."]))?;
    w.commit()?;
    assert_eq!(index.stats()?.passages, 1);
    Ok(())
}

/// Finding 3: ids of 65,531 bytes or more (tantivy's term limit) broke
/// upsert: re-adding a changed article kept both copies searchable.
#[test]
fn issue12_f3_long_ids_upsert_delete_and_dedup_like_short_ones() {
    each_index(|index| {
        let long = format!("https://example.com/{}", "x".repeat(70_000));
        let v1 = article(&long, "Daily", day(2022, 1, 1), "Apples", &["Apples grow on trees."]);
        let v2 = article(&long, "Daily", day(2022, 1, 1), "Oranges", &["Oranges grow in groves."]);
        let mut w = index.writer()?;
        assert!(matches!(w.add_article(&v1)?, AddOutcome::Added { .. }));
        w.commit()?;
        assert!(matches!(w.add_article(&v2)?, AddOutcome::Replaced { .. }));
        assert_eq!(w.commit()?.articles, 1);
        assert!(ids(index, "apples")?.is_empty(), "the old copy is gone");
        let shown = ids(index, "oranges")?;
        assert_eq!(shown.len(), 1);
        // Shown as a bounded, stable form of the id, the same one the
        // readers give (with a warning) and the writer uses for deletes.
        assert_eq!(shown[0], newsdex::ingest::bounded_id(&long));
        assert!(shown[0].len() <= newsdex::ingest::MAX_ID_BYTES, "{}", shown[0].len());
        assert!(shown[0].starts_with("https://example.com/xxx"), "{}", shown[0]);
        // Re-opening remembers it across writers.
        drop(w);
        let mut w = index.writer()?;
        assert!(matches!(w.add_article(&v2)?, AddOutcome::Replaced { .. }));
        let mut copy = v2.clone();
        copy.id = "short".into();
        assert_eq!(w.add_article(&copy)?, AddOutcome::Duplicate { of: shown[0].clone() });
        w.delete_article(&long)?;
        assert_eq!(w.commit()?.articles, 0);
        assert!(ids(index, "oranges")?.is_empty());
        Ok(())
    });
}

/// Finding 4, library side: a hand-built article dated outside the
/// plausible range is indexed undated, not clamped to 1684 or 2255.
#[test]
fn issue12_f4_implausible_dates_of_hand_built_articles_are_not_indexed() {
    each_index(|index| {
        let mut w = index.writer()?;
        let zero = article("zero", "Daily", chrono::NaiveDate::MIN, "Shells", &["Shells flew."]);
        let far = article("far", "Daily", day(9999, 12, 31), "Shells", &["Shells fell."]);
        let fine = article("fine", "Daily", day(1986, 11, 13), "Shells", &["Shells landed."]);
        w.add_articles([zero, far, fine])?;
        w.commit()?;
        let stats = index.stats()?;
        assert_eq!(stats.first_published.as_deref(), Some("1986-11-13"));
        assert_eq!(stats.last_published.as_deref(), Some("1986-11-13"));
        let r = index.search(&SearchRequest::new("shells").per_article(0))?;
        assert_eq!(r.hits.len(), 3);
        for hit in r.hits.iter().filter(|h| h.article_id != "fine") {
            assert_eq!(hit.published, None, "{}", hit.article_id);
        }
        let early = index.search(&SearchRequest::new("shells before:1000"))?;
        assert!(early.hits.is_empty() && !early.warnings.is_empty());
        Ok(())
    });
}
