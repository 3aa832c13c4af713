//! `newsdex.read`, `newsdex.passages` and the [`Reader`] iterator, plus the
//! two calls the Spark job uses to spread files over its tasks.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use newsdex::ingest::Rejection;
use newsdex::ingest::{ErrorKind, Format, PassageConfig, RawRecords, ReadOptions};
use pyo3::exceptions::{PyFileNotFoundError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

use crate::article::{self, to_py};
use crate::batch::{Batches, Shard};
use crate::errors::ArticleError;
use crate::output::{Item, Output};

/// An iterator of normalized articles (dicts), one per accepted record, in
/// input order. Rejected records are not yielded: each is appended to
/// `rejections` (path, line, record, reason, message) as it is met, so
/// nothing is lost silently. Records are parsed in parallel, a batch at a
/// time, with the GIL released.
#[pyclass(module = "newsdex", frozen)]
pub(crate) struct Reader {
    state: Mutex<State>,
    output: Output,
    rejections: Py<PyList>,
    accepted: AtomicU64,
}

struct State {
    batches: Batches,
    buffer: VecDeque<Result<Item, Rejection>>,
    done: bool,
}

impl Reader {
    fn new(
        py: Python<'_>,
        raw: RawRecords,
        shard: Shard,
        output: Output,
        early: Vec<Rejection>,
    ) -> Reader {
        let batches = Batches::new(raw, ReadOptions::new(), shard);
        let buffer = early.into_iter().map(Err).collect();
        Reader {
            state: Mutex::new(State { batches, buffer, done: false }),
            output,
            rejections: PyList::empty(py).unbind(),
            accepted: AtomicU64::new(0),
        }
    }

    /// The next outcome, reading a batch when the buffer is empty.
    fn next_outcome(&self, py: Python<'_>) -> PyResult<Option<Result<Item, Rejection>>> {
        // Never wait for the lock while holding the GIL: the thread holding
        // the lock may be waiting for the GIL to hand back its batch.
        let Ok(mut state) = self.state.try_lock() else {
            return Err(PyRuntimeError::new_err("this reader is being read by another thread"));
        };
        let output = self.output;
        loop {
            if let Some(outcome) = state.buffer.pop_front() {
                return Ok(Some(outcome));
            }
            if state.done {
                return Ok(None);
            }
            let batches = &mut state.batches;
            let batch: Vec<Result<Item, Rejection>> = py.detach(|| {
                let batch = batches.next_batch();
                batch
                    .into_par_iter()
                    .map(|r| r.map(|a| output.item(a)).map_err(|e| Rejection::from_error(&e)))
                    .collect()
            });
            state.done = batch.is_empty();
            state.buffer.extend(batch);
        }
    }
}

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        while let Some(outcome) = self.next_outcome(py)? {
            match outcome {
                Ok(item) => {
                    self.accepted.fetch_add(1, Ordering::Relaxed);
                    return match item {
                        Item::Article(article) => to_py(py, &*article).map(Some),
                        Item::Line(line) => Ok(Some(PyString::new(py, &line).into_any())),
                        Item::Lines(lines) => Ok(Some(PyList::new(py, lines)?.into_any())),
                    };
                }
                Err(rejection) => self.rejections.bind(py).append(to_py(py, &rejection)?)?,
            }
        }
        Ok(None)
    }

    /// The rejected records met so far, as dicts: `path`, `line`, `record`
    /// (1-based, `None` when they do not apply), `reason` (a stable code such
    /// as `"invalid-json"` or `"empty"`) and `message`.
    #[getter]
    fn rejections(&self, py: Python<'_>) -> Py<PyList> {
        self.rejections.clone_ref(py)
    }

    /// How many articles were yielded so far.
    #[getter]
    fn accepted(&self) -> u64 {
        self.accepted.load(Ordering::Relaxed)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let rejected = self.rejections.bind(py).len();
        format!("<newsdex.Reader: {} articles read, {rejected} rejected so far>", self.accepted())
    }
}

/// Reads articles from files or directories.
///
/// `path_or_paths`: a path or a list of paths (str or os.PathLike). Files of
/// the scraped text format (.txt/.md), JSON (.json), JSON Lines (.jsonl),
/// HTML (.html/.htm), each optionally gzipped (.gz); directories are walked
/// in file-name order. Returns a `Reader`: iterate it for the normalized
/// articles (dicts with the fields of `search normalize`); its `rejections`
/// list says which records were rejected and why.
///
/// Raises FileNotFoundError when a path does not exist.
#[pyfunction]
pub(crate) fn read(py: Python<'_>, path_or_paths: &Bound<'_, PyAny>) -> PyResult<Reader> {
    let paths = paths_arg(path_or_paths)?;
    for path in &paths {
        if !path.exists() {
            let message = format!("cannot read {}: no such file or directory", path.display());
            return Err(PyFileNotFoundError::new_err(message));
        }
    }
    Ok(Reader::new(py, RawRecords::from_paths(&paths), Shard::ALL, Output::Dict, Vec::new()))
}

