//! Indexing throughput, each figure beside the raw-tantivy baseline measured
//! in the same run.
//!
//! `cargo bench --bench indexing [-- --runs N --threads 1,2 --memory-mb M --only a,b]`
//!
//! Workloads (all on the same articles):
//! - `ingest-read`: read + parse + normalize files on one thread;
//!   `ingest-split`: the same, then split passages; `ingest-par`: parsing on
//!   the rayon pool, splitting on the consuming thread;
//! - `baseline`: raw tantivy, one doc per article, one `en_stem` text field,
//!   same writer threads and budget, committed (`baseline+stored` also stores it);
//! - `index`: pre-normalized articles in memory -> `NewsWriter` -> commit;
//!   `index-no-transfers`: the same without arms-transfer extraction (the
//!   difference is what extraction costs; issue 11's budget is 15 %);
//! - `e2e`: files -> readers -> `NewsWriter` -> commit.
//!
//! Runs are interleaved (every workload once per round) so load from other
//! processes on the shared machine hits all workloads alike; the table shows
//! the median and best of the rounds. A custom harness rather than criterion:
//! one iteration takes seconds, and we want the interleaving and a ratio.
//!
//! After the tables it prints the ratios of the targets (BENCHMARKS.md §4):
//! `e2e` and `index` over `baseline` (wall and CPU, ≤ 1.25), and with
//! several `--threads`, each workload's throughput with the most threads
//! over its throughput with one (≥ 1.7 on an idle machine).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::baseline::{self, WriterSettings};
use common::corpus::{self, Corpus};
use common::pipeline;
use common::stats;

/// What one run of a workload processed.
#[derive(Clone, Copy, Debug, Default)]
struct Outcome {
    articles: u64,
    passages: u64,
}

/// What the baselines index, prepared before any clock starts.
struct Inputs {
    /// One text per article (title and body).
    texts: Vec<String>,
    /// Every passage as (its article's index in the corpus, its text).
    passages: Vec<(usize, String)>,
}

type RunFn = fn(&Corpus, &Inputs, &Path, WriterSettings) -> (Duration, Outcome);

struct Workload {
    name: &'static str,
    run: RunFn,
    /// Writer threads of this workload's runs.
    threads: usize,
    times: Vec<Duration>,
    cpu: Vec<Duration>,
    outcome: Outcome,
}

struct Args {
    runs: usize,
    /// Writer threads, one set of workloads per count (default 2).
    threads: Vec<usize>,
    memory: usize,
    only: Option<Vec<String>>,
}

fn parse_args() -> Args {
    let mut args = Args { runs: 3, threads: vec![2], memory: 256 << 20, only: None };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        match a.as_str() {
            "--runs" => args.runs = value().parse().unwrap_or(args.runs).max(1),
            "--threads" => {
                let threads: Vec<usize> =
                    value().split(',').filter_map(|t| t.parse().ok()).filter(|&t| t > 0).collect();
                if !threads.is_empty() {
                    args.threads = threads;
                }
            }
            "--memory-mb" => args.memory = value().parse::<usize>().unwrap_or(256) << 20,
            "--only" => args.only = Some(value().split(',').map(str::to_owned).collect()),
            _ => {} // `cargo bench` passes `--bench`; ignore what we do not know
        }
    }
    args
}

