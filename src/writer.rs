//! Adding, replacing and deleting articles: [`NewsWriter`].

use newsdex_ingest::Article;
use rayon::prelude::*;
use serde::Serialize;
use tantivy::directory::error::LockError;
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyError, Term};

use crate::columns;
use crate::document::{self, PreparedArticle};
use crate::error::{Error, Result};
use crate::in_flight::{InFlight, Tracked};
use crate::index::NewsIndex;
use crate::known::KnownArticles;
use crate::merge::BoundedMerges;
use crate::schema::names;

/// Articles prepared in parallel per batch: large enough to keep rayon busy,
/// small enough to bound memory.
const BATCH: usize = 256;

/// What [`NewsWriter::add_article`] did with an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum AddOutcome {
    /// A new article, indexed as this many passages.
    Added {
        /// Passages indexed.
        passages: usize,
    },
    /// An article with this id existed; its passages were replaced.
    Replaced {
        /// Passages indexed.
        passages: usize,
    },
    /// Same outlet, title and text as an article already indexed under
    /// another id: not indexed.
    Duplicate {
        /// The id of the article it duplicates.
        of: String,
    },
}

/// Counts of an [`NewsWriter::add_articles`] call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AddSummary {
    /// New articles.
    pub added: u64,
    /// Articles that replaced an earlier version with the same id.
    pub replaced: u64,
    /// Exact duplicates skipped, as `(id, id of the article it duplicates)`.
    pub duplicates: Vec<(String, String)>,
    /// Passages indexed.
    pub passages: u64,
}

impl std::ops::AddAssign for AddSummary {
    /// Adds the counts of a later `add_articles` call (for callers that add
    /// in batches).
    fn add_assign(&mut self, later: AddSummary) {
        self.added += later.added;
        self.replaced += later.replaced;
        self.duplicates.extend(later.duplicates);
        self.passages += later.passages;
    }
}

/// What the index holds after a commit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CommitStats {
    /// Articles in the index.
    pub articles: u64,
    /// Passages in the index.
    pub passages: u64,
}

/// Adds and deletes articles; changes become visible at [`NewsWriter::commit`].
///
/// Only one writer can be open on an index at a time (also across
/// processes); a second gets [`Error::WriterLocked`]. In a directory that
/// cannot be written, opening one fails with [`Error::ReadOnly`].
///
/// A failed add or commit (a full disk…) returns the engine's own cause,
/// with the index path, and leaves the writer at the last commit with the
/// failed run's files deleted; the last commit stays searchable throughout.
pub struct NewsWriter {
    index: NewsIndex,
    writer: IndexWriter<Tracked>,
    /// Passages sent to `writer` and not yet indexed (`in_flight.rs`).
    in_flight: InFlight,
    /// Every article the index holds, committed or not, in a few bytes each
    /// (`known.rs`): what upserts, duplicate detection and `delete_url` ask.
    known: KnownArticles,
}

impl NewsIndex {
    /// Opens the index's writer, after deleting files that no commit uses
    /// (left by a run that was killed or failed before committing).
    pub fn writer(&self) -> Result<NewsWriter> {
        self.guard(|| self.open_writer())
    }

    fn open_writer(&self) -> Result<NewsWriter> {
        let inner = &self.inner;
        let writer = inner
            .index
            .writer_with_num_threads(inner.writer_threads, inner.writer_memory)
            .map_err(|err| match (err, self.path()) {
                (TantivyError::LockFailure(LockError::IoError(io), _), Some(dir)) => {
                    let source = std::io::Error::new(io.kind(), io.to_string());
                    Error::ReadOnly { path: dir.to_path_buf(), source }
                }
                (err, _) => Error::tantivy("open a writer")(err),
            })?;
        // Bounded merges keep a long run's peak memory from growing with
        // its input (`merge.rs`).
        writer.set_merge_policy(Box::new(BoundedMerges::default()));
        writer.garbage_collect_files().wait().map_err(Error::tantivy("delete unused files"))?;
        let mut out = NewsWriter {
            index: self.clone(),
            writer,
            in_flight: InFlight::default(),
            known: KnownArticles::default(),
        };
        out.load_known()?;
        Ok(out)
    }
}

