//! `search query`: run one query against an index and print ranked passages.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use newsdex::{
    Hit, Lexicon, NewsIndexBuilder, QueryRoles, RankingWeights, SearchRequest, SearchResults,
};

use crate::filters::FilterArgs;

/// Arguments of `search query`.
#[derive(clap::Args)]
pub struct Args {
    /// The index directory.
    #[arg(long)]
    index: PathBuf,
    #[command(flatten)]
    filters: FilterArgs,
    /// Number of hits.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// At most this many passages per article (0 = no cap).
    #[arg(long, default_value_t = 2)]
    per_article: usize,
    /// Do not expand words with the lexicon's concepts and aliases.
    #[arg(long)]
    no_expand: bool,
    /// Show which wordings matched and the score's features.
    #[arg(long)]
    explain: bool,
    /// Weight of the `roles` ranking feature (default 0.1; 0 = off):
    /// passages whose transfers agree with the direction, stance or source
    /// the query names go up, those reversing the direction go down. 1 is
    /// a strong setting.
    #[arg(long, value_name = "WEIGHT", value_parser = parse_weight)]
    roles: Option<f32>,
    /// One JSON object per hit.
    #[arg(long)]
    json: bool,
    /// Expand with this lexicon (JSON, same shape as the bundled one)
    /// instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Also count matching articles by outlet and month.
    #[arg(long)]
    facets: bool,
    /// The query: words, "phrases", OR, -word, +word, outlet:, agency:,
    /// after:, before:, supplier:, recipient:, party:, status:.
    /// A word may start with `-` (`-Israel`): only the flags above are flags.
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
}

fn parse_weight(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(w) if w.is_finite() => Ok(w),
        _ => Err(format!("not a finite number: {s:?}")),
    }
}

/// Marks a query word that starts with `-`; no real argument can hold a NUL.
const EXCLUSION_MARK: char = '\0';

/// `search query --index i -Israel arms`: clap takes `-Israel` for short
/// flags (and `allow_hyphen_values` would swallow the flags that follow the
/// query too). `query` has no short flag but `-h`, so such a word reaches
/// clap behind [`EXCLUSION_MARK`], and [`request`] removes it. Option values
/// (`--outlet -x`) and everything after `--` are left alone.
pub fn escape_exclusions(cli: &clap::Command, mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(query) = cli.find_subcommand("query") else { return args };
    if args.get(1).and_then(|a| a.to_str()) != Some("query") {
        return args;
    }
    let takes_value: Vec<String> = query
        .get_arguments()
        .filter(|a| a.get_action().takes_values() && !a.is_positional())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let mut i = 2;
    while i < args.len() {
        let Some(arg) = args[i].to_str() else {
            i += 1;
            continue;
        };
        if arg == "--" {
            break;
        }
        if takes_value.iter().any(|f| f == arg) {
            i += 2;
            continue;
        }
        if arg.len() > 1 && arg.starts_with('-') && !arg.starts_with("--") && arg != "-h" {
            args[i] = format!("{EXCLUSION_MARK}{arg}").into();
        }
        i += 1;
    }
    args
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut builder = NewsIndexBuilder::new();
    if let Some(path) = &args.lexicon {
        builder.lexicon(Lexicon::from_path(path)?);
    }
    let index = builder.open(&args.index)?;
    let req = request(&args);
    let results = index.search(&req)?;
    for w in &results.warnings {
        crate::out::errln!("warning: {w}");
    }
    let mut out = crate::out::stdout();
    if args.json {
        for hit in &results.hits {
            writeln!(out, "{}", serde_json::to_string(hit)?)?;
        }
    } else {
        print_human(&mut out, &results, args.explain)?;
    }
    if args.facets {
        let facets = index.facets(&req)?;
        if args.json {
            writeln!(out, "{}", serde_json::json!({ "facets": facets }))?;
        } else {
            writeln!(out, "\nmatching articles: {}", facets.articles)?;
            writeln!(out, "by outlet: {}", pairs(&facets.by_outlet))?;
            writeln!(out, "by agency: {}", pairs(&facets.by_agency))?;
            writeln!(out, "by month:  {}", pairs(&facets.by_month))?;
        }
    }
    Ok(())
}

