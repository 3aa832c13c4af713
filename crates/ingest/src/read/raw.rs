//! The sequential stage: files in, raw records out.
//!
//! Walking directories, reading and gunzipping files and cutting records
//! out of them is cheap and ordered, so it runs on one thread; the costly
//! part, [`RawRecord::parse`], can then run on any thread (the index parses
//! in parallel with rayon). Files are streamed: memory holds the record
//! being cut, never a whole file (one-article files are one record).

use std::borrow::Cow;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::error::{Error, ErrorKind, Result};
use crate::position::Position;
use crate::read::format::{extension, file_stem, looks_binary, looks_like_json_lines, Format};
use crate::read::input::{self, Stream};
use crate::read::json_stream::JsonRecords;
use crate::read::limits::Limits;
use crate::read::lines::LineRecords;
use crate::read::options::ReadOptions;
use crate::read::{html, json, text};

const LOSSY_WARNING: &str = "invalid UTF-8 decoded lossily";

/// Bytes of a file read to tell its format (sniffing) or, for `.json`,
/// whether it holds JSON Lines.
const HEAD_BYTES: usize = 1 << 16;

/// One unparsed record: where it came from, its format and its content.
///
/// Made by [`RawRecords`] (or [`RawRecord::new`]); [`RawRecord::parse`] turns
/// it into an [`Article`] and may run on any thread.
#[derive(Clone, Debug)]
pub struct RawRecord {
    position: Position,
    format: Format,
    bytes: Vec<u8>,
}

impl RawRecord {
    /// A record of `format` holding `bytes` (for input that does not come
    /// from a file, e.g. stdin). For one-article formats the id is the
    /// file stem of `position.path`.
    pub fn new(position: Position, format: Format, bytes: Vec<u8>) -> RawRecord {
        RawRecord { position, format, bytes }
    }

    /// Where the record came from.
    pub fn position(&self) -> &Position {
        &self.position
    }

    /// The record's content, after decompression: a JSON Lines line, the
    /// text of one element of a `.json` array, or a whole one-article file.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Size of the record's content in bytes (after decompression).
    pub fn byte_len(&self) -> usize {
        self.bytes.len()
    }

    /// The record's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Parses and normalizes the record. Never panics, whatever the bytes.
    ///
    /// Errors: [`ErrorKind::Binary`] for binary content (decided per
    /// record: one binary line costs a JSON Lines file only that line),
    /// `Json`/`NotAnObject` for bad JSON, [`ErrorKind::Empty`] without title
    /// and body text, [`ErrorKind::NoArticle`] for HTML pages without an
    /// article.
    pub fn parse(&self, options: &ReadOptions) -> Result<Article> {
        let position = self.position.clone();
        // Pages are decoded by the HTML reader itself: it honours the
        // charset the page declares, and UTF-16 pages hold NUL bytes.
        if self.format == Format::Html {
            return html::parse_html(&self.bytes, &position, file_stem(&position.path));
        }
        // UTF-16 text is full of NUL bytes: `decode` reads it by its BOM.
        if looks_binary(&self.bytes) && !is_utf16(&self.bytes) {
            return Err(Error::new(ErrorKind::Binary, position));
        }
        let (text, lossy) = decode(&self.bytes);
        let result = if self.format == Format::Text {
            text::parse(&text, file_stem(&self.position.path), position)
        } else {
            json::parse_str(&text, options, position)
        };
        result.map(|mut article| {
            if lossy {
                article.warnings.insert(0, LOSSY_WARNING.to_string());
            }
            article
        })
    }
}

/// Whether bytes start with a UTF-16 byte-order mark.
fn is_utf16(bytes: &[u8]) -> bool {
    encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8)
}

/// Decodes text: UTF-16 with a byte-order mark, else UTF-8 (BOM dropped),
/// invalid sequences replaced. Returns whether anything was replaced.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, _, lossy) = encoding.decode(bytes);
            return (text, lossy);
        }
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // `from_utf8` is much faster than `from_utf8_lossy` on valid input.
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    }
}

/// The raw records of files and directories, in order.
///
/// Directories are walked recursively in file-name order; every file in one
/// is read by its extension (through a final `.gz`), and a file of unknown
/// type yields an [`ErrorKind::UnknownFormat`] error rather than being
/// skipped, as does anything that is not a regular file
/// ([`ErrorKind::NotAFile`]: FIFOs and devices are never opened). A file
/// named explicitly with an unknown extension is sniffed (JSON, HTML, else
/// text). Gzip is recognized by its magic bytes.
///
/// Files are streamed, never read whole: JSON Lines line by line, `.json`
/// documents element by element (a `.json` file holding JSON Lines is read
/// as such). Records over the record size limit and compressed files over
/// the file size limit are rejected ([`ErrorKind::RecordTooLarge`],
/// [`ErrorKind::FileTooLarge`]); see
/// [`ArticleReaderBuilder`](crate::ArticleReaderBuilder) for the limits.
pub struct RawRecords {
    inputs: VecDeque<PathBuf>,
    walk: Option<walkdir::IntoIter>,
    current: Option<FileRecords>,
    limits: Limits,
}

/// The records left in the file being read.
enum FileRecords {
    Lines(LineRecords),
    Json(JsonRecords),
}

