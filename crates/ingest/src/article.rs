//! The normalized article: what every reader produces and the index consumes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::position::Position;

/// One normalized news article.
///
/// Readers build it from raw records; every text field is already cleaned
/// (markup removed, Unicode NFC, whitespace collapsed). Serialized field names
/// are part of the NDJSON contract of `search normalize` and must stay stable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the record's own `id` when present; for a file holding
    /// one article, the file stem; otherwise derived from the canonical URL,
    /// else from a hash of the content.
    pub id: String,
    /// Headline; empty when the source has none.
    pub title: String,
    /// Publication time in UTC, keeping the precision the source gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    /// The publication, e.g. "The Moscow Times".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// A wire service named in the byline (AFP, Reuters, AP, TASS…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Person authors named in the byline or metadata; when none is named,
    /// what the byline credits instead, as written ("Guardian staff
    /// reporter", "Associated Press") — never a URL or a photo credit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Canonical URL (repaired and stripped of tracking parameters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article's paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// Where the record came from.
    pub source: Position,
    /// Problems that did not prevent using the record (e.g. invalid UTF-8
    /// decoded lossily).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A paragraph of an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// What role the paragraph plays.
    pub kind: ParagraphKind,
    /// The text of the nearest preceding heading, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Cleaned text of the paragraph (never empty, no line breaks).
    pub text: String,
    /// For captions: the photo credit (e.g. "TASS"), kept out of `text` and
    /// never used as the article's outlet or agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// The role of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// Running text of the article.
    Body,
    /// A sub-heading inside the body; starts a new section.
    Heading,
    /// A photo or media caption.
    Caption,
}

/// When an article was published, with the precision the source gave.
///
/// Serialized as an RFC 3339 string (`2022-01-02T21:57:45Z`) or, when only
/// the day is known, as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Published {
    /// An instant, converted to UTC.
    DateTime(DateTime<Utc>),
    /// Only the calendar day is known.
    Date(NaiveDate),
}

impl Published {
    /// The calendar day (in UTC for instants).
    pub fn date(&self) -> NaiveDate {
        match self {
            Published::DateTime(dt) => dt.date_naive(),
            Published::Date(d) => *d,
        }
    }

    /// The instant, taking midnight UTC for day-precision dates.
    pub fn to_datetime(&self) -> DateTime<Utc> {
        match self {
            Published::DateTime(dt) => *dt,
            Published::Date(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        }
    }
}

impl std::fmt::Display for Published {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Published::DateTime(dt) => {
                write!(f, "{}", dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            }
            Published::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if let Ok(day) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            return Ok(Published::Date(day));
        }
        DateTime::parse_from_rfc3339(&text)
            .map(|dt| Published::DateTime(dt.with_timezone(&Utc)))
            .map_err(serde::de::Error::custom)
    }
}

impl Article {
    /// The article's normalized text: paragraph texts joined by a blank line
    /// (`"\n\n"`). Passage spans are byte ranges into this string.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push_str(PARAGRAPH_SEPARATOR);
            }
            out.push_str(&p.text);
        }
        out
    }

    /// Paragraphs of kind [`ParagraphKind::Body`].
    pub fn body(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(|p| p.kind == ParagraphKind::Body)
    }
}

/// What separates paragraphs in [`Article::text`].
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_keeps_precision_through_json() {
        let day = Published::Date(NaiveDate::from_ymd_opt(2022, 11, 7).unwrap());
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"2022-11-07\"");
        let instant = Published::DateTime(
            DateTime::parse_from_rfc3339("2022-01-02T16:57:45-05:00").unwrap().with_timezone(&Utc),
        );
        let json = serde_json::to_string(&instant).unwrap();
        assert_eq!(json, "\"2022-01-02T21:57:45Z\"");
        assert_eq!(serde_json::from_str::<Published>(&json).unwrap(), instant);
        assert_eq!(serde_json::from_str::<Published>("\"2022-11-07\"").unwrap(), day);
    }
}
