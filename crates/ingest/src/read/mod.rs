//! Readers: files and directories in, raw records, then articles, out.
//!
//! Two stages: [`RawRecords`] (sequential: walk, read, gunzip, cut records
//! out of the stream) and [`RawRecord::parse`] (CPU-bound, runs on any
//! thread).
//! [`ArticleReader`] chains both on the current thread.

mod draft;
mod format;
pub(crate) mod html;
mod input;
mod json;
mod json_stream;
mod limits;
mod lines;
mod options;
mod raw;
mod reader;
mod text;

pub use self::format::Format;
pub use self::limits::{DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_RECORD_BYTES};
pub use self::options::{FieldMapping, ReadOptions};
pub use self::raw::{RawRecord, RawRecords};
pub use self::reader::{read_path, ArticleReader, ArticleReaderBuilder};
