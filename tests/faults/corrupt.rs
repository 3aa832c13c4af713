//! Finding 8: flipping bytes in a `.term` file made `search query` panic
//! (tantivy-common `file_slice.rs`), while `search stats` noticed nothing.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use newsdex::{Error, NewsIndex, NewsIndexBuilder, SearchRequest};

use super::{copy_index, flip_bytes, sample_index_in, segment_files};
use crate::cli::{search, stdout_ok};

const QUERIES: [&str; 4] =
    ["arms", "North Korea weapons Russia", "\"artillery shells\"", "drones -Iran"];

/// Runs every read path on the index in `dir`; returns what failed, and
/// fails the test if anything panicked through the library.
fn exercise(dir: &Path) -> Vec<String> {
    let mut errors = Vec::new();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let index = match NewsIndex::open(dir) {
            Ok(index) => index,
            Err(err) => return errors.push(err.to_string()),
        };
        for q in QUERIES {
            let req = SearchRequest::new(q).explain(true);
            if let Err(err) = index.search(&req) {
                errors.push(err.to_string());
            }
            if let Err(err) = index.facets(&req) {
                errors.push(err.to_string());
            }
        }
        if let Err(err) = index.stats() {
            errors.push(err.to_string());
        }
    }));
    assert!(outcome.is_ok(), "a panic escaped the library for {}", dir.display());
    errors
}

#[test]
fn issue12_f8_damaged_segment_files_are_errors_never_panics() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let clean = tmp.path().join("clean");
    sample_index_in(&clean)?;
    assert!(exercise(&clean).is_empty());
    let mut trials = 0;
    for extension in ["term", "idx", "pos", "store", "fast", "fieldnorm"] {
        let Some(file) = segment_files(&clean, extension).into_iter().next() else { continue };
        let len = std::fs::metadata(&file)?.len() as usize;
        for at in [0, len / 4, len / 2, len * 3 / 4, len.saturating_sub(40)] {
            let dir = tmp.path().join(format!("{extension}-{at}"));
            copy_index(&clean, &dir)?;
            flip_bytes(&dir.join(file.file_name().unwrap()), at, 64)?;
            let errors = exercise(&dir);
            eprintln!("{extension}@{at}: {} errors {:?}", errors.len(), errors.first());
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            for err in &errors {
                assert!(err.contains(&name) && err.contains("damaged"), "{extension}@{at}: {err}");
            }
            // Damage that still parses gives no error above, but wrong
            // results: verification finds every case.
            let index = NewsIndexBuilder::new().open(&dir);
            let verified = index.and_then(|index| index.verify());
            let Err(err @ Error::Corrupt { .. }) = verified else {
                panic!("{extension}@{at}: verify gave {verified:?}")
            };
            assert!(err.to_string().contains(&name), "{err}");
            trials += 1;
        }
    }
    assert!(trials >= 25, "{trials}");
    Ok(())
}

/// The same damage seen through the binary: `search query` fails with one
/// line naming the damaged file (it printed a panic), and `search stats
/// --check` finds damage that `search stats` cannot see.
#[test]
fn issue12_f8_the_binary_reports_damage_in_one_line() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let clean = tmp.path().join("clean");
    sample_index_in(&clean)?;
    let clean_arg = clean.display().to_string();
    let checked = stdout_ok(&search(&["stats", "--index", &clean_arg, "--check"]));
    assert!(checked.contains("checksums     ok"), "{checked}");
    let mut failed_queries = 0;
    for extension in ["term", "pos", "store", "fast"] {
        let file = segment_files(&clean, extension).remove(0);
        let len = std::fs::metadata(&file)?.len() as usize;
        for at in [len / 4, len / 2, len * 3 / 4] {
            let dir = tmp.path().join(format!("{extension}-{at}"));
            copy_index(&clean, &dir)?;
            flip_bytes(&dir.join(file.file_name().unwrap()), at, 64)?;
            let dir_arg = dir.display().to_string();
            for q in QUERIES {
                let out = search(&["query", "--index", &dir_arg, "--explain", q]);
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(!err.contains("panicked"), "{extension}@{at} {q}: {err}");
                if out.status.code() == Some(1) {
                    failed_queries += 1;
                    assert!(err.starts_with("search: ") && err.contains("damaged"), "{err}");
                    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
                } else {
                    stdout_ok(&out);
                }
            }
            let check = search(&["stats", "--index", &dir_arg, "--check"]);
            assert_eq!(check.status.code(), Some(1), "{extension}@{at}");
            let err = String::from_utf8_lossy(&check.stderr);
            assert!(
                err.contains("damaged")
                    && err.contains(&*file.file_name().unwrap().to_string_lossy()),
                "{err}"
            );
        }
    }
    assert!(failed_queries > 0, "no damage reached a query");
    Ok(())
}
