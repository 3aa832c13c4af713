//! Counting matching articles by outlet and month, and index statistics.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::DocSetCollector;
use tantivy::{DocAddress, Searcher, SegmentReader};

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
    published: Option<tantivy::DateTime>,
}

impl NewsIndex {
    /// Counts the articles having at least one passage that matches `req`
    /// (same query, expansion and filters; paging and caps do not apply),
    /// by outlet and by month of publication.
    pub fn facets(&self, req: &SearchRequest) -> Result<Facets> {
        self.guard(|| self.count_facets(req))
    }

    fn count_facets(&self, req: &SearchRequest) -> Result<Facets> {
        let p = self.prepare(req);
        if !first_stage::has_text(&p.plan) && !p.filters.any() {
            return Ok(Facets::default());
        }
        // No title clause: it only adds score, never matches, so it cannot
        // change the counted set, and its scorers would still be built.
        let query = first_stage::build(&self.inner.fields, &p.plan, &p.filters, None);
        let searcher = self.inner.reader.searcher();
        let docs = searcher.search(&query, &DocSetCollector).map_err(Error::tantivy("search"))?;
        let mut by_outlet: HashMap<Arc<str>, HashSet<u64>> = HashMap::new();
        let mut by_month: BTreeMap<String, HashSet<u64>> = BTreeMap::new();
        for_each_row(&searcher, docs.into_iter(), |row| {
            if let Some(outlet) = row.outlet.filter(|o| !o.is_empty()) {
                by_outlet.entry(outlet).or_default().insert(row.article);
            }
            if let Some(month) = row.published.map(month_of) {
                by_month.entry(month).or_default().insert(row.article);
            }
        })?;
        Ok(Facets {
            by_outlet: most_first(
                by_outlet.into_iter().map(|(k, v)| (k.to_string(), v.len() as u64)),
            ),
            by_month: by_month.into_iter().map(|(k, v)| (k, v.len() as u64)).collect(),
        })
    }

    /// Counts what the index holds (reads every passage's fast fields).
    pub fn stats(&self) -> Result<IndexStats> {
        self.guard(|| self.count_stats())
    }

    fn count_stats(&self) -> Result<IndexStats> {
        let searcher = self.inner.reader.searcher();
        let mut articles = HashSet::new();
        let mut outlets: HashMap<Arc<str>, HashSet<u64>> = HashMap::new();
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
            rows(reader, &docs, &mut count)?;
        }
        let size =
            searcher.space_usage().map_err(|e| Error::tantivy("measure the index")(e.into()))?;
        Ok(IndexStats {
            articles: articles.len() as u64,
            passages: searcher.num_docs(),
            outlets: most_first(outlets.into_iter().map(|(k, v)| (k.to_string(), v.len() as u64))),
            first_published: first.map(day_of),
            last_published: last.map(day_of),
            size_on_disk: size.total().get_bytes(),
        })
    }
}

fn for_each_row(
    searcher: &Searcher,
    docs: impl Iterator<Item = DocAddress>,
    mut f: impl FnMut(Row),
) -> Result<()> {
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for d in docs {
        by_segment.entry(d.segment_ord).or_default().push(d.doc_id);
    }
    for (segment, docs) in by_segment {
        rows(searcher.segment_reader(segment), &docs, &mut f)?;
    }
    Ok(())
}

fn rows(reader: &SegmentReader, docs: &[u32], f: &mut impl FnMut(Row)) -> Result<()> {
    let err = || Error::tantivy("read fast fields");
    let ff = reader.fast_fields();
    let keys = ff.u64(names::ARTICLE_KEY).map_err(err())?;
    let outlets = ff.str(names::OUTLET).map_err(err())?;
    let outlets = columns::values(outlets.as_ref(), docs)?;
    let dates = ff.date(names::PUBLISHED).map_err(err())?;
    for (&doc, outlet) in docs.iter().zip(outlets) {
        f(Row { article: keys.first(doc).unwrap_or(0), outlet, published: dates.first(doc) });
    }
    Ok(())
}

fn most_first(counts: impl Iterator<Item = (String, u64)>) -> Vec<(String, u64)> {
    let mut v: Vec<_> = counts.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn to_chrono(d: tantivy::DateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0).unwrap_or_default()
}

fn month_of(d: tantivy::DateTime) -> String {
    to_chrono(d).format("%Y-%m").to_string()
}

fn day_of(d: tantivy::DateTime) -> String {
    to_chrono(d).format("%Y-%m-%d").to_string()
}
