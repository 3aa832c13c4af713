//! The lexicon compiled for extraction: one Aho-Corasick automaton over every
//! word and phrase, each pattern carrying what it means (its senses).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, BuildError, MatchKind};

use crate::extractor::scan::{word_char_after, word_char_before};
use crate::lexicon::{Lexicon, PartyKind, Role, Stance};
use crate::transfer::{ItemKind, Status};

/// Index of a party in [`Vocab::parties`].
pub(crate) type PartyId = u16;

/// How a party is named at a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// A name or alias: "North Korea", "Pyongyang".
    Name,
    /// An adjective: "North Korean".
    Adjective,
}

/// Grammar words the rules need. They are English syntax, not vocabulary,
/// so they live here rather than in the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    /// to, into, towards: the recipient follows.
    To,
    /// for: the recipient (or a purpose) follows.
    For,
    /// from: the supplier follows.
    From,
    /// "for use by": the end user follows, who receives whatever the
    /// destination ("into Russia for use by Wagner").
    EndUser,
    /// by: the agent of a passive or of a noun follows.
    By,
    /// with: "provide Ukraine with".
    With,
    /// between: "dealings between X and Y".
    Between,
    /// and, or, as well as: coordination.
    And,
    /// of: "deliveries of ITEM".
    Of,
    /// including, such as, like: the more specific item follows.
    Including,
    /// Other prepositions: a party after them is neither subject nor object.
    Prep,
    /// First person: the speaker (we, us, I, me).
    We,
    /// Second person: the party addressed (you).
    You,
    /// Third-person pronouns (they, them, it, he, she).
    They,
    /// Possessive determiners, with the person they stand for: "our
    /// weapons", "their shipment". Never an object.
    Possessor(Person),
    /// Object pronouns: "us", "them". Never a subject.
    Object(Person),
    /// Forms of "be": marks a passive before a past participle.
    Be,
    /// Possessive `'s`.
    Possessive,
    /// A comma.
    Comma,
    /// : — ( ): a clause break.
    Break,
    /// ; : a clause break that also ends the search for a subject.
    Semicolon,
    /// but, while, although: a clause break.
    But,
    /// which, that, who: a relative clause starts.
    Which,
}

/// Grammatical person of a possessive determiner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Person {
    First,
    Second,
    Third,
}

/// What a matched word or phrase means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Sense {
    Party(PartyId, Form),
    Item(ItemKind),
    Trigger {
        role: Role,
        item: Option<ItemKind>,
        status: Option<Status>,
    },
    Stance(Stance),
    /// "-made", "-provided": the party just before is an origin marker.
    Origin,
    Word(Word),
    /// A phrase that only exists to stop its parts from matching ("arms
    /// control", "give up").
    Block,
}

/// One automaton pattern.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The pattern as written in the lexicon (for case checks).
    pub text: Box<str>,
    /// Needs the case check of [`Entry::case_ok`].
    has_upper: bool,
    /// Matches inside words (`'s`, `n't`, punctuation, `-made`).
    pub attached: bool,
    pub senses: Vec<Sense>,
}

impl Entry {
    /// The pattern has capital letters (a name, an acronym).
    pub fn has_capitals(&self) -> bool {
        self.has_upper
    }

    /// A capitalized word of the pattern needs a capital in the text; an
    /// all-capital word of up to three letters ("US", "EU") must match
    /// exactly, so that "us" stays a pronoun.
    pub fn case_ok(&self, found: &[u8]) -> bool {
        if !self.has_upper {
            return true;
        }
        let pat = self.text.as_bytes();
        let mut i = 0;
        while i < pat.len() {
            let word_end = pat[i..].iter().position(|b| *b == b' ').map_or(pat.len(), |p| i + p);
            let word = &pat[i..word_end];
            let letters = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
            if word.first().is_some_and(u8::is_ascii_uppercase) {
                if !found[i].is_ascii_uppercase() {
                    return false;
                }
                let acronym = letters <= 3 && word.iter().all(|b| !b.is_ascii_lowercase());
                if acronym && found[i..word_end] != *word {
                    return false;
                }
            }
            i = word_end + 1;
        }
        true
    }
}

