//! `search normalize PATH... [--passages] [--report FILE]`: print normalized
//! articles (or their passages) as JSON Lines.
//!
//! # Output format (NDJSON, one JSON object per line, UTF-8)
//!
//! Articles, in input order (files in the order given, directories walked in
//! file-name order, records in file order):
//!
//! ```json
//! {"id":"000_fd4d41a332000427","title":"North Korea Dismisses …","published":"2022-11-07",
//!  "outlet":"The Moscow Times","agency":"AFP","url":"https://www.themoscowtimes.com/…",
//!  "paragraphs":[{"kind":"caption","text":"North Korean leader …","credit":"TASS"},
//!                {"kind":"body","text":"North Korea said Tuesday …"},
//!                {"kind":"heading","text":"Sign of Russia's 'shortages'"},
//!                {"kind":"body","section":"Sign of Russia's 'shortages'","text":"In September …"}],
//!  "source":{"path":"../shared/seed/000_fd4d41a332000427.txt"}}
//! ```
//!
//! - `id` (string): the record's `id`; for one-article files the file stem;
//!   else `url-` + 16 hex digits of the SHA-1 of the canonical URL; else
//!   `sha1-` + 16 hex digits of the SHA-1 of title and text.
//! - `title` (string, may be empty), `paragraphs` (array, may be empty for a
//!   title-only record) and `source` (`{"path", "line"?, "record"?}`, 1-based)
//!   are always present.
//! - `published`: RFC 3339 in UTC (`2022-01-02T21:57:45Z`) or `YYYY-MM-DD`
//!   when only the day is known. `outlet`, `agency` (AFP, Reuters, AP, TASS…),
//!   `authors` (array of names), `url` (canonical) and `warnings` (array of
//!   strings) are omitted when absent or empty.
//! - A paragraph has `kind` (`body`, `heading`, `caption`), `text` (cleaned,
//!   one line), `section` (the heading it sits under, omitted if none) and,
//!   for captions, `credit` (the photo credit, never the outlet or agency).
//!
//! With `--passages`, one passage per line instead (default passage sizes):
//! `{"article_id","ordinal","section"?,"kind":"body|heading|caption|title",
//! "text","span":{"start","end"}}`; `span` is the byte range of `text` in the
//! article's paragraph texts joined by `"\n\n"`.
//!
//! `--report FILE` writes every rejected record, one per line, as it is met:
//! `{"path":"a.jsonl","line":12,"record":11,"reason":"invalid-json","message":"…"}`
//! (`line`/`record` are `null` when they do not apply). Reasons: `io`,
//! `not-a-file`, `binary`, `record-too-large`, `file-too-large`,
//! `unknown-format`, `invalid-json`, `not-an-object`, `empty`, `no-article`,
//! `invalid-field`.
//!
//! `--max-record-mb` and `--max-file-mb` raise the size limits (README,
//! "Limits").
//!
//! A summary goes to stderr: accepted, rejected by reason with the first few
//! positions, warnings, exact duplicates (same title and text).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use newsdex_ingest::{Article, PassageConfig, RawRecord, ReadOptions, Result};
use rayon::prelude::*;

use crate::out::errln;
use crate::pipeline::{Outcomes, ReadArgs, RejectionLog};

/// Arguments of `search normalize`.
#[derive(clap::Args)]
pub struct Args {
    /// Files or directories: .txt/.md, .json, .jsonl/.ndjson, .html/.htm,
    /// each optionally gzipped (.gz).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print passages (default sizes) instead of articles.
    #[arg(long)]
    passages: bool,
    /// Write every rejected record (where and why) as JSON Lines to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
}

/// Reads, normalizes and prints; the summary goes to stderr.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut log = args.report.as_deref().map(RejectionLog::create).transpose()?;
    let (mut raw, options) = args.read.reader().from_paths(&args.paths).into_parts();
    let mut out = BufWriter::with_capacity(1 << 16, crate::out::stdout());
    let mut outcomes = Outcomes::new(log.as_mut());
    while let Some(batch) = outcomes.next_batch(&mut raw)? {
        let done: Vec<(Result<Article>, String)> =
            batch.into_par_iter().map(|r| render(r, &options, args.passages)).collect();
        for (result, lines) in done {
            outcomes.add(&result)?;
            out.write_all(lines.as_bytes())?;
        }
    }
    out.flush()?;
    let report = outcomes.report;
    if let Some(log) = log {
        log.finish()?;
    }
    errln!("{report}");
    Ok(())
}

/// Parses one record and renders its output lines (in parallel).
fn render(raw: RawRecord, options: &ReadOptions, passages: bool) -> (Result<Article>, String) {
    let result = raw.parse(options);
    let mut lines = String::new();
    if let Ok(article) = &result {
        if passages {
            for passage in PassageConfig::default().split(article) {
                push_json(&mut lines, &passage);
            }
        } else {
            push_json(&mut lines, article);
        }
    }
    (result, lines)
}

fn push_json<T: serde::Serialize>(out: &mut String, value: &T) {
    // Serializing our own plain data types cannot fail.
    if let Ok(json) = serde_json::to_string(value) {
        out.push_str(&json);
        out.push('\n');
    }
}
