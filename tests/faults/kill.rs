//! `kill -9` of `search index` at random moments (reading, indexing,
//! committing, after): the index then opens at its last commit, and running
//! the same input again gives what a clean build gives.
//!
//! Two trials run by default; the slow suite runs more:
//!
//! ```sh
//! NEWSDEX_KILL_TRIALS=20 cargo test --release --test integration kill_9 -- --ignored
//! ```
//! (`NEWSDEX_KILL_TRIALS` defaults to 12 there.) Kill times come from seeds
//! drawn from the clock; each trial prints its seed and when the kill
//! landed, and `NEWSDEX_KILL_SEED=S` replays trials from seed `S`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{synthetic_edition, synthetic_jsonl};
use crate::cli::{search, search_bin, stdout_ok};

/// What a user can observe of an index: its statistics and, for a few
/// queries, which passages match (as a set: scores shift with the deleted
/// documents a replacing run leaves, matches do not).
#[derive(Debug, PartialEq)]
struct Snapshot {
    stats: serde_json::Value,
    matches: Vec<BTreeSet<(String, u64)>>,
}

const QUERIES: [&str; 3] = ["topic3", "topic5 after:2022-06-01", "Synthetic"];

fn snapshot(dir: &Path) -> Snapshot {
    let dir = dir.display().to_string();
    let out = stdout_ok(&search(&["stats", "--index", &dir, "--check", "--json"]));
    let mut stats: serde_json::Value = serde_json::from_str(&out).expect("stats JSON");
    // The bytes on disk depend on segment layout and deleted documents.
    stats["size_on_disk"] = serde_json::Value::Null;
    let matches = QUERIES
        .iter()
        .map(|q| {
            let args =
                ["query", "--index", &dir, "--json", "--per-article", "0", "--limit", "1000", q];
            stdout_ok(&search(&args))
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|h| {
                    Some((h["article_id"].as_str()?.to_string(), h["ordinal"].as_u64()?))
                })
                .collect()
        })
        .collect();
    Snapshot { stats, matches }
}

fn index(dir: &Path, input: &Path) {
    stdout_ok(&search(&[
        "index",
        "--index",
        &dir.display().to_string(),
        &input.display().to_string(),
    ]));
}

/// Two inputs: `first` (committed before the kill), `second` (the run that
/// is killed): new articles plus new editions of some of `first`'s.
struct Scenario {
    _tmp: tempfile::TempDir,
    first: std::path::PathBuf,
    second: std::path::PathBuf,
    after_first: Snapshot,
    after_second: Snapshot,
    second_run: Duration,
}

fn scenario() -> anyhow::Result<Scenario> {
    let tmp = tempfile::tempdir()?;
    let first = tmp.path().join("first.jsonl");
    let second = tmp.path().join("second.jsonl");
    synthetic_jsonl(&first, 0, 800)?;
    // 400 new editions of first's articles, then 600 new articles.
    let (updates, new) = (tmp.path().join("u.jsonl"), tmp.path().join("n.jsonl"));
    synthetic_edition(&updates, 400, 400, 1)?;
    synthetic_jsonl(&new, 800, 600)?;
    std::fs::write(&second, [std::fs::read(&updates)?, std::fs::read(&new)?].concat())?;
    let clean = tmp.path().join("clean");
    index(&clean, &first);
    let after_first = snapshot(&clean);
    let started = Instant::now();
    index(&clean, &second);
    let second_run = started.elapsed();
    let after_second = snapshot(&clean);
    assert_ne!(after_first, after_second);
    Ok(Scenario { _tmp: tmp, first, second, after_first, after_second, second_run })
}

/// One trial: commit `first`, kill the run of `second` after a delay drawn
/// from `seed` (up to 1.3 times a full run, so some kills land after it
/// ends), check the index, finish the run, compare.
fn trial(s: &Scenario, seed: u64) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("idx");
    index(&dir, &s.first);
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    rng ^= rng >> 29;
    let delay = s.second_run.mul_f64((rng % 1000) as f64 / 1000.0 * 1.3);
    let mut child = Command::new(search_bin())
        .args(["index", "--index", &dir.display().to_string(), &s.second.display().to_string()])
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::sleep(delay);
    let finished = child.try_wait()?.is_some();
    child.kill().ok(); // SIGKILL; a no-op when the run already ended
    child.wait()?;
    let after_kill = snapshot(&dir);
    let at_commit = if after_kill == s.after_first {
        "before its commit"
    } else if after_kill == s.after_second {
        "after its commit"
    } else {
        anyhow::bail!("seed {seed}: after the kill the index is at neither commit: {after_kill:?}")
    };
    eprintln!(
        "seed {seed}: killed after {delay:?} of a {:?} run{}, index {at_commit}",
        s.second_run,
        if finished { " (already done)" } else { "" }
    );
    index(&dir, &s.second);
    anyhow::ensure!(
        snapshot(&dir) == s.after_second,
        "seed {seed}: the re-run differs from a clean build"
    );
    Ok(())
}

fn trials(n: u64) -> anyhow::Result<()> {
    let s = scenario()?;
    let base = match std::env::var("NEWSDEX_KILL_SEED").ok().and_then(|v| v.parse().ok()) {
        Some(seed) => seed,
        None => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_nanos() as u64
        }
    };
    for seed in base..base + n {
        trial(&s, seed)?;
    }
    Ok(())
}

#[test]
fn kill_9_during_indexing_keeps_the_last_commit() -> anyhow::Result<()> {
    trials(2)
}

#[test]
#[ignore = "slow: many kill -9 trials (see the module docs)"]
fn kill_9_during_indexing_keeps_the_last_commit_many_trials() -> anyhow::Result<()> {
    let n = std::env::var("NEWSDEX_KILL_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(12);
    trials(n)
}
