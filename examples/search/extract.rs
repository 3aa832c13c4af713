//! `search extract GOLD.jsonl [--out PRED.jsonl] [--lexicon FILE]`: run the
//! arms-transfer extractor on every passage of a JSON Lines file shaped like
//! `../shared/eval/transfers-dev.jsonl`.
//!
//! Each input line is an object with `key` and `text` (strings, required)
//! and optionally `title`, `outlet` and `published` (the article context;
//! other fields, such as gold `transfers`, are ignored). Each output line is
//! `{"key": ..., "transfers": [{"supplier", "recipient", "item", "status",
//! "claimed_by", "span": {"start", "end"}}]}`, the format of
//! `score_transfers.py`. A line that cannot be read is reported on stderr
//! with its number and why, and the run goes on; a summary ends stderr.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use newsdex::transfers::{Extractor, Lexicon, PassageContext, Transfer};
use serde::{Deserialize, Serialize};

/// Arguments of `search extract`.
#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines input: one passage per line (`key`, `text`, and optionally
    /// `title`, `outlet`, `published`).
    input: PathBuf,
    /// Write predictions here instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Use this lexicon (JSON, same shape as the bundled one) instead of the
    /// bundled English one.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
}

/// One input line (unknown fields ignored).
#[derive(Deserialize)]
struct Line {
    key: String,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

#[derive(Serialize)]
struct Prediction<'a> {
    key: &'a str,
    transfers: Vec<Transfer>,
}

/// Extracts every line; reports bad lines and a summary on stderr.
pub fn run(args: Args) -> anyhow::Result<()> {
    let lexicon = match &args.lexicon {
        Some(path) => Lexicon::from_path(path)?,
        None => Lexicon::default_english(),
    };
    let extractor = Extractor::new(&lexicon)?;
    let file =
        File::open(&args.input).with_context(|| format!("cannot open {}", args.input.display()))?;
    let sink: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let (mut passages, mut transfers, mut bad) = (0usize, 0usize, 0usize);
    for (n, bytes) in BufReader::new(file).split(b'\n').enumerate() {
        let bytes = bytes.with_context(|| format!("reading {}", args.input.display()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = match parse(&bytes) {
            Ok(line) => line,
            Err(why) => {
                eprintln!("{}:{}: skipped: {why}", args.input.display(), n + 1);
                bad += 1;
                continue;
            }
        };
        let ctx = PassageContext {
            text: &line.text,
            title: line.title.as_deref().unwrap_or_default(),
            outlet: line.outlet.as_deref(),
            published: line.published.as_deref(),
        };
        let found = extractor.extract(&ctx);
        passages += 1;
        transfers += found.len();
        serde_json::to_writer(&mut out, &Prediction { key: &line.key, transfers: found })?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!("{passages} passages, {transfers} transfers, {bad} bad lines");
    Ok(())
}

fn parse(bytes: &[u8]) -> Result<Line, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 ({e})"))?;
    serde_json::from_str(text).map_err(|e| format!("not a passage object ({e})"))
}
