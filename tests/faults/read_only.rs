//! Finding 11: a read-only index (another user's files, a read-only mount)
//! could not be searched: "the index is already open for writing
//! elsewhere", because readers needed to create tantivy's meta lock file.

use std::path::Path;

use newsdex::{Error, NewsIndex, SearchRequest};

use super::{mount_namespace, sample_dirs, sample_index_in};
use crate::cli::search_bin;

fn searchable(dir: &Path) -> anyhow::Result<()> {
    let index = NewsIndex::open(dir)?;
    let results = index.search(&SearchRequest::new("arms dealings"))?;
    assert!(!results.hits.is_empty());
    assert_eq!(index.stats()?.articles, 39);
    Ok(())
}

/// A lock file that cannot be opened for writing, whoever runs the test
/// (root ignores permissions, but not a directory in the file's place).
#[test]
fn issue12_f11_searching_needs_no_writable_lock_file() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    sample_index_in(tmp.path())?;
    let lock = tmp.path().join(".tantivy-meta.lock");
    std::fs::remove_file(&lock)?;
    std::fs::create_dir(&lock)?;
    searchable(tmp.path())
}

/// The same with permissions, where they apply (not as root).
#[test]
fn issue12_f11_a_directory_without_write_permission_can_be_searched() -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: running as root, permissions do not stop writes (see the mount test)");
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("idx");
    sample_index_in(&dir)?;
    let mode = |m| std::fs::Permissions::from_mode(m);
    for entry in std::fs::read_dir(&dir)? {
        std::fs::set_permissions(entry?.path(), mode(0o444))?;
    }
    std::fs::set_permissions(&dir, mode(0o555))?;
    let searched = searchable(&dir);
    let writer = NewsIndex::open(&dir)?.writer().map(|_| ());
    std::fs::set_permissions(&dir, mode(0o755))?;
    searched?;
    assert!(matches!(writer, Err(Error::ReadOnly { .. })), "{writer:?}");
    Ok(())
}

/// A real read-only mount, through the binary: `query` and `stats` work,
/// `index` says the directory cannot be written (not that it is locked).
#[test]
fn issue12_f11_a_read_only_mount_can_be_searched_not_written() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("idx");
    sample_index_in(&dir)?;
    let script = r#"
        mount --bind "$IDX" "$IDX" && mount -o remount,ro,bind "$IDX" || exit 97
        "$BIN" query --index "$IDX" --json arms > "$OUT/query.out" 2> "$OUT/query.err"
        echo $? > "$OUT/query.rc"
        "$BIN" stats --index "$IDX" --json > "$OUT/stats.out" 2> "$OUT/stats.err"
        echo $? > "$OUT/stats.rc"
        "$BIN" index --index "$IDX" "$TEXT" > "$OUT/index.out" 2> "$OUT/index.err"
        echo $? > "$OUT/index.rc"
    "#;
    let text = sample_dirs()[0].display().to_string();
    let bin = search_bin().display().to_string();
    let idx = dir.display().to_string();
    let out = tmp.path().display().to_string();
    let vars = [("IDX", idx.as_str()), ("BIN", &bin), ("TEXT", &text), ("OUT", &out)];
    if !mount_namespace(script, &vars)? {
        return Ok(());
    }
    let read = |name: &str| std::fs::read_to_string(tmp.path().join(name)).unwrap_or_default();
    assert_eq!(read("query.rc").trim(), "0", "{}", read("query.err"));
    assert!(read("query.out").lines().count() >= 5, "{}", read("query.out"));
    assert_eq!(read("stats.rc").trim(), "0", "{}", read("stats.err"));
    assert!(read("stats.out").contains("\"articles\":39"), "{}", read("stats.out"));
    assert_eq!(read("index.rc").trim(), "1");
    let err = read("index.err");
    assert!(
        err.contains("cannot write to index") && err.contains("Read-only file system"),
        "{err}"
    );
    assert!(!err.contains("already open"), "{err}");
    Ok(())
}
