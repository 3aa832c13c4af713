//! `.json` documents streamed one record at a time: an array of records, an
//! object wrapping one (`{"articles": [...]}`), a single object, or several
//! of these in a row. Memory holds one record, never the document.
//!
//! This is a splitter, not a parser: it follows strings and brackets to
//! find where each record starts and ends, and [`RawRecord::parse`] parses
//! the record's bytes later, on any thread. serde_json's
//! `StreamDeserializer` reads a sequence of top-level values but cannot
//! hand out the elements of one array, hence this small scanner.
//!
//! [`RawRecord::parse`]: crate::RawRecord::parse

use std::io;

use serde::de::{Error as _, IgnoredAny};

use crate::error::{Error, ErrorKind, Result};
use crate::position::Position;
use crate::read::format::Format;
use crate::read::input::{fill_buf, read_error, Stream};
use crate::read::raw::RawRecord;

/// Keys under which JSON documents commonly wrap their array of articles.
/// The first such member holding an array of objects is the wrapped array.
const WRAPPER_KEYS: &[&str] = &["articles", "data", "items", "results", "documents", "records"];

/// The records left in a `.json` document.
pub(crate) struct JsonRecords {
    scan: Scanner,
    position: Position,
    max_record: u64,
    record: u64,
    state: State,
}

/// Where the splitter is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Between top-level values.
    Top,
    /// In an array of records (`wrapped`: a member of a wrapping object),
    /// after a record when `comma` (a `,` or the end comes next).
    Array { wrapped: bool, comma: bool },
    /// In a wrapping object, after its array: the other members are skipped.
    AfterArray,
    /// At the end, or after an error that leaves the rest unreadable.
    Done,
}

/// A problem with the document's structure; the rest of it is not read.
enum Fault {
    Read(io::Error),
    /// The document ends inside a value.
    Truncated,
    /// A byte that cannot start what must come next.
    Unexpected {
        expected: &'static str,
        found: u8,
    },
    /// A top-level value that is not JSON at all.
    NotJson,
}

impl JsonRecords {
    /// The records of the document in `reader`, named `position`.
    pub(crate) fn new(reader: Stream, position: Position, max_record: u64) -> JsonRecords {
        let scan = Scanner { reader, line: 1 };
        JsonRecords { scan, position, max_record, record: 0, state: State::Top }
    }

    /// The next record, or the error of a record too large; after a fault in
    /// the document's structure, that fault and then the end.
    pub(crate) fn next(&mut self) -> Option<Result<RawRecord>> {
        loop {
            let step = match self.state {
                State::Done => return None,
                State::Top => self.top(),
                State::Array { wrapped, comma } => self.in_array(wrapped, comma),
                State::AfterArray => self.after_array(),
            };
            match step {
                Ok(Some(record)) => return Some(record),
                Ok(None) => {}
                Err(fault) => {
                    self.state = State::Done;
                    return Some(Err(self.fault_error(fault)));
                }
            }
        }
    }

    fn top(&mut self) -> std::result::Result<Option<Result<RawRecord>>, Fault> {
        match self.scan.peek()? {
            None => self.state = State::Done,
            Some(b'[') => {
                self.scan.bump();
                self.state = State::Array { wrapped: false, comma: false };
            }
            Some(b'{') => return self.object(),
            Some(_) => return self.top_scalar().map(Some),
        }
        Ok(None)
    }

    fn in_array(
        &mut self,
        wrapped: bool,
        comma: bool,
    ) -> std::result::Result<Option<Result<RawRecord>>, Fault> {
        match self.scan.peek()? {
            None => return Err(Fault::Truncated),
            // A trailing comma (`[{…},]`) is forgiven: no record is lost.
            Some(b']') => {
                self.scan.bump();
                self.state = if wrapped { State::AfterArray } else { State::Top };
            }
            Some(b',') if comma => {
                self.scan.bump();
                self.state = State::Array { wrapped, comma: false };
            }
            Some(found) if comma => {
                return Err(Fault::Unexpected { expected: "',' or ']'", found });
            }
            Some(_) => {
                self.state = State::Array { wrapped, comma: true };
                return self.element().map(Some);
            }
        }
        Ok(None)
    }

