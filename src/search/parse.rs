//! The lenient query language.
//!
//! Hand-written because tantivy's `QueryParser` rejects ordinary user text
//! (unbalanced quotes, stray colons) with an error, and produces a finished
//! `Query` we could not expand with the lexicon or re-score by concept.
//! Here nothing is an error: what cannot be understood becomes text or is
//! dropped, with a warning.
//!
//! Syntax: words, `"phrases"`, `a OR b` (one concept with two wordings),
//! `-exclude`, `+require`, `outlet:"The Moscow Times"`, `agency:AFP`,
//! `after:2022-01-01`, `before:2022-12-31` (also `YYYY-MM` and `YYYY`),
//! and the transfer filters `supplier:DPRK`, `recipient:"South Korea"`,
//! `party:Iran` (either side) and `status:denied` (their values are
//! resolved later, through the lexicon, in [`crate::search::transfer_filter`]).

use chrono::NaiveDate;

/// How a clause takes part in matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Occur {
    /// Ranks higher when present.
    Should,
    /// Must be present (`+`).
    Must,
    /// Must be absent (`-`).
    MustNot,
}

/// A word or a quoted phrase as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub text: String,
    pub quoted: bool,
}

/// One clause: one or more alternative units joined by `OR`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Clause {
    pub occur: Occur,
    pub units: Vec<Unit>,
}

/// A parsed query: text clauses plus the filters written inline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ParsedQuery {
    pub clauses: Vec<Clause>,
    pub outlets: Vec<String>,
    pub agencies: Vec<String>,
    pub after: Option<NaiveDate>,
    pub before: Option<NaiveDate>,
    /// Transfer filters as typed (names and statuses not yet resolved).
    pub suppliers: Vec<String>,
    pub recipients: Vec<String>,
    pub parties: Vec<String>,
    pub statuses: Vec<String>,
    pub warnings: Vec<String>,
}

/// A raw lexical item of the query.
#[derive(Debug)]
struct Item {
    prefix: Option<char>,
    field: Option<String>,
    unit: Unit,
}

/// Parses user query text; never fails.
pub(crate) fn parse(text: &str) -> ParsedQuery {
    let mut out = ParsedQuery::default();
    let items = lex(text, &mut out.warnings);
    let mut join_next = false;
    for item in items {
        if item.field.is_none() && item.prefix.is_none() && !item.unit.quoted {
            if item.unit.text == "OR" {
                join_next = !out.clauses.is_empty();
                continue;
            }
            if item.unit.text == "AND" {
                continue;
            }
        }
        if let Some(field) = &item.field {
            apply_field(&mut out, field, &item.unit.text);
            join_next = false;
            continue;
        }
        let occur = match item.prefix {
            Some('+') => Occur::Must,
            Some('-') => Occur::MustNot,
            _ => Occur::Should,
        };
        match out.clauses.last_mut() {
            Some(last) if join_next && last.occur == occur => last.units.push(item.unit),
            _ => out.clauses.push(Clause { occur, units: vec![item.unit] }),
        }
        join_next = false;
    }
    out
}

fn apply_field(out: &mut ParsedQuery, field: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        out.warnings.push(format!("ignored '{field}:' without a value"));
        return;
    }
    match field {
        "outlet" => out.outlets.push(value.to_string()),
        "agency" => out.agencies.push(value.to_string()),
        "supplier" => out.suppliers.push(value.to_string()),
        "recipient" => out.recipients.push(value.to_string()),
        "party" => out.parties.push(value.to_string()),
        "status" => out.statuses.push(value.to_string()),
        "after" | "before" => match parse_day(value, field == "before") {
            Some(day) if field == "after" => out.after = Some(day),
            Some(day) => out.before = Some(day),
            None => out.warnings.push(format!(
                "ignored '{field}:{value}': not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
            )),
        },
        _ => unreachable_field(out, field, value),
    }
}

/// Unknown `field:` prefixes are kept as text ("Note: ..." is ordinary prose).
fn unreachable_field(out: &mut ParsedQuery, field: &str, value: &str) {
    out.warnings.push(format!("unknown field '{field}:', searched as text"));
    for word in [field, value] {
        out.clauses.push(Clause {
            occur: Occur::Should,
            units: vec![Unit { text: word.to_string(), quoted: false }],
        });
    }
}

/// A day; a month or year means its first day (`after`) or last (`before`).
pub(crate) fn parse_day(value: &str, end: bool) -> Option<NaiveDate> {
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(day);
    }
    let parts: Vec<&str> = value.split('-').collect();
    let year: i32 = parts.first()?.parse().ok().filter(|y| (1000..=9999).contains(y))?;
    let (first, last) = match parts.len() {
        1 => (1, 12),
        2 => {
            let m: u32 = parts[1].parse().ok().filter(|m| (1..=12).contains(m))?;
            (m, m)
        }
        _ => return None,
    };
    if !end {
        return NaiveDate::from_ymd_opt(year, first, 1);
    }
    let next = if last == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, last + 1, 1)
    };
    next?.pred_opt()
}

const FIELDS: [&str; 8] =
    ["outlet", "agency", "after", "before", "supplier", "recipient", "party", "status"];

/// Splits the text into items: prefixes, `field:` heads, words and phrases.
fn lex(text: &str, warnings: &mut Vec<String>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let (item, tail) = lex_item(rest, warnings);
        if let Some(item) = item {
            items.push(item);
        }
        rest = tail.trim_start();
    }
    items
}

