//! The search pipeline, one file per step, in the order a request flows:
//!
//! 1. [`parse`]: user text -> clauses, filters and warnings (lenient);
//! 2. [`plan`]: clauses -> concept groups, expanded with the [`lexicon`];
//!    [`idf`] weighs the groups;
//! 3. [`first_stage`]: the query (groups, exclusions, filters);
//!    [`top_k`] its BM25 top k; [`candidate`] reads their fast-field keys;
//! 4. [`evidence`]: where each group's wordings occur in each candidate;
//! 5. [`rerank`]: second-stage features and their weighted sum; [`roles`]
//!    reads what the query asks of transfers (with [`cues`]) for the
//!    `roles` feature;
//! 6. [`collapse`]: syndicated copies folded, per-article cap, paging;
//! 7. [`hits`]: stored fields, highlights and explanations of the page.
//!
//! This file runs the steps for [`SearchRequest`]s.

pub(crate) mod candidate;
pub(crate) mod collapse;
pub(crate) mod cues;
pub(crate) mod evidence;
pub(crate) mod first_stage;
pub(crate) mod hits;
pub(crate) mod idf;
pub(crate) mod lexicon;
pub(crate) mod parse;
pub(crate) mod plan;
pub(crate) mod rerank;
pub(crate) mod roles;
pub(crate) mod top_k;
pub(crate) mod transfer_filter;

use tantivy::collector::TopDocs;
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};

use crate::error::{Error, Result};
use crate::hit::SearchResults;
use crate::index::NewsIndex;
use crate::request::{Ranking, RankingWeights, SearchRequest};
use crate::search::candidate::{doc_keys, DocKey};
use crate::search::collapse::{cap, collapse};
use crate::search::evidence::Evidence;
use crate::search::first_stage::Filters;
use crate::search::hits::Ranked;
use crate::search::parse::{Occur, ParsedQuery};
use crate::search::plan::Plan;
use crate::search::rerank::Features;
use crate::search::roles::Intent;
use crate::search::transfer_filter::TransferFilter;

/// Fewest first-stage candidates re-ranked: enough for the per-article cap
/// and collapse to still fill a page.
const MIN_CANDIDATES: usize = 200;
/// Most candidates: bounds second-stage work (latency) on deep pages.
const MAX_CANDIDATES: usize = 2000;

/// Most expansion wordings per query group the first stage searches with
/// ([`Plan::bounded`]; the second stage still reads them all). Passage
/// nDCG@10 on the dev topics (BENCHMARKS.md §11) by this bound: all 0.8308,
/// 16 and 12 0.8378, 8 and 6 0.8364, 4 0.8277, 2 0.8228, none 0.7924. The
/// default request's thread-CPU mean over the query bench: 4.5 -> 3.3 ms.
const FIRST_STAGE_EXPANSIONS: usize = 8;

/// What the second stage needs beyond the prepared request.
pub(crate) struct Stage2<'a> {
    /// Per query group, its weight in coverage, context and title.
    pub group_weights: &'a [f32],
    /// What the query asks of transfers.
    pub intent: &'a Intent,
}

/// A request turned into a plan, filters and the query.
pub(crate) struct Prepared {
    pub plan: Plan,
    pub filters: Filters,
    pub warnings: Vec<String>,
    pub weights: RankingWeights,
    /// The words of the positive clauses, in order (for [`roles`]).
    pub words: Vec<String>,
}

/// The words of the query's positive clauses, in order.
fn positive_words(parsed: &ParsedQuery) -> Vec<String> {
    parsed
        .clauses
        .iter()
        .filter(|c| c.occur != Occur::MustNot)
        .flat_map(|c| &c.units)
        .flat_map(|u| u.text.split_whitespace())
        .map(String::from)
        .collect()
}

/// The page a search serves: the request's, within [`SearchLimits`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Page {
    pub offset: usize,
    pub limit: usize,
}