    /// One element of an array: a record, whatever its type (a number is
    /// rejected as not an object when parsed, like any other record).
    fn element(&mut self) -> std::result::Result<Result<RawRecord>, Fault> {
        let line = self.scan.line;
        let mut out = Capture::new(self.max_record);
        self.scan.value(0, &mut out)?;
        Ok(self.emit(out, line))
    }

    /// A top-level object: a record, or a wrapper whose array of records
    /// is streamed (the object's bytes are kept, up to the record limit,
    /// until a wrapped array shows which it is).
    fn object(&mut self) -> std::result::Result<Option<Result<RawRecord>>, Fault> {
        let line = self.scan.line;
        let mut out = Capture::new(self.max_record);
        self.scan.bump();
        out.push(b"{");
        if self.scan.members(&mut out, false, true)? {
            self.state = State::Array { wrapped: true, comma: false };
            return Ok(None);
        }
        Ok(Some(self.emit(out, line)))
    }

    fn after_array(&mut self) -> std::result::Result<Option<Result<RawRecord>>, Fault> {
        self.scan.members(&mut Capture::off(), true, false)?;
        self.state = State::Top;
        Ok(None)
    }

    /// A top-level number, string, `true`…: valid JSON but not an article
    /// (rejected, reading goes on), or not JSON at all (a fault).
    fn top_scalar(&mut self) -> std::result::Result<Result<RawRecord>, Fault> {
        let line = self.scan.line;
        let mut out = Capture::new(self.max_record);
        self.scan.value(0, &mut out)?;
        if !out.over && serde_json::from_slice::<IgnoredAny>(&out.bytes).is_err() {
            return Err(Fault::NotJson);
        }
        self.record += 1;
        Ok(Err(Error::new(ErrorKind::NotAnObject, self.position.at(Some(line), Some(self.record)))))
    }

    fn emit(&mut self, out: Capture, line: u64) -> Result<RawRecord> {
        self.record += 1;
        let position = self.position.at(Some(line), Some(self.record));
        if out.over {
            return Err(Error::new(ErrorKind::RecordTooLarge { limit: self.max_record }, position));
        }
        Ok(RawRecord::new(position, Format::Json, out.bytes))
    }

    fn fault_error(&self, fault: Fault) -> Error {
        let position = self.position.at(Some(self.scan.line), None);
        let message = match fault {
            Fault::Read(err) => return Error::new(read_error(err), position),
            Fault::Truncated => "the document ends inside a value".to_string(),
            Fault::Unexpected { expected, found } => {
                format!("expected {expected}, found {}", describe_byte(found))
            }
            Fault::NotJson => "not a JSON document".to_string(),
        };
        let err = serde_json::Error::custom(format!("{message}; the rest of the file is not read"));
        Error::new(ErrorKind::Json(err), position)
    }
}

fn describe_byte(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", byte as char)
    } else {
        format!("byte 0x{byte:02x}")
    }
}

/// The bytes of a value being read, up to a limit: past it only the fact
/// that it was over is kept.
struct Capture {
    bytes: Vec<u8>,
    limit: u64,
    over: bool,
}

impl Capture {
    fn new(limit: u64) -> Capture {
        Capture { bytes: Vec::new(), limit, over: false }
    }

    /// A capture that keeps nothing (for values skipped).
    fn off() -> Capture {
        Capture { bytes: Vec::new(), limit: 0, over: true }
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.over {
            return;
        }
        if (self.bytes.len() + bytes.len()) as u64 > self.limit {
            self.over = true;
            self.bytes = Vec::new();
        } else {
            self.bytes.extend_from_slice(bytes);
        }
    }
}

/// A byte stream read token by token, counting lines.
struct Scanner {
    reader: Stream,
    /// The 1-based line of the next byte.
    line: u64,
}

impl Scanner {
    /// Skips whitespace and returns the next byte without consuming it;
    /// `None` at the end of the stream.
    fn peek(&mut self) -> std::result::Result<Option<u8>, Fault> {
        loop {
            let chunk = fill_buf(&mut self.reader).map_err(Fault::Read)?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let start = chunk.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
            let skipped = start.unwrap_or(chunk.len());
            self.line += chunk[..skipped].iter().filter(|&&b| b == b'\n').count() as u64;
            let next = start.map(|i| chunk[i]);
            self.reader.consume(skipped);
            if next.is_some() {
                return Ok(next);
            }
        }
    }

