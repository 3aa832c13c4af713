//! Document-level metrics with trec_eval semantics (as BEIR reports them
//! through pytrec_eval): `ndcg_cut.10` and `recall.100`.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::eval::dcg::{dcg_linear, ratio};

/// Graded judgments: query id -> document id -> relevance grade.
pub type TrecQrels = BTreeMap<String, HashMap<String, i32>>;

/// A run: query id -> `(document id, score)` in any order.
pub type TrecRun = HashMap<String, Vec<(String, f32)>>;

/// The two BEIR figures for one query, or averaged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct TrecMetrics {
    /// nDCG@10 with linear gains (the grade) and the ideal ranking built
    /// from every judged document of the query.
    pub ndcg10: f64,
    /// Share of the relevant (grade ≥ 1) documents in the first 100.
    pub recall100: f64,
}

/// Per-query figures and their mean.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrecReport {
    /// Mean over the queries of the qrels; a query the run misses counts 0
    /// (trec_eval `-c`; equal to the default when every query has results).
    pub mean: TrecMetrics,
    /// One row per query of the qrels, sorted by id.
    pub queries: Vec<(String, TrecMetrics)>,
}

/// Scores `run` against `qrels` as trec_eval does.
///
/// Each query's documents are ranked by score, highest first, ties broken by
/// document id in *descending* byte order (trec_eval's rule; the rank
/// positions in a run file are ignored). A document listed twice counts once,
/// at its best position.
pub fn score_trec(qrels: &TrecQrels, run: &TrecRun) -> TrecReport {
    let queries: Vec<(String, TrecMetrics)> = qrels
        .iter()
        .map(|(q, judged)| {
            let ranked = run.get(q).map(|docs| trec_order(docs)).unwrap_or_default();
            (q.clone(), query_metrics(judged, &ranked))
        })
        .collect();
    let n = queries.len().max(1) as f64;
    let mean = TrecMetrics {
        ndcg10: queries.iter().map(|(_, m)| m.ndcg10).sum::<f64>() / n,
        recall100: queries.iter().map(|(_, m)| m.recall100).sum::<f64>() / n,
    };
    TrecReport { mean, queries }
}

/// Document ids in trec_eval order: score descending, then id descending.
fn trec_order(docs: &[(String, f32)]) -> Vec<&str> {
    let mut sorted: Vec<&(String, f32)> = docs.iter().collect();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    let mut seen = HashSet::new();
    sorted.into_iter().map(|(d, _)| d.as_str()).filter(|d| seen.insert(*d)).collect()
}

fn query_metrics(judged: &HashMap<String, i32>, ranked: &[&str]) -> TrecMetrics {
    let gains: Vec<i32> =
        ranked.iter().map(|d| judged.get(*d).copied().unwrap_or(0).max(0)).collect();
    let mut ideal: Vec<i32> = judged.values().map(|&g| g.max(0)).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let relevant = judged.values().filter(|&&g| g >= 1).count();
    let found =
        ranked.iter().take(100).filter(|d| judged.get(**d).is_some_and(|&g| g >= 1)).count();
    TrecMetrics {
        ndcg10: ratio(dcg_linear(&gains, 10), dcg_linear(&ideal, 10)),
        recall100: if relevant == 0 { 0.0 } else { found as f64 / relevant as f64 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qrels(rows: &[(&str, &str, i32)]) -> TrecQrels {
        let mut q = TrecQrels::new();
        for (query, doc, grade) in rows {
            q.entry(query.to_string()).or_default().insert(doc.to_string(), *grade);
        }
        q
    }

    fn run(rows: &[(&str, &str, f32)]) -> TrecRun {
        let mut r = TrecRun::new();
        for (query, doc, score) in rows {
            r.entry(query.to_string()).or_default().push((doc.to_string(), *score));
        }
        r
    }

    #[test]
    fn hand_computed_ndcg_and_recall() {
        let q = qrels(&[("1", "d1", 2), ("1", "d2", 1), ("1", "d9", 0), ("2", "e1", 1)]);
        // Order by score: d3, d1, d2. Gains [0, 2, 1] (linear).
        let r = run(&[("1", "d1", 5.0), ("1", "d2", 4.0), ("1", "d3", 9.0)]);
        let report = score_trec(&q, &r);
        let ndcg = (2.0 / 3f64.log2() + 1.0 / 4f64.log2()) / (2.0 + 1.0 / 3f64.log2());
        assert!((report.queries[0].1.ndcg10 - ndcg).abs() < 1e-12);
        assert_eq!(report.queries[0].1.recall100, 1.0);
        // Query 2 has no results: counts 0 in the mean.
        assert_eq!(report.queries[1].1, TrecMetrics::default());
        assert!((report.mean.ndcg10 - ndcg / 2.0).abs() < 1e-12);
        assert_eq!(report.mean.recall100, 0.5);
    }

    #[test]
    fn ties_break_by_descending_doc_id() {
        let q = qrels(&[("1", "a", 1)]);
        // Equal scores: "b" ranks before "a", so the relevant doc is second.
        let report = score_trec(&q, &run(&[("1", "a", 1.0), ("1", "b", 1.0)]));
        assert!((report.mean.ndcg10 - 1.0 / 3f64.log2()).abs() < 1e-12);
    }
}
