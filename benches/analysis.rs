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
//! - `en_news`: newsdex's own analyzer (the chain above plus the possessive
//!   filter, stems memoized per analyzer);
//! - content hash: newsdex's FNV word hash as it was before commit `6aac3bb`
//!   (one `write_u32` per char) vs. the library's `text_hash` (each
//!   lowercased word's bytes hashed at once).
//!
//! The newsdex variants call the library through `newsdex::bench_internals`,
//! so they measure the shipped code, not a copy.

mod common;

use std::hash::Hasher;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

use common::corpus;

/// Bytes of passage text the benchmarks run over.
const SAMPLE_BYTES: usize = 4 << 20;

fn sample_text() -> Vec<String> {
    let source = corpus::corpus_source();
    let mut out = Vec::new();
    let mut bytes = 0;
    for a in corpus::stream(&source, 1) {
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
    let mut ours = newsdex::bench_internals::en_news();
    g.bench_function("en_news", |b| b.iter(|| count_tokens(&mut ours, &texts)));
    g.finish();

    let mut g = c.benchmark_group("content hash");
    g.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("hash_words (per char)", |b| {
        b.iter(|| texts.iter().fold(0u64, |acc, t| acc ^ hash_per_char(t)))
    });
    g.bench_function("hash words (per word bytes)", |b| {
        b.iter(|| texts.iter().fold(0u64, |acc, t| acc ^ newsdex::bench_internals::text_hash(t)))
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

criterion_group!(benches, analysis);
criterion_main!(benches);
