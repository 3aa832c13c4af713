//! Query latency percentiles on an index of at least 1M passages.
//!
//! `cargo bench --bench query [-- --passages 1000000 --rounds 10 --rebuild
//! --shapes plain,full --skip-stats]`
//!
//! The index is the benchmark corpus replicated (unique ids per copy) until it
//! holds `--passages` passages. It is built once into
//! `target/bench-index/<corpus>-passages-<N>` and reused by later runs.
//!
//! Queries: the development topic titles (`eval/topics-dev.json`) plus short
//! generic queries. Each runs under several request shapes so the cost of each
//! stage shows: plain BM25, plain with highlighting, full ranking without
//! expansion, with expansion, and with highlighting (the default request).
//! Rounds are interleaved across shapes; the table reports nearest-rank
//! percentiles over all samples, of wall time and of the searching thread's
//! CPU time. A custom harness: percentiles matter here, not criterion's mean.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use newsdex::{NewsIndex, NewsIndexBuilder, Ranking, SearchRequest};

use common::corpus;
use common::queries::{queries, Query};
use common::stats::{self, Percentiles};

/// A request shape: which stages run.
struct Shape {
    name: &'static str,
    make: fn(&str) -> SearchRequest,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "plain",
        make: |q| SearchRequest::new(q).ranking(Ranking::Plain).highlight(false),
    },
    Shape {
        name: "plain+hl",
        make: |q| SearchRequest::new(q).ranking(Ranking::Plain).highlight(true),
    },
    Shape { name: "full-exp", make: |q| SearchRequest::new(q).expand(false).highlight(false) },
    Shape { name: "full", make: |q| SearchRequest::new(q).highlight(false) },
    Shape { name: "full+hl (default)", make: |q| SearchRequest::new(q) },
];

struct Args {
    /// Passages the index must hold; `None`: 1M for the real corpus, 50k for
    /// the embedded sample (a bare clone should not spend minutes building).
    passages: Option<u64>,
    rounds: usize,
    rebuild: bool,
    /// Only the request shapes whose name starts with one of these.
    shapes: Option<Vec<String>>,
    /// Skip `NewsIndex::stats` (slow on large indexes; for profiling queries).
    skip_stats: bool,
}

fn parse_args() -> Args {
    let mut args =
        Args { passages: None, rounds: 10, rebuild: false, shapes: None, skip_stats: false };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        match a.as_str() {
            "--passages" => args.passages = value().parse().ok().or(args.passages),
            "--rounds" => args.rounds = value().parse().unwrap_or(args.rounds).max(1),
            "--rebuild" => args.rebuild = true,
            "--skip-stats" => args.skip_stats = true,
            "--shapes" => args.shapes = Some(value().split(',').map(str::to_owned).collect()),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    args
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = parse_args();
    let source = corpus::corpus_source();
    let wanted = if source.label == "real" { 1_000_000 } else { 50_000 };
    let passages = *args.passages.get_or_insert(wanted);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-index")
        .join(format!("{}-passages-{passages}", source.label));
    let index = open_or_build(&source, &dir, &args)?;
    println!(
        "\nindex: {} passages, {} MB, {} segments; {} rounds; load avg {}",
        built_passages(&dir).unwrap_or(0),
        stats::mb(stats::dir_size(&dir)),
        segment_count(&dir),
        args.rounds,
        stats::load_average()
    );
    if !args.skip_stats {
        let start = Instant::now();
        let st = index.stats()?;
        println!(
            "NewsIndex::stats: {} articles, {} passages, took {:.2} s",
            st.articles,
            st.passages,
            start.elapsed().as_secs_f64()
        );
    }
    let queries = queries()?;
    let shapes: Vec<&Shape> = SHAPES
        .iter()
        .filter(|s| {
            args.shapes.as_ref().map_or(true, |o| o.iter().any(|x| s.name.starts_with(x.as_str())))
        })
        .collect();
    let samples = measure(&index, &queries, &shapes, args.rounds)?;
    print_table(&queries, &shapes, &samples);
    Ok(())
}

fn open_or_build(
    source: &corpus::CorpusSource,
    dir: &Path,
    args: &Args,
) -> Result<NewsIndex, Box<dyn std::error::Error>> {
    if !args.rebuild && built_passages(dir).is_some_and(|n| Some(n) >= args.passages) {
        match NewsIndex::open(dir) {
            Ok(index) => return Ok(index),
            // E.g. built by an older schema: rebuild rather than fail.
            Err(e) => eprintln!("existing index unusable ({e}); rebuilding"),
        }
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let per_copy: u64 =
        corpus::stream(source, 1).map(|a| newsdex::ingest::split_passages(&a).len() as u64).sum();
    let replicas = args.passages.unwrap_or(0).div_ceil(per_copy.max(1)) as usize;
    eprintln!("building {} ({replicas} copies of {per_copy} passages)…", dir.display());
    let start = Instant::now();
    let index = NewsIndexBuilder::new().open_or_create(dir)?;
    let mut writer = index.writer()?;
    writer.add_articles(corpus::stream(source, replicas))?;
    let committed = writer.commit()?; // commit reloads the index's reader
    drop(writer);
    eprintln!("built in {:.0} s", start.elapsed().as_secs_f64());
    std::fs::write(dir.join(BUILT_MARKER), committed.passages.to_string())?;
    Ok(index)
}

/// Written next to a finished index with its passage count, so an
/// interrupted build is never reused and reuse needs no index scan.
const BUILT_MARKER: &str = "bench-built-passages";

fn built_passages(dir: &Path) -> Option<u64> {
    std::fs::read_to_string(dir.join(BUILT_MARKER)).ok()?.trim().parse().ok()
}

/// Segments listed in the index's `meta.json` (more segments, more work per query).
fn segment_count(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("meta.json"))
        .map(|m| m.matches("\"segment_id\"").count())
        .unwrap_or(0)
}

/// One search's wall time and the CPU time of the searching thread (the
/// search runs on the calling thread only).
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
}

