//! Reading with parallel parsing: the cheap sequential stage (read, gunzip,
//! cut lines) on a producer thread, `RawRecord::parse` on the rayon pool, in
//! input order, handed over in batches through a bounded channel so memory
//! stays bounded however large the input.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::Arc;

use newsdex::ingest::{Article, ArticleReaderBuilder, RawRecord, ReadOptions};
use rayon::prelude::*;

use super::corpus::{replicate, CorpusSource};

/// Records parsed per parallel batch.
const BATCH: usize = 256;
/// Parsed batches waiting for the consumer.
const QUEUE: usize = 4;

/// The corpus `replicas` times, parsed in parallel; the counter counts bad
/// records (skipped).
pub fn parsed_articles(
    source: &CorpusSource,
    replicas: usize,
) -> (impl Iterator<Item = Article>, Arc<AtomicU64>) {
    let (tx, rx) = mpsc::sync_channel::<Vec<Article>>(QUEUE);
    let errors = Arc::new(AtomicU64::new(0));
    let files = source.files.clone();
    let errs = errors.clone();
    std::thread::spawn(move || {
        for r in 0..replicas {
            let (raw, options) = ArticleReaderBuilder::new().from_paths(&files).into_parts();
            let mut batch = Vec::with_capacity(BATCH);
            for record in raw {
                match record {
                    Ok(record) => batch.push(record),
                    Err(_) => {
                        errs.fetch_add(1, Ordering::Relaxed);
                    }
                }
                if batch.len() == BATCH
                    && !send(&tx, parse(std::mem::take(&mut batch), &options, r, &errs))
                {
                    return;
                }
            }
            if !send(&tx, parse(batch, &options, r, &errs)) {
                return;
            }
        }
    });
    (rx.into_iter().flatten(), errors)
}

fn parse(
    batch: Vec<RawRecord>,
    options: &ReadOptions,
    replica: usize,
    errors: &AtomicU64,
) -> Vec<Article> {
    let parsed: Vec<_> = batch.par_iter().map(|r| r.parse(options)).collect();
    parsed
        .into_iter()
        .filter_map(|a| match a {
            Ok(a) => Some(replicate(a, replica)),
            Err(_) => {
                errors.fetch_add(1, Ordering::Relaxed);
                None
            }
        })
        .collect()
}

/// False when the consumer has gone (stop producing).
fn send(tx: &mpsc::SyncSender<Vec<Article>>, batch: Vec<Article>) -> bool {
    batch.is_empty() || tx.send(batch).is_ok()
}
