//! Files in, committed index out: the indexing loop shared by `search index`
//! and the no-argument demo, plus what `search normalize` shares with it
//! (the reader flags, batches, `--report`).
//!
//! Reading is sequential (walk, read, gunzip, cut records) and cheap; parsing
//! and normalizing run on rayon's pool one batch at a time, and the batch is
//! handed to the writer, whose own threads index while the next batch parses.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use newsdex::ingest::{
    Article, ArticleReaderBuilder, Duplicate, Error, IngestReport, RawRecord, RawRecords,
    Rejection, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_RECORD_BYTES,
};
use newsdex::{AddSummary, CommitStats, NewsIndex};
use rayon::prelude::*;

/// Records parsed per batch: large enough to keep both cores busy, small
/// enough that memory stays flat whatever the input size.
const BATCH: usize = 2_000;

/// Bytes parsed per batch at most (give or take one record): a record may
/// be up to `--max-record-mb`, so counting records alone would not bound
/// a batch's memory.
const BATCH_BYTES: usize = 64_000_000;

const MB: u64 = 1_000_000;

/// The reader flags of `search index` and `search normalize`: size limits.
#[derive(clap::Args)]
pub struct ReadArgs {
    /// Largest record read, in MB (a JSON line, an element of a .json
    /// array, a whole .txt/.html file, after decompression); a larger one
    /// is rejected as record-too-large and reading goes on.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_RECORD_BYTES / MB,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_record_mb: u64,
    /// Most MB read from one .gz file after decompression; the rest of
    /// the file is rejected as file-too-large.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_FILE_BYTES / MB,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_file_mb: u64,
}

impl ReadArgs {
    /// A reader with these limits.
    pub fn reader(&self) -> ArticleReaderBuilder {
        let mut reader = ArticleReaderBuilder::new();
        reader
            .max_record_bytes(self.max_record_mb.saturating_mul(MB))
            .max_file_bytes(self.max_file_mb.saturating_mul(MB));
        reader
    }
}

/// `--report FILE`: every rejection as one JSON line, written as it
/// happens (memory keeps none of them), to a file created before any work
/// so that a bad path fails at once.
pub struct RejectionLog {
    out: BufWriter<File>,
    path: PathBuf,
}

impl RejectionLog {
    /// Creates (or truncates) the report file.
    pub fn create(path: &Path) -> anyhow::Result<RejectionLog> {
        let file =
            File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(RejectionLog { out: BufWriter::new(file), path: path.to_path_buf() })
    }

    fn write(&mut self, error: &Error) -> anyhow::Result<()> {
        let line = serde_json::to_string(&Rejection::from_error(error))?;
        writeln!(self.out, "{line}")
            .with_context(|| format!("cannot write {}", self.path.display()))
    }

    /// Flushes the report file.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.out.flush().with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// The outcome of every record: counted in the report, and each rejection
/// written to the `--report` file if there is one.
pub struct Outcomes<'a> {
    /// Counts, and the first few positions of each kind.
    pub report: IngestReport,
    log: Option<&'a mut RejectionLog>,
}

