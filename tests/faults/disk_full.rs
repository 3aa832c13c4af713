//! Finding 12: on a full disk `search index` said only "An index writer
//! was killed..", with no errno and no path, and left ~19 MB of segment
//! files that no commit used, so every later run failed too until someone
//! deleted them by hand.

use std::path::Path;

use super::{mount_namespace, sample_dirs, synthetic_jsonl};
use crate::cli::search_bin;

#[test]
fn issue12_f12_a_full_disk_is_reported_cleaned_up_and_survived() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    // Big enough to flush a segment on the way with --memory 16, and to
    // need more than the tmpfs at the commit with the default budget.
    let (big, bigger) = (tmp.path().join("big.jsonl"), tmp.path().join("bigger.jsonl"));
    synthetic_jsonl(&big, 0, 6_000)?;
    synthetic_jsonl(&bigger, 0, 15_000)?;
    let script = r#"
        mount -t tmpfs -o size=2m tmpfs "$MNT" || exit 97
        step() {
            name=$1; shift
            "$BIN" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
            echo $? > "$OUT/$name.rc"
            du -sk "$MNT/idx" | cut -f1 > "$OUT/$name.kb"
        }
        step first index --index "$MNT/idx" "$TEXT"
        step full index --index "$MNT/idx" --memory 16 --threads 1 "$BIGGER"
        step full-commit index --index "$MNT/idx" --threads 1 "$BIG"
        step stats stats --index "$MNT/idx" --check --json
        step later index --index "$MNT/idx" "$JSONL"
    "#;
    let mnt = tmp.path().join("mnt");
    std::fs::create_dir(&mnt)?;
    let [text, jsonl, ..] = &sample_dirs()[..] else { unreachable!() };
    let s = |p: &Path| p.display().to_string();
    let (bin, out, mnt_s) = (s(&search_bin()), s(tmp.path()), s(&mnt));
    let (text, jsonl, big, bigger) = (s(text), s(jsonl), s(&big), s(&bigger));
    let vars = [
        ("MNT", mnt_s.as_str()),
        ("BIN", &bin),
        ("OUT", &out),
        ("TEXT", &text),
        ("JSONL", &jsonl),
        ("BIG", &big),
        ("BIGGER", &bigger),
    ];
    if !mount_namespace(script, &vars)? {
        return Ok(());
    }
    let read = |name: &str| std::fs::read_to_string(tmp.path().join(name)).unwrap_or_default();
    let kb = |name: &str| read(&format!("{name}.kb")).trim().parse::<u64>().unwrap_or(u64::MAX);
    assert_eq!(read("first.rc").trim(), "0", "{}", read("first.err"));
    // The disk fills while indexing (segments flushed on the way with a
    // small budget; the document store streams to disk in any case) or at
    // the commit: either way the cause and the index are named, once.
    for run in ["full", "full-commit"] {
        let (rc, out) = (read(&format!("{run}.rc")), read(&format!("{run}.out")));
        assert_eq!(rc.trim(), "1", "{run}: {out}");
        let err = read(&format!("{run}.err"));
        assert!(err.contains("No space left on device") && !err.contains("killed"), "{run}: {err}");
        assert!(err.contains(&format!("index {mnt_s}/idx")), "{run}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{run}: {err}");
        // The failed run's files are gone: the index is its old size.
        assert!(
            kb(run) <= kb("first") + 64,
            "{run}: {} KB after, {} KB before",
            kb(run),
            kb("first")
        );
    }
    // The last commit is intact and checks out.
    assert_eq!(read("stats.rc").trim(), "0", "{}", read("stats.err"));
    let stats: serde_json::Value = serde_json::from_str(&read("stats.out"))?;
    let first = read("first.out");
    assert!(first.contains(&format!("index now   {} articles", stats["articles"])), "{first}");
    // And the next run works without anyone cleaning up by hand.
    assert_eq!(read("later.rc").trim(), "0", "{}", read("later.err"));
    Ok(())
}
