//! The HTML reader on arbitrary bytes (most runs start from a page-like
//! seed corpus: `-dict` or `corpus/html` with saved pages).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_ingest::{parse_html, Position};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    match parse_html(data, &Position::file("f.html"), Some("f")) {
        Ok(article) => common::check(&article),
        Err(error) => common::check_error(&error),
    }
});