/// Date filters that no article can pass say so (else: no hits, silently).
fn date_warnings(filters: &Filters, warnings: &mut Vec<String>) {
    use newsdex_ingest::{EARLIEST_PUBLISHED, LATEST_PUBLISHED};
    if let (Some(after), Some(before)) = (filters.after, filters.before) {
        if after > before {
            warnings
                .push(format!("after {after} is later than before {before}: no article can match"));
        }
    }
    if filters.before.is_some_and(|d| d < EARLIEST_PUBLISHED)
        || filters.after.is_some_and(|d| d > LATEST_PUBLISHED)
    {
        warnings.push(format!(
            "articles are dated {EARLIEST_PUBLISHED} to {LATEST_PUBLISHED} (others are undated): \
             no dated article can match"
        ));
    }
}

impl NewsIndex {
    /// Parses the request's text, expands it and merges its filters, all
    /// within the index's [`SearchLimits`].
    pub(crate) fn prepare(&self, req: &SearchRequest) -> Prepared {
        let inner = &self.inner;
        let limits = &inner.limits;
        let mut warnings = Vec::new();
        let mut parsed = parse::parse(limits.cut_text(&req.text, &mut warnings));
        limits.cap_clauses(&mut parsed);
        warnings.append(&mut parsed.warnings);
        let weights = req.weights.unwrap_or(inner.weights);
        let full = req.ranking == Ranking::Full;
        let lexicon = (full && req.expand).then_some(&inner.lexicon);
        let mut plan =
            plan::plan(&parsed, &mut crate::analysis::en_news(), lexicon, weights.expansion);
        if full {
            plan.drop_stop_words();
        }
        limits.cap_plan(&mut plan, &mut warnings);
        let words = positive_words(&parsed);
        let both = |a: &[String], b: &[String]| [a, b].concat();
        let (suppliers, recipients, parties) = (
            both(&req.suppliers, &parsed.suppliers),
            both(&req.recipients, &parsed.recipients),
            both(&req.parties, &parsed.parties),
        );
        let typed = transfer_filter::Typed {
            suppliers: &suppliers,
            recipients: &recipients,
            parties: &parties,
            status_words: &parsed.statuses,
            statuses: &req.statuses,
        };
        let filters = Filters {
            after: req.after.max(parsed.after),
            before: match (req.before, parsed.before) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            outlets: both(&req.outlets, &parsed.outlets),
            agencies: both(&req.agencies, &parsed.agencies),
            transfers: TransferFilter::resolve(&inner.extractor, typed, &mut warnings),
        };
        date_warnings(&filters, &mut warnings);
        Prepared { plan, filters, warnings, weights, words }
    }

