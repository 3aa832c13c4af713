//! Reading one article back from the index: [`StoredArticle`].
//!
//! The index holds passages, not articles; every passage document carries
//! its article's metadata, so an article is rebuilt from its passages in
//! reading order (their ordinals).

use newsdex_transfers::Transfer;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::search::hits::{kind, ordinal, text, transfers};

/// An article as the index holds it: its metadata and all its passages in
/// reading order.
///
/// Joined with blank lines, the passages' texts give the article's text as
/// the index saw it. What the index does not store is absent: the authors,
/// caption credits, the source position and ingest warnings (read the
/// original record for those).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredArticle {
    /// The article's id.
    pub id: String,
    /// The article's title.
    pub title: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's wire agency.
    pub agency: Option<String>,
    /// Publication time: RFC 3339, or `YYYY-MM-DD` when only the day is known.
    pub published: Option<String>,
    /// The article's canonical URL.
    pub url: Option<String>,
    /// Its passages, by ordinal.
    pub passages: Vec<StoredPassage>,
}

/// One passage of a [`StoredArticle`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredPassage {
    /// 0-based position in the article (a [`crate::Hit::ordinal`]).
    pub ordinal: u32,
    /// `body`, `caption`, `heading` or `title`.
    pub kind: String,
    /// The section heading the passage sits under.
    pub section: Option<String>,
    /// The passage text.
    pub text: String,
    /// The arms transfers extracted from it at indexing time (empty when
    /// it has none or the index was built without extraction).
    pub transfers: Vec<Transfer>,
}

impl NewsIndex {
    /// The article with this id, rebuilt from its committed passages;
    /// `None` when the index holds no passage of it.
    ///
    /// ```
    /// # use newsdex::ingest::{Article, Paragraph, ParagraphKind, Position};
    /// # use newsdex::NewsIndex;
    /// # let index = NewsIndex::create_in_ram()?;
    /// # let mut writer = index.writer()?;
    /// # let para = |text: &str| Paragraph {
    /// #     kind: ParagraphKind::Body, section: None, text: text.into(), credit: None };
    /// # writer.add_article(&Article {
    /// #     id: "a1".into(), title: "Talks".into(), published: None, outlet: None,
    /// #     agency: None, authors: vec![], url: None,
    /// #     paragraphs: vec![para("Envoys met."), para("No deal yet.")],
    /// #     source: Position::file("example"), warnings: vec![] })?;
    /// # writer.commit()?;
    /// let article = index.article("a1")?.expect("indexed");
    /// assert_eq!(article.passages[1].text, "No deal yet.");
    /// assert!(index.article("nope")?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let f = &self.inner.fields;
        let query =
            TermQuery::new(Term::from_field_text(f.article_id, id), IndexRecordOption::Basic);
        let searcher = self.inner.reader.searcher();
        let found = searcher.search(&query, &DocSetCollector).map_err(Error::tantivy("search"))?;
        let mut addresses: Vec<_> = found.into_iter().collect();
        addresses.sort_unstable();
        let docs = addresses
            .into_iter()
            .map(|a| searcher.doc::<TantivyDocument>(a).map_err(Error::tantivy("load a passage")))
            .collect::<Result<Vec<_>>>()?;
        let Some(first) = docs.first() else { return Ok(None) };
        let mut article = StoredArticle {
            id: id.to_string(),
            title: text(first, f.title).unwrap_or_default(),
            outlet: text(first, f.outlet),
            agency: text(first, f.agency),
            published: text(first, f.published_text),
            url: text(first, f.url),
            passages: Vec::with_capacity(docs.len()),
        };
        for doc in &docs {
            article.passages.push(StoredPassage {
                ordinal: ordinal(f, doc),
                kind: kind(f, doc),
                section: text(doc, f.section),
                text: text(doc, f.text).unwrap_or_default(),
                transfers: transfers(doc, f.transfers),
            });
        }
        article.passages.sort_by_key(|p| p.ordinal);
        Ok(Some(article))
    }
}
