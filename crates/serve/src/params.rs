//! The query strings of `/api/search`, `/api/facets` and `/api/deals` -> a
//! [`SearchRequest`] (and the [`DealsOptions`] of `/api/deals`).
//!
//! Parsed by hand over `form_urlencoded` pairs rather than through a serde
//! extractor: the filters (`outlet`, `agency`, `supplier`, `recipient`,
//! `party`, `status`) repeat (serde_urlencoded cannot collect them), and
//! every error names the parameter and says what it expects.

use chrono::NaiveDate;
use newsdex::{DealsOptions, Ranking, SearchRequest, Status};

use crate::error::{Error, Result};
use crate::limits::Limits;

/// The parameters `/api/search` and `/api/facets` take, as listed in errors.
const SEARCH_KNOWN: &str = "q, after, before, outlet, agency, supplier, recipient, party, status, \
                            limit, offset, per_article, expand, explain, highlight, ranking";

/// The parameters `/api/deals` takes, as listed in errors.
const DEALS_KNOWN: &str =
    "q, after, before, outlet, agency, supplier, recipient, party, status, expand, by, limit";

/// The parameters that may repeat (any of their values matches).
const REPEATABLE: [&str; 6] = ["outlet", "agency", "supplier", "recipient", "party", "status"];

/// Which endpoint a query string is for: they share the query and filter
/// parameters and differ in the rest.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Search,
    Deals,
}

/// Builds the request a query string asks for. Absent parameters keep
/// [`SearchRequest::new`]'s defaults; no `q` is an empty query.
pub(crate) fn search_request(query: Option<&str>, limits: &Limits) -> Result<SearchRequest> {
    Ok(parse(query, limits, Endpoint::Search)?.0)
}

/// Builds the request and table options of `/api/deals`: the query and
/// filters as for search, plus `by=month` (each row's timeline) and
/// `limit` (rows; 0, the default, keeps them all).
pub(crate) fn deals_request(
    query: Option<&str>,
    limits: &Limits,
) -> Result<(SearchRequest, DealsOptions)> {
    parse(query, limits, Endpoint::Deals)
}

fn parse(
    query: Option<&str>,
    limits: &Limits,
    endpoint: Endpoint,
) -> Result<(SearchRequest, DealsOptions)> {
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
    let mut options = DealsOptions::new();
    let (mut after, mut before) = (None, None);
    let mut counts = [0usize; REPEATABLE.len()];
    let search = endpoint == Endpoint::Search;
    for (name, value) in &pairs {
        let value = value.as_str();
        req = match name.as_str() {
            "q" => req,
            "after" => req.after(*after.insert(day(name, value)?)),
            "before" => req.before(*before.insert(day(name, value)?)),
            "outlet" => req.outlet(filter_value(name, value, &mut counts[slot(name)], limits)?),
            "agency" => req.agency(filter_value(name, value, &mut counts[slot(name)], limits)?),
            "supplier" => req.supplier(filter_value(name, value, &mut counts[slot(name)], limits)?),
            "recipient" => {
                req.recipient(filter_value(name, value, &mut counts[slot(name)], limits)?)
            }
            "party" => req.party(filter_value(name, value, &mut counts[slot(name)], limits)?),
            "status" => req.status(status(value, &mut counts[slot(name)], limits)?),
            "expand" => req.expand(flag(name, value)?),
            "limit" if search => req.limit(number(name, value, 1, limits.max_limit)?),
            "offset" if search => req.offset(number(name, value, 0, limits.max_offset)?),
            "per_article" if search => {
                req.per_article(number(name, value, 0, limits.max_per_article)?)
            }
            "explain" if search => req.explain(flag(name, value)?),
            "highlight" if search => req.highlight(flag(name, value)?),
            "ranking" if search => req.ranking(ranking(value)?),
            "limit" => {
                options = options.limit(number(name, value, 0, limits.max_deal_rows)?);
                req
            }
            "by" if !search => {
                options = options.by_month(by(value)?);
                req
            }
            other => {
                let name = other.chars().take(100).collect();
                let known = if search { SEARCH_KNOWN } else { DEALS_KNOWN };
                return Err(Error::UnknownParameter { name, known });
            }
        };
    }
    if let (Some(a), Some(b)) = (after, before) {
        if a > b {
            return Err(Error::bad("after", &a.to_string(), format!("later than `before` ({b})")));
        }
    }
    Ok((req, options))
}

/// Only the filters may repeat.
fn check_repeats(pairs: &[(String, String)]) -> Result<()> {
    let mut seen: Vec<&str> = Vec::new();
    for (name, _) in pairs {
        let name = name.as_str();
        if !REPEATABLE.contains(&name) {
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

/// A filter value (`outlet`, `agency`, `supplier`, `recipient`, `party`),
/// counting how many of that name were given.
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

/// Where a repeatable parameter's count is kept.
fn slot(name: &str) -> usize {
    REPEATABLE.iter().position(|r| *r == name).unwrap_or(0)
}

/// A `status` value (`reported`, `alleged`, `denied` or `planned`, any
/// case), counting how many were given.
fn status(value: &str, count: &mut usize, limits: &Limits) -> Result<Status> {
    *count += 1;
    if *count > limits.max_filter_values {
        let reason = format!("at most {} values", limits.max_filter_values);
        return Err(Error::bad("status", value, reason));
    }
    value.parse().map_err(|_| Error::bad("status", value, "reported, alleged, denied or planned"))
}

/// `by=month` adds each row's timeline; nothing else is known.
fn by(value: &str) -> Result<bool> {
    match value {
        "month" => Ok(true),
        _ => Err(Error::bad("by", value, "month")),
    }
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
             &limit=5&offset=10&per_article=0&expand=false&explain=1&highlight=0&ranking=plain\
             &supplier=DPRK&supplier=Iran&recipient=Russia&party=Belarus&status=denied&status=Alleged",
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
            "suppliers: [\"DPRK\", \"Iran\"]",
            "recipients: [\"Russia\"]",
            "parties: [\"Belarus\"]",
            "statuses: [Denied, Alleged]",
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
        assert!(message("status=rumoured").contains("reported, alleged, denied or planned"));
        assert!(message("supplier=").contains("`supplier`: a name of 1 to 200"));
        assert!(message("by=month").contains("unknown parameter `by`"));
    }

    fn deals(q: &str) -> Result<(SearchRequest, DealsOptions)> {
        deals_request(Some(q), &Limits::default())
    }

    #[test]
    fn deals_take_the_filters_plus_by_and_a_row_limit() {
        let (req, options) =
            deals("q=shells&supplier=DPRK&status=denied&expand=false&by=month&limit=0").unwrap();
        assert_eq!(req.text(), "shells");
        let debug = format!("{req:?}");
        assert!(debug.contains("suppliers: [\"DPRK\"]") && debug.contains("expand: false"));
        assert_eq!(options, DealsOptions::new().by_month(true));
        assert_eq!(deals("limit=7").unwrap().1, DealsOptions::new().limit(7));
        assert_eq!(deals("").unwrap().1, DealsOptions::new());
        let error = |q: &str| deals(q).expect_err(q).to_string();
        assert!(error("by=year").contains("`by`: month"));
        assert!(error("limit=1001").contains("from 0 to 1000"));
        assert!(error("offset=3").contains("unknown parameter `offset`"));
        assert!(error("by=month&by=month").contains("more than once"));
    }

    #[test]
    fn the_limit_on_q_counts_characters_not_bytes() {
        let q = "é".repeat(1000);
        assert_eq!(parse(&format!("q={q}")).unwrap().text(), q);
    }
}
