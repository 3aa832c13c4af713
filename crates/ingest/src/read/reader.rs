//! The convenient sequential reader: paths in, `Result<Article>`s out.

use std::path::Path;

use crate::article::Article;
use crate::error::Result;
use crate::read::limits::Limits;
use crate::read::options::{FieldMapping, ReadOptions};
use crate::read::raw::RawRecords;

/// Configures and opens [`ArticleReader`]s.
///
/// ```no_run
/// use newsdex_ingest::{ArticleReaderBuilder, FieldMapping};
///
/// let mut builder = ArticleReaderBuilder::new();
/// builder.field_mapping(FieldMapping::new().title("hed"));
/// for article in builder.from_path("archive/") {
///     match article {
///         Ok(article) => println!("{}", article.title),
///         Err(err) => eprintln!("skipped: {err}"),
///     }
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct ArticleReaderBuilder {
    options: ReadOptions,
    limits: Limits,
}

impl ArticleReaderBuilder {
    /// A builder with the default options.
    pub fn new() -> ArticleReaderBuilder {
        ArticleReaderBuilder::default()
    }

    /// The JSON field names to read. Default: [`FieldMapping::new`], the
    /// automatic mapping.
    pub fn field_mapping(&mut self, mapping: FieldMapping) -> &mut ArticleReaderBuilder {
        self.options.mapping = mapping;
        self
    }

    /// The largest record read, in bytes: a JSON Lines line, an element of
    /// a `.json` array (or a `.json` document that is one article), or a
    /// whole one-article file (text, HTML), after decompression. A larger
    /// record is rejected with
    /// [`ErrorKind::RecordTooLarge`](crate::ErrorKind::RecordTooLarge)
    /// without ever being held in memory whole, and reading goes on with
    /// the next. Default: [`DEFAULT_MAX_RECORD_BYTES`](crate::DEFAULT_MAX_RECORD_BYTES)
    /// (16 MB).
    pub fn max_record_bytes(&mut self, bytes: u64) -> &mut ArticleReaderBuilder {
        self.limits.max_record_bytes = bytes;
        self
    }

    /// The most bytes read from one compressed (gzip) file after
    /// decompression. Past it the file's remaining records are not read:
    /// one [`ErrorKind::FileTooLarge`](crate::ErrorKind::FileTooLarge)
    /// rejection says so, and reading goes on with the next file; a
    /// decompression bomb costs at most this much reading, and no memory.
    /// Plain files are read to their end. Default:
    /// [`DEFAULT_MAX_FILE_BYTES`](crate::DEFAULT_MAX_FILE_BYTES) (4 GB).
    pub fn max_file_bytes(&mut self, bytes: u64) -> &mut ArticleReaderBuilder {
        self.limits.max_file_bytes = bytes;
        self
    }

    /// The options records are parsed with, for parsing
    /// [`RawRecord`](crate::RawRecord)s on other threads.
    pub fn options(&self) -> ReadOptions {
        self.options.clone()
    }

    /// Reads the articles of a file or directory.
    pub fn from_path(&self, path: impl AsRef<Path>) -> ArticleReader {
        self.from_paths([path])
    }

    /// Reads the articles of several files or directories, in order.
    pub fn from_paths<I, P>(&self, paths: I) -> ArticleReader
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        ArticleReader { raw: RawRecords::with_limits(paths, self.limits), options: self.options() }
    }
}

/// An iterator of `Result<Article>`, one per record: a bad record is an
/// `Err` and reading goes on with the next.
pub struct ArticleReader {
    raw: RawRecords,
    options: ReadOptions,
}

impl ArticleReader {
    /// Splits the reader into its sequential stage and its parse options,
    /// to parse records in parallel: `raw.map(|r| r?.parse(&options))`.
    pub fn into_parts(self) -> (RawRecords, ReadOptions) {
        (self.raw, self.options)
    }
}

impl Iterator for ArticleReader {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        let record = self.raw.next()?;
        Some(record.and_then(|r| r.parse(&self.options)))
    }
}

/// Reads the articles of a file or directory with the default options.
pub fn read_path(path: impl AsRef<Path>) -> ArticleReader {
    ArticleReaderBuilder::new().from_path(path)
}
