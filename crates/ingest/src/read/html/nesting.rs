//! A bound on how deeply a page nests, applied before html5ever sees it.
//!
//! html5ever's tree builder searches its stack of open elements for many
//! tags, so a page that nests n elements deep costs O(n²): 100,000 nested
//! `<div>`s took 32 s, a million never finished. Browsers bound the depth of
//! the tree they build (Chromium at 512) but html5ever has no such option,
//! so this pass follows the tree builder's stack approximately, in one
//! linear scan of the tags, and drops the start tags (and their end tags)
//! that would open an element deeper than [`MAX_NESTING`]. Their text stays:
//! the deep part of the page is flattened into the element at the bound.
//!
//! The approximation: void elements, self-closed foreign elements and
//! raw-text contents (scripts, styles…) open nothing; the end tags html5ever
//! implies (`<p>`, `<li>`, table rows and cells, `<a>`, `<option>`…) are
//! implied here too where the matching element is among the few innermost
//! ones; an end tag closes the innermost open element of its name, if any.

use std::collections::HashMap;

use memchr::{memchr, memmem};

/// The deepest element nesting handed to html5ever. Real pages stay far
/// below: by this scan the 114 pages of the HTML test corpora nest 16
/// levels at the median and 49 at the deepest. html5ever's work per tag
/// grows with the depth.
pub(crate) const MAX_NESTING: usize = 128;

/// How many of the innermost open elements an implied end tag looks at.
const IMPLIED_REACH: usize = 16;

/// Elements that never hold others.
#[rustfmt::skip]
const VOID: &[&[u8]] = &[
    b"area", b"base", b"basefont", b"bgsound", b"br", b"col", b"embed", b"frame", b"hr", b"image",
    b"img", b"input", b"keygen", b"link", b"meta", b"param", b"source", b"track", b"wbr",
];

/// Elements whose content is text up to their end tag, never tags.
#[rustfmt::skip]
const RAW_TEXT: &[&[u8]] = &[
    b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes",
    b"noscript",
];

/// Start tags that close an open `<p>` first.
#[rustfmt::skip]
const CLOSES_P: &[&[u8]] = &[
    b"address", b"article", b"aside", b"blockquote", b"center", b"details", b"dialog", b"dir",
    b"div", b"dl", b"fieldset", b"figcaption", b"figure", b"footer", b"form", b"h1", b"h2", b"h3",
    b"h4", b"h5", b"h6", b"header", b"hgroup", b"hr", b"li", b"dd", b"dt", b"listing", b"main",
    b"menu", b"nav", b"ol", b"p", b"pre", b"section", b"summary", b"table", b"ul",
];

/// Elements an implied end tag does not look past.
#[rustfmt::skip]
const SCOPE: &[&[u8]] = &[
    b"applet", b"button", b"caption", b"html", b"marquee", b"object", b"table", b"td", b"template",
    b"th",
];

/// The page with its start tags past [`MAX_NESTING`] (and their end tags)
/// removed, or `None` when it nests no deeper (the page is then unchanged).
pub(crate) fn flatten(html: &str) -> Option<String> {
    let cuts = Scan::new(html.as_bytes(), MAX_NESTING).run().cuts;
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Some(out)
}

/// A tag name, lower-cased, cut at 15 bytes (long custom element names
/// sharing a prefix are told apart no further: the scan is approximate).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Name {
    bytes: [u8; 15],
    len: u8,
}

impl Name {
    fn new(raw: &[u8]) -> Name {
        let mut name = Name::default();
        for (slot, b) in name.bytes.iter_mut().zip(raw) {
            *slot = b.to_ascii_lowercase();
        }
        name.len = raw.len().min(15) as u8;
        name
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    fn is(&self, names: &[&[u8]]) -> bool {
        names.contains(&self.as_bytes())
    }
}

/// The scanner's state: the open elements and what it dropped.
struct Scan<'a> {
    html: &'a [u8],
    at: usize,
    /// The deepest nesting kept.
    max: usize,
    /// The deepest nesting seen.
    deepest: usize,
    open: Vec<Name>,
    /// Start tags dropped, per name, whose end tags are still to drop.
    dropped: HashMap<Name, u32>,
    /// Inside `<svg>` or `<math>`, where `<x/>` closes itself.
    foreign: usize,
    /// Byte ranges of the tags to remove, in order.
    cuts: Vec<(usize, usize)>,
}