impl RawRecords {
    /// The records of one file or directory, with the default limits.
    pub fn from_path(path: impl AsRef<Path>) -> RawRecords {
        RawRecords::from_paths([path])
    }

    /// The records of several files or directories, in the order given,
    /// with the default limits.
    pub fn from_paths<I, P>(paths: I) -> RawRecords
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        RawRecords::with_limits(paths, Limits::default())
    }

    pub(crate) fn with_limits<I, P>(paths: I, limits: Limits) -> RawRecords
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let inputs = paths.into_iter().map(|p| p.as_ref().to_path_buf()).collect();
        RawRecords { inputs, walk: None, current: None, limits }
    }

    /// The next file to read, and whether the user named it explicitly.
    fn next_file(&mut self) -> Option<Result<(PathBuf, bool)>> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) if entry.file_type().is_dir() => continue,
                    Some(Ok(entry)) if entry.file_type().is_file() => {
                        return Some(Ok((entry.into_path(), false)))
                    }
                    Some(Ok(entry)) => {
                        let what = input::describe(entry.file_type());
                        let position = Position::file(entry.path().display().to_string());
                        return Some(Err(Error::new(ErrorKind::NotAFile { what }, position)));
                    }
                    Some(Err(err)) => return Some(Err(walk_error(err))),
                    None => self.walk = None,
                }
            }
            let path = self.inputs.pop_front()?;
            if path.is_dir() {
                let walk = walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name();
                self.walk = Some(walk.into_iter());
                continue;
            }
            return Some(Ok((path, true)));
        }
    }

    /// Opens a file: returns its record (one-article formats) or an error,
    /// or sets `current` to iterate over its records.
    fn open(&mut self, path: &Path, explicit: bool) -> Option<Result<RawRecord>> {
        let position = Position::file(path.display().to_string());
        let format = Format::from_path(path);
        if format.is_none() && !explicit {
            let extension = extension(path);
            return Some(Err(Error::new(ErrorKind::UnknownFormat { extension }, position)));
        }
        let opened = input::open(path, &self.limits).and_then(|stream| match format {
            Some(format) => Ok((format, stream)),
            None => input::peek(stream, HEAD_BYTES).map(|(head, s)| (Format::sniff(&head), s)),
        });
        let (format, stream) = match opened {
            Ok(opened) => opened,
            Err(kind) => return Some(Err(Error::new(kind, position))),
        };
        let max_record = self.limits.max_record_bytes;
        let records = match format {
            Format::JsonLines => {
                FileRecords::Lines(LineRecords::new(input::utf8(stream), position, max_record))
            }
            Format::Json => match json_records(stream, position, max_record) {
                Ok(records) => records,
                Err(err) => return Some(Err(err)),
            },
            format => {
                let record = input::read_record(stream, max_record)
                    .map(|bytes| RawRecord::new(position.clone(), format, bytes))
                    .map_err(|kind| Error::new(kind, position));
                return Some(record);
            }
        };
        self.current = Some(records);
        None
    }
}

/// The records of a `.json` file: JSON Lines when its head reads as such
/// (every good line is kept even when the first is broken), else a
/// document streamed element by element.
fn json_records(stream: Stream, position: Position, max_record: u64) -> Result<FileRecords> {
    let (head, stream) = input::peek(input::utf8(stream), HEAD_BYTES)
        .map_err(|kind| Error::new(kind, position.clone()))?;
    let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if !matches!(first, Some(b'{' | b'[')) && looks_binary(&head) {
        return Err(Error::new(ErrorKind::Binary, position));
    }
    let whole = head.len() < HEAD_BYTES;
    if first == Some(b'{') && looks_like_json_lines(&head, whole) {
        return Ok(FileRecords::Lines(LineRecords::new(stream, position, max_record)));
    }
    Ok(FileRecords::Json(JsonRecords::new(stream, position, max_record)))
}

/// A directory walk error: a symbolic link loop or a dangling link says so.
fn walk_error(err: walkdir::Error) -> Error {
    let path = err.path().map(Path::to_path_buf).unwrap_or_default();
    let position = Position::file(path.display().to_string());
    let kind = match err.into_io_error() {
        Some(io) => input::unreadable(&path, io),
        // walkdir's own loop detection: a link to a directory above it.
        None => ErrorKind::NotAFile { what: "symbolic link loop" },
    };
    Error::new(kind, position)
}

impl Iterator for RawRecords {
    type Item = Result<RawRecord>;

    fn next(&mut self) -> Option<Result<RawRecord>> {
        loop {
            if let Some(current) = &mut self.current {
                let next = match current {
                    FileRecords::Lines(lines) => lines.next(),
                    FileRecords::Json(records) => records.next(),
                };
                match next {
                    Some(record) => return Some(record),
                    None => self.current = None,
                }
            }
            let (path, explicit) = match self.next_file()? {
                Ok(file) => file,
                Err(err) => return Some(Err(err)),
            };
            if let Some(record) = self.open(&path, explicit) {
                return Some(record);
            }
        }
    }
}

/// A record split by the JSON or line splitter as its tests compare it:
/// `position=record` or `position!reason`.
#[cfg(test)]
pub(crate) fn describe(r: Result<RawRecord>) -> String {
    match r {
        Ok(r) => format!("{}={}", r.position(), String::from_utf8_lossy(r.bytes())),
        Err(e) => format!("{}!{}", e.position(), e.kind().reason()),
    }
}
