//! The library boundary: where engine errors get the index's path, and an
//! engine panic on damaged files becomes [`Error::Corrupt`].
//!
//! tantivy trusts its files: a flipped byte in a term dictionary or a
//! postings list makes it index out of bounds and panic
//! (`file_slice.rs`, `term_info_store.rs`, `vint.rs`), deep inside a search.
//! A library must not take its host process down for a damaged file, so
//! every public operation that reads the index runs under
//! [`std::panic::catch_unwind`]. This is a deliberate, documented choice, not
//! error handling by accident: the panic cannot be prevented from outside
//! tantivy short of verifying every checksum on every open (a full read of
//! the index; offered as [`NewsIndex::verify`] and
//! [`crate::NewsIndexBuilder::verify_on_open`]). After a caught panic the
//! checksums are verified, so the error names the damaged files, or says
//! that none is damaged (then the panic was a bug, and says so). With
//! `panic = "abort"` nothing can be caught: build with the default unwind.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use tantivy::{Directory, Index};

use crate::error::{Error, Result};
use crate::index::NewsIndex;

impl NewsIndex {
    /// Runs `f` at the library boundary (see the module docs).
    pub(crate) fn guard<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        guard(&self.inner.index, self.path(), f)
    }

    /// Verifies the checksum of every file of the last commit (reads the
    /// whole index). `Err(Error::Corrupt)` names the damaged files.
    ///
    /// Opening and searching do not verify checksums (that would read the
    /// whole index each time): a damaged file shows up as an error when
    /// it is read, or as wrong results when the damage is in data that
    /// still parses. Run this after copying an index, or when in doubt.
    pub fn verify(&self) -> Result<()> {
        self.guard(|| match damaged_files(&self.inner.index) {
            Ok(damaged) if damaged.is_empty() => Ok(()),
            Ok(damaged) => Err(Error::Corrupt {
                index: None,
                damaged,
                detail: "found by checksum verification".into(),
            }),
            Err(err) => Err(Error::tantivy("verify checksums")(err)),
        })
    }
}

/// [`NewsIndex::guard`] for callers that hold only the tantivy index.
pub(crate) fn guard<T>(
    index: &Index,
    dir: Option<&std::path::Path>,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    // The closure only reads the index, or drives a writer whose state is
    // rebuilt after any failure: no broken invariant outlives the unwind.
    let result = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Err(Error::Tantivy { index: at, operation, source })) if is_data_error(&source) => {
            let damaged = checked(index);
            if damaged.is_empty() {
                Err(Error::Tantivy { index: at, operation, source })
            } else {
                let detail = format!("cannot {operation}: {source}");
                Err(Error::Corrupt { index: None, damaged, detail })
            }
        }
        Ok(result) => result,
        Err(payload) => {
            let detail = panic_message(payload.as_ref());
            Err(Error::Corrupt { index: None, damaged: checked(index), detail })
        }
    };
    result.map_err(|err| err.on_index(dir))
}

/// An engine error that damaged files can explain: worth a checksum pass
/// to name them (errors of locks, full disks or arguments are not).
fn is_data_error(err: &tantivy::TantivyError) -> bool {
    use std::io::ErrorKind::{InvalidData, UnexpectedEof};
    use tantivy::TantivyError;
    match err {
        TantivyError::DataCorruption(_) | TantivyError::OpenReadError(_) => true,
        TantivyError::IoError(io) => matches!(io.kind(), InvalidData | UnexpectedEof),
        _ => false,
    }
}

/// [`damaged_files`], where failing to check counts as finding nothing.
fn checked(index: &Index) -> Vec<PathBuf> {
    catch_unwind(AssertUnwindSafe(|| damaged_files(index)))
        .ok()
        .and_then(|r| r.ok())
        .unwrap_or_default()
}

/// Files of the last commit that cannot be opened (a damaged footer) or
/// whose checksum does not match, sorted. (`Index::validate_checksum` stops
/// at the first file it cannot open.) Files a segment lists but never wrote
/// (the delete bitset of a segment without deletes) are skipped.
fn damaged_files(index: &Index) -> tantivy::Result<Vec<PathBuf>> {
    let dir = index.directory();
    let mut files: Vec<PathBuf> = index.load_metas()?.list_segment_files().into_iter().collect();
    files.sort();
    Ok(files
        .into_iter()
        .filter(|f| dir.exists(f).unwrap_or(true))
        .filter(|f| !matches!(dir.validate_checksum(f), Ok(true)))
        .collect())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    format!("the engine failed: {text}")
}
