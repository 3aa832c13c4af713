//! Text to mentions: every lexicon word found (whole words, case rules
//! applied, longest first), with word and sentence positions.

use crate::extractor::vocab::{Sense, Vocab};

/// A lexicon word or phrase found in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention<'v> {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Number of words before the mention, and before its end: the words
    /// strictly between mentions `a` and `b` are `b.word - a.word_end`.
    pub word: u32,
    pub word_end: u32,
    /// Index of its sentence.
    pub sentence: u32,
    pub senses: &'v [Sense],
}

/// A sentence: byte range, and whether it asks a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub question: bool,
}

/// Words whose trailing period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "st", "co", "corp", "inc", "ltd", "jr", "sr",
    "lt", "col", "capt", "gov", "adm", "sgt", "prof", "rev", "mt", "vs", "dept", "maj", "cmdr",
    "pres", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "fig",
];

/// Finds the mentions of `text`, sorted by position, none overlapping.
pub(crate) fn mentions<'v>(vocab: &'v Vocab, text: &str) -> Vec<Mention<'v>> {
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for m in vocab.automaton.find_overlapping_iter(text) {
        let (start, end) = (m.start(), m.end());
        let entry = &vocab.entries[m.pattern().as_usize()];
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let whole =
            entry.attached || (!word_char_before(text, start) && !word_char_after(text, end));
        if whole && entry.case_ok(&bytes[start..end]) {
            found.push((start, end, m.pattern().as_usize()));
        }
    }
    // Longest match first at each start; then a pattern with capitals (a
    // name) before a lowercase one ("US" before "us").
    found.sort_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), !vocab.entries[p].has_capitals()));
    let mut out = Vec::with_capacity(found.len());
    let mut covered = 0;
    for (start, end, p) in found {
        if start < covered {
            continue;
        }
        covered = end;
        let senses = vocab.entries[p].senses.as_slice();
        if senses.iter().all(|s| *s == Sense::Block) {
            continue;
        }
        out.push(Mention { start, end, word: 0, word_end: 0, sentence: 0, senses });
    }
    out
}

/// A letter or digit ends right before `at` (`at` is no word start).
pub(crate) fn word_char_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// A letter or digit starts at `at` (`at` is no word end).
pub(crate) fn word_char_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Splits `text` into sentences and fills the word and sentence positions of
/// `mentions` (sorted by start).
pub(crate) fn positions(text: &str, mentions: &mut [Mention<'_>]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    let mut words = 0u32;
    let mut prev_word_char = false;
    let (mut next_start, mut next_end) = (0, 0);
    for (i, c) in text.char_indices() {
        while next_end < mentions.len() && mentions[next_end].end <= i {
            mentions[next_end].word_end = words;
            next_end += 1;
        }
        while next_start < mentions.len() && mentions[next_start].start <= i {
            mentions[next_start].word = words;
            mentions[next_start].sentence = sentences.len() as u32;
            next_start += 1;
        }
        let word_char = c.is_alphanumeric();
        if word_char && !prev_word_char {
            words += 1;
        }
        prev_word_char = word_char;
        if let Some(end) = sentence_end(text, i, c) {
            if end > sentence_start {
                let question = text[sentence_start..end].trim_end().ends_with('?');
                sentences.push(Sentence { start: sentence_start, end, question });
                sentence_start = end;
            }
        }
    }
    for m in &mut mentions[next_end..] {
        m.word_end = words;
    }
    for m in &mut mentions[next_start..] {
        m.word = words;
        m.sentence = sentences.len() as u32;
    }
    if sentence_start < text.len() || sentences.is_empty() {
        let question = text[sentence_start..].trim_end().ends_with('?');
        sentences.push(Sentence { start: sentence_start, end: text.len(), question });
    }
    // A closing bracket after the last stop starts no sentence of its own.
    let last = sentences.len() as u32 - 1;
    for m in mentions.iter_mut().rev().take_while(|m| m.sentence > last) {
        m.sentence = last;
    }
    sentences
}

/// If the character `c` at `i` ends a sentence, the byte offset just after
/// it (and any closing quotes or brackets).
fn sentence_end(text: &str, i: usize, c: char) -> Option<usize> {
    if c == '\n' {
        return Some(i + 1);
    }
    if !matches!(c, '.' | '?' | '!') {
        return None;
    }
    let rest = &text[i + 1..];
    let closers = rest.len() - rest.trim_start_matches(['"', '\'', '”', '’', ')', ']']).len();
    let after = &rest[closers..];
    let end = i + 1 + closers;
    let next = after.trim_start();
    if after.is_empty() {
        return Some(end);
    }
    if next.len() == after.len() {
        return None; // "3.5", "U.S.-made": no space after
    }
    if c != '.' {
        return Some(end);
    }
    let starts_sentence = next.chars().next().is_some_and(|n| {
        n.is_uppercase() || n.is_numeric() || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '-' | '*')
    });
    (starts_sentence && !abbreviation_before(&text[..i])).then_some(end)
}

/// The word before a period is an abbreviation: "U.S.", an initial, "Mr".
fn abbreviation_before(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    if word.contains('.') {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase();
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        positions(text, &mut []).iter().map(|s| text[s.start..s.end].trim()).collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_abbreviations() {
        assert_eq!(
            split("The U.S. sent arms. Mr. Kirby said so? Yes! Then 3.5 more."),
            ["The U.S. sent arms.", "Mr. Kirby said so?", "Yes!", "Then 3.5 more."]
        );
        assert_eq!(split("He said “no.” It ended"), ["He said “no.”", "It ended"]);
        assert_eq!(split(""), [""]);
    }
}
