//! The one error type of the ingestion crate: what went wrong, and where.

use crate::position::Position;

/// A convenience alias for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// A record or file that could not be used, with its position in the input.
#[derive(Debug, thiserror::Error)]
#[error("{position}: {kind}")]
pub struct Error {
    kind: ErrorKind,
    position: Position,
}

/// What went wrong with a record or file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file or directory could not be read.
    #[error("cannot read: {0}")]
    Io(#[source] std::io::Error),
    /// The path is not a regular file or directory: a FIFO, socket or
    /// device (never opened: reading one could block forever), or a
    /// symbolic link that loops or points nowhere.
    #[error("not a regular file: {what}")]
    NotAFile {
        /// What the path is instead, e.g. `"named pipe (FIFO)"`.
        what: &'static str,
    },
    /// The record (or the file, for one-article files) looks binary: a NUL
    /// byte, or many control bytes, in its first 8 KiB.
    #[error("binary content, not a text article")]
    Binary,
    /// The record is larger than the record size limit (for one-article
    /// files, the file is): it is skipped, reading goes on with the next.
    #[error("record larger than the limit of {limit} bytes")]
    RecordTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A compressed file decompresses to more than the file size limit:
    /// the records before the limit were read, the rest of the file is not.
    #[error("more than {limit} bytes after decompression (the file size limit): the rest of the file is not read")]
    FileTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The file's type is not one the readers understand.
    #[error("unknown file type{}", extension.as_ref().map(|e| format!(" '.{e}'")).unwrap_or_default())]
    UnknownFormat {
        /// The file extension, if any.
        extension: Option<String>,
    },
    /// A JSON record could not be parsed.
    #[error("invalid JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// A JSON value is not an object (an article record).
    #[error("JSON record is not an object")]
    NotAnObject,
    /// A record has neither title nor body text.
    #[error("empty record: no title and no body text")]
    Empty,
    /// The bytes are not an HTML document.
    #[error("not an HTML document")]
    NotHtml,
    /// An HTML page has no recognizable article.
    #[error("no article found in the page")]
    NoArticle,
    /// A field holds a value that cannot be used.
    #[error("invalid field '{field}': {message}")]
    InvalidField {
        /// The field's name in the input.
        field: String,
        /// What is wrong with it.
        message: String,
    },
}

impl ErrorKind {
    /// A short stable code for grouping rejections in reports, e.g. `"empty"`.
    pub fn reason(&self) -> &'static str {
        match self {
            ErrorKind::Io(_) => "io",
            ErrorKind::NotAFile { .. } => "not-a-file",
            ErrorKind::Binary => "binary",
            ErrorKind::RecordTooLarge { .. } => "record-too-large",
            ErrorKind::FileTooLarge { .. } => "file-too-large",
            ErrorKind::UnknownFormat { .. } => "unknown-format",
            ErrorKind::Json(_) => "invalid-json",
            ErrorKind::NotAnObject => "not-an-object",
            ErrorKind::Empty => "empty",
            ErrorKind::NotHtml => "not-html",
            ErrorKind::NoArticle => "no-article",
            ErrorKind::InvalidField { .. } => "invalid-field",
        }
    }
}

impl Error {
    /// An error of `kind` at `position`.
    pub(crate) fn new(kind: ErrorKind, position: Position) -> Error {
        Error { kind, position }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Consumes the error, returning what went wrong.
    pub fn into_kind(self) -> ErrorKind {
        self.kind
    }

    /// Where it went wrong.
    pub fn position(&self) -> &Position {
        &self.position
    }
}
