//! Ranked candidates -> [`Hit`]s: stored fields, highlights, explanations
//! and syndicated copies. Only the final page's documents are loaded.

use std::ops::Range;

use newsdex_transfers::Transfer;
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::analysis;
use crate::error::{Error, Result};
use crate::hit::{mark, AlsoIn, Hit, Matched};
use crate::index::NewsIndex;
use crate::request::SearchRequest;
use crate::schema::Fields;
use crate::search::candidate::DocKey;
use crate::search::evidence::Evidence;
use crate::search::plan::Plan;
use crate::search::rerank::Features;
use crate::search::Prepared;

/// A candidate on its way to becoming a hit.
pub(crate) struct Ranked {
    pub doc: DocAddress,
    pub score: f32,
    pub bm25: f32,
    pub key: DocKey,
    pub evidence: Evidence,
    pub features: Option<Features>,
    pub also_in: Vec<DocAddress>,
}

/// Builds the hits of a page.
pub(crate) fn hits(
    index: &NewsIndex,
    searcher: &Searcher,
    p: &Prepared,
    req: &SearchRequest,
    offset: usize,
    ranked: Vec<Ranked>,
) -> Result<Vec<Hit>> {
    let fields = &index.inner.fields;
    // One analyzer for the page: its stem memo carries over from hit to hit.
    let mut analyzer = analysis::en_news();
    ranked
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let doc: TantivyDocument = load(searcher, r.doc)?;
            let mut hit = base_hit(fields, &doc, offset + i + 1, r.score);
            if req.highlight {
                hit.highlights = highlights(&mut analyzer, &hit.text, &r.evidence);
                hit.highlighted = mark(&hit.text, &hit.highlights);
            } else {
                hit.highlighted = hit.text.clone();
            }
            if req.explain {
                hit.matched = matched(&p.plan, &r.evidence);
                hit.features = r.features;
            }
            for d in &r.also_in {
                hit.also_in.push(also_in(fields, &load(searcher, *d)?));
            }
            Ok(hit)
        })
        .collect()
}

fn load(searcher: &Searcher, doc: DocAddress) -> Result<TantivyDocument> {
    searcher.doc(doc).map_err(Error::tantivy("load a passage"))
}

/// The first stored string of `field` in `doc`.
pub(crate) fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

fn base_hit(f: &Fields, doc: &TantivyDocument, rank: usize, score: f32) -> Hit {
    Hit {
        rank,
        score,
        article_id: text(doc, f.article_id).unwrap_or_default(),
        title: text(doc, f.title).unwrap_or_default(),
        outlet: text(doc, f.outlet),
        agency: text(doc, f.agency),
        published: text(doc, f.published_text),
        url: text(doc, f.url),
        section: text(doc, f.section),
        kind: kind(f, doc),
        ordinal: ordinal(f, doc),
        text: text(doc, f.text).unwrap_or_default(),
        highlights: Vec::new(),
        highlighted: String::new(),
        transfers: transfers(doc, f.transfers),
        also_in: Vec::new(),
        matched: Vec::new(),
        features: None,
    }
}

/// The stored transfers of a passage; none when absent or unreadable (an
/// index written by something else), which a hit survives.
pub(crate) fn transfers(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<Transfer> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

/// The stored passage kind (`body` when absent).
pub(crate) fn kind(f: &Fields, doc: &TantivyDocument) -> String {
    text(doc, f.kind).unwrap_or_else(|| "body".into())
}

/// The stored passage ordinal.
pub(crate) fn ordinal(f: &Fields, doc: &TantivyDocument) -> u32 {
    doc.get_first(f.ordinal).and_then(|v| v.as_u64()).unwrap_or(0) as u32
}

fn also_in(f: &Fields, doc: &TantivyDocument) -> AlsoIn {
    AlsoIn {
        article_id: text(doc, f.article_id).unwrap_or_default(),
        outlet: text(doc, f.outlet),
        title: text(doc, f.title).unwrap_or_default(),
        url: text(doc, f.url),
    }
}

/// Byte ranges of the matched occurrences: the passage is re-tokenized with
/// the index analyzer, whose positions are those of the postings.
fn highlights(analyzer: &mut TextAnalyzer, text: &str, ev: &Evidence) -> Vec<Range<usize>> {
    if ev.text.is_empty() {
        return Vec::new();
    }
    let tokens = analysis::analyze(analyzer, text);
    let offsets = |pos: u32| {
        tokens
            .binary_search_by_key(&(pos as usize), |t| t.position)
            .ok()
            .map(|i| &tokens[i].offsets)
    };
    let mut ranges: Vec<Range<usize>> =
        ev.text.iter().filter_map(|o| Some(offsets(o.start)?.start..offsets(o.end)?.end)).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        // Adjacent matches separated by spaces read as one: «arms dealings».
        match out.last_mut() {
            Some(last) if r.start <= last.end || text[last.end..r.start].trim().is_empty() => {
                last.end = last.end.max(r.end)
            }
            _ => out.push(r),
        }
    }
    out
}

/// The wordings that matched, typed ones first.
fn matched(plan: &Plan, ev: &Evidence) -> Vec<Matched> {
    let mut seen: Vec<(usize, usize)> = ev.text.iter().map(|o| (o.group, o.alt)).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.into_iter()
        .map(|(g, a)| {
            let (group, alt) = (&plan.groups[g], &plan.groups[g].alts[a]);
            let from = if alt.typed || group.expanded_from.is_empty() {
                group.label.clone()
            } else {
                format!("{} ({})", group.label, group.expanded_from.join(", "))
            };
            Matched { term: alt.display.clone(), from, weight: alt.weight }
        })
        .collect()
}