impl<'a> Outcomes<'a> {
    /// An empty tally writing rejections to `log`.
    pub fn new(log: Option<&'a mut RejectionLog>) -> Outcomes<'a> {
        Outcomes { report: IngestReport::new(), log }
    }

    /// Records a parsed record; the duplicate entry when it repeats an
    /// earlier article.
    pub fn add(&mut self, result: &Result<Article, Error>) -> anyhow::Result<Option<Duplicate>> {
        if let Err(error) = result {
            self.reject(error)?;
            return Ok(None);
        }
        Ok(self.report.add(result))
    }

    /// Records a rejection.
    pub fn reject(&mut self, error: &Error) -> anyhow::Result<()> {
        self.report.record_error(error);
        match &mut self.log {
            Some(log) => log.write(error),
            None => Ok(()),
        }
    }

    /// The next batch of records to parse, rejections of the sequential
    /// stage (unreadable files, records too large…) recorded on the way;
    /// `None` once `records` is exhausted.
    pub fn next_batch(
        &mut self,
        records: &mut RawRecords,
    ) -> anyhow::Result<Option<Vec<RawRecord>>> {
        let (mut batch, mut bytes, mut any) = (Vec::new(), 0, false);
        while batch.len() < BATCH && bytes < BATCH_BYTES {
            let Some(record) = records.next() else { break };
            any = true;
            match record {
                Ok(raw) => {
                    bytes += raw.byte_len();
                    batch.push(raw);
                }
                Err(err) => self.reject(&err)?,
            }
        }
        Ok(any.then_some(batch))
    }
}

/// What one indexing run did.
pub struct IndexRun {
    /// Accepted/rejected/duplicate records as the readers saw them.
    pub report: IngestReport,
    /// What the writer did with the accepted articles.
    pub added: AddSummary,
    /// What the index holds after the commit.
    pub committed: CommitStats,
    /// Input bytes read (after decompression).
    pub bytes: u64,
    /// Wall time, including the commit.
    pub elapsed: Duration,
}

/// Reads `paths` with `reader`, indexes every accepted article into `index`
/// and commits; every rejection also goes to `log`.
pub fn index_paths(
    index: &NewsIndex,
    paths: &[PathBuf],
    reader: &ArticleReaderBuilder,
    log: Option<&mut RejectionLog>,
    quiet: bool,
) -> anyhow::Result<IndexRun> {
    let started = Instant::now();
    let mut progress = Progress::new(paths, quiet);
    let (mut records, options) = reader.from_paths(paths).into_parts();
    let mut writer = index.writer()?;
    let mut outcomes = Outcomes::new(log);
    let mut added = AddSummary::default();
    let mut bytes = 0u64;
    while let Some(batch) = outcomes.next_batch(&mut records)? {
        let Some(last) = batch.last() else { continue };
        let batch_bytes: u64 = batch.iter().map(|raw| raw.byte_len() as u64).sum();
        progress.record(last, batch.len() as u64, batch_bytes, started);
        bytes += batch_bytes;
        let parsed: Vec<_> = batch.par_iter().map(|raw| raw.parse(&options)).collect();
        let mut articles = Vec::with_capacity(parsed.len());
        for result in parsed {
            if outcomes.add(&result)?.is_none() {
                articles.extend(result.ok());
            }
        }
        added += writer.add_articles(articles)?;
    }
    progress.message("committing");
    let committed = writer.commit()?;
    progress.clear();
    let report = outcomes.report;
    Ok(IndexRun { report, added, committed, bytes, elapsed: started.elapsed() })
}

/// A progress bar on a terminal (bytes of input files on disk, so the ETA is
/// real), plain log lines every few seconds otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    sizes: HashMap<String, u64>,
    current: Option<(String, u64)>,
    done_bytes: u64,
    records: u64,
    last_log: Instant,
}

impl Progress {
    fn new(paths: &[PathBuf], quiet: bool) -> Progress {
        let sizes = if quiet { HashMap::new() } else { input_sizes(paths) };
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(sizes.values().sum());
            let template =
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ETA {eta} {msg}";
            bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
            bar
        });
        let last_log = Instant::now();
        Progress { bar, quiet, sizes, current: None, done_bytes: 0, records: 0, last_log }
    }

    /// Notes a batch ending with `last`: `records` records, `bytes` read.
    fn record(&mut self, last: &RawRecord, records: u64, bytes: u64, started: Instant) {
        if self.quiet {
            return;
        }
        self.records += records;
        let path = &last.position().path;
        // Compressed files only count once finished: their decompressed bytes
        // say nothing about the position in the file on disk.
        let (current_path, current_read) = self.current.get_or_insert_with(|| (path.clone(), 0));
        if current_path != path {
            self.done_bytes += self.sizes.get(current_path.as_str()).copied().unwrap_or(0);
            *current_path = path.clone();
            *current_read = 0;
        }
        if !path.ends_with(".gz") {
            *current_read += bytes;
        }
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        let rate = format!("{:.0} records/s", self.records as f64 / secs);
        if let Some(bar) = &self.bar {
            let size = self.sizes.get(path.as_str()).copied().unwrap_or(0);
            bar.set_position(self.done_bytes + (*current_read).min(size));
            bar.set_message(rate);
        } else if self.last_log.elapsed() >= Duration::from_secs(5) {
            self.last_log = Instant::now();
            crate::out::errln!("search: {} records read ({rate})", self.records);
        }
    }

    fn message(&self, message: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// On-disk size of every file below `paths`, keyed as the readers name them.
fn input_sizes(paths: &[PathBuf]) -> HashMap<String, u64> {
    paths
        .iter()
        .flat_map(|p| walkdir::WalkDir::new(p).follow_links(true).into_iter().flatten())
        .filter_map(|e| Some((e.path().display().to_string(), e.metadata().ok()?)))
        .filter(|(_, m)| m.is_file())
        .map(|(p, m)| (p, m.len()))
        .collect()
}
