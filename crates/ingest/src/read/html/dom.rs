//! Small helpers over the parsed tree: element names, class/id hints, text.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::node::{Element, Node};

/// A node of the parsed page.
pub(crate) type Dom<'a> = NodeRef<'a, Node>;

/// Elements whose content is never article text.
#[rustfmt::skip]
const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "input", "textarea", "iframe", "svg", "canvas", "object", "embed", "audio",
    "video", "head", "menu", "dialog", "label", "option", "math",
];

/// Words of class/id names (split at `-`/`_`) that mark page furniture
/// wherever they appear: `story-share-bar`, `related-links`.
#[rustfmt::skip]
const FURNITURE_WORDS: &[&str] = &[
    "share", "sharing", "sharebar", "social", "socials", "newsletter", "newsletters", "comment",
    "comments", "commentlist", "disqus", "related", "recirc", "recommended", "recommendations",
    "cookie", "cookies", "consent", "gdpr", "advert", "advertisement", "advertising", "promo",
    "promotion", "sponsor", "sponsored", "outbrain", "taboola", "paywall", "subscribe",
    "subscription", "signup", "login", "signin", "breadcrumb", "breadcrumbs", "popup", "modal",
    "trending", "popular", "readmore", "newsletterbox", "adslot", "dfp", "nativo", "carousel",
    "teaser", "teasers", "cards", "slider", "viafoura", "player", "video", "authorprofile",
    "authorbio",
];

/// Words that mark furniture when they end a class/id name
/// (`article-header`, `post-meta`), but not when they start one
/// (`header-content`).
#[rustfmt::skip]
const FURNITURE_LAST_WORDS: &[&str] = &[
    "header", "footer", "meta", "date", "dateline", "timestamp", "byline", "bylines", "tags",
    "tag", "topics", "author", "authors", "bio", "sidebar", "rail", "nav", "navigation", "menu",
    "ad", "ads", "banner", "toolbar", "tools", "masthead", "credit", "credits", "caption",
    "kicker", "more", "player", "pagination", "links", "buttons", "icons", "actions", "cta",
    "label", "widget", "card", "topic", "promos", "profile", "overlay",
    "prev", "previous", "pager",
];

/// Whole class names of hidden or screen-reader-only elements.
#[rustfmt::skip]
const HIDDEN_CLASSES: &[&str] = &[
    "hidden", "is-hidden", "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-only",
    "screen-reader-text", "hide", "d-none", "display-none", "invisible", "offscreen",
];

/// Words that end the class/id name of a text container; a block named so
/// is never furniture (`content has-sidebar`, `article-body`, and
/// `social-media-embed`: a quoted post is text the article quotes).
#[rustfmt::skip]
const CONTENT_LAST_WORDS: &[&str] = &[
    "body", "content", "contents", "text", "story", "article", "entry", "post", "main", "prose",
    "copy", "paragraph", "richtext", "articlebody", "storybody", "blog", "embed",
];

/// Class/id words that raise an element's score as a body container
/// (readability's `positive` list).
static POSITIVE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|richtext)")
        .expect("valid regex")
});

/// Class/id words that lower an element's score as a body container
/// (readability's `negative` list, plus teaser/newsletter words).
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
    /// `<main>` or of an `articleBody` that hold paragraphs are protected
    /// from class/id hints: sites wrap whole pages in `class="ad-pusher"`
    /// or `<form>`.
    pub(crate) fn find(root: Dom<'_>) -> Junk {
        let paragraphs = subtree_counts(root, |n| tag(n) == "p");
        let under = |n: &Dom<'_>| paragraphs.get(&n.id()).copied().unwrap_or(0);
        let mut protected: HashSet<NodeId> = HashSet::new();
        // Nodes an anchor's walk up the tree went through: a later walk
        // stops there, so that the walks cost one pass over the tree
        // however many anchors nest. A walk for an anchor needing no
        // paragraphs protects at least what any walk would.
        let (mut walked_any, mut walked_h1) = (HashSet::new(), HashSet::new());
        for anchor in root.descendants().filter(is_anchor) {
            // A headline alone does not make a wrapper an article: the
            // wrapper must also hold paragraphs.
            let needs_paragraphs = tag(&anchor) == "h1";
            for n in std::iter::once(anchor).chain(anchor.ancestors()) {
                if walked_any.contains(&n.id()) || (needs_paragraphs && walked_h1.contains(&n.id()))
                {
                    break;
                }
                if needs_paragraphs { &mut walked_h1 } else { &mut walked_any }.insert(n.id());
                if tag(&n) != "header" && (!needs_paragraphs || under(&n) >= 3) {
                    protected.insert(n.id());
                }
            }
        }
        let mut junk: HashSet<NodeId> = root
            .descendants()
            .filter(|n| is_junk(n, protected.contains(&n.id()), under(n)))
            .map(|n| n.id())
            .collect();
        junk.extend(too_deep(root));
        Junk(junk)
    }

    /// The junk elements by tag and hidden state only, ignoring class/id
    /// hints: the fallback for pages whose whole article carries a
    /// furniture-like name.
    pub(crate) fn by_tag(root: Dom<'_>) -> Junk {
        let mut junk: HashSet<NodeId> =
            root.descendants().filter(|n| is_junk(n, true, 0)).map(|n| n.id()).collect();
        junk.extend(too_deep(root));
        Junk(junk)
    }

    /// Whether `node` is a junk element (its descendants are not listed).
    pub(crate) fn contains(&self, node: &Dom<'_>) -> bool {
        self.0.contains(&node.id())
    }

    /// The nodes under `root` in document order that are neither junk nor
    /// inside junk: one walk, where asking each node's ancestors would cost
    /// the depth of the tree per node.
    pub(crate) fn visible<'a: 'j, 'j>(
        &'j self,
        root: Dom<'a>,
    ) -> impl Iterator<Item = Dom<'a>> + 'j {
        let mut inside = 0usize;
        root.traverse().filter_map(move |edge| match edge {
            Edge::Open(node) if self.contains(&node) => {
                inside += 1;
                None
            }
            Edge::Open(node) => (inside == 0).then_some(node),
            Edge::Close(node) => {
                if self.contains(&node) {
                    inside -= 1;
                }
                None
            }
        })
    }
}

