//! Small helpers over the parsed tree: element names, class/id hints, text.

use std::collections::HashSet;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::node::{Element, Node};

/// A node of the parsed page.
pub(crate) type Dom<'a> = NodeRef<'a, Node>;

/// Elements whose content is never article text.
const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "input", "textarea", "iframe", "svg", "canvas", "object", "embed", "audio", "video",
    "head", "menu", "dialog", "label", "option", "math",
];

/// Class/id words of blocks that are page furniture rather than article text
/// (the same idea as readability's "unlikely candidates" and trafilatura's
/// boilerplate xpaths).
static JUNK_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(^|[\s_-])(comments?|commentlist|disqus|share|sharing|social|socials|sharebar|related|recirc|recommend(ed|ations?)?|more-?stories|read-?more|newsletter|subscribe|subscription|signup|sign-up|cookie|consent|gdpr|advert|advertisement|ads?|adslot|ad-?container|ad-?wrapper|dfp|promo|promotion|sponsor(ed)?|outbrain|taboola|popup|modal|breadcrumbs?|sidebar|widget|masthead|menu|navbar|navigation|nav|skip-?link|tags|tag-?list|topics|author-?bio|bio-?box|paywall|print-?only|visually-?hidden|sr-?only|hidden|trending|most-?popular|popular|next-?article|prev-?article|pagination|jump-?link|toolbar|byline|dateline|timestamp|caption-?credit|inline-?newsletter|footer|header|site-?header|login|follow|rating|video-?player|player|playlist)($|[\s_-])",
    )
    .expect("valid regex")
});

/// Class/id words that mark the article body; they protect a block from
/// [`JUNK_HINT`] (a wrapper `class="content with-sidebar"` is kept).
static CONTENT_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(article|body|content|entry|main|story|post|text|blog|prose|richtext|rich-text|paragraph)",
    )
    .expect("valid regex")
});

/// Class/id words that raise an element's score as a body container.
static POSITIVE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|richtext)")
        .expect("valid regex")
});

/// Class/id words that lower an element's score as a body container.
static NEGATIVE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|newsletter|subscribe|teaser|recommend|card)")
        .expect("valid regex")
});

/// The element of a node, if it is one.
pub(crate) fn element<'a>(node: &Dom<'a>) -> Option<&'a Element> {
    node.value().as_element()
}

/// The local tag name of a node ("" for non-elements).
pub(crate) fn tag<'a>(node: &Dom<'a>) -> &'a str {
    element(node).map(|e| e.name()).unwrap_or("")
}

/// The class and id of an element joined by a space.
pub(crate) fn class_and_id(el: &Element) -> String {
    let mut hint = el.attr("class").unwrap_or("").to_string();
    if let Some(id) = el.id() {
        hint.push(' ');
        hint.push_str(id);
    }
    hint
}

/// The elements of a page that can never hold article text.
pub(crate) struct Junk(HashSet<NodeId>);

impl Junk {
    /// Finds the junk elements under `root`. Wrappers of the headline, of
    /// `<main>` or of an `articleBody` are protected from class/id hints:
    /// sites wrap whole pages in `class="ad-pusher"` or `<form>`.
    pub(crate) fn find(root: Dom<'_>) -> Junk {
        let protected: HashSet<NodeId> = root
            .descendants()
            .filter(is_anchor)
            .flat_map(|n| n.ancestors().chain(std::iter::once(n)).map(|a| a.id()))
            .collect();
        let junk = root
            .descendants()
            .filter(|n| element(n).is_some_and(|el| is_junk(el, protected.contains(&n.id()))))
            .map(|n| n.id())
            .collect();
        Junk(junk)
    }

    /// Whether `node` is a junk element (its descendants are not listed).
    pub(crate) fn contains(&self, node: &Dom<'_>) -> bool {
        self.0.contains(&node.id())
    }

    /// Whether `node` or one of its ancestors is junk.
    pub(crate) fn covers(&self, node: &Dom<'_>) -> bool {
        self.contains(node) || node.ancestors().any(|a| self.contains(&a))
    }
}

fn is_anchor(node: &Dom<'_>) -> bool {
    element(node).is_some_and(|el| {
        matches!(el.name(), "h1" | "main")
            || el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    })
}

