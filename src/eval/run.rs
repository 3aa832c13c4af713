//! Run files: the ranked results of a system for each topic.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::eval::error::Result;

/// One returned passage of a run, as written to and read from run files:
/// `{"topic","rank","article_id","text","score"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunEntry {
    /// The topic the result answers.
    pub topic: String,
    /// 1-based rank within the topic. Run files without it rank by line order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// The input record's id of the article the passage comes from.
    pub article_id: String,
    /// The returned passage text.
    #[serde(default)]
    pub text: String,
    /// The system's score (informational; ranks decide the order).
    #[serde(default)]
    pub score: f32,
}

impl RunEntry {
    /// Reads a run file (JSON Lines, gzipped when it ends in `.gz`).
    pub fn read_path(path: impl AsRef<Path>) -> Result<Vec<RunEntry>> {
        crate::eval::jsonl::read(path.as_ref())
    }

    /// Writes `entries` to `path` as JSON Lines, in the given order.
    pub fn write_path(path: impl AsRef<Path>, entries: &[RunEntry]) -> Result<()> {
        crate::eval::jsonl::write(path.as_ref(), entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_files_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.jsonl");
        let entries = vec![RunEntry {
            topic: "A01".into(),
            rank: Some(1),
            article_id: "reuters-1".into(),
            text: "Shells \"for\" Russia.".into(),
            score: 12.5,
        }];
        RunEntry::write_path(&path, &entries).unwrap();
        let line = std::fs::read_to_string(&path).unwrap();
        assert!(line.starts_with(r#"{"topic":"A01","rank":1,"article_id":"reuters-1""#), "{line}");
        assert_eq!(RunEntry::read_path(&path).unwrap(), entries);
    }
}