/// A party as extraction needs it.
#[derive(Debug)]
pub(crate) struct PartyInfo {
    pub name: String,
    pub kind: PartyKind,
    /// (last day, earlier name), sorted by day.
    pub formerly: Vec<(String, String)>,
}

impl PartyInfo {
    /// The canonical name on `day` (`YYYY-MM-DD…`, or none).
    pub fn name_on(&self, day: Option<&str>) -> &str {
        // The first ten bytes are the day; a date with a multi-byte
        // character there is compared whole (it names no valid day anyway).
        let day = day.map(|d| d.get(..d.len().min(10)).unwrap_or(d));
        match day {
            Some(day) => self
                .formerly
                .iter()
                .find(|(until, _)| day <= until.as_str())
                .map_or(&self.name, |(_, name)| name),
            None => &self.name,
        }
    }
}

/// The compiled vocabulary.
#[derive(Debug)]
pub(crate) struct Vocab {
    pub automaton: AhoCorasick,
    pub entries: Vec<Entry>,
    /// Item words and triggers carrying an item: a passage without any is
    /// skipped after one fast scan.
    pub prefilter: AhoCorasick,
    pub parties: Vec<PartyInfo>,
    /// Lowercased names, aliases, adjectives and mentions → party.
    pub names: HashMap<String, PartyId>,
}

const GRAMMAR: &[(&str, Word)] = &[
    ("to", Word::To),
    ("into", Word::To),
    ("towards", Word::To),
    ("toward", Word::To),
    ("for", Word::For),
    ("in support of", Word::For),
    ("on behalf of", Word::For),
    ("from", Word::From),
    ("for use by", Word::EndUser),
    ("for the use of", Word::EndUser),
    ("by", Word::By),
    ("with", Word::With),
    ("between", Word::Between),
    ("and", Word::And),
    ("or", Word::And),
    ("as well as", Word::And),
    ("of", Word::Of),
    ("including", Word::Including),
    ("includes", Word::Including),
    ("include", Word::Including),
    ("included", Word::Including),
    ("such as", Word::Including),
    ("like", Word::Including),
    ("in", Word::Prep),
    ("on", Word::Prep),
    ("against", Word::Prep),
    ("at", Word::Prep),
    ("over", Word::Prep),
    ("through", Word::Prep),
    ("via", Word::Prep),
    ("about", Word::Prep),
    ("across", Word::Prep),
    ("near", Word::Prep),
    ("within", Word::Prep),
    ("inside", Word::Prep),
    ("among", Word::Prep),
    ("after", Word::Prep),
    ("before", Word::Prep),
    ("during", Word::Prep),
    ("under", Word::Prep),
    ("we", Word::We),
    ("us", Word::Object(Person::First)),
    ("our", Word::Possessor(Person::First)),
    ("ours", Word::We),
    ("i", Word::We),
    ("my", Word::Possessor(Person::First)),
    ("me", Word::Object(Person::First)),
    ("you", Word::You),
    ("your", Word::Possessor(Person::Second)),
    ("they", Word::They),
    ("them", Word::Object(Person::Third)),
    ("their", Word::Possessor(Person::Third)),
    ("it", Word::They),
    ("its", Word::Possessor(Person::Third)),
    ("he", Word::They),
    ("him", Word::Object(Person::Third)),
    ("she", Word::They),
    ("his", Word::Possessor(Person::Third)),
    ("her", Word::Possessor(Person::Third)),
    ("is", Word::Be),
    ("are", Word::Be),
    ("was", Word::Be),
    ("were", Word::Be),
    ("be", Word::Be),
    ("been", Word::Be),
    ("being", Word::Be),
    ("'s", Word::Possessive),
    ("’s", Word::Possessive),
    (",", Word::Comma),
    (";", Word::Semicolon),
    (":", Word::Break),
    ("—", Word::Break),
    ("–", Word::Break),
    (" - ", Word::Break),
    ("(", Word::Break),
    (")", Word::Break),
    ("but", Word::But),
    ("while", Word::But),
    ("although", Word::But),
    ("though", Word::But),
    ("however", Word::But),
    ("whereas", Word::But),
    ("which", Word::Which),
    ("that", Word::Which),
    ("who", Word::Which),
];

