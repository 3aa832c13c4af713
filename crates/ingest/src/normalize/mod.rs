//! Pure normalization functions shared by every reader: text cleanup, dates,
//! URLs, outlets and bylines. Each is table-tested in its own file.

mod byline;
mod date;
mod outlet;
mod text;
mod url;

pub use self::byline::{agency_from_byline, agency_name, parse_byline, Byline};
pub use self::date::{
    is_plausible_date, parse_date, published_from_timestamp, EARLIEST_PUBLISHED, LATEST_PUBLISHED,
};
pub use self::outlet::{outlet_from_url, outlet_name};
pub use self::text::{clean_text, split_paragraphs};
pub use self::url::canonical_url;
