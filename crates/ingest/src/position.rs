//! Where a record came from: the file and, inside it, the line or record number.

use serde::{Deserialize, Serialize};

/// The place of a record in the input: a path plus, where it applies, the
/// 1-based line number and the 1-based record number within the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Position {
    /// The input path as given by the user (or a label such as `<stdin>`).
    pub path: String,
    /// 1-based line of the record's start, for line-oriented formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based index of the record within the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

impl Position {
    /// A position naming only a file.
    pub fn file(path: impl Into<String>) -> Position {
        Position { path: path.into(), line: None, record: None }
    }

    /// This position at a given line and record number.
    pub fn at(&self, line: Option<u64>, record: Option<u64>) -> Position {
        Position { path: self.path.clone(), line, record }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record {
            write!(f, " (record {record})")?;
        }
        Ok(())
    }
}
