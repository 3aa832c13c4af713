//! What the writer knows of indexed articles, in a few bytes per article:
//! [`KnownArticles`].
//!
//! Upserts need to know whether an id is indexed, duplicate detection which
//! article first had a content hash, and [`crate::NewsWriter::delete_url`]
//! which articles have a URL. This used to be two maps of `String`s (the id
//! twice, the URL once: ≈ 300 bytes per article with allocator and table
//! overhead), which made a writer's memory grow with the index: tens of MB
//! per 100 k articles (BENCHMARKS.md §12). Here an article costs its id's
//! bytes once, in one shared buffer, plus three integers in two tables:
//! ≈ 60–90 bytes with table slack (by layout; BENCHMARKS.md §12 measures
//! the whole process).

use std::collections::HashMap;

use fnv::FnvBuildHasher;

use crate::document::article_key;

/// An id's bytes in [`KnownArticles::ids`]: start in the high 48 bits,
/// length in the low 16 (ids are at most
/// [`newsdex_ingest::MAX_ID_BYTES`] = 1,024 bytes once bounded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span(u64);

impl Span {
    fn start(self) -> usize {
        (self.0 >> 16) as usize
    }

    fn len(self) -> usize {
        (self.0 & 0xffff) as usize
    }
}

/// One known article: the hashes the writer compares, and where its id is.
#[derive(Clone, Copy, Debug)]
struct Entry {
    content_hash: u64,
    /// [`url_key`] of its URL; 0 when it has none.
    url_key: u64,
    id: Span,
}

/// Known articles, keyed by id (through a 64-bit key, checked against the
/// id's bytes) and by content hash.
///
/// Exact for ids: two ids whose keys collide are told apart by their bytes
/// (the second goes to a small overflow map). Content and URL are compared
/// by 64-bit hash, as the content hash always was: a collision would make
/// two different articles duplicates (content) or delete both (URL), with a
/// probability of about n² / 2⁶⁵ for n articles.
///
/// The id buffer only grows: a forgotten (deleted) id keeps its bytes until
/// the next [`KnownArticles::clear`] (a rollback) or a new writer; replacing
/// an article that is known reuses its id's bytes.
#[derive(Default)]
pub(crate) struct KnownArticles {
    ids: Vec<u8>,
    by_key: HashMap<u64, Entry, FnvBuildHasher>,
    /// Ids whose key is taken by another id in `by_key` (practically never).
    collided: HashMap<String, Entry, FnvBuildHasher>,
    /// Content hash → the id of the first article with it.
    by_hash: HashMap<u64, Span, FnvBuildHasher>,
}

/// The key of a URL in [`KnownArticles`] (never 0, which means "no URL").
fn url_key(url: &str) -> u64 {
    article_key(url).max(1)
}

impl KnownArticles {
    /// The id stored at `span`.
    fn id(&self, span: Span) -> &str {
        let bytes = &self.ids[span.start()..span.start() + span.len()];
        // Only whole `&str`s are appended, so every span is valid UTF-8.
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        match self.by_key.get(&article_key(id)) {
            Some(e) if self.id(e.id) == id => Some(e),
            _ if self.collided.is_empty() => None,
            _ => self.collided.get(id),
        }
    }

    /// Whether an article with this id is known.
    pub fn contains(&self, id: &str) -> bool {
        self.entry(id).is_some()
    }

    /// Articles known.
    pub fn len(&self) -> usize {
        self.by_key.len() + self.collided.len()
    }

    /// The id of the first known article with this content hash.
    pub fn with_content(&self, content_hash: u64) -> Option<&str> {
        self.by_hash.get(&content_hash).map(|&span| self.id(span))
    }

