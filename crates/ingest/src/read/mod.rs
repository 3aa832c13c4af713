//! Readers: files and directories in, raw records, then articles, out.
//!
//! Two stages: [`RawRecords`] (sequential: walk, read, gunzip, cut JSON
//! Lines) and [`RawRecord::parse`] (CPU-bound, runs on any thread).
//! [`ArticleReader`] chains both on the current thread.

mod draft;
mod format;
mod json;
mod options;
mod raw;
mod reader;
mod text;

pub use self::format::Format;
pub use self::options::{FieldMapping, ReadOptions};
pub use self::raw::{RawRecord, RawRecords};
pub use self::reader::{read_path, ArticleReader, ArticleReaderBuilder};
