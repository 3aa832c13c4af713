//! The `search` binary run as a subprocess on the embedded sample corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod deals;
mod demo;
mod errors;
mod hostile;
mod index;
mod query;
mod records;
mod serve;

/// The `search` example binary, built by cargo beside this test binary
/// (`target/<profile>/examples/search`).
pub fn search_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>");
    let bin = profile_dir.join("examples").join(format!("search{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} not built: run `cargo test` (it builds examples)", bin.display());
    bin
}

/// Runs `search ARGS` with colours off, as a user would (without
/// `RUST_BACKTRACE`, which makes the binary print panics it handles).
pub fn search(args: &[&str]) -> Output {
    Command::new(search_bin())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run the search binary")
}

/// The embedded sample corpus.
pub fn sample(sub: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data").join(sub).display().to_string()
}

/// stdout as text, asserting the run succeeded.
pub fn stdout_ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// An index of the whole sample corpus (text, JSON, HTML) in a temp dir.
pub fn sample_index() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().display().to_string();
    let out =
        search(&["index", "--index", &index, &sample("text"), &sample("jsonl"), &sample("html")]);
    stdout_ok(&out);
    dir
}
