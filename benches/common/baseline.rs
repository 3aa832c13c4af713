//! The baseline every indexing figure is compared with: raw tantivy, one
//! document per article, one text field analyzed by tantivy's stock `en_stem`
//! tokenizer, the same writer budget and thread count as newsdex, committed.

use std::path::Path;

use tantivy::schema::{IndexRecordOption, Schema, SchemaBuilder, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexWriter, TantivyDocument};

/// Writer settings shared by the baseline and newsdex in one comparison.
#[derive(Clone, Copy, Debug)]
pub struct WriterSettings {
    pub threads: usize,
    /// Total indexing memory budget in bytes (split across threads).
    pub memory: usize,
}

/// Indexes `texts` into a new index in `dir` and commits. `stored` also keeps
/// the text in the doc store (as newsdex must, to show passages). Returns
/// the documents added and the (committed) writer.
pub fn index_texts<T: AsRef<str>>(
    texts: impl IntoIterator<Item = T>,
    dir: &Path,
    settings: WriterSettings,
    stored: bool,
) -> tantivy::Result<(u64, IndexWriter)> {
    let mut schema = Schema::builder();
    let text = schema.add_text_field("text", en_stem(stored));
    let mut writer = writer_in(dir, schema, settings)?;
    let mut docs = 0;
    for t in texts {
        let mut doc = TantivyDocument::new();
        doc.add_text(text, t.as_ref());
        writer.add_document(doc)?;
        docs += 1;
    }
    writer.commit()?;
    // The writer is returned so callers can stop the clock before dropping it
    // (as they do for newsdex).
    Ok((docs, writer))
}

/// A text field analyzed by tantivy's stock `en_stem`, with positions.
fn en_stem(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("en_stem")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// A new index of `schema` in `dir` and its writer with `settings`.
fn writer_in(
    dir: &Path,
    schema: SchemaBuilder,
    settings: WriterSettings,
) -> tantivy::Result<IndexWriter> {
    let index = Index::create_in_dir(dir, schema.build())?;
    index.writer_with_num_threads(settings.threads, settings.memory)
}

/// Raw tantivy with newsdex's granularity: one document per passage (the
/// passages newsdex indexes), its text in an `en_stem` field with positions,
/// and with `title` the article's title in a second one, as newsdex indexes
/// it on every passage. Not stored. What any passage index pays before
/// newsdex's own work (more documents, more tokens): the floor for
/// `index / baseline` (BENCHMARKS.md §14).
pub fn index_passages<'a>(
    passages: impl IntoIterator<Item = (&'a str, &'a str)>,
    dir: &Path,
    settings: WriterSettings,
    title: bool,
) -> tantivy::Result<(u64, IndexWriter)> {
    let mut schema = Schema::builder();
    let text = schema.add_text_field("text", en_stem(false));
    let title_field = schema.add_text_field("title", en_stem(false));
    let mut writer = writer_in(dir, schema, settings)?;
    let mut docs = 0;
    for (t, p) in passages {
        let mut doc = TantivyDocument::new();
        doc.add_text(text, p);
        if title {
            doc.add_text(title_field, t);
        }
        writer.add_document(doc)?;
        docs += 1;
    }
    writer.commit()?;
    Ok((docs, writer))
}

/// The newsdex side of the same comparison: `articles` into a new index in
/// `dir` with the same writer settings, committed. Returns what was added
/// and the writer (dropped by the caller after stopping its clock).
pub fn index_articles(
    articles: impl IntoIterator<Item = newsdex::ingest::Article>,
    dir: &Path,
    settings: WriterSettings,
) -> newsdex::Result<(newsdex::AddSummary, newsdex::NewsWriter)> {
    index_articles_with(articles, dir, settings, true)
}

/// [`index_articles`], with arms-transfer extraction on or off (the
/// `index-no-transfers` workload measures what extraction costs).
pub fn index_articles_with(
    articles: impl IntoIterator<Item = newsdex::ingest::Article>,
    dir: &Path,
    settings: WriterSettings,
    extract_transfers: bool,
) -> newsdex::Result<(newsdex::AddSummary, newsdex::NewsWriter)> {
    let index = newsdex::NewsIndexBuilder::new()
        .writer_threads(settings.threads)
        .writer_memory(settings.memory)
        .extract_transfers(extract_transfers)
        .open_or_create(dir)?;
    let mut writer = index.writer()?;
    let summary = writer.add_articles(articles)?;
    writer.commit()?;
    Ok((summary, writer))
}

/// A directory on the same disk as the build, for the indexes the runs make.
pub fn scratch_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-scratch");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
