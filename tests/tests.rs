//! Integration tests, one module per topic.

mod eval;
mod faults;
mod fixtures;

#[path = "index/article.rs"]
mod article;
#[path = "index/collapse.rs"]
mod collapse;
#[path = "index/concurrency.rs"]
mod concurrency;
#[path = "index/deals.rs"]
mod deals;
#[path = "index/facets.rs"]
mod facets;
#[path = "index/limits.rs"]
mod limits;
#[path = "index/query.rs"]
mod query;
#[path = "index/query_fuzz.rs"]
mod query_fuzz;
#[path = "index/ranking.rs"]
mod ranking;
#[path = "index/seed.rs"]
mod seed;
#[path = "index/transfers.rs"]
mod transfers;
#[path = "index/writer.rs"]
mod writer;

mod cli;
