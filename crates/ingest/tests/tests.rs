//! Integration tests of the ingestion crate, one module per topic.

mod fuzz;
mod hostile;
mod readers;
mod seed;
mod shared_corpora;
mod text_format;
mod util;
