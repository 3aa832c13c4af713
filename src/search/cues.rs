//! The lexicon words that mark roles and stance in a query, compiled once
//! per index: party adjectives ("German"), item words ("submarines"), and
//! stance words ("denies", "accused", "plans").
//!
//! Party names themselves resolve through the extractor
//! ([`newsdex_transfers::Extractor::canonical_party`]), which knows every
//! alias and mention.

use std::collections::{HashMap, HashSet};

use newsdex_transfers::{Lexicon, Stance};

/// Longest item or stance phrase looked up, in words.
pub(crate) const MAX_PHRASE_WORDS: usize = 4;

/// Lowercased lexicon words, for lookups of query words.
#[derive(Clone, Debug, Default)]
pub(crate) struct QueryCues {
    /// Party adjectives: before an item they name its supplier.
    adjectives: HashSet<String>,
    /// Item words, and transfer words that carry an item ("arms sales").
    items: HashSet<String>,
    /// Stance words and what they signal (the first group listing a word
    /// wins).
    stances: HashMap<String, Stance>,
}

fn key(words: &[impl AsRef<str>]) -> String {
    words.iter().map(|w| w.as_ref().to_lowercase()).collect::<Vec<_>>().join(" ")
}

impl QueryCues {
    pub fn compile(lexicon: &Lexicon) -> QueryCues {
        let mut out = QueryCues::default();
        let split = |w: &str| key(&w.split_whitespace().collect::<Vec<_>>());
        for party in &lexicon.parties {
            out.adjectives.extend(party.adjectives.iter().map(|a| split(a)));
        }
        for group in &lexicon.items {
            out.items.extend(group.words.iter().map(|w| split(w)));
        }
        for group in lexicon.transfer_words.iter().filter(|g| g.item.is_some()) {
            out.items.extend(group.words.iter().map(|w| split(w)));
        }
        for group in &lexicon.stance_words {
            for word in &group.words {
                out.stances.entry(split(word)).or_insert(group.stance);
            }
        }
        out
    }

    /// Whether `words` (as typed) are a party adjective.
    pub fn is_adjective(&self, words: &[String]) -> bool {
        self.adjectives.contains(&key(words))
    }

    /// Whether an item phrase starts at `words[0]`.
    pub fn item_starts(&self, words: &[String]) -> bool {
        (1..=words.len().min(MAX_PHRASE_WORDS)).any(|n| self.items.contains(&key(&words[..n])))
    }

    /// The stance of the phrase starting at `words[0]`, and its length.
    pub fn stance_at(&self, words: &[String]) -> Option<(Stance, usize)> {
        (1..=words.len().min(MAX_PHRASE_WORDS))
            .rev()
            .find_map(|n| self.stances.get(&key(&words[..n])).map(|&s| (s, n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn bundled_lexicon_cues() {
        let cues = QueryCues::compile(&Lexicon::default_english());
        assert!(cues.is_adjective(&words("German")));
        assert!(cues.is_adjective(&words("North Korean")));
        assert!(!cues.is_adjective(&words("Germany")));
        assert!(cues.item_starts(&words("submarines for Egypt")));
        assert!(cues.item_starts(&words("arms sales")));
        assert!(!cues.item_starts(&words("for Egypt")));
        assert_eq!(cues.stance_at(&words("denies supplying")), Some((Stance::Denial, 1)));
        assert_eq!(cues.stance_at(&words("plans to send")).map(|s| s.0), Some(Stance::Plan));
    }
}