fn request(args: &Args) -> SearchRequest {
    let words: Vec<&str> =
        args.text.iter().map(|w| w.strip_prefix(EXCLUSION_MARK).unwrap_or(w)).collect();
    let req = SearchRequest::new(words.join(" "))
        .limit(args.limit)
        .per_article(args.per_article)
        .expand(!args.no_expand)
        .explain(args.explain);
    let req = match args.roles {
        Some(roles) => req.weights(RankingWeights { roles, ..RankingWeights::default() }),
        None => req,
    };
    args.filters.apply(req)
}

fn pairs(v: &[(String, u64)]) -> String {
    v.iter().map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join(", ")
}

/// Prints hits for people: rank, score, outlet, date, title, URL, the
/// passage with matches highlighted, its transfers, and syndicated copies.
pub fn print_human(out: &mut impl Write, r: &SearchResults, explain: bool) -> std::io::Result<()> {
    if explain && !r.roles.is_empty() {
        writeln!(out, "query read as: {}\n", describe_roles(&r.roles))?;
    }
    if r.hits.is_empty() {
        writeln!(out, "no passages found")?;
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for hit in &r.hits {
        print_hit(out, hit, color, explain)?;
    }
    Ok(())
}

fn print_hit(out: &mut impl Write, hit: &Hit, color: bool, explain: bool) -> std::io::Result<()> {
    let outlet = hit.outlet.as_deref().unwrap_or("?");
    let date = hit.published.as_deref().map_or("", |d| d.get(..10).unwrap_or(d));
    writeln!(out, "{:>2}. [{:.3}] {outlet} · {date} · {}", hit.rank, hit.score, hit.title)?;
    if let Some(url) = &hit.url {
        writeln!(out, "    {url}")?;
    }
    writeln!(
        out,
        "    {}",
        highlight(&hit.text, &hit.highlights, color).replace("\n\n", "\n    ")
    )?;
    for t in &hit.transfers {
        writeln!(out, "    ▸ {t}")?;
    }
    if !hit.also_in.is_empty() {
        let also: Vec<String> = hit
            .also_in
            .iter()
            .map(|a| a.outlet.clone().unwrap_or_else(|| a.article_id.clone()))
            .collect();
        writeln!(out, "    also in: {}", also.join(", "))?;
    }
    if explain {
        for m in &hit.matched {
            writeln!(out, "    matched {:?} for {} (weight {})", m.term, m.from, m.weight)?;
        }
        if let Some(f) = &hit.features {
            writeln!(out, "    features {}", serde_json::to_string(f).unwrap_or_default())?;
        }
    }
    writeln!(out)
}

/// "supplier Belarus · recipient Russia · status denied …".
fn describe_roles(r: &QueryRoles) -> String {
    let mut parts = Vec::new();
    for (label, names) in [
        ("supplier", &r.suppliers),
        ("recipient", &r.recipients),
        ("party", &r.parties),
        ("claimed by", &r.claimed_by),
        ("source", &r.sources),
    ] {
        if !names.is_empty() {
            parts.push(format!("{label} {}", names.join(" or ")));
        }
    }
    if let Some(status) = r.status {
        parts.push(format!("status {status}"));
    }
    parts.join(" · ")
}

/// Bold yellow on a terminal, `«…»` otherwise.
fn highlight(text: &str, ranges: &[std::ops::Range<usize>], color: bool) -> String {
    let (open, close) = if color { ("\x1b[1;33m", "\x1b[0m") } else { ("«", "»") };
    let mut s = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for r in ranges {
        s.push_str(&text[at..r.start]);
        s.push_str(open);
        s.push_str(&text[r.clone()]);
        s.push_str(close);
        at = r.end;
    }
    s.push_str(&text[at..]);
    s
}
