//! `search index` and the no-argument demo.

use std::path::{Path, PathBuf};

use anyhow::Context;
use newsdex::ingest::ArticleReaderBuilder;
use newsdex::{NewsIndex, NewsIndexBuilder, SearchRequest};

use crate::out::outln;
use crate::pipeline::{index_paths, IndexRun, ReadArgs, RejectionLog};

/// How many rejections per reason the summary shows.
const SHOWN_PER_REASON: usize = 3;

/// Arguments of `search index`.
#[derive(clap::Args)]
pub struct Args {
    /// Index directory (created if missing; re-indexing the same input
    /// replaces articles by id, so it changes nothing).
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// Files or directories: .txt/.md (scraped text), .json, .jsonl,
    /// .html/.htm, and .gz of any of them. Directories are walked.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write every rejected record (where and why) as JSON Lines.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
    /// Writer memory budget in MB, 16 to 32768 (at most about 4 GB is
    /// used per indexing thread).
    #[arg(long, default_value_t = 256, value_name = "MB",
          value_parser = clap::value_parser!(u64).range(16..=32_768))]
    memory: u64,
    /// Indexing threads (default: up to 4, one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Do not extract arms transfers (passages get none: `supplier:` and
    /// the other transfer operators, `deals` and the `roles` ranking
    /// feature then find nothing in them). For measuring what extraction
    /// costs.
    #[arg(long)]
    no_transfers: bool,
}

/// Runs `search index`.
pub fn run(args: Args) -> anyhow::Result<()> {
    for path in &args.paths {
        // A symbolic link that loops or dangles exists as a link: the
        // reader reports what it is rather than "no such file".
        let exists = path.symlink_metadata().is_ok();
        anyhow::ensure!(exists, "cannot read {}: no such file or directory", path.display());
    }
    // Before indexing: a report that cannot be written must not cost a run.
    let mut log = args.report.as_deref().map(RejectionLog::create).transpose()?;
    let mut builder = NewsIndexBuilder::new();
    // The range is checked by clap: this fits a usize.
    builder.writer_memory(args.memory as usize * 1_000_000);
    if let Some(threads) = args.threads {
        builder.writer_threads(threads.max(1));
    }
    builder.extract_transfers(!args.no_transfers);
    let index = builder.open_or_create(&args.index)?;
    let run = index_paths(&index, &args.paths, &args.read.reader(), log.as_mut(), false)?;
    if let Some(log) = log {
        log.finish()?;
    }
    print_summary(&run)?;
    // Files that could not be opened, or were no files at all.
    let unreadable: u64 = ["io", "not-a-file"]
        .iter()
        .filter_map(|reason| run.report.rejections().get(*reason))
        .map(|group| group.count)
        .sum();
    anyhow::ensure!(
        run.report.accepted() > 0 || unreadable == 0 || unreadable < run.report.rejected(),
        "no input could be read ({unreadable} unreadable)"
    );
    Ok(())
}

/// `search` with no arguments: index the sample corpus that ships in
/// `examples/data/` into a temporary directory and run `arms dealings`.
pub fn run_demo() -> anyhow::Result<()> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    // The sub-directories hold the articles; the README beside them is not one.
    let paths: Vec<PathBuf> =
        ["text", "jsonl", "html"].iter().map(|d| data.join(d)).filter(|p| p.is_dir()).collect();
    anyhow::ensure!(!paths.is_empty(), "the sample corpus is missing: {}", data.display());
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let index = NewsIndex::open_or_create(dir.path())?;
    let run = index_paths(&index, &paths, &ArticleReaderBuilder::new(), None, true)?;
    outln!(
        "Indexed the sample corpus ({} articles, {} passages) in {:.2}s.\n",
        run.added.added + run.added.replaced,
        run.added.passages,
        run.elapsed.as_secs_f64()
    );
    let request = SearchRequest::new("arms dealings").limit(5);
    outln!("Query: arms dealings\n");
    let results = index.search(&request)?;
    crate::query::print_human(&mut crate::out::stdout(), &results, false)?;
    outln!(
        "Index your own files:  cargo run --release --example search -- index --index my-index PATH...\n\
         then search them:      cargo run --release --example search -- query --index my-index \"North Korea artillery shells\""
    );
    Ok(())
}

fn print_summary(run: &IndexRun) -> anyhow::Result<()> {
    let report = &run.report;
    let secs = run.elapsed.as_secs_f64().max(1e-3);
    outln!("accepted    {} articles", report.accepted());
    outln!("rejected    {} records", report.rejected());
    for (reason, group) in report.rejections() {
        outln!("  {reason:<16} {}", group.count);
        for rejection in group.first.iter().take(SHOWN_PER_REASON) {
            outln!("    {}: {}", rejection.position(), rejection.message);
        }
    }
    let duplicates = report.duplicate_count() + run.added.duplicates.len() as u64;
    outln!("duplicates  {duplicates} (same text as an article already seen; not indexed)");
    outln!("warnings    {}", report.warning_count());
    outln!(
        "indexed     {} new, {} replaced, {} passages",
        run.added.added,
        run.added.replaced,
        run.added.passages
    );
    outln!(
        "time        {secs:.1}s ({:.0} articles/s, {:.0} passages/s, {:.1} MB/s)",
        report.accepted() as f64 / secs,
        run.added.passages as f64 / secs,
        run.bytes as f64 / 1e6 / secs
    );
    let now = run.committed;
    outln!("index now   {} articles, {} passages", now.articles, now.passages);
    Ok(())
}
