//! What a reader yields per accepted record: a dict, a JSON line, or the
//! article's passage lines (with their arms transfers), made on rayon's pool.

use newsdex::ingest::{Article, Passage, PassageConfig};
use newsdex::transfers::{PassageContext, Transfer};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde::Serialize;

/// What a reader yields per accepted record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Output {
    /// The article as a dict.
    Dict,
    /// The article as one line of JSON (`search normalize`).
    Json,
    /// The article's passages as a list of JSON lines
    /// (`search normalize --passages`).
    PassagesJson,
    /// The same, each passage line with the arms transfers it mentions
    /// (`"transfers": [...]`, as `newsdex.extract` returns them).
    PassagesTransfersJson,
}

/// An accepted record, ready for [`Output`].
pub(crate) enum Item {
    /// For [`Output::Dict`].
    Article(Box<Article>),
    /// For [`Output::Json`].
    Line(String),
    /// For the passage outputs: one line per passage.
    Lines(Vec<String>),
}

impl Output {
    /// The output named `name` (the `output` argument of `read_input`).
    pub(crate) fn parse(name: &str) -> PyResult<Output> {
        match name {
            "dict" => Ok(Output::Dict),
            "json" => Ok(Output::Json),
            "passages-json" => Ok(Output::PassagesJson),
            "passages-transfers-json" => Ok(Output::PassagesTransfersJson),
            _ => Err(PyValueError::new_err(format!(
                "output: expected 'dict', 'json', 'passages-json' or \
                 'passages-transfers-json', not {name:?}"
            ))),
        }
    }

    /// Turns an article into what this output yields (on rayon's pool:
    /// serializing to JSON is a good share of the work).
    pub(crate) fn item(self, article: Article) -> Item {
        match self {
            Output::Dict => Item::Article(Box::new(article)),
            Output::Json => Item::Line(json_line(&article)),
            Output::PassagesJson => {
                let passages = PassageConfig::default().split(&article);
                Item::Lines(passages.iter().map(json_line).collect())
            }
            Output::PassagesTransfersJson => {
                let published = article.published.map(|p| p.to_string());
                let passages = PassageConfig::default().split(&article);
                let lines = passages.iter().map(|passage| {
                    let mut context = PassageContext::new(&passage.text).title(&article.title);
                    context.outlet = article.outlet.as_deref();
                    context.published = published.as_deref();
                    let transfers = crate::extract::extractor().extract(&context);
                    json_line(&PassageLine { passage, transfers })
                });
                Item::Lines(lines.collect())
            }
        }
    }
}

/// A passage line with its transfers.
#[derive(Serialize)]
struct PassageLine<'a> {
    #[serde(flatten)]
    passage: &'a Passage,
    transfers: Vec<Transfer>,
}

/// One line of JSON, as `search normalize` writes it.
fn json_line<T: Serialize>(value: &T) -> String {
    // Serializing our own plain data types (string keys only) cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}
