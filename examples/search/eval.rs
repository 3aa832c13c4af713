//! `search eval`: relevance evaluation.
//!
//! - Topics: `--index DIR --topics FILE --run OUT.jsonl [--qrels FILE]`
//!   searches each topic title, writes the run and, with `--qrels`, prints
//!   the `score.py` figures per topic and their mean. `--corpus PATH`
//!   (repeatable) indexes files into `--index` first. `--compare` also runs
//!   the plain BM25 baseline on the same index and prints both.
//! - Scoring only: `--score RUN.jsonl --qrels FILE`.
//! - BEIR: `--beir DIR` indexes the collection (one passage per document,
//!   title + text) in a temporary directory, or in `--index DIR`, runs the
//!   judged queries and prints nDCG@10 and Recall@100 (trec_eval rules).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use newsdex::eval::{
    condense, run_topics, score_passages, score_trec, BeirCollection, Judgment, PassageReport,
    RunEntry, Topic, TrecReport, TrecRun,
};
use newsdex::ingest::{Article, PassageConfig};
use newsdex::{Lexicon, NewsIndex, NewsIndexBuilder, Ranking, RankingWeights, SearchRequest};

use crate::out::{errln, outln};

/// Arguments of `search eval`.
#[derive(clap::Args)]
pub struct Args {
    /// Index directory to search (with --beir: where to build the index
    /// instead of a temporary directory).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Files or directories to index into --index before searching
    /// (repeatable).
    #[arg(long)]
    corpus: Vec<PathBuf>,
    /// Topics file (JSON array or JSON Lines of {id, title, ...}).
    #[arg(long)]
    topics: Option<PathBuf>,
    /// Where to write the run (JSON Lines).
    #[arg(long)]
    run: Option<PathBuf>,
    /// Passage judgments; when given, the run is scored.
    #[arg(long)]
    qrels: Option<PathBuf>,
    /// Score this existing run file against --qrels; no searching.
    #[arg(long, conflicts_with_all = ["index", "topics", "beir"])]
    score: Option<PathBuf>,
    /// BEIR collection directory (corpus.jsonl[.gz], queries.jsonl, qrels/).
    #[arg(long)]
    beir: Option<PathBuf>,
    /// BEIR qrels split to evaluate.
    #[arg(long, default_value = "test")]
    split: String,
    /// Turn lexicon expansion off (full ranking otherwise).
    #[arg(long)]
    no_expand: bool,
    /// Plain BM25 on passage text: no expansion, title, second stage or
    /// collapsing.
    #[arg(long)]
    plain: bool,
    /// Also run the plain baseline on the same index and print both
    /// (its run goes beside --run, with `.plain` before the extension).
    #[arg(long, conflicts_with = "plain")]
    compare: bool,
    /// At most this many passages per article (0 = no cap). Default 0, as
    /// in the plain baseline: judgments are per passage, and a long briefing
    /// can hold six answering passages (the search default of 2 is a display
    /// choice; EVALUATION.md reports both).
    #[arg(long, default_value_t = 0)]
    per_article: usize,
    /// Results per topic.
    #[arg(long, default_value_t = 100)]
    depth: usize,
    /// Second-stage weights as JSON, e.g. '{"coverage":0}' (missing keys
    /// keep their defaults).
    #[arg(long)]
    weights: Option<String>,
    /// Lexicon file to use instead of the built-in English one.
    #[arg(long)]
    lexicon: Option<PathBuf>,
    /// Passage size targets for indexing (--corpus), in bytes.
    #[arg(long)]
    min_chars: Option<usize>,
    /// See --min-chars.
    #[arg(long)]
    max_chars: Option<usize>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also score the condensed run: results matching no judged passage
    /// removed (fairer when judged@10 is low; printed after the full report).
    #[arg(long)]
    condensed: bool,
}

/// Runs `search eval`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(dir) = &args.beir {
        return beir(&args, dir);
    }
    if let Some(run) = &args.score {
        let qrels = args.qrels.as_deref().context("--score needs --qrels")?;
        let (qrels, run) = (load_qrels(qrels)?, RunEntry::read_path(run)?);
        print_passages(&args, &score_passages(&qrels, &run))?;
        return print_condensed(&args, &qrels, &run);
    }
    topics(&args)
}

