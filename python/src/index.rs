//! [`Index`]: create or open an index, add articles, search, count.

use std::path::PathBuf;
use std::time::Instant;

use newsdex::ingest::{Article, IngestReport, RawRecords, ReadOptions, Rejection};
use newsdex::{AddSummary, DealsOptions, NewsIndex, NewsIndexBuilder, NewsWriter};
use pyo3::exceptions::{PyFileNotFoundError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::article::{self, to_py};
use crate::batch::{Batches, Shard};
use crate::errors::{IntoPyResult, QueryWarning};
use crate::hit::Hit;
use crate::request::Filters;

/// Article dicts converted per writer call: bounds memory for long
/// iterables while keeping the writer's parallel preparation busy.
const DICT_BATCH: usize = 512;

/// A passage index of news articles, on disk or in memory.
///
/// Searches may run from several threads at once (the GIL is released while
/// Rust works); one `add` at a time writes (a second raises
/// WriterLockedError, also across processes).
#[pyclass(module = "newsdex", frozen)]
pub(crate) struct Index {
    inner: NewsIndex,
}

fn builder(memory_mb: usize, threads: Option<usize>) -> NewsIndexBuilder {
    let mut builder = NewsIndexBuilder::new();
    builder.writer_memory(memory_mb.max(16) * 1_000_000);
    if let Some(threads) = threads {
        builder.writer_threads(threads);
    }
    builder
}

#[pymethods]
impl Index {
    /// Creates an index in the directory `path` (made if missing), or opens
    /// the index already there, as `search index --index DIR` does.
    ///
    /// `memory_mb` is the writer's memory budget (default 256, at least 16);
    /// `threads` its indexing threads (default: the cores, at most 4).
    #[staticmethod]
    #[pyo3(signature = (path, *, memory_mb = 256, threads = None))]
    fn create(
        py: Python<'_>,
        path: PathBuf,
        memory_mb: usize,
        threads: Option<usize>,
    ) -> PyResult<Index> {
        let builder = builder(memory_mb, threads);
        let inner = py.detach(|| builder.open_or_create(&path)).py_err()?;
        Ok(Index { inner })
    }

    /// Opens the existing index in `path`; raises NotAnIndexError when there
    /// is none. Keyword arguments as for `create`.
    #[staticmethod]
    #[pyo3(signature = (path, *, memory_mb = 256, threads = None))]
    fn open(
        py: Python<'_>,
        path: PathBuf,
        memory_mb: usize,
        threads: Option<usize>,
    ) -> PyResult<Index> {
        let builder = builder(memory_mb, threads);
        let inner = py.detach(|| builder.open(&path)).py_err()?;
        Ok(Index { inner })
    }

    /// A new, empty index held in memory (gone when the object is).
    #[staticmethod]
    #[pyo3(signature = (*, memory_mb = 256, threads = None))]
    fn in_memory(memory_mb: usize, threads: Option<usize>) -> PyResult<Index> {
        let inner = builder(memory_mb, threads).create_in_ram().py_err()?;
        Ok(Index { inner })
    }

    /// The index directory, or `None` in memory.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.inner.path().map(PathBuf::from)
    }

    /// Adds articles and commits; returns the summary (a dict).
    ///
    /// `source`: a path (str or os.PathLike: a file or a directory, read as
    /// `newsdex.read` reads it), an article dict, or an iterable of paths and
    /// dicts (e.g. a `Reader`, a list, a generator). A dict with `id` and
    /// `paragraphs` is a normalized article (what `read` yields); any other
    /// dict is a raw record (`title`, `body`/`text`, `date`, `url`…),
    /// normalized like a line of a `.jsonl` file. Re-adding an id replaces
    /// the article; exact duplicates of another article are not indexed.
    ///
    /// Summary keys: `accepted`, `rejected`, `rejections` (dicts: path,
    /// line, record, reason, message), `duplicates` (dicts: `id`, `of`),
    /// `warnings`, `added`, `replaced`, `passages`, `index` (`articles`,
    /// `passages` after the commit) and `seconds`.
    ///
    /// Raises FileNotFoundError for a missing path, TypeError for an item
    /// that is neither a path nor a dict, WriterLockedError when another
    /// writer is open; nothing is committed when it raises.
    fn add<'py>(
        &self,
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let started = Instant::now();
        let index = &self.inner;
        let writer = py.detach(|| index.writer()).py_err()?;
        let mut run = AddRun::new(writer);
        if is_single(source) {
            run.item(py, source)?;
        } else {
            let items = source.try_iter().map_err(|_| not_a_source(source))?;
            for item in items {
                run.item(py, &item?)?;
            }
        }
        run.flush(py)?;
        let committed = py.detach(|| run.writer.commit()).py_err()?;
        let summary = run.summary(py)?;
        let totals = PyDict::new(py);
        totals.set_item("articles", committed.articles)?;
        totals.set_item("passages", committed.passages)?;
        summary.set_item("index", totals)?;
        summary.set_item("seconds", started.elapsed().as_secs_f64())?;
        Ok(summary)
    }

    /// Searches the index; returns a list of `Hit`s, best first.
    ///
    /// `q` is in the query language (words, `"phrases"`, `OR`, `+word`,
    /// `-word`, `outlet:`, `agency:`, `after:`, `before:`). `after` /
    /// `before`: a `datetime.date` or `"YYYY-MM-DD"`, inclusive, UTC.
    /// `outlets` / `agencies`: a name or a list of names (exact, any case).
    /// `per_article`: passages per article (0 = no cap). `expand`: lexicon
    /// expansion. `explain`: fill each hit's `matched` and `features`.
    /// `supplier` / `recipient` / `party`: only passages with an arms
    /// transfer from / to / involving this party (a name or an alias such
    /// as `"DPRK"`; a list means any of them); `status`: `"reported"`,
    /// `"alleged"`, `"denied"` or `"planned"` (or a list). These four apply
    /// to one same transfer; each hit's `transfers` lists its passage's.
    /// Parts of `q` that cannot be understood are dropped with a
    /// `QueryWarning` (the `warnings` module), never an error.
    #[pyo3(signature = (q, after = None, before = None, outlets = None, agencies = None,
        limit = 10, per_article = 2, expand = true, explain = false, offset = 0,
        supplier = None, recipient = None, party = None, status = None))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        q: &str,
        after: Option<&Bound<'_, PyAny>>,
        before: Option<&Bound<'_, PyAny>>,
        outlets: Option<&Bound<'_, PyAny>>,
        agencies: Option<&Bound<'_, PyAny>>,
        limit: usize,
        per_article: usize,
        expand: bool,
        explain: bool,
        offset: usize,
        supplier: Option<&Bound<'_, PyAny>>,
        recipient: Option<&Bound<'_, PyAny>>,
        party: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Hit>> {
        let filters =
            Filters { after, before, outlets, agencies, supplier, recipient, party, status };
        let request = filters
            .request(q)?
            .limit(limit)
            .offset(offset)
            .per_article(per_article)
            .expand(expand)
            .explain(explain);
        let index = &self.inner;
        let results = py.detach(|| index.search(&request)).py_err()?;
        warn(py, &results.warnings)?;
        Ok(results.hits.into_iter().map(Hit::new).collect())
    }

    /// Counts the articles matching a query, by outlet (most first) and by
    /// month (`YYYY-MM`, in order): `{"by_outlet": {name: n}, "by_month":
    /// {month: n}}`. Arguments as for `search`.
    #[pyo3(signature = (q, after = None, before = None, outlets = None, agencies = None,
        expand = true, supplier = None, recipient = None, party = None, status = None))]
    #[allow(clippy::too_many_arguments)]
    fn facets<'py>(
        &self,
        py: Python<'py>,
        q: &str,
        after: Option<&Bound<'py, PyAny>>,
        before: Option<&Bound<'py, PyAny>>,
        outlets: Option<&Bound<'py, PyAny>>,
        agencies: Option<&Bound<'py, PyAny>>,
        expand: bool,
        supplier: Option<&Bound<'py, PyAny>>,
        recipient: Option<&Bound<'py, PyAny>>,
        party: Option<&Bound<'py, PyAny>>,
        status: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let filters =
            Filters { after, before, outlets, agencies, supplier, recipient, party, status };
        let request = filters.request(q)?.expand(expand);
        let index = &self.inner;
        let facets = py.detach(|| index.facets(&request)).py_err()?;
        let out = PyDict::new(py);
        out.set_item("by_outlet", counts(py, &facets.by_outlet)?)?;
        out.set_item("by_month", counts(py, &facets.by_month)?)?;
        Ok(out)
    }

    /// Who arms whom: the arms transfers of the passages matching `q` and
    /// the filters (arguments as for `search`; no `q` = every passage),
    /// one dict per supplier → recipient pair, most articles first.
    ///
    /// Each row has `supplier`, `recipient` (None when the passages do not
    /// say), `passages`, `articles` (syndicated copies count once),
    /// `statuses` (per status present: `status`, `passages`, `articles`,
    /// `claimed_by` [{`party`, `passages`}], `evidence`), `items`
    /// ([{`item`, `passages`}]), `first` / `last` (`YYYY-MM-DD`),
    /// `outlets` ([{`outlet`, `articles`}]) and `evidence`, the best passage
    /// (`article_id`, `title`, `outlet`, `published`, `url`, `text`, `span`,
    /// `status`, `claimed_by`); with `by_month=True` also `timeline`
    /// ([{`month`, `passages`, `articles`}]). `limit`: keep the first rows
    /// only (0 = all). The same JSON as `search deals --json`.
    #[pyo3(signature = (q = None, after = None, before = None, outlets = None,
        agencies = None, supplier = None, recipient = None, party = None, status = None,
        expand = true, by_month = false, limit = 0))]
    #[allow(clippy::too_many_arguments)]
    fn deals<'py>(
        &self,
        py: Python<'py>,
        q: Option<&str>,
        after: Option<&Bound<'py, PyAny>>,
        before: Option<&Bound<'py, PyAny>>,
        outlets: Option<&Bound<'py, PyAny>>,
        agencies: Option<&Bound<'py, PyAny>>,
        supplier: Option<&Bound<'py, PyAny>>,
        recipient: Option<&Bound<'py, PyAny>>,
        party: Option<&Bound<'py, PyAny>>,
        status: Option<&Bound<'py, PyAny>>,
        expand: bool,
        by_month: bool,
        limit: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let filters =
            Filters { after, before, outlets, agencies, supplier, recipient, party, status };
        let request = filters.request(q.unwrap_or(""))?.expand(expand);
        let options = DealsOptions::new().by_month(by_month).limit(limit);
        let index = &self.inner;
        let table = py.detach(|| index.deals(&request, options)).py_err()?;
        warn(py, &table.warnings)?;
        to_py(py, &table.rows)
    }

    /// What the index holds: `articles`, `passages`, `outlets` ({name: n},
    /// most first), `first_published`, `last_published` (`YYYY-MM-DD`) and
    /// `size_on_disk` (bytes).
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let index = &self.inner;
        let stats = py.detach(|| index.stats()).py_err()?;
        let out = PyDict::new(py);
        out.set_item("articles", stats.articles)?;
        out.set_item("passages", stats.passages)?;
        out.set_item("outlets", counts(py, &stats.outlets)?)?;
        out.set_item("first_published", stats.first_published)?;
        out.set_item("last_published", stats.last_published)?;
        out.set_item("size_on_disk", stats.size_on_disk)?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        match self.inner.path() {
            Some(path) => format!("<newsdex.Index {:?}>", path.display().to_string()),
            None => "<newsdex.Index in memory>".to_string(),
        }
    }
}

