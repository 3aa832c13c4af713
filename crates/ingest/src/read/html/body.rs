//! Finding the article body: readability's candidate scoring (paragraph
//! text and commas credited to ancestors, class/id hints, link density),
//! then merging related siblings of the best candidate.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::node::Node;

use super::dom::{class_weight, collapse, element, is_block, tag, text_of, Dom, Junk};

/// A paragraph shorter than this (in characters) casts no vote.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// How many ancestor levels a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;

/// Text statistics of a subtree, junk excluded.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Stats {
    /// Characters of visible text (whitespace runs count once).
    pub(crate) chars: usize,
    /// Of those, characters inside links.
    pub(crate) link_chars: usize,
    /// Commas in the text: readability's cheap measure of prose.
    pub(crate) commas: usize,
}

impl Stats {
    pub(crate) fn link_density(&self) -> f64 {
        if self.chars == 0 {
            return 0.0;
        }
        self.link_chars as f64 / self.chars as f64
    }
}

/// Text statistics of every non-junk element, computed in one pass.
pub(crate) struct TextStats(HashMap<NodeId, Stats>);

impl TextStats {
    pub(crate) fn compute(root: Dom<'_>, junk: &Junk) -> TextStats {
        let mut map = HashMap::new();
        walk_stats(root, false, junk, &mut map);
        TextStats(map)
    }

    pub(crate) fn get(&self, node: &Dom<'_>) -> Stats {
        self.0.get(&node.id()).copied().unwrap_or_default()
    }
}

fn walk_stats(
    node: Dom<'_>,
    in_link: bool,
    junk: &Junk,
    map: &mut HashMap<NodeId, Stats>,
) -> Stats {
    let mut total = Stats::default();
    for child in node.children() {
        match child.value() {
            Node::Text(t) => {
                let chars = text_chars(t);
                total.chars += chars;
                total.commas += t.matches(',').count();
                if in_link {
                    total.link_chars += chars;
                }
            }
            Node::Element(el) if !junk.contains(&child) => {
                let s = walk_stats(child, in_link || el.name() == "a", junk, map);
                total.chars += s.chars;
                total.link_chars += s.link_chars;
                total.commas += s.commas;
            }
            _ => {}
        }
    }
    map.insert(node.id(), total);
    total
}

fn text_chars(text: &str) -> usize {
    let mut count = 0;
    let mut space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                count += 1;
            }
            space = true;
        } else {
            count += 1;
            space = false;
        }
    }
    count
}

/// The elements holding the article body, in document order; empty when
/// the page has no paragraph-like text at all.
pub(crate) fn find_body<'a>(root: Dom<'a>, stats: &TextStats, junk: &Junk) -> Vec<Dom<'a>> {
    let scores = score_candidates(root, stats, junk);
    let Some(mut top) = best(&scores, stats) else {
        return Vec::new();
    };
    top = climb(top, &scores, stats);
    top = expand(top, &scores, stats);
    merge_siblings(top, &scores, stats, junk)
}

/// What paragraph voting found.
struct Scores<'a> {
    /// Candidate containers and their scores.
    candidates: HashMap<NodeId, (Dom<'a>, f64)>,
    /// The characters of every voting paragraph, by paragraph: summed over
    /// a subtree only for the few elements [`expand`] asks about, rather
    /// than added to every ancestor of every paragraph.
    paragraph_chars: HashMap<NodeId, usize>,
}

impl Scores<'_> {
    /// Characters of the voting paragraphs strictly under `node`.
    fn paragraph_chars_under(&self, node: &Dom<'_>) -> usize {
        node.descendants().skip(1).filter_map(|d| self.paragraph_chars.get(&d.id())).sum()
    }
}

fn score_candidates<'a>(root: Dom<'a>, stats: &TextStats, junk: &Junk) -> Scores<'a> {
    let mut scores = Scores { candidates: HashMap::new(), paragraph_chars: HashMap::new() };
    for node in junk.visible(root) {
        let Some((s, is_container)) = paragraph_stats(&node, stats) else {
            continue;
        };
        if s.chars < MIN_PARAGRAPH_CHARS {
            continue;
        }
        *scores.paragraph_chars.entry(node.id()).or_default() += s.chars;
        let score = 1.0 + s.commas as f64 + (s.chars / 100).min(3) as f64;
        // A container's loose text makes the container itself a candidate.
        let voters = is_container.then_some(node).into_iter().chain(node.ancestors());
        for (level, ancestor) in
            voters.filter(|a| a.value().is_element()).take(ANCESTOR_LEVELS).enumerate()
        {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f64 * 3.0,
            };
            let entry = scores
                .candidates
                .entry(ancestor.id())
                .or_insert_with(|| (ancestor, initial_score(&ancestor)));
            entry.1 += score / divider;
        }
    }
    scores
}

