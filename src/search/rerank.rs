//! The second stage: re-scoring candidates with features a news analyst
//! would recognize (see [`RankingWeights`] for the formula).

use std::collections::HashMap;

use crate::request::RankingWeights;
use crate::search::evidence::{Evidence, Occurrence};
use crate::search::plan::Plan;
use serde::Serialize;

/// The features of one candidate passage, each in `0..=1` except `roles`
/// (`-1..=1`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Features {
    /// First-stage score divided by the best candidate's.
    pub bm25: f32,
    /// Mean over query groups of the best matching wording's weight.
    pub coverage: f32,
    /// The same mean over the passage's article: per group, the best wording
    /// found in its title or in any candidate passage of the article.
    pub context: f32,
    /// Matched groups divided by the token span of the tightest window
    /// holding one occurrence of each (0 when fewer than two groups match).
    pub proximity: f32,
    /// Share of consecutive typed groups found adjacent and in order.
    pub phrase: f32,
    /// Mean over query groups of the best wording's weight in the title.
    pub title: f32,
    /// 1 for caption, heading and title passages.
    pub non_body: f32,
    /// How the passage's extracted transfers agree with the sides, stance
    /// and sources the query names: 1 when they agree, -1 when they reverse
    /// the asked direction, 0 when the query names none or the passage
    /// has no transfer (see [`RankingWeights::roles`]).
    pub roles: f32,
}

impl Features {
    /// Computes the features of a passage.
    ///
    /// `group_weights` (one per query group, see
    /// [`crate::search::idf::weigh_groups`]) weigh coverage, context and title
    /// matches, so missing a rare word costs more than missing a common one.
    /// `word_order` computes proximity and phrase, which cost a scan of the
    /// occurrences; they are left 0 when their weights are 0 and nobody asked
    /// for an explanation (the default), which changes no score.
    pub(crate) fn of(
        plan: &Plan,
        group_weights: &[f32],
        ev: &Evidence,
        article: &[f32],
        bm25_norm: f32,
        body: bool,
        word_order: bool,
    ) -> Features {
        let (proximity, phrase) = if word_order {
            (proximity(&ev.text, plan.groups.len()), phrase(plan, &ev.text))
        } else {
            (0.0, 0.0)
        };
        Features {
            bm25: bm25_norm,
            coverage: weighted_mean(&ev.coverage, group_weights),
            context: weighted_mean(article, group_weights),
            proximity,
            phrase,
            title: weighted_mean(&ev.title, group_weights),
            non_body: if body { 0.0 } else { 1.0 },
            roles: 0.0,
        }
    }

    /// The weighted sum.
    pub fn score(&self, w: &RankingWeights) -> f32 {
        w.bm25 * self.bm25
            + w.coverage * self.coverage
            + w.context * self.context
            + w.proximity * self.proximity
            + w.phrase * self.phrase
            + w.title * self.title
            + w.roles * self.roles
            - w.non_body * self.non_body
    }
}

/// Per article of the candidates: per query group, the weight of the best
/// wording found in the article's title or in any of its candidate passages.
///
/// Only candidates are read, not every passage of the article, so this
/// costs nothing beyond the evidence already gathered. A matching passage
/// that did not make the candidates does not count, so `context` can shift
/// a little with the candidate count (EVALUATION.md measures two depths).
pub(crate) fn article_coverage<'a>(
    plan: &Plan,
    candidates: impl Iterator<Item = (u64, &'a Evidence)>,
) -> HashMap<u64, Vec<f32>> {
    let mut out: HashMap<u64, Vec<f32>> = HashMap::new();
    for (article, ev) in candidates {
        let best = out.entry(article).or_insert_with(|| vec![0.0; plan.groups.len()]);
        for (b, (&text, &title)) in best.iter_mut().zip(ev.coverage.iter().zip(&ev.title)) {
            *b = b.max(text).max(title);
        }
    }
    out
}

/// `values` averaged with `weights` (plain mean when the weights are all 0
/// or missing).
fn weighted_mean(values: &[f32], weights: &[f32]) -> f32 {
    let total: f32 = weights.iter().take(values.len()).sum();
    if weights.len() < values.len() || total <= 0.0 {
        return values.iter().sum::<f32>() / values.len().max(1) as f32;
    }
    values.iter().zip(weights).map(|(v, w)| v * w).sum::<f32>() / total
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