/// Each query warning as a Python `QueryWarning`.
fn warn(py: Python<'_>, warnings: &[String]) -> PyResult<()> {
    let category = py.get_type::<QueryWarning>();
    for warning in warnings {
        let message = std::ffi::CString::new(warning.replace('\0', " "))?;
        PyErr::warn(py, &category, &message, 1)?;
    }
    Ok(())
}

/// `(name, count)` pairs as an ordered dict.
fn counts<'py>(py: Python<'py>, pairs: &[(String, u64)]) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (name, count) in pairs {
        out.set_item(name, count)?;
    }
    Ok(out)
}

/// A source that is one item, not an iterable of items.
fn is_single(source: &Bound<'_, PyAny>) -> bool {
    source.is_instance_of::<PyDict>()
        || source.is_instance_of::<PyString>()
        || source.extract::<PathBuf>().is_ok()
}

fn not_a_source(item: &Bound<'_, PyAny>) -> PyErr {
    let type_name = item.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    PyTypeError::new_err(format!(
        "expected a path, an article dict or an iterable of them, got {type_name}"
    ))
}

/// One `Index.add` call in progress: the same steps as `search index`
/// (read, normalize, drop exact duplicates, write), plus article dicts.
struct AddRun {
    writer: NewsWriter,
    options: ReadOptions,
    report: IngestReport,
    rejections: Vec<Rejection>,
    added: AddSummary,
    /// Articles from dicts waiting for the next writer call.
    pending: Vec<Article>,
    /// Dicts seen so far (their record number in rejections).
    dicts: u64,
}

