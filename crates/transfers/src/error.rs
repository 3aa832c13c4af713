//! The one error type of this crate: a lexicon that cannot be used.

use std::path::PathBuf;

/// A convenience alias for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Why a lexicon could not be loaded or compiled, and which one.
///
/// Extraction itself never fails: any text yields a (possibly empty) list of
/// transfers.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The lexicon file could not be read.
    #[error("lexicon {}: {source}", path.display())]
    Io {
        /// The lexicon file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The lexicon is not valid JSON of the expected shape.
    #[error("lexicon {}: {source}", path.display())]
    Parse {
        /// The lexicon file (`<bundled>` for the default one, `<string>`
        /// for one given as text).
        path: PathBuf,
        /// The parse error, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// The lexicon parses but says something unusable.
    #[error("lexicon {}: {what}", path.display())]
    Invalid {
        /// The lexicon file (`<bundled>`, `<string>` or `<in memory>`).
        path: PathBuf,
        /// What is wrong, naming the entry, e.g. `party #3 has an empty name`.
        what: String,
    },
}

impl Error {
    pub(crate) fn invalid(path: impl Into<PathBuf>, what: impl Into<String>) -> Error {
        Error::Invalid { path: path.into(), what: what.into() }
    }
}
