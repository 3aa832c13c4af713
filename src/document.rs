//! Article and passages (from the ingest crate) -> tantivy documents: the one
//! file that knows both sides.

use std::hash::Hasher;

use newsdex_ingest::{bounded_id, is_plausible_date, Article, Passage, PassageConfig, PassageKind};
use newsdex_transfers::{Extractor, PassageContext, Transfer};
use tantivy::TantivyDocument;

use crate::schema::Fields;
use crate::transfer_keys::{self, Code};

/// An article turned into index documents, ready for the writer.
pub(crate) struct PreparedArticle {
    pub id: String,
    pub url: Option<String>,
    pub content_hash: u64,
    pub docs: Vec<TantivyDocument>,
}

/// How articles become documents: the index's fields and passage sizes,
/// and the extractor when transfers are extracted.
pub(crate) struct DocBuilder<'a> {
    pub fields: &'a Fields,
    pub config: &'a PassageConfig,
    pub extractor: Option<&'a Extractor>,
}

/// Splits `article` into passages and builds one document per passage,
/// with the transfers each passage mentions.
pub(crate) fn prepare(b: &DocBuilder<'_>, article: &Article) -> PreparedArticle {
    let shared = Shared::of(article);
    let docs = b
        .config
        .split(article)
        .iter()
        .map(|p| {
            let mut doc = passage_doc(b.fields, article, p, &shared);
            if let Some(extractor) = b.extractor {
                let ctx = PassageContext {
                    text: &p.text,
                    title: &article.title,
                    outlet: article.outlet.as_deref(),
                    published: shared.published.as_ref().map(|(_, text)| text.as_str()),
                };
                add_transfers(b.fields, &mut doc, &extractor.extract(&ctx));
            }
            doc
        })
        .collect();
    PreparedArticle {
        id: shared.id.clone(),
        url: article.url.clone(),
        content_hash: shared.content_hash,
        docs,
    }
}

/// Values derived from the article, computed once for all its passages.
struct Shared {
    /// The id as indexed: [`bounded_id`], so that a long id can still be
    /// matched as one term (replaced, deleted).
    id: String,
    content_hash: u64,
    key: u64,
    /// The date as indexed and as displayed.
    published: Option<(tantivy::DateTime, String)>,
}

impl Shared {
    fn of(a: &Article) -> Shared {
        // The readers drop implausible dates with a warning; a hand-built
        // article's is not indexed either, rather than clamped into a date
        // it does not have.
        let published = a
            .published
            .as_ref()
            .filter(|p| is_plausible_date(p))
            .map(|p| (crate::schema::date_value(p.to_datetime().timestamp()), p.to_string()));
        let id = bounded_id(&a.id).into_owned();
        Shared { content_hash: content_hash(a), key: article_key(&id), id, published }
    }
}

fn passage_doc(f: &Fields, a: &Article, p: &Passage, shared: &Shared) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.article_id, &shared.id);
    doc.add_text(f.text, &p.text);
    doc.add_text(f.title, &a.title);
    if let Some(outlet) = &a.outlet {
        doc.add_text(f.outlet, outlet);
    }
    if let Some(agency) = &a.agency {
        doc.add_text(f.agency, agency);
    }
    if let Some((date, text)) = &shared.published {
        doc.add_date(f.published, *date);
        doc.add_text(f.published_text, text);
    }
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    if let Some(section) = &p.section {
        doc.add_text(f.section, section);
    }
    doc.add_text(f.kind, p.kind.as_str());
    doc.add_u64(f.ordinal, u64::from(p.ordinal));
    doc.add_u64(f.content_hash, shared.content_hash);
    doc.add_u64(f.text_hash, text_hash(&p.text));
    doc.add_u64(f.article_key, shared.key);
    doc.add_u64(f.kind_code, kind_code(p.kind));
    doc
}

/// Writes a passage's transfers (see `transfer_keys.rs`); nothing when it
/// has none.
fn add_transfers(f: &Fields, doc: &mut TantivyDocument, transfers: &[Transfer]) {
    if transfers.is_empty() {
        return;
    }
    doc.add_text(f.transfer_terms, transfer_keys::ANY);
    let mut terms: Vec<String> = transfers.iter().flat_map(transfer_keys::terms).collect();
    terms.sort_unstable();
    terms.dedup();
    for term in &terms {
        doc.add_text(f.transfer_terms, term);
    }
    for t in transfers {
        doc.add_text(f.transfer_rows, transfer_keys::row(t));
        doc.add_u64(f.transfer_codes, Code::of(t).pack());
    }
    // Serializing plain strings and numbers cannot fail.
    if let Ok(json) = serde_json::to_string(transfers) {
        doc.add_text(f.transfers, json);
    }
}

