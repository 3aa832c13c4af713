//! Publication dates in the spellings news uses, converted to UTC.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::article::Published;

/// Earliest publication date an article keeps: 1700-01-01.
///
/// Dates outside [`EARLIEST_PUBLISHED`]`..=`[`LATEST_PUBLISHED`] are
/// placeholders (`0000-01-01`, `9999-12-31`), misread numbers or typos, not
/// news: an article keeps no date rather than a wrong one, and the readers
/// say so in a warning. The range also sits inside what the index can hold
/// (tantivy keeps nanoseconds in an i64: 1677-09-21 to 2262-04-11), so no
/// date is ever clamped into one no record has.
pub const EARLIEST_PUBLISHED: NaiveDate = day(1700, 1, 1);

/// Latest publication date an article keeps: 2199-12-31 (see
/// [`EARLIEST_PUBLISHED`]).
pub const LATEST_PUBLISHED: NaiveDate = day(2199, 12, 31);

const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("not a calendar day"),
    }
}

/// True when `published` falls within [`EARLIEST_PUBLISHED`]`..=`
/// [`LATEST_PUBLISHED`] (its UTC day).
pub fn is_plausible_date(published: &Published) -> bool {
    (EARLIEST_PUBLISHED..=LATEST_PUBLISHED).contains(&published.date())
}

/// Formats of a local date and time without offset, read as UTC.
const NAIVE_DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];

/// Formats with a numeric offset that RFC 3339 does not accept (`+0000`).
const OFFSET_DATETIME_FORMATS: &[&str] =
    &["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S %z"];

const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"];

/// Parses a publication date into UTC, keeping its precision.
///
/// Accepts RFC 3339 (`2022-01-02T16:57:45-05:00`, `1987-03-13T15:05:02Z`),
/// RFC 2822 (`Mon, 07 Nov 2022 14:05:00 +0000`), ISO-like local times read as
/// UTC (`2022-11-07 14:05`), date-only ISO (`2022-06-23`, giving
/// [`Published::Date`]) and month-name spellings (`November 07, 2022`,
/// `Nov. 7, 2022`, `7 Nov 2022`, `Monday, 7 November 2022 14:05 GMT`,
/// `Published: Nov 7, 2022`). Returns `None` when no date can be read.
pub fn parse_date(raw: &str) -> Option<Published> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    parse_machine(s).or_else(|| parse_spelled(s))
}

/// A Unix timestamp: seconds below 10^12 in magnitude, milliseconds from
/// 10^12 (13 digits, as JavaScript writes them since 2001-09-09).
///
/// Twelve-digit values are read as seconds, not guessed to be milliseconds:
/// `253402300800` is the "9999-12-31 23:59:60" placeholder in seconds, and
/// reading it as milliseconds invented 1978-01-11. The resulting dates are
/// implausible ([`is_plausible_date`]) and dropped with a warning, so a
/// 1973–2001 timestamp written in milliseconds loses its date, visibly,
/// rather than a placeholder gaining one. `None` beyond chrono's range.
pub fn published_from_timestamp(value: i64) -> Option<Published> {
    let dt = if value.unsigned_abs() >= 1_000_000_000_000 {
        DateTime::from_timestamp_millis(value)
    } else {
        DateTime::from_timestamp(value, 0)
    };
    dt.map(Published::DateTime)
}

/// The machine formats: RFC 3339/2822 and ISO-like.
fn parse_machine(s: &str) -> Option<Published> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return DateTime::parse_from_rfc2822(s).ok().map(utc);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(utc(dt));
    }
    let s = s.strip_suffix(" UTC").or_else(|| s.strip_suffix(" GMT")).unwrap_or(s);
    let (naive, zulu) = match s.strip_suffix('Z') {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    for f in NAIVE_DATETIME_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(naive, f) {
            return Some(Published::DateTime(dt.and_utc()));
        }
    }
    if !zulu {
        for f in OFFSET_DATETIME_FORMATS {
            if let Ok(dt) = DateTime::parse_from_str(s, f) {
                return Some(utc(dt));
            }
        }
        for f in DATE_FORMATS {
            if let Ok(d) = NaiveDate::parse_from_str(s, f) {
                return Some(Published::Date(d));
            }
        }
    }
    DateTime::parse_from_rfc2822(s).ok().map(utc)
}

