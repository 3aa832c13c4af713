//! English analysis for passage text, titles and query words.
//!
//! One analyzer, [`EN_NEWS`], is used at index time and on typed query words,
//! so a query term always meets the indexed form: tokens split on
//! non-alphanumerics, very long tokens dropped, lowercased, folded to ASCII,
//! possessive `'s` removed, then Snowball English stemming (memoized per
//! analyzer, see [`CachedStemmer`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the English analyzer is registered with the index.
pub(crate) const EN_NEWS: &str = "en_news";
/// Name of the analyzer for exact, case-insensitive keyword fields (outlet, agency).
pub(crate) const KEYWORD_LOWER: &str = "keyword_lower";

/// Tokens longer than this (in bytes) are noise (URLs, base64) and dropped.
const MAX_TOKEN_BYTES: usize = 40;

/// The English news analyzer.
pub fn en_news() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(PossessiveFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// The whole value as one lowercased token, for exact-match keyword fields.
pub(crate) fn keyword_lower() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build()
}

/// Registers the analyzers on an index.
pub(crate) fn register(index: &tantivy::Index) {
    index.tokenizers().register(EN_NEWS, en_news());
    index.tokenizers().register(KEYWORD_LOWER, keyword_lower());
}

/// One analyzed token with its byte range in the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Analyzed {
    /// The indexed form (lowercased, folded, stemmed).
    pub term: String,
    /// Byte range of the token in the analyzed text.
    pub offsets: std::ops::Range<usize>,
    /// Token position, as indexed.
    pub position: usize,
}

/// Analyzes `text` with `analyzer`, keeping offsets and positions.
pub(crate) fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Analyzed> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(Analyzed {
            term: token.text.clone(),
            offsets: token.offset_from..token.offset_to,
            position: token.position,
        });
    }
    out
}

/// The analyzed terms of `text`, in order.
pub(crate) fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    analyze(analyzer, text).into_iter().map(|a| a.term).collect()
}

/// Drops the `s` of a possessive (`Russia's`, `Russia’s`) and closes the
/// position gap it leaves.
///
/// Hand-written because no tantivy filter does it: `SimpleTokenizer` splits
/// `Russia's` into `russia` + `s`, and a stray `s` both pollutes the index and
/// breaks phrases (`"Russia war"` would not match `Russia's war`). Deciding
/// needs the source text (the `s` of `U.S.` must stay), which a filter only
/// sees through its tokenizer wrapper, so it must run first in the chain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PossessiveFilter;

impl TokenFilter for PossessiveFilter {
    type Tokenizer<T: Tokenizer> = PossessiveTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PossessiveTokenizer<T> {
        PossessiveTokenizer { inner: tokenizer }
    }
}

/// [`PossessiveFilter`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub(crate) struct PossessiveTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for PossessiveTokenizer<T> {
    type TokenStream<'a> = PossessiveStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PossessiveStream { text, tail: self.inner.token_stream(text) }
    }
}

/// Token stream of [`PossessiveTokenizer`].
pub(crate) struct PossessiveStream<'a, S> {
    text: &'a str,
    tail: S,
}

impl<S: TokenStream> PossessiveStream<'_, S> {
    fn is_possessive_s(&self, token: &Token) -> bool {
        if !token.text.eq_ignore_ascii_case("s") || token.offset_from == 0 {
            return false;
        }
        let before = &self.text[..token.offset_from];
        before.ends_with('\'') || before.ends_with('\u{2019}')
    }
}

