//! An article being assembled by a reader, and the checks that finish it.

use crate::article::{Article, Paragraph, ParagraphKind, Published};
use crate::error::{Error, ErrorKind, Result};
use crate::id::{bounded_id, short_hash, MAX_ID_BYTES};
use crate::normalize::clean_text;
use crate::normalize::{is_plausible_date, EARLIEST_PUBLISHED, LATEST_PUBLISHED};
use crate::position::Position;

/// The parts of an article a reader has found so far.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub(crate) id: Option<String>,
    pub(crate) title: String,
    pub(crate) published: Option<Published>,
    pub(crate) outlet: Option<String>,
    pub(crate) agency: Option<String>,
    pub(crate) authors: Vec<String>,
    /// What the byline credits besides persons (a desk, staff, agency…):
    /// the authors when no person is named.
    pub(crate) credits: Vec<String>,
    pub(crate) url: Option<String>,
    pub(crate) paragraphs: Vec<Paragraph>,
    pub(crate) warnings: Vec<String>,
    /// The heading of the section being filled.
    pub(crate) section: Option<String>,
}

impl Draft {
    /// Adds a raw block: a `#` line becomes a heading that opens a section,
    /// anything else a body paragraph of the current section. Blank blocks
    /// are dropped.
    pub(crate) fn push_block(&mut self, raw: &str) {
        let is_heading = is_heading_line(raw);
        let text = clean_text(raw);
        if text.is_empty() {
            return;
        }
        if is_heading {
            self.push(ParagraphKind::Heading, text.clone(), None);
            self.section = Some(text);
        } else {
            self.push(ParagraphKind::Body, text, None);
        }
    }

    /// Adds a caption with its photo credit (both raw).
    pub(crate) fn push_caption(&mut self, raw: &str, credit: Option<&str>) {
        let text = clean_text(raw);
        let credit = credit.map(clean_text).filter(|c| !c.is_empty());
        if !text.is_empty() {
            self.push(ParagraphKind::Caption, text, credit);
        }
    }

    fn push(&mut self, kind: ParagraphKind, text: String, credit: Option<String>) {
        let section = self.section.clone();
        self.paragraphs.push(Paragraph { kind, section, text, credit });
    }

    /// Checks and completes the article: rejects records with neither title
    /// nor text, and fills a missing id from the URL, else the content.
    pub(crate) fn finish(self, position: Position) -> Result<Article> {
        if self.title.is_empty() && self.paragraphs.is_empty() {
            return Err(Error::new(ErrorKind::Empty, position));
        }
        let mut warnings = self.warnings;
        let id = match self.id {
            Some(id) if id.len() > MAX_ID_BYTES => {
                let short = bounded_id(&id).into_owned();
                warnings.push(format!(
                    "id of {} bytes replaced by {short} (ids are kept up to {MAX_ID_BYTES} bytes)",
                    id.len()
                ));
                short
            }
            Some(id) => id,
            None => match &self.url {
                Some(url) => format!("url-{}", short_hash(&[url])),
                None => {
                    let texts: Vec<&str> =
                        self.paragraphs.iter().map(|p| p.text.as_str()).collect();
                    format!("sha1-{}", short_hash(&[&self.title, &texts.join("\n\n")]))
                }
            },
        };
        // One rule for every reader: an implausible date is dropped, said.
        let published = self.published.filter(|date| {
            let plausible = is_plausible_date(date);
            if !plausible {
                warnings.push(format!(
                    "date {date} is outside {EARLIEST_PUBLISHED}..{LATEST_PUBLISHED}: dropped"
                ));
            }
            plausible
        });
        Ok(Article {
            id,
            title: self.title,
            published,
            outlet: self.outlet,
            agency: self.agency,
            authors: if self.authors.is_empty() { self.credits } else { self.authors },
            url: self.url,
            paragraphs: self.paragraphs,
            source: position,
            warnings,
        })
    }
}

/// A markdown heading: one line of `#` marks, a space, then text
/// (`#hashtag` is not one).
pub(crate) fn is_heading_line(raw: &str) -> bool {
    let raw = raw.trim();
    let rest = raw.trim_start_matches('#');
    rest.len() < raw.len() && rest.starts_with(char::is_whitespace) && !raw.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_open_sections() {
        let mut d = Draft { title: "T".into(), ..Draft::default() };
        d.push_block("first");
        d.push_block("## A <u>head</u>");
        d.push_block("second\nline");
        d.push_block("  ");
        let a = d.finish(Position::file("x")).unwrap();
        let got: Vec<_> =
            a.paragraphs.iter().map(|p| (p.kind, p.section.as_deref(), p.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (ParagraphKind::Body, None, "first"),
                (ParagraphKind::Heading, None, "A head"),
                (ParagraphKind::Body, Some("A head"), "second line"),
            ]
        );
        assert!(a.id.starts_with("sha1-"));
    }

    #[test]
    fn empty_is_rejected_and_title_only_kept() {
        let err = Draft::default().finish(Position::file("x")).unwrap_err();
        assert_eq!(err.kind().reason(), "empty");
        let d = Draft {
            title: "Only a title".into(),
            url: Some("https://x.com/".into()),
            ..Default::default()
        };
        let a = d.finish(Position::file("x")).unwrap();
        assert!(a.paragraphs.is_empty());
        assert!(a.id.starts_with("url-"));
    }
}
