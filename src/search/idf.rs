//! Inverse document frequencies of query wordings: how much each query group
//! weighs in the second stage, and the cap that keeps an expansion from
//! outweighing the word the user typed.

use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::search::plan::Plan;

/// BM25 IDFs of wordings in one field of one searcher.
struct Idf<'a> {
    searcher: &'a Searcher,
    field: Field,
    docs: f32,
}

impl Idf<'_> {
    /// IDF of a wording (a phrase adds its terms' IDFs), with tantivy's
    /// formula so it compares with first-stage scores, and whether every
    /// term occurs in the index (else the wording cannot match).
    fn with_presence(&self, terms: &[String]) -> (f32, bool) {
        let n = self.docs;
        let mut present = true;
        let idf = terms
            .iter()
            .map(|t| {
                let term = Term::from_field_text(self.field, t);
                let df = self.searcher.doc_freq(&term).unwrap_or(0) as f32;
                present &= df > 0.0;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .sum();
        (idf, present)
    }
}

/// Records each wording's own IDF ([`Alt::idf`](crate::search::plan::Alt);
/// 0 for a wording that cannot match: a term of it is in no passage),
/// weighs each query group by the IDF of its typed wording in `field` (the
/// rarest typed alternative counts), and caps each expansion's first-stage
/// IDF at that: an expansion rarer than the typed word gets
/// `idf_scale = idf(typed) / idf(expansion)`, so it scores as if it were as
/// common as the typed word. Returns the group weights (one per group), which
/// the second stage uses for coverage: "for" or "Russia" then weigh far less
/// than "drones", as they do in the first stage.
///
/// An expansion stands in for what the user typed; it should not count more
/// than the typed word would. Without the cap a rare alias ("Shahed", or
/// "drones" in a small index) lifts a passage above ones holding the typed
/// word or commoner wordings of the same concept. (Lucene's `SynonymQuery`
/// goes further and scores every synonym at the commonest one's IDF; on the
/// development topics the one-sided cap did better, EVALUATION.md.)
pub(crate) fn weigh_groups(plan: &mut Plan, searcher: &Searcher, field: Field) -> Vec<f32> {
    let idf = Idf { searcher, field, docs: searcher.num_docs() as f32 };
    let mut weights = Vec::with_capacity(plan.groups.len());
    for group in &mut plan.groups {
        let own: Vec<(f32, bool)> =
            group.alts.iter().map(|a| idf.with_presence(&a.terms)).collect();
        let typed = group
            .alts
            .iter()
            .zip(&own)
            .filter(|(a, _)| a.typed)
            .map(|(_, &(idf, _))| idf)
            .fold(0.0, f32::max);
        weights.push(typed);
        for (alt, &(own, present)) in group.alts.iter_mut().zip(&own) {
            alt.idf = if present { own } else { 0.0 };
            if !alt.typed && typed > 0.0 && own > typed {
                alt.idf_scale = typed / own;
            }
        }
    }
    weights
}
