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
/// lead-ins dropped, the outlet's own name kept only as a credit (it names
/// no person), duplicates removed (case-insensitively) with the order kept.
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
            if outlet.is_some_and(|o| same_name(o, &name)) {
                push_new(&mut out.credits, name);
            } else {
                push_new(&mut out.authors, name);
            }
        }
        for name in parsed.credits {
            push_new(&mut out.credits, name);
        }
    }
    out
}

/// The first byline that names a person, else the first that credits
/// anything; the agency is the first one named by any of them.
pub(crate) fn first_credited(bylines: impl IntoIterator<Item = Byline>) -> Byline {
    let bylines: Vec<Byline> = bylines.into_iter().collect();
    let agency = bylines.iter().find_map(|b| b.agency.clone());
    let chosen = bylines
        .iter()
        .position(|b| !b.authors.is_empty())
        .or_else(|| bylines.iter().position(|b| !b.credits.is_empty()));
    let mut out = chosen.map(|i| bylines[i].clone()).unwrap_or_default();
    out.agency = agency;
    out
}

fn push_new(names: &mut Vec<String>, name: String) {
    if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
        names.push(name);
    }
}

/// How far into the body a "By …" line is looked for.
const BODY_BYLINE_WINDOW: usize = 3;

/// Removes a byline from the first paragraphs of the body and returns what
/// it names: it is a byline, not article text. A byline is a short "By …"
/// line, or — only when the metadata named no person — a first paragraph
/// that is nothing but one person's name (some sites print the author as a
/// bare bold line above the text).
pub(crate) fn take_body_byline(
    paragraphs: &mut Vec<Paragraph>,
    outlet: Option<&str>,
    metadata_names_person: bool,
) -> Option<Byline> {
    let by_line = paragraphs.iter().take(BODY_BYLINE_WINDOW).position(|p| {
        p.kind == ParagraphKind::Body
            && p.text.len() <= 80
            && p.text.get(..3).is_some_and(|by| by.eq_ignore_ascii_case("by "))
    });
    let index = by_line.or_else(|| {
        let first = paragraphs.first().filter(|p| p.kind == ParagraphKind::Body)?;
        let names = parse_byline(&first.text).authors;
        (!metadata_names_person && names.len() == 1 && names[0] == first.text).then_some(0)
    })?;
    let byline = read_bylines(&[&paragraphs[index].text], outlet);
    if byline.credited().is_empty() && byline.agency.is_none() {
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
        let byline = take_body_byline(&mut paragraphs, None, true).unwrap();
        assert_eq!(byline.authors, vec!["Ann Lee"]);
        assert_eq!(byline.agency.as_deref(), Some("AFP"));
        assert_eq!(paragraphs.len(), 1);
        let mut prose = vec![para("By the end of the year, prices had doubled.")];
        assert!(take_body_byline(&mut prose, None, false).is_none());
        assert_eq!(prose.len(), 1);
    }

    #[test]
    fn bare_name_first_paragraph_is_a_byline_only_without_metadata_names() {
        let para = |text: &str| Paragraph {
            kind: ParagraphKind::Body,
            section: None,
            text: text.into(),
            credit: None,
        };
        let page = || vec![para("Mohloai Mpesi"), para("IN the heart of Lesotho, a lawyer works.")];
        let mut paragraphs = page();
        let byline = take_body_byline(&mut paragraphs, None, false).unwrap();
        assert_eq!(byline.authors, vec!["Mohloai Mpesi"]);
        assert_eq!(paragraphs.len(), 1);
        let mut paragraphs = page();
        assert!(take_body_byline(&mut paragraphs, None, true).is_none());
        assert_eq!(paragraphs.len(), 2);
        // A first paragraph that merely starts with a name is text.
        let mut prose = vec![para("Kim Jong Un said on Monday that tests would go on.")];
        assert!(take_body_byline(&mut prose, None, false).is_none());
    }

    #[test]
    fn credits_are_kept_when_no_person_is_named() {
        let b = read_bylines(&["Daily Planet", "By Daily Planet staff"], Some("Daily Planet"));
        assert!(b.authors.is_empty());
        assert_eq!(b.credited(), ["Daily Planet", "Daily Planet staff"]);
        let b = read_bylines(&["Associated Press"], None);
        assert_eq!(
            (b.agency.as_deref(), b.credited()),
            (Some("AP"), &["Associated Press".to_string()][..])
        );
        let b = read_bylines(&["Daily Planet", "Cy Dee"], Some("Daily Planet"));
        assert_eq!(b.credited(), ["Cy Dee"]);
    }

    #[test]
    fn first_credited_prefers_persons_then_the_most_trusted_credit() {
        let ld = read_bylines(&["Guardian staff reporter"], None);
        let meta = read_bylines(&["Associated Press in Valencia"], None);
        let element = read_bylines(&["By Ann Lee"], None);
        let chosen = first_credited([ld.clone(), meta.clone(), element]);
        assert_eq!(chosen.credited(), ["Ann Lee"]);
        assert_eq!(chosen.agency.as_deref(), Some("AP"));
        let chosen = first_credited([ld, meta]);
        assert_eq!(chosen.credited(), ["Guardian staff reporter"]);
        assert_eq!(chosen.agency.as_deref(), Some("AP"));
        assert_eq!(first_credited([]), Byline::default());
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
