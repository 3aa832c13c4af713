//! A row's evidence passage, loaded from the stored document.

use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use crate::deals::table::Pick;
use crate::deals::DealEvidence;
use crate::error::{Error, Result};
use crate::schema::Fields;
use crate::search::hits::transfers;

/// Loads the picked passage and finds the span of its transfer: the stored
/// transfer with the same sides, status and claimant (else the same
/// sides).
pub(crate) fn load(f: &Fields, searcher: &Searcher, pick: &Pick) -> Result<DealEvidence> {
    let doc: TantivyDocument =
        searcher.doc(pick.doc).map_err(Error::tantivy("load an evidence passage"))?;
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
    let row = &pick.row;
    let stored = transfers(&doc, f.transfers);
    let sides = |t: &&newsdex_transfers::Transfer| {
        t.supplier == row.supplier && t.recipient == row.recipient
    };
    let span = stored
        .iter()
        .filter(sides)
        .find(|t| t.status == row.status && t.claimed_by == row.claimed_by)
        .or_else(|| stored.iter().find(sides))
        .map_or(0..0, |t| t.span.clone());
    Ok(DealEvidence {
        article_id: text(f.article_id).unwrap_or_default(),
        title: text(f.title).unwrap_or_default(),
        outlet: text(f.outlet),
        published: text(f.published_text),
        url: text(f.url),
        text: text(f.text).unwrap_or_default(),
        span,
        status: row.status,
        claimed_by: row.claimed_by.clone(),
    })
}
