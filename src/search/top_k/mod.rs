//! The first stage's top k: every posting list of the query read flat, a
//! window of passages at a time, giving the same scores and the same top k
//! as running [`build`]'s query through tantivy's `TopDocs`.
//!
//! Why by hand: tantivy evaluates the query as nested scorers (a union of
//! concept groups, each a `dis_max` union of its wordings, and beside it a
//! second such union on the title), so every matching posting passes through
//! two levels of buffered unions and dynamically dispatched calls, and the
//! title union is probed for every matching passage: 79 % of a default
//! request (BENCHMARKS.md). Its block-max WAND does not apply (it prunes only
//! a flat sum of term queries). Bounds-based pruning (MaxScore) is left out:
//! BM25 upper bounds on one-paragraph passages are loose, and with 200
//! candidates the k-th score tends to stay below the sum of the bounds of the
//! title and tie-breaker parts (reasoned, not measured). Plain ranking, whose
//! query is a flat sum, keeps tantivy's pruned `TopDocs` (BENCHMARKS.md §11).
//!
//! Here each term's postings are decoded block by block and scored in a tight
//! loop into per-window accumulators (per passage and group: best score and
//! sum, as `dis_max` needs); phrases use tantivy's own scorer. Title postings
//! only count for passages the text matched. At the end of a window each
//! matched passage is checked (alive, required groups, filters, exclusions)
//! and its score summed in tantivy's order, so scores are equal bit for bit
//! (tested against `TopDocs`). One exception: with two or more `+` groups,
//! tantivy sums the required groups in order of their posting-list sizes,
//! this code in query order, which can differ in the last bit of a score.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::collector::TopDocs;
use tantivy::fastfield::AliveBitSet;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{Bm25Weight, EnableScoring, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

use crate::error::{Error, Result};
use crate::schema::Fields;
use crate::search::first_stage::{
    alt_boost, alt_query, boosted, build, filter_queries, Filters, TIE_BREAKER,
};
use crate::search::plan::Plan;

/// Passages per window: the accumulators of a window (per passage and group)
/// stay in the CPU cache.
const WINDOW: u32 = 4096;
/// Groups per field the match masks hold; longer queries go through tantivy.
const MAX_GROUPS: usize = 64;

/// The first stage's top `k` as `(score, passage)`, best first (ties by
/// address), as tantivy's `TopDocs` over [`build`]'s query returns them.
pub(crate) fn top_k(
    searcher: &Searcher,
    fields: &Fields,
    plan: &Plan,
    filters: &Filters,
    title_boost: Option<f32>,
    k: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let err = || Error::tantivy("search");
    if plan.groups.is_empty() || plan.groups.len() > MAX_GROUPS {
        // Filters only (every passage matches) or an absurdly long query.
        let query = build(fields, plan, filters, title_boost);
        let collector = TopDocs::with_limit(k.max(1)).order_by_score();
        return searcher.search(&query, &collector).map_err(err());
    }
    let spec = Spec::new(searcher, fields, plan, filters, title_boost).map_err(err())?;
    let mut top = TopK::new(k);
    let mut window = Window::new(plan.groups.len());
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut segment = spec.segment(reader).map_err(err())?;
        segment.run(ord as u32, reader.alive_bitset(), &mut window, &mut top);
    }
    Ok(top.into_sorted())
}

/// How a wording is read in each segment.
enum Source {
    /// A single term, scored here as tantivy's `TermScorer` scores it.
    Term { term: Term, bm25: Bm25Weight },
    /// A phrase: tantivy's own scorer.
    Phrase(Box<dyn Weight>),
}

/// One wording of one group on one field.
struct Slot {
    group: usize,
    title: bool,
    source: Source,
}

/// The query, prepared once for all segments. Slots are in query order:
/// text groups and their wordings, then the same on the title.
struct Spec {
    slots: Vec<Slot>,
    /// Bit g: text group g is required (`+`).
    required: u64,
    filters: Vec<Box<dyn Weight>>,
    excluded: Vec<Box<dyn Weight>>,
}