fn utc(dt: DateTime<FixedOffset>) -> Published {
    Published::DateTime(dt.with_timezone(&Utc))
}

/// Month-name spellings, read token by token.
fn parse_spelled(s: &str) -> Option<Published> {
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let mut time: Option<NaiveTime> = None;
    let mut pm = None;
    let mut offset_secs = None;
    for token in s.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()) {
        let token = token.trim_end_matches('.');
        if let Some(m) = month_number(token) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if let Some(n) = day_number(token) {
            if day.replace(n).is_some() {
                return None;
            }
        } else if token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) {
            year = Some(token.parse::<i32>().ok()?);
        } else if token.contains(':') && token.starts_with(|c: char| c.is_ascii_digit()) {
            time = Some(parse_clock(token)?);
        } else if let Some(is_pm) = meridiem(token) {
            pm = Some(is_pm);
        } else if let Some(off) = zone_offset(token) {
            offset_secs = Some(off);
        } else if token.bytes().any(|b| b.is_ascii_digit()) {
            // An unknown number means this is not a date we understand.
            return None;
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let Some(mut time) = time else { return Some(Published::Date(date)) };
    if let Some(is_pm) = pm {
        time = apply_meridiem(time, is_pm)?;
    }
    let offset = FixedOffset::east_opt(offset_secs.unwrap_or(0))?;
    let local = offset.from_local_datetime(&date.and_time(time)).single()?;
    Some(Published::DateTime(local.with_timezone(&Utc)))
}

fn month_number(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if token.len() < 3 || !token.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let lower = token.to_ascii_lowercase();
    let lower = if lower == "sept" { "sep".to_string() } else { lower };
    let index =
        MONTHS.iter().position(|m| m.starts_with(&lower) && (lower.len() == 3 || **m == lower))?;
    Some(index as u32 + 1)
}