    /// Consumes the byte [`peek`](Scanner::peek) returned (never a newline).
    fn bump(&mut self) {
        self.reader.consume(1);
    }

    /// Reads one value into `out`: from the next non-blank byte when `depth`
    /// is 0, else the rest of a container `depth` brackets deep. Brackets
    /// are counted, not matched: a record with mismatched ones ends where
    /// the count does, and fails to parse on its own.
    fn value(&mut self, depth: u64, out: &mut impl Sink) -> std::result::Result<(), Fault> {
        if depth == 0 {
            match self.peek()? {
                None => return Err(Fault::Truncated),
                Some(b'"' | b'{' | b'[') => {}
                Some(found) => return self.scalar(found, out),
            }
        }
        let (mut depth, mut in_string, mut escaped) = (depth, false, false);
        loop {
            let chunk = fill_buf(&mut self.reader).map_err(Fault::Read)?;
            if chunk.is_empty() {
                return Err(Fault::Truncated);
            }
            let mut end = None;
            for (i, &b) in chunk.iter().enumerate() {
                if b == b'\n' {
                    self.line += 1;
                }
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let used = end.unwrap_or(chunk.len());
            out.push(&chunk[..used]);
            self.reader.consume(used);
            if end.is_some() {
                return Ok(());
            }
        }
    }

    /// A number, `true`, `false`, `null` (or garbage): bytes up to the next
    /// delimiter. `first` is the peeked first byte.
    fn scalar(&mut self, first: u8, out: &mut impl Sink) -> std::result::Result<(), Fault> {
        let is_end = |b: &u8| b",:]}[{\" \t\r\n".contains(b);
        if is_end(&first) {
            return Err(Fault::Unexpected { expected: "a value", found: first });
        }
        loop {
            let chunk = fill_buf(&mut self.reader).map_err(Fault::Read)?;
            let end = chunk.iter().position(is_end);
            let used = end.unwrap_or(chunk.len());
            out.push(&chunk[..used]);
            self.reader.consume(used);
            if end.is_some() || used == 0 {
                return Ok(());
            }
        }
    }

    /// Reads an object's members up to its closing `}` into `out`; `comma`
    /// when a member was just read. With `find_wrapper`, stops at the first
    /// wrapper key holding an array whose first element is an object, just
    /// before that element, and returns `true`.
    fn members(
        &mut self,
        out: &mut Capture,
        mut comma: bool,
        find_wrapper: bool,
    ) -> std::result::Result<bool, Fault> {
        loop {
            match self.peek()? {
                None => return Err(Fault::Truncated),
                Some(b'}') => {
                    self.bump();
                    out.push(b"}");
                    return Ok(false);
                }
                Some(b',') if comma => {
                    self.bump();
                    out.push(b",");
                    comma = false;
                }
                Some(b'"') if !comma => {
                    let wrapper = self.key(out)? && find_wrapper;
                    match self.peek()? {
                        Some(b':') => self.bump(),
                        Some(found) => return Err(Fault::Unexpected { expected: "':'", found }),
                        None => return Err(Fault::Truncated),
                    }
                    out.push(b":");
                    if wrapper && self.peek()? == Some(b'[') {
                        self.bump();
                        if self.peek()? == Some(b'{') {
                            return Ok(true);
                        }
                        out.push(b"[");
                        self.value(1, out)?;
                    } else {
                        self.value(0, out)?;
                    }
                    comma = true;
                }
                Some(found) => {
                    let expected = if comma { "',' or '}'" } else { "a member name" };
                    return Err(Fault::Unexpected { expected, found });
                }
            }
        }
    }

    /// Reads a member name into `out`; whether it is a wrapper key.
    fn key(&mut self, out: &mut Capture) -> std::result::Result<bool, Fault> {
        let mut key = Capture::new(KEY_BYTES);
        self.value(0, &mut (&mut *out, &mut key))?;
        let name = key.bytes.get(1..key.bytes.len().saturating_sub(1)).unwrap_or_default();
        Ok(!key.over && WRAPPER_KEYS.iter().any(|k| k.as_bytes() == name))
    }
}

/// Longest member name compared with the wrapper keys, quotes included.
const KEY_BYTES: u64 = 32;

/// Where the bytes of a value go.
trait Sink {
    fn push(&mut self, bytes: &[u8]);
}

impl Sink for Capture {
    fn push(&mut self, bytes: &[u8]) {
        Capture::push(self, bytes);
    }
}

/// Both captures: a member name goes into the record and into its own.
impl Sink for (&mut Capture, &mut Capture) {
    fn push(&mut self, bytes: &[u8]) {
        self.0.push(bytes);
        self.1.push(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `position=record` or `position!reason` per record.
    fn split(doc: &'static str, max: u64) -> Vec<String> {
        let mut records = JsonRecords::new(Box::new(doc.as_bytes()), Position::file("d.json"), max);
        std::iter::from_fn(|| records.next()).map(crate::read::raw::describe).collect()
    }

    #[test]
    fn arrays_are_split_into_elements_with_their_lines() {
        let doc = "[\n  {\"a\": \"x,]}\\\"\"},\n  {\"b\": [1, {\"c\": 2}]} , 7,\n\"s\"\n]";
        assert_eq!(
            split(doc, 100),
            [
                "d.json:2 (record 1)={\"a\": \"x,]}\\\"\"}",
                "d.json:3 (record 2)={\"b\": [1, {\"c\": 2}]}",
                "d.json:3 (record 3)=7",
                "d.json:4 (record 4)=\"s\"",
            ]
        );
    }

    #[test]
    fn wrapped_arrays_stream_and_other_objects_are_records() {
        let doc =
            r#"{"status": "ok", "n": [1], "articles": [{"t": 1}, {"t": 2}], "more": {"x": []}}"#;
        assert_eq!(
            split(doc, 100),
            ["d.json:1 (record 1)={\"t\": 1}", "d.json:1 (record 2)={\"t\": 2}"]
        );
        let one = r#"{"title": "T", "data": [1, 2], "tags": ["a"]}"#;
        assert_eq!(
            split(one, 100),
            [r#"d.json:1 (record 1)={"title":"T","data":[1, 2],"tags":["a"]}"#]
        );
        let empty = r#"{"articles": []}"#;
        assert_eq!(split(empty, 100), [r#"d.json:1 (record 1)={"articles":[]}"#]);
    }

    #[test]
    fn concatenated_values_are_records_and_scalars_are_not_articles() {
        let doc = "{\"a\":1}\n{\"b\":2}\n[{\"c\":3}]\n42\n";
        assert_eq!(
            split(doc, 100),
            [
                "d.json:1 (record 1)={\"a\":1}",
                "d.json:2 (record 2)={\"b\":2}",
                "d.json:3 (record 3)={\"c\":3}",
                "d.json:4 (record 4)!not-an-object",
            ]
        );
    }

    #[test]
    fn large_records_are_rejected_alone() {
        let doc = r#"[{"a": "xxxxxxxxxxxxxxxxxxxxxx"}, {"b": 2}]"#;
        assert_eq!(
            split(doc, 20),
            ["d.json:1 (record 1)!record-too-large", "d.json:1 (record 2)={\"b\": 2}"]
        );
        let wrapped = r#"{"meta": "xxxxxxxxxxxxxxxxxxxxxxxxxx", "items": [{"b": 2}]}"#;
        assert_eq!(split(wrapped, 20), ["d.json:1 (record 1)={\"b\": 2}"]);
        let big = r#"{"meta": "xxxxxxxxxxxxxxxxxxxxxxxxxx", "title": "T"}"#;
        assert_eq!(split(big, 20), ["d.json:1 (record 1)!record-too-large"]);
    }

    #[test]
    fn structure_faults_keep_the_records_before_them() {
        let truncated = "[{\"a\":1},\n{\"b\":";
        assert_eq!(
            split(truncated, 100),
            ["d.json:1 (record 1)={\"a\":1}", "d.json:2!invalid-json"]
        );
        let missing_comma = "[{\"a\":1} {\"b\":2}]";
        assert_eq!(
            split(missing_comma, 100),
            ["d.json:1 (record 1)={\"a\":1}", "d.json:1!invalid-json"]
        );
        assert_eq!(split("hello world", 100), ["d.json:1!invalid-json"]);
        assert_eq!(split("[,]", 100), ["d.json:1!invalid-json"]);
        assert_eq!(split("[{\"a\":1},]", 100), ["d.json:1 (record 1)={\"a\":1}"]);
        assert_eq!(split("  \n ", 100), Vec::<String>::new());
    }
}
