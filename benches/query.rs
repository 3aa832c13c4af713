//! Query latency percentiles on an index of at least 1M passages.
//!
//! `cargo bench --bench query [-- --passages 1000000 --rounds 10 --rebuild
//! --shapes plain,full --skip-stats --qps-rounds 3 --skip-qps]`
//!
//! The index is the benchmark corpus replicated (unique ids per copy) until it
//! holds `--passages` passages. It is built once into
//! `target/bench-index/<corpus>-passages-<N>` and reused by later runs.
//!
//! Queries: the development topic titles (`eval/topics-dev.json`) plus short
//! generic queries. Each runs under several request shapes so the cost of each
//! stage shows: plain BM25, plain with highlighting, full ranking without
//! expansion, with expansion, and with highlighting (the default request),
//! and the default request followed by its facet counts (`search query
//! --facets`). Rounds are interleaved across shapes; the table reports
//! nearest-rank percentiles over all samples, of wall time and of the
//! searching thread's CPU time, then the issue-13 targets beside their
//! measured values (with the default request's p95 as a multiple of plain
//! BM25's in the same run). Last, throughput: 1, 2 and 4 threads sharing one
//! `NewsIndex`, each running the default request over the query list.
//! A custom harness: percentiles matter here, not criterion's mean.

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
    /// Also count facets for the request (`NewsIndex::facets`), as
    /// `search query --facets` does after the search.
    facets: bool,
}

/// Names of the shapes the targets compare.
const PLAIN: &str = "plain";
const DEFAULT: &str = "full+hl (default)";
const FACETS: &str = "default+facets";

const SHAPES: &[Shape] = &[
    Shape {
        name: PLAIN,
        make: |q| SearchRequest::new(q).ranking(Ranking::Plain).highlight(false),
        facets: false,
    },
    Shape {
        name: "plain+hl",
        make: |q| SearchRequest::new(q).ranking(Ranking::Plain).highlight(true),
        facets: false,
    },
    Shape {
        name: "full-exp",
        make: |q| SearchRequest::new(q).expand(false).highlight(false),
        facets: false,
    },
    Shape { name: "full", make: |q| SearchRequest::new(q).highlight(false), facets: false },
    Shape { name: DEFAULT, make: |q| SearchRequest::new(q), facets: false },
    Shape { name: FACETS, make: |q| SearchRequest::new(q), facets: true },
];

/// Threads sharing one index in the throughput table.
const THREADS: &[usize] = &[1, 2, 4];

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
    /// Passes over the query list per thread in the throughput table.
    qps_rounds: usize,
    /// Skip the throughput table.
    skip_qps: bool,
}

fn parse_args() -> Args {
    let mut args = Args {
        passages: None,
        rounds: 10,
        rebuild: false,
        shapes: None,
        skip_stats: false,
        qps_rounds: 3,
        skip_qps: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        match a.as_str() {
            "--passages" => args.passages = value().parse().ok().or(args.passages),
            "--rounds" => args.rounds = value().parse().unwrap_or(args.rounds).max(1),
            "--rebuild" => args.rebuild = true,
            "--skip-stats" => args.skip_stats = true,
            "--qps-rounds" => args.qps_rounds = value().parse().unwrap_or(args.qps_rounds).max(1),
            "--skip-qps" => args.skip_qps = true,
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
    print_targets(&shapes, &samples);
    print_slowest(&queries, &shapes, &samples);
    if !args.skip_qps {
        print_throughput(&index, &queries, args.qps_rounds)?;
    }
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
                let facets = if shape.facets { Some(index.facets(&req)?) } else { None };
                let wall = start.elapsed();
                let cpu = stats::thread_cpu_time().unwrap_or_default().saturating_sub(cpu);
                std::hint::black_box((results, facets));
                if round > 0 {
                    samples[s][q].push(Sample { wall, cpu });
                }
            }
        }
    }
    Ok(samples)
}

/// All samples of one shape, pooled over all queries.
fn pool(samples: &[Vec<Sample>]) -> (Vec<Duration>, Vec<Duration>) {
    samples.iter().flatten().map(|x| (x.wall, x.cpu)).unzip()
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
}

