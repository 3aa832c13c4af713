//! Integration tests, one module per topic.

mod fixtures;

#[path = "index/collapse.rs"]
mod collapse;
#[path = "index/concurrency.rs"]
mod concurrency;
#[path = "index/facets.rs"]
mod facets;
#[path = "index/query.rs"]
mod query;
#[path = "index/seed.rs"]
mod seed;
#[path = "index/writer.rs"]
mod writer;