fn topics(args: &Args) -> anyhow::Result<()> {
    let dir = args.index.as_deref().context("--index DIR is required (or --beir / --score)")?;
    let topics_path = args.topics.as_deref().context("--topics FILE is required")?;
    let out = args.run.as_deref().context("--run OUT.jsonl is required")?;
    let qrels = args.qrels.as_deref().map(load_qrels).transpose()?;
    let index = if args.corpus.is_empty() {
        builder(args)?.open(dir).with_context(|| format!("opening index {}", dir.display()))?
    } else {
        build_index(args, dir)?
    };
    let topics = Topic::from_path(topics_path)?;
    let ranking = if args.plain { Ranking::Plain } else { Ranking::Full };
    let report = run_and_score(args, &index, &topics, ranking, out, qrels.as_deref())?;
    if !args.compare {
        return Ok(());
    }
    let plain_out = beside(out, "plain");
    let plain = run_and_score(args, &index, &topics, Ranking::Plain, &plain_out, qrels.as_deref())?;
    if let (Some(full), Some(plain)) = (report, plain) {
        let (f, p) = (full.mean, plain.mean);
        outln!(
            "full vs plain: passage nDCG@10 {:.4} vs {:.4} ({:+.1}%), article nDCG@10 {:.4} vs {:.4} \
             ({:+.1}%), judged@10 {:.2} vs {:.2}",
            f.passage_ndcg10,
            p.passage_ndcg10,
            relative(f.passage_ndcg10, p.passage_ndcg10),
            f.article_ndcg10,
            p.article_ndcg10,
            relative(f.article_ndcg10, p.article_ndcg10),
            f.judged10,
            p.judged10
        );
    }
    Ok(())
}

/// Runs the topics with one ranking, writes the run, scores it when
/// judgments are given.
fn run_and_score(
    args: &Args,
    index: &NewsIndex,
    topics: &[Topic],
    ranking: Ranking,
    out: &Path,
    qrels: Option<&[Judgment]>,
) -> anyhow::Result<Option<PassageReport>> {
    let started = Instant::now();
    let run = run_topics(index, topics, |title| request(args, title, ranking, args.per_article))?;
    RunEntry::write_path(out, &run)?;
    errln!(
        "{ranking:?}: {} topics, {} results in {:.2?} -> {}",
        topics.len(),
        run.len(),
        started.elapsed(),
        out.display()
    );
    let Some(qrels) = qrels else { return Ok(None) };
    let report = score_passages(qrels, &run);
    if args.compare {
        outln!("== {ranking:?}");
    }
    print_passages(args, &report)?;
    print_condensed(args, qrels, &run)?;
    Ok(Some(report))
}

fn print_passages(args: &Args, report: &PassageReport) -> anyhow::Result<()> {
    if args.json {
        outln!("{}", serde_json::to_string_pretty(report)?);
    } else {
        outln!("{report:#}");
    }
    Ok(())
}

fn print_condensed(args: &Args, qrels: &[Judgment], run: &[RunEntry]) -> anyhow::Result<()> {
    if args.condensed {
        outln!("condensed (judged results only):");
        print_passages(args, &score_passages(qrels, &condense(qrels, run)))?;
    }
    Ok(())
}

fn load_qrels(path: &Path) -> anyhow::Result<Vec<Judgment>> {
    let qrels = Judgment::from_path(path)?;
    if qrels.is_empty() {
        bail!("{}: no judgments", path.display());
    }
    Ok(qrels)
}

fn weights(args: &Args) -> anyhow::Result<Option<RankingWeights>> {
    args.weights
        .as_deref()
        .map(|w| serde_json::from_str(w).with_context(|| format!("--weights {w:?}")))
        .transpose()
}

/// The request each topic or query runs. `--weights` need not be set here:
/// every index is opened through [`builder`], which makes them the default.
fn request(args: &Args, text: &str, ranking: Ranking, per_article: usize) -> SearchRequest {
    SearchRequest::new(text)
        .limit(args.depth)
        .per_article(per_article)
        .expand(!args.no_expand)
        .highlight(false)
        .ranking(ranking)
}

fn builder(args: &Args) -> anyhow::Result<NewsIndexBuilder> {
    let mut b = NewsIndexBuilder::new();
    if let Some(path) = &args.lexicon {
        b.lexicon(Lexicon::from_path(path)?);
    }
    if let Some(w) = weights(args)? {
        b.ranking_weights(w);
    }
    let mut passages = PassageConfig::default();
    passages.min_chars = args.min_chars.unwrap_or(passages.min_chars);
    passages.max_chars = args.max_chars.unwrap_or(passages.max_chars);
    b.passage_config(passages);
    Ok(b)
}

