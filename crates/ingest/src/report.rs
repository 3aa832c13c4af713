//! The report of an ingest run: what was accepted, what was rejected and
//! why, warnings, and exact duplicates.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::error::Error;
use crate::position::Position;

/// One rejected record: where and why. Serialized as one line of the
/// `--report` JSON Lines: `{"path":..,"line":..,"record":..,"reason":..,"message":..}`
/// (`line`/`record` are `null` when they do not apply).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// The input file.
    pub path: String,
    /// 1-based line of the record, for line-oriented formats.
    pub line: Option<u64>,
    /// 1-based record number within the file.
    pub record: Option<u64>,
    /// The stable reason code, [`ErrorKind::reason`](crate::ErrorKind::reason).
    pub reason: String,
    /// The human-readable message.
    pub message: String,
}

impl Rejection {
    /// The rejection of a record that failed with `error`.
    pub fn from_error(error: &Error) -> Rejection {
        let Position { path, line, record } = error.position().clone();
        let reason = error.kind().reason().to_string();
        Rejection { path, line, record, reason, message: error.kind().to_string() }
    }

    /// Where the record was, as `path:line (record n)`.
    pub fn position(&self) -> Position {
        Position { path: self.path.clone(), line: self.line, record: self.record }
    }
}

/// An article whose normalized title and text equal an earlier one's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The id of the later article.
    pub id: String,
    /// The id of the first article with the same text.
    pub first_id: String,
}

/// The rejections of one reason: how many, and the first few.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RejectionGroup {
    /// Records rejected for this reason.
    pub count: u64,
    /// The first [`IngestReport::KEPT`] of them, in input order.
    pub first: Vec<Rejection>,
}

/// Accumulates the outcome of an ingest run, record by record.
///
/// Feed it every `Result<Article>` with [`IngestReport::add`] (or the two
/// `record_*` methods); `Display` prints a summary showing the first few
/// positions per rejection reason.
///
/// Its memory stays flat whatever the number of records: it counts
/// rejections, warnings and duplicates and keeps only the first
/// [`IngestReport::KEPT`] of each (per reason, for rejections). Whoever
/// needs every rejection writes each as it comes (the CLI's `--report`
/// does). The one state kept per record is what finding exact duplicates
/// needs: per distinct article text, a 16-byte hash and the first
/// article's id.
#[derive(Debug, Default)]
pub struct IngestReport {
    accepted: u64,
    rejections: BTreeMap<String, RejectionGroup>,
    warnings: u64,
    first_warnings: Vec<(Position, String)>,
    duplicates: u64,
    first_duplicates: Vec<Duplicate>,
    seen: HashMap<u128, Box<str>>,
}

/// How many positions per reason the summary shows.
const SUMMARY_EXAMPLES: usize = 3;

impl IngestReport {
    /// How many rejections per reason, warnings and duplicates the report
    /// keeps, with their positions; beyond, it only counts them.
    pub const KEPT: usize = 10;

    /// An empty report.
    pub fn new() -> IngestReport {
        IngestReport::default()
    }

    /// Records one outcome; returns the duplicate entry when the article
    /// repeats an earlier one.
    pub fn add(&mut self, result: &Result<Article, Error>) -> Option<Duplicate> {
        match result {
            Ok(article) => self.record_article(article),
            Err(error) => {
                self.record_error(error);
                None
            }
        }
    }

    /// Counts an accepted article, notes its warnings and checks it for an
    /// exact duplicate (same title and normalized text).
    pub fn record_article(&mut self, article: &Article) -> Option<Duplicate> {
        self.accepted += 1;
        self.warnings += article.warnings.len() as u64;
        let room = IngestReport::KEPT.saturating_sub(self.first_warnings.len());
        for warning in article.warnings.iter().take(room) {
            self.first_warnings.push((article.source.clone(), warning.clone()));
        }
        let hash = text_hash(article);
        let Some(first) = self.seen.get(&hash) else {
            self.seen.insert(hash, article.id.as_str().into());
            return None;
        };
        let duplicate = Duplicate { id: article.id.clone(), first_id: first.to_string() };
        self.duplicates += 1;
        if self.first_duplicates.len() < IngestReport::KEPT {
            self.first_duplicates.push(duplicate.clone());
        }
        Some(duplicate)
    }

    /// Counts a rejected record under its reason.
    pub fn record_error(&mut self, error: &Error) {
        let group = self.rejections.entry(error.kind().reason().to_string()).or_default();
        group.count += 1;
        if group.first.len() < IngestReport::KEPT {
            group.first.push(Rejection::from_error(error));
        }
    }

    /// Articles accepted.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Records rejected, all reasons together.
    pub fn rejected(&self) -> u64 {
        self.rejections.values().map(|g| g.count).sum()
    }

