//! Producing runs by searching an index.

use crate::eval::run::RunEntry;
use crate::eval::topics::Topic;
use crate::{NewsIndex, SearchRequest};

/// Searches `index` for each topic's title and returns the hits as a run.
///
/// `request` turns a title into the request to send, so callers choose the
/// ranking, the cap per article and the depth (100 for the standard runs).
/// `article_id` of each entry is the hit's article id (the input record's
/// id) and `text` the passage text.
pub fn run_topics(
    index: &NewsIndex,
    topics: &[Topic],
    request: impl Fn(&str) -> SearchRequest,
) -> crate::Result<Vec<RunEntry>> {
    let mut run = Vec::new();
    for topic in topics {
        let results = index.search(&request(&topic.title))?;
        run.extend(results.hits.into_iter().map(|hit| RunEntry {
            topic: topic.id.clone(),
            rank: Some(hit.rank),
            article_id: hit.article_id,
            text: hit.text,
            score: hit.score,
        }));
    }
    Ok(run)
}
