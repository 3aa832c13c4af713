//! `search html-eval CASES_DIR OUT_DIR`: extract every saved page for
//! scoring against gold extractions (`../shared/eval/score_html.py`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsdex_ingest::{parse_html, Article, ParagraphKind, Position};
use serde_json::json;

use crate::out::{errln, outln};

/// Arguments of `search html-eval`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder searched recursively for `<case-id>/page.html`.
    cases_dir: PathBuf,
    /// Folder receiving one `<case-id>.json` prediction per page.
    out_dir: PathBuf,
}

/// Extracts each page and writes its prediction; prints how many pages were
/// extracted and why the others were rejected.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut pages = Vec::new();
    find_pages(&args.cases_dir, &mut pages)?;
    pages.sort();
    anyhow::ensure!(!pages.is_empty(), "no */page.html under {}", args.cases_dir.display());
    fs::create_dir_all(&args.out_dir)
        .with_context(|| format!("creating {}", args.out_dir.display()))?;
    let mut rejected: BTreeMap<&'static str, usize> = BTreeMap::new();
    for page in &pages {
        let case_id =
            page.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
        let case_id = case_id.context("page.html without a case folder")?;
        let bytes = fs::read(page).with_context(|| format!("reading {}", page.display()))?;
        let prediction =
            match parse_html(&bytes, &Position::file(page.display().to_string()), Some(&case_id)) {
                Ok(article) => prediction(&article),
                Err(err) => {
                    *rejected.entry(err.kind().reason()).or_default() += 1;
                    errln!("rejected: {err}");
                    json!({ "error": err.kind().reason() })
                }
            };
        let out = args.out_dir.join(format!("{case_id}.json"));
        fs::write(&out, serde_json::to_string_pretty(&prediction)?)
            .with_context(|| format!("writing {}", out.display()))?;
    }
    let failed: usize = rejected.values().sum();
    outln!(
        "{} pages, {} extracted, {} rejected {:?}",
        pages.len(),
        pages.len() - failed,
        failed,
        rejected
    );
    Ok(())
}

/// The scorer's keys. The body holds running text and sub-headings, not
/// captions: that is what the gold extractions contain.
fn prediction(article: &Article) -> serde_json::Value {
    let body: Vec<&str> = article
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Caption)
        .map(|p| p.text.as_str())
        .collect();
    json!({
        "title": article.title,
        "date": article.published.map(|p| p.to_string()),
        "authors": article.authors,
        "site_name": article.outlet,
        "url": article.url,
        "body": body.join("\n\n"),
    })
}

fn find_pages(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            find_pages(&path, out)?;
        } else if path.file_name().is_some_and(|n| n == "page.html") {
            out.push(path);
        }
    }
    Ok(())
}
