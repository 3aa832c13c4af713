//! The standfirst (dek, lead summary): the sentence under the headline that
//! most pages also put in their description meta tag, and that body
//! scoring misses because it sits in the page header.

use super::dom::{element, is_block, Dom};
use crate::normalize::clean_text;

/// Longest standfirst accepted, in characters: longer matches are body
/// paragraphs repeated in the description, not a standfirst.
const MAX_CHARS: usize = 600;

/// The text of the visible element before the body whose text is the
/// page's `description`, if any.
pub(crate) fn find(root: Dom<'_>, body: &[Dom<'_>], description: &str) -> Option<String> {
    let description = clean_text(description);
    let first_body = body.first()?.id();
    if description.len() < 20 || description.len() > MAX_CHARS {
        return None;
    }
    root.descendants()
        .take_while(|n| n.id() < first_body)
        .filter(|n| is_leaf_block(n))
        .map(|n| {
            clean_text(
                &n.descendants()
                    .filter_map(|d| d.value().as_text().map(|t| &**t))
                    .collect::<String>(),
            )
        })
        .find(|text| *text == description)
}

/// A text element holding no other block (a `<p>`, or a `<div>` used as one).
fn is_leaf_block(node: &Dom<'_>) -> bool {
    let Some(el) = element(node) else { return false };
    matches!(el.name(), "p" | "div" | "h2" | "span" | "section")
        && !node.descendants().skip(1).any(|d| is_block(element(&d).map_or("", |e| e.name())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    #[test]
    fn standfirst_before_body_is_found() {
        let doc = Html::parse_document(
            "<header><h1>T</h1><p class=dek>Police continue to search the debris after the blaze</p></header>\
             <article><p>Body text.</p></article>",
        );
        let article = doc.select(&Selector::parse("article").unwrap()).next().unwrap();
        let root = *doc.root_element();
        let want = "Police continue to search the debris after the blaze";
        assert_eq!(find(root, &[*article], want).as_deref(), Some(want));
        assert_eq!(find(root, &[*article], "Something the page does not show at all"), None);
    }
}
