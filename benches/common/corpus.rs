//! Which corpus the benchmarks read, and how it is loaded and replicated.
//!
//! The real corpus (Reuters-21578 + the three news2022 files) is used when the
//! shared data folder is present; otherwise the embedded sample in
//! `examples/data/`, so the benches still run (on a tiny input) in a bare clone.

use std::path::{Path, PathBuf};

use newsdex::ingest::Article;

/// The input files of one benchmark corpus.
#[derive(Clone, Debug)]
pub struct CorpusSource {
    /// `real` or `sample`, for reports.
    pub label: &'static str,
    pub files: Vec<PathBuf>,
}

/// The shared data folder: `$NEWSDEX_SHARED`, else `../shared` beside the
/// workspace (the layout of the main clone and of CI).
pub fn shared_dir() -> Option<PathBuf> {
    let from_env = std::env::var_os("NEWSDEX_SHARED").map(PathBuf::from);
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    from_env.into_iter().chain([beside]).find(|p| p.join("corpora").is_dir())
}

/// The real corpus when present, else the embedded sample.
pub fn corpus_source() -> CorpusSource {
    if let Some(shared) = shared_dir() {
        let c = shared.join("corpora");
        let files = vec![
            c.join("reuters21578/articles.jsonl.gz"),
            c.join("news2022/guardian-nyt-ukraine-2022.jsonl.gz"),
            c.join("news2022/kcna-english-2024.jsonl.gz"),
            c.join("news2022/whitehouse-briefing-room-2022-2024.jsonl.gz"),
        ];
        if files.iter().all(|f| f.is_file()) {
            return CorpusSource { label: "real", files };
        }
    }
    eprintln!("bench: shared corpora not found (set NEWSDEX_SHARED); using examples/data");
    let mut files = Vec::new();
    collect_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data"), &mut files);
    files.sort();
    CorpusSource { label: "sample", files }
}

/// The sample's article files: not its README, not its deliberately broken
/// inputs under `bad/`.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        if p.is_dir() {
            if name != "bad" {
                collect_files(&p, out);
            }
        } else if name != "README.md" {
            out.push(p);
        }
    }
}

/// Streams the corpus `replicas` times; copy `r > 0` gets ids and URLs made
/// unique with a `~r{r}` suffix so the index treats it as a new article.
/// Bad records are skipped ([`Corpus::load`] counts them).
pub fn stream(source: &CorpusSource, replicas: usize) -> impl Iterator<Item = Article> + '_ {
    (0..replicas).flat_map(move |r| {
        source.files.iter().flat_map(move |f| {
            newsdex::ingest::read_path(f).filter_map(move |a| Some(replicate(a.ok()?, r)))
        })
    })
}

/// Copy number `r` of an article (the article itself for `r == 0`).
///
/// Besides id and URL, the title and every paragraph get a ` r{r}` token:
/// newsdex skips an article whose outlet, title and text equal one already
/// indexed, and collapses identical passage texts at search time, so exact
/// copies would neither be indexed nor cost what distinct articles cost.
pub fn replicate(mut a: Article, r: usize) -> Article {
    if r > 0 {
        let mark = format!(" r{r}");
        a.id = format!("{}~r{r}", a.id);
        a.url = a.url.map(|u| format!("{u}#r{r}"));
        a.title.push_str(&mark);
        for p in &mut a.paragraphs {
            p.text.push_str(&mark);
        }
    }
    a
}

/// The corpus in memory, with its size.
pub struct Corpus {
    pub source: CorpusSource,
    pub articles: Vec<Article>,
    /// Bytes of text (title + normalized body) over all articles.
    pub text_bytes: u64,
    /// Uncompressed bytes are unknown for gz; this is the on-disk size.
    pub file_bytes: u64,
    pub errors: u64,
}

impl Corpus {
    /// Loads every article of `source` into memory.
    pub fn load(source: CorpusSource) -> Corpus {
        let mut errors = 0;
        let articles: Vec<Article> = source
            .files
            .iter()
            .flat_map(newsdex::ingest::read_path)
            .filter_map(|a| a.map_err(|_| errors += 1).ok())
            .collect();
        let text_bytes = articles.iter().map(text_bytes).sum();
        let file_bytes =
            source.files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
        Corpus { source, articles, text_bytes, file_bytes, errors }
    }
}

/// Bytes of indexable text in an article: title plus normalized body.
pub fn text_bytes(a: &Article) -> u64 {
    (a.title.len() + baseline_text_len(a)) as u64
}

fn baseline_text_len(a: &Article) -> usize {
    let seps = a.paragraphs.len().saturating_sub(1) * newsdex::ingest::PARAGRAPH_SEPARATOR.len();
    a.paragraphs.iter().map(|p| p.text.len()).sum::<usize>() + seps
}

/// The one text the baseline indexes per article: title, blank line, body.
pub fn baseline_text(a: &Article) -> String {
    let mut s = String::with_capacity(a.title.len() + 2 + baseline_text_len(a));
    s.push_str(&a.title);
    s.push_str(newsdex::ingest::PARAGRAPH_SEPARATOR);
    s.push_str(&a.text());
    s
}
