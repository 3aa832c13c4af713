//! Authors and agency from the byline strings a page offers, read with the
//! shared [`parse_byline`] after HTML-specific cleanup.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::{Paragraph, ParagraphKind};
use crate::normalize::{parse_byline, Byline};

/// Byline lead-ins beyond the plain "By" that [`parse_byline`] handles.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:written|words|reporting|story|text|posted|compiled|edited|produced)\s+by|by)\s*:?\s+")
        .expect("valid regex")
});

/// Reads raw byline strings (JSON-LD author names, meta tags, byline
/// elements): URLs, handles and e-mail addresses are skipped, "By"-style
/// lead-ins dropped, the outlet's own name dropped, duplicates removed
/// (case-insensitively) with the order kept.
pub(crate) fn read_bylines<S: AsRef<str>>(raw: &[S], outlet: Option<&str>) -> Byline {
    let mut out = Byline::default();
    for item in raw {
        let item = item.as_ref().trim();
        if looks_like_url(item) || item.starts_with('@') {
            continue;
        }
        let parsed = parse_byline(&PREFIX.replace(item, ""));
        if out.agency.is_none() {
            out.agency = parsed.agency;
        }
        for name in parsed.authors {
            let duplicate = out.authors.iter().any(|n| n.eq_ignore_ascii_case(&name));
            if !duplicate && !outlet.is_some_and(|o| same_name(o, &name)) {
                out.authors.push(name);
            }
        }
    }
    out
}

/// How far into the body a "By …" line is looked for.
const BODY_BYLINE_WINDOW: usize = 3;

/// Removes a "By Jane Doe" line from the first paragraphs of the body and
/// returns what it names: it is a byline, not article text.
pub(crate) fn take_body_byline(
    paragraphs: &mut Vec<Paragraph>,
    outlet: Option<&str>,
) -> Option<Byline> {
    let index = paragraphs.iter().take(BODY_BYLINE_WINDOW).position(|p| {
        p.kind == ParagraphKind::Body
            && p.text.len() <= 80
            && p.text.get(..3).is_some_and(|by| by.eq_ignore_ascii_case("by "))
    })?;
    let byline = read_bylines(&[&paragraphs[index].text], outlet);
    if byline.authors.is_empty() && byline.agency.is_none() {
        return None;
    }
    paragraphs.remove(index);
    Some(byline)
}

fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| s.to_lowercase().trim_start_matches("the ").replace(' ', "");
    key(a) == key(b)
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_become_names() {
        let b = read_bylines(&["By Jane Doe and John Roe", "jane doe"], None);
        assert_eq!(b.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(read_bylines(&["Jane Doe, Staff Writer"], None).authors, vec!["Jane Doe"]);
        assert_eq!(read_bylines(&["Written by: Ann Lee"], None).authors, vec!["Ann Lee"]);
    }

    #[test]
    fn body_byline_is_taken_out() {
        let para = |text: &str| Paragraph {
            kind: ParagraphKind::Body,
            section: None,
            text: text.into(),
            credit: None,
        };
        let mut paragraphs = vec![
            para("By Ann Lee, AFP"),
            para("Officials said on Monday that shells were shipped."),
        ];
        let byline = take_body_byline(&mut paragraphs, None).unwrap();
        assert_eq!(byline.authors, vec!["Ann Lee"]);
        assert_eq!(byline.agency.as_deref(), Some("AFP"));
        assert_eq!(paragraphs.len(), 1);
        let mut prose = vec![para("By the end of the year, prices had doubled.")];
        assert!(take_body_byline(&mut prose, None).is_none());
        assert_eq!(prose.len(), 1);
    }

    #[test]
    fn urls_handles_outlets_and_agencies() {
        let raw = [
            "https://www.facebook.com/someone",
            "@handle",
            "The Daily Planet",
            "Cy Dee",
            "Reuters",
        ];
        let b = read_bylines(&raw, Some("The Daily Planet"));
        assert_eq!(b.authors, vec!["Cy Dee"]);
        assert_eq!(b.agency.as_deref(), Some("Reuters"));
    }
}
