//! The passages a deals request matches, with their scores, and the
//! transfers they mention, read from fast fields.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use crate::columns;
use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::schema::names;
use crate::search::first_stage;
use crate::search::transfer_filter::TransferFilter;
use crate::search::Prepared;
use crate::transfer_keys::{self, Row};

/// One counted transfer of one matching passage.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub row: Arc<Row>,
    pub doc: DocAddress,
    pub score: f32,
    pub article: u64,
    pub text_hash: u64,
    pub published: Option<tantivy::DateTime>,
    pub outlet: Option<Arc<str>>,
}

/// Every passage with transfers matching the request's query and filters,
/// with its first-stage score (1 for all when there is no query text).
pub(crate) fn matching(
    index: &NewsIndex,
    searcher: &Searcher,
    p: &Prepared,
) -> Result<Vec<(Score, DocAddress)>> {
    let fields = &index.inner.fields;
    let query = first_stage::build(fields, &p.plan, &p.filters, None);
    let any = Term::from_field_text(fields.transfer_terms, transfer_keys::ANY);
    // Scores 0: the query text alone ranks the evidence.
    let any = Box::new(TermQuery::new(any, IndexRecordOption::Basic));
    let has_transfers: Box<dyn Query> = Box::new(ConstScoreQuery::new(any, 0.0));
    let query = BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, has_transfers)]);
    searcher.search(&query, &AllScored).map_err(Error::tantivy("search"))
}

/// The transfers of `matches` that pass `filter`, one [`Mention`] each.
pub(crate) fn mentions(
    searcher: &Searcher,
    filter: &TransferFilter,
    matches: Vec<(Score, DocAddress)>,
) -> Result<Vec<Mention>> {
    let err = || Error::tantivy("read fast fields");
    let mut by_segment: BTreeMap<SegmentOrdinal, Vec<(DocId, Score)>> = BTreeMap::new();
    for (score, d) in matches {
        by_segment.entry(d.segment_ord).or_default().push((d.doc_id, score));
    }
    let mut out = Vec::new();
    for (segment, mut docs) in by_segment {
        docs.sort_unstable_by_key(|d| d.0);
        let ids: Vec<DocId> = docs.iter().map(|d| d.0).collect();
        let ff = searcher.segment_reader(segment).fast_fields();
        let keys = ff.u64(names::ARTICLE_KEY).map_err(err())?;
        let hashes = ff.u64(names::TEXT_HASH).map_err(err())?;
        let dates = ff.date(names::PUBLISHED).map_err(err())?;
        let outlets = columns::values(ff.str(names::OUTLET).map_err(err())?.as_ref(), &ids)?;
        let rows =
            columns::all_values(ff.str(names::TRANSFER_ROWS).map_err(err())?.as_ref(), &ids)?;
        // Each distinct row string is parsed once per segment.
        let mut parsed: HashMap<Arc<str>, Option<Arc<Row>>> = HashMap::new();
        for (((doc, score), outlet), rows) in docs.into_iter().zip(outlets).zip(rows) {
            for value in rows {
                let row = parsed
                    .entry(value.clone())
                    .or_insert_with(|| transfer_keys::parse_row(&value).map(Arc::new));
                let Some(row) = row else { continue };
                if !filter.matches(row.supplier.as_deref(), row.recipient.as_deref(), row.status) {
                    continue;
                }
                out.push(Mention {
                    row: row.clone(),
                    doc: DocAddress::new(segment, doc),
                    score,
                    article: keys.first(doc).unwrap_or(0),
                    text_hash: hashes.first(doc).unwrap_or(0),
                    published: dates.first(doc),
                    outlet: outlet.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Collects every matching document with its score (tantivy's `TopDocs`
/// needs a limit, `DocSetCollector` drops scores).
struct AllScored;

struct SegmentScored {
    segment: SegmentOrdinal,
    docs: Vec<(Score, DocAddress)>,
}

impl Collector for AllScored {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentScored;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentScored> {
        Ok(SegmentScored { segment, docs: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentScored {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.docs.push((score, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.docs
    }
}