/// Phrases whose words must not be read on their own.
const BLOCKS: &[&str] = &[
    "arms control",
    "arms race",
    "arms embargo",
    "nuclear arms",
    "arms reduction",
    "coat of arms",
    "in arms",
    "up in arms",
    "arm's length",
    "arm’s length",
    "armed forces",
    "give up",
    "gave up",
    "drawdown authority",
    "drawdown authorities",
    "weapons of mass destruction",
    "supply chain",
    "supply chains",
    "sent a message",
    "send a message",
    "sending a message",
    "sending an unmistakable message",
    "trade deficit",
    "trading partners",
    "shell companies",
    "shell company",
    "think tank",
    "think tanks",
    "fuel tank",
    "fuel tanks",
    "use of force",
    "not only",
    "not just",
    "no doubt",
    "no matter",
    "whether or not",
    "Security Assistance Initiative",
];

/// Accumulates patterns, merging senses of identical patterns.
#[derive(Default)]
struct Patterns {
    entries: Vec<Entry>,
    index: HashMap<Box<str>, usize>,
}

impl Patterns {
    fn add(&mut self, text: &str, sense: Sense, attached: bool) {
        // Punctuation patterns may hold meaningful spaces (" - ").
        let text = if attached { text } else { text.trim() };
        if text.is_empty() {
            return;
        }
        // Typographic apostrophes are common in the news; match both.
        if text.contains('\'') && !attached {
            self.add_one(&text.replace('\'', "’"), sense, attached);
        }
        self.add_one(text, sense, attached);
    }

    fn add_one(&mut self, text: &str, sense: Sense, attached: bool) {
        let key: Box<str> = text.into();
        if let Some(&i) = self.index.get(&key) {
            if !self.entries[i].senses.contains(&sense) {
                self.entries[i].senses.push(sense);
            }
            return;
        }
        self.index.insert(key.clone(), self.entries.len());
        let has_upper = text.bytes().any(|b| b.is_ascii_uppercase());
        self.entries.push(Entry { text: key, has_upper, attached, senses: vec![sense] });
    }
}

