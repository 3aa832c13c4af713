//! The JSON readers on arbitrary bytes: as a record, and as `.json` and
//! `.jsonl` files streamed through the sequential stage (the splitter, the
//! JSON Lines sniffing and the line reader), with a small record limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex_ingest::{ArticleReaderBuilder, Format, Position, RawRecord, ReadOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Json, Format::JsonLines] {
        let record = RawRecord::new(Position::file("f.json"), format, data.to_vec());
        match record.parse(&ReadOptions::new()) {
            Ok(article) => common::check(&article),
            Err(error) => common::check_error(&error),
        }
    }
    let dir = common::scratch();
    let paths = [common::write(&dir, "f.json", data), common::write(&dir, "f.jsonl", data)];
    let mut builder = ArticleReaderBuilder::new();
    builder.max_record_bytes(256);
    let mut records = 0;
    for result in builder.from_paths(&paths) {
        records += 1;
        match result {
            Ok(article) => common::check(&article),
            Err(error) => common::check_error(&error),
        }
    }
    // Every record starts a line or a value: never more records than bytes.
    assert!(records <= 2 * (data.len() + 1));
});
