//! Reading with parallel parsing: the cheap sequential stage (read, gunzip,
//! cut lines) on a producer thread, `RawRecord::parse` on the rayon pool, in
//! input order, handed over in batches through a bounded channel so memory
//! stays bounded however large the input.

use std::sync::mpsc;

use newsdex::ingest::{Article, ArticleReaderBuilder, RawRecord, ReadOptions};
use rayon::prelude::*;

use super::corpus::CorpusSource;

/// Records parsed per parallel batch.
const BATCH: usize = 256;
/// Parsed batches waiting for the consumer.
const QUEUE: usize = 4;

/// The corpus parsed in parallel, in input order; bad records are skipped.
pub fn parsed_articles(source: &CorpusSource) -> impl Iterator<Item = Article> {
    let (tx, rx) = mpsc::sync_channel::<Vec<Article>>(QUEUE);
    let files = source.files.clone();
    std::thread::spawn(move || {
        let (raw, options) = ArticleReaderBuilder::new().from_paths(&files).into_parts();
        let mut batch = Vec::with_capacity(BATCH);
        for record in raw.flatten() {
            batch.push(record);
            if batch.len() == BATCH && !send(&tx, parse(std::mem::take(&mut batch), &options)) {
                return;
            }
        }
        send(&tx, parse(batch, &options));
    });
    rx.into_iter().flatten()
}

fn parse(batch: Vec<RawRecord>, options: &ReadOptions) -> Vec<Article> {
    let parsed: Vec<_> = batch.par_iter().map(|r| r.parse(options)).collect();
    parsed.into_iter().flatten().collect()
}

/// False when the consumer has gone (stop producing).
fn send(tx: &mpsc::SyncSender<Vec<Article>>, batch: Vec<Article>) -> bool {
    batch.is_empty() || tx.send(batch).is_ok()
}
