//! Bylines: the wire agency, the person authors they name, and what they
//! credit when they name no person (a desk, staff, team, outlet or agency).

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

/// Words that mark a byline part as a picture credit: never an author.
const PHOTO_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographs",
    "photography",
    "image",
    "images",
    "picture",
    "pictures",
    "illustration",
    "getty",
    "shutterstock",
    "file",
];

/// What a byline names: a wire agency, person authors, and the other
/// credits it gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Byline {
    /// The first wire agency named, by its short name ("AFP", "AP"…).
    pub agency: Option<String>,
    /// Person authors, in order, without the leading "By".
    pub authors: Vec<String>,
    /// What the byline credits that is not a person — a desk, staff, team,
    /// outlet or wire agency — as written ("Guardian staff reporter",
    /// "Associated Press"), in order; never a URL, a photo credit or a
    /// place ("in Kyiv").
    pub credits: Vec<String>,
}

impl Byline {
    /// The authors to record: the persons named, or, when the byline names
    /// none, what it credits instead (a byline of only "Associated Press"
    /// credits the Associated Press).
    pub fn credited(&self) -> &[String] {
        if self.authors.is_empty() {
            &self.credits
        } else {
            &self.authors
        }
    }
}

/// Reads a byline such as `By <u>AFP</u>`, `By Jane Doe and John Roe` or
/// `Jane Doe, Reuters`: markup is cleaned, a leading "By" dropped, parts are
/// split on `,`/`;`/`|`/`/`/`and`/`&`/`with`/`for`/parentheses; a part naming a
/// known wire agency gives the agency (and a credit), a part that looks like
/// a person's name (2–5 capitalized words, no digits or role words) an
/// author, and any other short capitalized part that is no photo credit a
/// credit (`By Staff Reporter` credits "Staff Reporter"). A place after
/// `in` is dropped.
pub fn parse_byline(raw: &str) -> Byline {
    let cleaned = clean_text(raw);
    let mut byline = Byline::default();
    for part in split_parts(strip_by(&cleaned)) {
        let part = strip_by(part.trim()).trim_end_matches('.').trim();
        if part.is_empty() {
            continue;
        }
        if let Some(agency) = agency_name(part) {
            byline.agency.get_or_insert_with(|| agency.to_string());
            push_new(&mut byline.credits, part);
        } else if looks_like_person(part) {
            push_new(&mut byline.authors, part);
        } else if looks_like_credit(part) {
            push_new(&mut byline.credits, part);
        }
    }
    byline
}

fn push_new(names: &mut Vec<String>, name: &str) {
    if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        names.push(name.to_string());
    }
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
        // What follows "in" is a place ("Jane Doe in Kyiv"), not a credit.
        let mut is_place = false;
        while let Some((head, tail, sep)) = split_word(rest) {
            if !is_place {
                parts.push(head);
            }
            is_place = sep == " in ";
            rest = tail;
        }
        if !is_place {
            parts.push(rest);
        }
    }
    parts
}

