//! Load on the HTTP API (`newsdex-serve`): requests per second and latency
//! percentiles of `/api/search` with 1, 8 and 64 concurrent clients, then
//! the same with 8 clients while another process adds articles and commits.
//!
//! `cargo bench --bench load [-- --seconds 10 --clients 1,8,64 --no-writer --rebuild]`
//!
//! The index is the development corpus (Reuters-21578, the three news2022
//! files and the seed: the corpus of the README's evaluation command), built
//! once into `target/bench-index/dev-<corpus>` and reused; without the shared
//! folder, the embedded sample. The writer phase runs on a scratch copy.
//!
//! Server and clients share this process, and the machine's cores: the
//! numbers are what one machine serves to clients on itself. Clients keep
//! connections alive and cycle through the development topic titles and
//! short generic queries (`common/queries.rs`), each a default search
//! request (full ranking, expansion, highlights, 10 hits).
//!
//! Writer phase: a child process (this binary, re-run with
//! `NEWSDEX_LOAD_WRITER` set) adds batches of articles, each carrying a
//! marker word, and commits after each batch; for every commit the bench
//! measures how long until `/api/search` finds that batch's marker: the
//! delay before the page sees new articles, without a restart.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsdex::{NewsIndex, NewsIndexBuilder};
use newsdex_serve::RouterBuilder;
use reqwest::{Client, Url};

use common::corpus::{self, CorpusSource};
use common::queries::queries;
use common::stats::{self, Percentiles};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Set in the writer child: the index directory to write.
const WRITER_ENV: &str = "NEWSDEX_LOAD_WRITER";
/// Writer batches and articles per batch.
const BATCHES: usize = 8;
const BATCH_ARTICLES: usize = 300;

struct Args {
    seconds: u64,
    clients: Vec<usize>,
    writer: bool,
    rebuild: bool,
}

fn parse_args() -> Args {
    let mut args = Args { seconds: 10, clients: vec![1, 8, 64], writer: true, rebuild: false };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        match a.as_str() {
            "--seconds" => args.seconds = value().parse().unwrap_or(args.seconds).max(1),
            "--clients" => {
                let list: Vec<usize> = value().split(',').filter_map(|c| c.parse().ok()).collect();
                if !list.is_empty() {
                    args.clients = list;
                }
            }
            "--no-writer" => args.writer = false,
            "--rebuild" => args.rebuild = true,
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    args
}

fn main() -> Result<()> {
    if let Some(dir) = std::env::var_os(WRITER_ENV) {
        return run_writer(Path::new(&dir));
    }
    let args = parse_args();
    let source = dev_source();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-index")
        .join(format!("dev-{}", source.label));
    let index = open_or_build(&source, &dir, args.rebuild)?;
    let queries: Vec<String> = queries()?.into_iter().map(|q| q.text).collect();
    let st = index.stats()?;
    println!(
        "\nindex: {} articles, {} passages ({} corpus); {} queries; {} s per row; {} cores; load avg {}",
        st.articles,
        st.passages,
        source.label,
        queries.len(),
        args.seconds,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        stats::load_average()
    );
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let duration = Duration::from_secs(args.seconds);
        let base = start_server(index).await?;
        let client = Client::new();
        // Warm-up: every query once (page cache, lexicon, allocator).
        load(&client, &base, &queries, 1, None, Some(queries.len())).await?;
        print_header();
        for &c in &args.clients {
            let row = load(&client, &base, &queries, c, Some(duration), None).await?;
            print_row("read only", c, &row);
        }
        if args.writer {
            writer_phase(&client, &dir, &queries, duration).await?;
        }
        println!("\nload avg after: {}", stats::load_average());
        Ok(())
    })
}

/// The corpus of the README's evaluation command: the benchmark corpus plus
/// the seed article when the shared folder is present.
fn dev_source() -> CorpusSource {
    let mut source = corpus::corpus_source();
    if let Some(shared) = corpus::shared_dir() {
        let seed = shared.join("seed/000_fd4d41a332000427.txt");
        if source.label == "real" && seed.is_file() {
            source.files.push(seed);
        }
    }
    source
}

/// Written next to a finished index, so an interrupted build is never reused.
const BUILT_MARKER: &str = "bench-built";

