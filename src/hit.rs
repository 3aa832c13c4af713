//! What a search returns: ranked passage hits with article metadata.

use std::ops::Range;

use newsdex_transfers::{Status, Transfer};
use serde::Serialize;

use crate::search::rerank::Features;

/// The answer to a [`crate::SearchRequest`].
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    /// Ranked hits, after the per-article cap, collapse and paging.
    pub hits: Vec<Hit>,
    /// How many passages the first stage retrieved for re-ranking.
    pub total_candidates: usize,
    /// Parts of the query that were not understood and what was done instead.
    pub warnings: Vec<String>,
    /// How the query text was read for the `roles` ranking feature (empty
    /// when it names no side, stance or source, and for
    /// [`crate::Ranking::Plain`]).
    pub roles: QueryRoles,
}

/// What a query asks of a passage's arms transfers, as read from its text
/// ("Belarus ammunition to Russia": supplier Belarus, recipient Russia).
/// Canonical party names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QueryRoles {
    /// Any of these should supply.
    pub suppliers: Vec<String>,
    /// Any of these should receive.
    pub recipients: Vec<String>,
    /// Each of these should be on one side or the other.
    pub parties: Vec<String>,
    /// The status asked for ("denies": denied).
    pub status: Option<Status>,
    /// Parties whose claim or denial is asked for, including the parties
    /// that named sources stand for ("TASS": Russia).
    pub claimed_by: Vec<String>,
    /// Outlets or agencies named in the query: passages from them, or
    /// naming them, rank higher; the words are not required.
    pub sources: Vec<String>,
}

impl QueryRoles {
    /// True when the query asks nothing of transfers.
    pub fn is_empty(&self) -> bool {
        *self == QueryRoles::default()
    }
}

/// One ranked passage.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// 1-based rank in the whole result list (offset included).
    pub rank: usize,
    /// Final score (second stage for [`crate::Ranking::Full`], BM25 for Plain).
    pub score: f32,
    /// The article's id.
    pub article_id: String,
    /// The article's title.
    pub title: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's wire agency.
    pub agency: Option<String>,
    /// Publication time: RFC 3339, or `YYYY-MM-DD` when only the day is known.
    pub published: Option<String>,
    /// The article's canonical URL.
    pub url: Option<String>,
    /// The section heading the passage sits under.
    pub section: Option<String>,
    /// `body`, `caption`, `heading` or `title`.
    pub kind: String,
    /// 0-based position of the passage in its article.
    pub ordinal: u32,
    /// The passage text.
    pub text: String,
    /// Byte ranges in `text` of the words that matched the query.
    pub highlights: Vec<Range<usize>>,
    /// `text` with matched words wrapped in `«` and `»`.
    pub highlighted: String,
    /// The arms transfers extracted from this passage at indexing time
    /// (empty when it mentions none, or when the index was built with
    /// extraction off); their spans are byte ranges into `text`.
    pub transfers: Vec<Transfer>,
    /// Other articles carrying the same passage (syndicated copies).
    pub also_in: Vec<AlsoIn>,
    /// The wordings that matched, when the request asked to explain.
    pub matched: Vec<Matched>,
    /// The second-stage features behind `score`, when the request asked to
    /// explain (absent for [`crate::Ranking::Plain`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<Features>,
}

/// An article carrying a near-identical copy of a hit's passage.
#[derive(Clone, Debug, Serialize)]
pub struct AlsoIn {
    /// The other article's id.
    pub article_id: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: Option<String>,
}

/// A wording that matched in a hit, and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Matched {
    /// The wording as the user or the lexicon writes it, e.g. "artillery shells".
    pub term: String,
    /// The typed word it stands for, with the lexicon group when it is an
    /// expansion, e.g. "arms (arms transfer: weapons)".
    pub from: String,
    /// Its weight (1 typed, less for expansions).
    pub weight: f32,
}

/// Matching-article counts for a request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Matching articles in all (also those without outlet or date).
    pub articles: u64,
    /// Articles per outlet, most first (ties by name).
    pub by_outlet: Vec<(String, u64)>,
    /// Articles per wire agency, most first (ties by name).
    pub by_agency: Vec<(String, u64)>,
    /// Articles per month (`YYYY-MM`), in calendar order.
    pub by_month: Vec<(String, u64)>,
}

/// What an index holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    /// Distinct articles.
    pub articles: u64,
    /// Passages (index documents).
    pub passages: u64,
    /// Articles per outlet, most first.
    pub outlets: Vec<(String, u64)>,
    /// Earliest publication date (`YYYY-MM-DD`).
    pub first_published: Option<String>,
    /// Latest publication date (`YYYY-MM-DD`).
    pub last_published: Option<String>,
    /// Bytes used by the index files.
    pub size_on_disk: u64,
}

/// Wraps each range of `text` in `«…»`.
pub(crate) fn mark(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 4);
    let mut at = 0;
    for r in ranges {
        out.push_str(&text[at..r.start]);
        out.push('«');
        out.push_str(&text[r.clone()]);
        out.push('»');
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}
