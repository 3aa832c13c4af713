//! Searches keep working, on other threads, while a writer commits.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use newsdex::SearchRequest;

use crate::fixtures::{article, day, each_index};

#[test]
fn searches_run_while_the_writer_commits() {
    each_index(|index| {
        let done = Arc::new(AtomicBool::new(false));
        let reader = {
            let (index, done) = (index.clone(), done.clone());
            std::thread::spawn(move || -> anyhow::Result<usize> {
                let mut last = 0;
                let mut searches = 0;
                while !done.load(Ordering::SeqCst) || searches == 0 {
                    let n = index
                        .search(&SearchRequest::new("rockets").per_article(0).limit(1000))?
                        .hits
                        .len();
                    assert!(n >= last, "hits went from {last} to {n}");
                    last = n;
                    searches += 1;
                }
                Ok(last)
            })
        };
        let mut w = index.writer()?;
        for batch in 0..5 {
            let docs = (0..10).map(|i| {
                let id = format!("r{batch}-{i}");
                article(
                    &id,
                    "Daily",
                    day(2022, 1, 1),
                    "T",
                    &[&format!("Rockets number {batch} {i}.")],
                )
            });
            w.add_articles(docs)?;
            w.commit()?;
        }
        done.store(true, Ordering::SeqCst);
        reader.join().expect("search thread")?;
        let n = index.search(&SearchRequest::new("rockets").per_article(0).limit(1000))?.hits.len();
        assert_eq!(n, 50);
        Ok(())
    });
}