impl<S: TokenStream> TokenStream for PossessiveStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if !self.is_possessive_s(self.tail.token()) {
                return true;
            }
            // `SimpleTokenizer` numbers each token from the previous one's
            // position, so stepping the dropped token back by one makes the
            // next token take its place: no gap, phrases still match.
            let token = self.tail.token_mut();
            token.position = token.position.wrapping_sub(1);
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Snowball English stemming, as tantivy's [`Stemmer`], with a memo of the
/// stems of recent words.
///
/// Why: stemming was the largest single cost of indexing (about a quarter of
/// the CPU in the profile in BENCHMARKS.md) and news vocabulary is Zipfian,
/// so most tokens repeat a word stemmed moments before; a lookup is cheaper
/// than the Snowball rules (the analyzer runs ≈ 2× faster on news text).
/// tantivy clones the analyzer for every indexing thread and field, and a
/// clone starts with an empty memo, so memos are private (no locks) and small.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CachedStemmer;

/// Words memoized per analyzer clone; the memo is cleared when full
/// (≈ 0.8 MB: a 32 k-slot table of 16-byte entries and ≈ 300 KB of words).
const STEM_MEMO_ENTRIES: usize = 20_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerTokenizer<T> {
        CachedStemmerTokenizer { inner, memo: StemMemo::default(), stemmer: single_word_stemmer() }
    }
}

/// Stems one word: tantivy's own English stemmer, so memoized and fresh stems
/// are the same by construction.
fn single_word_stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::English)).build()
}

/// [`CachedStemmer`]'s memo: words and their stems back to back in one
/// buffer, found through a table of 64-bit word hashes (checked against the
/// word's bytes, so a hash collision is a miss, never a wrong stem).
///
/// Why not a `HashMap<String, String>`, as before: each lookup then followed
/// a pointer to a separately allocated key, and with several memos of
/// ≈ 3 MB each (one per indexing thread and field) that was a cache miss per
/// token: the lookup cost ≈ 11 % of indexing CPU, 4 % in `memcmp` alone
/// (BENCHMARKS.md §12). Here an entry is 16 bytes in the table, its bytes
/// adjacent in a buffer of ≈ 300 KB.
#[derive(Default)]
struct StemMemo {
    /// Each entry's word then its stem.
    bytes: Vec<u8>,
    slots: HashMap<u64, Slot, BuildHasherDefault<FoldHasher>>,
}

/// Where a memoized word and its stem are in [`StemMemo::bytes`].
#[derive(Clone, Copy)]
struct Slot {
    at: u32,
    word_len: u8,
    stem_len: u8,
}

/// Passes a precomputed 64-bit hash through, folding its high half (where a
/// multiplicative hash is strongest) into the low bits the table indexes by.
#[derive(Default)]
struct FoldHasher(u64);