/// `7`, `07`, `7th`, `1st`.
fn day_number(token: &str) -> Option<u32> {
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    let ordinal = matches!(suffix.to_ascii_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th");
    if !ordinal
        || digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// `14:05`, `14:05:09`, `2:05pm`.
fn parse_clock(token: &str) -> Option<NaiveTime> {
    let lower = token.to_ascii_lowercase();
    let (clock, pm) = match lower.strip_suffix("pm").or_else(|| lower.strip_suffix("am")) {
        Some(rest) => (rest, Some(lower.ends_with("pm"))),
        None => (lower.as_str(), None),
    };
    let time = NaiveTime::parse_from_str(clock, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
        .ok()?;
    match pm {
        Some(is_pm) => apply_meridiem(time, is_pm),
        None => Some(time),
    }
}

fn meridiem(token: &str) -> Option<bool> {
    match token.to_ascii_lowercase().as_str() {
        "am" | "a.m" => Some(false),
        "pm" | "p.m" => Some(true),
        _ => None,
    }
}

fn apply_meridiem(time: NaiveTime, pm: bool) -> Option<NaiveTime> {
    use chrono::Timelike;
    let hour = time.hour();
    if hour == 0 || hour > 12 {
        return Some(time);
    }
    let hour = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    time.with_hour(hour)
}

/// Offsets of time zone names seen in news datelines, in seconds east of UTC.
fn zone_offset(token: &str) -> Option<i32> {
    let hours = match token.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" => 0,
        "BST" | "CET" | "WAT" => 1,
        "CEST" | "EET" => 2,
        "EEST" | "MSK" => 3,
        "KST" | "JST" => 9,
        "EST" => -5,
        "EDT" | "AST" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        other => return numeric_offset(other),
    };
    Some(hours * 3600)
}

/// `+0300`, `-05:00`, `UTC+3`.
fn numeric_offset(token: &str) -> Option<i32> {
    let t = token.strip_prefix("UTC").or_else(|| token.strip_prefix("GMT")).unwrap_or(token);
    let sign = match t.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = t[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (digits[..split].parse::<i32>().ok()?, digits[split..].parse::<i32>().ok()?)
    };
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<Published> {
        Some(Published::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    fn instant(rfc3339: &str) -> Option<Published> {
        Some(Published::DateTime(
            DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc),
        ))
    }

    #[test]
    fn parse_date_table() {
        let cases = [
            ("November 07, 2022", day(2022, 11, 7)),
            ("Nov. 7, 2022", day(2022, 11, 7)),
            ("7 Nov 2022", day(2022, 11, 7)),
            ("07 November 2022", day(2022, 11, 7)),
            ("Sept. 25, 2022", day(2022, 9, 25)),
            ("Monday, November 7th, 2022", day(2022, 11, 7)),
            ("Published: Nov 7, 2022", day(2022, 11, 7)),
            ("2022-06-23", day(2022, 6, 23)),
            ("2022/06/23", day(2022, 6, 23)),
            ("1987-03-13T15:05:02Z", instant("1987-03-13T15:05:02Z")),
            ("2022-01-02T16:57:45-05:00", instant("2022-01-02T21:57:45Z")),
            ("2022-01-02T16:57:45.123+00:00", instant("2022-01-02T16:57:45.123Z")),
            ("2022-11-07 14:05", instant("2022-11-07T14:05:00Z")),
            ("2022-11-07 14:05:09", instant("2022-11-07T14:05:09Z")),
            ("2022-11-07T14:05:09", instant("2022-11-07T14:05:09Z")),
            ("2022-11-07T14:05:09+0300", instant("2022-11-07T11:05:09Z")),
            ("2022-11-07 14:05:09 UTC", instant("2022-11-07T14:05:09Z")),
            ("Mon, 07 Nov 2022 14:05:00 +0000", instant("2022-11-07T14:05:00Z")),
            ("Mon, 07 Nov 2022 14:05:00 GMT", instant("2022-11-07T14:05:00Z")),
            ("7 November 2022 14:05 MSK", instant("2022-11-07T11:05:00Z")),
            ("Nov. 7, 2022 2:05 p.m. EST", instant("2022-11-07T19:05:00Z")),
            ("November 7, 2022 12:30am", instant("2022-11-07T00:30:00Z")),
            ("", None),
            ("garbage", None),
            ("not a date at all", None),
            ("November 2022", None),
            ("February 30, 2022", None),
            ("2022-13-01", None),
            ("12 34 5678", None),
            ("May the force be with you", None),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_date(raw), want, "input {raw:?}");
        }
    }

    #[test]
    fn timestamps_in_seconds_or_millis() {
        let want = instant("2022-11-07T05:46:40Z");
        assert_eq!(published_from_timestamp(1_667_800_000), want);
        assert_eq!(published_from_timestamp(1_667_800_000_000), want);
        // A placeholder in seconds stays a placeholder (not 1978 in ms).
        let max = published_from_timestamp(253_402_300_800).unwrap();
        assert_eq!(max.date(), NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap());
        assert!(!is_plausible_date(&max));
        assert_eq!(published_from_timestamp(i64::MAX), None);
    }

    #[test]
    fn plausible_dates_are_those_news_can_have() {
        for (raw, plausible) in [
            ("0000-01-01", false),
            ("1699-12-31", false),
            ("1700-01-01", true),
            ("1986-11-13", true),
            ("2199-12-31T23:59:59Z", true),
            ("2200-01-01", false),
            ("9999-12-31", false),
        ] {
            let date = parse_date(raw).unwrap();
            assert_eq!(is_plausible_date(&date), plausible, "{raw}");
        }
    }
}
