//! The transfer filters `supplier:`, `recipient:`, `party:` (either side)
//! and `status:`, from the query text and from [`crate::SearchRequest`]:
//! names resolved through the lexicon, then one tantivy query over the
//! `transfer_terms` field, and the same test on a single transfer (the
//! deals table keeps only the transfers that pass).
//!
//! All given constraints apply to *one* transfer of the passage; several
//! values of one kind mean any of them.

use newsdex_transfers::{Extractor, Status};
use tantivy::query::{BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::transfer_keys;

/// Resolved transfer filters; empty lists constrain nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TransferFilter {
    /// Canonical supplier names (any of).
    pub suppliers: Vec<String>,
    /// Canonical recipient names (any of).
    pub recipients: Vec<String>,
    /// Canonical names on either side (any of).
    pub parties: Vec<String>,
    /// Statuses (any of).
    pub statuses: Vec<Status>,
}

/// Filter values as the request and the query text give them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Typed<'a> {
    pub suppliers: &'a [String],
    pub recipients: &'a [String],
    pub parties: &'a [String],
    /// Statuses typed in the query text, checked here.
    pub status_words: &'a [String],
    /// Statuses set on the request (already typed).
    pub statuses: &'a [Status],
}

impl TransferFilter {
    /// Resolves party names through the lexicon's aliases (`DPRK` → North
    /// Korea); a name the lexicon does not know is kept as typed and
    /// matches that exact name (case-insensitive). An unknown status word
    /// is dropped with a warning.
    pub fn resolve(extractor: &Extractor, typed: Typed<'_>, warnings: &mut Vec<String>) -> Self {
        let names = |values: &[String]| -> Vec<String> {
            let mut out: Vec<String> = values
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(|v| extractor.canonical_party(v).unwrap_or(v).to_string())
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        let mut statuses = typed.statuses.to_vec();
        for word in typed.status_words {
            match word.parse::<Status>() {
                Ok(status) => statuses.push(status),
                Err(e) => warnings.push(format!("ignored 'status:{word}': {e}")),
            }
        }
        statuses.sort_unstable();
        statuses.dedup();
        TransferFilter {
            suppliers: names(typed.suppliers),
            recipients: names(typed.recipients),
            parties: names(typed.parties),
            statuses,
        }
    }

    /// True when any constraint is set.
    pub fn any(&self) -> bool {
        !(self.suppliers.is_empty()
            && self.recipients.is_empty()
            && self.parties.is_empty()
            && self.statuses.is_empty())
    }

    /// Whether one transfer passes (names compared case-insensitively).
    pub fn matches(&self, supplier: Option<&str>, recipient: Option<&str>, status: Status) -> bool {
        let is = |name: Option<&str>, wanted: &str| {
            name.is_some_and(|n| n == wanted || n.to_lowercase() == wanted.to_lowercase())
        };
        let any_of = |name: Option<&str>, list: &[String]| {
            list.is_empty() || list.iter().any(|w| is(name, w))
        };
        any_of(supplier, &self.suppliers)
            && any_of(recipient, &self.recipients)
            && (self.parties.is_empty()
                || self.parties.iter().any(|p| is(supplier, p) || is(recipient, p)))
            && (self.statuses.is_empty() || self.statuses.contains(&status))
    }

    /// The query matching passages with at least one transfer that passes:
    /// any of the `transfer_terms` of the combinations the constraints
    /// allow (`party:` X is "supplier X" or "recipient X"). It scores 0: a
    /// filter restricts, it does not rank.
    pub fn query(&self, field: Field) -> Box<dyn Query> {
        let terms = self.terms();
        if terms.is_empty() {
            // Contradictory constraints (`supplier:A recipient:B party:C`).
            return Box::new(EmptyQuery);
        }
        let clauses = terms
            .into_iter()
            .map(|t| {
                let term = Term::from_field_text(field, &t);
                let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(clauses)), 0.0))
    }

