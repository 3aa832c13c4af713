//! JSON records (from `.json` documents and JSON Lines) to articles.

use serde_json::{Map, Value};

use crate::article::Article;
use crate::error::{Error, ErrorKind, Result};
use crate::normalize::{
    agency_name, canonical_url, clean_text, outlet_from_url, outlet_name, parse_byline, parse_date,
    published_from_timestamp, split_paragraphs,
};
use crate::position::Position;
use crate::read::draft::Draft;
use crate::read::options::{Field, ReadOptions};

/// Parses one JSON record from text.
pub(crate) fn parse_str(text: &str, options: &ReadOptions, position: Position) -> Result<Article> {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => parse_value(&value, options, position),
        Err(err) => Err(Error::new(ErrorKind::Json(err), position)),
    }
}

/// Turns one JSON value (which must be an object) into an article.
pub(crate) fn parse_value(
    value: &Value,
    options: &ReadOptions,
    position: Position,
) -> Result<Article> {
    let Value::Object(obj) = value else {
        return Err(Error::new(ErrorKind::NotAnObject, position));
    };
    let mapping = &options.mapping;
    let get = |field| mapping.get(field, obj);
    let mut draft = Draft { id: get(Field::Id).and_then(id_of), ..Draft::default() };
    if let Some(title) = get(Field::Title) {
        draft.title = clean_text(&text_of(title));
    }
    if let Some(body) = get(Field::Body) {
        push_body(&mut draft, body);
    }
    if let Some(date) = get(Field::Published) {
        draft.published = published_of(date);
        if draft.published.is_none() {
            draft.warnings.push(format!("unreadable date {date}"));
        }
    }
    draft.url = get(Field::Url).and_then(|u| canonical_url(&text_of(u)));
    draft.outlet = get(Field::Outlet).and_then(outlet_of);
    if draft.outlet.is_none() {
        draft.outlet = draft.url.as_deref().and_then(outlet_from_url);
    }
    if let Some(agency) = get(Field::Agency) {
        draft.agency = agency_name(&text_of(agency)).map(str::to_string);
    }
    if let Some(authors) = get(Field::Authors) {
        push_authors(&mut draft, authors);
    }
    draft.finish(position)
}

/// Ids are strings or numbers, taken as written (trimmed).
fn id_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A string value as is; numbers and booleans printed; arrays of strings
/// joined by blank lines; objects by their `name`/`title`/`text`.
fn text_of(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::String(s) => s.as_str().into(),
        Value::Array(items) => {
            let parts: Vec<_> = items.iter().map(text_of).collect();
            parts.join("\n\n").into()
        }
        Value::Object(obj) => named(obj).unwrap_or_default().into(),
        Value::Null => "".into(),
        other => other.to_string().into(),
    }
}

fn named(obj: &Map<String, Value>) -> Option<&str> {
    ["name", "title", "text", "value"].iter().find_map(|k| obj.get(*k)?.as_str())
}

fn published_of(value: &Value) -> Option<crate::article::Published> {
    match value {
        Value::Number(n) => published_from_timestamp(n.as_i64()?),
        Value::String(s) => parse_date(s),
        Value::Object(obj) => obj.get("$date").and_then(published_of),
        _ => None,
    }
}

fn outlet_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(obj) => outlet_name(named(obj)?),
        other => outlet_name(&text_of(other)),
    }
}

/// A string body is split into paragraphs (blank lines, else lines); an
/// array holds one paragraph per item. A Reuters-style trailing `Reuter`
/// signature line is dropped.
fn push_body(draft: &mut Draft, body: &Value) {
    match body {
        Value::Array(items) => {
            for item in items {
                draft.push_block(&text_of(item));
            }
        }
        other => {
            let text = text_of(other);
            for block in split_paragraphs(strip_signature(&text)) {
                draft.push_block(block);
            }
        }
    }
}

fn strip_signature(text: &str) -> &str {
    let trimmed = text.trim_end();
    let (head, last) = trimmed.rsplit_once('\n').unwrap_or(("", trimmed));
    if matches!(last.trim(), "Reuter" | "REUTER") {
        head
    } else {
        text
    }
}

