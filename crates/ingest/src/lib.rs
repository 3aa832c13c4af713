//! Reads raw news articles, normalizes them and splits them into passages.
//!
//! # Brief overview
//!
//! Readers turn files in the formats news archives come in (the scraped text
//! format, JSON / JSON Lines, optionally gzipped, saved HTML pages) into
//! [`Article`]s: cleaned text in [`Paragraph`]s plus normalized metadata
//! (UTC [`Published`] date, outlet, agency, authors, canonical URL). Each
//! record yields a `Result<Article>`, so one bad record never ends a stream;
//! an [`Error`] says what went wrong and at which [`Position`].
//! [`PassageConfig::split`] cuts an article into [`Passage`]s, the unit the
//! index ranks. This crate knows nothing of the index.
//!
//! - [`ArticleReaderBuilder`] / [`read_path`]: files and directories in,
//!   `Result<Article>`s out, on the current thread.
//! - [`RawRecords`] + [`RawRecord::parse`]: the same in two stages, a cheap
//!   sequential one (walk, read, gunzip, cut lines) and a CPU-bound one that
//!   can run on any thread.
//! - [`IngestReport`]: accepted, rejected by reason (counts and the first
//!   positions), warnings, exact duplicates; flat in memory.
//! - The normalization functions ([`clean_text`], [`parse_date`],
//!   [`canonical_url`], [`outlet_from_url`], [`parse_byline`]…) are pure and
//!   usable on their own (the HTML reader uses them too).
//!
//! ```
//! use newsdex_ingest::{Format, IngestReport, Position, RawRecord, ReadOptions};
//!
//! let line = br#"{"id":"r-1","title":"Talks resume","body":"Envoys met.\n\nNo deal yet.","date":"1987-03-13T15:05:02Z","link":"https://www.reuters.com/x?utm_source=a"}"#;
//! let record = RawRecord::new(Position::file("news.jsonl"), Format::JsonLines, line.to_vec());
//! let article = record.parse(&ReadOptions::new())?;
//! assert_eq!(article.paragraphs.len(), 2);
//! assert_eq!(article.url.as_deref(), Some("https://www.reuters.com/x"));
//! assert_eq!(article.outlet.as_deref(), Some("Reuters"));
//! let passages = newsdex_ingest::split_passages(&article); // one per paragraph
//! assert_eq!(passages[1].text, "No deal yet.");
//!
//! let mut report = IngestReport::new();
//! report.add(&Ok(article));
//! assert_eq!(report.accepted(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod article;
mod error;
mod id;
mod normalize;
mod passage;
mod position;
mod read;
mod report;

pub use crate::article::{Article, Paragraph, ParagraphKind, Published, PARAGRAPH_SEPARATOR};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::id::{bounded_id, MAX_ID_BYTES};
pub use crate::normalize::{
    agency_from_byline, agency_name, canonical_url, clean_text, is_plausible_date, outlet_from_url,
    outlet_name, parse_byline, parse_date, published_from_timestamp, split_paragraphs, Byline,
    EARLIEST_PUBLISHED, LATEST_PUBLISHED,
};
pub use crate::passage::{split_passages, Passage, PassageConfig, PassageKind};
pub use crate::position::Position;
pub use crate::read::html::parse_html;
pub use crate::read::{
    read_path, ArticleReader, ArticleReaderBuilder, FieldMapping, Format, RawRecord, RawRecords,
    ReadOptions, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_RECORD_BYTES,
};
pub use crate::report::{Duplicate, IngestReport, Rejection, RejectionGroup};