    /// The terms of every allowed (supplier, recipient, status) combination.
    fn terms(&self) -> Vec<String> {
        let opts = |list: &[String]| -> Vec<Option<String>> {
            if list.is_empty() {
                vec![None]
            } else {
                list.iter().map(|n| Some(n.to_lowercase())).collect()
            }
        };
        let statuses: Vec<Option<Status>> = if self.statuses.is_empty() {
            vec![None]
        } else {
            self.statuses.iter().copied().map(Some).collect()
        };
        let mut out = Vec::new();
        for s in opts(&self.suppliers) {
            for r in opts(&self.recipients) {
                for p in opts(&self.parties) {
                    for (s, r) in place_party(s.clone(), r.clone(), p) {
                        for &t in &statuses {
                            out.push(transfer_keys::term(s.as_deref(), r.as_deref(), t));
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The (supplier, recipient) pairs that put party `p` on a side without
/// contradicting the sides already fixed.
fn place_party(
    s: Option<String>,
    r: Option<String>,
    p: Option<String>,
) -> Vec<(Option<String>, Option<String>)> {
    let Some(p) = p else { return vec![(s, r)] };
    let mut out = Vec::with_capacity(2);
    if s.as_ref().map_or(true, |s| *s == p) {
        out.push((Some(p.clone()), r.clone()));
    }
    if r.as_ref().map_or(true, |r| *r == p) {
        out.push((s, Some(p)));
    }
    out
}

#[cfg(test)]
mod tests {
    use newsdex_transfers::{ItemKind, Transfer};

    use super::*;

    fn filter(s: &[&str], r: &[&str], p: &[&str], t: &[&str]) -> (TransferFilter, Vec<String>) {
        let owned = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (s, r, p, t) = (owned(s), owned(r), owned(p), owned(t));
        let typed =
            Typed { suppliers: &s, recipients: &r, parties: &p, status_words: &t, statuses: &[] };
        let mut warnings = Vec::new();
        let f = TransferFilter::resolve(&Extractor::default(), typed, &mut warnings);
        (f, warnings)
    }

    #[test]
    fn names_resolve_through_aliases_and_unknown_ones_stay_as_typed() {
        let (f, warnings) =
            filter(&["DPRK", "Pyongyang"], &["Atlantis"], &[], &["Denied", "rumour"]);
        assert_eq!(f.suppliers, ["North Korea"]);
        assert_eq!(f.recipients, ["Atlantis"]);
        assert_eq!(f.statuses, [Status::Denied]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("rumour"), "{warnings:?}");
        assert!(!filter(&[], &[], &[], &[]).0.any());
    }

    /// The index query (terms) and the single-transfer test agree on every
    /// combination of constraints and transfers.
    #[test]
    fn query_terms_and_matches_agree() {
        let names = ["North Korea", "Russia", "Iran"];
        let transfers: Vec<Transfer> = [None, Some(0), Some(1)]
            .into_iter()
            .flat_map(|s| [None, Some(1), Some(2)].map(move |r| (s, r)))
            .filter(|(s, r)| s.is_some() || r.is_some())
            .flat_map(|(s, r)| {
                [Status::Denied, Status::Reported].map(move |status| Transfer {
                    supplier: s.map(|i: usize| names[i].to_string()),
                    recipient: r.map(|i: usize| names[i].to_string()),
                    item: ItemKind::Drones,
                    status,
                    claimed_by: None,
                    span: 0..1,
                })
            })
            .collect();
        let filters = [
            filter(&["DPRK"], &[], &[], &[]).0,
            filter(&[], &["Moscow"], &[], &["denied"]).0,
            filter(&[], &[], &["Russia"], &[]).0,
            filter(&["North Korea"], &[], &["Russia", "Iran"], &["reported"]).0,
            filter(&["Iran"], &["Russia"], &["North Korea"], &[]).0,
        ];
        for f in &filters {
            let wanted = f.terms();
            for t in &transfers {
                let by_terms = transfer_keys::terms(t).iter().any(|x| wanted.contains(x));
                let by_test = f.matches(t.supplier.as_deref(), t.recipient.as_deref(), t.status);
                assert_eq!(by_terms, by_test, "{f:?} on {t}");
            }
        }
        assert!(filters[4].terms().is_empty(), "contradictory");
    }
}
