//! Paragraphs out of the body elements: block boundaries, sub-headings,
//! captions, lists and tables; link-heavy and boilerplate blocks dropped.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Node;

use super::dom::{is_block, Dom, Junk};
use crate::article::ParagraphKind;
use crate::normalize::clean_text;

/// A block of text found in the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub(crate) kind: ParagraphKind,
    pub(crate) text: String,
}

/// Short lines opening with a furniture phrase, even inside the article
/// container ("Read more: …", "Sign up to our newsletter").
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(story continues below|article continues below|continue reading|read more|read next|related (articles|stories|content|coverage)|more from|share (this|on)|sign up (to|for)|subscribe (to|now|for)|follow us|click here|copyright|©|all rights reserved|listen to (this )?article|getty images|recommended for you|advertisement)\b")
        .expect("valid regex")
});

/// Publication-time lines ("Posted: Fri 6:45 PM, Feb 16, 2018", "2 hours
/// ago").
static TIMESTAMP_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^((posted|updated|published|last updated|first published|modified)\b[^.]*\d|\d+\s*(secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago\b)")
        .expect("valid regex")
});

/// Whole lines that are widget labels, photo credits or gallery counters.
static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(ad|advert|advertisement|sponsored|sponsored content|image|photo|related|recommended|share|subscribe|caption|close|comments?|\d+ comments?|like this:?|like loading\.*|loading\.*|explore further|more about|tell us what you think\W*|more great \w+ stories|\d+ of \d+|getty|getty images|shutterstock|alamy|reuters|ap|afp|epa|pa|pa media|ap photo)\W*$")
        .expect("valid regex")
});

/// Blocks longer than this are never furniture, whatever they start with.
const BOILERPLATE_MAX_CHARS: usize = 80;

/// Collects the blocks of text under `nodes`, in document order.
pub(crate) fn collect(nodes: &[Dom<'_>], junk: &Junk) -> Vec<Block> {
    let mut walker = Walker {
        junk,
        text: String::new(),
        visible_chars: 0,
        link_chars: 0,
        quote_depth: 0,
        blocks: Vec::new(),
    };
    for node in nodes {
        walker.visit(*node, ParagraphKind::Body);
        walker.flush(ParagraphKind::Body);
    }
    filter(walker.blocks)
}

struct Walker<'j> {
    junk: &'j Junk,
    text: String,
    /// Non-whitespace chars in `text`, kept up to date wherever `text`
    /// changes, so links are measured without recounting it.
    visible_chars: usize,
    link_chars: usize,
    /// Inside a `<blockquote>` (quoted posts keep their links).
    quote_depth: usize,
    blocks: Vec<(Block, f64)>,
}

impl Walker<'_> {
    fn visit(&mut self, node: Dom<'_>, kind: ParagraphKind) {
        match node.value() {
            Node::Text(t) => {
                self.text.push_str(t);
                self.visible_chars += visible_chars(t);
            }
            Node::Element(el) => {
                if self.junk.contains(&node) {
                    return;
                }
                let name = el.name();
                match name {
                    "h1" => return,
                    "br" => return self.flush(kind),
                    // A space: `visible_chars` does not change.
                    "td" | "th" => self.text.push(' '),
                    "a" => return self.visit_link(node, kind),
                    _ => {}
                }
                let inner = match name {
                    "h2" | "h3" | "h4" | "h5" | "h6" => ParagraphKind::Heading,
                    "figcaption" => ParagraphKind::Caption,
                    _ => kind,
                };
                if name == "blockquote" {
                    self.flush(kind);
                    self.quote_depth += 1;
                    self.children(node, inner);
                    self.flush(inner);
                    self.quote_depth -= 1;
                } else if is_block(name) || inner != kind {
                    self.flush(kind);
                    self.children(node, inner);
                    self.flush(inner);
                } else {
                    self.children(node, kind);
                }
            }
            _ => {}
        }
    }

    fn children(&mut self, node: Dom<'_>, kind: ParagraphKind) {
        for child in node.children() {
            self.visit(child, kind);
        }
    }

    fn visit_link(&mut self, node: Dom<'_>, kind: ParagraphKind) {
        let before = self.visible_chars;
        self.children(node, kind);
        // Less than before when a block inside the link flushed the text.
        self.link_chars += self.visible_chars.saturating_sub(before);
    }

    fn flush(&mut self, kind: ParagraphKind) {
        let text = clean_text(&self.text);
        let chars = visible_chars(&text);
        if chars > 0 {
            // Quoted posts (embedded tweets) are mostly links but are text
            // the article quotes.
            let density =
                if self.quote_depth > 0 { 0.0 } else { self.link_chars as f64 / chars as f64 };
            self.blocks.push((Block { kind, text }, density));
        }
        self.text.clear();
        self.visible_chars = 0;
        self.link_chars = 0;
    }
}

fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Drops link lists, furniture lines and headings that head nothing.
fn filter(blocks: Vec<(Block, f64)>) -> Vec<Block> {
    let kept: Vec<Block> = blocks
        .into_iter()
        .filter(|(b, density)| *density <= 0.6 && !is_boilerplate(&b.text))
        .map(|(b, _)| b)
        .collect();
    let mut out: Vec<Block> = Vec::with_capacity(kept.len());
    for (i, block) in kept.iter().enumerate() {
        if block.kind == ParagraphKind::Heading {
            let heads_body = kept[i + 1..]
                .iter()
                .find(|b| b.kind != ParagraphKind::Caption)
                .is_some_and(|b| b.kind == ParagraphKind::Body);
            if !heads_body || block.text.len() > 200 {
                continue;
            }
        }
        out.push(block.clone());
    }
    out
}

fn is_boilerplate(text: &str) -> bool {
    text.len() <= BOILERPLATE_MAX_CHARS
        && (BOILERPLATE.is_match(text)
            || TIMESTAMP_LINE.is_match(text)
            || FURNITURE_LINE.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn blocks(html: &str) -> Vec<(ParagraphKind, String)> {
        let doc = Html::parse_document(html);
        let body = doc.root_element();
        collect(&[*body], &Junk::find(*body)).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn paragraphs_headings_lists_and_captions() {
        let got = blocks(
            "<h1>Title</h1><p>First <b>bold</b> para.</p><h2>Sub</h2><p>Second.</p>\
             <ul><li>one</li><li>two</li></ul><figure><img><figcaption>A photo</figcaption></figure>",
        );
        use ParagraphKind::*;
        let want = [
            (Body, "First bold para."),
            (Heading, "Sub"),
            (Body, "Second."),
            (Body, "one"),
            (Body, "two"),
            (Caption, "A photo"),
        ];
        assert_eq!(got, want.map(|(k, t)| (k, t.to_string())));
    }

    #[test]
    fn link_lists_and_furniture_are_dropped() {
        let got = blocks(
            "<p>Real text here.</p><p><a href=x>Another story entirely</a></p><p>Advertisement</p>\
             <div class=share-tools>Share on Facebook</div><p>More <a href=y>text</a> here, fine.</p>",
        );
        let texts: Vec<_> = got.into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, vec!["Real text here.", "More text here, fine."]);
        let kept = blocks(
            "<p>Ad hoc panels met.</p><p>Photo finish in Paris.</p><p>Ad</p><p>Sponsored</p>",
        );
        let texts: Vec<_> = kept.into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, vec!["Ad hoc panels met.", "Photo finish in Paris."]);
    }

    #[test]
    fn trailing_heading_is_dropped_and_tables_keep_cells() {
        let got =
            blocks("<p>Text.</p><table><tr><td>a</td><td>b</td></tr></table><h3>Related</h3>");
        let texts: Vec<_> = got.into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, vec!["Text.", "a b"]);
    }
}
