//! Property tests of every reader on generated input (seed text, JSON
//! documents, JSON Lines, HTML, gzip): no input panics, what comes out
//! holds the articles' invariants, and no good record is lost to a bad one
//! beside it.
//!
//! Fast by default (48 cases each). A long run (issue 12's fuzzing):
//! `PROPTEST_CASES=20000 cargo test --release -p newsdex-ingest --test ingest fuzz::`

use std::io::Write;
use std::path::Path;

use newsdex_ingest::{
    parse_html, read_path, split_passages, Article, ArticleReaderBuilder, Format, PassageKind,
    Position, RawRecord, ReadOptions,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// An article's invariants: text present, paragraphs trimmed one-liners,
/// passages that are exactly their span of the article text (but the
/// title passage of a title-only article, whose span is empty).
fn check(article: &Article) -> Result<(), TestCaseError> {
    prop_assert!(!article.title.is_empty() || !article.paragraphs.is_empty());
    for p in &article.paragraphs {
        prop_assert!(!p.text.is_empty() && p.text.trim() == p.text && !p.text.contains('\n'));
    }
    let text = article.text();
    for passage in split_passages(article) {
        if passage.kind != PassageKind::Title {
            prop_assert_eq!(&text[passage.span.clone()], passage.text.as_str());
        }
    }
    Ok(())
}

/// `id`, or `!line` for a rejection (its line, 0 when none), per record.
fn outcomes(results: impl Iterator<Item = newsdex_ingest::Result<Article>>) -> Vec<String> {
    results
        .map(|r| match r {
            Ok(a) => a.id,
            Err(e) => format!("!{}", e.position().line.unwrap_or(0)),
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Text with what JSON must escape and the splitter must see through.
fn tricky_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.\"\\\\\\[\\]{}:\n\t<>&é\u{1f4f0}]{0,60}"
}

/// One record of a JSON Lines file or a JSON array.
#[derive(Clone, Debug)]
enum Record {
    /// A good article with this title and body.
    Good(String, String),
    /// A good record cut short (a prefix of `Good`'s text).
    Truncated(String, usize),
    /// Bytes with a NUL and other control bytes.
    Binary(Vec<u8>),
    /// `{}`: an object without title or text.
    Empty,
    /// A number: JSON, but not an article.
    NotAnObject(u32),
}

fn record() -> impl Strategy<Value = Record> {
    prop_oneof![
        6 => (tricky_text(), tricky_text()).prop_map(|(t, b)| Record::Good(t, b)),
        1 => (tricky_text(), any::<usize>()).prop_map(|(t, cut)| Record::Truncated(t, cut)),
        1 => proptest::collection::vec(0u8..0x20, 1..20).prop_map(|mut b| {
            b.retain(|&c| c != b'\n');
            b.push(0);
            Record::Binary(b)
        }),
        1 => Just(Record::Empty),
        1 => any::<u32>().prop_map(Record::NotAnObject),
    ]
}

impl Record {
    fn good_json(id: usize, title: &str, body: &str) -> String {
        serde_json::json!({"id": format!("g{id}"), "title": format!("Title {title}"), "body": body})
            .to_string()
    }

    /// The record's text as record `id`, and whether it is a good one.
    fn render(&self, id: usize) -> (Vec<u8>, bool) {
        match self {
            Record::Good(title, body) => (Record::good_json(id, title, body).into_bytes(), true),
            Record::Truncated(title, cut) => {
                let json = Record::good_json(id, title, "");
                let mut cut = 1 + cut % (json.len() - 1);
                while !json.is_char_boundary(cut) {
                    cut -= 1;
                }
                (json.as_bytes()[..cut].to_vec(), false)
            }
            Record::Binary(bytes) => (bytes.clone(), false),
            Record::Empty => (b"{}".to_vec(), false),
            Record::NotAnObject(n) => (n.to_string().into_bytes(), false),
        }
    }

    /// Whether the record is a JSON object on its own (JSON Lines sniffing).
    fn is_object(&self) -> bool {
        matches!(self, Record::Good(..) | Record::Empty)
    }
}

/// Expected outcome of record `id` on `line`.
fn expected(id: usize, good: bool, line: usize) -> String {
    if good {
        format!("g{id}")
    } else {
        format!("!{line}")
    }
}

proptest! {
    #![proptest_config(config())]

    /// JSON Lines: every good line is kept, every bad one rejected at its
    /// line, whatever sits beside it; the same file named `.json` reads the
    /// same whenever its head reads as JSON Lines.
    #[test]
    fn json_lines_keep_every_good_line(
        records in proptest::collection::vec(record(), 0..24),
        blank in proptest::collection::vec(any::<bool>(), 24),
        crlf in any::<bool>(),
    ) {
        let (mut text, mut want, mut line) = (Vec::new(), Vec::new(), 0);
        for (id, record) in records.iter().enumerate() {
            if blank[id] {
                text.extend_from_slice(b"  \n");
                line += 1;
            }
            let (bytes, good) = record.render(id);
            text.extend_from_slice(&bytes);
            text.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            line += 1;
            want.push(expected(id, good, line));
        }
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.jsonl", &text);
        prop_assert_eq!(&outcomes(read_path(dir.path().join("a.jsonl"))), &want);
        // What the `.json` reader's sniffing sees: the first 16 lines.
        let head = &records[..records.len().min(16)];
        let objects = head.iter().filter(|r| r.is_object()).count();
        let opens_object = head.first().is_some_and(|r| r.is_object() || matches!(r, Record::Truncated(..)));
        if head.len() >= 2 && opens_object && (head[0].is_object() || objects * 2 >= head.len()) {
            write(dir.path(), "a.json", &text);
            prop_assert_eq!(&outcomes(read_path(dir.path().join("a.json"))), &want);
        }
    }

    /// JSON documents: an array (perhaps wrapped in an object, perhaps
    /// spread over lines) yields one outcome per element, at its line; bad
    /// elements cost only themselves.
    #[test]
    fn json_arrays_yield_one_outcome_per_element(
        records in proptest::collection::vec(record(), 0..24),
        spacing in proptest::collection::vec("[ \n]{0,2}", 24),
        wrapped in any::<bool>(),
        trailing_comma in any::<bool>(),
    ) {
        let mut text = String::new();
        if wrapped {
            text.push_str("{\"status\": {\"a\": [1, \"]\"]},\n \"articles\": ");
        }
        text.push('[');
        let mut want = Vec::new();
        let mut elements = 0;
        for (id, record) in records.iter().enumerate() {
            // Truncated or binary elements would unbalance the document;
            // those are JSON Lines faults, tested above.
            let (bytes, good) = match record {
                Record::Truncated(..) | Record::Binary(_) => continue,
                record => record.render(id),
            };
            if elements > 0 {
                text.push(',');
            }
            text.push_str(&spacing[id]);
            let line = 1 + text.matches('\n').count();
            text.push_str(std::str::from_utf8(&bytes).unwrap());
            want.push(expected(id, good, line));
            elements += 1;
        }
        if trailing_comma && elements > 0 {
            text.push(',');
        }
        text.push_str("\n]");
        if wrapped {
            text.push_str(", \"next\": null}");
        }
        // A wrapper is told by its array's first element being an object;
        // else the whole object is one record (an empty one).
        if wrapped && !want.first().is_some_and(|w| w.starts_with('g'))
            && !records.iter().find(|r| !matches!(r, Record::Truncated(..) | Record::Binary(_))).is_some_and(Record::is_object)
        {
            want = vec!["!1".to_string()];
        }
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.json", text.as_bytes());
        prop_assert_eq!(outcomes(read_path(dir.path().join("a.json"))), want);
    }

    /// Gzipped JSON Lines cut short or over a small file limit: a prefix of
    /// the records, at most one error ending the file, and the next file is
    /// read.
    #[test]
    fn gzip_cut_short_keeps_a_prefix_and_the_next_file(
        count in 0usize..40,
        cut in 0.0f64..1.2,
        limit in 64u64..4096,
    ) {
        let lines: String = (0..count).map(|id| Record::good_json(id, "x", "body") + "\n").collect();
        let mut gz = gzip(lines.as_bytes());
        if cut < 1.0 {
            gz.truncate((gz.len() as f64 * cut) as usize);
        }
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.jsonl.gz", &gz);
        write(dir.path(), "b.jsonl", b"{\"id\":\"last\",\"title\":\"T\"}\n");
        let mut builder = ArticleReaderBuilder::new();
        builder.max_file_bytes(limit);
        let got = outcomes(builder.from_path(dir.path()));
        prop_assert_eq!(got.last().map(String::as_str), Some("last"));
        let first = &got[..got.len() - 1];
        let kept = first.iter().take_while(|o| !o.starts_with('!')).count();
        prop_assert!(first.len() - kept <= 1, "{:?}", first);
        for (id, outcome) in first[..kept].iter().enumerate() {
            prop_assert_eq!(outcome, &format!("g{id}"));
        }
        if cut >= 1.0 && lines.len() as u64 <= limit {
            prop_assert_eq!(kept, count);
        }
    }

    /// The scraped-text reader on text shaped like the seed format.
    #[test]
    fn seed_text_never_panics(lines in proptest::collection::vec(prop_oneof![
        Just("## North Korea Dismisses Reports of Arms Sales".to_string()),
        Just("By Jane Doe and John Roe, AFP".to_string()),
        Just("7 November 2022".to_string()),
        Just("Updated: Nov. 7, 2022 14:05 GMT+3".to_string()),
        Just("![A caption](https://example.org/a.jpg) Photo: KCNA / AFP".to_string()),
        Just("# A section heading".to_string()),
        Just("Original url: https://www.themoscowtimes.com/2022/11/08/a-\nb".to_string()),
        Just(String::new()),
        "[A-Za-z ,.*#<>&;:/()!\\[\\]]{0,80}",
    ], 0..30)) {
        let text = lines.join("\n");
        let record = RawRecord::new(Position::file("seed.txt"), Format::Text, text.into_bytes());
        if let Ok(article) = record.parse(&ReadOptions::new()) {
            check(&article)?;
        }
    }

    /// The HTML reader on generated tag soup: nesting (deep too), unclosed
    /// tags, furniture classes, scripts holding tags, comments, entities.
    #[test]
    fn html_tag_soup_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<article>"),
        Just("<table><tr><td>"), Just("<li>"), Just("<ul>"), Just("<a href='x>y'>"), Just("</a>"),
        Just("<h1>"), Just("</h1>"), Just("<h2>Sub</h2>"), Just("<nav>"), Just("<main>"),
        Just("<div class=\"share-bar\">"), Just("<div class=story-body>"), Just("<span><b>"),
        Just("<script>document.write('<div><p>')</script>"), Just("<!-- <div> -->"),
        Just("<figure><img src=a><figcaption>Photo: AFP</figcaption></figure>"),
        Just("<svg><g/><path d='M0'/></svg>"), Just("<br/>"), Just("&amp; &#8220;q&#8221;"),
        Just("Officials said on Monday, after talks, that arms deliveries would resume soon."),
        Just("<meta property='og:title' content='T'>"), Just("<title>A title</title>"),
    ], 0..200), depth in 0usize..400) {
        let page = format!("<html><body>{}{}</body></html>", "<div>".repeat(depth), parts.concat());
        if let Ok(article) = parse_html(page.as_bytes(), &Position::file("p.html"), Some("p")) {
            check(&article)?;
        }
    }
    /// Arbitrary bytes (mostly JSON-ish punctuation, NULs, BOMs and broken
    /// UTF-8) through both stages of every format, and gzipped: no panic,
    /// every article holds its invariants, every error names its file, and
    /// a good file after them is still read.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in proptest::collection::vec(prop_oneof![
            4 => any::<u8>(),
            4 => proptest::sample::select(b"{}[]\",:\n\r \t0aZ#<>/".to_vec()),
            1 => Just(0u8),
            1 => Just(0xFFu8),
            1 => Just(0xFEu8),
        ], 0..600),
        record_limit in 64u64..2048,
    ) {
        for format in [Format::Json, Format::JsonLines, Format::Text, Format::Html] {
            let record = RawRecord::new(Position::file("f"), format, bytes.clone());
            match record.parse(&ReadOptions::new()) {
                Ok(article) => check(&article)?,
                Err(error) => prop_assert!(!error.position().path.is_empty()),
            }
        }
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.json", "b.jsonl", "c.txt", "d.html"] {
            write(dir.path(), name, &bytes);
        }
        write(dir.path(), "e.json.gz", &gzip(&bytes));
        write(dir.path(), "z.jsonl", b"{\"id\":\"last\",\"title\":\"T\"}\n");
        let mut builder = ArticleReaderBuilder::new();
        builder.max_record_bytes(record_limit).max_file_bytes(4096);
        let mut last = None;
        for result in builder.from_path(dir.path()) {
            match &result {
                Ok(article) => check(article)?,
                Err(error) => prop_assert!(!error.position().path.is_empty()),
            }
            last = Some(result);
        }
        prop_assert_eq!(last.and_then(Result::ok).map(|a| a.id), Some("last".to_string()));
    }
}
