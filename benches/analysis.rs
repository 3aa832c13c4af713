//! Micro-benchmarks of the per-token and per-byte work the indexing profile
//! shows on top (see BENCHMARKS.md): English analysis (stemming) and the
//! content hashes computed for every article and passage.
//!
//! `cargo bench --bench analysis`
//!
//! Input: the first ~4 MB of passage text of the benchmark corpus.
//! Variants compared:
//! - `en_stem`: tantivy's stock English analyzer (the baseline's);
//! - `en_news-like`: newsdex's chain without its possessive filter
//!   (simple, remove-long 40, lowercase, ASCII folding, stemmer);
//! - `en_news-like+stem cache`: the same with stems memoized per analyzer;
//! - `hash_words`: newsdex's FNV word hash as it was before commit `6aac3bb`
//!   (one `write_u32` per char) vs. hashing each lowercased word's bytes at
//!   once (what `src/document.rs` does since).

mod common;

use std::hash::Hasher;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fnv::FnvHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use common::corpus;

/// Bytes of passage text the benchmarks run over.
const SAMPLE_BYTES: usize = 4 << 20;

fn sample_text() -> Vec<String> {
    let source = corpus::corpus_source();
    let errors = std::cell::Cell::new(0);
    let mut out = Vec::new();
    let mut bytes = 0;
    for a in corpus::stream(&source, 1, &errors) {
        for p in newsdex::ingest::split_passages(&a) {
            bytes += p.text.len();
            out.push(p.text);
        }
        if bytes >= SAMPLE_BYTES {
            break;
        }
    }
    out
}

fn en_news_like() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

fn en_news_like_cached() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

fn count_tokens(analyzer: &mut TextAnalyzer, texts: &[String]) -> usize {
    let mut n = 0;
    for t in texts {
        let mut s = analyzer.token_stream(t);
        while s.advance() {
            n += s.token().text.len();
        }
    }
    n
}

fn analysis(c: &mut Criterion) {
    let texts = sample_text();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("analysis");
    g.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
    let mut stock =
        tantivy::tokenizer::TokenizerManager::default().get("en_stem").expect("en_stem");
    g.bench_function("en_stem", |b| b.iter(|| count_tokens(&mut stock, &texts)));
    let mut like = en_news_like();
    g.bench_function("en_news-like", |b| b.iter(|| count_tokens(&mut like, &texts)));
    let mut cached = en_news_like_cached();
    g.bench_function("en_news-like+stem cache", |b| b.iter(|| count_tokens(&mut cached, &texts)));
    g.finish();

    let mut g = c.benchmark_group("content hash");
    g.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("hash_words (per char)", |b| {
        b.iter(|| texts.iter().fold(0u64, |acc, t| acc ^ hash_per_char(t)))
    });
    g.bench_function("hash words (per word bytes)", |b| {
        b.iter(|| texts.iter().fold(0u64, |acc, t| acc ^ hash_per_word(t)))
    });
    g.finish();
}

/// newsdex's `hash_words` before commit `6aac3bb` (src/document.rs).
fn hash_per_char(text: &str) -> u64 {
    let mut h = fnv::FnvHasher::default();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        for c in word.chars().flat_map(char::to_lowercase) {
            h.write_u32(c as u32);
        }
        h.write_u8(b' ');
    }
    h.finish()
}

/// Same words, same case folding, but one `write` of the lowercased UTF-8
/// bytes per word (ASCII words lowercased without `char::to_lowercase`).
fn hash_per_word(text: &str) -> u64 {
    let mut h = fnv::FnvHasher::default();
    let mut buf = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        buf.clear();
        if word.is_ascii() {
            buf.push_str(word);
            buf.make_ascii_lowercase();
        } else {
            buf.extend(word.chars().flat_map(char::to_lowercase));
        }
        h.write(buf.as_bytes());
        h.write_u8(b' ');
    }
    h.finish()
}

/// Snowball English stemming memoized (FNV-hashed map) per analyzer instance (tantivy clones
/// the analyzer per indexing thread, so no locking). Bounded: the map is
/// cleared when it reaches `CACHE_ENTRIES`.
#[derive(Clone, Copy)]
struct CachedStemmer;

const CACHE_ENTRIES: usize = 20_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerTokenizer<T> {
        CachedStemmerTokenizer { inner, cache: FnvHashMap::default(), stemmer: stemmer() }
    }
}

fn stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::English)).build()
}

#[derive(Clone)]
struct CachedStemmerTokenizer<T> {
    inner: T,
    cache: FnvHashMap<String, String>,
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerTokenizer<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            stemmer: &mut self.stemmer,
        }
    }
}

struct CachedStemmerStream<'a, S> {
    tail: S,
    cache: &'a mut FnvHashMap<String, String>,
    stemmer: &'a mut TextAnalyzer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let mut s = self.stemmer.token_stream(&token.text);
        let stem = if s.advance() { s.token().text.clone() } else { token.text.clone() };
        drop(s);
        if self.cache.len() >= CACHE_ENTRIES {
            self.cache.clear();
        }
        self.cache.insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

criterion_group!(benches, analysis);
criterion_main!(benches);
