//! newsdex: passage search over news archives, built on tantivy.
//!
//! # Brief overview
//!
//! A [`NewsIndex`] holds one document per *passage* of each article (from
//! [`ingest::PassageConfig::split`]), with the article's metadata. A
//! [`NewsWriter`] adds articles (upsert by id, exact duplicates reported),
//! deletes them and commits. [`NewsIndex::search`] runs a [`SearchRequest`]:
//! a lenient query language, expansion with a [`Lexicon`] of concepts and
//! entity aliases, a BM25 first stage and a second stage weighted by
//! [`RankingWeights`]; it returns [`Hit`]s with highlights and syndicated
//! copies collapsed. [`NewsIndex::facets`] counts matching articles by
//! outlet, agency and month; [`NewsIndex::article`] reads a whole article
//! back from its passages.
//!
//! Indexing runs the arms-transfer [`transfers::Extractor`] on every passage: each
//! [`Hit`] carries its [`Transfer`]s, requests filter by supplier,
//! recipient, party and status, the `roles` feature (weight 0.1 by default) ranks
//! by agreement with the direction and stance a query names, and
//! [`NewsIndex::deals`] aggregates the transfers of matching passages into
//! a who-arms-whom [`DealTable`].
//!
//! ```
//! use newsdex::ingest::{Article, Paragraph, ParagraphKind, Position};
//! use newsdex::{NewsIndex, SearchRequest};
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer()?;
//! writer.add_article(&Article {
//!     id: "a1".into(),
//!     title: "Pyongyang denies arms deal".into(),
//!     published: None,
//!     outlet: Some("Example News".into()),
//!     agency: None,
//!     authors: vec![],
//!     url: None,
//!     paragraphs: vec![Paragraph {
//!         kind: ParagraphKind::Body,
//!         section: None,
//!         text: "North Korea denied supplying artillery shells to Russia.".into(),
//!         credit: None,
//!     }],
//!     source: Position::file("example"),
//!     warnings: vec![],
//! })?;
//! writer.commit()?;
//!
//! let results = index.search(&SearchRequest::new("DPRK weapons Moscow"))?;
//! assert_eq!(results.hits[0].article_id, "a1");
//! println!("{}", results.hits[0].highlighted);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod analysis;
mod article;
mod columns;
mod deals;
mod directory;
mod document;
mod error;
pub mod eval;
mod facets;
mod guard;
mod hit;
mod in_flight;
mod index;
mod known;
mod limits;
mod merge;
mod request;
mod schema;
mod search;
mod transfer_keys;
mod writer;

pub use newsdex_ingest as ingest;
pub use newsdex_transfers as transfers;

pub use crate::article::{StoredArticle, StoredPassage};
pub use crate::deals::{
    ClaimCount, Deal, DealEvidence, DealStatus, DealTable, DealsOptions, ItemCount, MonthCount,
    OutletCount,
};
pub use crate::error::{Error, Result};
pub use crate::hit::{AlsoIn, Facets, Hit, IndexStats, Matched, QueryRoles, SearchResults};
pub use crate::index::{NewsIndex, NewsIndexBuilder};
pub use crate::limits::SearchLimits;
pub use crate::request::{Ranking, RankingWeights, SearchRequest};
pub use crate::search::rerank::Features;
pub use crate::writer::{AddOutcome, AddSummary, CommitStats, NewsWriter};
pub use newsdex_transfers::{Concept, Entity, Facet, ItemKind, Lexicon, Status, Transfer};

/// Internals exposed only so that `benches/analysis.rs` measures the
/// library's own analyzer and hash rather than copies of them. Not part of
/// the API: hidden from the docs and free to change.
#[doc(hidden)]
pub mod bench_internals {
    pub use crate::analysis::en_news;
    pub use crate::document::text_hash;
}

// The README's Rust snippets are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
