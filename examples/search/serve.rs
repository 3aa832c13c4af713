//! `search serve`: the HTTP API and the search page over one index, until
//! Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use newsdex::{Lexicon, NewsIndexBuilder};
use newsdex_serve::RouterBuilder;

/// Arguments of `search serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The index directory. It may be written (`search index`) while
    /// serving: searches see each commit shortly after it is made.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// Address to listen on (port 0: any free port). The default answers
    /// this machine only; any other address exposes the index, with no
    /// authentication, to whoever can reach it.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Let pages from this origin (e.g. https://desk.example.org) call the
    /// API from a browser (CORS, GET only); repeatable; `*` for any.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Also answer requests addressed to this host name (repeatable). On a
    /// loopback address only localhost, 127.0.0.1 and [::1] are answered,
    /// against DNS rebinding; on other addresses any host is, unless this
    /// flag names some.
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_hosts: Vec<String>,
    /// Expand with this lexicon (JSON, same shape as the bundled one).
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut builder = NewsIndexBuilder::new();
    if let Some(path) = &args.lexicon {
        builder.lexicon(Lexicon::from_path(path)?);
    }
    let index = builder
        .open(&args.index)
        .with_context(|| format!("cannot open index {}", args.index.display()))?;
    let mut hosts = args.allow_hosts.clone();
    if args.addr.ip().is_loopback() {
        hosts.extend(["localhost", "127.0.0.1", "[::1]"].map(String::from));
    }
    let router =
        RouterBuilder::new(index).cors_origins(&args.cors_origins).allowed_hosts(hosts).build()?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!("warning: listening on {addr}: anyone who can reach it can read the index");
        }
        println!("serving {} at http://{addr}/ (Ctrl-C to stop)", args.index.display());
        newsdex_serve::serve(listener, router).await.context("server failed")?;
        eprintln!("search serve: stopped");
        Ok(())
    })
}
