//! Caps on what one search may cost: [`SearchLimits`].
//!
//! Query text and paging values come from people and programs the index
//! does not control. Without caps one request could abort the host process
//! (a `limit` of 10^10 asks tantivy for an 80 GB heap; `usize::MAX`
//! overflows it) or run for seconds and gigabytes (a 1 MB query). Past a cap
//! the request is cut, never refused, and the results carry a warning that
//! says what was cut: the same lenient contract as the query language.

use serde::{Deserialize, Serialize};

use crate::search::parse::ParsedQuery;
use crate::search::plan::Plan;

/// Bounds on one search, set per index with
/// [`crate::NewsIndexBuilder::search_limits`]. README "Limits" lists them.
///
/// Every bound cuts the request and adds a warning to
/// [`crate::SearchResults::warnings`]; none makes the search fail. Raising
/// them trades safety for reach: `max_depth` sizes the first stage's heap
/// (16 bytes per rank) and the second stage's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchLimits {
    /// Most hits one request returns ([`crate::SearchRequest::limit`]).
    /// Default 1,000.
    pub max_limit: usize,
    /// Deepest rank a request can reach, `offset + limit`
    /// ([`crate::SearchRequest::offset`]): a page past it is cut short, or
    /// empty. Default 10,000.
    pub max_depth: usize,
    /// Bytes of query text read; the rest is dropped, cut before the word
    /// that crosses the bound. Default 4,096.
    pub max_query_bytes: usize,
    /// Concepts (query groups) searched, and separately `-` exclusions;
    /// later ones are dropped. Default 32.
    pub max_groups: usize,
    /// Wordings per concept: `OR` alternatives plus lexicon expansions, in
    /// that order; the rest are dropped. Default 64.
    pub max_wordings: usize,
    /// Terms per wording (a quoted phrase); a longer phrase keeps its first
    /// terms. Default 32.
    pub max_phrase_terms: usize,
}

impl Default for SearchLimits {
    fn default() -> Self {
        SearchLimits {
            max_limit: 1_000,
            max_depth: 10_000,
            max_query_bytes: 4_096,
            max_groups: 32,
            max_wordings: 64,
            max_phrase_terms: 32,
        }
    }
}

impl SearchLimits {
    /// The query text within `max_query_bytes`, cut at the last whitespace
    /// before the bound (or at a character boundary when there is none).
    pub(crate) fn cut_text<'a>(&self, text: &'a str, warnings: &mut Vec<String>) -> &'a str {
        if text.len() <= self.max_query_bytes {
            return text;
        }
        let mut end = self.max_query_bytes;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text[..end];
        let kept = match head.rfind(char::is_whitespace) {
            Some(ws) if !text[end..].starts_with(char::is_whitespace) => &head[..ws],
            _ => head,
        };
        warnings.push(format!(
            "query cut to its first {} of {} bytes (limit {})",
            kept.len(),
            text.len(),
            self.max_query_bytes
        ));
        kept
    }

    /// Drops parsed clauses beyond `max_groups` positive and `max_groups`
    /// negative ones, before planning: planning and expansion then work on
    /// a bounded query whatever was typed.
    pub(crate) fn cap_clauses(&self, parsed: &mut ParsedQuery) {
        use crate::search::parse::Occur;
        let before = parsed.clauses.len();
        let (mut positive, mut negative) = (0, 0);
        parsed.clauses.retain(|c| {
            let n = if c.occur == Occur::MustNot { &mut negative } else { &mut positive };
            *n += 1;
            *n <= self.max_groups
        });
        let dropped = before - parsed.clauses.len();
        if dropped > 0 {
            parsed.warnings.push(format!(
                "{dropped} query terms dropped: at most {} to search for and {} to exclude",
                self.max_groups, self.max_groups
            ));
        }
    }

    /// Bounds the plan: wordings per group and terms per wording.
    pub(crate) fn cap_plan(&self, plan: &mut Plan, warnings: &mut Vec<String>) {
        let mut wordings = 0;
        let mut phrases = 0;
        for group in &mut plan.groups {
            if group.alts.len() > self.max_wordings {
                wordings += group.alts.len() - self.max_wordings;
                group.alts.truncate(self.max_wordings);
            }
        }
        let alts = plan.groups.iter_mut().flat_map(|g| g.alts.iter_mut());
        for alt in alts.chain(plan.excluded.iter_mut()) {
            if alt.terms.len() > self.max_phrase_terms {
                phrases += 1;
                alt.terms.truncate(self.max_phrase_terms);
            }
        }
        if wordings > 0 {
            warnings.push(format!(
                "{wordings} alternative wordings dropped: at most {} per query term",
                self.max_wordings
            ));
        }
        if phrases > 0 {
            warnings.push(format!(
                "{phrases} phrases cut to their first {} words",
                self.max_phrase_terms
            ));
        }
    }

    /// The `(offset, limit)` actually served: `limit` within `max_limit`,
    /// and `offset + limit` within `max_depth`.
    pub(crate) fn page(
        &self,
        offset: usize,
        limit: usize,
        warnings: &mut Vec<String>,
    ) -> (usize, usize) {
        let mut served = limit;
        if served > self.max_limit {
            warnings.push(format!("limit {limit} cut to {}", self.max_limit));
            served = self.max_limit;
        }
        let room = self.max_depth.saturating_sub(offset);
        if served > room {
            warnings.push(format!(
                "results end at rank {}: offset {offset} + limit {served} goes deeper",
                self.max_depth
            ));
            served = room;
        }
        (offset.min(self.max_depth), served)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_before_the_word_that_crosses_the_bound() {
        let limits = SearchLimits { max_query_bytes: 10, ..SearchLimits::default() };
        let mut warnings = Vec::new();
        assert_eq!(limits.cut_text("arms deals", &mut warnings), "arms deals");
        assert!(warnings.is_empty());
        assert_eq!(limits.cut_text("arms dealings", &mut warnings), "arms");
        assert_eq!(limits.cut_text("arms deals more", &mut warnings), "arms deals");
        assert_eq!(limits.cut_text("ééééééé", &mut warnings), "ééééé");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
    }

    #[test]
    fn page_stays_within_limit_and_depth() {
        let limits = SearchLimits::default();
        let mut warnings = Vec::new();
        assert_eq!(limits.page(0, 10, &mut warnings), (0, 10));
        assert!(warnings.is_empty());
        assert_eq!(limits.page(0, usize::MAX, &mut warnings), (0, 1_000));
        assert_eq!(limits.page(9_995, 10, &mut warnings), (9_995, 5));
        assert_eq!(limits.page(usize::MAX, usize::MAX, &mut warnings), (10_000, 0));
        assert_eq!(warnings.len(), 4, "{warnings:?}");
    }
}
