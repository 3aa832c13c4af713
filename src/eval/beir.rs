//! Loading a BEIR-format test collection: `corpus.jsonl[.gz]`,
//! `queries.jsonl[.gz]` and `qrels/<split>.tsv`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::eval::error::{EvalError, Result};
use crate::eval::trec::TrecQrels;
use crate::ingest::{Article, Paragraph, ParagraphKind, Position};

/// One corpus document.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BeirDoc {
    /// Document id (`_id`).
    #[serde(rename = "_id")]
    pub id: String,
    /// Title; may be empty.
    #[serde(default)]
    pub title: String,
    /// Body text.
    #[serde(default)]
    pub text: String,
}

/// One query.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BeirQuery {
    /// Query id (`_id`).
    #[serde(rename = "_id")]
    pub id: String,
    /// What is searched for.
    pub text: String,
}

/// A BEIR collection restricted to one split's judged queries.
#[derive(Clone, Debug)]
pub struct BeirCollection {
    /// Every document of the corpus, in file order.
    pub corpus: Vec<BeirDoc>,
    /// The queries that have judgments in the split, in file order.
    pub queries: Vec<BeirQuery>,
    /// The split's judgments.
    pub qrels: TrecQrels,
}

impl BeirCollection {
    /// Loads the collection in `dir` with the judgments of `split`
    /// (`test` for the standard figures).
    pub fn from_dir(dir: impl AsRef<Path>, split: &str) -> Result<BeirCollection> {
        let dir = dir.as_ref();
        let qrels = read_qrels(&dir.join("qrels").join(format!("{split}.tsv")))?;
        let corpus = crate::eval::jsonl::read(&either(dir, "corpus.jsonl"))?;
        let queries: Vec<BeirQuery> = crate::eval::jsonl::read(&either(dir, "queries.jsonl"))?;
        let queries = queries.into_iter().filter(|q| qrels.contains_key(&q.id)).collect();
        Ok(BeirCollection { corpus, queries, qrels })
    }
}

impl BeirDoc {
    /// The document as an article: the title (when present) and the text as
    /// two body paragraphs, which a passage configuration that never splits
    /// (`min_chars` and `max_chars` at `usize::MAX`) indexes as one passage
    /// holding title + text, as BEIR baselines index `title + " " + text`.
    /// The title is also the article's title.
    pub fn to_article(&self) -> Article {
        let paragraphs = [&self.title, &self.text]
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| Paragraph {
                kind: ParagraphKind::Body,
                section: None,
                text: t.trim().to_string(),
                credit: None,
            })
            .collect();
        Article {
            id: self.id.clone(),
            title: self.title.clone(),
            published: None,
            outlet: None,
            agency: None,
            authors: Vec::new(),
            url: None,
            paragraphs,
            source: Position::file("corpus.jsonl"),
            warnings: Vec::new(),
        }
    }
}

/// `dir/name`, or `dir/name.gz` when only the compressed file exists.
fn either(dir: &Path, name: &str) -> PathBuf {
    let plain = dir.join(name);
    let gz = dir.join(format!("{name}.gz"));
    if !plain.exists() && gz.exists() {
        gz
    } else {
        plain
    }
}

/// Reads `query-id<TAB>corpus-id<TAB>score` rows; a first line whose score
/// is not a number is the header.
fn read_qrels(path: &Path) -> Result<TrecQrels> {
    let mut qrels = TrecQrels::new();
    for (i, line) in crate::eval::jsonl::open(path)?.lines().enumerate() {
        let line = line.map_err(|e| EvalError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [query, doc, grade] = cols[..] else {
            return Err(EvalError::format(path, i + 1, "expected 3 tab-separated columns"));
        };
        match grade.parse::<i32>() {
            Ok(g) => {
                qrels.entry(query.to_string()).or_default().insert(doc.to_string(), g);
            }
            Err(_) if i == 0 => continue,
            Err(_) => {
                return Err(EvalError::format(path, i + 1, format!("bad grade {grade:?}")));
            }
        }
    }
    Ok(qrels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_a_tiny_collection() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("qrels")).unwrap();
        std::fs::write(
            d.join("corpus.jsonl"),
            "{\"_id\":\"d1\",\"title\":\"T\",\"text\":\"Body.\",\"metadata\":{}}\n",
        )
        .unwrap();
        std::fs::write(
            d.join("queries.jsonl"),
            "{\"_id\":\"1\",\"text\":\"q\"}\n{\"_id\":\"2\",\"text\":\"r\"}\n",
        )
        .unwrap();
        std::fs::write(d.join("qrels/test.tsv"), "query-id\tcorpus-id\tscore\n1\td1\t1\n").unwrap();
        let c = BeirCollection::from_dir(d, "test").unwrap();
        assert_eq!(c.corpus.len(), 1);
        assert_eq!(c.queries.len(), 1, "only judged queries are kept");
        assert_eq!(c.qrels["1"]["d1"], 1);
        let a = c.corpus[0].to_article();
        assert_eq!((a.title.as_str(), a.paragraphs.len()), ("T", 2));
        std::fs::write(d.join("qrels/test.tsv"), "1\td1\n").unwrap();
        let err = BeirCollection::from_dir(d, "test").unwrap_err().to_string();
        assert!(err.contains("test.tsv:1: expected 3"), "{err}");
    }
}
