//! Article ids: how long one may be, and the stable short form of a longer one.

use std::borrow::Cow;

/// Longest article id kept as written, in bytes.
///
/// The index matches ids as single terms, and tantivy cannot index a term
/// of 65,531 bytes or more: such an article could be neither replaced nor
/// deleted by id. Real ids (slugs, URLs) are far shorter; a longer one is
/// almost always a whole URL with tracking parameters, or a field mapping
/// mistake. Every path that names an article by id goes through
/// [`bounded_id`]: the readers (with a warning), the index writer's adds,
/// replacements and deletes, duplicate reports and search hits.
pub const MAX_ID_BYTES: usize = 1_024;

/// Bytes of a long id kept, readable, in front of its hash.
const KEPT_PREFIX: usize = 96;

/// `id` as the index knows it: unchanged up to [`MAX_ID_BYTES`] bytes;
/// longer, its first 96 bytes (whole characters), `~`, and the first 16
/// hex digits of the SHA-1 of the whole id. Stable across runs and
/// idempotent, so the long id and its short form name the same article.
pub fn bounded_id(id: &str) -> Cow<'_, str> {
    if id.len() <= MAX_ID_BYTES {
        return Cow::Borrowed(id);
    }
    let mut end = KEPT_PREFIX;
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}~{}", &id[..end], short_hash(&[id])))
}

/// The first 16 hex digits of the SHA-1 of the parts, each NUL-terminated.
pub(crate) fn short_hash(parts: &[&str]) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    hasher.digest().to_string()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ids_get_a_stable_bounded_form() {
        assert_eq!(bounded_id("reuters-1987-03-13"), "reuters-1987-03-13");
        let at_bound = "a".repeat(MAX_ID_BYTES);
        assert_eq!(bounded_id(&at_bound), at_bound);
        let long = format!("é{}", "a".repeat(MAX_ID_BYTES));
        let short = bounded_id(&long);
        assert!(short.len() <= MAX_ID_BYTES && short.starts_with("éaaa"), "{short}");
        assert_eq!(bounded_id(&short), short, "idempotent");
        assert_eq!(bounded_id(&long), short, "stable");
        assert_ne!(bounded_id(&format!("{long}b")), short);
    }
}
