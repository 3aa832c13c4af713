//! Readers end to end: directories, formats, gzip, bad input, field mapping,
//! and a property test that no input makes any reader panic.

use std::io::Write;
use std::path::Path;

use newsdex_ingest::{
    read_path, ArticleReaderBuilder, FieldMapping, Format, Position, RawRecord, ReadOptions,
};
use proptest::prelude::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// (ok id or error reason, position) for every record under `path`.
fn outcomes(path: &Path) -> Vec<(String, String)> {
    read_path(path)
        .map(|r| match r {
            Ok(a) => (a.id.clone(), a.source.to_string()),
            Err(e) => (format!("!{}", e.kind().reason()), e.position().to_string()),
        })
        .collect()
}

#[test]
fn directories_are_walked_in_order_and_unknown_files_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "b/2.jsonl", b"{\"id\":\"j1\",\"title\":\"T\"}\n\n{\"id\":\"j2\",\"body\":\"B\"}\n{\"title\":\"\"}\nnot json\n");
    write(d, "a.txt", b"## A title\n\nBody.");
    write(d, "c.pdf", b"%PDF-1.4");
    write(d, "d.json", br#"[{"id":"x1","title":"One"},{"id":"x2","title":"Two"},7]"#);
    write(d, "e.jsonl.gz", &gzip(b"{\"id\":\"g1\",\"text\":\"zipped\"}\n"));
    write(d, "f.txt", b"\x00\x01\x02binary\x00");
    write(d, "g.html", b"<html><body><p>x</p></body></html>");
    let got = outcomes(d);
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a",
            "j1",
            "j2",
            "!empty",
            "!invalid-json",
            "!unknown-format",
            "x1",
            "x2",
            "!not-an-object",
            "g1",
            "!binary",
            "!no-article"
        ]
    );
    assert!(got[4].1.ends_with("2.jsonl:5 (record 4)"), "{}", got[4].1);
    assert!(got[5].1.ends_with("c.pdf"));
    assert!(got[8].1.ends_with("d.json:1 (record 3)"), "{}", got[8].1);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.txt", b"## Caf\xe9 title\n\nBody \xff text.");
    let a = read_path(dir.path().join("bad.txt")).next().unwrap().unwrap();
    assert_eq!(a.title, "Caf\u{fffd} title");
    assert_eq!(a.warnings, ["invalid UTF-8 decoded lossily"]);
}

#[test]
fn utf16_html_file_is_read() {
    // UTF-16 pages are full of NUL bytes; the HTML reader decodes them by
    // their byte-order mark, so the file is not turned away as binary.
    let page = "<html><head><title>Z\u{fc}rich talks</title></head><body><article>\
                <p>Envoys from both sides met in Z\u{fc}rich on Monday and agreed to meet again next week.</p>\
                <p>Officials said the talks would go on until a ceasefire was signed by all parties.</p>\
                </article></body></html>";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(page.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.html", &bytes);
    let articles: Vec<_> = read_path(dir.path()).collect();
    assert_eq!(articles.len(), 1);
    let a = articles[0].as_ref().unwrap();
    assert_eq!((a.id.as_str(), a.title.as_str()), ("page", "Z\u{fc}rich talks"));
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn utf16_and_bom_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = |text: &str| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    write(
        dir.path(),
        "a.json",
        &utf16(r#"[{"id":"u1","title":"Zürich"},{"id":"u2","title":"Genf"}]"#),
    );
    write(
        dir.path(),
        "b.jsonl",
        &utf16("{\"id\":\"u3\",\"title\":\"Bern\"}\n{\"id\":\"u4\",\"title\":\"Basel\"}\n"),
    );
    write(dir.path(), "c.jsonl", b"\xef\xbb\xbf{\"id\":\"u5\",\"title\":\"Chur\"}\n");
    write(dir.path(), "u6.txt", &utf16("## Lugano\n\nBody text."));
    let got: Vec<(String, String)> =
        read_path(dir.path()).map(|r| r.map(|a| (a.id, a.title)).unwrap()).collect();
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["u1", "u2", "u3", "u4", "u5", "u6"]);
    assert_eq!(got[0].1, "Z\u{fc}rich");
}

#[test]
fn explicit_files_are_sniffed_and_json_documents_unwrapped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dump", &gzip(b"{\"articles\":[{\"headline\":\"H\",\"content\":\"C\"}]}"));
    write(dir.path(), "lines.json", b"{\"title\":\"a\"}\n{\"title\":\"b\"}\n");
    let a: Vec<_> = read_path(dir.path().join("dump")).collect();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].as_ref().unwrap().title, "H");
    let titles: Vec<_> =
        read_path(dir.path().join("lines.json")).map(|r| r.unwrap().title).collect();
    assert_eq!(titles, ["a", "b"]);
    let missing: Vec<_> = read_path(dir.path().join("nope.jsonl")).collect();
    assert_eq!(missing[0].as_ref().unwrap_err().kind().reason(), "io");
}

