//! Opening one input file: refusing what is not a regular file (opening a
//! FIFO blocks until someone writes to it), gunzipping by magic bytes, and
//! capping what a file or record may make the readers read.

use std::fs::{self, File, FileType};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use encoding_rs_io::DecodeReaderBytesBuilder;
use flate2::bufread::MultiGzDecoder;

use crate::error::ErrorKind;
use crate::read::format::is_gzip;
use crate::read::limits::Limits;

/// Size of the read buffers.
const BUFFER: usize = 1 << 16;

/// A file's content as a buffered stream.
pub(crate) type Stream = Box<dyn BufRead + Send>;

/// The reader's buffered bytes, refilled when empty; retries reads that a
/// signal interrupted (every streaming reader needs this, `BufRead` does not
/// do it). Empty at the end of the stream.
pub(crate) fn fill_buf<R: BufRead + ?Sized>(reader: &mut R) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
            // Asked again to return the borrow: the buffer is full, so
            // this second call reads nothing.
            Ok(_) => return reader.fill_buf(),
        }
    }
}

/// Opens a regular file as a stream, gunzipped when it starts with the
/// gzip magic. A gunzipped stream yields at most `limits.max_file_bytes`,
/// then fails with an error that [`read_error`] turns into
/// [`ErrorKind::FileTooLarge`]: a decompression bomb costs that much time
/// and no memory. Plain files are read to their end: their size is there
/// on disk for all to see, and reading them amplifies nothing.
pub(crate) fn open(path: &Path, limits: &Limits) -> Result<Stream, ErrorKind> {
    check_regular(path)?;
    let file = File::open(path).map_err(|e| unreadable(path, e))?;
    let mut reader = BufReader::with_capacity(BUFFER, file);
    if !is_gzip(reader.fill_buf().map_err(ErrorKind::Io)?) {
        return Ok(Box::new(reader));
    }
    let limit = limits.max_file_bytes;
    let gunzipped = Capped { inner: MultiGzDecoder::new(reader), left: limit, limit };
    Ok(Box::new(BufReader::with_capacity(BUFFER, gunzipped)))
}

/// `Ok` for a regular file (symbolic links followed), else what it is.
/// Checked before opening: a FIFO would block `open` itself.
fn check_regular(path: &Path) -> Result<(), ErrorKind> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) => Err(ErrorKind::NotAFile { what: describe(meta.file_type()) }),
        Err(err) => Err(unreadable(path, err)),
    }
}

/// What a file that is not a regular file or directory is.
pub(crate) fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "socket";
        }
        if kind.is_char_device() {
            return "character device";
        }
        if kind.is_block_device() {
            return "block device";
        }
    }
    if kind.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// The error for a path that cannot be opened or stat'ed: a symbolic link
/// that dangles or loops says so rather than "no such file".
pub(crate) fn unreadable(path: &Path, err: io::Error) -> ErrorKind {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match err.kind() {
        _ if !is_link => ErrorKind::Io(err),
        io::ErrorKind::NotFound => {
            ErrorKind::NotAFile { what: "broken symbolic link (its target does not exist)" }
        }
        io::ErrorKind::PermissionDenied => ErrorKind::Io(err),
        // ELOOP has no stable `io::ErrorKind`: a link that exists, whose
        // target is neither missing nor forbidden, loops.
        _ => ErrorKind::NotAFile { what: "symbolic link loop" },
    }
}

/// Reads a whole one-article file, at most `limit` bytes of it:
/// [`ErrorKind::RecordTooLarge`] beyond, without reading further.
pub(crate) fn read_record(stream: impl Read, limit: u64) -> Result<Vec<u8>, ErrorKind> {
    let mut bytes = Vec::new();
    stream.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(ErrorKind::RecordTooLarge { limit });
    }
    Ok(bytes)
}

/// The first `len` bytes of a stream (fewer if it is shorter), and the
/// stream again from its start.
pub(crate) fn peek(stream: Stream, len: usize) -> Result<(Vec<u8>, Stream), ErrorKind> {
    let mut head = Vec::with_capacity(len);
    let mut stream = stream;
    stream.by_ref().take(len as u64).read_to_end(&mut head).map_err(read_error)?;
    let again: Stream = Box::new(Cursor::new(head.clone()).chain(stream));
    Ok((head, again))
}

/// A stream of text: UTF-16 (with a byte-order mark) transcoded to UTF-8,
/// a UTF-8 byte-order mark dropped, anything else passed through as it is
/// (records decode their own bytes, so invalid UTF-8 still leaves its
/// warning). For the formats whose records are cut from the byte stream.
pub(crate) fn utf8(stream: Stream) -> Stream {
    let decoder = DecodeReaderBytesBuilder::new().utf8_passthru(true).strip_bom(true).build(stream);
    Box::new(BufReader::with_capacity(BUFFER, decoder))
}

/// The kind of a read error: [`ErrorKind::FileTooLarge`] when a capped
/// stream hit its limit, else [`ErrorKind::Io`].
pub(crate) fn read_error(err: io::Error) -> ErrorKind {
    match err.get_ref().and_then(|e| e.downcast_ref::<OverLimit>()) {
        Some(over) => ErrorKind::FileTooLarge { limit: over.0 },
        None => ErrorKind::Io(err),
    }
}

/// A reader cut after `limit` bytes: reading on fails with [`OverLimit`]
/// (a stream that ends exactly at the limit is within it).
struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(OverLimit(self.limit))),
            };
        }
        let max = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut buf[..max])?;
        self.left -= read as u64;
        Ok(read)
    }
}

/// The error a [`Capped`] reader fails with past its limit.
#[derive(Debug)]
struct OverLimit(u64);

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {} bytes after decompression", self.0)
    }
}

impl std::error::Error for OverLimit {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reader_fails_only_past_its_limit() {
        let read = |data: &[u8], limit| {
            let mut out = Vec::new();
            let capped = Capped { inner: data, left: limit, limit };
            BufReader::new(capped).read_to_end(&mut out).map(|_| out).map_err(read_error)
        };
        assert_eq!(read(b"abcd", 4).unwrap(), b"abcd");
        assert!(matches!(read(b"abcde", 4), Err(ErrorKind::FileTooLarge { limit: 4 })));
        assert!(matches!(
            read_record(&b"abcde"[..], 4),
            Err(ErrorKind::RecordTooLarge { limit: 4 })
        ));
        assert_eq!(read_record(&b"abcd"[..], 4).unwrap(), b"abcd");
    }
}
