//! Reading and writing JSON Lines files, gzipped or not.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::eval::error::{EvalError, Result};

/// Opens `path` for buffered reading, decompressing when it ends in `.gz`.
pub(crate) fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = File::open(path).map_err(|e| EvalError::io(path, e))?;
    let gz = path.extension().is_some_and(|e| e == "gz");
    let inner: Box<dyn Read> =
        if gz { Box::new(flate2::read::MultiGzDecoder::new(file)) } else { Box::new(file) };
    Ok(Box::new(BufReader::new(inner)))
}

/// Reads every non-blank line of `path` as one `T`.
pub(crate) fn read<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for (i, line) in open(path)?.lines().enumerate() {
        let line = line.map_err(|e| EvalError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| EvalError::json(path, i + 1, e))?);
    }
    Ok(out)
}

/// Writes `items` to `path`, one JSON object per line.
pub(crate) fn write<'a, T: Serialize + 'a>(
    path: &Path,
    items: impl IntoIterator<Item = &'a T>,
) -> Result<()> {
    let file = File::create(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = BufWriter::new(file);
    for item in items {
        // Serializing our own plain structs cannot fail; I/O errors can.
        serde_json::to_writer(&mut out, item).map_err(|e| EvalError::json(path, 0, e))?;
        out.write_all(b"\n").map_err(|e| EvalError::io(path, e))?;
    }
    out.flush().map_err(|e| EvalError::io(path, e))
}
