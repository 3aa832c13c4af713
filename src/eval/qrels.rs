//! Graded passage judgments (`qrels-dev.jsonl`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::eval::error::Result;

/// One judged passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgment {
    /// The topic it was judged for.
    pub topic: String,
    /// The input record's id of the article the passage comes from.
    pub article_id: String,
    /// 2 = the passage carries the answer, 1 = on topic but thin,
    /// 0 = not relevant.
    pub grade: u8,
    /// The judged text; matched against returned passages by word runs.
    pub text: String,
}

impl Judgment {
    /// Reads judgments from a JSON Lines file (gzipped when it ends in `.gz`).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Vec<Judgment>> {
        crate::eval::jsonl::read(path.as_ref())
    }
}
