//! `search index` and `search normalize` on hostile input (issue 12): input
//! that is no file, the size limits and their flags, `--report` holding
//! every rejection, memory that stays flat.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{search, search_bin, stdout_ok};

fn good_line(id: usize) -> String {
    format!("{{\"id\":\"r{id}\",\"title\":\"Title {id}\",\"body\":\"Body of record {id}.\"}}\n")
}

fn path_arg(path: &Path) -> String {
    path.display().to_string()
}

/// Issue 12, finding 10: `search index` on a FIFO blocked forever, saying
/// nothing.
#[cfg(unix)]
#[test]
fn a_fifo_input_is_rejected_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.jsonl");
    if !Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        eprintln!("SKIP: mkfifo is not available");
        return;
    }
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, good_line(1)).unwrap();
    let index = path_arg(&dir.path().join("idx"));
    let mut child = Command::new(search_bin())
        .args(["index", "--index", &index, &path_arg(&fifo), &path_arg(&good)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("search index blocked on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = stdout_ok(&child.wait_with_output().unwrap());
    assert!(out.contains("accepted    1 articles"), "{out}");
    assert!(out.contains("not-a-file") && out.contains("named pipe (FIFO)"), "{out}");
}

/// Issue 12, finding 13 (one item): a self-looping symbolic link was
/// reported as "no such file".
#[cfg(unix)]
#[test]
fn a_symlink_loop_input_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let looping = dir.path().join("loop.jsonl");
    std::os::unix::fs::symlink(&looping, &looping).unwrap();
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, good_line(1)).unwrap();
    let index = path_arg(&dir.path().join("idx"));
    let out = search(&["index", "--index", &index, &path_arg(&looping), &path_arg(&good)]);
    let out = stdout_ok(&out);
    assert!(out.contains("loop.jsonl: not a regular file: symbolic link loop"), "{out}");
    assert!(out.contains("accepted    1 articles"), "{out}");
}

/// Issue 12, findings 6 and 15: the record limit has a flag, and `--report`
/// receives every rejection though the summary keeps only the first few.
#[test]
fn limits_have_flags_and_the_report_file_holds_every_rejection() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "{}\n".repeat(30);
    text.push_str(&format!("{{\"id\":\"big\",\"body\":\"{}\"}}\n", "a".repeat(1_200_000)));
    text.push_str(&good_line(1));
    text.push_str(&good_line(2));
    let input = path_arg(&dir.path().join("a.jsonl"));
    std::fs::write(&input, text).unwrap();
    let lines = |path: &Path| std::fs::read_to_string(path).unwrap().lines().count();

    let report = dir.path().join("normalize.jsonl");
    let args = ["normalize", "--max-record-mb", "1", "--report", &path_arg(&report), &input];
    let out = search(&args);
    assert_eq!(stdout_ok(&out).lines().count(), 2);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("  empty: 30\n") && summary.contains("… and 27 more"), "{summary}");
    assert!(summary.contains("  record-too-large: 1\n"), "{summary}");
    assert_eq!(lines(&report), 31);
    // The default limit (16 MB) takes the 1.2 MB record.
    assert_eq!(stdout_ok(&search(&["normalize", &input])).lines().count(), 3);

    let report = dir.path().join("index.jsonl");
    let index = path_arg(&dir.path().join("idx"));
    let args = ["index", "--index", &index, "--max-record-mb", "1", "--report", &path_arg(&report)];
    let out = stdout_ok(&search(&[&args[..], &[input.as_str()]].concat()));
    assert!(out.contains("record-too-large 1") && out.contains("empty            30"), "{out}");
    assert_eq!(lines(&report), 31);

    let zero = search(&["normalize", "--max-record-mb", "0", &input]);
    assert_eq!(zero.status.code(), Some(2));
}

/// Issue 12, finding 15: memory grew with the records of one file (a JSON
/// array of 1M tiny records peaked at 1.1 GB; 300,000 at about 300 MB).
#[cfg(target_os = "linux")]
#[test]
// The child is waited for by `wait4`, which clippy does not know.
#[allow(clippy::zombie_processes)]
fn memory_stays_flat_over_a_large_json_array() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<String> =
        (0..300_000).map(|i| format!("{{\"id\":\"a{i}\",\"title\":\"t{i}\"}}")).collect();
    let input = dir.path().join("array.json");
    std::fs::write(&input, format!("[{}]", records.join(","))).unwrap();
    let child = Command::new(search_bin())
        .args(["normalize", &path_arg(&input)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (status, peak_kb) = wait_with_peak_rss(child.id());
    assert_eq!(status, 0);
    assert!(peak_kb < 150_000, "peak RSS {peak_kb} kB");
}

/// Waits for a child process; its exit status and peak resident memory in
/// kB. `wait4` is the one call that reports the peak of one given child
/// (`getrusage` mixes every child the test process ever waited for).
#[cfg(target_os = "linux")]
fn wait_with_peak_rss(pid: u32) -> (i32, i64) {
    let mut status = 0;
    // SAFETY: rusage is plain old data, and wait4 writes into the two
    // out-pointers only, for a child this process spawned and never waited.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid as libc::pid_t, "wait4 failed");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}