    /// Rejections grouped by reason code, in reason order: per reason the
    /// count and the first [`IngestReport::KEPT`] positions.
    pub fn rejections(&self) -> &BTreeMap<String, RejectionGroup> {
        &self.rejections
    }

    /// Warnings of accepted articles.
    pub fn warning_count(&self) -> u64 {
        self.warnings
    }

    /// The first [`IngestReport::KEPT`] warnings, with their positions.
    pub fn first_warnings(&self) -> &[(Position, String)] {
        &self.first_warnings
    }

    /// Exact duplicates.
    pub fn duplicate_count(&self) -> u64 {
        self.duplicates
    }

    /// The first [`IngestReport::KEPT`] exact duplicates, in input order.
    pub fn first_duplicates(&self) -> &[Duplicate] {
        &self.first_duplicates
    }
}

/// SHA-1 of the title and text, its first 16 bytes: exact duplicates after
/// normalization (a false match needs some 2^64 distinct texts).
fn text_hash(article: &Article) -> u128 {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(article.title.as_bytes());
    for p in &article.paragraphs {
        hasher.update(b"\n\n");
        hasher.update(p.text.as_bytes());
    }
    let digest = hasher.digest().bytes();
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_le_bytes(first)
}

impl fmt::Display for IngestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "accepted: {}", self.accepted)?;
        writeln!(f, "rejected: {}", self.rejected())?;
        for (reason, group) in &self.rejections {
            writeln!(f, "  {reason}: {}", group.count)?;
            for r in group.first.iter().take(SUMMARY_EXAMPLES) {
                writeln!(f, "    {}: {}", r.position(), r.message)?;
            }
            let shown = group.first.len().min(SUMMARY_EXAMPLES) as u64;
            if group.count > shown {
                writeln!(f, "    … and {} more", group.count - shown)?;
            }
        }
        writeln!(f, "warnings: {}", self.warnings)?;
        for (position, warning) in self.first_warnings.iter().take(SUMMARY_EXAMPLES) {
            writeln!(f, "  {position}: {warning}")?;
        }
        write!(f, "exact duplicates: {}", self.duplicates)?;
        for d in self.first_duplicates.iter().take(SUMMARY_EXAMPLES) {
            write!(f, "\n  {} repeats {}", d.id, d.first_id)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn article(id: &str, title: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            published: None,
            outlet: None,
            agency: None,
            authors: vec![],
            url: None,
            paragraphs: vec![],
            source: Position::file("f.jsonl"),
            warnings: vec!["w".into()],
        }
    }

    #[test]
    fn counts_groups_and_duplicates() {
        let mut report = IngestReport::new();
        assert!(report.add(&Ok(article("a", "T"))).is_none());
        assert!(report.add(&Ok(article("b", "U"))).is_none());
        let dup = report.add(&Ok(article("c", "T")));
        assert_eq!(dup, Some(Duplicate { id: "c".into(), first_id: "a".into() }));
        let pos = Position::file("f.jsonl").at(Some(4), Some(3));
        report.add(&Err(Error::new(ErrorKind::Empty, pos.clone())));
        report.add(&Err(Error::new(ErrorKind::NotAnObject, pos)));
        assert_eq!((report.accepted(), report.rejected()), (3, 2));
        assert_eq!(report.rejections()["empty"].count, 1);
        assert_eq!(report.warning_count(), 3);
        let line = serde_json::to_string(&report.rejections()["empty"].first[0]).unwrap();
        assert_eq!(
            line,
            r#"{"path":"f.jsonl","line":4,"record":3,"reason":"empty","message":"empty record: no title and no body text"}"#
        );
        let summary = report.to_string();
        assert!(
            summary.contains("  empty: 1\n    f.jsonl:4 (record 3): empty record"),
            "{summary}"
        );
        assert!(summary.contains("c repeats a"));
    }

    #[test]
    fn only_the_first_few_are_kept_and_everything_is_counted() {
        let mut report = IngestReport::new();
        for n in 0..1000u64 {
            let pos = Position::file("f.jsonl").at(Some(n + 1), Some(n + 1));
            report.add(&Err(Error::new(ErrorKind::Empty, pos)));
            report.add(&Ok(article(&format!("d{n}"), "Same title")));
        }
        let group = &report.rejections()["empty"];
        assert_eq!((group.count, group.first.len()), (1000, IngestReport::KEPT));
        assert_eq!(group.first[0].line, Some(1));
        assert_eq!((report.duplicate_count(), report.first_duplicates().len()), (999, 10));
        assert_eq!((report.warning_count(), report.first_warnings().len()), (1000, 10));
        assert_eq!(report.seen.len(), 1);
        assert!(report.to_string().contains("  empty: 1000\n"), "{report}");
        assert!(report.to_string().contains("… and 997 more"), "{report}");
    }
}
