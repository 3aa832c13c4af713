//! Opening and creating an index: [`NewsIndexBuilder`] and [`NewsIndex`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsdex_ingest::PassageConfig;
use newsdex_transfers::Extractor;
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analysis;
use crate::directory::IndexDirectory;
use crate::document::DocBuilder;
use crate::error::{Error, Result};
use crate::limits::SearchLimits;
use crate::request::RankingWeights;
use crate::schema::{self, Fields};
use crate::search::cues::QueryCues;
use crate::search::lexicon::CompiledLexicon;
use crate::Lexicon;

/// Default total indexing memory budget.
const DEFAULT_WRITER_MEMORY: usize = 256 << 20;
/// tantivy needs at least this much memory per indexing thread.
pub(crate) const MIN_MEMORY_PER_THREAD: usize = 15 << 20;
/// tantivy refuses 4 GiB or more per indexing thread (its arena addresses
/// are 32-bit); a larger budget is capped to this.
const MAX_MEMORY_PER_THREAD: usize = 4_000 << 20;

/// Configures and opens a [`NewsIndex`].
#[derive(Clone, Debug)]
pub struct NewsIndexBuilder {
    writer_memory: usize,
    writer_threads: usize,
    passage_config: PassageConfig,
    lexicon: Lexicon,
    weights: RankingWeights,
    extract_transfers: bool,
    limits: SearchLimits,
    verify_on_open: bool,
}

impl Default for NewsIndexBuilder {
    fn default() -> Self {
        NewsIndexBuilder::new()
    }
}

impl NewsIndexBuilder {
    /// A builder with the defaults below.
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        NewsIndexBuilder {
            writer_memory: DEFAULT_WRITER_MEMORY,
            writer_threads: cores.min(4),
            passage_config: PassageConfig::default(),
            lexicon: Lexicon::default_english(),
            weights: RankingWeights::default(),
            extract_transfers: true,
            limits: SearchLimits::default(),
            verify_on_open: false,
        }
    }

    /// Total memory budget of a writer, shared by its threads (at least
    /// 15 MB per thread; fewer threads are used when it is smaller; at most
    /// about 4 GB per thread, tantivy's limit: more is not used).
    /// Default 256 MB.
    pub fn writer_memory(&mut self, bytes: usize) -> &mut Self {
        self.writer_memory = bytes;
        self
    }

    /// Number of indexing threads of a writer. Default: the number of cores,
    /// at most 4.
    pub fn writer_threads(&mut self, n: usize) -> &mut Self {
        self.writer_threads = n.max(1);
        self
    }

    /// How articles are cut into passages. Default [`PassageConfig::default`].
    pub fn passage_config(&mut self, c: PassageConfig) -> &mut Self {
        self.passage_config = c;
        self
    }

    /// The lexicon of query expansion and of transfer extraction (one
    /// lexicon serves both). Default [`Lexicon::default_english`].
    pub fn lexicon(&mut self, l: Lexicon) -> &mut Self {
        self.lexicon = l;
        self
    }

    /// Second-stage weights used when a request sets none. Default
    /// [`RankingWeights::default`].
    pub fn ranking_weights(&mut self, w: RankingWeights) -> &mut Self {
        self.weights = w;
        self
    }

    /// Extract every passage's arms transfers when indexing (for the
    /// `supplier:`/`recipient:`/`party:`/`status:` filters, [`crate::Hit::transfers`],
    /// the `roles` ranking feature and [`NewsIndex::deals`]). Default on.
    /// Off, passages are indexed without transfers: the filters match
    /// nothing and the table is empty. The indexing bench turns it off to
    /// measure what extraction costs.
    pub fn extract_transfers(&mut self, on: bool) -> &mut Self {
        self.extract_transfers = on;
        self
    }

    /// Bounds on each search's paging and query size. Default
    /// [`SearchLimits::default`].
    pub fn search_limits(&mut self, l: SearchLimits) -> &mut Self {
        self.limits = l;
        self
    }

    /// Verify every file's checksum when opening an index directory
    /// ([`NewsIndex::verify`]): a damaged index is then refused at once with
    /// [`Error::Corrupt`], at the cost of reading the whole index. Default
    /// off: damage is otherwise found when the damaged part is read.
    pub fn verify_on_open(&mut self, on: bool) -> &mut Self {
        self.verify_on_open = on;
        self
    }

    /// A new, empty index held in memory (for tests and demos).
    pub fn create_in_ram(&self) -> Result<NewsIndex> {
        let index = Index::create_in_ram(schema::build());
        self.finish(index, None)
    }

    /// Opens the index in `dir`, creating the directory and an empty index
    /// when there is none yet.
    pub fn open_or_create(&self, dir: impl AsRef<Path>) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        not_a_file(dir)?;
        std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
        let directory = directory(dir)?;
        let exists = Index::exists(&directory)
            .map_err(|e| Error::NotAnIndex { path: dir.to_path_buf(), reason: e.to_string() })?;
        if exists {
            return self.open(dir);
        }
        let index = Index::create(directory, schema::build(), Default::default())
            .map_err(|e| Error::tantivy("create the index")(e).on_index(Some(dir)))?;
        self.finish(index, Some(dir.to_path_buf()))
    }

    /// Opens the existing index in `dir`; an error says so when `dir` is
    /// missing or holds no newsdex index.
    pub fn open(&self, dir: impl AsRef<Path>) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        let not_index = |reason: String| Error::NotAnIndex { path: dir.to_path_buf(), reason };
        not_a_file(dir)?;
        if !dir.is_dir() {
            return Err(not_index("no such directory".into()));
        }
        let directory = directory(dir)?;
        if !Index::exists(&directory).map_err(|e| not_index(e.to_string()))? {
            return Err(not_index("no index metadata (meta.json) found".into()));
        }
        let index = Index::open(directory).map_err(|e| not_index(e.to_string()))?;
        self.finish(index, Some(dir.to_path_buf()))
    }

    fn finish(&self, index: Index, path: Option<PathBuf>) -> Result<NewsIndex> {
        let where_ = || path.clone().unwrap_or_else(|| "<ram>".into());
        let fields = Fields::resolve(&index.schema()).map_err(|missing| {
            if schema::ADDED_LATER.contains(&missing) {
                Error::OutdatedIndex { path: where_(), missing: missing.to_string() }
            } else {
                Error::NotAnIndex { path: where_(), reason: format!("no field '{missing}'") }
            }
        })?;
        let extractor = Extractor::new(&self.lexicon)?;
        analysis::register(&index);
        let reader = crate::guard::guard(&index, path.as_deref(), || {
            let reader: IndexReader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::OnCommitWithDelay)
                .try_into()
                .map_err(Error::tantivy("open a reader"))?;
            Ok(reader)
        })?;
        let lexicon = CompiledLexicon::compile(&self.lexicon, &mut analysis::en_news());
        let threads = self.writer_threads.min(self.writer_memory / MIN_MEMORY_PER_THREAD).max(1);
        let inner = Inner {
            index,
            reader,
            fields,
            lexicon,
            cues: QueryCues::compile(&self.lexicon),
            extractor,
            extract_transfers: self.extract_transfers,
            weights: self.weights,
            limits: self.limits,
            passage_config: self.passage_config,
            writer_memory: self
                .writer_memory
                .clamp(MIN_MEMORY_PER_THREAD * threads, MAX_MEMORY_PER_THREAD * threads),
            writer_threads: threads,
            path,
        };
        let index = NewsIndex { inner: Arc::new(inner) };
        if self.verify_on_open {
            index.verify()?;
        }
        Ok(index)
    }
}

