//! Running a [`SearchRequest`]: first stage in tantivy, second stage over
//! the candidates, syndication collapse, per-article cap, paging, hits.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::{DocAddress, Searcher};

use crate::document::BODY_CODE;
use crate::error::{Error, Result};
use crate::evidence::{self, Evidence};
use crate::hit::SearchResults;
use crate::index::NewsIndex;
use crate::materialize::{self, Ranked};
use crate::query::build::{self, Filters};
use crate::query::idf;
use crate::query::parse;
use crate::query::plan::{self, Plan};
use crate::request::{Ranking, RankingWeights, SearchRequest};
use crate::rerank::Features;
use crate::schema::names;

/// Fewest first-stage candidates re-ranked: enough for the per-article cap
/// and collapse to still fill a page.
const MIN_CANDIDATES: usize = 200;
/// Most candidates: bounds second-stage work (latency) on deep pages.
const MAX_CANDIDATES: usize = 2000;

/// A request turned into a plan, filters and the query.
pub(crate) struct Prepared {
    pub plan: Plan,
    pub filters: Filters,
    pub warnings: Vec<String>,
    pub weights: RankingWeights,
}

impl NewsIndex {
    /// Parses the request's text, expands it and merges its filters.
    pub(crate) fn prepare(&self, req: &SearchRequest) -> Prepared {
        let inner = &self.inner;
        let parsed = parse::parse(&req.text);
        let weights = req.weights.unwrap_or(inner.weights);
        let full = req.ranking == Ranking::Full;
        let lexicon = (full && req.expand).then_some(&inner.lexicon);
        let mut plan =
            plan::plan(&parsed, &mut crate::analysis::en_news(), lexicon, weights.expansion);
        if full {
            plan.drop_stop_words();
        }
        let mut filters = Filters {
            after: req.after.max(parsed.after),
            before: match (req.before, parsed.before) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            outlets: req.outlets.clone(),
            agencies: req.agencies.clone(),
        };
        filters.outlets.extend(parsed.outlets);
        filters.agencies.extend(parsed.agencies);
        Prepared { plan, filters, warnings: parsed.warnings, weights }
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let mut prepared = self.prepare(req);
        if !build::has_text(&prepared.plan) && !prepared.filters.any() {
            prepared.warnings.push("nothing to search for".to_string());
            return Ok(SearchResults {
                hits: Vec::new(),
                total_candidates: 0,
                warnings: prepared.warnings,
            });
        }
        let full = req.ranking == Ranking::Full;
        let fields = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let group_weights = if full {
            idf::weigh_groups(&mut prepared.plan, &searcher, fields.text)
        } else {
            Vec::new()
        };
        let query = build::build(
            fields,
            &prepared.plan,
            &prepared.filters,
            full.then_some(prepared.weights.title_boost),
        );
        let wanted = req.offset.saturating_add(req.limit);
        let limit = if full {
            wanted.saturating_mul(10).clamp(MIN_CANDIDATES, MAX_CANDIDATES.max(wanted))
        } else {
            wanted.max(1)
        };
        let top = searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(Error::tantivy("search"))?;
        let total_candidates = top.len();
        let ranked = if full {
            self.rerank(&searcher, &prepared, &group_weights, req, top)?
        } else {
            self.plain(&searcher, &prepared, req, top)?
        };
        let hits = materialize::hits(self, &searcher, &prepared, req, ranked)?;
        Ok(SearchResults { hits, total_candidates, warnings: prepared.warnings })
    }

