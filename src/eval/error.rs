//! The error type of the evaluation module.

use std::path::PathBuf;

/// Result alias for the evaluation module.
pub type Result<T> = std::result::Result<T, EvalError>;

/// Why loading or writing evaluation files failed.
///
/// Every variant names the file, and the 1-based line when the problem is in
/// one record, so a bad topics or qrels file can be fixed by hand.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// The file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A line (or the whole file, `line` 0) is not the JSON expected.
    #[error("{}:{line}: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number; 0 when the file is one JSON document.
        line: usize,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// A line is well-formed but does not say what it must (e.g. a qrels
    /// TSV row without three columns).
    #[error("{}:{line}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The judgments hold no topic at all, so there is nothing to average.
    #[error("{}: no judgments", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

impl EvalError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        EvalError::Io { path: path.into(), source }
    }

    pub(crate) fn json(path: impl Into<PathBuf>, line: usize, source: serde_json::Error) -> Self {
        EvalError::Json { path: path.into(), line, source }
    }

    pub(crate) fn format(
        path: impl Into<PathBuf>,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        EvalError::Format { path: path.into(), line, message: message.into() }
    }
}
