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

use clap::{Parser, Subcommand};

mod deals;
mod eval;
mod extract;
mod filters;
mod html_eval;
mod index;
mod normalize;
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
    let cli = Cli::parse();
    let result = match cli.command {
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
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("search: {err:#}");
            ExitCode::from(1)
        }
    }
}
