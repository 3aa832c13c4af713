//! The `newsdex` Python package's native module, `newsdex._newsdex`.
//!
//! # Brief overview
//!
//! Thin PyO3 wrappers over the Rust library; the Python package
//! (`python/newsdex/__init__.py`) re-exports everything defined here.
//!
//! - `read` (`read.rs`) returns a `Reader`: an iterator of normalized
//!   articles as dicts (the JSON of `search normalize`), with the rejected
//!   records and their reasons in `reader.rejections`.
//! - `passages` (`read.rs`) cuts an article dict into passage dicts;
//!   `extract` (`extract.rs`) finds the arms transfers a passage mentions.
//! - `Index` (`index.rs`) creates, opens, fills and searches an index;
//!   searches return `Hit` objects (`hit.rs`).
//! - Errors are the exceptions of `errors.rs`: `NewsdexError` and its
//!   subclasses, carrying the library's message.
//!
//! Articles cross the boundary through serde (pythonize), so a dict has
//! exactly the fields and names of the library's JSON. The GIL is released
//! while Rust reads, indexes and searches.
//!
//! This crate is built by maturin (`pip install ./python`); `cargo` builds
//! of the workspace only check and document it.
#![deny(missing_docs)]

mod article;
mod batch;
mod errors;
mod extract;
mod hit;
mod index;
mod output;
mod read;
mod request;

use pyo3::prelude::*;

/// The extension module `newsdex._newsdex`.
#[pymodule]
fn _newsdex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(read::read, m)?)?;
    m.add_function(wrap_pyfunction!(read::passages, m)?)?;
    m.add_function(wrap_pyfunction!(extract::extract, m)?)?;
    m.add_function(wrap_pyfunction!(read::list_inputs, m)?)?;
    m.add_function(wrap_pyfunction!(read::read_input, m)?)?;
    m.add_class::<read::Reader>()?;
    m.add_class::<index::Index>()?;
    m.add_class::<hit::Hit>()?;
    errors::register(m)
}