/// Splits at the first ` and `, ` & `, ` with `, ` for ` or ` in ` (any
/// case), returning the separator found.
fn split_word(s: &str) -> Option<(&str, &str, &'static str)> {
    let lower = s.to_ascii_lowercase();
    [" and ", " & ", " with ", " for ", " in "]
        .iter()
        .filter_map(|sep| lower.find(sep).map(|i| (i, *sep)))
        .min()
        .map(|(i, sep)| (&s[..i], &s[i + sep.len()..], sep))
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

/// A credit that is not a person: 1–6 words, capitalized, no digits,
/// handles, times, URLs or photo-credit words, and not a lone lead-in word.
fn looks_like_credit(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && part.len() <= 60
        && !part.bytes().any(|b| b.is_ascii_digit() || matches!(b, b'@' | b':' | b'.' | b'#'))
        && words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
        && !words.iter().any(|w| PHOTO_WORDS.contains(&w.to_lowercase().as_str()))
        && !["by", "author", "authors", "written", "posted", "updated", "published"]
            .contains(&part.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn byline(agency: Option<&str>, authors: &[&str], credits: &[&str]) -> Byline {
        let strings = |names: &[&str]| names.iter().map(|a| a.to_string()).collect();
        Byline {
            agency: agency.map(str::to_string),
            authors: strings(authors),
            credits: strings(credits),
        }
    }

    #[test]
    fn parse_byline_table() {
        let cases = [
            ("By AFP", byline(Some("AFP"), &[], &["AFP"])),
            ("By <u>AFP</u>", byline(Some("AFP"), &[], &["AFP"])),
            ("Reuters", byline(Some("Reuters"), &[], &["Reuters"])),
            ("AP", byline(Some("AP"), &[], &["AP"])),
            ("By The Associated Press", byline(Some("AP"), &[], &["The Associated Press"])),
            ("Associated Press", byline(Some("AP"), &[], &["Associated Press"])),
            ("TASS", byline(Some("TASS"), &[], &["TASS"])),
            ("By Interfax", byline(Some("Interfax"), &[], &["Interfax"])),
            ("Xinhua", byline(Some("Xinhua"), &[], &["Xinhua"])),
            ("Yonhap", byline(Some("Yonhap"), &[], &["Yonhap"])),
            ("KCNA", byline(Some("KCNA"), &[], &["KCNA"])),
            ("dpa", byline(Some("dpa"), &[], &["dpa"])),
            ("UPI", byline(Some("UPI"), &[], &["UPI"])),
            ("By Jane Doe and John Roe", byline(None, &["Jane Doe", "John Roe"], &[])),
            ("Jane Doe, Reuters", byline(Some("Reuters"), &["Jane Doe"], &["Reuters"])),
            ("By Jane Doe for AFP", byline(Some("AFP"), &["Jane Doe"], &["AFP"])),
            ("By JANE DOE (Reuters)", byline(Some("Reuters"), &["JANE DOE"], &["Reuters"])),
            (
                "By Jane Doe, Moscow correspondent",
                byline(None, &["Jane Doe"], &["Moscow correspondent"]),
            ),
            ("By Jane Doe in Kyiv", byline(None, &["Jane Doe"], &[])),
            ("Jane Doe & John Roe; AP", byline(Some("AP"), &["Jane Doe", "John Roe"], &["AP"])),
            // Changed with the credits rule: a desk byline credits the desk.
            ("By Staff Reporter", byline(None, &[], &["Staff Reporter"])),
            ("Anna von der Leyen", byline(None, &["Anna von der Leyen"], &[])),
            ("", byline(None, &[], &[])),
            ("12:30 GMT", byline(None, &[], &[])),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_byline(raw), want, "input {raw:?}");
        }
    }

    #[test]
    fn credits_stand_in_when_no_person_is_named() {
        let credited = |raw: &str| parse_byline(raw).credited().to_vec();
        assert_eq!(credited("By Guardian staff reporter"), ["Guardian staff reporter"]);
        assert_eq!(credited("By MND Staff"), ["MND Staff"]);
        assert_eq!(credited("Gear Team"), ["Gear Team"]);
        assert_eq!(credited("By TPN, in News"), ["TPN"]);
        assert_eq!(credited("Euronews"), ["Euronews"]);
        assert_eq!(credited("Associated Press in Valencia"), ["Associated Press"]);
        assert_eq!(parse_byline("Associated Press in Valencia").agency.as_deref(), Some("AP"));
        // A person named wins over every credit.
        assert_eq!(credited("By Jane Doe, Staff Writer, AFP"), ["Jane Doe"]);
    }

    #[test]
    fn credits_are_never_photos_urls_or_lead_ins() {
        let credited = |raw: &str| parse_byline(raw).credited().to_vec();
        assert!(credited("Photo: Getty Images").is_empty());
        assert!(credited("Getty Images").is_empty());
        assert!(credited("By").is_empty());
        assert!(credited("https://example.com/staff").is_empty());
        assert!(credited("www.example.com").is_empty());
        assert!(credited("@newsdesk").is_empty());
        assert!(credited("updated 5 hours ago").is_empty());
    }

    #[test]
    fn agency_names() {
        assert_eq!(agency_name("Agence France-Presse"), Some("AFP"));
        assert_eq!(agency_name("reuters."), Some("Reuters"));
        assert_eq!(agency_name("The Moscow Times"), None);
        assert_eq!(agency_from_byline("By <u>AFP</u>").as_deref(), Some("AFP"));
    }
}