/// Whether an element can never hold article text: scripts, navigation,
/// asides, hidden elements and, unless `protected`, forms and blocks whose
/// class/id names page furniture (share bars, related links, newsletters,
/// comments, ads…).
fn is_junk(el: &Element, protected: bool) -> bool {
    let name = el.name();
    if NEVER_CONTENT.contains(&name) || is_hidden(el) {
        return !protected || name != "form";
    }
    if protected || matches!(name, "html" | "body" | "article" | "main" | "p" | "a" | "h1") {
        return false;
    }
    if name == "form" {
        return true;
    }
    let hint = class_and_id(el);
    if hint.trim().is_empty() {
        return role_is_junk(el);
    }
    (JUNK_HINT.is_match(&hint) && !CONTENT_HINT.is_match(&hint)) || role_is_junk(el)
}

fn role_is_junk(el: &Element) -> bool {
    matches!(
        el.attr("role"),
        Some(
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert" | "menu"
        )
    ) || el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("comment"))
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(' ', "");
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Readability's class weight: +25 for a content-like class/id, -25 for a
/// furniture-like one (both may apply).
pub(crate) fn class_weight(el: &Element) -> f64 {
    let mut weight = 0.0;
    for hint in [el.attr("class"), el.id()].into_iter().flatten() {
        if NEGATIVE_HINT.is_match(hint) {
            weight -= 25.0;
        }
        if POSITIVE_HINT.is_match(hint) {
            weight += 25.0;
        }
    }
    if el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody")) {
        weight += 50.0;
    }
    weight
}

/// Whether a tag starts a new block of text.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "blockquote"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "pre"
            | "table"
            | "tr"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "header"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
    )
}

/// The visible text of a subtree, skipping junk elements, whitespace kept raw.
pub(crate) fn text_of(node: Dom<'_>, junk: &Junk) -> String {
    let mut out = String::new();
    push_text(node, junk, &mut out);
    out
}

fn push_text(node: Dom<'_>, junk: &Junk, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) if !junk.contains(&child) => {
                if is_block(el.name()) || el.name() == "br" {
                    out.push(' ');
                }
                push_text(child, junk, out);
            }
            _ => {}
        }
    }
}

/// Whitespace collapsed to single spaces and trimmed.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn first(html: &str, css: &str) -> bool {
        let doc = Html::parse_document(html);
        let sel = Selector::parse(css).unwrap();
        let el = doc.select(&sel).next().unwrap();
        let junk = Junk::find(*doc.root_element());
        junk.contains(&el)
    }

    #[test]
    fn furniture_classes_are_junk() {
        assert!(first(r#"<div class="share-buttons">x</div>"#, "div"));
        assert!(first(r#"<div id="comments">x</div>"#, "div"));
        assert!(first(r#"<div class="newsletter-signup">x</div>"#, "div"));
        assert!(first(r#"<section class="related">x</section>"#, "section"));
        assert!(first(r#"<div class="cookie-banner">x</div>"#, "div"));
        assert!(first(r#"<div style="display: none">x</div>"#, "div"));
        assert!(first(r#"<nav>x</nav>"#, "nav"));
    }

    #[test]
    fn content_classes_are_not_junk() {
        assert!(!first(r#"<div class="article-body">x</div>"#, "div"));
        assert!(!first(r#"<div class="content has-sidebar">x</div>"#, "div"));
        assert!(!first(r#"<div class="shared-thing-of-story">x</div>"#, "div"));
        assert!(!first(r#"<div class="adventure">x</div>"#, "div"));
    }

    #[test]
    fn headline_wrappers_are_protected() {
        assert!(!first(r#"<div class="ad-pusher"><h1>Title</h1><p>x</p></div>"#, "div"));
        assert!(!first(r#"<form id="aspnetForm"><main><p>x</p></main></form>"#, "form"));
        assert!(first(r#"<form><input></form>"#, "form"));
    }

    #[test]
    fn text_skips_scripts_and_separates_blocks() {
        let doc = Html::parse_document("<div><p>a</p><script>x</script><p>b</p></div>");
        let sel = Selector::parse("div").unwrap();
        let div = doc.select(&sel).next().unwrap();
        assert_eq!(collapse(&text_of(*div, &Junk::find(*doc.root_element()))), "a b");
    }
}
