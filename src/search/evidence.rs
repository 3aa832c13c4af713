//! Where the query's wordings occur in candidate passages, read from the
//! postings lists (positions) rather than from stored text, so re-scoring a
//! few hundred candidates needs no document loads.

use std::collections::HashMap;

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

use crate::error::{Error, Result};
use crate::search::plan::Plan;

/// Occurrences kept per wording and passage: enough for proximity, bounded
/// so a passage repeating a word cannot make re-scoring slow.
const MAX_OCCURRENCES: usize = 32;

/// One occurrence of a wording in a passage, as token positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub start: u32,
    /// Last position, inclusive.
    pub end: u32,
    pub group: usize,
    pub alt: usize,
}

/// What of the query a passage contains.
#[derive(Clone, Debug, Default)]
pub(crate) struct Evidence {
    /// Occurrences in the passage text, sorted by start.
    pub text: Vec<Occurrence>,
    /// Per group: weight of the best wording found in the passage text.
    pub coverage: Vec<f32>,
    /// Per group: weight of the best wording found in the article title.
    pub title: Vec<f32>,
}

/// The distinct terms of the plan, and each wording as indices into them
/// (computed once per query so the per-candidate loops do no hashing).
struct TermPositions {
    terms: Vec<String>,
    /// alts[group][alt] = term indices of that wording.
    alts: Vec<Vec<Vec<usize>>>,
}

impl TermPositions {
    fn new(plan: &Plan) -> TermPositions {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut terms = Vec::new();
        let mut alts = Vec::with_capacity(plan.groups.len());
        for g in &plan.groups {
            let mut group = Vec::with_capacity(g.alts.len());
            for a in &g.alts {
                let ids = a
                    .terms
                    .iter()
                    .map(|t| {
                        *index.entry(t.clone()).or_insert_with(|| {
                            terms.push(t.clone());
                            terms.len() - 1
                        })
                    })
                    .collect();
                group.push(ids);
            }
            alts.push(group);
        }
        TermPositions { terms, alts }
    }
}

/// Gathers the evidence for each candidate (same order as `docs`).
/// `articles[i]` is the article key of `docs[i]`: every passage of an
/// article carries the same title, so titles are read once per article.
/// Without a title field (Plain ranking, which has no title feature) the
/// title weights are all 0 and no title postings are read.
pub(crate) fn gather(
    searcher: &Searcher,
    plan: &Plan,
    (text, title): (Field, Option<Field>),
    docs: &[DocAddress],
    articles: &[u64],
) -> Result<Vec<Evidence>> {
    let terms = TermPositions::new(plan);
    let text_pos = positions(searcher, &terms, text, docs)?;
    let mut first_of: HashMap<u64, usize> = HashMap::new();
    let mut representatives = Vec::new();
    let slot: Vec<usize> = articles
        .iter()
        .zip(docs)
        .map(|(&a, &d)| {
            *first_of.entry(a).or_insert_with(|| {
                representatives.push(d);
                representatives.len() - 1
            })
        })
        .collect();
    let titles: Vec<Vec<f32>> = match title {
        Some(title) => positions(searcher, &terms, title, &representatives)?
            .iter()
            .map(|p| best_weights(plan, &occurrences(&terms, p)))
            .collect(),
        None => vec![vec![0.0; plan.groups.len()]; representatives.len()],
    };
    Ok((0..docs.len())
        .map(|i| {
            let text = occurrences(&terms, &text_pos[i]);
            let coverage = best_weights(plan, &text);
            Evidence { text, coverage, title: titles[slot[i]].clone() }
        })
        .collect())
}

/// For each candidate, for each term: its sorted positions in `field`.
fn positions(
    searcher: &Searcher,
    terms: &TermPositions,
    field: Field,
    docs: &[DocAddress],
) -> Result<Vec<Vec<Vec<u32>>>> {
    let mut out = vec![vec![Vec::new(); terms.terms.len()]; docs.len()];
    let mut by_segment: HashMap<u32, Vec<(DocId, usize)>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        by_segment.entry(d.segment_ord).or_default().push((d.doc_id, i));
    }
    for (segment, mut local) in by_segment {
        local.sort_unstable();
        let reader = searcher.segment_reader(segment);
        let inverted = reader.inverted_index(field).map_err(Error::tantivy("read postings"))?;
        for (ti, term) in terms.terms.iter().enumerate() {
            let term = Term::from_field_text(field, term);
            let postings = inverted
                .read_postings(&term, IndexRecordOption::WithFreqsAndPositions)
                .map_err(|e| Error::tantivy("read postings")(e.into()))?;
            let Some(mut postings) = postings else { continue };
            for &(doc, i) in &local {
                if postings.doc() == TERMINATED {
                    break;
                }
                if postings.doc() <= doc && postings.seek(doc) == doc {
                    postings.positions(&mut out[i][ti]);
                }
            }
        }
    }
    Ok(out)
}

/// Every occurrence of every wording, given per-term positions.
fn occurrences(terms: &TermPositions, pos: &[Vec<u32>]) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (g, alts) in terms.alts.iter().enumerate() {
        for (a, ids) in alts.iter().enumerate() {
            let first = &pos[ids[0]];
            if first.is_empty() || ids[1..].iter().any(|&t| pos[t].is_empty()) {
                continue;
            }
            let mut found = 0;
            for &start in first {
                let rest = ids.iter().enumerate().skip(1);
                if rest.clone().all(|(k, &t)| pos[t].binary_search(&(start + k as u32)).is_ok()) {
                    let end = start + ids.len() as u32 - 1;
                    out.push(Occurrence { start, end, group: g, alt: a });
                    found += 1;
                    if found == MAX_OCCURRENCES {
                        break;
                    }
                }
            }
        }
    }
    out.sort_unstable_by_key(|o| (o.start, o.end));
    out
}

/// Per group: the weight of the best wording among `occ` (0 when none).
fn best_weights(plan: &Plan, occ: &[Occurrence]) -> Vec<f32> {
    let mut out = vec![0.0f32; plan.groups.len()];
    for o in occ {
        let w = plan.groups[o.group].alts[o.alt].weight;
        out[o.group] = out[o.group].max(w);
    }
    out
}
