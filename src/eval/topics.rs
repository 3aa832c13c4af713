//! Search topics: what a user asks, with a description of what counts.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::eval::error::{EvalError, Result};

/// One evaluation topic, as in `topics-dev.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// Topic id, e.g. `A01`; the key into the judgments.
    pub id: String,
    /// What a user types: the only text used as the query.
    pub title: String,
    /// What the topic is about (for people, never for querying).
    #[serde(default)]
    pub description: String,
    /// What earns which grade (for people, never for querying).
    #[serde(default)]
    pub narrative: String,
}

impl Topic {
    /// Reads topics from a JSON array (`topics-dev.json`) or, when the file
    /// does not start with `[`, from JSON Lines, one topic per line.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Vec<Topic>> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        if text.trim_start().starts_with('[') {
            return serde_json::from_str(&text).map_err(|e| EvalError::json(path, 0, e));
        }
        crate::eval::jsonl::read(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_arrays_and_json_lines() {
        let dir = tempfile::tempdir().unwrap();
        let array = dir.path().join("t.json");
        std::fs::write(&array, r#"[{"id":"A1","title":"arms to Taiwan"}]"#).unwrap();
        let lines = dir.path().join("t.jsonl");
        std::fs::write(&lines, "{\"id\":\"A1\",\"title\":\"arms to Taiwan\"}\n\n").unwrap();
        assert_eq!(Topic::from_path(&array).unwrap(), Topic::from_path(&lines).unwrap());
        std::fs::write(&lines, "{\"id\":\"A1\"}\n").unwrap();
        let err = Topic::from_path(&lines).unwrap_err().to_string();
        assert!(err.contains("t.jsonl:1:") && err.contains("title"), "{err}");
    }
}