/// An index is a directory: say so when the path names something else
/// (`create_dir_all` would report "File exists").
fn not_a_file(dir: &Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(Error::NotAnIndex {
            path: dir.to_path_buf(),
            reason: "it is a file, not an index directory".into(),
        }),
        _ => Ok(()),
    }
}

fn directory(dir: &Path) -> Result<IndexDirectory> {
    IndexDirectory::open(dir)
        .map_err(|source| Error::OpenDirectory { path: dir.to_path_buf(), source })
}

/// A passage index of news articles: a cheap, thread-safe handle.
///
/// Clones share the same index and reader. Searches see what was committed;
/// a [`crate::NewsWriter`] of this handle reloads the reader after each
/// commit, and commits made by other processes are picked up shortly after
/// (or at once with [`NewsIndex::reload`]).
#[derive(Clone)]
pub struct NewsIndex {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub lexicon: CompiledLexicon,
    /// Role and stance words of queries, from the same lexicon.
    pub cues: QueryCues,
    /// Built from the same lexicon; reads passages at indexing time and
    /// the query's roles at search time.
    pub extractor: Extractor,
    pub extract_transfers: bool,
    pub weights: RankingWeights,
    pub limits: SearchLimits,
    pub passage_config: PassageConfig,
    pub writer_memory: usize,
    pub writer_threads: usize,
    pub path: Option<PathBuf>,
}

impl Inner {
    /// How this index turns articles into documents.
    pub(crate) fn doc_builder(&self) -> DocBuilder<'_> {
        DocBuilder {
            fields: &self.fields,
            config: &self.passage_config,
            extractor: self.extract_transfers.then_some(&self.extractor),
        }
    }
}

impl std::fmt::Debug for NewsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsIndex").field("path", &self.inner.path).finish_non_exhaustive()
    }
}

impl NewsIndex {
    /// A new, empty in-memory index with default settings.
    pub fn create_in_ram() -> Result<NewsIndex> {
        NewsIndexBuilder::new().create_in_ram()
    }

    /// Opens or creates the index in `dir` with default settings.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        NewsIndexBuilder::new().open_or_create(dir)
    }

    /// Opens the existing index in `dir` with default settings.
    pub fn open(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        NewsIndexBuilder::new().open(dir)
    }

    /// Makes the latest commit visible to searches now.
    pub fn reload(&self) -> Result<()> {
        self.guard(|| self.inner.reader.reload().map_err(Error::tantivy("reload the reader")))
    }

    /// The directory of an on-disk index; `None` in RAM.
    pub fn path(&self) -> Option<&Path> {
        self.inner.path.as_deref()
    }
}
