//! `search stats`: what an index holds.

use std::path::PathBuf;

use newsdex::NewsIndex;

use crate::out::outln;

/// Arguments of `search stats`.
#[derive(clap::Args)]
pub struct Args {
    /// Index directory.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// Print the statistics as one JSON object.
    #[arg(long)]
    json: bool,
    /// First verify every file's checksum (reads the whole index); a
    /// damaged index is an error naming the damaged files.
    #[arg(long)]
    check: bool,
}

/// Runs `search stats`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    if args.check {
        index.verify()?;
    }
    let stats = index.stats()?;
    if args.json {
        outln!("{}", serde_json::to_string(&stats)?);
        return Ok(());
    }
    outln!("articles      {}", stats.articles);
    outln!("passages      {}", stats.passages);
    let range = match (&stats.first_published, &stats.last_published) {
        (Some(first), Some(last)) => format!("{first} .. {last}"),
        _ => "no dated articles".to_string(),
    };
    outln!("published     {range}");
    outln!("size on disk  {:.1} MB", stats.size_on_disk as f64 / 1e6);
    if args.check {
        outln!("checksums     ok");
    }
    outln!("outlets       {}", stats.outlets.len());
    for (outlet, count) in &stats.outlets {
        outln!("  {count:>8}  {outlet}");
    }
    Ok(())
}
