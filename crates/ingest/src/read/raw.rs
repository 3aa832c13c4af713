//! The sequential stage: files in, raw records out.
//!
//! Walking directories, reading and gunzipping files and cutting JSON Lines
//! into lines is cheap and ordered, so it runs on one thread; the costly
//! part, [`RawRecord::parse`], can then run on any thread (the index parses
//! in parallel with rayon).

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Write};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;
use serde_json::Value;

use crate::article::Article;
use crate::error::{Error, ErrorKind, Result};
use crate::position::Position;
use crate::read::format::{extension, file_stem, is_gzip, looks_binary, Format};
use crate::read::options::ReadOptions;
use crate::read::{html, json, text};

/// Keys under which JSON documents commonly wrap their array of articles.
const WRAPPER_KEYS: &[&str] = &["articles", "data", "items", "results", "documents", "records"];

const LOSSY_WARNING: &str = "invalid UTF-8 decoded lossily";

/// One unparsed record: where it came from, its format and its content.
///
/// Made by [`RawRecords`] (or [`RawRecord::new`]); [`RawRecord::parse`] turns
/// it into an [`Article`] and may run on any thread.
#[derive(Clone, Debug)]
pub struct RawRecord {
    position: Position,
    format: Format,
    data: RawData,
}

#[derive(Clone, Debug)]
enum RawData {
    Bytes(Vec<u8>),
    /// A record of a `.json` document, already parsed to find the records;
    /// `lossy` when the document was not valid UTF-8.
    Value {
        value: Value,
        lossy: bool,
    },
}

impl RawRecord {
    /// A record of `format` holding `bytes` (for input that does not come
    /// from a file, e.g. stdin). For one-article formats the id is the
    /// file stem of `position.path`.
    pub fn new(position: Position, format: Format, bytes: Vec<u8>) -> RawRecord {
        RawRecord { position, format, data: RawData::Bytes(bytes) }
    }

    /// Where the record came from.
    pub fn position(&self) -> &Position {
        &self.position
    }

    /// Size of the record's input in bytes (after decompression); for a
    /// record cut from a `.json` document, the size of its JSON text.
    pub fn byte_len(&self) -> usize {
        match &self.data {
            RawData::Bytes(bytes) => bytes.len(),
            RawData::Value { value, .. } => json_len(value),
        }
    }

    /// The record's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Parses and normalizes the record. Never panics, whatever the bytes.
    ///
    /// Errors: [`ErrorKind::Binary`] for binary content, `Json`/`NotAnObject`
    /// for bad JSON, [`ErrorKind::Empty`] without title and body text,
    /// [`ErrorKind::NoArticle`] for HTML pages without an article.
    pub fn parse(&self, options: &ReadOptions) -> Result<Article> {
        let position = self.position.clone();
        let (result, lossy) = match &self.data {
            RawData::Value { value, lossy } => {
                (json::parse_value(value, options, position), *lossy)
            }
            // Pages are decoded by the HTML reader itself: it honours the
            // charset the page declares, and UTF-16 pages hold NUL bytes.
            RawData::Bytes(bytes) if self.format == Format::Html => {
                return html::parse_html(bytes, &position, file_stem(&position.path));
            }
            RawData::Bytes(bytes) => {
                if self.format != Format::JsonLines && looks_binary(bytes) {
                    return Err(Error::new(ErrorKind::Binary, position));
                }
                let (text, lossy) = decode(bytes);
                (self.parse_text(&text, options, position), lossy)
            }
        };
        result.map(|mut article| {
            if lossy {
                article.warnings.insert(0, LOSSY_WARNING.to_string());
            }
            article
        })
    }

    /// Parses decoded text as the text format or as JSON (pages never get
    /// here: `parse` hands their bytes to the HTML reader).
    fn parse_text(&self, text: &str, options: &ReadOptions, position: Position) -> Result<Article> {
        if self.format == Format::Text {
            text::parse(text, file_stem(&self.position.path), position)
        } else {
            json::parse_str(text, options, position)
        }
    }
}