/// Indexes `--corpus` into `dir` with the same pipeline as `search index`
/// (parallel parsing, bad records counted and skipped).
fn build_index(args: &Args, dir: &Path) -> anyhow::Result<NewsIndex> {
    let index = builder(args)?.open_or_create(dir)?;
    let reader = newsdex::ingest::ArticleReaderBuilder::new();
    let run = crate::pipeline::index_paths(&index, &args.corpus, &reader, None, true)?;
    errln!(
        "indexed {} articles ({} replaced, {} duplicates), {} passages in the index, {} records \
         rejected, in {:.1?}",
        run.added.added,
        run.added.replaced,
        run.report.duplicate_count() + run.added.duplicates.len() as u64,
        run.committed.passages,
        run.report.rejected(),
        run.elapsed
    );
    Ok(index)
}

fn index_articles(
    index: &NewsIndex,
    articles: impl Iterator<Item = Article>,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut writer = index.writer()?;
    let summary = writer.add_articles(articles)?;
    let stats = writer.commit()?;
    errln!(
        "indexed {} articles ({} replaced, {} duplicates), {} passages in the index, in {:.1?}",
        summary.added,
        summary.replaced,
        summary.duplicates.len(),
        stats.passages,
        started.elapsed()
    );
    Ok(())
}

fn beir(args: &Args, dir: &Path) -> anyhow::Result<()> {
    let collection = BeirCollection::from_dir(dir, &args.split)?;
    let temp = tempfile::tempdir()?;
    let index_dir = args.index.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let mut b = builder(args)?;
    // One passage per document: never split, never merge across documents.
    b.passage_config(PassageConfig { min_chars: usize::MAX, max_chars: usize::MAX });
    let index = b.open_or_create(&index_dir)?;
    if index.stats()?.articles == 0 {
        index_articles(&index, collection.corpus.iter().map(|d| d.to_article()))?;
    }
    let ranking = if args.plain { Ranking::Plain } else { Ranking::Full };
    let report = beir_run(args, &index, &collection, ranking)?;
    print_trec(args, &format!("{ranking:?}"), &report)?;
    if args.compare {
        let plain = beir_run(args, &index, &collection, Ranking::Plain)?;
        print_trec(args, "Plain", &plain)?;
    }
    Ok(())
}

fn beir_run(
    args: &Args,
    index: &NewsIndex,
    collection: &BeirCollection,
    ranking: Ranking,
) -> anyhow::Result<TrecReport> {
    let started = Instant::now();
    let mut run = TrecRun::new();
    let mut entries = Vec::new();
    for q in &collection.queries {
        let req = request(args, &q.text, ranking, 1);
        let hits = index.search(&req).with_context(|| format!("query {}", q.id))?.hits;
        let docs = run.entry(q.id.clone()).or_default();
        for hit in hits {
            docs.push((hit.article_id.clone(), hit.score));
            entries.push(RunEntry {
                topic: q.id.clone(),
                rank: Some(hit.rank),
                article_id: hit.article_id,
                text: String::new(),
                score: hit.score,
            });
        }
    }
    errln!("{ranking:?}: {} queries in {:.2?}", collection.queries.len(), started.elapsed());
    if let Some(out) = &args.run {
        let out = if ranking == Ranking::Plain && args.compare {
            beside(out, "plain")
        } else {
            out.clone()
        };
        RunEntry::write_path(&out, &entries)?;
    }
    Ok(score_trec(&collection.qrels, &run))
}

fn print_trec(args: &Args, label: &str, report: &TrecReport) -> anyhow::Result<()> {
    if args.json {
        outln!("{}", serde_json::to_string_pretty(report)?);
    } else {
        outln!(
            "{label}: {} queries: nDCG@10 {:.4}  R@100 {:.4}",
            report.queries.len(),
            report.mean.ndcg10,
            report.mean.recall100
        );
    }
    Ok(())
}

/// `run.jsonl` -> `run.<tag>.jsonl`.
fn beside(path: &Path, tag: &str) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    path.with_file_name(format!("{stem}.{tag}{ext}"))
}

fn relative(new: f64, base: f64) -> f64 {
    if base > 0.0 {
        (new / base - 1.0) * 100.0
    } else {
        0.0
    }
}
