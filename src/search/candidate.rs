//! Candidates of the first stage and the fast-field facts the later stages
//! compare them by, read without loading documents.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

use crate::document::BODY_CODE;
use crate::error::{Error, Result};
use crate::schema::names;

/// Fast-field facts about a candidate, read without loading the document.
#[derive(Clone, Debug)]
pub(crate) struct DocKey {
    pub article: u64,
    pub text_hash: u64,
    pub body: bool,
}

/// The keys of `docs`, in order.
pub(crate) fn doc_keys(searcher: &Searcher, docs: &[DocAddress]) -> Result<Vec<DocKey>> {
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

/// The `transfer_codes` of each of `docs`, in order (empty for passages
/// without transfers).
pub(crate) fn transfer_codes(searcher: &Searcher, docs: &[DocAddress]) -> Result<Vec<Vec<u64>>> {
    let mut columns = HashMap::new();
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        if let Entry::Vacant(slot) = columns.entry(d.segment_ord) {
            let ff = searcher.segment_reader(d.segment_ord).fast_fields();
            let codes =
                ff.u64(names::TRANSFER_CODES).map_err(Error::tantivy("read fast fields"))?;
            slot.insert(codes);
        }
        out.push(columns[&d.segment_ord].values_for_doc(d.doc_id).collect());
    }
    Ok(out)
}

/// For each of `docs`, whether it holds any of the (keyword field, term)
/// `values`: read from the postings lists, one seek per candidate.
pub(crate) fn having_any(
    searcher: &Searcher,
    values: &[(Field, String)],
    docs: &[DocAddress],
) -> Result<Vec<bool>> {
    let mut out = vec![false; docs.len()];
    if values.is_empty() {
        return Ok(out);
    }
    let mut by_segment: HashMap<u32, Vec<(u32, usize)>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        by_segment.entry(d.segment_ord).or_default().push((d.doc_id, i));
    }
    let err = |e: std::io::Error| Error::tantivy("read postings")(e.into());
    for (segment, mut local) in by_segment {
        local.sort_unstable();
        let reader = searcher.segment_reader(segment);
        for (field, value) in values {
            let inverted =
                reader.inverted_index(*field).map_err(Error::tantivy("read postings"))?;
            let term = Term::from_field_text(*field, value);
            let Some(mut postings) =
                inverted.read_postings(&term, IndexRecordOption::Basic).map_err(err)?
            else {
                continue;
            };
            for &(doc, i) in &local {
                if postings.doc() == TERMINATED {
                    break;
                }
                if postings.doc() <= doc && postings.seek(doc) == doc {
                    out[i] = true;
                }
            }
        }
    }
    Ok(out)
}