    /// Records an article (replacing what was known under its id); the
    /// first article with a content hash keeps it.
    pub fn remember(&mut self, id: &str, content_hash: u64, url: Option<&str>) {
        let span = match self.entry(id) {
            Some(known) => known.id,
            None => self.store(id),
        };
        self.forget(id);
        let entry = Entry { content_hash, url_key: url.map_or(0, url_key), id: span };
        self.by_hash.entry(content_hash).or_insert(span);
        let key = article_key(id);
        match self.by_key.get(&key) {
            Some(other) if self.id(other.id) != id => {
                self.collided.insert(id.to_owned(), entry);
            }
            _ => {
                self.by_key.insert(key, entry);
            }
        }
    }

    /// Appends an id's bytes to the buffer.
    fn store(&mut self, id: &str) -> Span {
        // Bounded ids are ≤ 1,024 bytes; the clamp only guards the packing.
        let mut end = id.len().min(0xffff);
        while !id.is_char_boundary(end) {
            end -= 1;
        }
        let id = &id[..end];
        let span = Span(((self.ids.len() as u64) << 16) | id.len() as u64);
        self.ids.extend_from_slice(id.as_bytes());
        span
    }

    /// Forgets the article with this id (no effect when unknown).
    pub fn forget(&mut self, id: &str) {
        let key = article_key(id);
        let removed = match self.by_key.get(&key) {
            Some(e) if self.id(e.id) == id => self.by_key.remove(&key),
            _ => self.collided.remove(id),
        };
        if let Some(e) = removed {
            if self.by_hash.get(&e.content_hash).is_some_and(|&s| self.id(s) == id) {
                self.by_hash.remove(&e.content_hash);
            }
        }
    }

    /// The ids of known articles with this URL.
    pub fn with_url(&self, url: &str) -> Vec<String> {
        let key = url_key(url);
        let by_key = self.by_key.values().filter(|e| e.url_key == key).map(|e| e.id);
        let mut ids: Vec<String> = by_key.map(|span| self.id(span).to_owned()).collect();
        ids.extend(
            self.collided.iter().filter(|(_, e)| e.url_key == key).map(|(id, _)| id.clone()),
        );
        ids
    }

    /// Forgets everything and frees the id buffer.
    pub fn clear(&mut self) {
        *self = KnownArticles::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_replaces_and_forgets() {
        let mut k = KnownArticles::default();
        k.remember("a", 1, Some("https://x/a"));
        k.remember("b", 2, None);
        assert!(k.contains("a") && k.contains("b") && !k.contains("c"));
        assert_eq!(k.with_content(1), Some("a"));
        // A replace with new content releases the old hash.
        k.remember("a", 3, Some("https://x/a"));
        assert_eq!((k.len(), k.with_content(1), k.with_content(3)), (2, None, Some("a")));
        assert_eq!(k.with_url("https://x/a"), vec!["a".to_string()]);
        k.forget("a");
        assert!(!k.contains("a"));
        assert_eq!((k.len(), k.with_content(3)), (1, None));
    }

    #[test]
    fn first_article_keeps_a_shared_content_hash() {
        let mut k = KnownArticles::default();
        k.remember("a", 7, None);
        k.remember("b", 7, None);
        assert_eq!(k.with_content(7), Some("a"));
        // Forgetting the second leaves the first's claim alone.
        k.forget("b");
        assert_eq!(k.with_content(7), Some("a"));
    }

    #[test]
    fn ids_with_colliding_keys_stay_apart() {
        let mut k = KnownArticles::default();
        k.remember("a", 1, None);
        // Simulate a key collision: another id filed under "a"'s key.
        let span = k.store("z");
        let entry = Entry { content_hash: 2, url_key: 0, id: span };
        k.collided.insert("z".into(), entry);
        k.by_hash.insert(2, span);
        assert!(k.contains("a") && k.contains("z"));
        assert_eq!(k.len(), 2);
        k.forget("z");
        assert!(k.contains("a") && !k.contains("z"));
        assert_eq!(k.with_content(2), None);
    }

    #[test]
    fn non_ascii_ids_round_trip() {
        let mut k = KnownArticles::default();
        k.remember("Ωμέγα-1", 5, None);
        assert_eq!(k.with_content(5), Some("Ωμέγα-1"));
    }
}
