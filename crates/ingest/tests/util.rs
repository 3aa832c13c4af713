//! Helpers shared by the test modules.

use std::path::PathBuf;

use newsdex_ingest::{Article, ParagraphKind};

/// `../shared` seen from the workspace root (or `$NEWSDEX_SHARED`, for
/// checkouts that do not sit beside it), or `None` with a message when it is
/// absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let root = match std::env::var_os("NEWSDEX_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let path = root.join(sub);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("SKIP: {} is absent (shared data not available)", path.display());
        None
    }
}

/// The path of a fixture in `tests/data`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// Paragraphs of one kind.
pub fn of_kind(article: &Article, kind: ParagraphKind) -> Vec<&newsdex_ingest::Paragraph> {
    article.paragraphs.iter().filter(|p| p.kind == kind).collect()
}

/// Asserts no markdown or HTML markup survived anywhere in the article.
pub fn assert_no_markup(article: &Article) {
    let json = serde_json::to_string(article).unwrap();
    for mark in ["<u>", "</u>", "**", "##", "&quot;", "&amp;"] {
        assert!(!json.contains(mark), "{mark} left in {json}");
    }
}
