//! The second stage: re-scoring candidates with features a news analyst
//! would recognize (see [`RankingWeights`] for the formula).

use serde::Serialize;

use crate::evidence::{Evidence, Occurrence};
use crate::query::plan::Plan;
use crate::request::RankingWeights;

/// The features of one candidate passage, each in `0..=1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Features {
    /// First-stage score divided by the best candidate's.
    pub bm25: f32,
    /// Mean over query groups of the best matching wording's weight.
    pub coverage: f32,
    /// Matched groups divided by the token span of the tightest window
    /// holding one occurrence of each (0 when fewer than two groups match).
    pub proximity: f32,
    /// Share of consecutive typed groups found adjacent and in order.
    pub phrase: f32,
    /// Mean over query groups of the best wording's weight in the title.
    pub title: f32,
    /// 1 for caption, heading and title passages.
    pub non_body: f32,
}

impl Features {
    /// Computes the features of a passage.
    pub(crate) fn of(plan: &Plan, ev: &Evidence, bm25: f32, max_bm25: f32, body: bool) -> Features {
        let n = plan.groups.len().max(1) as f32;
        let cov = ev.coverage(plan.groups.len(), plan);
        Features {
            bm25: if max_bm25 > 0.0 { bm25 / max_bm25 } else { 0.0 },
            coverage: cov.iter().sum::<f32>() / n,
            proximity: proximity(&ev.text, plan.groups.len()),
            phrase: phrase(plan, &ev.text),
            title: ev.title.iter().sum::<f32>() / n,
            non_body: if body { 0.0 } else { 1.0 },
        }
    }

    /// The weighted sum.
    pub fn score(&self, w: &RankingWeights) -> f32 {
        w.bm25 * self.bm25
            + w.coverage * self.coverage
            + w.proximity * self.proximity
            + w.phrase * self.phrase
            + w.title * self.title
            - w.non_body * self.non_body
    }
}

/// Tightest window (in token positions) holding an occurrence of every
/// matched group: the classic minimum-window scan over occurrences sorted by
/// start.
fn proximity(occ: &[Occurrence], groups: usize) -> f32 {
    let mut present = vec![false; groups];
    for o in occ {
        present[o.group] = true;
    }
    let need = present.iter().filter(|&&p| p).count();
    if need < 2 {
        return 0.0;
    }
    let mut counts = vec![0usize; groups];
    let (mut have, mut lo, mut best) = (0, 0, u32::MAX);
    for hi in 0..occ.len() {
        if counts[occ[hi].group] == 0 {
            have += 1;
        }
        counts[occ[hi].group] += 1;
        while have == need {
            let end = occ[lo..=hi].iter().map(|o| o.end).max().unwrap_or(occ[hi].end);
            best = best.min(end - occ[lo].start + 1);
            counts[occ[lo].group] -= 1;
            if counts[occ[lo].group] == 0 {
                have -= 1;
            }
            lo += 1;
        }
    }
    (need as f32 / best as f32).min(1.0)
}

/// Share of consecutive positive groups whose typed wordings appear
/// adjacent and in the typed order ("arms dealings" as written).
fn phrase(plan: &Plan, occ: &[Occurrence]) -> f32 {
    let pairs = plan.groups.len().saturating_sub(1);
    if pairs == 0 {
        return 0.0;
    }
    let typed = |o: &&Occurrence| plan.groups[o.group].alts[o.alt].typed;
    let found = (0..pairs)
        .filter(|&g| {
            occ.iter()
                .filter(typed)
                .filter(|o| o.group == g)
                .any(|a| occ.iter().filter(typed).any(|b| b.group == g + 1 && b.start == a.end + 1))
        })
        .count();
    found as f32 / pairs as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(start: u32, end: u32, group: usize) -> Occurrence {
        Occurrence { start, end, group, alt: 0 }
    }

    #[test]
    fn proximity_finds_the_tightest_window() {
        let o = [occ(0, 0, 0), occ(10, 10, 1), occ(20, 20, 0), occ(21, 21, 1)];
        assert_eq!(proximity(&o, 2), 1.0);
        let o = [occ(0, 0, 0), occ(4, 4, 1)];
        assert_eq!(proximity(&o, 2), 2.0 / 5.0);
        assert_eq!(proximity(&[occ(3, 3, 0)], 2), 0.0);
    }
}
