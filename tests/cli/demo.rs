//! `search` with no arguments: the first thing a new user runs.

use super::{search, stdout_ok};

#[test]
fn demo_prints_ranked_passages_about_arms_dealings() {
    let text = stdout_ok(&search(&[]));
    assert!(text.contains("arms dealings"), "{text}");
    // The top hit's passage holds the phrase itself (highlighted without
    // colour, since stdout is not a terminal).
    let hits: Vec<&str> = text.split("\n\n").filter(|h| h.trim_start().starts_with("1.")).collect();
    assert_eq!(hits.len(), 1, "{text}");
    assert!(hits[0].contains("«arms dealings»"), "{}", hits[0]);
    // The seed article (The Moscow Times) is among the hits.
    assert!(text.contains("The Moscow Times · 2022-11-07"), "{text}");
    assert!(text.contains("index --index"), "tells the user how to index their own files");
}
