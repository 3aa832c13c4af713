//! Caps on what the readers read from one input and hold in memory.

/// Default largest record, in bytes (16 MB): ten times the largest saved
/// page of the HTML test corpora (1.5 MB), a hundred times their largest
/// JSON record (166 kB). See [`ArticleReaderBuilder::max_record_bytes`].
///
/// [`ArticleReaderBuilder::max_record_bytes`]: crate::ArticleReaderBuilder::max_record_bytes
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 16_000_000;

/// Default most bytes read from one compressed file after decompression
/// (4 GB). See [`ArticleReaderBuilder::max_file_bytes`].
///
/// [`ArticleReaderBuilder::max_file_bytes`]: crate::ArticleReaderBuilder::max_file_bytes
pub const DEFAULT_MAX_FILE_BYTES: u64 = 4_000_000_000;

/// The caps the sequential stage reads with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Largest record: a JSON line, an element of a `.json` array, or a
    /// whole one-article file.
    pub(crate) max_record_bytes: u64,
    /// Most bytes read from one compressed file after decompression.
    pub(crate) max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}
