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
#![deny(missing_docs)]

mod article;
mod error;
mod normalize;
mod passage;
mod position;
mod read;

pub use crate::article::{Article, Paragraph, ParagraphKind, Published, PARAGRAPH_SEPARATOR};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::normalize::{
    agency_from_byline, agency_name, canonical_url, clean_text, outlet_from_url, outlet_name,
    parse_byline, parse_date, published_from_timestamp, split_paragraphs, Byline,
};
pub use crate::passage::{split_passages, Passage, PassageConfig, PassageKind};
pub use crate::position::Position;
pub use crate::read::{
    read_path, ArticleReader, ArticleReaderBuilder, FieldMapping, Format, RawRecord, RawRecords,
    ReadOptions,
};
