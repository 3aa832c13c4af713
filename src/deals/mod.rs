//! The who-arms-whom table: the transfers of the passages matching a
//! request, aggregated into one row per supplier → recipient.
//!
//! [`NewsIndex::deals`] runs the request's query and filters (no paging, no
//! cap) over the passages that have transfers — with no query text, over
//! all of them — and reads every fact it counts from fast fields (see
//! `transfer_keys.rs`); stored documents are loaded only for each row's
//! evidence passages. Syndicated copies (same `text_hash` in another
//! article) count once: the earliest published copy is counted.

mod collect;
mod evidence;
mod table;

use std::ops::Range;

use newsdex_transfers::{ItemKind, Status};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::index::NewsIndex;
use crate::request::SearchRequest;

/// Options of [`NewsIndex::deals`]. Chains by value.
///
/// ```
/// use newsdex::DealsOptions;
/// let options = DealsOptions::new().by_month(true).limit(20);
/// # let _ = options;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DealsOptions {
    pub(crate) by_month: bool,
    pub(crate) limit: usize,
}

impl DealsOptions {
    /// No timeline, every row.
    pub fn new() -> DealsOptions {
        DealsOptions::default()
    }

    /// Add each row's [`Deal::timeline`] (counts per month). Default off.
    pub fn by_month(mut self, on: bool) -> Self {
        self.by_month = on;
        self
    }

    /// Keep only the first `n` rows (most articles first); 0 = all.
    /// Default 0.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n;
        self
    }
}

/// The who-arms-whom table of a request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DealTable {
    /// One row per (supplier, recipient), most articles first (ties: most
    /// passages, then names).
    pub rows: Vec<Deal>,
    /// Distinct matching passages with at least one counted transfer
    /// (syndicated copies once).
    pub passages: u64,
    /// Parts of the query that were not understood.
    pub warnings: Vec<String>,
}

/// One row: the transfers from one supplier to one recipient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Canonical name; `None` when the passages do not say.
    pub supplier: Option<String>,
    /// Canonical name; `None` when the passages do not say.
    pub recipient: Option<String>,
    /// Distinct passages mentioning it (syndicated copies once).
    pub passages: u64,
    /// Distinct articles those passages come from.
    pub articles: u64,
    /// Per status present, in [`Status::ALL`] order.
    pub statuses: Vec<DealStatus>,
    /// Item kinds, most passages first.
    pub items: Vec<ItemCount>,
    /// Earliest publication day (`YYYY-MM-DD`) of its passages.
    pub first: Option<String>,
    /// Latest publication day (`YYYY-MM-DD`) of its passages.
    pub last: Option<String>,
    /// Outlets, most articles first.
    pub outlets: Vec<OutletCount>,
    /// The best evidence passage: the highest-scoring one (with no query
    /// text all score alike), then the one whose article has the most
    /// passages of this row, then the earliest.
    pub evidence: DealEvidence,
    /// Passages and articles per month, in calendar order, with
    /// [`DealsOptions::by_month`]; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<MonthCount>,
}

/// A row's transfers with one status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealStatus {
    /// The status.
    pub status: Status,
    /// Distinct passages (syndicated copies once).
    pub passages: u64,
    /// Distinct articles.
    pub articles: u64,
    /// Who alleges or denies it, most passages first (empty for reported
    /// and planned transfers).
    pub claimed_by: Vec<ClaimCount>,
    /// The best evidence passage with this status (chosen as
    /// [`Deal::evidence`] is).
    pub evidence: DealEvidence,
}

/// Passages of a row naming one item kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCount {
    /// The item kind.
    pub item: ItemKind,
    /// Distinct passages.
    pub passages: u64,
}

/// Passages of a row's status claimed by one party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimCount {
    /// Canonical name of the claimant.
    pub party: String,
    /// Distinct passages.
    pub passages: u64,
}

/// Articles of a row from one outlet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletCount {
    /// The outlet.
    pub outlet: String,
    /// Distinct articles.
    pub articles: u64,
}

/// A row's passages and articles in one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM` (UTC).
    pub month: String,
    /// Distinct passages.
    pub passages: u64,
    /// Distinct articles.
    pub articles: u64,
}

/// A passage that states a row's transfer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealEvidence {
    /// The article's id.
    pub article_id: String,
    /// The article's title.
    pub title: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// Publication time: RFC 3339, or `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The passage text.
    pub text: String,
    /// Byte range in `text` of the transfer's evidence.
    pub span: Range<usize>,
    /// The status of the transfer there.
    pub status: Status,
    /// Who claims it there, for alleged and denied transfers.
    pub claimed_by: Option<String>,
}

impl NewsIndex {
    /// The who-arms-whom table of the passages matching `req`: its query
    /// text and every filter apply (including `supplier:`, `recipient:`,
    /// `party:` and `status:`, which also select the transfers counted);
    /// paging, the per-article cap and the ranking weights do not. With no
    /// query text and no filter, the whole index is summarized.
    ///
    /// ```
    /// use newsdex::ingest::{Article, Paragraph, ParagraphKind, Position};
    /// use newsdex::{DealsOptions, NewsIndex, SearchRequest};
    ///
    /// let index = NewsIndex::create_in_ram()?;
    /// let mut writer = index.writer()?;
    /// writer.add_article(&Article {
    ///     id: "a1".into(),
    ///     title: "Shells for Moscow".into(),
    ///     published: None,
    ///     outlet: Some("Example News".into()),
    ///     agency: None,
    ///     authors: vec![],
    ///     url: None,
    ///     paragraphs: vec![Paragraph {
    ///         kind: ParagraphKind::Body,
    ///         section: None,
    ///         text: "North Korea denied supplying artillery shells to Russia.".into(),
    ///         credit: None,
    ///     }],
    ///     source: Position::file("example"),
    ///     warnings: vec![],
    /// })?;
    /// writer.commit()?;
    ///
    /// let table = index.deals(&SearchRequest::new(""), DealsOptions::new())?;
    /// let row = &table.rows[0];
    /// assert_eq!(row.supplier.as_deref(), Some("North Korea"));
    /// assert_eq!(row.recipient.as_deref(), Some("Russia"));
    /// assert_eq!(row.statuses[0].claimed_by[0].party, "North Korea");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deals(&self, req: &SearchRequest, options: DealsOptions) -> Result<DealTable> {
        let prepared = self.prepare(req);
        let searcher = self.inner.reader.searcher();
        let matches = collect::matching(self, &searcher, &prepared)?;
        let mentions = collect::mentions(&searcher, &prepared.filters.transfers, matches)?;
        let fields = &self.inner.fields;
        let load = |pick: &table::Pick| evidence::load(fields, &searcher, pick);
        let (rows, passages) = table::aggregate(mentions, options, load)?;
        Ok(DealTable { rows, passages, warnings: prepared.warnings })
    }
}
