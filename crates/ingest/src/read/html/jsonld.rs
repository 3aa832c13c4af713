//! Article metadata from JSON-LD (`<script type="application/ld+json">`).

use std::collections::HashMap;

use serde_json::Value;

/// What the JSON-LD of a page says about its article.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct LdArticle {
    pub(crate) headline: Option<String>,
    pub(crate) date_published: Option<String>,
    pub(crate) authors: Vec<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) main_entity: Option<String>,
}

/// Schema.org types that describe an article, most specific first.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "Article",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
    "VideoObject",
];

/// Types that describe the page rather than an article: used only when no
/// article object exists.
const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage"];

/// Reads every JSON-LD script text and returns the article object's fields
/// (the first article-typed object; else a WebPage). Malformed scripts are
/// skipped: many pages ship broken JSON-LD next to good meta tags.
pub(crate) fn article_from_scripts<'a>(
    scripts: impl Iterator<Item = &'a str>,
) -> Option<LdArticle> {
    let values: Vec<Value> = scripts.filter_map(parse_lenient).collect();
    let mut objects = Vec::new();
    for value in &values {
        flatten(value, &mut objects, 0);
    }
    let by_id: HashMap<&str, &Value> =
        objects.iter().filter_map(|o| Some((o.get("@id")?.as_str()?, *o))).collect();
    let rank = |o: &&Value| {
        let types = types_of(o);
        ARTICLE_TYPES
            .iter()
            .position(|t| types.iter().any(|x| x == t))
            .or_else(|| PAGE_TYPES.iter().any(|t| types.iter().any(|x| x == t)).then_some(99))
    };
    let best = objects.iter().filter(|o| rank(o).is_some()).min_by_key(|o| rank(o))?;
    Some(read_article(best, &by_id))
}

fn parse_lenient(script: &str) -> Option<Value> {
    let text = script.trim();
    let text = text.strip_prefix("<!--").unwrap_or(text);
    let text = text.strip_suffix("-->").unwrap_or(text);
    let text = text.trim().trim_start_matches("//<![CDATA[").trim_end_matches("//]]>");
    let text = text.trim().trim_end_matches(';');
    serde_json::from_str(text).ok().or_else(|| {
        // Raw control characters inside strings are a common defect.
        let cleaned: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str(&cleaned).ok()
    })
}

/// Collects every object, descending into arrays, `@graph` and
/// `mainEntity`, but not deeper than a sane nesting.
fn flatten<'a>(value: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(value);
            for key in ["@graph", "mainEntity", "itemListElement"] {
                if let Some(inner) = map.get(key) {
                    flatten(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn types_of(object: &Value) -> Vec<String> {
    match object.get("@type") {
        Some(Value::String(t)) => vec![strip_schema(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(strip_schema).collect(),
        _ => Vec::new(),
    }
}

fn strip_schema(t: &str) -> String {
    t.rsplit(['/', ':']).next().unwrap_or(t).to_string()
}

fn read_article(object: &Value, by_id: &HashMap<&str, &Value>) -> LdArticle {
    let resolve = |v: &'_ Value| -> Value {
        match v.get("@id").and_then(Value::as_str).and_then(|id| by_id.get(id)) {
            Some(target) if v.get("name").is_none() => (*target).clone(),
            _ => v.clone(),
        }
    };
    let headline = string_field(object, "headline").or_else(|| string_field(object, "name"));
    let date_published = string_field(object, "datePublished")
        .or_else(|| string_field(object, "dateCreated"))
        .or_else(|| string_field(object, "uploadDate"));
    let authors = object.get("author").map(|a| names(a, &resolve)).unwrap_or_default();
    let publisher = object.get("publisher").and_then(|p| names(p, &resolve).into_iter().next());
    let url = string_field(object, "url");
    let main_entity = object.get("mainEntityOfPage").and_then(|m| match m {
        Value::String(s) => Some(s.clone()),
        other => {
            other.get("@id").or_else(|| other.get("url")).and_then(Value::as_str).map(String::from)
        }
    });
    LdArticle { headline, date_published, authors, publisher, url, main_entity }
}

/// The `name`s of a person/organization value: a string, an object, or a
/// list of either; `@id` references are resolved through the page's graph.
fn names(value: &Value, resolve: &dyn Fn(&Value) -> Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(|v| names(v, resolve)).collect(),
        Value::Object(_) => {
            let target = resolve(value);
            match target.get("name") {
                Some(Value::String(s)) => vec![s.clone()],
                Some(other @ Value::Array(_)) => names(other, resolve),
                _ => match (target.get("givenName"), target.get("familyName")) {
                    (Some(Value::String(g)), Some(Value::String(f))) => vec![format!("{g} {f}")],
                    _ => Vec::new(),
                },
            }
        }
        _ => Vec::new(),
    }
}

fn string_field(object: &Value, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(items) => items.iter().find_map(Value::as_str).map(|s| s.trim().to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> LdArticle {
        article_from_scripts(std::iter::once(json)).expect("an article")
    }

    #[test]
    fn news_article_fields() {
        let ld = read(
            r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Shells shipped",
            "datePublished":"2024-02-24T11:42:23+00:00","author":[{"@type":"Person","name":"Ann Lee"},
            {"@type":"Person","name":"Bo Chan"}],"publisher":{"@type":"Organization","name":"The Daily"},
            "mainEntityOfPage":{"@type":"WebPage","@id":"https://ex.com/a"}}"#,
        );
        assert_eq!(ld.headline.as_deref(), Some("Shells shipped"));
        assert_eq!(ld.date_published.as_deref(), Some("2024-02-24T11:42:23+00:00"));
        assert_eq!(ld.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(ld.publisher.as_deref(), Some("The Daily"));
        assert_eq!(ld.main_entity.as_deref(), Some("https://ex.com/a"));
    }

    #[test]
    fn graph_with_references() {
        let ld = read(
            r##"{"@graph":[{"@type":"WebPage","@id":"https://ex.com/a","name":"Page"},
            {"@type":["Article"],"headline":"H","author":{"@id":"#p1"},"publisher":{"@id":"#org"}},
            {"@type":"Person","@id":"#p1","name":"Cy Dee"},
            {"@type":"Organization","@id":"#org","name":"Ex News"}]}"##,
        );
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.authors, vec!["Cy Dee"]);
        assert_eq!(ld.publisher.as_deref(), Some("Ex News"));
    }

    #[test]
    fn top_level_list_and_string_author() {
        let ld = read(
            r#"[{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle","headline":"X","author":"Di Eve"}]"#,
        );
        assert_eq!(ld.authors, vec!["Di Eve"]);
    }

    #[test]
    fn malformed_scripts_are_skipped() {
        let scripts = ["{not json", r#"{"@type":"NewsArticle","headline":"Ok"};"#];
        let ld = article_from_scripts(scripts.into_iter()).unwrap();
        assert_eq!(ld.headline.as_deref(), Some("Ok"));
        assert!(article_from_scripts(["{broken"].into_iter()).is_none());
    }
}
