//! newsdex: passage search over news archives (work in progress).
#![deny(missing_docs)]

pub use newsdex_ingest as ingest;

pub mod eval;