impl NewsWriter {
    /// Reads ids, content hashes and URLs of committed articles from fast
    /// fields, so upserts and duplicates are recognized across runs.
    fn load_known(&mut self) -> Result<()> {
        let err = || Error::tantivy("read article ids");
        // The index's own reader, brought up to the last commit: opening a
        // second reader would open every segment again.
        self.index.reload()?;
        let searcher = self.index.inner.reader.searcher();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let Some(ids) = ff.str(names::ARTICLE_ID).map_err(err())? else { continue };
            let urls = ff.str(names::URL).map_err(err())?;
            let hashes = ff.u64(names::CONTENT_HASH).map_err(err())?;
            // One row per article, not per passage: an article's passages
            // are adjacent documents, so a run of one id ordinal is one
            // article (a repeat elsewhere is caught by `contains` below).
            // Decoding strings per passage held ≈ 40 bytes per document at
            // once, hundreds of MB when a writer opens a large index.
            let mut rows: Vec<(u64, Option<u64>, u64)> = Vec::new();
            let mut last = None;
            for doc in segment.doc_ids_alive() {
                let Some(id) = columns::first_ord(&ids, doc) else { continue };
                if last != Some(id) {
                    last = Some(id);
                    let url = urls.as_ref().and_then(|u| columns::first_ord(u, doc));
                    rows.push((id, url, hashes.first(doc).unwrap_or(0)));
                }
            }
            let id_names = columns::decode(&ids, rows.iter().map(|r| r.0))?;
            let url_names = match &urls {
                Some(u) => columns::decode(u, rows.iter().filter_map(|r| r.1))?,
                None => Default::default(),
            };
            for (id, url, hash) in rows {
                let Some(id) = id_names.get(&id) else { continue };
                if !self.known.contains(id) {
                    let url = url.and_then(|u| url_names.get(&u)).map(|u| &**u);
                    self.known.remember(id, hash, url);
                }
            }
        }
        Ok(())
    }

    /// Adds an article, replacing any article with the same id. An id
    /// longer than [`newsdex_ingest::MAX_ID_BYTES`] is indexed, replaced,
    /// reported and shown as its [`newsdex_ingest::bounded_id`].
    pub fn add_article(&mut self, a: &Article) -> Result<AddOutcome> {
        let index = self.index.clone();
        index.guard(|| {
            let prepared = document::prepare(&index.inner.doc_builder(), a);
            self.apply(prepared)
        })
    }

    /// Adds many articles: passage splitting, transfer extraction and
    /// document building run in parallel (rayon) while tantivy indexes on
    /// its own threads.
    pub fn add_articles<I: IntoIterator<Item = Article>>(&mut self, it: I) -> Result<AddSummary> {
        let index = self.index.clone();
        index.guard(|| self.add_all(it))
    }

    fn add_all<I: IntoIterator<Item = Article>>(&mut self, it: I) -> Result<AddSummary> {
        let mut summary = AddSummary::default();
        let mut batch = Vec::with_capacity(BATCH);
        for article in it {
            batch.push(article);
            if batch.len() == BATCH {
                self.add_batch(std::mem::take(&mut batch), &mut summary)?;
            }
        }
        self.add_batch(batch, &mut summary)?;
        Ok(summary)
    }

    fn add_batch(&mut self, batch: Vec<Article>, summary: &mut AddSummary) -> Result<()> {
        let inner = self.index.inner.clone();
        let builder = inner.doc_builder();
        let prepared: Vec<PreparedArticle> =
            batch.par_iter().map(|a| document::prepare(&builder, a)).collect();
        for p in prepared {
            let id = p.id.clone();
            match self.apply(p)? {
                AddOutcome::Added { passages } => {
                    summary.added += 1;
                    summary.passages += passages as u64;
                }
                AddOutcome::Replaced { passages } => {
                    summary.replaced += 1;
                    summary.passages += passages as u64;
                }
                AddOutcome::Duplicate { of } => summary.duplicates.push((id, of)),
            }
        }
        Ok(())
    }

    /// Upsert: the duplicate check, then delete-by-id, then the passages.
    fn apply(&mut self, p: PreparedArticle) -> Result<AddOutcome> {
        if let Some(of) = self.known.with_content(p.content_hash) {
            if of != p.id {
                return Ok(AddOutcome::Duplicate { of: of.to_owned() });
            }
        }
        let replaced = self.known.contains(&p.id);
        let passages = p.docs.len();
        // One operation batch per article (tantivy's `run`), not one
        // `add_document` per passage: each send through tantivy's channel
        // woke an indexing thread, and that hand-over was ≈ 15 % of indexing
        // CPU at ≈ 14 passages per article (BENCHMARKS.md §14). A batch also
        // lands in one segment, so an article's passages stay adjacent
        // documents (`load_known` reads one row per run of an id; with one
        // send per passage, two indexing threads could split an article).
        // The delete of a replaced version comes first in the batch: its
        // opstamp is below the new passages', so it removes only the old ones.
        let mut ops = Vec::with_capacity(passages + 1);
        if replaced {
            ops.push(UserOperation::Delete(self.id_term(&p.id)));
            self.known.forget(&p.id);
        }
        if passages > 0 {
            let permit = self.in_flight.acquire(passages);
            ops.extend(Tracked::batch(p.docs, permit).map(UserOperation::Add));
        }
        if let Err(err) = self.writer.run(ops) {
            return Err(self.recover("add a passage", err));
        }
        self.known.remember(&p.id, p.content_hash, p.url.as_deref());
        Ok(if replaced {
            AddOutcome::Replaced { passages }
        } else {
            AddOutcome::Added { passages }
        })
    }

    /// Deletes the article with this id (no effect when there is none).
    /// An id longer than [`newsdex_ingest::MAX_ID_BYTES`] names the same
    /// article as its [`newsdex_ingest::bounded_id`], as when it was added.
    pub fn delete_article(&mut self, id: &str) -> Result<()> {
        let id = newsdex_ingest::bounded_id(id);
        self.writer.delete_term(self.id_term(&id));
        self.known.forget(&id);
        Ok(())
    }

    /// The term of an article's (bounded) id: what deletes its passages.
    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.index.inner.fields.article_id, id)
    }

    /// Deletes every article with this canonical URL.
    pub fn delete_url(&mut self, url: &str) -> Result<()> {
        let field = self.index.inner.fields.url;
        self.writer.delete_term(Term::from_field_text(field, url));
        for id in self.known.with_url(url) {
            self.known.forget(&id);
        }
        Ok(())
    }

    /// Makes all changes since the last commit visible at once, and reloads
    /// the index's reader so the next search sees them.
    pub fn commit(&mut self) -> Result<CommitStats> {
        let index = self.index.clone();
        index.guard(|| {
            if let Err(err) = self.writer.commit() {
                return Err(self.recover("commit", err));
            }
            self.index.reload()?;
            let passages = self.index.inner.reader.searcher().num_docs();
            Ok(CommitStats { articles: self.known.len() as u64, passages })
        })
    }

    /// Drops all changes since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        let index = self.index.clone();
        index.guard(|| self.roll_back())
    }

    fn roll_back(&mut self) -> Result<()> {
        self.writer.rollback().map_err(Error::tantivy("roll back"))?;
        self.known.clear();
        self.load_known()
    }

    /// After a failed add or commit: the real cause, then back to the last
    /// commit without the failed run's files.
    ///
    /// An add only learns that an indexing thread died ("An index writer
    /// was killed"); the thread's own error (a full disk, with its errno)
    /// comes out when the threads are joined, which preparing a commit does.
    /// The segment files the failed run wrote are referenced by no commit:
    /// garbage collection deletes them now, or they would keep the disk full
    /// for every later run.
    fn recover(&mut self, operation: &'static str, err: TantivyError) -> Error {
        let cause = match err {
            TantivyError::ErrorInThread(_) => match self.writer.prepare_commit() {
                Err(cause) => cause,
                Ok(prepared) => {
                    let _ = prepared.abort();
                    err
                }
            },
            err => err,
        };
        // The cause is what the caller needs; a failure to clean up after it
        // must not replace it (the next writer collects garbage again).
        let _ = self.roll_back();
        let _ = self.writer.garbage_collect_files().wait();
        Error::tantivy(operation)(cause)
    }
}

