//! Gzipped input: the fuzzer's bytes gzipped, cut short at a point it
//! picks, read as `.jsonl.gz`, `.json.gz` and `.txt.gz` under a small file
//! limit. A truncated or oversized stream ends its file with one error; the
//! next file is read whatever happened to the one before.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use newsdex_ingest::ArticleReaderBuilder;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, content)) = data.split_first() else { return };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(content).unwrap();
    let mut gz = gz.finish().unwrap();
    if cut < 128 {
        gz.truncate(gz.len() * usize::from(cut) / 128);
    }
    let dir = common::scratch();
    let mut paths: Vec<_> = ["f.jsonl.gz", "f.json.gz", "f.txt.gz"]
        .iter()
        .map(|name| common::write(&dir, name, &gz))
        .collect();
    paths.push(common::write(&dir, "z.jsonl", b"{\"id\":\"last\",\"title\":\"T\"}\n"));
    let mut builder = ArticleReaderBuilder::new();
    builder.max_file_bytes(512).max_record_bytes(4096);
    let mut last = None;
    for result in builder.from_paths(&paths) {
        match &result {
            Ok(article) => common::check(article),
            Err(error) => common::check_error(error),
        }
        last = Some(result);
    }
    assert_eq!(last.and_then(Result::ok).map(|a| a.id).as_deref(), Some("last"));
});