/// Nesting depth below which elements are ignored. Pages reach the tree
/// builder flattened below `nesting::MAX_NESTING`; this backstop bounds the
/// recursive tree walks that follow whatever html5ever builds.
const MAX_DEPTH: usize = 256;

/// The elements at [`MAX_DEPTH`], found without recursion.
fn too_deep(root: Dom<'_>) -> Vec<NodeId> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                depth += 1;
                if depth == MAX_DEPTH && n.value().is_element() {
                    out.push(n.id());
                }
            }
            Edge::Close(_) => depth -= 1,
        }
    }
    out
}

/// For every node under `root` (itself included), how many nodes of its
/// subtree (itself included) satisfy `count`: one pass, where counting per
/// node would cost the size of its subtree.
pub(crate) fn subtree_counts(
    root: Dom<'_>,
    count: impl Fn(&Dom<'_>) -> bool,
) -> HashMap<NodeId, usize> {
    let mut counts = HashMap::new();
    let mut open: Vec<usize> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(_) => open.push(0),
            Edge::Close(node) => {
                let total = open.pop().unwrap_or(0) + usize::from(count(&node));
                if let Some(parent) = open.last_mut() {
                    *parent += total;
                }
                counts.insert(node.id(), total);
            }
        }
    }
    counts
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
/// comments, ads…). `paragraphs`: the `<p>`s in its subtree.
fn is_junk(node: &Dom<'_>, protected: bool, paragraphs: usize) -> bool {
    let Some(el) = element(node) else { return false };
    let name = el.name();
    if NEVER_CONTENT.contains(&name) || is_hidden(el) {
        return !protected || name != "form";
    }
    if protected || matches!(name, "html" | "body" | "main" | "p" | "a" | "h1") {
        return false;
    }
    if name == "form" {
        return true;
    }
    let hint = class_and_id(el).to_ascii_lowercase();
    let names: Vec<&str> = hint.split_whitespace().collect();
    if names.iter().any(|n| last_word(n).is_some_and(|w| CONTENT_LAST_WORDS.contains(&w))) {
        return role_is_junk(el);
    }
    let strong = names.iter().any(|n| is_furniture_name(n));
    // A name that only ends like furniture (`story-card`) does not outweigh
    // a run of paragraphs.
    let weak = || names.iter().any(|n| ends_like_furniture(n)) && paragraphs < 5;
    strong || weak() || role_is_junk(el)
}

/// Names of furniture wherever the word stands, and hidden-element classes.
fn is_furniture_name(name: &str) -> bool {
    HIDDEN_CLASSES.contains(&name) || name.split(['-', '_']).any(|w| FURNITURE_WORDS.contains(&w))
}

fn ends_like_furniture(name: &str) -> bool {
    last_word(name).is_some_and(|w| FURNITURE_LAST_WORDS.contains(&w))
}

fn last_word(name: &str) -> Option<&str> {
    name.rsplit(['-', '_']).find(|w| !w.is_empty())
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

/// The text of a subtree (all of it, junk included, as
/// `ElementRef::text` gives it), or `None` once it passes `max` bytes: for
/// elements whose text only matters when short, so that nested ones cost
/// no more than the bound each.
pub(crate) fn text_within(node: Dom<'_>, max: usize) -> Option<String> {
    let mut out = String::new();
    for text in node.descendants().filter_map(|d| d.value().as_text().map(|t| &**t)) {
        if out.len() + text.len() > max {
            return None;
        }
        out.push_str(text);
    }
    Some(out)
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
        assert!(!first(r#"<div class="story-content-shared">x</div>"#, "div"));
        assert!(first(r#"<header class="article-header">x</header>"#, "header"));
        assert!(first(r#"<div class="article-block hidden">x</div>"#, "div"));
        assert!(!first(r#"<div class="u-overflow-hidden">x</div>"#, "div"));
        assert!(first(r#"<article class="article-card">x</article>"#, "article"));
        assert!(!first(r#"<div class="social-media-embed">x</div>"#, "div"));
        assert!(first(r#"<div class="story-card"><p>x</p></div>"#, "div"));
        let five = "<p>x</p>".repeat(5);
        assert!(!first(&format!(r#"<div class="story-card">{five}</div>"#), "div"));
        assert!(first(&format!(r#"<div class="comments">{five}</div>"#), "div"));
        assert!(!first(r#"<article class="post">x</article>"#, "article"));
        assert!(!first(r#"<div class="adventure">x</div>"#, "div"));
    }

    #[test]
    fn headline_wrappers_are_protected() {
        assert!(!first(
            r#"<div class="ad-pusher"><h1>Title</h1><p>x</p><p>y</p><p>z</p></div>"#,
            "div"
        ));
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
