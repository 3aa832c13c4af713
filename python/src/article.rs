//! Articles, passages and rejections as Python dicts.
//!
//! Conversions go through serde (pythonize), so a dict holds exactly the
//! fields of the library's JSON (`search normalize`): what Python reads is
//! what `search index` would ingest from a JSON Lines file.

use newsdex::ingest::Rejection;
use newsdex::ingest::{Article, Format, Position, RawRecord, ReadOptions};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pythonize::{depythonize, pythonize};
use serde::Serialize;
use serde_json::Value;

/// The `source.path` of articles and rejections that came from Python
/// objects rather than files.
pub(crate) const PYTHON_SOURCE: &str = "<python>";

/// Any of our serializable types as a Python object (dicts, lists, str…).
pub(crate) fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    // Our own plain data types always serialize; a failure would be a bug.
    pythonize(py, value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Turns a dict into an article.
///
/// A dict with `id` and `paragraphs` is a normalized article (what
/// [`crate::read::Reader`] yields) and is taken as it is; any other dict is
/// a raw record and goes through the JSON reader like a line of a `.jsonl`
/// file (field names mapped, text cleaned, date parsed, id assigned).
/// `record` is its 1-based number, for positions in rejections.
pub(crate) fn from_dict(
    dict: &Bound<'_, PyDict>,
    options: &ReadOptions,
    record: u64,
) -> Result<Article, Rejection> {
    let position = Position { path: PYTHON_SOURCE.into(), line: None, record: Some(record) };
    let invalid = |message: String| Rejection {
        path: position.path.clone(),
        line: None,
        record: Some(record),
        reason: "invalid-article".into(),
        message,
    };
    let value: Value = depythonize(dict.as_any())
        .map_err(|e| invalid(format!("not representable as JSON: {e}")))?;
    let Value::Object(mut fields) = value else {
        return Err(invalid("not a JSON object".into()));
    };
    if fields.contains_key("id") && fields.contains_key("paragraphs") {
        fields.entry("title").or_insert_with(|| Value::String(String::new()));
        fields.entry("source").or_insert_with(|| serde_json::json!({ "path": PYTHON_SOURCE }));
        return serde_json::from_value(Value::Object(fields))
            .map_err(|e| invalid(format!("not a normalized article: {e}")));
    }
    let bytes = serde_json::to_vec(&fields).map_err(|e| invalid(e.to_string()))?;
    RawRecord::new(position, Format::JsonLines, bytes)
        .parse(options)
        .map_err(|e| Rejection::from_error(&e))
}