fn lex_item<'a>(text: &'a str, warnings: &mut Vec<String>) -> (Option<Item>, &'a str) {
    let mut rest = text;
    let mut prefix = None;
    if let Some(c @ ('+' | '-')) = rest.chars().next() {
        prefix = Some(c);
        rest = &rest[1..];
    }
    let mut field = None;
    if let Some((head, tail)) = split_field(rest) {
        // A quoted value belongs to its field, known or not (`x:"a b"`).
        if FIELDS.contains(&head.to_ascii_lowercase().as_str()) || tail.starts_with('"') {
            field = Some(head.to_ascii_lowercase());
            rest = tail;
        }
    }
    let (unit, tail) = if let Some(inner) = rest.strip_prefix('"') {
        match inner.find('"') {
            Some(end) => (Unit { text: inner[..end].to_string(), quoted: true }, &inner[end + 1..]),
            None => {
                warn_unbalanced(warnings);
                let end = inner.find(char::is_whitespace).unwrap_or(inner.len());
                (Unit { text: inner[..end].to_string(), quoted: false }, &inner[end..])
            }
        }
    } else {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let mut word = rest[..end].to_string();
        // A quote inside or after a word (`dealings"`) opens nothing that
        // closes: say so, and search the word without it.
        if word.matches('"').count() % 2 == 1 {
            warn_unbalanced(warnings);
            word.retain(|c| c != '"');
        }
        (Unit { text: word, quoted: false }, &rest[end..])
    };
    if unit.text.trim().is_empty() && field.is_none() {
        return (None, tail);
    }
    if field.is_none() && !unit.quoted {
        if let Some((head, value)) = split_field(&unit.text) {
            let item = Item {
                prefix,
                field: Some(head.to_ascii_lowercase()),
                unit: Unit { text: value.to_string(), quoted: false },
            };
            return (Some(item), tail);
        }
    }
    (Some(Item { prefix, field, unit }), tail)
}

fn warn_unbalanced(warnings: &mut Vec<String>) {
    const UNBALANCED: &str = "unbalanced quote: searched the words without it";
    if !warnings.iter().any(|w| w == UNBALANCED) {
        warnings.push(UNBALANCED.to_string());
    }
}

/// `name:rest` where name is alphabetic (so `10:30` stays a word).
fn split_field(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let head = &text[..colon];
    let ws = text.find(char::is_whitespace).unwrap_or(text.len());
    (colon > 0 && colon < ws && head.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| (head, &text[colon + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str, quoted: bool) -> Unit {
        Unit { text: text.into(), quoted }
    }

    #[test]
    fn words_phrases_prefixes_and_or() {
        let q = parse("+\"artillery shells\" Russia OR Moscow -Ukraine arms");
        assert_eq!(q.clauses.len(), 4);
        assert_eq!(
            q.clauses[0],
            Clause { occur: Occur::Must, units: vec![unit("artillery shells", true)] }
        );
        assert_eq!(q.clauses[1].units, vec![unit("Russia", false), unit("Moscow", false)]);
        assert_eq!(q.clauses[2].occur, Occur::MustNot);
        assert!(q.warnings.is_empty());
    }

    #[test]
    fn fields_and_dates() {
        let q =
            parse("outlet:\"The Moscow Times\" agency:AFP after:2022-01-01 before:2022-02 arms");
        assert_eq!(q.outlets, ["The Moscow Times"]);
        assert_eq!(q.agencies, ["AFP"]);
        assert_eq!(q.after, NaiveDate::from_ymd_opt(2022, 1, 1));
        assert_eq!(q.before, NaiveDate::from_ymd_opt(2022, 2, 28));
        assert_eq!(q.clauses.len(), 1);
    }

    #[test]
    fn transfer_fields_keep_their_values_as_typed() {
        let q = parse("supplier:DPRK recipient:\"South Korea\" party:Iran STATUS:denied shells");
        assert_eq!(q.suppliers, ["DPRK"]);
        assert_eq!(q.recipients, ["South Korea"]);
        assert_eq!(q.parties, ["Iran"]);
        assert_eq!(q.statuses, ["denied"]);
        assert_eq!(q.clauses.len(), 1);
        assert!(parse("supplier:").warnings[0].contains("supplier"));
    }

    #[test]
    fn nonsense_is_dropped_or_kept_as_text_with_warnings() {
        let q = parse("after:yesterday foo:bar \"unbalanced arms 10:30 -");
        assert_eq!(q.after, None);
        assert_eq!(q.warnings.len(), 3, "{:?}", q.warnings);
        let words: Vec<_> = q.clauses.iter().map(|c| c.units[0].text.as_str()).collect();
        assert_eq!(words, ["foo", "bar", "unbalanced", "arms", "10:30"]);
    }

    #[test]
    fn stray_quotes_warn_once_and_quoted_values_stay_with_their_field() {
        let q = parse("arms dealings\" o\"k \"");
        assert_eq!(q.warnings, ["unbalanced quote: searched the words without it"]);
        let words: Vec<_> = q.clauses.iter().map(|c| c.units[0].text.as_str()).collect();
        assert_eq!(words, ["arms", "dealings", "ok"]);
        let q = parse("note:\"big guns\" arms");
        assert_eq!(q.warnings, ["unknown field 'note:', searched as text"]);
        let words: Vec<_> = q.clauses.iter().map(|c| c.units[0].text.as_str()).collect();
        assert_eq!(words, ["note", "big guns", "arms"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in
            ["", "\"", "+", "-\"", "outlet:", "OR", "a OR", ":::", "é:ü \"ß", "after:\"2022\""]
        {
            let _ = parse(text);
        }
        assert_eq!(parse("after:\"2022\"").after, NaiveDate::from_ymd_opt(2022, 1, 1));
    }
}