impl<'a> Scan<'a> {
    fn new(html: &'a [u8], max: usize) -> Scan<'a> {
        let (open, dropped, cuts) = (Vec::new(), HashMap::new(), Vec::new());
        Scan { html, at: 0, max, deepest: 0, open, dropped, foreign: 0, cuts }
    }

    fn run(mut self) -> Scan<'a> {
        while let Some(lt) = memchr(b'<', &self.html[self.at..]).map(|i| self.at + i) {
            let rest = &self.html[lt..];
            self.at = if rest.starts_with(b"<!--") {
                find(self.html, lt + 4, b"-->").map_or(self.html.len(), |i| i + 3)
            } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                memchr(b'>', rest).map_or(self.html.len(), |i| lt + i + 1)
            } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
                self.end_tag(lt)
            } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
                self.start_tag(lt)
            } else {
                lt + 1
            };
        }
        self
    }

    /// The name starting at `from` and where it ends.
    fn name(&self, from: usize) -> (Name, usize) {
        let len = self.html[from..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .unwrap_or(self.html.len() - from);
        (Name::new(&self.html[from..from + len]), from + len)
    }

    /// Where the tag whose attributes start at `from` ends (after its `>`),
    /// and whether it closes itself (`/>`). Quoted attribute values may
    /// hold `>`.
    fn tag_end(&self, from: usize) -> (usize, bool) {
        let (mut quote, mut after_equals) = (None, false);
        for (i, &b) in self.html[from..].iter().enumerate() {
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None => match b {
                    b'>' => return (from + i + 1, i > 0 && self.html[from + i - 1] == b'/'),
                    b'=' => after_equals = true,
                    b'"' | b'\'' if after_equals => quote = Some(b),
                    b if b.is_ascii_whitespace() => {}
                    _ => after_equals = false,
                },
            }
        }
        (self.html.len(), false)
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let (name, name_end) = self.name(lt + 1);
        let (end, self_closing) = self.tag_end(name_end);
        if name.is(RAW_TEXT) {
            // Its content is text up to the matching end tag: skip to it.
            // Raw-text elements hold nothing, so their depth never matters.
            return raw_text_end(self.html, end, name.as_bytes());
        }
        if name.is(VOID) || name.is(&[b"html", b"head", b"body"]) {
            return end;
        }
        if self.foreign > 0 && self_closing {
            return end;
        }
        self.imply_end_tags(name);
        if self.open.len() >= self.max {
            *self.dropped.entry(name).or_default() += 1;
            self.cuts.push((lt, end));
            return end;
        }
        if name.is(&[b"svg", b"math"]) {
            self.foreign += 1;
        }
        self.open.push(name);
        self.deepest = self.deepest.max(self.open.len());
        end
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let (name, name_end) = self.name(lt + 2);
        let end =
            memchr(b'>', &self.html[name_end..]).map_or(self.html.len(), |i| name_end + i + 1);
        // Dropped start tags were opened deepest: their end tags come first.
        if let Some(count) = self.dropped.get_mut(&name).filter(|c| **c > 0) {
            *count -= 1;
            self.cuts.push((lt, end));
            return end;
        }
        if let Some(i) = self.open.iter().rposition(|n| *n == name) {
            self.close_from(i);
        }
        end
    }

    /// Pops the open elements from index `i` up.
    fn close_from(&mut self, i: usize) {
        for name in self.open.drain(i..) {
            if name.is(&[b"svg", b"math"]) {
                self.foreign -= 1;
            }
        }
    }

    /// The end tags html5ever implies before the start tag `name`.
    fn imply_end_tags(&mut self, name: Name) {
        if name.is(CLOSES_P) {
            self.close_innermost(&[b"p"], SCOPE);
        }
        let (closes, bound): (&[&[u8]], &[&[u8]]) = match name.as_bytes() {
            b"li" => (&[b"li"], &[b"ul", b"ol", b"table", b"td", b"th"]),
            b"dd" | b"dt" => (&[b"dd", b"dt"], &[b"dl", b"table", b"td", b"th"]),
            b"tr" => (&[b"tr"], &[b"table"]),
            b"td" | b"th" => (&[b"td", b"th"], &[b"tr", b"table"]),
            b"thead" | b"tbody" | b"tfoot" => (&[b"thead", b"tbody", b"tfoot"], &[b"table"]),
            b"option" => (&[b"option"], &[b"select", b"datalist"]),
            b"optgroup" => (&[b"option", b"optgroup"], &[b"select"]),
            b"a" | b"nobr" | b"button" | b"form" => (&[name.as_bytes()], SCOPE),
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                if self
                    .open
                    .last()
                    .is_some_and(|n| n.is(&[b"h1", b"h2", b"h3", b"h4", b"h5", b"h6"]))
                {
                    self.open.pop();
                }
                return;
            }
            _ => return,
        };
        self.close_innermost(closes, bound);
    }

    /// Closes the innermost open element named in `names`, and all inside
    /// it, if it sits among the [`IMPLIED_REACH`] innermost elements with no
    /// `bound` element inside it.
    fn close_innermost(&mut self, names: &[&[u8]], bound: &[&[u8]]) {
        let reach = self.open.len().saturating_sub(IMPLIED_REACH);
        for i in (reach..self.open.len()).rev() {
            if self.open[i].is(names) {
                return self.close_from(i);
            }
            if self.open[i].is(bound) {
                return;
            }
        }
    }
}

