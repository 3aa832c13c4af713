//! Candidates of the first stage and the fast-field facts the later stages
//! compare them by, read without loading documents.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use tantivy::{DocAddress, Searcher};

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
