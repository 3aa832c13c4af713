//! # search: the newsdex command-line tool
//!
//! - `search` with no arguments: index the embedded sample corpus in a
//!   temporary directory and run the query `arms dealings`.
//! - `search index`, `query`, `deals`, `stats`, `serve`, `normalize`, `eval`,
//!   `html-eval`, `extract`: see `search help`.
//!
//! Exit codes: 0 success; 1 runtime error (missing index, unreadable path…);
//! 2 bad command line (unknown flag, bad date in a flag).

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod deals;
mod eval;
mod extract;
mod filters;
mod html_eval;
mod index;
mod normalize;
mod out;
mod panics;
mod pipeline;
mod query;
mod serve;
mod stats;

/// Passage search over news archives.
#[derive(Parser)]
#[command(name = "search", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print normalized articles (or passages) as JSON Lines.
    Normalize(normalize::Args),
    /// Index files and directories into an index directory.
    Index(index::Args),
    /// Search an index.
    Query(query::Args),
    /// Who arms whom: the arms transfers of matching passages, by supplier
    /// and recipient.
    Deals(deals::Args),
    /// Show what an index holds.
    Stats(stats::Args),
    /// Serve the HTTP API and the search page over an index.
    Serve(serve::Args),
    /// Evaluate ranking on topics with relevance judgments.
    Eval(eval::Args),
    /// Extract saved HTML pages for scoring against gold extractions.
    HtmlEval(html_eval::Args),
    /// Extract arms transfers from passages (JSON Lines) for scoring.
    Extract(extract::Args),
}

fn main() -> ExitCode {
    let args = query::escape_exclusions(&Cli::command(), std::env::args_os().collect());
    let cli = Cli::parse_from(args);
    panics::install_quiet_hook();
    let result = panics::catch(|| match cli.command {
        None => index::run_demo(),
        Some(Command::Normalize(args)) => normalize::run(args),
        Some(Command::Index(args)) => index::run(args),
        Some(Command::Query(args)) => query::run(args),
        Some(Command::Deals(args)) => deals::run(args),
        Some(Command::Stats(args)) => stats::run(args),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::HtmlEval(args)) => html_eval::run(args),
        Some(Command::Extract(args)) => extract::run(args),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `search … | head`: the reader has all it wanted.
        Err(err) if out::is_closed_stdout(&err) => ExitCode::SUCCESS,
        Err(err) => {
            out::errln!("search: {}", one_line(&err));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes on one line, each said once: errors that show
/// their source in their own message (tantivy's, ours) are not repeated.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string().replace('\n', " ");
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line
}
