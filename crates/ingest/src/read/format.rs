//! Input formats and how a file's format is recognized.

use std::path::Path;

/// The format of a raw record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The scraped text / markdown format (`.txt`, `.md`): one article per file.
    Text,
    /// A JSON document (`.json`): an object, or an array of objects.
    Json,
    /// JSON Lines (`.jsonl`, `.ndjson`): one object per line.
    JsonLines,
    /// A saved HTML page (`.html`, `.htm`): one article per file.
    Html,
}

impl Format {
    /// The format named by a path's extension, looking through a final `.gz`
    /// (`a.jsonl.gz` is JSON Lines). `None` for other extensions.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = extension(path)?;
        match ext.as_str() {
            "txt" | "text" | "md" | "markdown" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" | "jsonlines" => Some(Format::JsonLines),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }

    /// Guesses the format of a file whose extension says nothing, from its
    /// first bytes: JSON for `{`/`[`, HTML for `<`, else text.
    pub(crate) fn sniff(head: &[u8]) -> Format {
        let first = head.iter().find(|b| !b.is_ascii_whitespace());
        match first {
            Some(b'{') | Some(b'[') => Format::Json,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        }
    }
}

/// The lower-case extension, skipping a final `.gz`.
pub(crate) fn extension(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    Some(ext.to_string())
}

/// The file stem used as the id of one-article files (`dir/000_ab.txt.gz` ->
/// `000_ab`).
pub(crate) fn file_stem(path: &str) -> Option<&str> {
    let name = Path::new(path).file_name()?.to_str()?;
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    (!stem.is_empty()).then_some(stem)
}

/// True when bytes look binary: a NUL byte, or over 10% control bytes other
/// than whitespace, in the first 8 KiB.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control =
        head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    control * 10 > head.len()
}

/// Lines of a `.json` file's head looked at by [`looks_like_json_lines`].
const SNIFF_LINES: usize = 16;

/// True when the head of a `.json` file reads as JSON Lines: of its first
/// non-blank lines (complete lines only, unless `whole` says the head is the
/// whole file), at least two, and the first one or at least half of them,
/// are JSON objects on their own. A pretty-printed document has at most
/// its last array element alone on a line, so it never qualifies; JSON
/// Lines with a broken first line do, and then lose only that line.
pub(crate) fn looks_like_json_lines(head: &[u8], whole: bool) -> bool {
    let complete = match head.iter().rposition(|&b| b == b'\n') {
        _ if whole => head,
        Some(end) => &head[..end],
        None => return false,
    };
    let lines: Vec<&[u8]> = complete
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .take(SNIFF_LINES)
        .collect();
    let is_object = |line: &[u8]| {
        serde_json::from_slice::<std::collections::HashMap<String, serde::de::IgnoredAny>>(line)
            .is_ok()
    };
    let objects = lines.iter().filter(|l| is_object(l)).count();
    lines.len() >= 2 && (is_object(lines[0]) || objects * 2 >= lines.len())
}

/// True for the gzip magic number.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        let cases = [
            ("a/b.txt", Some(Format::Text)),
            ("b.MD", Some(Format::Text)),
            ("b.jsonl.gz", Some(Format::JsonLines)),
            ("b.json", Some(Format::Json)),
            ("b.htm", Some(Format::Html)),
            ("b.pdf", None),
            ("README", None),
            ("x.gz", None),
        ];
        for (path, want) in cases {
            assert_eq!(Format::from_path(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn stems_and_binary() {
        assert_eq!(file_stem("seed/000_fd4d41a332000427.txt"), Some("000_fd4d41a332000427"));
        assert_eq!(file_stem("a.txt.gz"), Some("a"));
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary("héllo\nworld\t".as_bytes()));
        assert!(Format::sniff(b"  [1]") == Format::Json);
    }

    #[test]
    fn json_lines_are_told_from_documents() {
        let lines = b"{\"a\":1}\n{\"b\":2}\n";
        assert!(looks_like_json_lines(lines, true));
        let broken_first = b"{\"a\":\n{\"b\":2}\n{\"c\":3}\n";
        assert!(looks_like_json_lines(broken_first, true));
        let pretty = b"[\n{\"a\":1},\n{\"b\":2}\n]\n";
        assert!(!looks_like_json_lines(pretty, true));
        let object = b"{\n  \"title\": \"T\",\n  \"meta\": {\"a\": 1}\n}";
        assert!(!looks_like_json_lines(object, true));
        assert!(!looks_like_json_lines(b"{\"a\":1}", true));
        // An unfinished last line is not judged unless the head is the file.
        assert!(!looks_like_json_lines(b"{\"a\":1}\n{\"b\":", false));
    }
}
