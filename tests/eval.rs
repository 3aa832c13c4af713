//! `eval`: run topics against a tiny in-RAM index with hand-made judgments
//! and check the metrics against numbers computed by hand.

use newsdex::eval::{run_topics, score_passages, Judgment, RunEntry, Topic};
use newsdex::ingest::Article;

use crate::fixtures;
use newsdex::{NewsIndex, SearchRequest};

fn article(id: &str, title: &str, body: &str) -> Article {
    fixtures::article(id, "Eval Test", fixtures::day(2020, 1, 1), title, &[body])
}

const SHORT: &str = "The quokka quokka quokka shipment left the harbour at dawn.";
const LONG: &str =
    "Officials at the port confirmed on Tuesday that a single quokka had been found \
    in a container of machine tools bound for the northern shipyards, and customs officers said \
    the cargo manifest listed farm equipment, spare parts, fertiliser, textiles and several \
    crates of office furniture that nobody at the dock had ordered or expected to see.";
const OTHER: &str = "A wombat crossed the road near the ministry building on Friday morning.";
const UNRELATED: &str = "Grain prices rose in Chicago as traders weighed the harvest outlook.";

fn topic(id: &str, title: &str) -> Topic {
    Topic {
        id: id.into(),
        title: title.into(),
        description: String::new(),
        narrative: String::new(),
    }
}

fn judged(topic: &str, article_id: &str, grade: u8, text: &str) -> Judgment {
    Judgment { topic: topic.into(), article_id: article_id.into(), grade, text: text.into() }
}

#[test]
fn eval_on_a_tiny_corpus_matches_hand_computed_metrics() {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    writer
        .add_articles([
            article("short", "Harbour news", SHORT),
            article("long", "Port report", LONG),
            article("wombat", "Road news", OTHER),
            article("grain", "Markets", UNRELATED),
        ])
        .unwrap();
    writer.commit().unwrap();
    let topics = [topic("T1", "quokka"), topic("T2", "wombat"), topic("T3", "numbat")];
    let qrels = [
        // T1: the long passage answers; the short one is unjudged; a judged
        // passage that never matches the query lowers the ideal.
        judged("T1", "long", 2, LONG),
        judged("T1", "grain", 1, "traders weighed the harvest outlook"),
        // T2: the only match is judged not relevant.
        judged("T2", "wombat", 0, OTHER),
        // T3: nothing matches the query.
        judged("T3", "grain", 2, UNRELATED),
    ];
    let run = run_topics(&index, &topics, |t| SearchRequest::new(t).limit(100)).unwrap();
    let order: Vec<(&str, &str)> =
        run.iter().map(|r| (r.topic.as_str(), r.article_id.as_str())).collect();
    // Three "quokka"s in a short passage outrank one in a long passage.
    assert_eq!(order, [("T1", "short"), ("T1", "long"), ("T2", "wombat")]);

    // The run survives the file format.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.jsonl");
    RunEntry::write_path(&path, &run).unwrap();
    let report = score_passages(&qrels, &RunEntry::read_path(&path).unwrap());

    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    let [t1, t2, t3] = &report.topics[..] else { panic!("{report:#}") };
    // T1: gains [0, 2]; ideal grades [2, 1]: (3/log2 3) / (3 + 1/log2 3).
    let ideal = 3.0 + 1.0 / 3f64.log2();
    assert!(close(t1.metrics.passage_ndcg10, (3.0 / 3f64.log2()) / ideal), "{report:#}");
    assert!(close(t1.metrics.p10, 0.1) && close(t1.metrics.judged10, 0.1));
    // Articles short (0), long (2); ideal long (2), grain (1).
    assert!(close(t1.metrics.article_ndcg10, (3.0 / 3f64.log2()) / ideal));
    assert!(close(t1.metrics.article_recall100, 0.5));
    // T2: judged but not relevant; T3: nothing returned.
    assert_eq!((t2.metrics.passage_ndcg10, t2.metrics.judged10), (0.0, 0.1));
    assert_eq!((t3.returned, t3.metrics.passage_ndcg10), (0, 0.0));
    assert!(close(report.mean.passage_ndcg10, t1.metrics.passage_ndcg10 / 3.0));
    assert!(close(report.mean.judged10, 0.2 / 3.0));
}
