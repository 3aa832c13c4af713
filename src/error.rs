//! The one error type of the root crate: what failed, and on what.

use std::path::PathBuf;

/// A convenience alias for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Something the index could not do, with the operation or path it concerned.
///
/// User query text never produces an error: what cannot be understood in it is
/// reported as a warning on [`crate::SearchResults`] instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The search engine failed while doing `operation`.
    #[error("index: cannot {operation}: {source}")]
    Tantivy {
        /// What the index was doing, e.g. "commit".
        operation: &'static str,
        /// The engine's error.
        #[source]
        source: tantivy::TantivyError,
    },
    /// The directory could not be opened as an index directory.
    #[error("cannot open index directory {}: {source}", path.display())]
    OpenDirectory {
        /// The directory.
        path: PathBuf,
        /// Why it could not be opened.
        #[source]
        source: tantivy::directory::error::OpenDirectoryError,
    },
    /// The directory exists but holds no index (or not one made by newsdex).
    #[error("{} is not a newsdex index: {reason}", path.display())]
    NotAnIndex {
        /// The directory.
        path: PathBuf,
        /// What is missing or different.
        reason: String,
    },
    /// Another writer holds the index lock.
    #[error("the index is already open for writing elsewhere")]
    WriterLocked,
    /// A file or directory could not be read or created.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A lexicon could not be read, parsed or compiled (the error names the
    /// file).
    #[error(transparent)]
    Lexicon(#[from] newsdex_transfers::Error),
    /// An article could not be read or normalized.
    #[error(transparent)]
    Ingest(#[from] newsdex_ingest::Error),
}

impl Error {
    /// Wraps an engine error with the operation that failed.
    pub(crate) fn tantivy(operation: &'static str) -> impl FnOnce(tantivy::TantivyError) -> Error {
        move |source| match source {
            tantivy::TantivyError::LockFailure(..) => Error::WriterLocked,
            source => Error::Tantivy { operation, source },
        }
    }

    /// Wraps an I/O error with the path involved.
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}
