//! JSON Lines: one record per line, each line capped at the record size
//! limit and never held whole beyond it.

use std::io::{self, BufRead};

use crate::error::{Error, ErrorKind, Result};
use crate::position::Position;
use crate::read::format::Format;
use crate::read::input::{fill_buf, read_error, Stream};
use crate::read::raw::RawRecord;

/// Lines at least this long move into their record instead of being
/// copied: the line buffer then starts afresh rather than keeping a large
/// allocation alive for the rest of the file.
const MOVE_AT: usize = 1 << 16;

/// The records left in a JSON Lines stream.
pub(crate) struct LineRecords {
    reader: Stream,
    position: Position,
    max_record: u64,
    buf: Vec<u8>,
    line: u64,
    record: u64,
}

/// What reading one line found.
enum Line {
    /// The end of the stream.
    End,
    /// A line, in the buffer.
    Whole,
    /// A line longer than the limit, skipped to its end.
    TooLong,
}

impl LineRecords {
    /// The lines of `reader`, named `position` in records and errors.
    pub(crate) fn new(reader: Stream, position: Position, max_record: u64) -> LineRecords {
        LineRecords { reader, position, max_record, buf: Vec::new(), line: 0, record: 0 }
    }

    /// The next record: one per non-blank line. A read error (truncated
    /// gzip, the file size limit) ends the file.
    pub(crate) fn next(&mut self) -> Option<Result<RawRecord>> {
        loop {
            let read = match read_line(&mut self.reader, &mut self.buf, self.max_record) {
                Ok(read) => read,
                Err(e) => {
                    let position = self.position.at(Some(self.line + 1), None);
                    self.reader = Box::new(io::empty());
                    return Some(Err(Error::new(read_error(e), position)));
                }
            };
            match read {
                Line::End => return None,
                Line::Whole if self.buf.iter().all(u8::is_ascii_whitespace) => self.line += 1,
                Line::Whole => return Some(Ok(self.take_record())),
                Line::TooLong => {
                    let limit = self.max_record;
                    let position = self.next_position();
                    return Some(Err(Error::new(ErrorKind::RecordTooLarge { limit }, position)));
                }
            }
        }
    }

    /// The position of the record on the line just read.
    fn next_position(&mut self) -> Position {
        self.line += 1;
        self.record += 1;
        self.position.at(Some(self.line), Some(self.record))
    }

    fn take_record(&mut self) -> RawRecord {
        let position = self.next_position();
        let bytes = if self.buf.len() >= MOVE_AT {
            std::mem::take(&mut self.buf)
        } else {
            self.buf.to_vec()
        };
        RawRecord::new(position, Format::JsonLines, bytes)
    }
}

/// Reads one line, without its `\n`, into `buf`. A line longer than `max`
/// bytes is skipped to its end instead: it is never held whole.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: u64) -> io::Result<Line> {
    buf.clear();
    let (mut any, mut too_long) = (false, false);
    loop {
        let chunk = fill_buf(reader)?;
        if chunk.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Line::End,
                (true, false) => Line::Whole,
                (true, true) => Line::TooLong,
            });
        }
        any = true;
        let newline = chunk.iter().position(|&b| b == b'\n');
        let part = &chunk[..newline.unwrap_or(chunk.len())];
        if !too_long && (buf.len() + part.len()) as u64 > max {
            too_long = true;
            *buf = Vec::new();
        }
        if !too_long {
            buf.extend_from_slice(part);
        }
        let used = newline.map_or(chunk.len(), |i| i + 1);
        reader.consume(used);
        if newline.is_some() {
            return Ok(if too_long { Line::TooLong } else { Line::Whole });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes(text: &'static [u8], max: u64) -> Vec<String> {
        let mut lines = LineRecords::new(Box::new(text), Position::file("a.jsonl"), max);
        std::iter::from_fn(|| lines.next()).map(crate::read::raw::describe).collect()
    }

    #[test]
    fn long_lines_are_rejected_and_the_next_ones_read() {
        let got = outcomes(b"{\"a\":1}\n\n{\"b\":\"xxxxxxxxxxxx\"}\r\n{}\n{\"c\":3}", 10);
        assert_eq!(
            got,
            [
                "a.jsonl:1 (record 1)={\"a\":1}",
                "a.jsonl:3 (record 2)!record-too-large",
                "a.jsonl:4 (record 3)={}",
                "a.jsonl:5 (record 4)={\"c\":3}",
            ]
        );
    }
}