fn open_or_build(source: &CorpusSource, dir: &Path, rebuild: bool) -> Result<NewsIndex> {
    if !rebuild && dir.join(BUILT_MARKER).is_file() {
        match NewsIndex::open(dir) {
            Ok(index) => return Ok(index),
            Err(e) => eprintln!("existing index unusable ({e}); rebuilding"),
        }
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    eprintln!("building {}…", dir.display());
    let index = NewsIndexBuilder::new().open_or_create(dir)?;
    let mut writer = index.writer()?;
    writer.add_articles(corpus::stream(source, 1))?;
    writer.commit()?;
    drop(writer);
    std::fs::write(dir.join(BUILT_MARKER), "")?;
    Ok(index)
}

/// Serves `index` on an ephemeral port of 127.0.0.1 with the default
/// limits; returns the base URL. The server lives as long as the runtime.
async fn start_server(index: NewsIndex) -> Result<String> {
    let router = RouterBuilder::new(index).build()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(newsdex_serve::serve(listener, router));
    Ok(base)
}

/// What a load run measured.
struct Load {
    latencies: Vec<Duration>,
    errors: usize,
    elapsed: Duration,
}

/// `clients` concurrent clients, each sending its next query as soon as
/// the previous answer arrived, for `duration` or until `total` requests.
async fn load(
    client: &Client,
    base: &str,
    queries: &[String],
    clients: usize,
    duration: Option<Duration>,
    total: Option<usize>,
) -> Result<Load> {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = duration.map(|d| start + d);
    let mut tasks = Vec::with_capacity(clients);
    for _ in 0..clients {
        let (client, next) = (client.clone(), Arc::clone(&next));
        let urls: Vec<Url> = queries.iter().map(|q| search_url(base, q)).collect::<Result<_>>()?;
        tasks.push(tokio::spawn(async move {
            let (mut latencies, mut errors) = (Vec::new(), 0);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if total.is_some_and(|t| i >= t) || deadline.is_some_and(|d| Instant::now() >= d) {
                    break;
                }
                let t = Instant::now();
                let ok = match client.get(urls[i % urls.len()].clone()).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    latencies.push(t.elapsed());
                } else {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let mut out = Load { latencies: Vec::new(), errors: 0, elapsed: Duration::ZERO };
    for task in tasks {
        let (latencies, errors) = task.await?;
        out.latencies.extend(latencies);
        out.errors += errors;
    }
    out.elapsed = start.elapsed();
    Ok(out)
}

fn search_url(base: &str, q: &str) -> Result<Url> {
    Ok(Url::parse_with_params(&format!("{base}/api/search"), &[("q", q)])?)
}

fn print_header() {
    println!("\n| phase | clients | requests | errors | QPS | p50 ms | p95 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
}

fn print_row(phase: &str, clients: usize, l: &Load) {
    let Some(p) = Percentiles::of(&l.latencies) else {
        println!("| {phase} | {clients} | 0 | {} | - | - | - | - | - |", l.errors);
        return;
    };
    println!(
        "| {phase} | {clients} | {} | {} | {} | {} | {} | {} | {} |",
        p.n,
        l.errors,
        stats::rate(p.n as f64, l.elapsed),
        stats::ms(p.p50),
        stats::ms(p.p95),
        stats::ms(p.p99),
        stats::ms(p.max)
    );
}

/// 8 clients on a scratch copy of the index, first alone, then while a
/// writer process commits batches; and how soon each batch is searchable.
async fn writer_phase(client: &Client, dir: &Path, queries: &[String], d: Duration) -> Result<()> {
    let scratch = dir.with_file_name(format!(
        "{}-scratch",
        dir.file_name().unwrap_or_default().to_string_lossy()
    ));
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    copy_dir(dir, &scratch)?;
    let base = start_server(NewsIndex::open(&scratch)?).await?;
    let alone = load(client, &base, queries, 8, Some(d), None).await?;
    print_row("scratch copy, no writer", 8, &alone);

    let mut child = Command::new(std::env::current_exe()?)
        .env(WRITER_ENV, &scratch)
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("writer stdout")?;
    let (tx, mut commits) = tokio::sync::mpsc::unbounded_channel::<(Instant, String)>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(std::io::Result::ok) {
            if let Some(marker) = line.strip_prefix("committed ") {
                let _ = tx.send((Instant::now(), marker.to_string()));
            }
        }
    });
    let watcher = {
        let (client, base) = (client.clone(), base.clone());
        tokio::spawn(async move {
            let mut delays = Vec::new();
            while let Some((at, marker)) = commits.recv().await {
                delays.push(visible_after(&client, &base, &marker, at).await);
            }
            delays
        })
    };
    let during = load(client, &base, queries, 8, Some(d), None).await?;
    print_row("scratch copy, writer committing", 8, &during);
    let status = tokio::task::spawn_blocking(move || child.wait()).await??;
    let delays = watcher.await?;
    let seen: Vec<Duration> = delays.iter().flatten().copied().collect();
    println!(
        "\nwriter: {status}; {} commits of {BATCH_ARTICLES} articles; visible to /api/search after {} (ms; {} never within 10 s)",
        delays.len(),
        seen.iter().map(|d| stats::ms(*d)).collect::<Vec<_>>().join(", "),
        delays.len() - seen.len()
    );
    std::fs::remove_dir_all(&scratch)?;
    Ok(())
}

/// How long after `since` a search for `marker` first finds it (`None`
/// after 10 s).
async fn visible_after(
    client: &Client,
    base: &str,
    marker: &str,
    since: Instant,
) -> Option<Duration> {
    let url = search_url(base, marker).ok()?;
    while since.elapsed() < Duration::from_secs(10) {
        if let Ok(r) = client.get(url.clone()).send().await {
            if let Ok(body) = r.json::<serde_json::Value>().await {
                if body["hits"].as_array().is_some_and(|h| !h.is_empty()) {
                    return Some(since.elapsed());
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

/// The writer child: batches of corpus articles under new ids, each with a
/// marker word in its title, committed one by one, a second apart. A
/// modest background indexer: one thread, 64 MB.
fn run_writer(dir: &Path) -> Result<()> {
    let index = NewsIndexBuilder::new().writer_threads(1).writer_memory(64 << 20).open(dir)?;
    let mut writer = index.writer()?;
    let source = dev_source();
    let mut articles = corpus::stream(&source, 1);
    let mut out = std::io::stdout().lock();
    for batch in 0..BATCHES {
        let marker = format!("loadmarker{batch}x");
        let batch_articles: Vec<_> = articles
            .by_ref()
            .take(BATCH_ARTICLES)
            .map(|a| {
                let mut a = corpus::replicate(a, 1000 + batch);
                a.title.push_str(&format!(" {marker}"));
                a
            })
            .collect();
        writer.add_articles(batch_articles)?;
        writer.commit()?;
        writeln!(out, "committed {marker}")?;
        out.flush()?;
        std::thread::sleep(Duration::from_secs(1));
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