/// Cuts an article into passages, the unit the index ranks.
///
/// `article`: a dict as `read` yields it (or a raw record dict, normalized
/// first, as `Index.add` does). Returns a list of dicts: `article_id`,
/// `ordinal`, `section` (when under a heading), `kind` (body, heading,
/// caption, title), `text`, `span` (`{"start", "end"}` byte offsets into the
/// article's paragraphs joined by blank lines). Defaults are the index's:
/// one passage per paragraph, long paragraphs cut at sentence ends near
/// `max_chars` bytes; `min_chars` merges short paragraphs up to that size.
///
/// Raises ArticleError when the dict is not an article.
#[pyfunction]
#[pyo3(signature = (article, *, max_chars = 600, min_chars = 0))]
pub(crate) fn passages<'py>(
    py: Python<'py>,
    article: &Bound<'py, PyDict>,
    max_chars: usize,
    min_chars: usize,
) -> PyResult<Bound<'py, PyAny>> {
    if max_chars == 0 {
        return Err(PyValueError::new_err("max_chars must be at least 1"));
    }
    let article = article::from_dict(article, &ReadOptions::new(), 1)
        .map_err(|r| ArticleError::new_err(r.message))?;
    let passages = PassageConfig { min_chars, max_chars }.split(&article);
    to_py(py, &passages)
}

/// The files below `paths` as the readers would read them, for the Spark
/// job's driver: `(files, rejections)` where `files` lists `(path, walked)`
/// in reading order (`walked` when found inside a directory, where a file of
/// unknown type is rejected rather than sniffed) and `rejections` holds the
/// errors met while walking.
#[pyfunction]
#[allow(clippy::type_complexity)]
pub(crate) fn list_inputs<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
) -> PyResult<(Vec<(String, bool)>, Bound<'py, PyList>)> {
    let paths = paths_arg(paths)?;
    let rejections = PyList::empty(py);
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push((path.display().to_string(), false));
            continue;
        }
        // The same walk as the readers' (newsdex_ingest::RawRecords).
        let walk = walkdir::WalkDir::new(&path).follow_links(true).sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    files.push((entry.path().display().to_string(), true));
                }
                Ok(_) => {}
                Err(err) => {
                    let at = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                    let io = err.into_io_error().unwrap_or_else(|| {
                        std::io::Error::other("filesystem loop (symbolic link)")
                    });
                    rejections.append(to_py(py, &rejection_of(at, ErrorKind::Io(io)))?)?;
                }
            }
        }
    }
    Ok((files, rejections))
}

/// A reader of one file listed by [`list_inputs`], taking shard
/// `shard_index` of `shard_count` of its records (see the Spark job).
/// `output`: `"dict"` (article dicts), `"json"` (each article as a line of
/// JSON, exactly as `search normalize` prints it), `"passages-json"` (per
/// article, the list of its passage lines of `search normalize --passages`)
/// or `"passages-transfers-json"` (the same with each passage's `transfers`).
#[pyfunction]
#[pyo3(signature = (path, walked, shard_index = 0, shard_count = 1, output = "dict"))]
pub(crate) fn read_input(
    py: Python<'_>,
    path: PathBuf,
    walked: bool,
    shard_index: u64,
    shard_count: u64,
    output: &str,
) -> PyResult<Reader> {
    let output = Output::parse(output)?;
    if shard_count == 0 || shard_index >= shard_count {
        return Err(PyValueError::new_err("need 0 <= shard_index < shard_count"));
    }
    let shard = Shard { index: shard_index, count: shard_count };
    let mut early = Vec::new();
    let mut raw = RawRecords::from_paths([&path]);
    // A file met while walking a directory is rejected when its type is
    // unknown (named on its own it would be sniffed): the driver named it,
    // so the reader would sniff it; reject it here instead, once.
    if walked && Format::from_path(&path).is_none() {
        raw = RawRecords::from_paths(Vec::<PathBuf>::new());
        if shard_index == 0 {
            let extension = extension(&path);
            let kind = ErrorKind::UnknownFormat { extension };
            early.push(rejection_of(path.display().to_string(), kind));
        }
    }
    Ok(Reader::new(py, raw, shard, output, early))
}

/// The rejection of a whole file (no line or record).
fn rejection_of(path: String, kind: ErrorKind) -> Rejection {
    let reason = kind.reason().to_string();
    Rejection { path, line: None, record: None, reason, message: kind.to_string() }
}

/// The lower-case extension, through a final `.gz`, as the readers name it
/// in an unknown-format rejection.
fn extension(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').map(|(_, ext)| ext.to_string())
}

/// A path or a list of paths (str or os.PathLike).
pub(crate) fn paths_arg(arg: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(path) = arg.extract::<PathBuf>() {
        return Ok(vec![path]);
    }
    if arg.is_instance_of::<PyString>() || arg.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err("expected a path or a list of paths"));
    }
    arg.try_iter()?
        .map(|item| item?.extract::<PathBuf>().map_err(|_| PyTypeError::new_err("expected paths")))
        .collect()
}
