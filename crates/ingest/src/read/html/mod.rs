//! Saved HTML pages: decode, parse, gather metadata, extract the article.
//!
//! The page is decoded with its declared charset ([`decode`]), its nesting
//! bounded ([`nesting`]), parsed by html5ever (via scraper), its metadata gathered from JSON-LD, meta tags
//! and markup ([`meta`]), the body container chosen by readability-style
//! scoring ([`body`]) and its text cut into paragraphs ([`blocks`]).

mod blocks;
mod body;
mod byline;
mod decode;
mod dom;
mod jsonld;
mod meta;
mod nesting;
mod standfirst;

use scraper::Html;

use super::draft::Draft;
use crate::article::{Article, Paragraph, ParagraphKind};
use crate::error::{Error, ErrorKind, Result};
use crate::normalize::outlet_from_url;
use crate::position::Position;

/// A page whose body text is shorter than this (in characters) has no
/// article worth indexing: it is an index page, an error page or a stub.
const MIN_BODY_CHARS: usize = 100;

/// Reads one saved HTML page into an [`Article`].
///
/// `position` names the page in errors and in [`Article::source`];
/// `file_stem`, when the page is a file of its own, becomes the article id
/// (otherwise the id derives from the canonical URL, else the text, as for
/// the other readers).
///
/// # Errors
/// [`ErrorKind::Empty`] for an empty page, [`ErrorKind::NotHtml`] for bytes
/// that are not an HTML document, [`ErrorKind::NoArticle`] when no article
/// text is found. Never panics, whatever the bytes.
pub fn parse_html(bytes: &[u8], position: &Position, file_stem: Option<&str>) -> Result<Article> {
    let fail = |kind| Error::new(kind, position.clone());
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(ErrorKind::Empty));
    }
    let decoded = decode::decode(bytes);
    // NUL characters mean binary content (checked after decoding: UTF-16
    // pages are full of NUL bytes).
    if decoded.text.chars().take(1024).any(|c| c == '\0') || !looks_like_html(&decoded.text) {
        return Err(fail(ErrorKind::NotHtml));
    }
    let flattened = nesting::flatten(&decoded.text);
    let doc = Html::parse_document(flattened.as_deref().unwrap_or(&decoded.text));
    let meta = meta::collect(&doc);
    let title = meta::headline(&doc, meta.title.as_deref(), meta.site_name.as_deref());
    let mut paragraphs = extract_paragraphs(&doc, &title, meta.description.as_deref());
    let body_byline = byline::take_body_byline(
        &mut paragraphs,
        meta.site_name.as_deref(),
        !meta.byline.authors.is_empty(),
    )
    .unwrap_or_default();
    if body_chars(&paragraphs) < MIN_BODY_CHARS {
        return Err(fail(ErrorKind::NoArticle));
    }
    let outlet = meta.site_name.clone().or_else(|| meta.url.as_deref().and_then(outlet_from_url));
    let draft = Draft {
        id: file_stem.filter(|s| !s.is_empty()).map(str::to_string),
        title,
        published: meta.published,
        outlet,
        agency: meta.byline.agency.or(body_byline.agency),
        authors: if meta.byline.authors.is_empty() {
            body_byline.authors
        } else {
            meta.byline.authors
        },
        credits: if meta.byline.credits.is_empty() {
            body_byline.credits
        } else {
            meta.byline.credits
        },
        url: meta.url,
        paragraphs,
        warnings: decoded.warning.into_iter().chain(flattened.map(|_| deep_warning())).collect(),
        section: None,
    };
    draft.finish(position.clone())
}

fn deep_warning() -> String {
    let max = nesting::MAX_NESTING;
    format!("page nests elements deeper than {max} levels: deeper tags ignored, their text kept")
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<p", "<div", "<article", "<title", "<meta"]
        .iter()
        .any(|t| head.contains(t))
}

/// The article's paragraphs, each heading setting the `section` of the
/// paragraphs after it; a leading repeat of the headline is dropped. When
/// class/id hints leave no article, they are ignored rather than trusted.
fn extract_paragraphs(doc: &Html, title: &str, description: Option<&str>) -> Vec<Paragraph> {
    let root = *doc.root_element();
    let paragraphs = extract_with(root, &dom::Junk::find(root), title, description);
    if body_chars(&paragraphs) >= MIN_BODY_CHARS {
        return paragraphs;
    }
    extract_with(root, &dom::Junk::by_tag(root), title, description)
}

fn extract_with(
    root: dom::Dom<'_>,
    junk: &dom::Junk,
    title: &str,
    description: Option<&str>,
) -> Vec<Paragraph> {
    let stats = body::TextStats::compute(root, junk);
    let nodes = body::find_body(root, &stats, junk);
    let mut blocks = blocks::collect(&nodes, junk);
    let lead = description.and_then(|d| standfirst::find(root, &nodes, d));
    if let Some(text) = lead.filter(|t| !blocks.iter().any(|b| b.text == *t)) {
        blocks.insert(0, blocks::Block { kind: ParagraphKind::Body, text });
    }
    let mut section: Option<String> = None;
    let mut out = Vec::new();
    for block in blocks {
        if out.is_empty() && block.text.eq_ignore_ascii_case(title) {
            continue;
        }
        if block.kind == ParagraphKind::Heading {
            section = Some(block.text.clone());
        }
        out.push(Paragraph {
            kind: block.kind,
            section: section.clone(),
            text: block.text,
            credit: None,
        });
    }
    out
}

fn body_chars(paragraphs: &[Paragraph]) -> usize {
    paragraphs.iter().filter(|p| p.kind == ParagraphKind::Body).map(|p| p.text.len()).sum()
}

#[cfg(test)]
mod tests;