    fn rerank(
        &self,
        searcher: &Searcher,
        p: &Prepared,
        group_weights: &[f32],
        req: &SearchRequest,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Ranked>> {
        let (keys, evidence) = self.keys_and_evidence(searcher, p, &top, true)?;
        let max = top.iter().map(|(s, _)| *s).fold(0.0f32, f32::max);
        let w = &p.weights;
        let word_order = req.explain || w.proximity != 0.0 || w.phrase != 0.0;
        let articles =
            crate::rerank::article_coverage(&p.plan, keys.iter().map(|k| k.article).zip(&evidence));
        let mut ranked: Vec<Ranked> = top
            .into_iter()
            .zip(evidence)
            .zip(keys)
            .map(|(((bm25, doc), ev), key)| {
                let article = &articles[&key.article];
                let norm = if max > 0.0 { bm25 / max } else { 0.0 };
                let features =
                    Features::of(&p.plan, group_weights, &ev, article, norm, key.body, word_order);
                let score = features.score(&p.weights);
                Ranked {
                    doc,
                    score,
                    bm25,
                    key,
                    evidence: ev,
                    features: Some(features),
                    also_in: Vec::new(),
                }
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then(b.bm25.total_cmp(&a.bm25)).then(a.doc.cmp(&b.doc))
        });
        let ranked = collapse(ranked);
        Ok(page(cap(ranked, req.per_article), req))
    }

    /// The fast-field keys of the candidates and where the query's wordings
    /// occur in them (for features, highlights and explanations); titles are
    /// read only `with_title` (the second stage's title feature needs them).
    fn keys_and_evidence(
        &self,
        searcher: &Searcher,
        p: &Prepared,
        top: &[(f32, DocAddress)],
        with_title: bool,
    ) -> Result<(Vec<DocKey>, Vec<Evidence>)> {
        let fields = &self.inner.fields;
        let docs: Vec<DocAddress> = top.iter().map(|(_, d)| *d).collect();
        let keys = doc_keys(searcher, &docs)?;
        let articles: Vec<u64> = keys.iter().map(|k| k.article).collect();
        let title = with_title.then_some(fields.title);
        let evidence = evidence::gather(searcher, &p.plan, (fields.text, title), &docs, &articles)?;
        Ok((keys, evidence))
    }

    fn plain(
        &self,
        searcher: &Searcher,
        p: &Prepared,
        req: &SearchRequest,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Ranked>> {
        let top: Vec<_> = top.into_iter().skip(req.offset).take(req.limit).collect();
        let (keys, evidence) = self.keys_and_evidence(searcher, p, &top, false)?;
        Ok(top
            .into_iter()
            .zip(evidence)
            .zip(keys)
            .map(|(((bm25, doc), evidence), key)| Ranked {
                doc,
                score: bm25,
                bm25,
                key,
                evidence,
                features: None,
                also_in: Vec::new(),
            })
            .collect())
    }
}

impl Filters {
    /// True when any filter is set.
    pub(crate) fn any(&self) -> bool {
        self.after.is_some()
            || self.before.is_some()
            || !self.outlets.is_empty()
            || !self.agencies.is_empty()
    }
}

/// Fast-field facts about a candidate, read without loading the document.
#[derive(Clone, Debug)]
pub(crate) struct DocKey {
    pub article: u64,
    pub text_hash: u64,
    pub body: bool,
}

fn doc_keys(searcher: &Searcher, docs: &[DocAddress]) -> Result<Vec<DocKey>> {
    let err = || Error::tantivy("read fast fields");
    let mut columns = HashMap::new();
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        if let Entry::Vacant(slot) = columns.entry(d.segment_ord) {
            let ff = searcher.segment_reader(d.segment_ord).fast_fields();
            let keys = ff.u64(names::ARTICLE_KEY).map_err(err())?;
            let kinds = ff.u64(names::KIND_CODE).map_err(err())?;
            let hashes = ff.u64(names::TEXT_HASH).map_err(err())?;
            slot.insert((keys, kinds, hashes));
        }
        let (keys, kinds, hashes) = &columns[&d.segment_ord];
        out.push(DocKey {
            article: keys.first(d.doc_id).unwrap_or(0),
            text_hash: hashes.first(d.doc_id).unwrap_or(0),
            body: kinds.first(d.doc_id).unwrap_or(BODY_CODE) == BODY_CODE,
        });
    }
    Ok(out)
}

/// Folds near-identical passages of other articles (same normalized text)
/// into the best-ranked copy, which lists them under `also_in`.
fn collapse(ranked: Vec<Ranked>) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = Vec::with_capacity(ranked.len());
    let mut first: HashMap<u64, usize> = HashMap::new();
    for r in ranked {
        match first.get(&r.key.text_hash) {
            Some(&i) if out[i].key.article != r.key.article => out[i].also_in.push(r.doc),
            _ => {
                first.entry(r.key.text_hash).or_insert(out.len());
                out.push(r);
            }
        }
    }
    out
}

/// Keeps at most `k` passages per article (0 = all).
fn cap(ranked: Vec<Ranked>, k: usize) -> Vec<Ranked> {
    if k == 0 {
        return ranked;
    }
    let mut seen: HashMap<u64, usize> = HashMap::new();
    ranked
        .into_iter()
        .filter(|r| {
            let n = seen.entry(r.key.article).or_default();
            *n += 1;
            *n <= k
        })
        .collect()
}

fn page(ranked: Vec<Ranked>, req: &SearchRequest) -> Vec<Ranked> {
    ranked.into_iter().skip(req.offset).take(req.limit).collect()
}
