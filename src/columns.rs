//! Reading string fast fields in bulk.
//!
//! Decoding one ordinal at a time decompresses a dictionary block per call,
//! which dominated query time in profiles; these helpers decode each
//! distinct ordinal once, in sorted order, and share the decoded string
//! among the documents holding it (an `Arc`, not a copy per document).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use tantivy::columnar::StrColumn;
use tantivy::DocId;

use crate::error::{Error, Result};

/// The first term ordinal of `doc` in `col`.
pub(crate) fn first_ord(col: &StrColumn, doc: DocId) -> Option<u64> {
    col.term_ords(doc).next()
}

/// The strings of the given ordinals (each distinct one decoded once).
pub(crate) fn decode(
    col: &StrColumn,
    ords: impl IntoIterator<Item = u64>,
) -> Result<HashMap<u64, Arc<str>>> {
    let sorted: Vec<u64> = ords.into_iter().collect::<BTreeSet<u64>>().into_iter().collect();
    let mut names = Vec::with_capacity(sorted.len());
    col.dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            names.push(Arc::from(String::from_utf8_lossy(bytes)));
        })
        .map_err(|e| Error::tantivy("read a string column")(e.into()))?;
    Ok(sorted.into_iter().zip(names).collect())
}

/// The first string value of each doc (`None` when it has none).
pub(crate) fn values(col: Option<&StrColumn>, docs: &[DocId]) -> Result<Vec<Option<Arc<str>>>> {
    let Some(col) = col else { return Ok(vec![None; docs.len()]) };
    let ords: Vec<Option<u64>> = docs.iter().map(|&d| first_ord(col, d)).collect();
    let names = decode(col, ords.iter().flatten().copied())?;
    Ok(ords.into_iter().map(|o| o.and_then(|o| names.get(&o).cloned())).collect())
}

/// Every string value of each doc, in ordinal order.
pub(crate) fn all_values(col: Option<&StrColumn>, docs: &[DocId]) -> Result<Vec<Vec<Arc<str>>>> {
    let Some(col) = col else { return Ok(vec![Vec::new(); docs.len()]) };
    let ords: Vec<Vec<u64>> = docs.iter().map(|&d| col.term_ords(d).collect()).collect();
    let names = decode(col, ords.iter().flatten().copied())?;
    Ok(ords.into_iter().map(|o| o.iter().filter_map(|o| names.get(o).cloned()).collect()).collect())
}
