//! `search serve`: answers on the address it prints, sees another process's
//! commits without a restart, and stops cleanly on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{sample, search, search_bin, stdout_ok};

/// A running `search serve`; killed when dropped if still running.
struct Serving {
    child: Child,
    addr: String,
}

impl Serving {
    fn start(index: &str) -> Serving {
        let mut child = Command::new(search_bin())
            .args(["serve", "--index", index, "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start search serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        // "serving DIR at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Serving { child, addr }
    }

    /// GET `path`: status and JSON body.
    fn get(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get_as("localhost", path);
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    /// GET `path` with this `Host` header: status and body.
    fn get_as(&self, host: &str, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").expect("a whole response");
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
        (status, body.to_string())
    }

    /// Sends SIGINT (what Ctrl-C sends) and waits for the exit.
    fn interrupt(mut self) -> (Option<i32>, String) {
        // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
        let sent = unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGINT) };
        assert_eq!(sent, 0, "SIGINT sent");
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "search serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stderr = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        (status.code(), stderr)
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `search serve` over an index of the sample's text files, in a temp dir
/// (returned too: it must outlive the server).
fn serve_sample() -> (tempfile::TempDir, String, Serving) {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx").display().to_string();
    stdout_ok(&search(&["index", "--index", &index, &sample("text")]));
    let server = Serving::start(&index);
    (dir, index, server)
}

fn hits(s: &Serving, q: &str) -> Vec<Value> {
    let (status, body) = s.get(&format!("/api/search?q={q}"));
    assert_eq!(status, 200, "{body}");
    body["hits"].as_array().unwrap().clone()
}

#[test]
fn serve_sees_new_commits_from_another_process_and_stops_on_ctrl_c() {
    let (dir, index, server) = serve_sample();

    let (status, page) = server.get("/api/stats");
    assert_eq!(status, 200);
    let articles = page["articles"].as_u64().unwrap();
    assert!(hits(&server, "arms+dealings")
        .iter()
        .any(|h| h["article_id"] == "000_fd4d41a332000427"));
    assert!(hits(&server, "quokka").is_empty());
    let (status, err) = server.get("/api/search?q=x&limit=0");
    assert_eq!(status, 400, "{err}");

    // Another process adds an article and commits while the server runs.
    let late = dir.path().join("late.jsonl");
    std::fs::write(
        &late,
        r#"{"id":"late-1","title":"Quokka exports","date":"2024-05-01","outlet":"Late Desk","body":"A shipment of quokka figurines left Perth."}"#,
    )
    .unwrap();
    stdout_ok(&search(&["index", "--index", &index, &late.display().to_string()]));
    let deadline = Instant::now() + Duration::from_secs(15);
    while hits(&server, "quokka").is_empty() {
        assert!(Instant::now() < deadline, "the server never saw the new commit");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.get("/api/stats").1["articles"].as_u64(), Some(articles + 1));
    assert_eq!(server.get("/api/articles/late-1").1["outlet"], "Late Desk");

    let (code, stderr) = server.interrupt();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
}

#[test]
fn serve_refuses_hosts_other_than_localhost_on_loopback() {
    let (_dir, _, server) = serve_sample();
    let (status, body) = server.get_as("rebound.example", "/api/stats");
    assert_eq!(status, 403, "{body}");
    assert_eq!(server.get_as("127.0.0.1:8080", "/api/stats").0, 200);
}

#[test]
fn serve_reports_a_missing_index_and_a_bad_address() {
    let out = search(&["serve", "--index", "/nonexistent/index"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/index"));
    let out = search(&["serve", "--index", "/tmp", "--addr", "localhost-ish"]);
    assert_eq!(out.status.code(), Some(2));
}