    /// Runs a search.
    ///
    /// Errors only on a failing index (damaged files, I/O): what the query
    /// text or paging asks beyond [`crate::SearchLimits`] is cut, with a
    /// warning in [`SearchResults::warnings`].
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        self.guard(|| self.run_search(req))
    }

    fn run_search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let mut prepared = self.prepare(req);
        let (offset, limit) = self.inner.limits.page(req.offset, req.limit, &mut prepared.warnings);
        let page = Page { offset, limit };
        if !first_stage::has_text(&prepared.plan) && !prepared.filters.any() {
            prepared.warnings.push("nothing to search for".to_string());
            return Ok(SearchResults {
                hits: Vec::new(),
                total_candidates: 0,
                warnings: prepared.warnings,
                roles: Default::default(),
            });
        }
        let full = req.ranking == Ranking::Full;
        let fields = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let mut group_weights = if full {
            idf::weigh_groups(&mut prepared.plan, &searcher, fields.text)
        } else {
            Vec::new()
        };
        // Read only when it can score, or to explain (the reading then
        // changes nothing: source words keep their weight).
        let roles_on = full && prepared.weights.roles != 0.0;
        let intent = if roles_on || (full && req.explain) {
            let inner = &self.inner;
            let source = |phrase: &str| roles::indexed_source(&searcher, fields, phrase);
            Intent::read(&prepared.words, &inner.extractor, &inner.cues, source)
        } else {
            Intent::default()
        };
        if roles_on {
            // A named outlet is soft evidence (the `roles` feature), not a
            // word the passage must contain.
            for g in intent.source_groups(&prepared.plan) {
                group_weights[g] = 0.0;
            }
        }
        let wanted = page.offset + page.limit;
        let limit = if full {
            wanted.saturating_mul(10).clamp(MIN_CANDIDATES, MAX_CANDIDATES.max(wanted))
        } else {
            wanted.max(1)
        };
        let top = if full {
            let title_boost = Some(prepared.weights.title_boost);
            let plan = prepared.plan.bounded(FIRST_STAGE_EXPANSIONS);
            top_k::top_k(&searcher, fields, &plan, &prepared.filters, title_boost, limit)?
        } else {
            // A flat sum of term queries: tantivy's block-max WAND prunes it,
            // which the exhaustive windows of `top_k` cannot (2× slower here).
            let query = first_stage::build(fields, &prepared.plan, &prepared.filters, None);
            searcher
                .search(&query, &TopDocs::with_limit(limit).order_by_score())
                .map_err(Error::tantivy("search"))?
        };
        let total_candidates = top.len();
        let ranked = if full {
            let stage2 = Stage2 { group_weights: &group_weights, intent: &intent };
            self.rerank(&searcher, &prepared, &stage2, req, page, top)?
        } else {
            self.plain(&searcher, &prepared, page, top)?
        };
        let hits = hits::hits(self, &searcher, &prepared, req, page.offset, ranked)?;
        Ok(SearchResults {
            hits,
            total_candidates,
            warnings: prepared.warnings,
            roles: intent.describe(),
        })
    }

    fn rerank(
        &self,
        searcher: &Searcher,
        p: &Prepared,
        stage2: &Stage2<'_>,
        req: &SearchRequest,
        page: Page,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Ranked>> {
        let (keys, evidence) = self.keys_and_evidence(searcher, p, &top, true)?;
        let group_weights = stage2.group_weights;
        let roles = self.roles_feature(searcher, p, stage2.intent, &top, &evidence)?;
        let max = top.iter().map(|(s, _)| *s).fold(0.0f32, f32::max);
        let w = &p.weights;
        let word_order = req.explain || w.proximity != 0.0 || w.phrase != 0.0;
        let articles =
            rerank::article_coverage(&p.plan, keys.iter().map(|k| k.article).zip(&evidence));
        let mut ranked: Vec<Ranked> = top
            .into_iter()
            .zip(evidence)
            .zip(keys)
            .zip(roles)
            .map(|((((bm25, doc), ev), key), roles)| {
                let article = &articles[&key.article];
                let norm = if max > 0.0 { bm25 / max } else { 0.0 };
                let mut features =
                    Features::of(&p.plan, group_weights, &ev, article, norm, key.body, word_order);
                features.roles = roles;
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
        Ok(collapse::page(cap(ranked, req.per_article), page))
    }

    /// The `roles` feature of each candidate (all 0 when the query asks
    /// nothing of transfers): its transfer codes from the fast column, and
    /// whether it comes from or names a source the query names.
    fn roles_feature(
        &self,
        searcher: &Searcher,
        p: &Prepared,
        intent: &Intent,
        top: &[(f32, DocAddress)],
        evidence: &[Evidence],
    ) -> Result<Vec<f32>> {
        if intent.is_empty() {
            return Ok(vec![0.0; top.len()]);
        }
        let docs: Vec<DocAddress> = top.iter().map(|(_, d)| *d).collect();
        let codes = candidate::transfer_codes(searcher, &docs)?;
        let fields = &self.inner.fields;
        let values: Vec<(Field, String)> = intent
            .sources
            .iter()
            .flat_map(|s| [(fields.outlet, s.value.clone()), (fields.agency, s.value.clone())])
            .collect();
        let from_source = candidate::having_any(searcher, &values, &docs)?;
        let named = intent.source_groups(&p.plan);
        Ok(codes
            .iter()
            .zip(from_source)
            .zip(evidence)
            .map(|((codes, from), ev)| {
                let names = named.iter().any(|&g| ev.coverage.get(g).is_some_and(|&c| c > 0.0));
                intent.score(codes, from || names)
            })
            .collect())
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
        page: Page,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Ranked>> {
        let top: Vec<_> = top.into_iter().skip(page.offset).take(page.limit).collect();
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
