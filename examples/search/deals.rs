//! `search deals [QUERY] --index DIR`: the who-arms-whom table of the
//! passages matching a query and filters (the whole index without them):
//! a terminal table, one JSON object per row (`--json`), or CSV (`--csv`).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use newsdex::{Deal, DealTable, DealsOptions, Lexicon, NewsIndexBuilder, SearchRequest, Status};

use crate::filters::FilterArgs;

/// How `--by` groups a row's counts.
#[derive(Clone, Copy, clap::ValueEnum)]
enum By {
    /// Passages and articles per month (`YYYY-MM`).
    Month,
}

/// Arguments of `search deals`.
#[derive(clap::Args)]
pub struct Args {
    /// The index directory.
    #[arg(long)]
    index: PathBuf,
    #[command(flatten)]
    filters: FilterArgs,
    /// Add a timeline to every row.
    #[arg(long, value_enum)]
    by: Option<By>,
    /// Keep only the first N rows (most articles first; 0 = all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
    /// Do not expand query words with the lexicon's concepts and aliases.
    #[arg(long)]
    no_expand: bool,
    /// Use this lexicon (JSON) for query expansion and names.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// One JSON object per row.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV with a header line.
    #[arg(long)]
    csv: bool,
    /// Optional query (the same language as `search query`): only passages
    /// matching it are counted.
    text: Vec<String>,
}

/// Runs `search deals`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut builder = NewsIndexBuilder::new();
    if let Some(path) = &args.lexicon {
        builder.lexicon(Lexicon::from_path(path)?);
    }
    let index = builder.open(&args.index)?;
    let req = args.filters.apply(SearchRequest::new(args.text.join(" ")).expand(!args.no_expand));
    let options = DealsOptions::new().by_month(args.by.is_some()).limit(args.limit);
    let table = index.deals(&req, options).context("deals failed")?;
    for w in &table.warnings {
        crate::out::errln!("warning: {w}");
    }
    let mut out = crate::out::stdout();
    if args.json {
        for row in &table.rows {
            writeln!(out, "{}", serde_json::to_string(row)?)?;
        }
    } else if args.csv {
        write_csv(&mut out, &table)?;
    } else {
        print_table(&mut out, &table)?;
    }
    Ok(())
}

/// "name (n), name (n)".
fn counts<'a>(items: impl Iterator<Item = (&'a str, u64)>, sep: &str) -> String {
    items.map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join(sep)
}

fn side(name: &Option<String>) -> &str {
    name.as_deref().unwrap_or("?")
}

/// Passages (articles) of one status, or `-`.
fn status_cell(row: &Deal, status: Status) -> String {
    row.statuses
        .iter()
        .find(|s| s.status == status)
        .map_or("-".into(), |s| format!("{} ({})", s.passages, s.articles))
}

/// "denied by North Korea (4) · alleged by United States (3)".
fn claims(row: &Deal, sep: &str) -> String {
    row.statuses
        .iter()
        .filter(|s| !s.claimed_by.is_empty())
        .map(|s| {
            let by = counts(s.claimed_by.iter().map(|c| (c.party.as_str(), c.passages)), ", ");
            format!("{} by {by}", s.status)
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn print_table(out: &mut impl Write, table: &DealTable) -> std::io::Result<()> {
    if table.rows.is_empty() {
        return writeln!(out, "no transfers found");
    }
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (b, e) = if bold { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    writeln!(
        out,
        "{:<40} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9}  {:<10}  {:<10}",
        "supplier → recipient",
        "passages",
        "articles",
        "reported",
        "alleged",
        "denied",
        "planned",
        "first",
        "last"
    )?;
    for row in &table.rows {
        let pair = format!("{} → {}", side(&row.supplier), side(&row.recipient));
        let cells: Vec<String> = Status::ALL.iter().map(|&s| status_cell(row, s)).collect();
        writeln!(
            out,
            "{b}{pair:<40}{e} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9}  {:<10}  {:<10}",
            row.passages,
            row.articles,
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            row.first.as_deref().unwrap_or("-"),
            row.last.as_deref().unwrap_or("-"),
        )?;
        let items = counts(row.items.iter().map(|i| (i.item.as_str(), i.passages)), ", ");
        writeln!(out, "    items: {items}")?;
        let claimed = claims(row, " · ");
        if !claimed.is_empty() {
            writeln!(out, "    claims: {claimed}")?;
        }
        if !row.outlets.is_empty() {
            let outlets = counts(row.outlets.iter().map(|o| (o.outlet.as_str(), o.articles)), ", ");
            writeln!(out, "    outlets: {outlets}")?;
        }
        if !row.timeline.is_empty() {
            let months = counts(row.timeline.iter().map(|m| (m.month.as_str(), m.passages)), ", ");
            writeln!(out, "    by month (passages): {months}")?;
        }
        let ev = &row.evidence;
        let date = ev.published.as_deref().map_or("", |d| d.get(..10).unwrap_or(d));
        let quote = ev.text.get(ev.span.clone()).unwrap_or(&ev.text);
        writeln!(
            out,
            "    evidence: {} · {date} · {}\n      \"{}\"",
            ev.outlet.as_deref().unwrap_or("?"),
            ev.article_id,
            clip(quote, 240)
        )?;
    }
    writeln!(out, "\n{} rows from {} passages", table.rows.len(), table.passages)
}

fn write_csv(out: &mut impl Write, table: &DealTable) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["supplier", "recipient", "passages", "articles"];
    let status_columns: Vec<String> = Status::ALL
        .iter()
        .flat_map(|s| [format!("{s}_passages"), format!("{s}_articles")])
        .collect();
    header.extend(status_columns.iter().map(String::as_str));
    header.extend([
        "claimed_by",
        "items",
        "first",
        "last",
        "outlets",
        "timeline",
        "evidence_article_id",
        "evidence_outlet",
        "evidence_published",
        "evidence_title",
        "evidence_text",
        "evidence_start",
        "evidence_end",
    ]);
    w.write_record(&header)?;
    for row in &table.rows {
        let mut record = vec![
            row.supplier.clone().unwrap_or_default(),
            row.recipient.clone().unwrap_or_default(),
            row.passages.to_string(),
            row.articles.to_string(),
        ];
        for status in Status::ALL {
            let s = row.statuses.iter().find(|s| s.status == status);
            record.push(s.map_or(0, |s| s.passages).to_string());
            record.push(s.map_or(0, |s| s.articles).to_string());
        }
        let ev = &row.evidence;
        record.extend([
            claims(row, "; "),
            counts(row.items.iter().map(|i| (i.item.as_str(), i.passages)), "; "),
            row.first.clone().unwrap_or_default(),
            row.last.clone().unwrap_or_default(),
            counts(row.outlets.iter().map(|o| (o.outlet.as_str(), o.articles)), "; "),
            counts(row.timeline.iter().map(|m| (m.month.as_str(), m.passages)), "; "),
            ev.article_id.clone(),
            ev.outlet.clone().unwrap_or_default(),
            ev.published.clone().unwrap_or_default(),
            ev.title.clone(),
            ev.text.clone(),
            ev.span.start.to_string(),
            ev.span.end.to_string(),
        ]);
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}