/// The length of `value`'s compact JSON text (what `value.to_string()`
/// writes), counted without building the string.
fn json_len(value: &Value) -> usize {
    struct ByteCount(usize);
    impl Write for ByteCount {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = ByteCount(0);
    // Writing a `Value` fails only when the writer does; this one never does.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
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
/// skipped. A file named explicitly with an unknown extension is sniffed
/// (JSON, HTML, else text). Gzip is recognized by its magic bytes.
pub struct RawRecords {
    inputs: VecDeque<PathBuf>,
    walk: Option<walkdir::IntoIter>,
    current: Option<FileRecords>,
}

/// The records left in the file being read.
enum FileRecords {
    Lines(LineRecords),
    Values { values: std::vec::IntoIter<Value>, position: Position, record: u64, lossy: bool },
}

struct LineRecords {
    reader: Box<dyn BufRead + Send>,
    position: Position,
    buf: Vec<u8>,
    line: u64,
    record: u64,
}

impl RawRecords {
    /// The records of one file or directory.
    pub fn from_path(path: impl AsRef<Path>) -> RawRecords {
        RawRecords::from_paths([path])
    }

    /// The records of several files or directories, in the order given.
    pub fn from_paths<I, P>(paths: I) -> RawRecords
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let inputs = paths.into_iter().map(|p| p.as_ref().to_path_buf()).collect();
        RawRecords { inputs, walk: None, current: None }
    }

    /// The next file to read, and whether the user named it explicitly.
    fn next_file(&mut self) -> Option<Result<(PathBuf, bool)>> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) if entry.file_type().is_file() => {
                        return Some(Ok((entry.into_path(), false)))
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(err)) => {
                        let path = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                        let io = err.into_io_error().unwrap_or_else(|| {
                            std::io::Error::other("filesystem loop (symbolic link)")
                        });
                        return Some(Err(Error::new(ErrorKind::Io(io), Position::file(path))));
                    }
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
        let io_err = |e| Some(Err(Error::new(ErrorKind::Io(e), position.clone())));
        let format = Format::from_path(path);
        if format.is_none() && !explicit {
            let extension = extension(path);
            return Some(Err(Error::new(ErrorKind::UnknownFormat { extension }, position)));
        }
        if format == Some(Format::JsonLines) {
            return match open_stream(path) {
                Ok(reader) => self.start_lines(reader, position),
                Err(e) => io_err(e),
            };
        }
        let bytes = match read_all(path) {
            Ok(bytes) => bytes,
            Err(e) => return io_err(e),
        };
        let format = format.unwrap_or_else(|| Format::sniff(&bytes));
        // Pages are judged by the HTML reader after decoding, as in
        // `RawRecord::parse`: UTF-16 pages are full of NUL bytes.
        if format != Format::Html && looks_binary(&bytes) {
            return Some(Err(Error::new(ErrorKind::Binary, position)));
        }
        match format {
            Format::Json => self.start_json(bytes, position),
            format => Some(Ok(RawRecord::new(position, format, bytes))),
        }
    }

    fn start_lines(
        &mut self,
        mut reader: Box<dyn BufRead + Send>,
        pos: Position,
    ) -> Option<Result<RawRecord>> {
        match reader.fill_buf() {
            Ok(head) if looks_binary(head) => Some(Err(Error::new(ErrorKind::Binary, pos))),
            Ok(_) => {
                let lines =
                    LineRecords { reader, position: pos, buf: Vec::new(), line: 0, record: 0 };
                self.current = Some(FileRecords::Lines(lines));
                None
            }
            Err(e) => Some(Err(Error::new(ErrorKind::Io(e), pos))),
        }
    }

    /// A `.json` document: an array of records, an object (perhaps wrapping
    /// an array under `articles`, `data`…), or in fact JSON Lines.
    fn start_json(&mut self, bytes: Vec<u8>, position: Position) -> Option<Result<RawRecord>> {
        let (text, lossy) = decode(&bytes);
        let parsed = serde_json::from_str::<Value>(&text);
        let is_lines = parsed.is_err() && first_line_is_object(&text);
        drop(text);
        if is_lines {
            return self.start_lines(Box::new(Cursor::new(bytes)), position);
        }
        let values = match parsed {
            Ok(Value::Array(items)) => items,
            Ok(Value::Object(mut obj)) => match unwrap_records(&mut obj) {
                Some(items) => items,
                None => vec![Value::Object(obj)],
            },
            Ok(_) => return Some(Err(Error::new(ErrorKind::NotAnObject, position))),
            Err(e) => return Some(Err(Error::new(ErrorKind::Json(e), position))),
        };
        let values = values.into_iter();
        self.current = Some(FileRecords::Values { values, position, record: 0, lossy });
        None
    }
}