/// Samples per (shape, query), interleaved: each round runs every shape on
/// every query once, after one warm-up round.
fn measure(
    index: &NewsIndex,
    queries: &[Query],
    shapes: &[&Shape],
    rounds: usize,
) -> Result<Vec<Vec<Vec<Sample>>>, Box<dyn std::error::Error>> {
    let mut samples = vec![vec![Vec::with_capacity(rounds); queries.len()]; shapes.len()];
    for round in 0..=rounds {
        for (s, shape) in shapes.iter().enumerate() {
            for (q, query) in queries.iter().enumerate() {
                let req = (shape.make)(&query.text);
                let cpu = stats::thread_cpu_time().unwrap_or_default();
                let start = Instant::now();
                let results = index.search(&req)?;
                let wall = start.elapsed();
                let cpu = stats::thread_cpu_time().unwrap_or_default().saturating_sub(cpu);
                std::hint::black_box(results);
                if round > 0 {
                    samples[s][q].push(Sample { wall, cpu });
                }
            }
        }
    }
    Ok(samples)
}

fn print_table(queries: &[Query], shapes: &[&Shape], samples: &[Vec<Vec<Sample>>]) {
    println!("\n| request | queries | n | p50 ms | p95 ms | p99 ms | max ms | mean ms | CPU p50 ms | CPU p95 ms | CPU p99 ms |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (s, shape) in shapes.iter().enumerate() {
        for group in ["topics", "generic", "all"] {
            let pooled: Vec<Sample> = queries
                .iter()
                .zip(&samples[s])
                .filter(|(q, _)| group == "all" || q.group == group)
                .flat_map(|(_, d)| d.iter().copied())
                .collect();
            let wall: Vec<Duration> = pooled.iter().map(|x| x.wall).collect();
            let cpu: Vec<Duration> = pooled.iter().map(|x| x.cpu).collect();
            if let (Some(p), Some(c)) = (Percentiles::of(&wall), Percentiles::of(&cpu)) {
                println!(
                    "| {} | {group} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    shape.name,
                    p.n,
                    stats::ms(p.p50),
                    stats::ms(p.p95),
                    stats::ms(p.p99),
                    stats::ms(p.max),
                    stats::ms(p.mean),
                    stats::ms(c.p50),
                    stats::ms(c.p95),
                    stats::ms(c.p99)
                );
            }
        }
    }
    print_slowest(queries, samples);
}

/// The slowest queries under the last request shape (the default request
/// unless `--shapes` says otherwise), by median CPU time.
fn print_slowest(queries: &[Query], samples: &[Vec<Vec<Sample>>]) {
    let Some(last) = samples.last() else { return };
    let mut per_query: Vec<(Duration, &str)> = queries
        .iter()
        .zip(last)
        .map(|(q, d)| {
            (stats::median(&d.iter().map(|x| x.cpu).collect::<Vec<_>>()), q.text.as_str())
        })
        .collect();
    per_query.sort_by_key(|b| std::cmp::Reverse(b.0));
    println!("\nslowest under the last request shape (median CPU ms):");
    for (d, q) in per_query.iter().take(5) {
        println!("  {:>8}  {q}", stats::ms(*d));
    }
}
