// # Search timing: the same requests, many times, from Rust
//
// - opens an index (`search index` made it),
// - runs every topic title of a topics file as a default request (limit 10,
//   two passages per article, expansion and highlights on) `REPS` times,
// - prints the mean time per search.
//
// `python/bench/overhead.py` runs the same searches from Python on the same
// index and compares the two (the bindings must cost at most 10 % more).
//
// cargo run --release --example search_timing -- INDEX TOPICS.json [REPS]

use std::error::Error;
use std::time::Instant;

use newsdex::eval::Topic;
use newsdex::{NewsIndex, SearchRequest};

fn main() {
    if let Err(err) = try_main() {
        eprintln!("search_timing: {err}");
        std::process::exit(1);
    }
}

fn try_main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [index, topics, rest @ ..] = args.as_slice() else {
        return Err("usage: search_timing INDEX TOPICS.json [REPS]".into());
    };
    let reps: usize = rest.first().map_or(Ok(20), |r| r.parse())?;
    let index = NewsIndex::open(index)?;
    let queries: Vec<String> = Topic::from_path(topics)?.into_iter().map(|t| t.title).collect();
    // One warm-up round: page cache, lazily loaded structures.
    let mut hits = 0;
    for q in &queries {
        hits += index.search(&SearchRequest::new(q.as_str()))?.hits.len();
    }
    let started = Instant::now();
    for _ in 0..reps {
        for q in &queries {
            hits += index.search(&SearchRequest::new(q.as_str()))?.hits.len();
        }
    }
    let searches = reps * queries.len();
    let mean_us = started.elapsed().as_secs_f64() * 1e6 / searches as f64;
    println!("{{\"searches\": {searches}, \"mean_us\": {mean_us:.1}, \"hits\": {hits}}}");
    Ok(())
}