impl Spec {
    fn new(
        searcher: &Searcher,
        fields: &Fields,
        plan: &Plan,
        filters: &Filters,
        title_boost: Option<f32>,
    ) -> tantivy::Result<Spec> {
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let mut passes = vec![(fields.text, 1.0, false)];
        if let Some(boost) = title_boost {
            passes.push((fields.title, boost, true));
        }
        let mut slots = Vec::new();
        for (field, scale, title) in passes {
            for (group, g) in plan.groups.iter().enumerate() {
                for alt in &g.alts {
                    let boost = alt_boost(alt, scale);
                    let source = match alt.terms.as_slice() {
                        [term] => {
                            let term = Term::from_field_text(field, term);
                            // As `TermQuery` weighs it, boosted as `BoostQuery` does.
                            let bm25 =
                                Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))?
                                    .boost_by(boost);
                            Source::Term { term, bm25 }
                        }
                        _ => Source::Phrase(boosted(alt_query(field, alt), boost).weight(scoring)?),
                    };
                    slots.push(Slot { group, title, source });
                }
            }
        }
        let unscored = EnableScoring::disabled_from_searcher(searcher);
        let weights = |queries: Vec<Box<dyn Query>>| -> tantivy::Result<Vec<Box<dyn Weight>>> {
            queries.iter().map(|q| q.weight(unscored)).collect()
        };
        let required = plan
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.required)
            .fold(0, |m, (i, _)| m | 1 << i);
        Ok(Spec {
            slots,
            required,
            filters: weights(filter_queries(fields, filters))?,
            excluded: weights(plan.excluded.iter().map(|a| alt_query(fields.text, a)).collect())?,
        })
    }

    /// The cursors of one segment (wordings absent from it are left out).
    fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Segment<'_>> {
        let (mut text, mut title) = (Vec::new(), Vec::new());
        for slot in &self.slots {
            let postings = match &slot.source {
                Source::Term { term, bm25 } => Postings::term(reader, term, bm25)?,
                Source::Phrase(weight) => Some(Postings::Phrase(weight.scorer(reader, 1.0)?)),
            };
            let Some(postings) = postings.filter(|p| p.doc() != TERMINATED) else { continue };
            let cursor = Cursor { group: slot.group, postings };
            if slot.title {
                title.push(cursor);
            } else {
                text.push(cursor);
            }
        }
        let docsets = |weights: &[Box<dyn Weight>]| -> tantivy::Result<Vec<Box<dyn Scorer>>> {
            weights.iter().map(|w| w.scorer(reader, 1.0)).collect()
        };
        Ok(Segment {
            spec: self,
            text,
            title,
            filters: docsets(&self.filters)?,
            excluded: docsets(&self.excluded)?,
        })
    }
}

/// A wording's postings in one segment.
// A few dozen per query, in one `Vec` per segment: their size does not
// matter, an extra indirection to the block in the scoring loop would.
#[allow(clippy::large_enum_variant)]
enum Postings {
    /// Decoded block by block; `next` indexes the current block.
    Term {
        block: BlockSegmentPostings,
        next: usize,
        norms: FieldNormReader,
        bm25: Bm25Weight,
    },
    Phrase(Box<dyn Scorer>),
}

impl Postings {
    /// Mirrors tantivy's `TermWeight::specialized_scorer`.
    fn term(
        reader: &SegmentReader,
        term: &Term,
        bm25: &Bm25Weight,
    ) -> tantivy::Result<Option<Postings>> {
        let field = term.field();
        let inverted = reader.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(term)? else { return Ok(None) };
        let block =
            inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let norms = match reader.fieldnorms_readers().get_field(field)? {
            Some(norms) => norms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Some(Postings::Term { block, next: 0, norms, bm25: bm25.clone() }))
    }

    /// The current document (`TERMINATED` at the end).
    fn doc(&self) -> DocId {
        match self {
            Postings::Term { block, next, .. } => {
                block.docs().get(*next).copied().unwrap_or(TERMINATED)
            }
            Postings::Phrase(scorer) => scorer.doc(),
        }
    }

    /// Moves to the first document at or after `target`.
    fn seek(&mut self, target: DocId) {
        match self {
            Postings::Term { block, next, .. } => {
                if block.docs().get(*next).is_some_and(|&d| d < target) {
                    *next = block.seek(target);
                    if *next >= block.docs().len() {
                        // Past the last document: the block after it is empty.
                        block.advance();
                        *next = 0;
                    }
                }
            }
            Postings::Phrase(scorer) => {
                if scorer.doc() < target {
                    scorer.seek(target);
                }
            }
        }
    }

