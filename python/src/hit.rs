//! [`Hit`]: one ranked passage, as a small read-only Python object.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::article::to_py;

/// Characters of the passage text a `repr` shows.
const REPR_TEXT: usize = 60;

/// One ranked passage with its article's metadata.
///
/// Attributes are read-only and converted when read, so a search pays only
/// for what the caller looks at. `to_dict()` gives the JSON object of
/// `search query --json`.
#[pyclass(module = "newsdex", frozen)]
pub(crate) struct Hit {
    inner: newsdex::Hit,
}

impl Hit {
    /// Wraps a library hit.
    pub(crate) fn new(inner: newsdex::Hit) -> Hit {
        Hit { inner }
    }
}

#[pymethods]
impl Hit {
    /// 1-based rank in the whole result list.
    #[getter]
    fn rank(&self) -> usize {
        self.inner.rank
    }

    /// The final score (higher is better).
    #[getter]
    fn score(&self) -> f32 {
        self.inner.score
    }

    /// The article's id (the input record's id, or the file stem).
    #[getter]
    fn article_id(&self) -> &str {
        &self.inner.article_id
    }

    /// The article's title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// The article's outlet, if known.
    #[getter]
    fn outlet(&self) -> Option<&str> {
        self.inner.outlet.as_deref()
    }

    /// The wire agency named in the byline, if any.
    #[getter]
    fn agency(&self) -> Option<&str> {
        self.inner.agency.as_deref()
    }

    /// Publication time: RFC 3339, or `YYYY-MM-DD` when only the day is known.
    #[getter]
    fn published(&self) -> Option<&str> {
        self.inner.published.as_deref()
    }

    /// The article's canonical URL, if known.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }

    /// The section heading the passage sits under, if any.
    #[getter]
    fn section(&self) -> Option<&str> {
        self.inner.section.as_deref()
    }

    /// `body`, `caption`, `heading` or `title`.
    #[getter]
    fn kind(&self) -> &str {
        &self.inner.kind
    }

    /// 0-based position of the passage in its article.
    #[getter]
    fn ordinal(&self) -> u32 {
        self.inner.ordinal
    }

    /// The passage text.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// `(start, end)` byte ranges in `text` (UTF-8) of the matched words.
    #[getter]
    fn highlights<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        self.inner.highlights.iter().map(|r| PyTuple::new(py, [r.start, r.end])).collect()
    }

    /// `text` with the matched words wrapped in `«` and `»`.
    #[getter]
    fn highlighted(&self) -> &str {
        &self.inner.highlighted
    }

    /// Syndicated copies of this passage in other articles: dicts with
    /// `article_id`, `outlet`, `title`, `url`.
    #[getter]
    fn also_in<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.also_in)
    }

    /// The arms transfers extracted from the passage at indexing time: dicts
    /// with `supplier`, `recipient`, `item`, `status`, `claimed_by` and
    /// `span` (`start`, `end`: byte range in `text`).
    #[getter]
    fn transfers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.transfers)
    }

    /// With `explain=True`: the wordings that matched, dicts with `term`,
    /// `from` (the typed word, or the lexicon group it expands) and `weight`.
    #[getter]
    fn matched<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.matched)
    }

    /// With `explain=True`: the second-stage features behind `score` (a
    /// dict), else `None`.
    #[getter]
    fn features<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.features.as_ref().map(|f| to_py(py, f)).transpose()
    }

    /// The hit as a dict: the object `search query --json` prints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let hit = &self.inner;
        let mut text: String = hit.text.chars().take(REPR_TEXT).collect();
        if text.len() < hit.text.len() {
            text.push('…');
        }
        format!(
            "<Hit {} {:.3} {} ({}, {}): {:?}>",
            hit.rank,
            hit.score,
            hit.article_id,
            hit.outlet.as_deref().unwrap_or("?"),
            hit.published.as_deref().map_or("undated", |p| p.get(..10).unwrap_or(p)),
            text
        )
    }

    /// The highlighted passage, for `print(hit)`.
    fn __str__(&self) -> String {
        self.inner.highlighted.clone()
    }
}
