//! The scraped-text reader on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_ingest::{Format, Position, RawRecord, ReadOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let record = RawRecord::new(Position::file("f.txt"), Format::Text, data.to_vec());
    match record.parse(&ReadOptions::new()) {
        Ok(article) => common::check(&article),
        Err(error) => common::check_error(&error),
    }
});