    /// Calls `f(doc, score)` for every document before `end` that `keep`
    /// accepts, and moves past them all.
    #[inline]
    fn drain(&mut self, end: DocId, keep: impl Fn(DocId) -> bool, mut f: impl FnMut(DocId, Score)) {
        match self {
            Postings::Term { block, next, norms, bm25 } => loop {
                let (docs, freqs) = (block.docs(), block.freqs());
                if docs.is_empty() {
                    return;
                }
                while *next < docs.len() {
                    let doc = docs[*next];
                    if doc >= end {
                        return;
                    }
                    if keep(doc) {
                        f(doc, bm25.score(norms.fieldnorm_id(doc), freqs[*next]));
                    }
                    *next += 1;
                }
                block.advance();
                *next = 0;
            },
            Postings::Phrase(scorer) => {
                while scorer.doc() < end {
                    let doc = scorer.doc();
                    if keep(doc) {
                        f(doc, scorer.score());
                    }
                    scorer.advance();
                }
            }
        }
    }
}

/// A wording's postings and the group it counts for.
struct Cursor {
    group: usize,
    postings: Postings,
}

/// Per passage of a window and per group: the best score of a wording and
/// the sum of them, which make the group's `dis_max`.
#[derive(Clone, Copy, Default)]
struct Acc {
    max: Score,
    sum: Score,
}

impl Acc {
    /// Exactly as tantivy's `DisjunctionMaxCombiner::update`.
    #[inline]
    fn add(&mut self, score: Score) {
        self.max = Score::max(score, self.max);
        self.sum += score;
    }

    /// Exactly as `DisjunctionMaxCombiner::score` (for a single wording,
    /// whose query has no `dis_max`, this is its score unchanged).
    #[inline]
    fn dis_max(&self) -> Score {
        self.max + (self.sum - self.max) * TIE_BREAKER
    }
}

/// The accumulators of one window, reused across windows and segments.
struct Window {
    groups: usize,
    /// Passages the text matched, one bit each.
    hit: Vec<u64>,
    /// Per passage: the text and title groups it matched.
    text_groups: Vec<u64>,
    title_groups: Vec<u64>,
    /// Per passage and group.
    text: Vec<Acc>,
    title: Vec<Acc>,
}

impl Window {
    fn new(groups: usize) -> Window {
        let n = WINDOW as usize;
        Window {
            groups,
            hit: vec![0; n / 64],
            text_groups: vec![0; n],
            title_groups: vec![0; n],
            text: vec![Acc::default(); n * groups],
            title: vec![Acc::default(); n * groups],
        }
    }
}

/// One segment's cursors, filters and exclusions.
struct Segment<'a> {
    spec: &'a Spec,
    /// Text wordings in query order (the order tantivy combines them in).
    text: Vec<Cursor>,
    title: Vec<Cursor>,
    filters: Vec<Box<dyn Scorer>>,
    excluded: Vec<Box<dyn Scorer>>,
}

impl Segment<'_> {
    /// Scores every passage the text matches into `top`, a window at a time.
    fn run(&mut self, ord: u32, alive: Option<&AliveBitSet>, w: &mut Window, top: &mut TopK) {
        let g = w.groups;
        loop {
            let start = self.text.iter().map(|c| c.postings.doc()).min().unwrap_or(TERMINATED);
            if start == TERMINATED {
                return;
            }
            let end = start.saturating_add(WINDOW);
            for c in &mut self.text {
                let (group, bit) = (c.group, 1u64 << c.group);
                c.postings.drain(
                    end,
                    |_| true,
                    |doc, score| {
                        let i = (doc - start) as usize;
                        w.hit[i / 64] |= 1 << (i % 64);
                        w.text_groups[i] |= bit;
                        w.text[i * g + group].add(score);
                    },
                );
            }
            // Title wordings count only where the text matched. In query
            // order too: a group's sum depends on the order of its wordings.
            for c in &mut self.title {
                c.postings.seek(start);
                let (group, bit) = (c.group, 1u64 << c.group);
                let hit = &w.hit;
                let matched = |doc: DocId| {
                    let i = (doc - start) as usize;
                    hit[i / 64] & (1 << (i % 64)) != 0
                };
                let (title_groups, title) = (&mut w.title_groups, &mut w.title);
                c.postings.drain(end, matched, |doc, score| {
                    let i = (doc - start) as usize;
                    title_groups[i] |= bit;
                    title[i * g + group].add(score);
                });
            }
            self.finish(start, ord, alive, w, top);
        }
    }

    /// Checks and scores the matched passages of the window starting at
    /// `start`, and clears the window.
    fn finish(
        &mut self,
        start: DocId,
        ord: u32,
        alive: Option<&AliveBitSet>,
        w: &mut Window,
        top: &mut TopK,
    ) {
        let g = w.groups;
        let required = self.spec.required;
        let unconditional =
            alive.is_none() && required == 0 && self.filters.is_empty() && self.excluded.is_empty();
        for word in 0..w.hit.len() {
            let mut bits = std::mem::take(&mut w.hit[word]);
            while bits != 0 {
                let i = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let doc = start + i as DocId;
                let text_groups = std::mem::take(&mut w.text_groups[i]);
                let title_groups = std::mem::take(&mut w.title_groups[i]);
                let text = &mut w.text[i * g..(i + 1) * g];
                let title = &mut w.title[i * g..(i + 1) * g];
                if unconditional || self.accepts(doc, text_groups, alive) {
                    let text_score = text_score(required, text_groups, text);
                    let score = if title_groups == 0 {
                        text_score
                    } else {
                        // tantivy's `RequiredOptionalScorer`: 0 + text + title.
                        text_score + sum(title_groups, title)
                    };
                    top.push(score, DocAddress::new(ord, doc));
                }
                clear(text_groups, text);
                clear(title_groups, title);
            }
        }
    }

    /// Alive, every required group matched, passes the filters, excluded
    /// by nothing.
    fn accepts(&mut self, doc: DocId, groups: u64, alive: Option<&AliveBitSet>) -> bool {
        let required = self.spec.required;
        let at = |set: &mut Box<dyn Scorer>| {
            if set.doc() < doc {
                set.seek(doc);
            }
            set.doc() == doc
        };
        alive.map_or(true, |a| a.is_alive(doc))
            && groups & required == required
            && self.filters.iter_mut().all(at)
            && !self.excluded.iter_mut().any(at)
    }
}

