//! URL repair and canonicalization.

use url::Url;

/// Query parameters that only track the reader, dropped from canonical URLs.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_ga",
    "_gl",
    "ref_src",
    "ocid",
    "cmpid",
    "smid",
    "smtyp",
    "ito",
    "at_medium",
    "at_campaign",
    "at_custom1",
    "at_custom2",
    "at_custom3",
    "at_custom4",
];

/// Repairs and canonicalizes a URL; `None` when it is not an http(s) URL.
///
/// Repair: whitespace inside the URL is removed (scrapers wrap long URLs,
/// e.g. `claims-of-arm s-supplies`), surrounding `<>`/quotes and trailing
/// punctuation (`.,;:!?` and unbalanced `)`/`]`) are dropped, and a missing
/// scheme is taken as `https` for `www.`-style hosts. Canonical form (via the
/// `url` crate): lower-case scheme and host, no default port, no fragment,
/// no `utm_*`/`fbclid`/`gclid`/`mc_cid`-style tracking parameters (others
/// keep their order and spelling).
pub fn canonical_url(raw: &str) -> Option<String> {
    let repaired: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let trimmed = trim_punctuation(&repaired);
    if trimmed.is_empty() {
        return None;
    }
    let mut url = match Url::parse(trimmed) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) if looks_like_host(trimmed) => {
            Url::parse(&format!("https://{trimmed}")).ok()?
        }
        Err(_) => return None,
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().map_or(true, str::is_empty) {
        return None;
    }
    url.set_fragment(None);
    strip_tracking(&mut url);
    Some(url.into())
}

/// The lower-case host of a URL without a leading `www.`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").map(str::to_string).unwrap_or(host))
}

fn trim_punctuation(s: &str) -> &str {
    let mut s = s.trim_start_matches(['<', '"', '\'', '(', '[']);
    loop {
        let before = s.len();
        s = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'', '>', '*']);
        for (open, close) in [('(', ')'), ('[', ']')] {
            if s.ends_with(close) && s.matches(open).count() < s.matches(close).count() {
                s = &s[..s.len() - 1];
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// `www.example.com/x` or `example.com/x`: a dotted first segment, no spaces.
fn looks_like_host(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.')
        && !host.starts_with('.')
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b':')
}

fn is_tracking(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.starts_with("utm_") || TRACKING_PARAMS.contains(&lower.as_str())
}

/// Drops tracking pairs, keeping the others exactly as written.
fn strip_tracking(url: &mut Url) {
    let Some(query) = url.query() else { return };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !is_tracking(pair.split('=').next().unwrap_or("")))
        .collect();
    let kept = kept.join("&");
    url.set_query(if kept.is_empty() { None } else { Some(&kept) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_table() {
        let seed = "https://www.themoscowtimes.com/2022/11/07/north-korea-dismisses-as-groundless-us-claims-of-arms-supplies-to-russia-state-media-a79311";
        let cases = [
            ("https://www.themoscowtimes.com/2022/11/07/north-korea-dismisses-as-groundless-us-claims-of-arm s-supplies-to-russia-state-media-a79311", Some(seed)),
            ("HTTPS://WWW.Example.COM:443/Path?a=1#frag", Some("https://www.example.com/Path?a=1")),
            ("http://example.com:80/", Some("http://example.com/")),
            ("http://example.com:8080/x", Some("http://example.com:8080/x")),
            ("https://x.com/a?utm_source=tw&id=7&fbclid=abc&UTM_Medium=m", Some("https://x.com/a?id=7")),
            ("https://x.com/a?utm_source=tw&gclid=1&mc_cid=2", Some("https://x.com/a")),
            ("https://x.com/a?q=a%20b&page=2", Some("https://x.com/a?q=a%20b&page=2")),
            ("https://x.com/story.", Some("https://x.com/story")),
            ("(see https://x.com/a_(b))", None),
            ("<https://x.com/a>", Some("https://x.com/a")),
            ("https://en.wikipedia.org/wiki/Foo_(bar))", Some("https://en.wikipedia.org/wiki/Foo_(bar)")),
            ("www.reuters.com/world/", Some("https://www.reuters.com/world/")),
            ("  https://x.com/a\n  b  ", Some("https://x.com/ab")),
            ("mailto:a@b.com", None),
            ("javascript:alert(1)", None),
            ("not a url", None),
            ("", None),
            ("https://", None),
        ];
        for (raw, want) in cases {
            assert_eq!(canonical_url(raw).as_deref(), want, "input {raw:?}");
        }
    }

    #[test]
    fn host_without_www() {
        assert_eq!(host_of("https://WWW.BBC.co.uk/news").as_deref(), Some("bbc.co.uk"));
        assert_eq!(host_of("nope"), None);
    }
}
