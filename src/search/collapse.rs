//! After scoring: syndicated copies collapsed, the per-article cap, paging.

use std::collections::HashMap;

use crate::search::hits::Ranked;
use crate::search::Page;

/// Folds near-identical passages of other articles (same normalized text)
/// into the best-ranked copy, which lists them under `also_in`.
pub(crate) fn collapse(ranked: Vec<Ranked>) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = Vec::with_capacity(ranked.len());
    let mut first: HashMap<u64, usize> = HashMap::new();
    for r in ranked {
        match first.get(&r.key.text_hash) {
            Some(&i) if out[i].key.article != r.key.article => out[i].also_in.push(r.doc),
            _ => {
                first.entry(r.key.text_hash).or_insert(out.len());
                out.push(r);
            }
        }
    }
    out
}

/// Keeps at most `k` passages per article (0 = all).
pub(crate) fn cap(ranked: Vec<Ranked>, k: usize) -> Vec<Ranked> {
    if k == 0 {
        return ranked;
    }
    let mut seen: HashMap<u64, usize> = HashMap::new();
    ranked
        .into_iter()
        .filter(|r| {
            let n = seen.entry(r.key.article).or_default();
            *n += 1;
            *n <= k
        })
        .collect()
}

/// The served page of the ranked list.
pub(crate) fn page(ranked: Vec<Ranked>, page: Page) -> Vec<Ranked> {
    ranked.into_iter().skip(page.offset).take(page.limit).collect()
}
