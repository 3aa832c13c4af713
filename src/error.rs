//! The one error type of the root crate: what failed, and on what.

use std::path::{Path, PathBuf};

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
    #[error("{}cannot {operation}: {source}", on(index.as_deref()))]
    Tantivy {
        /// The index directory (`None` in RAM).
        index: Option<PathBuf>,
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
    /// The index was made by an older newsdex that lacked a field this one
    /// needs (e.g. the arms-transfer fields): rebuild it from the sources.
    #[error(
        "{} was made by an older newsdex (no field '{missing}'): rebuild it with `search index`",
        path.display()
    )]
    OutdatedIndex {
        /// The directory.
        path: PathBuf,
        /// The first missing field.
        missing: String,
    },
    /// Another writer holds the index lock.
    #[error("the index is already open for writing elsewhere")]
    WriterLocked,
    /// The index directory cannot be written: a read-only mount, or files
    /// of another user. Searching it still works.
    #[error("cannot write to index {}: {source}", path.display())]
    ReadOnly {
        /// The index directory.
        path: PathBuf,
        /// Why the writer's lock file could not be created.
        #[source]
        source: std::io::Error,
    },
    /// The index's files are damaged, or the engine failed on them in a way
    /// its checksums do not explain (then `damaged` is empty: a bug).
    #[error("{}", corrupt_message(index.as_deref(), damaged, detail))]
    Corrupt {
        /// The index directory (`None` in RAM).
        index: Option<PathBuf>,
        /// Files whose checksum does not match their content.
        damaged: Vec<PathBuf>,
        /// What the engine reported (the message of its panic, or error).
        detail: String,
    },
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

/// "index DIR: " for an index on disk, "index: " in RAM.
fn on(index: Option<&Path>) -> String {
    match index {
        Some(dir) => format!("index {}: ", dir.display()),
        None => "index: ".to_string(),
    }
}

fn corrupt_message(index: Option<&Path>, damaged: &[PathBuf], detail: &str) -> String {
    let on = on(index);
    if damaged.is_empty() {
        return format!(
            "{on}the engine failed reading it ({detail}), yet every file's checksum matches: \
             please report this as a bug"
        );
    }
    let names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
    format!(
        "{on}damaged: checksum mismatch in {}; rebuild the index, or restore it from a backup \
         ({detail})",
        names.join(", ")
    )
}

impl Error {
    /// Wraps an engine error with the operation that failed; the index path
    /// is added where the error leaves the library ([`Error::on_index`]).
    pub(crate) fn tantivy(operation: &'static str) -> impl FnOnce(tantivy::TantivyError) -> Error {
        move |source| match source {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => Error::WriterLocked,
            source => Error::Tantivy { index: None, operation, source },
        }
    }

    /// Wraps an I/O error with the path involved.
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }

    /// Names the index an engine error is about (when it does not yet).
    pub(crate) fn on_index(mut self, dir: Option<&Path>) -> Error {
        if let Error::Tantivy { index, .. } | Error::Corrupt { index, .. } = &mut self {
            if index.is_none() {
                *index = dir.map(Path::to_path_buf);
            }
        }
        self
    }
}
