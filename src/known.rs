//! What the writer knows of indexed articles, in a few bytes per article:
//! [`KnownArticles`].
//!
//! Upserts need to know whether an id is indexed, duplicate detection which
//! article first had a content hash, and [`crate::NewsWriter::delete_url`]
//! which articles have a URL. This used to be two maps of `String`s (the id
//! twice, the URL once: ≈ 300 bytes per article with allocator and table
//! overhead), which made a writer's memory grow with the index: tens of MB
//! per 100 k articles (BENCHMARKS.md §12). Here an article costs its id's
//! bytes once, in one shared buffer, a row of three integers (24 bytes) and
//! a 4-byte row number in each of two hash tables: ≈ 50–60 bytes with table
//! slack (by layout; BENCHMARKS.md §12 and §14 measure the whole process).

use hashbrown::HashTable;

use crate::document::article_key;

/// An id's bytes in [`KnownArticles::ids`]: start in the high 48 bits,
/// length in the low 16 (ids are at most
/// [`newsdex_ingest::MAX_ID_BYTES`] = 1,024 bytes once bounded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span(u64);

impl Span {
    /// The span of a forgotten article's row (no id has 65,535 bytes).
    const FORGOTTEN: Span = Span(u64::MAX);

    fn start(self) -> usize {
        (self.0 >> 16) as usize
    }

    fn len(self) -> usize {
        (self.0 & 0xffff) as usize
    }
}

/// One article: the hashes the writer compares, and where its id is.
#[derive(Clone, Copy, Debug)]
struct Row {
    content_hash: u64,
    /// [`url_key`] of its URL; 0 when it has none.
    url_key: u64,
    id: Span,
}

/// Known articles: rows, and two tables of row numbers that find them by
/// id and by content hash.
///
/// Exact for ids: a row is found by its id's bytes, the hash only picks
/// where to look. Content and URL are compared by 64-bit hash, as the
/// content hash always was: a collision would make two different articles
/// duplicates (content) or delete both (URL), with a probability of about
/// n² / 2⁶⁵ for n articles.
///
/// The tables hold 4-byte row numbers, not the rows: a table keeps about
/// twice the slots it uses and touches them all, so its slots are kept
/// small (a table of rows keyed by a hash took 33 bytes a slot, 5 here).
///
/// Rows and the id buffer only grow: a forgotten (deleted) article keeps
/// its row and id bytes until the next [`KnownArticles::clear`] (a
/// rollback) or a new writer; replacing a known article reuses its row.
#[derive(Default)]
pub(crate) struct KnownArticles {
    ids: Vec<u8>,
    rows: Vec<Row>,
    /// Rows of known articles, by a hash of their id.
    by_id: HashTable<u32>,
    /// The row of the first known article with a content hash, by it.
    by_hash: HashTable<u32>,
}

/// The key of a URL in [`KnownArticles`] (never 0, which means "no URL").
fn url_key(url: &str) -> u64 {
    article_key(url).max(1)
}

/// Spreads a 64-bit hash over all bits (the splitmix64 finalizer): the
/// tables take their slot from the low bits and a tag from the high ones.
fn mix(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

fn id_hash(id: &str) -> u64 {
    mix(article_key(id))
}

/// The id stored at `span` in `ids`.
fn id_at(ids: &[u8], span: Span) -> &str {
    let bytes = &ids[span.start()..span.start() + span.len()];
    // Only whole `&str`s are appended, so every span is valid UTF-8.
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Whether a row number in `by_id` is the row of `id`.
fn has_id<'a>(ids: &'a [u8], rows: &'a [Row], id: &'a str) -> impl Fn(&u32) -> bool + 'a {
    move |&r| id_at(ids, rows[r as usize].id) == id
}

impl KnownArticles {
    /// The row number of the known article with this id.
    fn find(&self, id: &str) -> Option<u32> {
        self.by_id.find(id_hash(id), has_id(&self.ids, &self.rows, id)).copied()
    }

