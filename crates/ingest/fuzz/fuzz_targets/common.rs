//! What every target checks of what the readers return.

use std::path::{Path, PathBuf};

use newsdex_ingest::{split_passages, Article, Error, PassageKind};

/// An article's invariants: text present, paragraphs trimmed one-liners,
/// passages that are exactly their span of the article text (but the
/// title passage of a title-only article, whose span is empty).
pub fn check(article: &Article) {
    assert!(!article.title.is_empty() || !article.paragraphs.is_empty());
    for p in &article.paragraphs {
        assert!(!p.text.is_empty() && p.text.trim() == p.text && !p.text.contains('\n'));
    }
    let text = article.text();
    for passage in split_passages(article) {
        if passage.kind != PassageKind::Title {
            assert_eq!(&text[passage.span.clone()], passage.text);
        }
    }
}

/// An error's invariants: a reason and a position naming the file.
pub fn check_error(error: &Error) {
    assert!(!error.kind().reason().is_empty());
    assert!(!error.position().path.is_empty());
}

/// A scratch directory for this fuzzing process.
pub fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsdex-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
