//! One passage prepared for the rules: its mentions, sentences, the parties
//! "we" and "you" stand for, and which party words mark an item's origin.

use std::ops::Range;

use crate::context::PassageContext;
use crate::extractor::scan::{self, Mention, Sentence};
use crate::extractor::vocab::{Form, PartyId, Person, Sense, Vocab, Word};
use crate::lexicon::{Role, Stance};
use crate::transfer::{ItemKind, Status};

/// Someone a rule found: a party, or a pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    /// A party named at this mention.
    Party(PartyId, usize),
    /// "we"/"you"/"they" at this mention: resolved through the context, or
    /// unknown (which still blocks guessing).
    Pronoun(Option<PartyId>, usize),
}

impl Who {
    pub fn party(self) -> Option<PartyId> {
        match self {
            Who::Party(p, _) | Who::Pronoun(Some(p), _) => Some(p),
            Who::Pronoun(None, _) => None,
        }
    }

    pub fn mention(self) -> usize {
        match self {
            Who::Party(_, i) | Who::Pronoun(_, i) => i,
        }
    }
}

/// A transfer word's reading of its mention.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trigger {
    pub role: Role,
    pub item: Option<ItemKind>,
    pub status: Option<Status>,
}

/// What a party mention does in its noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartyUse {
    /// Stands on its own: a subject, object or prepositional object.
    Plain,
    /// An adjective or "-made" before an item: the item comes from it.
    Origin,
    /// A name right before an item ("Iran arms"): related, role unknown.
    Modifier,
}

pub(crate) struct Passage<'a> {
    pub text: &'a str,
    pub m: Vec<Mention<'a>>,
    pub sentences: Vec<Sentence>,
    /// Mention range of each sentence.
    pub sentence_mentions: Vec<Range<usize>>,
    /// The party "we" stands for, and the one "you" stands for.
    pub we: Option<PartyId>,
    pub you: Option<PartyId>,
    /// The party the outlet itself is (a White House transcript).
    pub publisher: Option<PartyId>,
    /// Per mention: for a party, its use; for an item, its origin party.
    pub party_use: Vec<PartyUse>,
    pub item_origin: Vec<Option<PartyId>>,
}

impl<'a> Passage<'a> {
    /// `speaker` is the party "we" stands for; `publisher` the party the
    /// outlet itself is.
    pub fn new(
        vocab: &'a Vocab,
        ctx: &PassageContext<'a>,
        speaker: Option<PartyId>,
        publisher: Option<PartyId>,
    ) -> Self {
        let mut m = scan::mentions(vocab, ctx.text);
        let sentences = scan::positions(ctx.text, &mut m);
        let mut sentence_mentions = vec![0..0; sentences.len()];
        for (i, mention) in m.iter().enumerate() {
            let r = &mut sentence_mentions[mention.sentence as usize];
            if r.start == r.end {
                *r = i..i + 1;
            } else {
                r.end = i + 1;
            }
        }
        // A transcript's question turn ("Q  Will you send…") is the
        // reporter's: "you" is the speaker's side, "we" is unknown.
        let question_turn = ctx.text.starts_with("Q ") || ctx.text.starts_with("Q:");
        let (we, you) = if question_turn { (None, speaker) } else { (speaker, None) };
        let n = m.len();
        let mut p = Passage {
            text: ctx.text,
            m,
            sentences,
            sentence_mentions,
            we,
            you,
            publisher,
            party_use: vec![PartyUse::Plain; n],
            item_origin: vec![None; n],
        };
        p.mark_origins();
        p
    }

    /// Marks adjectives and "-made" names before an item as its origin, and
    /// names right before an item as modifiers.
    fn mark_origins(&mut self) {
        for i in 0..self.m.len() {
            let Some((party, form)) = self.party(i) else { continue };
            let suffixed =
                self.is(i + 1, |s| matches!(s, Sense::Origin)) && self.gap(i, i + 1) == 0;
            let next = if suffixed { i + 2 } else { i + 1 };
            let Some(item) = self.next_item(next, i, 2) else { continue };
            if form == Form::Adjective || suffixed {
                self.party_use[i] = PartyUse::Origin;
                self.item_origin[item] = Some(party);
            } else if item == i + 1 && self.gap(i, item) == 0 {
                self.party_use[i] = PartyUse::Modifier;
            }
        }
    }

    /// The item mention at `k`, if it is within `max_gap` words of `after`
    /// in the same sentence.
    fn next_item(&self, k: usize, after: usize, max_gap: u32) -> Option<usize> {
        let near = self.same_sentence(after, k) && self.gap(after, k) <= max_gap;
        (near && self.item_of(k).is_some()).then_some(k)
    }

    // --- mention accessors ---------------------------------------------

    pub fn is(&self, i: usize, pred: impl Fn(&Sense) -> bool) -> bool {
        self.m.get(i).is_some_and(|m| m.senses.iter().any(pred))
    }

    pub fn word(&self, i: usize) -> Option<Word> {
        self.m.get(i)?.senses.iter().find_map(|s| match s {
            Sense::Word(w) => Some(*w),
            _ => None,
        })
    }

    pub fn is_word(&self, i: usize, w: Word) -> bool {
        self.is(i, |s| *s == Sense::Word(w))
    }

    pub fn party(&self, i: usize) -> Option<(PartyId, Form)> {
        self.m.get(i)?.senses.iter().find_map(|s| match s {
            Sense::Party(p, f) => Some((*p, *f)),
            _ => None,
        })
    }