/// Where the raw text starting at `from` ends: at its `</name` (any case)
/// followed by a space, `/` or `>`, else at the end of the page.
fn raw_text_end(html: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(i) = find(html, at, b"</") {
        let after = i + 2 + name.len();
        let matches = html.get(i + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && html
                .get(after)
                .map_or(true, |b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if matches {
            return i;
        }
        at = i + 2;
    }
    html.len()
}

fn find(html: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memmem::find(&html[from..], needle).map(|i| from + i)
}

/// How deeply a page nests, as the scan sees it (for tests and tuning).
#[cfg(test)]
pub(crate) fn depth(html: &str) -> usize {
    Scan::new(html.as_bytes(), usize::MAX).run().deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><table><tr><td>1<td>2<tr><td>3\
                    </table><script>if (a<b) { document.write('<div><div><div>') }</script></div>";
        assert_eq!(flatten(page), None);
        assert_eq!(depth(page), 4);
    }

    #[test]
    fn implied_end_tags_keep_sibling_runs_flat() {
        let runs = "<p>x".repeat(1000) + &"<li>y".repeat(1000) + &"<a href=z>w".repeat(1000);
        assert!(depth(&runs) <= 3, "{}", depth(&runs));
        let rows = "<table>".to_string() + &"<tr><td>a<td>b".repeat(1000) + "</table>";
        assert_eq!(depth(&rows), 3);
    }

    #[test]
    fn deep_pages_are_flattened_keeping_their_text() {
        let deep = "<div>".repeat(1000) + "deep text" + &"</div>".repeat(1000) + "<p>after</p>";
        let flat = flatten(&deep).expect("flattened");
        assert_eq!(flat.matches("<div>").count(), MAX_NESTING);
        assert_eq!(flat.matches("</div>").count(), MAX_NESTING);
        assert!(flat.contains("deep text") && flat.ends_with("<p>after</p>"));
        let tables = "<table><tr><td>".repeat(1000) + "cell";
        let flat = flatten(&tables).expect("flattened");
        assert!(depth(&flat) <= MAX_NESTING && flat.ends_with("cell"));
    }

    #[test]
    fn quoted_attributes_and_comments_do_not_confuse_the_scan() {
        let page = r#"<div title="a>b" data-x='<div>'><!-- <div><div> --><br/><img src=x></div>"#;
        assert_eq!(depth(page), 1);
        assert_eq!(depth("<svg><g/><g/><path/></svg>"), 1);
        assert_eq!(depth("<div/><div/>"), 2);
    }
}
