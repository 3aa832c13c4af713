//! The exception hierarchy, and library errors turned into it.
//!
//! Library errors keep their message (what failed, on which path); the class
//! says what kind of failure it is, so callers catch what they can handle.
//! Bad arguments raise the usual built-ins (`TypeError`, `ValueError`,
//! `FileNotFoundError`).

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyUserWarning};
use pyo3::prelude::*;

create_exception!(
    newsdex,
    NewsdexError,
    PyException,
    "Base class of the errors newsdex raises; the message is the library's."
);
create_exception!(
    newsdex,
    NotAnIndexError,
    NewsdexError,
    "The directory is missing, cannot be opened, or holds no newsdex index."
);
create_exception!(
    newsdex,
    WriterLockedError,
    NewsdexError,
    "Another writer (in this or another process) holds the index's lock."
);
create_exception!(
    newsdex,
    ArticleError,
    NewsdexError,
    "An article or record could not be used (e.g. a dict that is not an article)."
);
create_exception!(
    newsdex,
    QueryWarning,
    PyUserWarning,
    "Part of a query was not understood; the search went on without it."
);

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("NewsdexError", py.get_type::<NewsdexError>())?;
    m.add("NotAnIndexError", py.get_type::<NotAnIndexError>())?;
    m.add("WriterLockedError", py.get_type::<WriterLockedError>())?;
    m.add("ArticleError", py.get_type::<ArticleError>())?;
    m.add("QueryWarning", py.get_type::<QueryWarning>())?;
    Ok(())
}

/// The exception for a library error, with the library's message.
pub(crate) fn to_py(err: newsdex::Error) -> PyErr {
    let message = err.to_string();
    match err {
        newsdex::Error::NotAnIndex { .. } | newsdex::Error::OpenDirectory { .. } => {
            NotAnIndexError::new_err(message)
        }
        newsdex::Error::WriterLocked => WriterLockedError::new_err(message),
        newsdex::Error::Ingest(_) => ArticleError::new_err(message),
        _ => NewsdexError::new_err(message),
    }
}

/// `?` on library results inside `#[pymethods]`.
pub(crate) trait IntoPyResult<T> {
    /// The result with its error turned into a Python exception.
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for newsdex::Result<T> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