/// The text part, summed as tantivy's boolean query sums it: the required
/// groups (its `Intersection`: first + second + the sum of the others), then
/// the optional ones added (`RequiredOptionalScorer`); or, with no required
/// group, the matched groups in order.
fn text_score(required: u64, groups: u64, accs: &[Acc]) -> Score {
    let optional = groups & !required;
    if groups & required == 0 {
        return sum(optional, accs);
    }
    let mut req = bits_of(groups & required).map(|g| accs[g].dis_max());
    let first = req.next().unwrap_or(0.0);
    let req = match req.next() {
        None => first,
        Some(second) => first + second + req.sum::<Score>(),
    };
    if optional == 0 {
        req
    } else {
        req + sum(optional, accs)
    }
}

/// The `dis_max` of the groups in `groups`, summed in group order from 0
/// (tantivy's `SumCombiner`).
#[inline]
fn sum(mut groups: u64, accs: &[Acc]) -> Score {
    let mut total = 0.0;
    while groups != 0 {
        total += accs[groups.trailing_zeros() as usize].dis_max();
        groups &= groups - 1;
    }
    total
}

/// Resets the accumulators of `groups`.
#[inline]
fn clear(mut groups: u64, accs: &mut [Acc]) {
    while groups != 0 {
        accs[groups.trailing_zeros() as usize] = Acc::default();
        groups &= groups - 1;
    }
}

/// The set bits of `mask`, lowest first.
fn bits_of(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let g = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(g)
    })
}

/// The best k `(score, address)` seen, with tantivy's order: higher score
/// first, then lower address.
struct TopK {
    k: usize,
    heap: BinaryHeap<Reverse<Entry>>,
    /// The lowest score held once k are held, else −∞.
    threshold: Score,
}

struct Entry(Score, DocAddress);

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.partial_cmp(&other.0).unwrap_or(Ordering::Equal).then_with(|| other.1.cmp(&self.1))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK { k, heap: BinaryHeap::with_capacity(k), threshold: Score::NEG_INFINITY }
    }

    /// Offers a passage. Passages arrive in address order, so once k are
    /// held a later one must score strictly higher to displace one.
    #[inline]
    fn push(&mut self, score: Score, doc: DocAddress) {
        if self.heap.len() < self.k {
            self.heap.push(Reverse(Entry(score, doc)));
        } else if score > self.threshold {
            if let Some(mut min) = self.heap.peek_mut() {
                *min = Reverse(Entry(score, doc));
            }
        } else {
            return;
        }
        if self.heap.len() == self.k {
            self.threshold = self.heap.peek().map_or(Score::NEG_INFINITY, |e| e.0 .0);
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut out: Vec<Entry> = self.heap.into_iter().map(|Reverse(e)| e).collect();
        out.sort_by(|a, b| b.cmp(a));
        out.into_iter().map(|Entry(s, d)| (s, d)).collect()
    }
}

#[cfg(test)]
mod tests;