fn unwrap_records(obj: &mut serde_json::Map<String, Value>) -> Option<Vec<Value>> {
    let key = WRAPPER_KEYS.iter().find(|k| match obj.get(**k) {
        Some(Value::Array(items)) => items.first().is_some_and(Value::is_object),
        _ => false,
    })?;
    match obj.remove(*key) {
        Some(Value::Array(items)) => Some(items),
        _ => None,
    }
}

fn first_line_is_object(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    matches!(serde_json::from_str::<Value>(first), Ok(Value::Object(_)))
}

/// Reads a whole file, gunzipping it when it starts with the gzip magic.
fn read_all(path: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(path)?;
    if !is_gzip(&bytes) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
    Ok(out)
}

/// A buffered stream of a file, gunzipped when it starts with the magic.
fn open_stream(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    let mut reader = BufReader::with_capacity(1 << 16, File::open(path)?);
    if is_gzip(reader.fill_buf()?) {
        let gz = MultiGzDecoder::new(reader);
        return Ok(Box::new(BufReader::with_capacity(1 << 16, gz)));
    }
    Ok(Box::new(reader))
}

impl Iterator for RawRecords {
    type Item = Result<RawRecord>;

    fn next(&mut self) -> Option<Result<RawRecord>> {
        loop {
            if let Some(current) = &mut self.current {
                match current.next() {
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

impl FileRecords {
    fn next(&mut self) -> Option<Result<RawRecord>> {
        match self {
            FileRecords::Lines(lines) => lines.next(),
            FileRecords::Values { values, position, record, lossy } => {
                let value = values.next()?;
                *record += 1;
                let data = RawData::Value { value, lossy: *lossy };
                let position = position.at(None, Some(*record));
                Some(Ok(RawRecord { position, format: Format::Json, data }))
            }
        }
    }
}

impl LineRecords {
    fn next(&mut self) -> Option<Result<RawRecord>> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    // An unreadable stream (truncated gzip…) ends this file.
                    let position = self.position.at(Some(self.line + 1), None);
                    self.reader = Box::new(std::io::empty());
                    return Some(Err(Error::new(ErrorKind::Io(e), position)));
                }
            }
            self.line += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.record += 1;
            let position = self.position.at(Some(self.line), Some(self.record));
            let bytes = self.buf.to_vec();
            return Some(Ok(RawRecord::new(position, Format::JsonLines, bytes)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_len_of_a_json_record_is_its_compact_text_length() {
        let value = serde_json::json!({
            "title": "Z\u{fc}rich \"talks\"\n",
            "tags": ["a", 1, 2.5, null, true],
            "nested": {"ctrl": "\u{1}", "emoji": "\u{1f4f0}"},
        });
        let record = RawRecord {
            position: Position::file("a.json"),
            format: Format::Json,
            data: RawData::Value { value: value.clone(), lossy: false },
        };
        assert_eq!(record.byte_len(), value.to_string().len());
    }
}
