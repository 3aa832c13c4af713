//! The query string of `/api/search` and `/api/facets` -> a [`SearchRequest`].
//!
//! Parsed by hand over `form_urlencoded` pairs rather than through a serde
//! extractor: `outlet` and `agency` repeat (serde_urlencoded cannot collect
//! them), and every error names the parameter and says what it expects.

use chrono::NaiveDate;
use newsdex::{Ranking, SearchRequest};

use crate::error::{Error, Result};
use crate::limits::Limits;

/// The parameters the search endpoints take, as listed in errors.
const KNOWN: &str =
    "q, after, before, outlet, agency, limit, offset, per_article, expand, explain, highlight, ranking";

/// Builds the request a query string asks for. Absent parameters keep
/// [`SearchRequest::new`]'s defaults; no `q` is an empty query.
pub(crate) fn search_request(query: Option<&str>, limits: &Limits) -> Result<SearchRequest> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    check_repeats(&pairs)?;
    let q = pairs.iter().find(|(k, _)| k == "q").map_or("", |(_, v)| v.as_str());
    if q.chars().count() > limits.max_query_chars {
        let reason = format!("at most {} characters", limits.max_query_chars);
        return Err(Error::bad("q", q, reason));
    }
    let mut req = SearchRequest::new(q);
    let (mut after, mut before) = (None, None);
    let (mut outlets, mut agencies) = (0, 0);
    for (name, value) in &pairs {
        let value = value.as_str();
        req = match name.as_str() {
            "q" => req,
            "after" => req.after(*after.insert(day(name, value)?)),
            "before" => req.before(*before.insert(day(name, value)?)),
            "outlet" => req.outlet(filter_value(name, value, &mut outlets, limits)?),
            "agency" => req.agency(filter_value(name, value, &mut agencies, limits)?),
            "limit" => req.limit(number(name, value, 1, limits.max_limit)?),
            "offset" => req.offset(number(name, value, 0, limits.max_offset)?),
            "per_article" => req.per_article(number(name, value, 0, limits.max_per_article)?),
            "expand" => req.expand(flag(name, value)?),
            "explain" => req.explain(flag(name, value)?),
            "highlight" => req.highlight(flag(name, value)?),
            "ranking" => req.ranking(ranking(value)?),
            other => {
                let name = other.chars().take(100).collect();
                return Err(Error::UnknownParameter { name, known: KNOWN });
            }
        };
    }
    if let (Some(a), Some(b)) = (after, before) {
        if a > b {
            return Err(Error::bad("after", &a.to_string(), format!("later than `before` ({b})")));
        }
    }
    Ok(req)
}

/// Only `outlet` and `agency` may repeat.
fn check_repeats(pairs: &[(String, String)]) -> Result<()> {
    let mut seen: Vec<&str> = Vec::new();
    for (name, _) in pairs {
        let name = name.as_str();
        if name != "outlet" && name != "agency" {
            if seen.contains(&name) {
                return Err(Error::RepeatedParameter { name: name.to_string() });
            }
            seen.push(name);
        }
    }
    Ok(())
}

fn day(name: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| Error::bad(name, value, "a date YYYY-MM-DD"))
}

fn number(name: &str, value: &str, min: usize, max: usize) -> Result<usize> {
    value
        .parse::<usize>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| Error::bad(name, value, format!("a whole number from {min} to {max}")))
}

fn flag(name: &str, value: &str) -> Result<bool> {
    match value {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(Error::bad(name, value, "true or false")),
    }
}

fn ranking(value: &str) -> Result<Ranking> {
    match value {
        "full" => Ok(Ranking::Full),
        "plain" => Ok(Ranking::Plain),
        _ => Err(Error::bad("ranking", value, "full or plain")),
    }
}

/// An `outlet` or `agency` value, counting how many were given.
fn filter_value(name: &str, value: &str, count: &mut usize, limits: &Limits) -> Result<String> {
    *count += 1;
    if *count > limits.max_filter_values {
        let reason = format!("at most {} values", limits.max_filter_values);
        return Err(Error::bad(name, value, reason));
    }
    let chars = value.chars().count();
    if chars == 0 || chars > limits.max_filter_chars {
        let reason = format!("a name of 1 to {} characters", limits.max_filter_chars);
        return Err(Error::bad(name, value, reason));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<SearchRequest> {
        search_request(Some(q), &Limits::default())
    }

    fn message(q: &str) -> String {
        parse(q).expect_err(q).to_string()
    }

    #[test]
    fn every_option_is_read() {
        let req = parse(
            "q=arms+dealings&after=2022-01-01&before=2022-12-31&outlet=A&outlet=B%20C&agency=AFP\
             &limit=5&offset=10&per_article=0&expand=false&explain=1&highlight=0&ranking=plain",
        )
        .unwrap();
        let debug = format!("{req:?}");
        assert_eq!(req.text(), "arms dealings");
        for part in [
            "after: Some(2022-01-01)",
            "before: Some(2022-12-31)",
            "outlets: [\"A\", \"B C\"]",
            "agencies: [\"AFP\"]",
            "limit: 5",
            "offset: 10",
            "per_article: 0",
            "expand: false",
            "explain: true",
            "highlight: false",
            "ranking: Plain",
        ] {
            assert!(debug.contains(part), "{part} in {debug}");
        }
    }

    #[test]
    fn absent_parameters_keep_the_library_defaults() {
        let debug = format!("{:?}", search_request(None, &Limits::default()).unwrap());
        let defaults = format!("{:?}", SearchRequest::new(""));
        assert_eq!(debug, defaults);
    }

    #[test]
    fn errors_name_the_parameter_and_what_it_expects() {
        assert!(message("limit=abc").contains("parameter `limit`: a whole number from 1 to 100"));
        assert!(message("limit=0").contains("from 1 to 100"));
        assert!(message("limit=101").contains("from 1 to 100"));
        assert!(message("offset=1001").contains("from 0 to 1000"));
        assert!(message("after=2022-13-01").contains("`after`: a date YYYY-MM-DD"));
        assert!(message("after=2022-02-01&before=2022-01-01").contains("later than `before`"));
        assert!(message("expand=yes").contains("true or false"));
        assert!(message("ranking=bm25").contains("full or plain"));
        assert!(message("outlet=").contains("1 to 200 characters"));
        assert!(message("outlets=A").contains("unknown parameter `outlets`"));
        assert!(message("q=a&q=b").contains("`q` given more than once"));
        let long = "w".repeat(1001);
        assert!(message(&format!("q={long}")).contains("at most 1000 characters"));
        let many = "outlet=x&".repeat(51);
        assert!(message(&many).contains("at most 50 values"));
    }

    #[test]
    fn the_limit_on_q_counts_characters_not_bytes() {
        let q = "é".repeat(1000);
        assert_eq!(parse(&format!("q={q}")).unwrap().text(), q);
    }
}
