//! From readings to the passage's transfers: one per supplier × recipient
//! pair and status, sides completed from each other, duplicates dropped.

use crate::extractor::passage::Passage;
use crate::extractor::roles::Reading;
use crate::extractor::stance::Verdict;
use crate::extractor::vocab::PartyId;
use crate::transfer::{ItemKind, Status, Transfer};

/// A transfer with party ids, before naming.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    pub supplier: Option<PartyId>,
    pub recipient: Option<PartyId>,
    pub item: ItemKind,
    pub status: Status,
    pub claimed_by: Option<PartyId>,
    pub span: (usize, usize),
}

impl Found {
    /// One per supplier × recipient of the reading (coordination: "the US
    /// and Germany will send" gives two), with the verdict's status.
    pub fn all(p: &Passage<'_>, r: &Reading, v: Verdict) -> Vec<Found> {
        let sides = |whos: &[crate::extractor::passage::Who]| -> Vec<Option<PartyId>> {
            let v: Vec<_> = whos.iter().map(|w| w.party()).collect();
            if v.is_empty() {
                vec![None]
            } else {
                v
            }
        };
        let mentions: Vec<usize> = r
            .suppliers
            .iter()
            .chain(&r.recipients)
            .map(|w| w.mention())
            .chain([r.at])
            .chain(r.item_at)
            .chain(v.cue)
            .filter(|&k| p.same_sentence(k, r.at))
            .collect();
        let start = mentions.iter().map(|&k| p.m[k].start).min().unwrap_or(p.m[r.at].start);
        let end = mentions.iter().map(|&k| p.m[k].end).max().unwrap_or(p.m[r.at].end);
        let claimed_by = match v.status {
            Status::Alleged | Status::Denied => v.claimed_by,
            _ => None,
        };
        let mut out = Vec::new();
        for supplier in sides(&r.suppliers) {
            for recipient in sides(&r.recipients) {
                out.push(Found {
                    supplier,
                    recipient,
                    item: r.item,
                    status: v.status,
                    claimed_by,
                    span: (start, end),
                });
            }
        }
        out
    }

    pub fn into_transfer(self, name: impl Fn(PartyId) -> String) -> Transfer {
        Transfer {
            supplier: self.supplier.map(&name),
            recipient: self.recipient.map(&name),
            item: self.item,
            status: self.status,
            claimed_by: self.claimed_by.map(&name),
            span: self.span.0..self.span.1,
        }
    }
}

/// Drops transfers naming no side or the same party on both sides,
/// completes an open side from a transfer sharing the other side (of the
/// passage first, then of its article's `context`, the title), then an open
/// recipient from the parties `named` in the passage, else (when it names
/// no other) in the title, if exactly one candidate is left; and keeps the
/// first of each (supplier, recipient, status).
pub(crate) fn merge(found: Vec<Found>, context: &[Found], named: &[Vec<PartyId>]) -> Vec<Found> {
    let full: Vec<(PartyId, PartyId)> = found
        .iter()
        .chain(context)
        .filter_map(|f| Some((f.supplier?, f.recipient?)))
        .filter(|(s, r)| s != r)
        .collect();
    let pairs: Vec<(PartyId, PartyId)> =
        found.iter().filter_map(|f| Some((f.supplier?, f.recipient?))).collect();
    let mut out: Vec<Found> = Vec::new();
    for mut f in found {
        match (f.supplier, f.recipient) {
            (None, None) => continue,
            (Some(s), None) => {
                // The article's destination ("… Security Assistance to
                // Ukraine") also receives what the passage sends to no one.
                let theme = context.iter().filter_map(|g| g.recipient).find(|&r| r != s);
                // A party already paired with the supplier in the passage is
                // accounted for ("Saudi Arabia signed a deal to buy jets from
                // Britain"); a supplier with a recipient elsewhere in the
                // passage is not guessed another one.
                let paired = |q: PartyId| pairs.contains(&(s, q)) || pairs.contains(&(q, s));
                let others = |parties: &Vec<PartyId>| -> Vec<PartyId> {
                    parties.iter().copied().filter(|&q| q != s && !paired(q)).collect()
                };
                let supplies = pairs.iter().any(|p| p.0 == s);
                let sole = match named.iter().map(others).find(|o| !o.is_empty()) {
                    Some(o) if o.len() == 1 && !supplies => Some(o[0]),
                    _ => None,
                };
                f.recipient = full.iter().find(|p| p.0 == s).map(|p| p.1).or(theme).or(sole);
            }
            (None, Some(r)) => f.supplier = full.iter().find(|p| p.1 == r).map(|p| p.0),
            _ => {}
        }
        if f.supplier.is_some() && f.supplier == f.recipient {
            continue;
        }
        // One transfer per pair and status; a named claimant wins over none.
        let same = |g: &&mut Found| {
            (g.supplier, g.recipient, g.status) == (f.supplier, f.recipient, f.status)
        };
        match out.iter_mut().find(same) {
            Some(g) => g.claimed_by = g.claimed_by.or(f.claimed_by),
            None => out.push(f),
        }
    }
    out
}
