//! The standfirst (dek, lead summary): the sentence under the headline that
//! most pages also put in their description meta tag, and that body
//! scoring misses because it sits in the page header.

use std::collections::HashMap;

use ego_tree::NodeId;

use super::dom::{element, is_block, subtree_counts, text_within, Dom};
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
    let blocks = subtree_counts(root, |n| is_block(element(n).map_or("", |e| e.name())));
    root.descendants()
        .take_while(|n| n.id() < first_body)
        .filter(|n| is_leaf_block(n, &blocks))
        // Raw text longer than this cannot clean to a standfirst: nested
        // leaf elements then cost no more than the bound each.
        .filter_map(|n| text_within(n, 8 * MAX_CHARS))
        .map(|text| clean_text(&text))
        .find(|text| *text == description)
}

/// A text element holding no other block (a `<p>`, or a `<div>` used as
/// one); `blocks` counts the blocks of each subtree, itself included.
fn is_leaf_block(node: &Dom<'_>, blocks: &HashMap<NodeId, usize>) -> bool {
    let Some(el) = element(node) else { return false };
    let inside = blocks.get(&node.id()).copied().unwrap_or(0) - usize::from(is_block(el.name()));
    matches!(el.name(), "p" | "div" | "h2" | "span" | "section") && inside == 0
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