/// The text statistics of a paragraph-like element: `p`, `pre`, `td`,
/// `blockquote`, or a `div`-like element holding text but no blocks. A
/// container that also holds blocks votes with its own loose text only
/// (pages that write `text<div class=br></div>text`); the flag says so.
fn paragraph_stats(node: &Dom<'_>, stats: &TextStats) -> Option<(Stats, bool)> {
    match tag(node) {
        "p" | "pre" | "td" | "blockquote" => Some((stats.get(node), false)),
        "div" | "section" | "span" | "font" | "article" => {
            if !node.children().any(|c| is_block(tag(&c))) {
                let has_text = node.children().any(|c| c.value().is_text());
                return has_text.then(|| (stats.get(node), false));
            }
            let mut own = Stats::default();
            for text in node.children().filter_map(|c| c.value().as_text().map(|t| &**t)) {
                own.chars += text_chars(text);
                own.commas += text.matches(',').count();
            }
            (own.chars > 0).then_some((own, true))
        }
        _ => None,
    }
}

fn initial_score(node: &Dom<'_>) -> f64 {
    let Some(el) = element(node) else { return 0.0 };
    let base = match el.name() {
        "div" | "article" => 5.0,
        "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    base + class_weight(el)
}

fn final_score(entry: &(Dom<'_>, f64), stats: &TextStats) -> f64 {
    entry.1 * (1.0 - stats.get(&entry.0).link_density())
}

fn best<'a>(scores: &Scores<'a>, stats: &TextStats) -> Option<Dom<'a>> {
    scores
        .candidates
        .values()
        .filter(|e| matches!(tag(&e.0), t if t != "body" && t != "html"))
        .max_by(|a, b| {
            final_score(a, stats).total_cmp(&final_score(b, stats)).then(b.0.id().cmp(&a.0.id()))
        })
        .map(|e| e.0)
}

/// Readability's moves up the tree: to a parent whose score is higher, and
/// past wrappers holding nothing but the candidate.
fn climb<'a>(mut top: Dom<'a>, scores: &Scores<'a>, stats: &TextStats) -> Dom<'a> {
    let score_of = |n: &Dom<'a>| scores.candidates.get(&n.id()).map(|e| final_score(e, stats));
    let mut last = score_of(&top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = top.parent();
    while let Some(p) = parent {
        if matches!(tag(&p), "body" | "html" | "") {
            break;
        }
        let Some(ps) = score_of(&p) else {
            parent = p.parent();
            continue;
        };
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        parent = p.parent();
    }
    while let Some(p) = top.parent() {
        let only_child = p.children().filter(|c| c.value().is_element()).count() == 1;
        if !only_child || matches!(tag(&p), "body" | "html" | "") {
            break;
        }
        top = p;
    }
    top
}

/// Levels above the candidate that [`expand`] looks at.
const EXPAND_LEVELS: usize = 4;

/// Moves up to an ancestor that adds mostly paragraph text: articles cut
/// into chunks (one container per few paragraphs, ads between them) are
/// whole only at the level holding every chunk.
fn expand<'a>(mut top: Dom<'a>, scores: &Scores<'a>, stats: &TextStats) -> Dom<'a> {
    let ptext = |n: &Dom<'a>| scores.paragraph_chars_under(n) as f64;
    let mut top_ptext = ptext(&top);
    let mut ancestor = top;
    for _ in 0..EXPAND_LEVELS {
        let Some(parent) = ancestor.parent().filter(|p| !matches!(tag(p), "body" | "html" | ""))
        else {
            break;
        };
        ancestor = parent;
        let ancestor_ptext = ptext(&ancestor);
        let gain = ancestor_ptext - top_ptext;
        let extra = stats.get(&ancestor).chars as f64 - stats.get(&top).chars as f64;
        if extra < 100.0 {
            continue;
        }
        let extra_links =
            stats.get(&ancestor).link_chars as f64 - stats.get(&top).link_chars as f64;
        if gain < 0.25 * top_ptext || gain < 0.65 * extra || extra_links > 0.15 * extra {
            break;
        }
        top = ancestor;
        top_ptext = ancestor_ptext;
    }
    top
}

/// The candidate plus siblings that score well or read like paragraphs.
fn merge_siblings<'a>(
    top: Dom<'a>,
    scores: &Scores<'a>,
    stats: &TextStats,
    junk: &Junk,
) -> Vec<Dom<'a>> {
    let Some(parent) = top.parent().filter(|p| !matches!(tag(p), "html" | "")) else {
        return vec![top];
    };
    let top_score = scores.candidates.get(&top.id()).map(|e| final_score(e, stats)).unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = element(&top).and_then(|e| e.attr("class")).filter(|c| !c.is_empty());
    parent
        .children()
        .filter(|sib| {
            if *sib == top {
                return true;
            }
            let Some(el) = element(sib) else { return false };
            if junk.contains(sib) {
                return false;
            }
            let bonus = if top_class.is_some() && el.attr("class") == top_class {
                top_score * 0.2
            } else {
                0.0
            };
            let score =
                scores.candidates.get(&sib.id()).map(|e| final_score(e, stats)).unwrap_or(0.0);
            score + bonus >= threshold
                || (el.name() == "p" && reads_like_paragraph(stats.get(sib), sib, junk))
        })
        .collect()
}

fn reads_like_paragraph(s: Stats, node: &Dom<'_>, junk: &Junk) -> bool {
    let density = s.link_density();
    if s.chars > 80 {
        return density < 0.25;
    }
    let ends_sentence = collapse(&text_of(*node, junk)).ends_with('.');
    s.chars > 0 && density == 0.0 && ends_sentence
}