impl Hasher for FoldHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed; this path keeps the trait total.
        self.0 = word_hash(bytes);
    }

    fn write_u64(&mut self, h: u64) {
        self.0 = h ^ (h >> 32);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A fast 64-bit hash of a word, 8 bytes at a time (FxHash's mixing step).
fn word_hash(word: &[u8]) -> u64 {
    let mut h = word.len() as u64;
    for chunk in word.chunks(8) {
        let mut buf = [0u8; 8];
        buf[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h
}

impl StemMemo {
    /// The memoized stem of `word`.
    fn get(&self, hash: u64, word: &str) -> Option<&str> {
        let slot = self.slots.get(&hash)?;
        let at = slot.at as usize;
        let stored = self.bytes.get(at..at + usize::from(slot.word_len))?;
        if stored != word.as_bytes() {
            return None;
        }
        let stem =
            self.bytes.get(at + stored.len()..at + stored.len() + usize::from(slot.stem_len))?;
        std::str::from_utf8(stem).ok()
    }

    /// Memoizes `word`'s stem, clearing the memo first when it is full;
    /// words or stems over 255 bytes are not memoized (the analyzer drops
    /// tokens over 40 bytes before folding, so this is only a guard).
    fn insert(&mut self, hash: u64, word: &str, stem: &str) {
        let (Ok(word_len), Ok(stem_len)) = (u8::try_from(word.len()), u8::try_from(stem.len()))
        else {
            return;
        };
        if self.slots.len() >= STEM_MEMO_ENTRIES || self.bytes.len() > u32::MAX as usize / 2 {
            self.slots.clear();
            self.bytes.clear();
        }
        let at = self.bytes.len() as u32;
        self.bytes.extend_from_slice(word.as_bytes());
        self.bytes.extend_from_slice(stem.as_bytes());
        self.slots.insert(hash, Slot { at, word_len, stem_len });
    }
}

/// [`CachedStemmer`] wrapped around a tokenizer.
pub(crate) struct CachedStemmerTokenizer<T> {
    inner: T,
    memo: StemMemo,
    stemmer: TextAnalyzer,
}

impl<T: Clone> Clone for CachedStemmerTokenizer<T> {
    /// A clone starts with an empty memo: cheap, and nothing shared.
    fn clone(&self) -> Self {
        CachedStemmerTokenizer {
            inner: self.inner.clone(),
            memo: StemMemo::default(),
            stemmer: single_word_stemmer(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerTokenizer<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: &mut self.stemmer,
        }
    }
}

/// Token stream of [`CachedStemmerTokenizer`].
pub(crate) struct CachedStemmerStream<'a, S> {
    tail: S,
    memo: &'a mut StemMemo,
    stemmer: &'a mut TextAnalyzer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let hash = word_hash(token.text.as_bytes());
        if let Some(stem) = self.memo.get(hash, &token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let mut one = self.stemmer.token_stream(&token.text);
        let stem = if one.advance() { one.token().text.clone() } else { token.text.clone() };
        drop(one);
        self.memo.insert(hash, &token.text, &stem);
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_are_dropped_and_positions_stay_contiguous() {
        let tokens = analyze(&mut en_news(), "Russia's war, Russia’s shells and U.S. arms");
        let terms: Vec<_> = tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["russia", "war", "russia", "shell", "and", "u", "s", "arm"]);
        let positions: Vec<_> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn stems_fold_and_keep_offsets() {
        let text = "Supplying Dealings Café";
        let tokens = analyze(&mut en_news(), text);
        assert_eq!(tokens[0].term, terms(&mut en_news(), "supplies")[0]);
        assert_eq!(tokens[1].term, "deal");
        assert_eq!(tokens[2].term, "cafe");
        assert_eq!(&text[tokens[2].offsets.clone()], "Café");
    }

    #[test]
    fn a_stem_memo_hash_collision_is_a_miss() {
        let mut memo = StemMemo::default();
        memo.insert(7, "dealings", "deal");
        assert_eq!(memo.get(7, "dealings"), Some("deal"));
        // Same hash, another word: not its stem.
        assert_eq!(memo.get(7, "supplies"), None);
        assert_eq!(memo.get(word_hash(b"dealings"), "dealings"), None);
        memo.insert(7, "supplies", "suppli");
        assert_eq!(memo.get(7, "supplies"), Some("suppli"));
        // Too long to memoize: not stored, not an error.
        memo.insert(8, &"x".repeat(300), "x");
        assert_eq!(memo.get(8, &"x".repeat(300)), None);
    }

    #[test]
    fn keyword_fields_match_case_insensitively() {
        assert_eq!(terms(&mut keyword_lower(), "The Moscow Times"), ["the moscow times"]);
    }

    #[test]
    fn memoized_stems_equal_tantivy_stems() {
        let reference = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(PossessiveFilter)
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build()
        };
        // Repeated words take the memo path; enough distinct words to clear it once.
        let mut text = String::from("Supplies supplied supplying; dealings deal dealt. ");
        text.push_str(&text.clone());
        for i in 0..STEM_MEMO_ENTRIES + 10 {
            text.push_str(&format!("w{i}ing "));
        }
        text.push_str("Shipments shipping shipped Russia's arms");
        let mut cached = en_news();
        assert_eq!(analyze(&mut cached, &text), analyze(&mut reference(), &text));
        // A second pass over a warm memo gives the same tokens again.
        assert_eq!(analyze(&mut cached, &text), analyze(&mut reference(), &text));
        assert_eq!(analyze(&mut cached.clone(), &text), analyze(&mut reference(), &text));
    }
}
