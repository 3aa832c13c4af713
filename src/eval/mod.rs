//! Relevance evaluation: topics, judgments, run files and the metrics.
//!
//! Two kinds of evaluation are supported:
//!
//! - **Passage judgments** (`../shared/eval`): [`Topic`]s, graded
//!   [`Judgment`]s of passages, runs of [`RunEntry`]s, scored by
//!   [`score_passages`] with exactly the rules and numbers of the reference
//!   `score.py` (passage nDCG@10, P@10, judged@10, article nDCG@10 and
//!   Recall@100).
//! - **BEIR collections** ([`BeirCollection`]): document-level nDCG@10 and
//!   Recall@100 with trec_eval semantics ([`score_trec`]).
//!
//! [`run_topics`] produces a run by searching an index for each topic title.

mod beir;
mod dcg;
mod error;
mod jsonl;
mod passage_score;
mod qrels;
mod run;
mod runner;
mod tokens;
mod topics;
mod trec;

pub use self::beir::{BeirCollection, BeirDoc, BeirQuery};
pub use self::error::{EvalError, Result};
pub use self::passage_score::{
    condense, score_passages, PassageMetrics, PassageReport, TopicScores,
};
pub use self::qrels::Judgment;
pub use self::run::RunEntry;
pub use self::runner::run_topics;
pub use self::tokens::tokenize;
pub use self::topics::Topic;
pub use self::trec::{score_trec, TrecMetrics, TrecQrels, TrecReport, TrecRun};
