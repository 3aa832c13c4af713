//! Normalization the HTML reader needs (dates, URLs, text), kept small and
//! local until the shared `normalize` module is merged.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use unicode_normalization::UnicodeNormalization;

use crate::article::Published;

/// Cleaned text: Unicode NFC, whitespace collapsed, trimmed.
pub(crate) fn clean_text(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses the date formats found in page metadata into a UTC [`Published`].
pub(crate) fn parse_date(text: &str) -> Option<Published> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(Published::DateTime(dt.with_timezone(&Utc)));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(text, format) {
            return Some(Published::DateTime(dt.with_timezone(&Utc)));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(Published::DateTime(dt.with_timezone(&Utc)));
    }
    let trimmed = text.trim_end_matches('Z');
    for format in
        ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
    {
        if let Ok(dt) = NaiveDateTime::parse_from_str(trimmed, format) {
            return Some(Published::DateTime(dt.and_utc()));
        }
    }
    let day_part = text.get(..10).unwrap_or(text);
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"] {
        if let Ok(day) = NaiveDate::parse_from_str(day_part, format) {
            return Some(Published::Date(day));
        }
    }
    for format in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y"] {
        if let Ok(day) = NaiveDate::parse_from_str(text, format) {
            return Some(Published::Date(day));
        }
    }
    None
}

/// An absolute http(s) URL resolved against `base`, without its fragment.
pub(crate) fn absolute_url(href: &str, base: Option<&url::Url>) -> Option<url::Url> {
    let href = href.trim();
    let mut url = match url::Url::parse(href) {
        Ok(u) => u,
        Err(_) => base?.join(href).ok()?,
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_formats() {
        let day = |s: &str| parse_date(s).map(|p| p.date().to_string());
        assert_eq!(day("2024-02-24T23:42:23-05:00").as_deref(), Some("2024-02-25"));
        assert_eq!(day("2024-02-24T11:42:23+0000").as_deref(), Some("2024-02-24"));
        assert_eq!(day("2024-02-24 11:42:23").as_deref(), Some("2024-02-24"));
        assert_eq!(day("2024-02-24").as_deref(), Some("2024-02-24"));
        assert_eq!(day("Sat, 24 Feb 2024 11:42:23 GMT").as_deref(), Some("2024-02-24"));
        assert_eq!(day("February 24, 2024").as_deref(), Some("2024-02-24"));
        assert_eq!(day("yesterday"), None);
    }

    #[test]
    fn urls_are_resolved_and_checked() {
        let base = url::Url::parse("https://ex.com/news/a").unwrap();
        assert_eq!(absolute_url("/b#top", Some(&base)).unwrap().as_str(), "https://ex.com/b");
        assert!(absolute_url("javascript:void(0)", Some(&base)).is_none());
        assert!(absolute_url("/b", None).is_none());
    }
}
