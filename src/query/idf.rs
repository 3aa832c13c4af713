//! Inverse document frequencies of query wordings, and the cap that keeps
//! an expansion from outweighing the word the user typed.

use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::query::plan::Plan;

/// BM25 IDF of a wording in `field` (a phrase adds its terms' IDFs), with
/// tantivy's formula so it compares with first-stage scores.
pub(crate) fn idf(searcher: &Searcher, field: Field, terms: &[String]) -> f32 {
    let n = searcher.num_docs() as f32;
    terms
        .iter()
        .map(|t| {
            let df = searcher.doc_freq(&Term::from_field_text(field, t)).unwrap_or(0) as f32;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .sum()
}

/// Caps each expansion's IDF at its group's typed wording's: an expansion
/// rarer than the typed word gets `idf_scale = idf(typed) / idf(expansion)`,
/// so it scores as if it were as common as the typed word.
///
/// An expansion stands in for what the user typed; it should not count more
/// than the typed word would. Without the cap a rare alias ("Shahed", or
/// "drones" in a small index) lifts a passage above ones holding the typed
/// word or commoner wordings of the same concept. (Lucene's `SynonymQuery`
/// goes further and scores every synonym at the commonest one's IDF; on the
/// development topics the one-sided cap did better, EVALUATION.md.)
pub(crate) fn cap_expansions(plan: &mut Plan, searcher: &Searcher, field: Field) {
    for group in &mut plan.groups {
        let typed = group
            .alts
            .iter()
            .filter(|a| a.typed)
            .map(|a| idf(searcher, field, &a.terms))
            .fold(0.0, f32::max);
        if typed <= 0.0 {
            continue;
        }
        for alt in group.alts.iter_mut().filter(|a| !a.typed) {
            let own = idf(searcher, field, &alt.terms);
            if own > typed {
                alt.idf_scale = typed / own;
            }
        }
    }
}