/// A string is read as a byline (agency and names); an array holds one name
/// (or `{"name": …}`) per item, agencies among them recognized.
fn push_authors(draft: &mut Draft, value: &Value) {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().map(|i| clean_text(&text_of(i))).collect(),
        other => {
            let byline = parse_byline(&text_of(other));
            if draft.agency.is_none() {
                draft.agency = byline.agency;
            }
            draft.credits.extend(byline.credits);
            byline.authors
        }
    };
    for name in names.into_iter().filter(|n| !n.is_empty()) {
        match agency_name(&name) {
            Some(agency) => {
                draft.agency.get_or_insert_with(|| agency.to_string());
                // The agency is the author when no person is named.
                if !draft.credits.contains(&name) {
                    draft.credits.push(name);
                }
            }
            None if !draft.authors.contains(&name) => draft.authors.push(name),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ParagraphKind;
    use crate::read::options::FieldMapping;

    fn read(json: &str) -> Result<Article> {
        parse_str(json, &ReadOptions::default(), Position::file("t.jsonl").at(Some(1), Some(1)))
    }

    #[test]
    fn automatic_mapping() {
        let a = read(
            r#"{"headline":"H &amp; K","maintext":"One\n\nTwo\nstill two","publishedAt":"2022-01-02T16:57:45-05:00",
                "link":"https://www.theguardian.com/a?utm_source=x#c","source":{"name":"The Guardian"},
                "authors":["Jane Doe","AFP"]}"#,
        )
        .unwrap();
        assert_eq!(a.title, "H & K");
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.paragraphs[1].text, "Two still two");
        assert_eq!(a.published.unwrap().to_string(), "2022-01-02T21:57:45Z");
        assert_eq!(a.url.as_deref(), Some("https://www.theguardian.com/a"));
        assert_eq!(a.outlet.as_deref(), Some("The Guardian"));
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.agency.as_deref(), Some("AFP"));
        assert!(a.id.starts_with("url-"));
    }

    #[test]
    fn credits_stand_in_when_no_person_is_named() {
        let a = read(r#"{"text":"x","authors":["AFP"]}"#).unwrap();
        assert_eq!(
            (a.authors.as_slice(), a.agency.as_deref()),
            (&["AFP".to_string()][..], Some("AFP"))
        );
        let a = read(r#"{"text":"x","author":"By MND Staff"}"#).unwrap();
        assert_eq!(a.authors, ["MND Staff"]);
        let a = read(r#"{"text":"x","author":"By Associated Press"}"#).unwrap();
        assert_eq!(
            (a.authors.as_slice(), a.agency.as_deref()),
            (&["Associated Press".to_string()][..], Some("AP"))
        );
    }

    #[test]
    fn reuters_records() {
        let a = read(r#"{"id":"reuters-5","title":"T","body":"Text.\nMore text.\n Reuter\n","outlet":"Reuters","date":"1987-03-13T15:05:02Z"}"#).unwrap();
        assert_eq!(a.id, "reuters-5");
        let texts: Vec<_> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Text.", "More text."]);
        let a = read(r#"{"id":7,"title":"BRIEF ONLY","body":""}"#).unwrap();
        assert_eq!((a.id.as_str(), a.paragraphs.len()), ("7", 0));
        let err = read(r#"{"id":"r","title":"","body":"","dateline":""}"#).unwrap_err();
        assert_eq!(err.kind().reason(), "empty");
    }

    #[test]
    fn outlet_from_url_when_absent_and_bad_values() {
        let a = read(r#"{"text":"x","url":"https://edition.cnn.com/x","date":"soon","author":"By Jane Doe, Reuters"}"#).unwrap();
        assert_eq!(a.outlet.as_deref(), Some("CNN"));
        assert_eq!(a.agency.as_deref(), Some("Reuters"));
        assert_eq!(a.authors, ["Jane Doe"]);
        assert!(a.published.is_none());
        assert_eq!(a.warnings.len(), 1);
        assert_eq!(read("[1]").unwrap_err().kind().reason(), "not-an-object");
        assert_eq!(read("{").unwrap_err().kind().reason(), "invalid-json");
    }

    #[test]
    fn explicit_mapping_and_headings() {
        let options = ReadOptions { mapping: FieldMapping::new().title("hed").body("/x/story") };
        let json =
            r###"{"hed":"H","title":"no","x":{"story":["Intro.","## Part","More."]},"ts":1}"###;
        let a = parse_str(json, &options, Position::file("t")).unwrap();
        assert_eq!(a.title, "H");
        assert_eq!(a.paragraphs[1].kind, ParagraphKind::Heading);
        assert_eq!(a.paragraphs[2].section.as_deref(), Some("Part"));
    }
}
