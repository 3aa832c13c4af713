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

/// Accumulates the outcome of an ingest run, record by record.
///
/// Feed it every `Result<Article>` with [`IngestReport::add`] (or the two
/// `record_*` methods); `Display` prints a summary showing the first few
/// positions per rejection reason.
#[derive(Debug, Default)]
pub struct IngestReport {
    accepted: u64,
    rejections: BTreeMap<String, Vec<Rejection>>,
    warnings: Vec<(Position, String)>,
    duplicates: Vec<Duplicate>,
    seen: HashMap<[u8; 20], String>,
}

/// How many positions per reason the summary shows.
const SUMMARY_EXAMPLES: usize = 3;

impl IngestReport {
    /// An empty report.
    pub fn new() -> IngestReport {
        IngestReport::default()
    }

    /// Records one outcome; returns the duplicate entry when the article
    /// repeats an earlier one.
    pub fn add(&mut self, result: &Result<Article, Error>) -> Option<&Duplicate> {
        match result {
            Ok(article) => self.record_article(article),
            Err(error) => {
                self.record_error(error);
                None
            }
        }
    }

    /// Counts an accepted article, keeps its warnings and checks it for an
    /// exact duplicate (same title and normalized text).
    pub fn record_article(&mut self, article: &Article) -> Option<&Duplicate> {
        self.accepted += 1;
        for warning in &article.warnings {
            self.warnings.push((article.source.clone(), warning.clone()));
        }
        let hash = text_hash(article);
        match self.seen.get(&hash) {
            Some(first) => {
                let duplicate = Duplicate { id: article.id.clone(), first_id: first.clone() };
                self.duplicates.push(duplicate);
                self.duplicates.last()
            }
            None => {
                self.seen.insert(hash, article.id.clone());
                None
            }
        }
    }

    /// Counts a rejected record under its reason.
    pub fn record_error(&mut self, error: &Error) {
        let rejection = Rejection::from_error(error);
        self.rejections.entry(rejection.reason.clone()).or_default().push(rejection);
    }

    /// Articles accepted.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Records rejected, all reasons together.
    pub fn rejected(&self) -> u64 {
        self.rejections.values().map(|r| r.len() as u64).sum()
    }

    /// Rejections grouped by reason code, in reason order.
    pub fn rejections(&self) -> &BTreeMap<String, Vec<Rejection>> {
        &self.rejections
    }

    /// Every rejection, grouped by reason.
    pub fn all_rejections(&self) -> impl Iterator<Item = &Rejection> {
        self.rejections.values().flatten()
    }

    /// Warnings of accepted articles, with their positions.
    pub fn warnings(&self) -> &[(Position, String)] {
        &self.warnings
    }

    /// Exact duplicates, in input order.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }
}

/// SHA-1 of the title and text: exact duplicates after normalization.
fn text_hash(article: &Article) -> [u8; 20] {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(article.title.as_bytes());
    for p in &article.paragraphs {
        hasher.update(b"\n\n");
        hasher.update(p.text.as_bytes());
    }
    hasher.digest().bytes()
}

impl fmt::Display for IngestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "accepted: {}", self.accepted)?;
        writeln!(f, "rejected: {}", self.rejected())?;
        for (reason, rejections) in &self.rejections {
            writeln!(f, "  {reason}: {}", rejections.len())?;
            for r in rejections.iter().take(SUMMARY_EXAMPLES) {
                writeln!(f, "    {}: {}", r.position(), r.message)?;
            }
            if rejections.len() > SUMMARY_EXAMPLES {
                writeln!(f, "    … and {} more", rejections.len() - SUMMARY_EXAMPLES)?;
            }
        }
        writeln!(f, "warnings: {}", self.warnings.len())?;
        for (position, warning) in self.warnings.iter().take(SUMMARY_EXAMPLES) {
            writeln!(f, "  {position}: {warning}")?;
        }
        write!(f, "exact duplicates: {}", self.duplicates.len())?;
        for d in self.duplicates.iter().take(SUMMARY_EXAMPLES) {
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
        let dup = report.add(&Ok(article("c", "T"))).cloned();
        assert_eq!(dup, Some(Duplicate { id: "c".into(), first_id: "a".into() }));
        let pos = Position::file("f.jsonl").at(Some(4), Some(3));
        report.add(&Err(Error::new(ErrorKind::Empty, pos.clone())));
        report.add(&Err(Error::new(ErrorKind::NotAnObject, pos)));
        assert_eq!((report.accepted(), report.rejected()), (3, 2));
        assert_eq!(report.rejections()["empty"].len(), 1);
        assert_eq!(report.warnings().len(), 3);
        let line = serde_json::to_string(&report.rejections()["empty"][0]).unwrap();
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
}
