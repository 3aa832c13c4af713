//! Records read in order and parsed in parallel, a batch at a time.

use newsdex::ingest::{Article, RawRecords, ReadOptions, Result};
use rayon::prelude::*;

/// Records parsed per batch: enough to keep every core busy, few enough
/// that memory stays flat and the first articles arrive quickly.
const BATCH: usize = 1024;

/// Which share of a file's records a reader takes: record `i` (counting
/// the reader's errors too) belongs to shard `i % count`. The Spark job
/// cuts a large file into shards read by different tasks; every task reads
/// the same sequence, so together they see each record exactly once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shard {
    /// This reader's shard, `0..count`.
    pub index: u64,
    /// How many shards the input is cut into (1 = all of it).
    pub count: u64,
}

impl Shard {
    /// The whole input.
    pub const ALL: Shard = Shard { index: 0, count: 1 };
}

/// The articles of some inputs, in input order, a batch at a time.
pub(crate) struct Batches {
    raw: RawRecords,
    options: ReadOptions,
    shard: Shard,
    /// Items drawn from `raw` so far (for the shard rule).
    drawn: u64,
}

impl Batches {
    /// Batches of the records of `raw`.
    pub(crate) fn new(raw: RawRecords, options: ReadOptions, shard: Shard) -> Batches {
        Batches { raw, options, shard, drawn: 0 }
    }

    /// The next batch of outcomes, one per record; empty at the end.
    /// Reads sequentially, parses on rayon's pool: call it without the GIL.
    pub(crate) fn next_batch(&mut self) -> Vec<Result<Article>> {
        let mut raw = Vec::with_capacity(BATCH);
        while raw.len() < BATCH {
            let Some(item) = self.raw.next() else { break };
            let mine = self.drawn % self.shard.count == self.shard.index;
            self.drawn += 1;
            if mine {
                raw.push(item);
            }
        }
        let options = &self.options;
        raw.into_par_iter().map(|item| item.and_then(|record| record.parse(options))).collect()
    }
}
