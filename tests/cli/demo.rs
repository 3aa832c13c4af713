//! `search` with no arguments: the first thing a new user runs.

use super::{search, stdout_ok};

#[test]
fn demo_prints_ranked_passages_about_arms_dealings() {
    let text = stdout_ok(&search(&[]));
    assert!(text.contains("arms dealings"), "{text}");
    // The top hit is one of the seed's two "arms dealings" quotes.
    let first = text.lines().find(|l| l.trim_start().starts_with("1.")).expect("a first hit");
    assert!(first.contains("The Moscow Times"), "{first}");
    assert!(text.contains("index --index"), "tells the user how to index their own files");
}