    /// Whether an article with this id is known.
    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_some()
    }

    /// Articles known.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// The id of the first known article with this content hash.
    pub fn with_content(&self, content_hash: u64) -> Option<&str> {
        let rows = &self.rows;
        let row = self
            .by_hash
            .find(mix(content_hash), |&r| rows[r as usize].content_hash == content_hash)?;
        Some(id_at(&self.ids, rows[*row as usize].id))
    }

    /// Records an article (replacing what was known under its id); the
    /// first article with a content hash keeps it.
    pub fn remember(&mut self, id: &str, content_hash: u64, url: Option<&str>) {
        let url_key = url.map_or(0, url_key);
        let row = match self.find(id) {
            Some(row) => {
                self.release_content(row);
                let r = &mut self.rows[row as usize];
                (r.content_hash, r.url_key) = (content_hash, url_key);
                row
            }
            None => {
                // 4 G articles would need ≈ 200 GB here first: the writer
                // runs out of memory long before row numbers run out.
                let row = u32::try_from(self.rows.len()).expect("fewer than 4 G articles");
                let span = self.store(id);
                self.rows.push(Row { content_hash, url_key, id: span });
                let (ids, rows) = (&self.ids, &self.rows);
                self.by_id
                    .insert_unique(id_hash(id), row, |&r| id_hash(id_at(ids, rows[r as usize].id)));
                row
            }
        };
        let rows = &self.rows;
        let hash = mix(content_hash);
        if self.by_hash.find(hash, |&r| rows[r as usize].content_hash == content_hash).is_none() {
            self.by_hash.insert_unique(hash, row, |&r| mix(rows[r as usize].content_hash));
        }
    }

    /// Drops the content hash claim of `row`, if it holds one.
    fn release_content(&mut self, row: u32) {
        let hash = self.rows[row as usize].content_hash;
        if let Ok(claim) = self.by_hash.find_entry(mix(hash), |&r| r == row) {
            claim.remove();
        }
    }

    /// Appends an id's bytes to the buffer.
    fn store(&mut self, id: &str) -> Span {
        // Bounded ids are ≤ 1,024 bytes; the clamp only guards the packing.
        let mut end = id.len().min(0xfffe);
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
        let found = self.by_id.find_entry(id_hash(id), has_id(&self.ids, &self.rows, id));
        let Ok(entry) = found else { return };
        let (row, _) = entry.remove();
        self.release_content(row);
        self.rows[row as usize].id = Span::FORGOTTEN;
    }

    /// The ids of known articles with this URL.
    pub fn with_url(&self, url: &str) -> Vec<String> {
        let key = url_key(url);
        self.rows
            .iter()
            .filter(|r| r.url_key == key && r.id != Span::FORGOTTEN)
            .map(|r| id_at(&self.ids, r.id).to_owned())
            .collect()
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
    fn many_ids_stay_apart() {
        let mut k = KnownArticles::default();
        for i in 0..20_000u64 {
            k.remember(&format!("id-{i}"), i, Some(&format!("https://x/{}", i % 3)));
        }
        for i in (0..20_000u64).step_by(2) {
            k.forget(&format!("id-{i}"));
        }
        assert_eq!(k.len(), 10_000);
        assert!(k.contains("id-1") && !k.contains("id-2"));
        assert_eq!((k.with_content(7), k.with_content(8)), (Some("id-7"), None));
        // Forgotten rows are not reported by URL.
        let ids = k.with_url("https://x/0");
        assert_eq!(ids.len(), 3_333);
        assert!(ids.iter().all(|id| id[3..].parse::<u64>().unwrap() % 2 == 1));
    }

    #[test]
    fn forgotten_id_can_come_back() {
        let mut k = KnownArticles::default();
        k.remember("a", 1, Some("https://x/a"));
        k.forget("a");
        k.remember("a", 2, None);
        assert_eq!((k.len(), k.with_content(1), k.with_content(2)), (1, None, Some("a")));
        assert!(k.with_url("https://x/a").is_empty());
    }

    #[test]
    fn non_ascii_ids_round_trip() {
        let mut k = KnownArticles::default();
        k.remember("Ωμέγα-1", 5, None);
        assert_eq!(k.with_content(5), Some("Ωμέγα-1"));
    }
}
