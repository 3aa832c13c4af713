//! Bytes to text with the character encoding the page declares.

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How far into the page a `<meta charset>` is looked for; the HTML spec
/// requires the declaration within the first 1024 bytes, pages are sloppy.
const SNIFF_LIMIT: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid regex")
});

/// The decoded page text plus a warning when decoding was not clean.
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) warning: Option<String>,
}

/// Decodes `bytes` using, in order: a byte-order mark, the `<meta charset>` /
/// `http-equiv` declaration, else UTF-8 (lossily, with a warning).
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]);
    }
    match declared_encoding(bytes) {
        // Saved pages are often re-encoded to UTF-8 without fixing the
        // declaration. Valid multi-byte UTF-8 is almost never legitimate
        // text in a legacy single-byte encoding, so trust the bytes.
        Some(enc) if enc != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let warning =
                Some(format!("page declares {} but is valid UTF-8; read as UTF-8", enc.name()));
            Decoded { text, warning }
        }
        Some(enc) => decode_with(enc, bytes),
        None => decode_with(UTF_8, bytes),
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Decoded { text: text.into_owned(), warning: None },
        None => {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            let warning = Some(format!("invalid {} bytes replaced", encoding.name()));
            Decoded { text: text.into_owned(), warning }
        }
    }
}

/// The encoding named by a `<meta charset>` or `http-equiv` content type.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LIMIT)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    // A page that reached us as bytes cannot be UTF-16 because of a meta
    // tag (the tag itself is ASCII); the HTML spec maps this case to UTF-8.
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf".to_vec();
        page.push(0xE9);
        let decoded = decode(&page);
        assert!(decoded.text.ends_with("café"));
        assert!(decoded.warning.is_none());
    }

    #[test]
    fn http_equiv_is_honoured() {
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">na"
                .to_vec();
        page.push(0xEF);
        page.extend_from_slice(b"ve");
        assert!(decode(&page).text.ends_with("naïve"));
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=latin1>café".as_bytes());
        let decoded = decode(&page);
        assert!(decoded.text.ends_with("café"));
        assert!(!decoded.text.starts_with('\u{feff}'));
    }

    #[test]
    fn utf8_bytes_under_a_legacy_declaration_are_read_as_utf8() {
        let page = "<meta charset=iso-8859-1><p>Zürich</p>".as_bytes();
        let decoded = decode(page);
        assert!(decoded.text.contains("Zürich"));
        assert!(decoded.warning.is_some());
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let decoded = decode(b"<p>bad \xff byte</p>");
        assert!(decoded.text.contains('\u{fffd}'));
        assert!(decoded.warning.is_some());
    }
}
