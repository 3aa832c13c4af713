//! Files in, committed index out: the indexing loop shared by `search index`
//! and the no-argument demo.
//!
//! Reading is sequential (walk, read, gunzip, cut lines) and cheap; parsing
//! and normalizing run on rayon's pool one batch at a time, and the batch is
//! handed to the writer, whose own threads index while the next batch parses.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use newsdex::ingest::{IngestReport, RawRecord, RawRecords, ReadOptions};
use newsdex::{AddSummary, CommitStats, NewsIndex};
use rayon::prelude::*;

/// Records parsed per batch: large enough to keep both cores busy, small
/// enough that memory stays flat whatever the input size.
const BATCH: usize = 2_000;

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

/// Reads `paths`, indexes every accepted article into `index` and commits.
pub fn index_paths(index: &NewsIndex, paths: &[PathBuf], quiet: bool) -> anyhow::Result<IndexRun> {
    let started = Instant::now();
    let mut progress = Progress::new(paths, quiet);
    let options = ReadOptions::new();
    let mut writer = index.writer()?;
    let mut report = IngestReport::new();
    let mut added = AddSummary::default();
    let mut bytes = 0u64;
    let mut records = RawRecords::from_paths(paths);
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        let mut taken = 0;
        for raw in records.by_ref().take(BATCH) {
            taken += 1;
            match raw {
                Ok(raw) => batch.push(raw),
                // Unreadable files and unknown types: nothing to parse.
                Err(err) => report.record_error(&err),
            }
        }
        if taken == 0 {
            break;
        }
        let Some(last) = batch.last() else { continue };
        // Sizes are measured on the pool too: for records cut from a `.json`
        // document that means serializing them, too slow for this thread.
        let parsed: Vec<_> =
            batch.par_iter().map(|raw| (raw.byte_len() as u64, raw.parse(&options))).collect();
        let batch_bytes: u64 = parsed.iter().map(|(b, _)| b).sum();
        progress.record(last, batch.len() as u64, batch_bytes, started);
        bytes += batch_bytes;
        let mut articles = Vec::with_capacity(parsed.len());
        for (_, result) in parsed {
            if report.add(&result).is_none() {
                articles.extend(result.ok());
            }
        }
        added += writer.add_articles(articles)?;
    }
    progress.message("committing");
    let committed = writer.commit()?;
    progress.clear();
    Ok(IndexRun { report, added, committed, bytes, elapsed: started.elapsed() })
}

/// The `--report` file of `search index` and `search normalize`: created
/// before any work, so that a bad path fails the run at once rather than
/// after it (losing the summary).
pub struct ReportFile {
    path: PathBuf,
    file: File,
}

impl ReportFile {
    /// Creates (or truncates) the file.
    pub fn create(path: &Path) -> anyhow::Result<ReportFile> {
        let file =
            File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(ReportFile { path: path.to_path_buf(), file })
    }

    /// Writes every rejection of `report` as JSON Lines.
    pub fn write(self, report: &IngestReport) -> anyhow::Result<()> {
        let mut out = BufWriter::new(self.file);
        let written: std::io::Result<()> = report.all_rejections().try_for_each(|rejection| {
            serde_json::to_writer(&mut out, rejection)?;
            out.write_all(b"\n")
        });
        written
            .and_then(|()| out.flush())
            .with_context(|| format!("cannot write {}", self.path.display()))
    }
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
