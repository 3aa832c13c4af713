//! Fault injection (issue 12): damaged segments, read-only and full disks,
//! and `kill -9` of `search index`. Subprocess-based where the fault is the
//! process's environment; library-level where the fault is in the files.
//!
//! Tests that need mounts (a read-only bind mount, a small tmpfs) run the
//! binary inside a private mount namespace (`unshare -m`), which needs root
//! or user namespaces; where that is impossible they skip with a message.

mod corrupt;
mod disk_full;
mod kill;
mod read_only;

use std::path::{Path, PathBuf};
use std::process::Command;

use newsdex::ingest::read_path;
use newsdex::NewsIndexBuilder;

/// The embedded sample corpus's article directories.
pub fn sample_dirs() -> Vec<PathBuf> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    ["text", "jsonl", "html"].iter().map(|d| data.join(d)).collect()
}

/// Indexes the sample corpus into `dir` with one writer thread (one
/// segment, so damage lands in a known place).
pub fn sample_index_in(dir: &Path) -> anyhow::Result<()> {
    let index = NewsIndexBuilder::new().writer_threads(1).open_or_create(dir)?;
    let mut writer = index.writer()?;
    for path in sample_dirs() {
        writer.add_articles(read_path(path).filter_map(Result::ok))?;
    }
    writer.commit()?;
    Ok(())
}

/// Copies the files of index directory `from` into a new directory `to`.
pub fn copy_index(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        std::fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

/// The segment files of `dir` with this extension, largest first.
pub fn segment_files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(dir)
        .expect("index dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .map(|p| (std::fs::metadata(&p).map_or(0, |m| m.len()), p))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    files.into_iter().map(|(_, p)| p).collect()
}

/// Inverts `len` bytes of `file` from `at` (clamped to the file).
pub fn flip_bytes(file: &Path, at: usize, len: usize) -> std::io::Result<()> {
    let mut bytes = std::fs::read(file)?;
    let start = at.min(bytes.len().saturating_sub(1));
    let end = (start + len).min(bytes.len());
    for b in &mut bytes[start..end] {
        *b ^= 0xff;
    }
    std::fs::write(file, bytes)
}

/// Runs `script` with `sh` in a private mount namespace (`unshare -m`), so
/// its mounts vanish with it; `vars` are set in its environment. Returns
/// false, after saying why, when mounts are not possible here (not root, no
/// `unshare`, or a mount in the script failing with exit code 97).
pub fn mount_namespace(script: &str, vars: &[(&str, &str)]) -> anyhow::Result<bool> {
    let probe = Command::new("unshare").args(["-m", "true"]).output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: no private mount namespace here (unshare -m needs root): {probe:?}");
        return Ok(false);
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["-m", "sh", "-c", script]).env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let out = cmd.output()?;
    if out.status.code() == Some(97) {
        let err = String::from_utf8_lossy(&out.stderr);
        eprintln!("skipped: mounting is not permitted here: {err}");
        return Ok(false);
    }
    anyhow::ensure!(out.status.success(), "script failed: {out:?}");
    Ok(true)
}

/// Writes `n` synthetic articles as JSON Lines to `path`, ids `syn-FIRST`
/// on, in edition `edition` (another edition of an id has other text).
/// Varied vocabulary, so the index grows with them; each body holds
/// `topicN` (N = id mod 7) for queries with known matches.
pub fn synthetic_jsonl(path: &Path, first: u64, n: u64) -> std::io::Result<()> {
    synthetic_edition(path, first, n, 0)
}

/// [`synthetic_jsonl`] in another edition.
pub fn synthetic_edition(path: &Path, first: u64, n: u64, edition: u64) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for i in first..first + n {
        // xorshift64: deterministic, no dependency.
        let mut state = 0x2545_f491_4f6c_dd1d_u64 ^ (i << 8) ^ edition;
        let mut word = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            format!("w{}", state % 200_000)
        };
        let title: Vec<String> = (0..6).map(|_| word()).collect();
        let mut body: Vec<String> = (0..120).map(|_| word()).collect();
        body.push(format!("topic{}", i % 7));
        let record = serde_json::json!({
            "id": format!("syn-{i}"),
            "title": title.join(" "),
            "body": body.join(" "),
            "date": format!("2022-{:02}-07", 1 + i % 12),
            "source": "Synthetic Times",
        });
        writeln!(out, "{record}")?;
    }
    out.flush()
}
