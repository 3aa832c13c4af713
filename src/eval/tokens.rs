//! The passage matching rules of `score.py`: word tokens, 8-token shingles,
//! and in-order containment for short passages.

use std::collections::{HashMap, HashSet};

/// Number of consecutive tokens two passages must share to match.
pub(crate) const RUN_LEN: usize = 8;

/// Lowercases `text` and returns its runs of ASCII letters and digits, as
/// `score.py` does with `re.findall("[a-z0-9]+", text.lower())`.
///
/// Lowercasing is Unicode-aware first (like Python's `str.lower`), so e.g.
/// the Kelvin sign becomes `k` before the ASCII filter.
pub fn tokenize(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut current = String::new();
    for c in lower.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Maps token strings to small integers so shingles hash cheaply.
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    /// The tokens of `text` as interned ids, with their shingle set.
    pub(crate) fn tokens(&mut self, text: &str) -> Tokens {
        let ids: Vec<u32> = tokenize(text)
            .into_iter()
            .map(|t| {
                let next = self.ids.len() as u32;
                *self.ids.entry(t).or_insert(next)
            })
            .collect();
        let shingles = ids.windows(RUN_LEN).map(|w| w.to_vec()).collect();
        Tokens { ids, shingles }
    }
}

/// A passage's tokens and its set of `RUN_LEN`-token shingles.
pub(crate) struct Tokens {
    ids: Vec<u32>,
    shingles: HashSet<Vec<u32>>,
}

impl Tokens {
    /// Whether two passages match: a shared shingle, or, when either has
    /// fewer than `RUN_LEN` tokens, the shorter one appearing in order
    /// (contiguously) inside the other. An empty passage matches nothing.
    pub(crate) fn matches(&self, other: &Tokens) -> bool {
        if self.ids.len() < RUN_LEN || other.ids.len() < RUN_LEN {
            let (short, long) = if self.ids.len() <= other.ids.len() {
                (&self.ids, &other.ids)
            } else {
                (&other.ids, &self.ids)
            };
            return !short.is_empty() && long.windows(short.len()).any(|w| w == short.as_slice());
        }
        !self.shingles.is_disjoint(&other.shingles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_lowercase_ascii_alnum_runs() {
        assert_eq!(
            tokenize("North Korea's 152-mm shells, É.U."),
            ["north", "korea", "s", "152", "mm", "shells", "u"]
        );
        // U+212A KELVIN SIGN lowercases to ASCII k, as in Python.
        assert_eq!(tokenize("\u{212A}CNA"), ["kcna"]);
    }

    #[test]
    fn long_passages_match_on_eight_shared_tokens() {
        let mut int = Interner::default();
        let a = int.tokens("one two three four five six seven eight nine");
        let b = int.tokens("zero one two three four five six seven eight");
        let c = int.tokens("zero one two three four five six seven nine");
        assert!(a.matches(&b));
        assert!(!a.matches(&c));
    }

    #[test]
    fn short_passages_match_by_in_order_containment() {
        let mut int = Interner::default();
        let long = int.tokens("the ministry denied supplying shells to russia on monday");
        assert!(int.tokens("Supplying shells to Russia").matches(&long));
        assert!(long.matches(&int.tokens("supplying shells to russia")));
        assert!(!int.tokens("shells supplying").matches(&long));
        assert!(!int.tokens("...").matches(&long));
        assert!(int.tokens("a b").matches(&int.tokens("a b")));
    }
}