/// A 64-bit key of an article id (collisions are negligible at archive
/// scale and would only merge two articles' per-article caps).
pub(crate) fn article_key(id: &str) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

/// Kind code stored in the `kind_code` fast field: 0 is running text.
pub(crate) const BODY_CODE: u64 = 0;

fn kind_code(kind: PassageKind) -> u64 {
    match kind {
        PassageKind::Body => BODY_CODE,
        PassageKind::Caption => 1,
        PassageKind::Heading => 2,
        _ => 3,
    }
}

/// Identity of an article's content: outlet, title and text, compared as
/// lowercased words. The same story from two outlets is *not* a duplicate
/// (it is syndication, collapsed at search time); the same story stored twice
/// under two ids is.
pub(crate) fn content_hash(a: &Article) -> u64 {
    let mut h = fnv::FnvHasher::default();
    hash_words(&mut h, a.outlet.as_deref().unwrap_or(""));
    h.write_u8(0xff);
    hash_words(&mut h, &a.title);
    for p in &a.paragraphs {
        h.write_u8(0xfe);
        hash_words(&mut h, &p.text);
    }
    h.finish()
}

/// Signature of a passage's text for syndication collapse: equal when the
/// lowercased words are equal, whatever the punctuation, case or spacing.
pub fn text_hash(text: &str) -> u64 {
    let mut h = fnv::FnvHasher::default();
    hash_words(&mut h, text);
    h.finish()
}

/// FNV is used because it is stable across runs and Rust versions (hashes are
/// persisted in the index), unlike `std`'s `DefaultHasher`.
///
/// The bytes hashed are each lowercased word's UTF-8 followed by a space,
/// words being the runs of alphanumeric characters. They are fed to the
/// hasher as they are found, byte by byte (FNV consumes bytes one at a time
/// anyway), with an ASCII fast path: no word is copied or lowercased into a
/// buffer first. Same hashes as lowercasing each word into a `String` and
/// hashing that (the test keeps that version as the reference), at a
/// fraction of the cost; this hashing was 7–9 % of indexing CPU
/// (BENCHMARKS.md §5, §14).
fn hash_words(h: &mut fnv::FnvHasher, text: &str) {
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h.write_u8(b.to_ascii_lowercase());
                in_word = true;
                continue;
            }
        } else {
            // `text` is a `str` and `i` is at a char boundary (every ASCII
            // byte is one char), so a char starts here.
            let Some(c) = text[i..].chars().next() else { break };
            i += c.len_utf8();
            if c.is_alphanumeric() {
                let mut buf = [0; 4];
                for lower in c.to_lowercase() {
                    h.write(lower.encode_utf8(&mut buf).as_bytes());
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            h.write_u8(b' ');
            in_word = false;
        }
    }
    if in_word {
        h.write_u8(b' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `hash_words` as it was before its byte-by-byte fast path: the
    /// definition of the hashes stored in existing indexes.
    fn reference_hash(text: &str) -> u64 {
        let mut h = fnv::FnvHasher::default();
        let mut lower = String::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            h.write(lower.as_bytes());
            h.write_u8(b' ');
        }
        h.finish()
    }

    #[test]
    fn text_hash_equals_the_reference_definition() {
        let cases = [
            "",
            " ",
            "North Korea, said: \"no\".",
            "  leading and trailing  ",
            "CAFÉ Ünited, ΑΘΗΝΑ — İstanbul ǅemal ß ẞ",
            "mixed123numbers 4,500 rounds; 155mm",
            "naïve—dash\u{200b}zero-width\u{a0}nbsp",
            "日本語のテキスト、句読点。",
            "emoji 🚀 between 🚀words",
            "tab\tnew\nline\r\nend",
        ];
        for case in cases {
            assert_eq!(text_hash(case), reference_hash(case), "{case:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn text_hash_equals_the_reference_on_any_text(text in "\\PC{0,80}") {
            proptest::prop_assert_eq!(text_hash(&text), reference_hash(&text));
        }
    }

    #[test]
    fn text_hash_ignores_case_punctuation_and_spacing() {
        assert_eq!(text_hash("North Korea, said: \"no\"."), text_hash("north  korea said no"));
        assert_ne!(text_hash("north korea said no"), text_hash("north korea said yes"));
    }

    #[test]
    fn text_hash_folds_non_ascii_case_and_keeps_word_boundaries() {
        assert_eq!(text_hash("CAFÉ Ünited, ΑΘΗΝΑ"), text_hash("café ünited αθηνα"));
        assert_ne!(text_hash("ab c"), text_hash("a bc"));
        assert_ne!(text_hash("naïve"), text_hash("naive"));
    }
}
