//! Counting matching articles by outlet and month, and index statistics.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::Datelike;
use tantivy::query::EnableScoring;
use tantivy::SegmentReader;

use crate::columns;
use crate::error::{Error, Result};
use crate::hit::{Facets, IndexStats};
use crate::index::NewsIndex;
use crate::request::SearchRequest;
use crate::schema::names;
use crate::search::first_stage;

/// Per-document facts read from fast fields.
struct Row {
    article: u64,
    outlet: Option<Arc<str>>,
    /// Read only when counting by agency (`stats` does not).
    agency: Option<Arc<str>>,
    published: Option<tantivy::DateTime>,
}

/// Article keys per value of a facet.
type Counts = HashMap<Arc<str>, HashSet<u64>>;
/// Articles per value of a facet, each article counted once by its caller.
type Tally = HashMap<Arc<str>, u64>;

impl NewsIndex {
    /// Counts the articles having at least one passage that matches `req`
    /// (same query, expansion and filters; paging and caps do not apply):
    /// in all, by outlet, by agency and by month of publication.
    pub fn facets(&self, req: &SearchRequest) -> Result<Facets> {
        self.guard(|| self.count_facets(req))
    }

    fn count_facets(&self, req: &SearchRequest) -> Result<Facets> {
        let p = self.prepare(req);
        if !first_stage::has_text(&p.plan) && !p.filters.any() {
            return Ok(Facets::default());
        }
        let query = first_stage::build_unscored(&self.inner.fields, &p.plan, &p.filters);
        let searcher = self.inner.reader.searcher();
        let err = || Error::tantivy("search");
        let weight =
            query.weight(EnableScoring::disabled_from_searcher(&searcher)).map_err(err())?;
        // Outlet, agency and date are the article's, the same on each of its
        // passages: only the first matching passage of an article is read
        // (the development corpus has ≈ 14 passages per article).
        let mut articles = HashSet::new();
        let (mut by_outlet, mut by_agency) = (Tally::new(), Tally::new());
        let mut by_month: BTreeMap<(i32, u32), u64> = BTreeMap::new();
        for reader in searcher.segment_readers() {
            let keys = reader
                .fast_fields()
                .u64(names::ARTICLE_KEY)
                .map_err(Error::tantivy("read fast fields"))?;
            let alive = reader.alive_bitset();
            let mut firsts = Vec::new();
            // An article's passages are added together, so they mostly
            // follow each other: the set is asked only when the key changes.
            let mut last = None;
            weight
                .for_each_no_score(reader, &mut |docs| {
                    for &doc in docs {
                        if alive.is_some_and(|a| !a.is_alive(doc)) {
                            continue;
                        }
                        let key = keys.first(doc).unwrap_or(0);
                        if last != Some(key) {
                            last = Some(key);
                            if articles.insert(key) {
                                firsts.push(doc);
                            }
                        }
                    }
                })
                .map_err(err())?;
            rows(reader, &firsts, true, &mut |row| {
                if let Some(outlet) = row.outlet.filter(|o| !o.is_empty()) {
                    *by_outlet.entry(outlet).or_default() += 1;
                }
                if let Some(agency) = row.agency.filter(|a| !a.is_empty()) {
                    *by_agency.entry(agency).or_default() += 1;
                }
                if let Some(d) = row.published {
                    let d = to_chrono(d);
                    *by_month.entry((d.year(), d.month())).or_default() += 1;
                }
            })?;
        }
        Ok(Facets {
            articles: articles.len() as u64,
            by_outlet: most_first_tally(by_outlet),
            by_agency: most_first_tally(by_agency),
            by_month: by_month
                .into_iter()
                .map(|((y, m), n)| (format!("{y:04}-{m:02}"), n))
                .collect(),
        })
    }

    /// Counts what the index holds (reads every passage's fast fields).
    pub fn stats(&self) -> Result<IndexStats> {
        self.guard(|| self.count_stats())
    }

    fn count_stats(&self) -> Result<IndexStats> {
        let searcher = self.inner.reader.searcher();
        let mut articles = HashSet::new();
        let mut outlets = Counts::new();
        let (mut first, mut last) = (None, None);
        let mut count = |row: Row| {
            if let Some(d) = row.published {
                first = Some(first.map_or(d, |f: tantivy::DateTime| f.min(d)));
                last = Some(last.map_or(d, |l: tantivy::DateTime| l.max(d)));
            }
            if let Some(outlet) = row.outlet.filter(|o| !o.is_empty()) {
                outlets.entry(outlet).or_default().insert(row.article);
            }
            articles.insert(row.article);
        };
        for reader in searcher.segment_readers() {
            let docs: Vec<u32> = reader.doc_ids_alive().collect();
            rows(reader, &docs, false, &mut count)?;
        }
        let size =
            searcher.space_usage().map_err(|e| Error::tantivy("measure the index")(e.into()))?;
        Ok(IndexStats {
            articles: articles.len() as u64,
            passages: searcher.num_docs(),
            outlets: most_first(outlets),
            first_published: first.map(day_of),
            last_published: last.map(day_of),
            size_on_disk: size.total().get_bytes(),
        })
    }
}

fn rows(
    reader: &SegmentReader,
    docs: &[u32],
    with_agency: bool,
    f: &mut impl FnMut(Row),
) -> Result<()> {
    let err = || Error::tantivy("read fast fields");
    let ff = reader.fast_fields();
    let keys = ff.u64(names::ARTICLE_KEY).map_err(err())?;
    let strings = |name: &str| -> Result<Vec<Option<Arc<str>>>> {
        columns::values(ff.str(name).map_err(err())?.as_ref(), docs)
    };
    let outlets = strings(names::OUTLET)?;
    let agencies = if with_agency { strings(names::AGENCY)? } else { vec![None; docs.len()] };
    let dates = ff.date(names::PUBLISHED).map_err(err())?;
    for ((&doc, outlet), agency) in docs.iter().zip(outlets).zip(agencies) {
        let article = keys.first(doc).unwrap_or(0);
        f(Row { article, outlet, agency, published: dates.first(doc) });
    }
    Ok(())
}

/// Counts per value, most first (ties by name).
fn most_first_tally(counts: Tally) -> Vec<(String, u64)> {
    let mut v: Vec<_> = counts.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Counts per value, most first (ties by name).
fn most_first(counts: Counts) -> Vec<(String, u64)> {
    let mut v: Vec<_> = counts.into_iter().map(|(k, v)| (k.to_string(), v.len() as u64)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn to_chrono(d: tantivy::DateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0).unwrap_or_default()
}

pub(crate) fn month_of(d: tantivy::DateTime) -> String {
    to_chrono(d).format("%Y-%m").to_string()
}

pub(crate) fn day_of(d: tantivy::DateTime) -> String {
    to_chrono(d).format("%Y-%m-%d").to_string()
}