fn main() {
    let args = parse_args();
    let corpus = Corpus::load(corpus::corpus_source());
    let selected: Vec<(&'static str, RunFn)> = all_workloads()
        .into_iter()
        .filter(|(name, _)| {
            args.only.as_ref().map_or(true, |o| o.iter().any(|x| name.starts_with(x.as_str())))
        })
        .collect();
    let texts: Vec<String> = corpus.articles.iter().map(corpus::baseline_text).collect();
    let passages = if selected.iter().any(|(name, _)| name.starts_with("baseline-passages")) {
        passages_of(&corpus)
    } else {
        Vec::new()
    };
    let inputs = Inputs { texts, passages };
    let mut workloads: Vec<Workload> = args
        .threads
        .iter()
        .flat_map(|&threads| {
            selected.iter().map(move |&(name, run)| Workload {
                name,
                run,
                threads,
                times: Vec::new(),
                cpu: Vec::new(),
                outcome: Outcome::default(),
            })
        })
        .collect();
    let scratch = baseline::scratch_dir().expect("create target/bench-scratch");
    let load_before = stats::load_average();
    for _ in 0..args.runs {
        for w in &mut workloads {
            let dir = tempfile::tempdir_in(&scratch).expect("scratch dir");
            let cpu = stats::cpu_time().unwrap_or_default();
            let settings = WriterSettings { threads: w.threads, memory: args.memory };
            let (took, outcome) = (w.run)(&corpus, &inputs, dir.path(), settings);
            w.cpu.push(stats::cpu_time().unwrap_or_default().saturating_sub(cpu));
            w.times.push(took);
            w.outcome = outcome;
        }
    }
    print_report(&corpus, &args, &workloads, &load_before);
}

fn all_workloads() -> Vec<(&'static str, RunFn)> {
    vec![
        ("ingest-read", |c, _, _, _| run_ingest(c, false, false)),
        ("ingest-split", |c, _, _, _| run_ingest(c, true, false)),
        ("ingest-par", |c, _, _, _| run_ingest(c, true, true)),
        ("baseline", |_, i, dir, s| run_baseline(&i.texts, dir, s, false)),
        ("baseline+stored", |_, i, dir, s| run_baseline(&i.texts, dir, s, true)),
        ("baseline-passages", |c, i, dir, s| run_baseline_passages(c, i, dir, s, false)),
        ("baseline-passages+title", |c, i, dir, s| run_baseline_passages(c, i, dir, s, true)),
        ("index", run_index as RunFn),
        ("index-no-transfers", run_index_no_transfers as RunFn),
        ("e2e", |c, _, dir, s| run_e2e(c, dir, s, false)),
        ("e2e-par", |c, _, dir, s| run_e2e(c, dir, s, true)),
    ]
}

/// The corpus's articles, read sequentially or parsed on the rayon pool
/// (bad records skipped; `Corpus::load` counted them).
fn read_articles(
    c: &Corpus,
    parallel: bool,
) -> Box<dyn Iterator<Item = newsdex::ingest::Article> + '_> {
    if parallel {
        Box::new(pipeline::parsed_articles(&c.source))
    } else {
        Box::new(corpus::stream(&c.source, 1))
    }
}

/// Reads the corpus (sequentially, or parsing in parallel), optionally
/// splitting passages on the consuming thread.
fn run_ingest(c: &Corpus, split: bool, parallel: bool) -> (Duration, Outcome) {
    let start = Instant::now();
    let articles = read_articles(c, parallel);
    let mut out = Outcome::default();
    for a in articles {
        out.articles += 1;
        if split {
            out.passages += newsdex::ingest::split_passages(&a).len() as u64;
        }
    }
    (start.elapsed(), out)
}

fn run_baseline(
    texts: &[String],
    dir: &Path,
    s: WriterSettings,
    stored: bool,
) -> (Duration, Outcome) {
    let start = Instant::now();
    let (docs, _writer) = baseline::index_texts(texts.iter().map(String::as_str), dir, s, stored)
        .expect("baseline index");
    (start.elapsed(), Outcome { articles: docs, passages: 0 })
}

/// Every passage newsdex would index, split before any clock starts.
fn passages_of(c: &Corpus) -> Vec<(usize, String)> {
    let split = |(i, a)| {
        newsdex::ingest::split_passages(a).into_iter().map(move |p| (i, p.text)).collect::<Vec<_>>()
    };
    c.articles.iter().enumerate().flat_map(split).collect()
}

fn run_baseline_passages(
    c: &Corpus,
    i: &Inputs,
    dir: &Path,
    s: WriterSettings,
    title: bool,
) -> (Duration, Outcome) {
    let passages = i.passages.iter().map(|(a, p)| (c.articles[*a].title.as_str(), p.as_str()));
    let start = Instant::now();
    let (docs, _writer) =
        baseline::index_passages(passages, dir, s, title).expect("baseline passages");
    let articles = c.articles.len() as u64;
    (start.elapsed(), Outcome { articles, passages: docs })
}

/// Pre-normalized articles (copied before the clock starts) -> committed index.
fn run_index(c: &Corpus, _: &Inputs, dir: &Path, s: WriterSettings) -> (Duration, Outcome) {
    let articles = c.articles.clone();
    let start = Instant::now();
    let (summary, _writer) = baseline::index_articles(articles, dir, s).expect("index");
    let took = start.elapsed();
    (took, Outcome { articles: summary.added, passages: summary.passages })
}

/// [`run_index`] without arms-transfer extraction.
fn run_index_no_transfers(
    c: &Corpus,
    _: &Inputs,
    dir: &Path,
    s: WriterSettings,
) -> (Duration, Outcome) {
    let articles = c.articles.clone();
    let start = Instant::now();
    let (summary, _writer) = baseline::index_articles_with(articles, dir, s, false).expect("index");
    let took = start.elapsed();
    (took, Outcome { articles: summary.added, passages: summary.passages })
}