#[cfg(test)]
mod tests {
    use newsdex_ingest::{Article, Paragraph, ParagraphKind, Position};

    use crate::index::NewsIndexBuilder;
    use crate::schema::names;

    fn article(i: usize) -> Article {
        let paragraphs = (0..2 + i % 9)
            .map(|p| Paragraph {
                kind: ParagraphKind::Body,
                section: None,
                text: format!("Paragraph {p} of article {i} about shells and drones."),
                credit: None,
            })
            .collect();
        Article {
            id: format!("a{i}"),
            title: format!("Article {i}"),
            published: None,
            outlet: Some("Daily".into()),
            agency: None,
            authors: vec![],
            url: None,
            paragraphs,
            source: Position::file(format!("a{i}")),
            warnings: vec![],
        }
    }

    /// With several indexing threads, each article's passages still land in
    /// one segment as consecutive documents (one operation batch per
    /// article), replaced articles included.
    #[test]
    fn an_articles_passages_are_adjacent_with_two_indexing_threads() {
        let index = NewsIndexBuilder::new().writer_threads(2).create_in_ram().unwrap();
        let mut w = index.writer().unwrap();
        w.add_articles((0..2_000).map(article)).unwrap();
        w.add_articles((0..2_000).step_by(7).map(article)).unwrap();
        w.commit().unwrap();
        let searcher = index.inner.reader.searcher();
        let mut runs = std::collections::HashMap::new();
        for segment in searcher.segment_readers() {
            let keys = segment.fast_fields().u64(names::ARTICLE_KEY).unwrap();
            let mut last = None;
            for doc in segment.doc_ids_alive() {
                let key = keys.first(doc).unwrap();
                if last != Some(key) {
                    *runs.entry(key).or_insert(0) += 1;
                    last = Some(key);
                }
            }
        }
        assert_eq!(runs.len(), 2_000);
        let split: Vec<_> = runs.values().filter(|&&n| n != 1).collect();
        assert!(split.is_empty(), "{} articles are not one run of documents", split.len());
    }
}
