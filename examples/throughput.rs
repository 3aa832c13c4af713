// # Indexing throughput on a large input
//
// - streams the benchmark corpus replicated N times (unique ids per copy),
// - indexes it with newsdex and with the raw-tantivy baseline, with 1 and 2
//   writer threads, each configuration in its own child process so the peak
//   RSS (VmHWM) is that run's alone,
// - prints throughput, peak RSS and index size per configuration,
// - then the ratios the targets are stated in (BENCHMARKS.md §4): peak RSS
//   of the largest input over the smallest (flat memory: ≤ 1.10), 2 threads'
//   throughput over 1 thread's (≥ 1.7 on an idle machine), and newsdex's
//   wall and CPU time over the baseline's (≤ 1.25).
//
// `cargo run --release --example throughput -- [--replicas 10,20] [--threads 1,2]
//  [--engines newsdex,baseline,baseline+stored] [--memory-mb 256] [--pin]`
//
// `--pin` runs each configuration on as many cores as it has writer threads
// (CPUs 0..N, set in the child before it starts any thread, so every thread
// inherits it): "1 thread" is then one core for the whole process. Without
// it, a 1-thread newsdex run already uses a second core (reading and
// preparing documents run beside tantivy's indexing thread) while the
// baseline's barely does, so the 2-thread/1-thread ratio on a 2-core machine
// says little about how indexing scales with cores (BENCHMARKS.md §4, §14).

#[path = "../benches/common/mod.rs"]
mod common;

use std::cell::Cell;
use std::process::Command;
use std::time::Instant;

use common::baseline::{self, WriterSettings};
use common::corpus;
use common::stats;

/// One configuration's result, passed from child to parent as a line of JSON.
#[derive(serde::Serialize, serde::Deserialize)]
struct RunResult {
    engine: String,
    threads: usize,
    replicas: usize,
    articles: u64,
    passages: u64,
    text_bytes: u64,
    secs: f64,
    cpu_secs: f64,
    peak_rss: u64,
    /// Peak `RssAnon`, sampled: the process's own memory without the
    /// mapped index files that `peak_rss` (`VmHWM`) also counts.
    peak_anon: u64,
    index_bytes: u64,
}