/// Files -> readers -> committed index; `parallel` parses on the rayon pool.
fn run_e2e(c: &Corpus, dir: &Path, s: WriterSettings, parallel: bool) -> (Duration, Outcome) {
    let start = Instant::now();
    let articles = read_articles(c, parallel);
    let (summary, _writer) = baseline::index_articles(articles, dir, s).expect("index");
    let took = start.elapsed();
    (took, Outcome { articles: summary.added, passages: summary.passages })
}

fn print_report(c: &Corpus, args: &Args, workloads: &[Workload], load_before: &str) {
    let passages = workloads.iter().map(|w| w.outcome.passages).max().unwrap_or(0);
    println!(
        "\ncorpus: {} ({} files), {} articles, {} passages, {} MB text, {} MB files, {} bad records",
        c.source.label,
        c.source.files.len(),
        c.articles.len(),
        passages,
        stats::mb(c.text_bytes),
        stats::mb(c.file_bytes),
        c.errors
    );
    println!(
        "writer: {:?} threads, {} MB budget; {} rounds; load avg before {load_before}, after {}",
        args.threads,
        args.memory >> 20,
        args.runs,
        stats::load_average()
    );
    for &threads in &args.threads {
        let of_threads: Vec<&Workload> =
            workloads.iter().filter(|w| w.threads == threads).collect();
        print_table(c, threads, &of_threads);
    }
    print_ratios(args, workloads);
}

fn print_table(c: &Corpus, threads: usize, workloads: &[&Workload]) {
    println!("\n{threads} writer thread(s):\n");
    let base = workloads.iter().find(|w| w.name == "baseline");
    let ratio = |x: Duration, b: Option<Duration>| {
        b.map_or("-".into(), |b| format!("{:.2}", x.as_secs_f64() / b.as_secs_f64()))
    };
    println!("| workload | wall s (median) | wall s (best) | CPU s (median) | articles/s | passages/s | MB/s | × baseline wall | × baseline CPU |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for w in workloads {
        let med = stats::median(&w.times);
        let cpu = stats::median(&w.cpu);
        let best = *w.times.iter().min().expect("at least one run");
        let passages = if w.outcome.passages > 0 {
            stats::rate(w.outcome.passages as f64, med)
        } else {
            "-".into()
        };
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {} | {} | {:.1} | {} | {} |",
            w.name,
            med.as_secs_f64(),
            best.as_secs_f64(),
            cpu.as_secs_f64(),
            stats::rate(w.outcome.articles as f64, med),
            passages,
            c.text_bytes as f64 / 1e6 / med.as_secs_f64(),
            ratio(med, base.map(|b| stats::median(&b.times))),
            ratio(cpu, base.map(|b| stats::median(&b.cpu))),
        );
    }
}

/// The target ratios, spelled out: newsdex over the baseline per thread
/// count, and most threads over one thread per workload (medians).
fn print_ratios(args: &Args, workloads: &[Workload]) {
    let find = |name: &str, threads: usize| {
        workloads.iter().find(|w| w.name == name && w.threads == threads)
    };
    let secs = |d: Duration| d.as_secs_f64();
    println!();
    for &threads in &args.threads {
        let Some(base) = find("baseline", threads) else { continue };
        for name in ["e2e", "index"] {
            if let Some(w) = find(name, threads) {
                println!(
                    "{name} / baseline, {threads} thread(s): wall {:.2}, CPU {:.2} (target ≤ 1.25)",
                    secs(stats::median(&w.times)) / secs(stats::median(&base.times)),
                    secs(stats::median(&w.cpu)) / secs(stats::median(&base.cpu)),
                );
            }
        }
    }
    let (Some(&most), true) = (args.threads.iter().max(), args.threads.contains(&1)) else {
        return;
    };
    if most == 1 {
        return;
    }
    for w in workloads.iter().filter(|w| w.threads == most) {
        if let Some(one) = find(w.name, 1) {
            println!(
                "{} throughput, {most} threads / 1 thread: {:.2} (wall {:.2} vs {:.2} s; target ≥ 1.7)",
                w.name,
                secs(stats::median(&one.times)) / secs(stats::median(&w.times)),
                secs(stats::median(&one.times)),
                secs(stats::median(&w.times)),
            );
        }
    }
}