impl Vocab {
    pub fn compile(lexicon: &Lexicon) -> Result<Vocab, BuildError> {
        let mut p = Patterns::default();
        let mut parties = Vec::new();
        let mut names = HashMap::new();
        for (id, party) in lexicon.parties.iter().enumerate() {
            let id = id as PartyId;
            let mut formerly: Vec<(String, String)> =
                party.formerly.iter().map(|f| (f.until.clone(), f.name.clone())).collect();
            formerly.sort();
            parties.push(PartyInfo { name: party.name.clone(), kind: party.kind, formerly });
            let named = std::iter::once(&party.name).chain(&party.aliases).chain(&party.mentions);
            for name in named {
                p.add(name, Sense::Party(id, Form::Name), false);
                names.entry(normalize_name(name)).or_insert(id);
            }
            for adjective in &party.adjectives {
                p.add(adjective, Sense::Party(id, Form::Adjective), false);
                names.entry(normalize_name(adjective)).or_insert(id);
            }
        }
        let mut prefilter = Vec::new();
        for group in &lexicon.items {
            for word in &group.words {
                p.add(word, Sense::Item(group.kind), false);
                prefilter.push(word.to_lowercase());
            }
        }
        for group in &lexicon.transfer_words {
            let status = group.status;
            for word in &group.words {
                let sense = Sense::Trigger { role: group.role, item: group.item, status };
                p.add(word, sense, false);
                if group.item.is_some() {
                    prefilter.push(word.to_lowercase());
                }
            }
        }
        for group in &lexicon.stance_words {
            for word in &group.words {
                p.add(word, Sense::Stance(group.stance), is_attached(word));
            }
        }
        for suffix in &lexicon.origin_suffixes {
            p.add(&format!("-{suffix}"), Sense::Origin, true);
        }
        for (word, w) in GRAMMAR {
            p.add(word, Sense::Word(*w), is_attached(word));
        }
        for block in BLOCKS {
            p.add(block, Sense::Block, false);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(p.entries.iter().map(|e| e.text.as_bytes()))?;
        // Standard semantics, so that every match (overlapping ones too)
        // can be checked for whole words in `has_item_word`. It walks every
        // byte of every passage, hence a DFA (`automaton_of`).
        let prefilter = automaton_of(&prefilter)?;
        Ok(Vocab { automaton, entries: p.entries, prefilter, parties, names })
    }

    /// Whether `text` holds an item word (or a transfer word carrying an
    /// item) as a whole word, as the scan would accept it: without the
    /// whole-word check, "tow" in "town", "tank" in "tanker" or "arms" in
    /// "farms" sent a passage through the full scan for nothing.
    pub fn has_item_word(&self, text: &str) -> bool {
        self.prefilter.find_overlapping_iter(text).any(|m| {
            let (start, end) = (m.start(), m.end());
            text.is_char_boundary(start)
                && text.is_char_boundary(end)
                && !word_char_before(text, start)
                && !word_char_after(text, end)
        })
    }

    /// The party a whole name stands for ("DPRK", "the Kremlin").
    pub fn party_named(&self, name: &str) -> Option<PartyId> {
        let key = normalize_name(name);
        self.names
            .get(&key)
            .or_else(|| key.strip_prefix("the ").and_then(|k| self.names.get(k)))
            .copied()
    }
}

/// Above this many bytes of patterns in all, an automaton is built as an
/// NFA rather than a DFA: the same matches, found about four times more
/// slowly, in a tenth of the memory. A DFA takes about 300 bytes per pattern
/// byte: the bundled lexicon's item words (3.6 KB) make a 1.1 MB DFA, all
/// its words (12.5 KB) 3.5 MB, and the cap bounds a DFA near 20 MB. A
/// lexicon past it is read the same, only more slowly.
const DFA_MAX_PATTERN_BYTES: usize = 64 << 10;

/// An ASCII case-insensitive automaton with standard (all matches)
/// semantics; a DFA up to [`DFA_MAX_PATTERN_BYTES`]. The prefilter runs
/// over every passage indexed, so this choice is most of extraction's cost
/// (a contiguous NFA, `aho-corasick`'s own choice above 100 patterns, was
/// three quarters of the extractor's CPU time in the indexing bench).
fn automaton_of<P: AsRef<[u8]>>(patterns: &[P]) -> Result<AhoCorasick, BuildError> {
    let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind((bytes <= DFA_MAX_PATTERN_BYTES).then_some(AhoCorasickKind::DFA))
        .build(patterns)
}

/// Punctuation and contraction endings ("n't", "'ll") match inside words.
fn is_attached(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next().is_some_and(|c| !c.is_alphanumeric());
    first || matches!(chars.next(), Some('\'' | '’'))
}

/// Lowercase, typographic apostrophes straightened, spaces collapsed.
pub(crate) fn normalize_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_prefilter_is_a_dfa() {
        let vocab = Vocab::compile(&Lexicon::default_english()).unwrap();
        assert_eq!(vocab.prefilter.kind(), AhoCorasickKind::DFA);
    }

    #[test]
    fn past_the_cap_an_nfa_finds_the_same_matches() {
        let small = ["tank", "tanks", "air defense"];
        let many: Vec<String> = small
            .iter()
            .map(|s| s.to_string())
            .chain((0..10_000).map(|i| format!("w{i:06}")))
            .collect();
        assert!(many.iter().map(String::len).sum::<usize>() > DFA_MAX_PATTERN_BYTES);
        let (dfa, nfa) = (automaton_of(&small).unwrap(), automaton_of(&many).unwrap());
        assert_eq!(dfa.kind(), AhoCorasickKind::DFA);
        assert_ne!(nfa.kind(), AhoCorasickKind::DFA);
        let text = "Tanks and AIR DEFENSE; a tanker.";
        let spans = |ac: &AhoCorasick| -> Vec<_> {
            ac.find_overlapping_iter(text).map(|m| (m.start(), m.end())).collect()
        };
        assert_eq!(spans(&dfa), [(0, 4), (0, 5), (10, 21), (25, 29)]);
        assert_eq!(spans(&nfa), spans(&dfa));
    }
}