struct Args {
    /// Input sizes (copies of the corpus); a child gets exactly one.
    replicas: Vec<usize>,
    threads: Vec<usize>,
    engines: Vec<String>,
    memory_mb: usize,
    /// Each configuration on as many cores as writer threads.
    pin: bool,
    child: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        replicas: vec![10],
        threads: vec![1, 2],
        engines: vec!["newsdex".into(), "baseline".into(), "baseline+stored".into()],
        memory_mb: 256,
        pin: false,
        child: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--replicas" => {
                a.replicas = value()?
                    .split(',')
                    .map(|r| r.parse().map_err(|e| format!("--replicas: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--threads" => {
                a.threads = value()?
                    .split(',')
                    .map(|t| t.parse().map_err(|e| format!("--threads: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--engines" => a.engines = value()?.split(',').map(str::to_owned).collect(),
            "--memory-mb" => {
                a.memory_mb = value()?.parse().map_err(|e| format!("--memory-mb: {e}"))?
            }
            "--pin" => a.pin = true,
            "--child" => a.child = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    if args.child {
        let result = run_child(&args)?;
        println!("{}", serde_json::to_string(&result)?);
        return Ok(());
    }
    let source = corpus::corpus_source();
    println!(
        "corpus: {} x{:?}, writer budget {} MB, {}, load avg {}",
        source.label,
        args.replicas,
        args.memory_mb,
        if args.pin { "pinned: N threads on N cores" } else { "not pinned" },
        stats::load_average()
    );
    println!("\n| engine | replicas | threads | articles | passages | text MB | wall s | CPU s | articles/s | MB/s | peak RSS MB | peak anon MB | index MB |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut results = Vec::new();
    for &replicas in &args.replicas {
        for engine in &args.engines {
            for &threads in &args.threads {
                let r = spawn_child(engine, threads, replicas, &args)?;
                println!(
                    "| {} | {} | {} | {} | {} | {} | {:.1} | {:.1} | {:.0} | {:.1} | {} | {} | {} |",
                    r.engine,
                    r.replicas,
                    r.threads,
                    r.articles,
                    r.passages,
                    stats::mb(r.text_bytes),
                    r.secs,
                    r.cpu_secs,
                    r.articles as f64 / r.secs,
                    r.text_bytes as f64 / 1e6 / r.secs,
                    stats::mb(r.peak_rss),
                    stats::mb(r.peak_anon),
                    stats::mb(r.index_bytes)
                );
                results.push(r);
            }
        }
    }
    println!("\nload avg after {}", stats::load_average());
    print_ratios(&results, args.pin);
    Ok(())
}

/// The ratios of BENCHMARKS.md §4's targets, from the runs made.
fn print_ratios(results: &[RunResult], pinned: bool) {
    let find = |engine: &str, replicas: usize, threads: usize| {
        results
            .iter()
            .find(|r| r.engine == engine && r.replicas == replicas && r.threads == threads)
    };
    let (Some(lo), Some(hi)) =
        (results.iter().map(|r| r.replicas).min(), results.iter().map(|r| r.replicas).max())
    else {
        return;
    };
    println!();
    for r in results.iter().filter(|r| r.replicas == hi && hi != lo) {
        if let Some(small) = find(&r.engine, lo, r.threads) {
            println!(
                "peak RSS x{hi} / x{lo}, {} {} thread(s): {:.3} (VmHWM {} / {} MB), {:.3} (RssAnon {} / {} MB)",
                r.engine,
                r.threads,
                r.peak_rss as f64 / small.peak_rss.max(1) as f64,
                stats::mb(r.peak_rss),
                stats::mb(small.peak_rss),
                r.peak_anon as f64 / small.peak_anon.max(1) as f64,
                stats::mb(r.peak_anon),
                stats::mb(small.peak_anon),
            );
        }
    }
    for r in results.iter().filter(|r| r.threads == 2) {
        if let Some(one) = find(&r.engine, r.replicas, 1) {
            println!(
                "throughput 2 threads / 1 thread, {} x{}: {:.2} (wall {:.1} vs {:.1} s; {})",
                r.engine,
                r.replicas,
                one.secs / r.secs,
                one.secs,
                r.secs,
                if pinned { "pinned, 1 vs 2 cores" } else { "not pinned" }
            );
        }
    }
    for r in results.iter().filter(|r| r.engine == "newsdex") {
        if let Some(base) = find("baseline", r.replicas, r.threads) {
            println!(
                "newsdex / baseline x{}, {} thread(s): wall {:.2}, CPU {:.2}",
                r.replicas,
                r.threads,
                r.secs / base.secs,
                r.cpu_secs / base.cpu_secs
            );
        }
    }
}

fn spawn_child(
    engine: &str,
    threads: usize,
    replicas: usize,
    args: &Args,
) -> Result<RunResult, Box<dyn std::error::Error>> {
    let mut command = Command::new(std::env::current_exe()?);
    command.args(["--child", "--engines", engine, "--threads", &threads.to_string()]).args([
        "--replicas",
        &replicas.to_string(),
        "--memory-mb",
        &args.memory_mb.to_string(),
    ]);
    if args.pin {
        command.arg("--pin");
    }
    let out = command.output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).map_err(|e| {
        format!("{engine}/{threads}: child failed ({e}): {}", String::from_utf8_lossy(&out.stderr))
            .into()
    })
}

fn run_child(args: &Args) -> Result<RunResult, Box<dyn std::error::Error>> {
    let engine = args.engines.first().ok_or("no engine")?.clone();
    let threads = *args.threads.first().ok_or("no thread count")?;
    let replicas = *args.replicas.first().ok_or("no replica count")?;
    if args.pin {
        pin_to_cores(threads)?;
    }
    let settings = WriterSettings { threads, memory: args.memory_mb << 20 };
    let source = corpus::corpus_source();
    let dir = tempfile::tempdir_in(baseline::scratch_dir()?)?;
    let text_bytes = Cell::new(0u64);
    let articles = Cell::new(0u64);
    // Count while streaming so nothing but the writer holds the corpus.
    let counted = corpus::stream(&source, replicas).inspect(|a| {
        text_bytes.set(text_bytes.get() + corpus::text_bytes(a));
        articles.set(articles.get() + 1);
    });
    let anon = stats::PeakSampler::start("RssAnon");
    let start = Instant::now();
    let passages = match engine.as_str() {
        "baseline" | "baseline+stored" => {
            let stored = engine == "baseline+stored";
            baseline::index_texts(
                counted.map(|a| corpus::baseline_text(&a)),
                dir.path(),
                settings,
                stored,
            )?;
            0
        }
        "newsdex" => baseline::index_articles(counted, dir.path(), settings)?.0.passages,
        other => return Err(format!("unknown engine {other}").into()),
    };
    let secs = start.elapsed().as_secs_f64();
    let peak_anon = anon.finish();
    let cpu_secs = stats::cpu_time().unwrap_or_default().as_secs_f64();
    Ok(RunResult {
        engine,
        threads,
        replicas,
        articles: articles.get(),
        passages,
        text_bytes: text_bytes.get(),
        secs,
        cpu_secs,
        peak_rss: stats::proc_status_bytes("VmHWM").unwrap_or(0),
        peak_anon,
        index_bytes: stats::dir_size(dir.path()),
    })
}

/// Restricts this process to CPUs `0..cores`. Called before any thread is
/// started: threads inherit their creator's affinity.
fn pin_to_cores(cores: usize) -> Result<(), Box<dyn std::error::Error>> {
    // SAFETY: `cpu_set_t` is plain data (all zeroes is the empty set), and
    // CPU_SET/sched_setaffinity only read and write the set we own.
    let rc = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        for cpu in 0..cores {
            libc::CPU_SET(cpu, &mut set);
        }
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set)
    };
    if rc != 0 {
        return Err(format!(
            "--pin: cannot run on {cores} core(s): {}",
            std::io::Error::last_os_error()
        )
        .into());
    }
    Ok(())
}