    /// The item a mention names: an item word, or a transfer word carrying one.
    pub fn item_of(&self, i: usize) -> Option<ItemKind> {
        self.m.get(i)?.senses.iter().find_map(|s| match s {
            Sense::Item(k) => Some(*k),
            Sense::Trigger { item: Some(k), .. } => Some(*k),
            _ => None,
        })
    }

    pub fn trigger(&self, i: usize) -> Option<Trigger> {
        self.m.get(i)?.senses.iter().find_map(|s| match s {
            Sense::Trigger { role, item, status } => {
                Some(Trigger { role: *role, item: *item, status: *status })
            }
            _ => None,
        })
    }

    pub fn stance(&self, i: usize, stance: Stance) -> bool {
        self.is(i, |s| *s == Sense::Stance(stance))
    }

    /// A party or pronoun standing on its own at `i`.
    pub fn who(&self, i: usize) -> Option<Who> {
        if let Some((party, _)) = self.party(i) {
            return (self.party_use[i] == PartyUse::Plain).then_some(Who::Party(party, i));
        }
        match self.word(i)? {
            Word::We | Word::Possessor(Person::First) | Word::Object(Person::First) => {
                Some(Who::Pronoun(self.we, i))
            }
            Word::You | Word::Possessor(Person::Second) | Word::Object(Person::Second) => {
                Some(Who::Pronoun(self.you, i))
            }
            Word::They | Word::Possessor(Person::Third) | Word::Object(Person::Third) => {
                Some(Who::Pronoun(self.antecedent(i), i))
            }
            _ => None,
        }
    }

    /// What a third-person pronoun refers to: the nearest party named on its
    /// own before it in the passage; but inside a claim that a party denies
    /// ("Pyongyang denied a White House claim that it was planning"), the
    /// denier, since one denies what is said about oneself.
    fn antecedent(&self, i: usize) -> Option<PartyId> {
        self.denier_of_claim(i).or_else(|| self.named_before(0, i))
    }

    /// The subject of a denial that governs a claim before mention `i` in
    /// its sentence ("X denied Y's claim that … i").
    fn denier_of_claim(&self, i: usize) -> Option<PartyId> {
        let start = self.sentence_of(i).start;
        let claim = (start..i).rev().find(|&k| self.stance(k, Stance::Allegation))?;
        let denial = (start..claim).rev().find(|&k| self.stance(k, Stance::Denial))?;
        self.named_before(start, denial)
    }

    /// The nearest party named on its own in mentions `from..to`.
    fn named_before(&self, from: usize, to: usize) -> Option<PartyId> {
        (from..to).rev().find_map(|j| match self.party(j) {
            Some((party, _)) if self.party_use[j] == PartyUse::Plain => Some(party),
            _ => None,
        })
    }

    // --- positions -----------------------------------------------------

    /// Words strictly between mentions `a` < `b`.
    pub fn gap(&self, a: usize, b: usize) -> u32 {
        self.m[b].word.saturating_sub(self.m[a].word_end)
    }

    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        b < self.m.len() && a < self.m.len() && self.m[a].sentence == self.m[b].sentence
    }

    /// Mentions of the sentence holding mention `i`.
    pub fn sentence_of(&self, i: usize) -> Range<usize> {
        self.sentence_mentions[self.m[i].sentence as usize].clone()
    }

    /// The grammar word right before mention `i` (at most one unknown word,
    /// such as "the", between), in the same sentence.
    pub fn governor(&self, i: usize) -> Option<Word> {
        let j = i.checked_sub(1)?;
        let gap = self.gap(j, i);
        if !self.same_sentence(j, i) || gap > 1 {
            return None;
        }
        // "to the Soviet Union", "to Japanese Toshiba": a determiner or a
        // name may stand between; "to help Ukraine" is no destination.
        if gap == 1 {
            let between = first_word(&self.text[self.m[j].end..self.m[i].start]);
            let name = between.starts_with(|c: char| c.is_uppercase());
            if !name && !DETERMINERS.contains(&between.to_lowercase().as_str()) {
                return None;
            }
        }
        self.word(j)
    }

    /// A clause boundary: ; : — ( ) but, which, that.
    pub fn clause_break(&self, k: usize) -> bool {
        matches!(self.word(k), Some(Word::Break | Word::Semicolon | Word::But | Word::Which))
    }

    /// An infinitive "to": followed by a lowercase word that is no
    /// determiner ("to help", "to keep"; not "to Ukraine", "to these").
    pub fn infinitive(&self, k: usize) -> bool {
        if !self.is_word(k, Word::To) {
            return false;
        }
        let word = first_word(&self.text[self.m[k].end..]);
        word.starts_with(|c: char| c.is_lowercase()) && !DETERMINERS.contains(&word)
    }

    /// Whether the word before `i` in the text is a determiner or a
    /// quantity, which makes a transfer word a noun ("the sale", "its
    /// transfer", "two shipments", "$425 million arms sales").
    pub fn after_determiner(&self, i: usize) -> bool {
        let before = self.text[..self.m[i].start].trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let number = !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
        let scale = matches!(word.as_str(), "million" | "billion" | "trillion");
        DETERMINERS.contains(&word.as_str()) || number || scale
    }
}

/// The first word of `text` (letters and digits), skipping what precedes it.
fn first_word(text: &str) -> &str {
    let start = text.find(char::is_alphanumeric).unwrap_or(text.len());
    let rest = &text[start..];
    &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())]
}

const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "that",
    "its",
    "their",
    "his",
    "her",
    "our",
    "any",
    "further",
    "more",
    "additional",
    "new",
    "such",
    "of",
];
