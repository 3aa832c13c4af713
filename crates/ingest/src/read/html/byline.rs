//! Person names from bylines and author metadata.

use std::sync::LazyLock;

use regex::Regex;

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:written|words|reporting|story|text|photos?|posted|compiled|edited|produced)\s+)?(?:by|from)\s*:?\s+")
        .expect("valid regex")
});

static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:,|;|\||&|\band\b|\bwith\b|\n)\s*").expect("valid regex")
});

/// Role words that follow a name in a byline ("Jane Doe, Staff Writer").
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:staff|senior|chief|contributing|special|political|foreign|deputy|associate|editor|reporter|writer|correspondent|columnist|contributor|journalist|author|photographer|updated|published|more|view|all|posts|follow|email|twitter)\b")
        .expect("valid regex")
});

/// Splits raw byline strings into person names: "By" prefixes, role words,
/// URLs, handles and e-mail addresses dropped; the outlet's own name
/// dropped; duplicates removed (case-insensitively), order kept.
pub(crate) fn person_names<S: AsRef<str>>(raw: &[S], outlet: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in raw {
        let item = item.as_ref();
        if looks_like_url(item) {
            continue;
        }
        let item = PREFIX.replace(item.trim(), "");
        for part in SEPARATOR.split(&item) {
            if let Some(name) = clean_name(part, outlet) {
                if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                    out.push(name);
                }
            }
        }
    }
    out
}

fn clean_name(part: &str, outlet: Option<&str>) -> Option<String> {
    if part.contains('@') {
        return None;
    }
    let part = PREFIX.replace(part.trim(), "");
    let name = part.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
    let words = name.split_whitespace().count();
    let bad = name.is_empty()
        || words > 5
        || looks_like_url(name)
        || name.contains('@')
        || name.chars().any(|c| c.is_ascii_digit())
        || ROLE.is_match(name)
        || !name.chars().next().is_some_and(char::is_alphabetic)
        || outlet.is_some_and(|o| same_name(o, name));
    (!bad).then(|| name.to_string())
}

fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| s.to_lowercase().trim_start_matches("the ").replace(' ', "");
    key(a) == key(b)
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_become_names() {
        let names = person_names(&["By Jane Doe and John Roe", "jane doe"], None);
        assert_eq!(names, vec!["Jane Doe", "John Roe"]);
        assert_eq!(person_names(&["Jane Doe, Staff Writer"], None), vec!["Jane Doe"]);
        assert_eq!(person_names(&["Written by: Ann Lee"], None), vec!["Ann Lee"]);
    }

    #[test]
    fn urls_handles_and_outlets_are_dropped() {
        let raw = ["https://www.facebook.com/someone", "@handle", "The Daily Planet", "Cy Dee"];
        assert_eq!(person_names(&raw, Some("Daily Planet")), vec!["Cy Dee"]);
    }
}
