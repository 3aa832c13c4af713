//! Placeholder until this subcommand lands.

/// Arguments (none yet).
#[derive(clap::Args)]
pub struct Args {}

/// Not implemented yet.
pub fn run(_: Args) -> anyhow::Result<()> {
    anyhow::bail!("this subcommand is not implemented yet")
}

/// Not implemented yet.
pub fn run_demo() -> anyhow::Result<()> {
    anyhow::bail!("the demo is not implemented yet")
}
