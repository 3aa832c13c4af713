//! Code shared by the benches and `examples/throughput.rs` (included with
//! `#[path]`); each includer uses only part of it, hence the allow.
#![allow(dead_code)]

pub mod baseline;
pub mod corpus;
pub mod pipeline;
pub mod queries;
pub mod stats;
