//! From user text to tantivy queries: the lenient parser, the lexicon,
//! expansion into concept groups, and the first-stage query.

pub(crate) mod build;
pub(crate) mod idf;
pub(crate) mod lexicon;
pub(crate) mod parse;
pub(crate) mod plan;
