//! Hostile use of the binary (issue 12): closed or full stdout, odd paths
//! and flags. Every failure is one line on stderr with exit code 1 (runtime)
//! or 2 (usage), never a panic.

use std::fs::File;
use std::os::unix::io::FromRawFd;
use std::process::{Command, Output, Stdio};

use super::{sample, sample_index, search, search_bin, stdout_ok};

/// Runs `search ARGS` with stdout redirected to `stdout`.
fn search_to(args: &[&str], stdout: Stdio) -> Output {
    Command::new(search_bin())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("run the search binary")
}

/// The write end of a pipe whose read end is already closed: every write
/// fails with `EPIPE` (Rust ignores `SIGPIPE`), as under `| head -0`.
fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: `pipe` fills two fresh descriptors; each is owned once below.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    drop(unsafe { File::from_raw_fd(fds[0]) });
    Stdio::from(unsafe { File::from_raw_fd(fds[1]) })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
}

/// Finding 9: `search index` and `search stats` panicked with "failed
/// printing to stdout" under `| head -0` and `> /dev/full`.
#[test]
fn issue12_f9_closed_or_full_stdout_is_not_a_panic_in_any_subcommand() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    let fresh = tempfile::tempdir().unwrap();
    let fresh_index = fresh.path().join("idx").display().to_string();
    let text = sample("text");
    let runs: [&[&str]; 6] = [
        &["index", "--index", &fresh_index, &text],
        &["stats", "--index", &index],
        &["stats", "--index", &index, "--json"],
        &["query", "--index", &index, "arms"],
        &["normalize", &text],
        &[],
    ];
    for args in runs {
        let piped = search_to(args, closed_pipe());
        assert_no_panic(&piped);
        assert_eq!(piped.status.code(), Some(0), "{args:?} | head -0: {}", stderr(&piped));
        assert!(stderr(&piped).is_empty(), "{args:?} | head -0: {}", stderr(&piped));

        let full = search_to(args, Stdio::from(File::create("/dev/full").unwrap()));
        assert_no_panic(&full);
        assert_eq!(full.status.code(), Some(1), "{args:?} > /dev/full");
        let err = stderr(&full);
        assert!(err.starts_with("search: ") && err.contains("stdout"), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
    }
}

/// Finding 13: `--index` naming a regular file said "File exists (os error
/// 17)" twice.
#[test]
fn issue12_f13_index_path_that_is_a_file_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "not an index").unwrap();
    let file = file.display().to_string();
    for args in [
        vec!["index", "--index", &file, &sample("text")],
        vec!["query", "--index", &file, "arms"],
        vec!["stats", "--index", &file],
    ] {
        let out = search(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("is a file, not an index directory"), "{args:?}: {err}");
        assert_eq!(err.matches(&file).count(), 1, "{args:?}: {err}");
        assert!(!err.contains("os error 17"), "{args:?}: {err}");
    }
}

/// Finding 13: `search index` exited 0 when no input could be read.
#[test]
fn issue12_f13_index_exits_1_when_no_input_could_be_read() {
    let dir = tempfile::tempdir().unwrap();
    // Reading /proc/self/mem at offset 0 fails with EIO, even for root
    // (for whom permissions do not make a file unreadable).
    let unreadable = dir.path().join("dump.jsonl");
    std::os::unix::fs::symlink("/proc/self/mem", &unreadable).unwrap();
    let unreadable = unreadable.display().to_string();
    let index = dir.path().join("idx").display().to_string();
    let out = search(&["index", "--index", &index, &unreadable]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no input could be read"), "{err}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("dump.jsonl: cannot read"), "{summary}");
    // One readable input is enough for success; the other is reported.
    let out = search(&["index", "--index", &index, &unreadable, &sample("text")]);
    assert!(stdout_ok(&out).contains("dump.jsonl: cannot read"));
}

/// Finding 13: a bad `--report` path was found only after the commit, and
/// the summary was lost.
#[test]
fn issue12_f13_a_bad_report_path_fails_before_indexing() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let index_arg = index.display().to_string();
    let report = dir.path().join("missing-dir").join("rejected.jsonl").display().to_string();
    let out = search(&["index", "--index", &index_arg, "--report", &report, &sample("text")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&report) && err.trim_end().lines().count() == 1, "{err}");
    assert!(!index.exists(), "nothing is indexed before the report file is usable");
}

/// Finding 13: `--memory` beyond what tantivy accepts was a runtime error
/// with a per-thread byte count; overflowing values wrapped silently.
#[test]
fn issue12_f13_memory_out_of_range_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx").display().to_string();
    for memory in ["5", "100000000", "18446744073709551615"] {
        let out = search(&["index", "--index", &index, "--memory", memory, &sample("text")]);
        assert_eq!(out.status.code(), Some(2), "--memory {memory}: {}", stderr(&out));
        assert!(stderr(&out).contains("--memory"), "{}", stderr(&out));
    }
    // Large but valid: more than tantivy takes per thread, spread or capped.
    let out = search(&[
        "index",
        "--index",
        &index,
        "--memory",
        "9000",
        "--threads",
        "1",
        &sample("text"),
    ]);
    stdout_ok(&out);
}

/// Finding 13: a query starting with `-term` was taken for a flag.
#[test]
fn issue12_f13_a_query_may_start_with_an_exclusion() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    for args in [
        vec!["query", "--index", &index, "--json", "-Israel", "arms"],
        vec!["query", "--index", &index, "--json", "arms", "-Israel"],
    ] {
        let out = stdout_ok(&search(&args));
        assert!(!out.is_empty() && !out.contains("Israel"), "{args:?}: {out}");
    }
    // Flags after the query still count as flags.
    let out = stdout_ok(&search(&["query", "--index", &index, "arms", "--limit", "1", "--json"]));
    assert_eq!(out.lines().count(), 1, "{out}");
}

/// Finding 5 through the binary: absurd `--limit` values are cut, with a
/// warning, instead of aborting the process.
#[test]
fn issue12_f5_absurd_limits_are_cut_with_a_warning() {
    let dir = sample_index();
    let index = dir.path().display().to_string();
    for limit in ["10000000000", "18446744073709551615"] {
        let out = search(&["query", "--index", &index, "--limit", limit, "arms"]);
        assert_no_panic(&out);
        stdout_ok(&out);
        assert!(stderr(&out).contains("warning: limit"), "{}", stderr(&out));
    }
}
