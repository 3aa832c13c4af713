//! The first-stage tantivy query: concept groups over passage text (and
//! title), exclusions, and filters.

use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::analysis;
use crate::schema::{date_value, Fields};
use crate::search::plan::{Alt, Plan};
use crate::search::transfer_filter::TransferFilter;

/// Filters of a request (from its builder and from inline `field:` syntax).
#[derive(Clone, Debug, Default)]
pub(crate) struct Filters {
    pub after: Option<NaiveDate>,
    pub before: Option<NaiveDate>,
    pub outlets: Vec<String>,
    pub agencies: Vec<String>,
    pub transfers: TransferFilter,
}

impl Filters {
    /// True when any filter is set.
    pub(crate) fn any(&self) -> bool {
        self.after.is_some()
            || self.before.is_some()
            || !self.outlets.is_empty()
            || !self.agencies.is_empty()
            || self.transfers.any()
    }
}

/// Builds the query. `title_boost` of `None` leaves the title out (Plain).
pub(crate) fn build(
    fields: &Fields,
    plan: &Plan,
    filters: &Filters,
    title_boost: Option<f32>,
) -> Box<dyn Query> {
    let mut top: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    match text_query(fields.text, plan, None) {
        Some(q) => top.push((Occur::Must, q)),
        None => top.push((Occur::Must, Box::new(AllQuery))),
    }
    // The title only adds to the score: a passage must itself match, or
    // every passage of an article with a matching title would be a hit.
    if let Some(boost) = title_boost {
        if let Some(q) = text_query(fields.title, plan, Some(boost)) {
            top.push((Occur::Should, q));
        }
    }
    for alt in &plan.excluded {
        top.push((Occur::MustNot, alt_query(fields.text, alt)));
    }
    // Filters narrow, never score: as plain MUST clauses a date range added
    // 1 to every score and an outlet its term's BM25, which shifted the
    // second stage's normalized `bm25` feature and ranked outlets apart.
    for filter in filter_queries(fields, filters) {
        top.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    Box::new(BooleanQuery::new(top))
}

/// A query matching exactly the passages [`build`]'s does (without the
/// title, which only scores), for counting: no scores, so no per-group
/// `dis_max`. With a required (`+`) group the optional groups cannot change
/// what matches and are left out; without one, every wording of every group
/// is one flat union. One level of union instead of two.
pub(crate) fn build_unscored(fields: &Fields, plan: &Plan, filters: &Filters) -> Box<dyn Query> {
    let mut top: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let any_required = plan.groups.iter().any(|g| g.required);
    if plan.groups.is_empty() {
        top.push((Occur::Must, Box::new(AllQuery)));
    } else if any_required {
        for g in plan.groups.iter().filter(|g| g.required) {
            let alts = g.alts.iter().map(|a| (Occur::Should, alt_query(fields.text, a))).collect();
            top.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
        }
    } else {
        let alts = plan.groups.iter().flat_map(|g| &g.alts);
        let alts = alts.map(|a| (Occur::Should, alt_query(fields.text, a))).collect();
        top.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
    }
    for alt in &plan.excluded {
        top.push((Occur::MustNot, alt_query(fields.text, alt)));
    }
    for filter in filter_queries(fields, filters) {
        top.push((Occur::Must, filter));
    }
    Box::new(BooleanQuery::new(top))
}

/// True when the plan has something to rank by.
pub(crate) fn has_text(plan: &Plan) -> bool {
    !plan.groups.is_empty()
}

/// The concept groups on `field`; `boost` scales every wording (title).
/// With a boost, required groups stay optional: requirements apply to the
/// passage text only.
fn text_query(field: Field, plan: &Plan, boost: Option<f32>) -> Option<Box<dyn Query>> {
    if plan.groups.is_empty() {
        return None;
    }
    let clauses =
        plan.groups
            .iter()
            .map(|g| {
                let alts = g.alts.iter().map(|alt| {
                    boosted(alt_query(field, alt), alt_boost(alt, boost.unwrap_or(1.0)))
                });
                let occur = if g.required && boost.is_none() { Occur::Must } else { Occur::Should };
                (occur, best_of(alts))
            })
            .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Share of the non-best wordings' scores added to a group's best one.
pub(crate) const TIE_BREAKER: f32 = 0.1;

/// A group scores by its best matching wording (plus a small share of the
/// others), not the sum: otherwise a passage listing many expansions of one
/// concept ("missiles, rockets, shells, drones") outscores one that matches
/// every concept the user typed.
fn best_of(alts: impl Iterator<Item = Box<dyn Query>>) -> Box<dyn Query> {
    let mut alts: Vec<Box<dyn Query>> = alts.collect();
    if alts.len() == 1 {
        return alts.remove(0);
    }
    Box::new(DisjunctionMaxQuery::with_tie_breaker(alts, TIE_BREAKER))
}

/// The multiplier of a wording's BM25 score in the first stage: its weight,
/// its IDF cap and `scale` (the title boost, or 1), and exactly 1.0 when that
/// is within rounding of 1 (the query then carries no `BoostQuery`).
pub(crate) fn alt_boost(alt: &Alt, scale: f32) -> f32 {
    let weight = alt.weight * alt.idf_scale * scale;
    if (weight - 1.0).abs() < f32::EPSILON {
        1.0
    } else {
        weight
    }
}

/// `q` with its scores multiplied by `boost` (from [`alt_boost`]).
pub(crate) fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// A term or phrase query on `field`.
pub(crate) fn alt_query(field: Field, alt: &Alt) -> Box<dyn Query> {
    let terms: Vec<Term> = alt.terms.iter().map(|t| Term::from_field_text(field, t)).collect();
    match terms.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::WithFreqs)),
        _ => Box::new(PhraseQuery::new(terms)),
    }
}

pub(crate) fn filter_queries(fields: &Fields, f: &Filters) -> Vec<Box<dyn Query>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if f.after.is_some() || f.before.is_some() {
        out.push(date_range(fields.published, f.after, f.before));
    }
    if !f.outlets.is_empty() {
        out.push(any_keyword(fields.outlet, &f.outlets));
    }
    if !f.agencies.is_empty() {
        out.push(any_keyword(fields.agency, &f.agencies));
    }
    if f.transfers.any() {
        out.push(f.transfers.query(fields.transfer_terms));
    }
    out
}

/// Published within `[after 00:00, before+1 00:00)` UTC.
fn date_range(field: Field, after: Option<NaiveDate>, before: Option<NaiveDate>) -> Box<dyn Query> {
    let term = |day: NaiveDate| {
        let secs = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp();
        Term::from_field_date(field, date_value(secs))
    };
    let lower = after.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
    let upper = match before.and_then(|d| d.succ_opt()) {
        Some(next) => Bound::Excluded(term(next)),
        None => Bound::Unbounded,
    };
    if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
        // `before` was the last representable day: any dated article.
        return Box::new(RangeQuery::new(Bound::Included(term(NaiveDate::MIN)), Bound::Unbounded));
    }
    Box::new(RangeQuery::new(lower, upper))
}

/// Any of the values, matched exactly but case-insensitively: each value goes
/// through the keyword analyzer the field is indexed with, so both sides
/// lowercase alike.
fn any_keyword(field: Field, values: &[String]) -> Box<dyn Query> {
    let mut lower = analysis::keyword_lower();
    let clauses = values
        .iter()
        .map(|v| {
            let text = analysis::terms(&mut lower, v.trim()).pop().unwrap_or_default();
            let term = Term::from_field_text(field, &text);
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}
