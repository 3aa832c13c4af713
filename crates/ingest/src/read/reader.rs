//! The convenient sequential reader: paths in, `Result<Article>`s out.

use std::path::Path;

use crate::article::Article;
use crate::error::Result;
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
        ArticleReader { raw: RawRecords::from_paths(paths), options: self.options() }
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
