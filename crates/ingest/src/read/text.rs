//! The scraped text / markdown format of the seed article.
//!
//! ```text
//! ## Title                      <- first block: a `#` line (or a short line)
//! By <u>AFP</u>                 <- optional byline
//! November 07, 2022             <- optional date line (any spelling)
//! Caption text. **TASS**        <- optional caption: trailing bold credit,
//!                                  or a credit-like tail before the body
//! Body paragraphs, `## Sub-headings` opening sections…
//! Original url:                 <- optional footer; the URL may follow on
//! https://… (maybe line-wrapped)   the same line or the next block
//! ```
//!
//! Blocks are separated by blank lines; a text with no blank line at all is
//! read one paragraph per line.

use crate::article::Article;
use crate::error::Result;
use crate::normalize::{
    agency_name, canonical_url, clean_text, outlet_from_url, parse_byline, parse_date,
    split_paragraphs,
};
use crate::position::Position;
use crate::read::draft::{is_heading_line, Draft};

/// Labels of the footer line that gives the article's URL (lower case).
const URL_LABELS: &[&str] =
    &["original url", "original link", "source url", "url", "link", "source", "canonical url"];

/// Labels that may precede a date line (lower case).
const DATE_LABELS: &[&str] = &["published", "updated", "date", "posted", "last updated"];

/// Words in a caption's tail that mark it as a photo credit.
const CREDIT_MARKERS: &[&str] = &[
    "/",
    "Getty",
    "Photo",
    "photo",
    "via ",
    "Images",
    "EPA",
    "Sputnik",
    "Press Service",
    "Pool",
    "Shutterstock",
    "Kremlin",
    "Credit",
    "Handout",
    "kremlin.ru",
    "Wikimedia",
    "Unsplash",
];

/// Parses one article in the scraped text format; `id` is the file stem.
pub(crate) fn parse(text: &str, id: Option<&str>, position: Position) -> Result<Article> {
    let mut blocks = split_paragraphs(text.trim_start_matches('\u{feff}'));
    let mut draft = Draft { id: id.map(str::to_string), ..Draft::default() };
    take_url_footer(&mut blocks, &mut draft);
    let mut rest = &blocks[..];
    if let Some((first, tail)) = rest.split_first() {
        if is_title(first) {
            draft.title = clean_text(first);
            rest = tail;
        }
    }
    rest = take_header_lines(rest, &mut draft);
    if let Some((first, tail)) = rest.split_first() {
        if take_caption(first, &mut draft) {
            rest = tail;
        }
    }
    for block in rest {
        if let Some((caption, credit)) = bold_credit(block) {
            draft.push_caption(caption, Some(credit));
        } else {
            draft.push_block(block);
        }
    }
    draft.finish(position)
}

/// The first block is the title when it is a `#` heading, or one short line
/// that does not read as a sentence.
fn is_title(block: &str) -> bool {
    if is_heading_line(block) {
        return true;
    }
    !block.contains('\n')
        && block.len() <= 250
        && !block.ends_with('.')
        && parse_date(block).is_none()
        && !is_byline(block)
        && bold_credit(block).is_none()
}

fn is_byline(line: &str) -> bool {
    let cleaned = clean_text(line);
    cleaned.len() <= 200
        && (cleaned.get(..3).is_some_and(|s| s.eq_ignore_ascii_case("by "))
            || agency_name(&cleaned).is_some())
}

/// Consumes byline and date lines right after the title (in any order).
fn take_header_lines<'a, 'b>(mut rest: &'a [&'b str], draft: &mut Draft) -> &'a [&'b str] {
    while let Some((block, tail)) = rest.split_first() {
        if block.contains('\n') || block.len() > 200 || !take_header_line(block, draft) {
            break;
        }
        rest = tail;
    }
    rest
}

/// A line of byline and/or date parts (`By AFP | Nov 7, 2022`).
fn take_header_line(line: &str, draft: &mut Draft) -> bool {
    // `split` yields at least one part, so a line that gets through the
    // loop has a byline or date part.
    for part in line.split(['|', '\u{b7}', '\u{2022}']) {
        if let Some(date) = parse_date(strip_label(part, DATE_LABELS)) {
            // A second date ("Updated: …") does not replace the first.
            draft.published.get_or_insert(date);
        } else if is_byline(part) {
            let byline = parse_byline(part);
            if draft.agency.is_none() {
                draft.agency = byline.agency;
            }
            draft.authors.extend(byline.authors);
            draft.credits.extend(byline.credits);
        } else {
            return false;
        }
    }
    true
}

/// `Label: value` -> `value` when the label is one of `labels`.
fn strip_label<'a>(s: &'a str, labels: &[&str]) -> &'a str {
    let s = s.trim();
    if let Some((label, value)) = s.split_once(':') {
        if labels.iter().any(|l| l.eq_ignore_ascii_case(label.trim())) {
            return value.trim();
        }
    }
    s
}