#[test]
fn explicit_field_mapping() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "m.jsonl", br#"{"key":"k1","hed":"Headline","story":"Text.","when":"7 Nov 2022","site":"example.org"}"#);
    let mut builder = ArticleReaderBuilder::new();
    builder.field_mapping(
        FieldMapping::new().id("key").title("hed").body("story").published("when").outlet("site"),
    );
    let a = builder.from_path(dir.path().join("m.jsonl")).next().unwrap().unwrap();
    assert_eq!((a.id.as_str(), a.title.as_str()), ("k1", "Headline"));
    assert_eq!(a.paragraphs[0].text, "Text.");
    assert_eq!(a.published.unwrap().to_string(), "2022-11-07");
    assert_eq!(a.outlet.as_deref(), Some("example.org"));
}

#[test]
fn raw_records_parse_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.jsonl", b"{\"title\":\"a\"}\n{\"title\":\"b\"}\n");
    let (raw, options) = read_path(dir.path()).into_parts();
    let records: Vec<RawRecord> = raw.map(Result::unwrap).collect();
    let titles: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> =
            records.iter().map(|r| s.spawn(|| r.parse(&options).unwrap().title)).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(titles, ["a", "b"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_reader_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let options = ReadOptions::default();
        for format in [Format::Text, Format::Json, Format::JsonLines, Format::Html] {
            let _ = RawRecord::new(Position::file("p.x"), format, bytes.clone()).parse(&options);
        }
        let dir = tempfile::tempdir().unwrap();
        for name in ["p.txt", "p.md", "p.json", "p.jsonl", "p.html", "p.txt.gz", "p.jsonl.gz", "p"] {
            write(dir.path(), name, &bytes);
        }
        write(dir.path(), "z.json.gz", &gzip(&bytes));
        write(dir.path(), "z.jsonl.gz", &gzip(&bytes));
        write(dir.path(), "z.txt.gz", &gzip(&bytes));
        for article in read_path(dir.path()).flatten() {
            prop_assert!(!article.title.is_empty() || !article.paragraphs.is_empty());
        }
    }

    #[test]
    fn no_panic_on_text_like_input(text in "(#{0,3} ?[A-Za-z*<>&;:/. ]{0,40}\n{0,3}){0,12}") {
        let options = ReadOptions::default();
        for format in [Format::Text, Format::JsonLines] {
            let _ = RawRecord::new(Position::file("p.txt"), format, text.clone().into_bytes()).parse(&options);
        }
        let _ = newsdex_ingest::parse_date(&text);
        let _ = newsdex_ingest::canonical_url(&text);
        let _ = newsdex_ingest::parse_byline(&text);
        let _ = newsdex_ingest::outlet_name(&text);
    }
}

proptest! {
    #[test]
    fn normalizers_never_panic(s in any::<String>()) {
        let cleaned = newsdex_ingest::clean_text(&s);
        prop_assert!(!cleaned.contains('\n') && cleaned.trim() == cleaned);
        let _ = newsdex_ingest::split_paragraphs(&s);
        let _ = newsdex_ingest::parse_date(&s);
        let _ = newsdex_ingest::canonical_url(&s);
        let _ = newsdex_ingest::outlet_from_url(&s);
        let _ = newsdex_ingest::parse_byline(&s);
        let _ = newsdex_ingest::outlet_name(&s);
    }
}