/// Issue 13's query targets beside the values of this run (all queries
/// pooled): the default request's p95 and mean, its p95 as a multiple of
/// plain BM25's, and the facets shape's p95; wall time and thread CPU time.
fn print_targets(shapes: &[&Shape], samples: &[Vec<Vec<Sample>>]) {
    let of = |name: &str| {
        let s = shapes.iter().position(|s| s.name == name)?;
        let (wall, cpu) = pool(&samples[s]);
        Some((Percentiles::of(&wall)?, Percentiles::of(&cpu)?))
    };
    let (plain, default, facets) = (of(PLAIN), of(DEFAULT), of(FACETS));
    if default.is_none() && facets.is_none() {
        return;
    }
    let verdict = |ok: bool| if ok { "yes" } else { "no" };
    println!(
        "
| target (all queries) | wall | CPU | met (wall / CPU)? |"
    );
    println!("|---|---:|---:|---|");
    let limit = |label: &str, wall: Duration, cpu: Duration, max_ms: f64| {
        let ok = |d: Duration| d.as_secs_f64() * 1e3 <= max_ms;
        println!(
            "| {label} ≤ {max_ms} ms | {} | {} | {} / {} |",
            stats::ms(wall),
            stats::ms(cpu),
            verdict(ok(wall)),
            verdict(ok(cpu))
        );
    };
    if let Some((w, c)) = default {
        limit("default p95", w.p95, c.p95, 10.0);
        limit("default mean", w.mean, c.mean, 5.0);
        if let Some((pw, pc)) = plain {
            let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
            let (rw, rc) = (ratio(w.p95, pw.p95), ratio(c.p95, pc.p95));
            println!(
                "| default p95 ≤ 3 × plain p95 ({} / {} ms) | {rw:.2}× | {rc:.2}× | {} / {} |",
                stats::ms(pw.p95),
                stats::ms(pc.p95),
                verdict(rw <= 3.0),
                verdict(rc <= 3.0)
            );
        }
    }
    if let Some((w, c)) = facets {
        limit("default+facets p95", w.p95, c.p95, 25.0);
    }
}

/// The slowest queries under the default request (else the last shape), by
/// median CPU time.
fn print_slowest(queries: &[Query], shapes: &[&Shape], samples: &[Vec<Vec<Sample>>]) {
    let at = shapes.iter().position(|s| s.name == DEFAULT).unwrap_or(shapes.len().max(1) - 1);
    let Some(last) = samples.get(at) else { return };
    let mut per_query: Vec<(Duration, &str)> = queries
        .iter()
        .zip(last)
        .map(|(q, d)| {
            (stats::median(&d.iter().map(|x| x.cpu).collect::<Vec<_>>()), q.text.as_str())
        })
        .collect();
    per_query.sort_by_key(|b| std::cmp::Reverse(b.0));
    println!("\nslowest under `{}` (median CPU ms):", shapes[at].name);
    for (d, q) in per_query.iter().take(5) {
        println!("  {:>8}  {q}", stats::ms(*d));
    }
}

/// Queries per second with 1, 2 and 4 threads sharing one `NewsIndex`: each
/// thread runs the default request over the whole query list `rounds` times,
/// starting at a different query, after one warm-up pass. On a machine with
/// fewer cores than threads (or other load) the extra threads only queue.
fn print_throughput(
    index: &NewsIndex,
    queries: &[Query],
    rounds: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "\nthroughput, default request, {rounds} passes over {} queries per thread \
         ({cores} cores; load avg {}):",
        queries.len(),
        stats::load_average()
    );
    println!(
        "\n| threads | queries | wall s | QPS | × 1 thread | latency p50 ms | latency p95 ms |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for q in queries {
        index.search(&SearchRequest::new(&q.text))?;
    }
    let mut single = None;
    for &threads in THREADS {
        let start = Instant::now();
        let latencies = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || -> newsdex::Result<Vec<Duration>> {
                        let mut out = Vec::with_capacity(rounds * queries.len());
                        for i in 0..rounds * queries.len() {
                            let q = &queries[(i + t * queries.len() / threads) % queries.len()];
                            let start = Instant::now();
                            std::hint::black_box(index.search(&SearchRequest::new(&q.text))?);
                            out.push(start.elapsed());
                        }
                        Ok(out)
                    })
                })
                .collect();
            let mut all = Vec::new();
            for w in workers {
                all.extend(w.join().expect("searcher thread panicked")?);
            }
            Ok::<_, newsdex::Error>(all)
        })?;
        let wall = start.elapsed();
        let qps = latencies.len() as f64 / wall.as_secs_f64().max(1e-9);
        let base = *single.get_or_insert(qps);
        let Some(p) = Percentiles::of(&latencies) else { continue };
        println!(
            "| {threads} | {} | {:.2} | {qps:.0} | {:.2} | {} | {} |",
            latencies.len(),
            wall.as_secs_f64(),
            qps / base,
            stats::ms(p.p50),
            stats::ms(p.p95)
        );
    }
    Ok(())
}