/// Finds the last `Original url:` footer, takes its URL (same line or the
/// next block) and removes it from the blocks.
fn take_url_footer(blocks: &mut Vec<&str>, draft: &mut Draft) {
    let found = blocks.iter().enumerate().rev().find_map(|(i, b)| {
        let (label, value) = b.split_once(':')?;
        let is_label = URL_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label.trim()));
        let value = value.trim();
        // `https` itself splits at its colon: `https://…` is no label line.
        (is_label && !value.starts_with("//")).then_some((i, value))
    });
    let Some((i, value)) = found else { return };
    let (raw, end) = if value.is_empty() {
        match blocks.get(i + 1) {
            Some(next) => (*next, i + 2),
            None => return,
        }
    } else {
        (value, i + 1)
    };
    let Some(url) = canonical_url(raw).filter(|u| raw.contains("://") || u.contains("www.")) else {
        return;
    };
    draft.outlet = outlet_from_url(&url);
    draft.url = Some(url);
    blocks.drain(i..end);
}

/// A caption before the first body paragraph: a trailing bold credit, or a
/// credit-like tail after the last sentence (`… Oct. 9. Mikhail Metzel/TASS`).
fn take_caption(block: &str, draft: &mut Draft) -> bool {
    if let Some((caption, credit)) = bold_credit(block) {
        draft.push_caption(caption, Some(credit));
        return true;
    }
    let trimmed = block.trim_end();
    let Some(cut) = trimmed.rfind(". ") else { return false };
    let (caption, credit) = (&trimmed[..cut + 1], trimmed[cut + 2..].trim());
    if !is_credit(credit) {
        return false;
    }
    draft.push_caption(caption, Some(credit));
    true
}

fn is_credit(tail: &str) -> bool {
    let words = tail.split_whitespace().count();
    (1..=8).contains(&words)
        && tail.len() <= 80
        && !tail.ends_with(['.', '!', '?', '"', '\u{201d}'])
        && (agency_name(tail).is_some() || CREDIT_MARKERS.iter().any(|m| tail.contains(m)))
}

/// `Caption text. **Credit**` -> (`Caption text.`, `Credit`).
fn bold_credit(block: &str) -> Option<(&str, &str)> {
    let body = block.trim_end().strip_suffix("**")?;
    let open = body.rfind("**")?;
    let (caption, credit) = (body[..open].trim_end(), &body[open + 2..]);
    let credit_ok = !credit.trim().is_empty() && credit.len() <= 80 && !credit.contains('\n');
    (credit_ok && !caption.is_empty() && !caption.contains("**")).then_some((caption, credit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ParagraphKind;

    fn read(text: &str) -> Article {
        parse(text, Some("t"), Position::file("t.txt")).unwrap()
    }

    #[test]
    fn minimal_variants() {
        let a = read("Just a headline\n\nA body paragraph.\n\nAnother one.");
        assert_eq!(a.title, "Just a headline");
        assert_eq!(a.paragraphs.len(), 2);
        let a = read("## T\n\n7 Nov 2022\n\nBy Jane Doe and John Roe\n\nBody.\n\nOriginal url: https://www.reuters.com/x?utm_source=a");
        assert_eq!(a.published.unwrap().to_string(), "2022-11-07");
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.url.as_deref(), Some("https://www.reuters.com/x"));
        assert_eq!(a.outlet.as_deref(), Some("Reuters"));
        assert_eq!(a.paragraphs.len(), 1);
    }

    #[test]
    fn captions_by_bold_credit_or_credit_tail() {
        let a = read("## T\n\nA photo of a thing. **Getty Images**\n\nBody text.");
        assert_eq!(a.paragraphs[0].kind, ParagraphKind::Caption);
        assert_eq!(a.paragraphs[0].credit.as_deref(), Some("Getty Images"));
        assert_eq!(a.paragraphs[0].text, "A photo of a thing.");
        let a = read("## T\n\nKim inspects a test. Mikhail Metzel/TASS\n\nBody text.");
        assert_eq!(a.paragraphs[0].kind, ParagraphKind::Caption);
        assert_eq!(a.paragraphs[0].credit.as_deref(), Some("Mikhail Metzel/TASS"));
        let a = read("## T\n\nIt said so. It went on to say more\n\nBody.");
        assert_eq!(a.paragraphs[0].kind, ParagraphKind::Body);
        assert!(a.agency.is_none());
    }

    #[test]
    fn several_headings_and_byline_with_date() {
        let a = read("# T\n\nBy AFP | Nov. 7, 2022\n\nOne.\n\n## A\n\nTwo.\n\n## B\n\nThree.");
        assert_eq!(a.agency.as_deref(), Some("AFP"));
        assert!(a.published.is_some());
        let sections: Vec<_> = a.body().map(|p| p.section.as_deref()).collect();
        assert_eq!(sections, [None, Some("A"), Some("B")]);
    }

    #[test]
    fn single_newlines_and_title_only() {
        let a = read("Headline\nFirst.\nSecond.");
        assert_eq!((a.title.as_str(), a.paragraphs.len()), ("Headline", 2));
        let a = read("## Only a title\n");
        assert!(a.paragraphs.is_empty());
        assert!(parse(" \n\n", None, Position::file("e.txt")).is_err());
    }
}
