//! Bylines: the wire agency and the person authors they name.

use crate::normalize::text::clean_text;

/// Wire agencies: spellings (lower case) and the canonical short name.
const AGENCIES: &[(&str, &str)] = &[
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("agence france presse", "AFP"),
    ("reuters", "Reuters"),
    ("reuter", "Reuters"),
    ("thomson reuters", "Reuters"),
    ("ap", "AP"),
    ("associated press", "AP"),
    ("the associated press", "AP"),
    ("tass", "TASS"),
    ("itar-tass", "TASS"),
    ("interfax", "Interfax"),
    ("xinhua", "Xinhua"),
    ("xinhua news agency", "Xinhua"),
    ("yonhap", "Yonhap"),
    ("yonhap news agency", "Yonhap"),
    ("kcna", "KCNA"),
    ("korean central news agency", "KCNA"),
    ("dpa", "dpa"),
    ("deutsche presse-agentur", "dpa"),
    ("upi", "UPI"),
    ("united press international", "UPI"),
    ("bloomberg", "Bloomberg"),
    ("bloomberg news", "Bloomberg"),
    ("ria novosti", "RIA Novosti"),
    ("efe", "EFE"),
    ("ansa", "ANSA"),
    ("kyodo", "Kyodo"),
    ("kyodo news", "Kyodo"),
    ("anadolu", "Anadolu"),
    ("anadolu agency", "Anadolu"),
    ("ukrinform", "Ukrinform"),
    ("pti", "PTI"),
    ("aap", "AAP"),
];

/// Words that mark a byline part as a role or desk, not a person.
const NOT_A_PERSON: &[&str] = &[
    "staff",
    "correspondent",
    "reporter",
    "reporters",
    "editor",
    "editors",
    "desk",
    "news",
    "bureau",
    "agencies",
    "agency",
    "wires",
    "times",
    "post",
    "press",
    "team",
    "contributor",
    "writer",
    "columnist",
    "photo",
    "photos",
    "images",
    "service",
];

/// What a byline names: a wire agency and person authors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Byline {
    /// The first wire agency named, by its short name ("AFP", "AP"…).
    pub agency: Option<String>,
    /// Person authors, in order, without the leading "By".
    pub authors: Vec<String>,
}

/// Reads a byline such as `By <u>AFP</u>`, `By Jane Doe and John Roe` or
/// `Jane Doe, Reuters`: markup is cleaned, a leading "By" dropped, parts are
/// split on `,`/`;`/`|`/`/`/`and`/`&`/`with`/`for`/parentheses; a part naming a
/// known wire agency gives the agency, a part that looks like a person's
/// name (2–5 capitalized words, no digits or role words) an author.
pub fn parse_byline(raw: &str) -> Byline {
    let cleaned = clean_text(raw);
    let mut byline = Byline::default();
    for part in split_parts(strip_by(&cleaned)) {
        let part = strip_by(part.trim());
        if part.is_empty() {
            continue;
        }
        if let Some(agency) = agency_name(part) {
            byline.agency.get_or_insert_with(|| agency.to_string());
        } else if looks_like_person(part) && !byline.authors.iter().any(|a| a == part) {
            byline.authors.push(part.to_string());
        }
    }
    byline
}

/// The wire agency named in a byline, if any (`By <u>AFP</u>` -> "AFP").
pub fn agency_from_byline(raw: &str) -> Option<String> {
    parse_byline(raw).agency
}

/// The canonical short name of a wire agency (`"Associated Press"` ->
/// `"AP"`), or `None` when `name` is not a known agency.
pub fn agency_name(name: &str) -> Option<&'static str> {
    let name = name.trim().trim_end_matches('.');
    AGENCIES.iter().find(|(spelling, _)| spelling.eq_ignore_ascii_case(name)).map(|(_, n)| *n)
}

fn strip_by(s: &str) -> &str {
    let lower_start = s.get(..3).map(str::to_ascii_lowercase);
    match lower_start.as_deref() {
        Some("by ") => s[3..].trim_start(),
        _ => s,
    }
}

fn split_parts(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in s.split([',', ';', '|', '/', '(', ')', '\u{2014}', '\u{2013}']) {
        let mut rest = piece;
        while let Some((head, tail)) = split_word(rest) {
            parts.push(head);
            rest = tail;
        }
        parts.push(rest);
    }
    parts
}

/// Splits at the first ` and `, ` & `, ` with ` or ` for ` (any case).
fn split_word(s: &str) -> Option<(&str, &str)> {
    let lower = s.to_ascii_lowercase();
    [" and ", " & ", " with ", " for ", " in "]
        .iter()
        .filter_map(|sep| lower.find(sep).map(|i| (i, sep.len())))
        .min()
        .map(|(i, len)| (&s[..i], &s[i + len..]))
}

fn looks_like_person(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && part.len() <= 60
        && !part.bytes().any(|b| b.is_ascii_digit() || b == b'@' || b == b':')
        && words.iter().all(|w| !NOT_A_PERSON.contains(&w.to_lowercase().as_str()))
        && words.iter().any(|w| w.starts_with(char::is_uppercase))
        && words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn byline(agency: Option<&str>, authors: &[&str]) -> Byline {
        Byline {
            agency: agency.map(str::to_string),
            authors: authors.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn parse_byline_table() {
        let cases = [
            ("By AFP", byline(Some("AFP"), &[])),
            ("By <u>AFP</u>", byline(Some("AFP"), &[])),
            ("Reuters", byline(Some("Reuters"), &[])),
            ("AP", byline(Some("AP"), &[])),
            ("By The Associated Press", byline(Some("AP"), &[])),
            ("Associated Press", byline(Some("AP"), &[])),
            ("TASS", byline(Some("TASS"), &[])),
            ("By Interfax", byline(Some("Interfax"), &[])),
            ("Xinhua", byline(Some("Xinhua"), &[])),
            ("Yonhap", byline(Some("Yonhap"), &[])),
            ("KCNA", byline(Some("KCNA"), &[])),
            ("dpa", byline(Some("dpa"), &[])),
            ("UPI", byline(Some("UPI"), &[])),
            ("By Jane Doe and John Roe", byline(None, &["Jane Doe", "John Roe"])),
            ("Jane Doe, Reuters", byline(Some("Reuters"), &["Jane Doe"])),
            ("By Jane Doe for AFP", byline(Some("AFP"), &["Jane Doe"])),
            ("By JANE DOE (Reuters)", byline(Some("Reuters"), &["JANE DOE"])),
            ("By Jane Doe, Moscow correspondent", byline(None, &["Jane Doe"])),
            ("By Jane Doe in Kyiv", byline(None, &["Jane Doe"])),
            ("Jane Doe & John Roe; AP", byline(Some("AP"), &["Jane Doe", "John Roe"])),
            ("By Staff Reporter", byline(None, &[])),
            ("Anna von der Leyen", byline(None, &["Anna von der Leyen"])),
            ("", byline(None, &[])),
            ("12:30 GMT", byline(None, &[])),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_byline(raw), want, "input {raw:?}");
        }
    }

    #[test]
    fn agency_names() {
        assert_eq!(agency_name("Agence France-Presse"), Some("AFP"));
        assert_eq!(agency_name("reuters."), Some("Reuters"));
        assert_eq!(agency_name("The Moscow Times"), None);
        assert_eq!(agency_from_byline("By <u>AFP</u>").as_deref(), Some("AFP"));
    }
}
