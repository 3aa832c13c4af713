//! What one request may ask for and how long it may take: [`Limits`].

use std::time::Duration;

/// Bounds on requests, set through [`crate::RouterBuilder`]; every field
/// documents its default.
#[derive(Clone, Debug)]
pub(crate) struct Limits {
    /// Longest `q`, in characters. Default 1,000: far beyond any question a
    /// person types, short enough that parsing and planning stay cheap.
    pub max_query_chars: usize,
    /// Largest `limit`. Default 100.
    pub max_limit: usize,
    /// Largest `offset`. Default 1,000: the first stage retrieves about
    /// 10 × (offset + limit) candidates, so deep pages cost more.
    pub max_offset: usize,
    /// Largest `per_article`. Default 100.
    pub max_per_article: usize,
    /// Largest `limit` of `/api/deals` (rows). Default 1,000. Without a
    /// `limit` (or with 0) every row is returned: one per distinct
    /// supplier → recipient pair among the matching passages.
    pub max_deal_rows: usize,
    /// Most values of each filter (`outlet`, `agency`, `supplier`,
    /// `recipient`, `party`, `status`) in one request. Default 50.
    pub max_filter_values: usize,
    /// Longest single filter value, in characters. Default 200.
    pub max_filter_chars: usize,
    /// Longest wait plus run time of one API request. Default 10 s.
    pub timeout: Duration,
    /// Requests that read the index at the same time; more wait in line (up
    /// to `timeout`). Default: the number of cores (searches are CPU-bound,
    /// so more at once only makes each slower).
    pub max_concurrent: usize,
    /// Largest request body accepted, in bytes (no endpoint reads one).
    /// Default 16 KiB.
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_query_chars: 1_000,
            max_limit: 100,
            max_offset: 1_000,
            max_per_article: 100,
            max_deal_rows: 1_000,
            max_filter_values: 50,
            max_filter_chars: 200,
            timeout: Duration::from_secs(10),
            max_concurrent: std::thread::available_parallelism().map_or(1, |n| n.get()),
            max_body_bytes: 16 << 10,
        }
    }
}
