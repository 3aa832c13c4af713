//! Discounted cumulative gain, in the two flavours the evaluations use.

/// DCG@k with exponential gains `2^g - 1` (the `score.py` formula).
pub(crate) fn dcg_exp(grades: &[u8], k: usize) -> f64 {
    grades.iter().take(k).enumerate().map(|(i, &g)| (2f64.powi(g as i32) - 1.0) / discount(i)).sum()
}

/// DCG@k with linear gains `g` (trec_eval's `ndcg_cut`).
pub(crate) fn dcg_linear(grades: &[i32], k: usize) -> f64 {
    grades.iter().take(k).enumerate().map(|(i, &g)| g as f64 / discount(i)).sum()
}

/// `log2(rank + 1)` for the 0-based position `i`.
fn discount(i: usize) -> f64 {
    ((i + 2) as f64).log2()
}

/// `dcg / ideal`, or 0 when the ideal is 0 (nothing relevant to find).
pub(crate) fn ratio(dcg: f64, ideal: f64) -> f64 {
    if ideal > 0.0 {
        dcg / ideal
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_dcg() {
        // 3/log2(2) + 0 + 1/log2(4) = 3 + 0.5
        assert!((dcg_exp(&[2, 0, 1], 10) - 3.5).abs() < 1e-12);
        assert!((dcg_linear(&[2, 0, 1], 10) - 2.5).abs() < 1e-12);
        assert!((dcg_exp(&[2, 0, 1], 1) - 3.0).abs() < 1e-12);
        assert_eq!(ratio(1.0, 0.0), 0.0);
    }
}