impl AddRun {
    fn new(writer: NewsWriter) -> AddRun {
        AddRun {
            writer,
            options: ReadOptions::new(),
            report: IngestReport::new(),
            rejections: Vec::new(),
            added: AddSummary::default(),
            pending: Vec::new(),
            dicts: 0,
        }
    }

    fn item(&mut self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<()> {
        if let Ok(dict) = item.cast::<PyDict>() {
            self.dicts += 1;
            match article::from_dict(dict, &self.options, self.dicts) {
                Ok(article) => self.accept(Ok(article)),
                Err(rejection) => self.rejections.push(rejection),
            }
            if self.pending.len() >= DICT_BATCH {
                self.flush(py)?;
            }
            return Ok(());
        }
        let path = item.extract::<PathBuf>().map_err(|_| not_a_source(item))?;
        if !path.exists() {
            let message = format!("cannot read {}: no such file or directory", path.display());
            return Err(PyFileNotFoundError::new_err(message));
        }
        self.flush(py)?;
        let mut batches =
            Batches::new(RawRecords::from_path(&path), self.options.clone(), Shard::ALL);
        loop {
            let done = py.detach(|| -> newsdex::Result<bool> {
                let batch = batches.next_batch();
                if batch.is_empty() {
                    return Ok(true);
                }
                for result in batch {
                    self.accept(result);
                }
                self.write_pending()?;
                Ok(false)
            });
            if done.py_err()? {
                return Ok(());
            }
            // Ctrl-C in a notebook stops a long add (nothing is committed).
            py.check_signals()?;
        }
    }

    /// Counts an outcome; keeps the article unless it repeats an earlier one
    /// of this call (the index catches repeats of committed articles).
    fn accept(&mut self, result: newsdex::ingest::Result<Article>) {
        let duplicate = self.report.add(&result).is_some();
        match result {
            Ok(article) if !duplicate => self.pending.push(article),
            Ok(_) => {}
            Err(err) => self.rejections.push(Rejection::from_error(&err)),
        }
    }

    fn write_pending(&mut self) -> newsdex::Result<()> {
        if !self.pending.is_empty() {
            let articles = std::mem::take(&mut self.pending);
            self.added += self.writer.add_articles(articles)?;
        }
        Ok(())
    }

    fn flush(&mut self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.write_pending()).py_err()
    }

    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        let accepted = self.report.accepted();
        out.set_item("accepted", accepted)?;
        out.set_item("rejected", self.rejections.len())?;
        out.set_item("rejections", to_py(py, &self.rejections)?)?;
        let duplicates = PyList::empty(py);
        // The report keeps the first few input duplicates' ids (its memory stays
        // flat on huge inputs); `duplicate_count` has them all.
        let in_input = self.report.first_duplicates().iter().map(|d| (&d.id, &d.first_id));
        let in_index = self.added.duplicates.iter().map(|(id, of)| (id, of));
        for (id, of) in in_input.chain(in_index) {
            let entry = PyDict::new(py);
            entry.set_item("id", id)?;
            entry.set_item("of", of)?;
            duplicates.append(entry)?;
        }
        out.set_item("duplicates", duplicates)?;
        let in_index = self.added.duplicates.len() as u64;
        out.set_item("duplicate_count", self.report.duplicate_count() + in_index)?;
        out.set_item("warnings", self.report.warning_count())?;
        out.set_item("added", self.added.added)?;
        out.set_item("replaced", self.added.replaced)?;
        out.set_item("passages", self.added.passages)?;
        Ok(out)
    }
}
