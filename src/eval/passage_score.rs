//! Passage-level scoring of a run against graded passage judgments: a port
//! of `../shared/eval/score.py`, giving the same numbers.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::eval::dcg::{dcg_exp, ratio};
use crate::eval::qrels::Judgment;
use crate::eval::run::RunEntry;
use crate::eval::tokens::{Interner, Tokens};

/// Results scored per topic; later results are ignored.
const DEPTH: usize = 100;
/// Cutoff of nDCG, P and judged.
const CUT: usize = 10;

/// The five figures of `score.py`, for one topic or averaged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PassageMetrics {
    /// Passage nDCG@10 with gains `2^grade - 1`; the ideal ranking is every
    /// judged passage of the topic, best grade first.
    pub passage_ndcg10: f64,
    /// Share of the top 10 that earned grade ≥ 1.
    pub p10: f64,
    /// Share of the top 10 that matched any judged passage (of any grade).
    pub judged10: f64,
    /// nDCG@10 over distinct articles in order of first appearance, an
    /// article's gain being its best judged grade for the topic.
    pub article_ndcg10: f64,
    /// Share of the topic's relevant (grade ≥ 1) articles among the first
    /// 100 distinct articles returned.
    pub article_recall100: f64,
}

/// The figures of one topic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicScores {
    /// Topic id.
    pub topic: String,
    /// How many results the run holds for the topic.
    pub returned: usize,
    /// The figures.
    #[serde(flatten)]
    pub metrics: PassageMetrics,
}

/// Scores of a run: per topic (every topic of the judgments, in id order)
/// and their mean.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PassageReport {
    /// Mean over the judged topics; a topic the run misses counts as 0.
    pub mean: PassageMetrics,
    /// One row per judged topic, sorted by id.
    pub topics: Vec<TopicScores>,
}

/// Scores `run` against `judgments` with the rules of `score.py`.
///
/// A returned passage matches a judged passage of the same topic and article
/// when they share 8 consecutive word tokens, or, when either has fewer than
/// 8 tokens, when the shorter appears in order inside the other. It earns the
/// best grade among the matching judged passages not already claimed by an
/// earlier result, and claims that one. Results are ordered by `rank`
/// (line order when absent), ties by line order.
pub fn score_passages(judgments: &[Judgment], run: &[RunEntry]) -> PassageReport {
    let mut interner = Interner::default();
    let judged = JudgedTopics::new(judgments, &mut interner);
    let mut by_topic: HashMap<&str, Vec<(usize, usize, &RunEntry)>> = HashMap::new();
    for (pos, r) in run.iter().enumerate() {
        by_topic.entry(&r.topic).or_default().push((r.rank.unwrap_or(pos), pos, r));
    }
    let topics: Vec<TopicScores> = judged
        .topics
        .iter()
        .map(|(topic, j)| {
            let mut results = by_topic.remove(topic.as_str()).unwrap_or_default();
            results.sort_by_key(|&(rank, pos, _)| (rank, pos));
            let results: Vec<&RunEntry> = results.into_iter().map(|(_, _, r)| r).collect();
            TopicScores {
                topic: topic.clone(),
                returned: results.len(),
                metrics: j.score(&results, &mut interner),
            }
        })
        .collect();
    PassageReport { mean: mean(&topics), topics }
}

/// The run without the results that match no judged passage of their topic
/// and article ("condensed lists", Sakai 2007), ranks renumbered in order.
///
/// Scoring the condensed run asks how well a system orders what was judged,
/// which is fairer to a system whose results the judgment pool did not cover
/// (low judged@10); it is reported beside, never instead of, the full run.
pub fn condense(judgments: &[Judgment], run: &[RunEntry]) -> Vec<RunEntry> {
    let mut interner = Interner::default();
    let judged = JudgedTopics::new(judgments, &mut interner);
    let mut sorted: Vec<(usize, usize, &RunEntry)> =
        run.iter().enumerate().map(|(pos, r)| (r.rank.unwrap_or(pos), pos, r)).collect();
    sorted.sort_by(|a, b| (a.2.topic.as_str(), a.0, a.1).cmp(&(b.2.topic.as_str(), b.0, b.1)));
    let mut next_rank: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (_, _, r) in sorted {
        let Some(topic) = judged.topics.get(&r.topic) else { continue };
        let returned = interner.tokens(&r.text);
        let passages = topic.passages.get(&r.article_id).into_iter().flatten();
        if passages.into_iter().any(|(_, j, _)| j.matches(&returned)) {
            let rank = next_rank.entry(&r.topic).or_insert(0);
            *rank += 1;
            out.push(RunEntry { rank: Some(*rank), ..r.clone() });
        }
    }
    out
}

fn mean(topics: &[TopicScores]) -> PassageMetrics {
    let n = topics.len().max(1) as f64;
    let sum = |f: fn(&PassageMetrics) -> f64| topics.iter().map(|t| f(&t.metrics)).sum::<f64>() / n;
    PassageMetrics {
        passage_ndcg10: sum(|m| m.passage_ndcg10),
        p10: sum(|m| m.p10),
        judged10: sum(|m| m.judged10),
        article_ndcg10: sum(|m| m.article_ndcg10),
        article_recall100: sum(|m| m.article_recall100),
    }
}

/// Judgments grouped by topic, with tokens computed once.
struct JudgedTopics {
    topics: BTreeMap<String, TopicJudgments>,
}

#[derive(Default)]
struct TopicJudgments {
    /// article id -> (grade, tokens, index of the judgment) in file order.
    passages: HashMap<String, Vec<(u8, Tokens, usize)>>,
    /// Every judged grade of the topic (the ideal ranking).
    grades: Vec<u8>,
    /// Best grade per judged article.
    article_grade: HashMap<String, u8>,
}

impl JudgedTopics {
    fn new(judgments: &[Judgment], interner: &mut Interner) -> Self {
        let mut topics: BTreeMap<String, TopicJudgments> = BTreeMap::new();
        for (i, q) in judgments.iter().enumerate() {
            let t = topics.entry(q.topic.clone()).or_default();
            let tokens = interner.tokens(&q.text);
            t.passages.entry(q.article_id.clone()).or_default().push((q.grade, tokens, i));
            t.grades.push(q.grade);
            let best = t.article_grade.entry(q.article_id.clone()).or_insert(q.grade);
            *best = (*best).max(q.grade);
        }
        JudgedTopics { topics }
    }
}

impl TopicJudgments {
    fn score(&self, results: &[&RunEntry], interner: &mut Interner) -> PassageMetrics {
        let (gains, judged_hits) = self.passage_gains(results, interner);
        let mut ideal = self.grades.clone();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let (article_ndcg10, article_recall100) = self.article_figures(results);
        PassageMetrics {
            passage_ndcg10: ratio(dcg_exp(&gains, CUT), dcg_exp(&ideal, CUT)),
            p10: gains.iter().take(CUT).filter(|&&g| g >= 1).count() as f64 / CUT as f64,
            judged10: judged_hits as f64 / CUT as f64,
            article_ndcg10,
            article_recall100,
        }
    }

    /// The grade each of the first 100 results earns, and how many of the
    /// first 10 matched any judged passage.
    fn passage_gains(&self, results: &[&RunEntry], interner: &mut Interner) -> (Vec<u8>, usize) {
        let mut claimed = HashSet::new();
        let mut gains = Vec::new();
        let mut judged_hits = 0;
        for r in results.iter().take(DEPTH) {
            let returned = interner.tokens(&r.text);
            let mut best: Option<(u8, usize)> = None;
            let mut any_match = false;
            for (grade, judged, idx) in self.passages.get(&r.article_id).into_iter().flatten() {
                if !judged.matches(&returned) {
                    continue;
                }
                any_match = true;
                // Strictly greater: among equal grades the first judged wins.
                if !claimed.contains(idx) && best.map_or(true, |(g, _)| *grade > g) {
                    best = Some((*grade, *idx));
                }
            }
            if let Some((_, idx)) = best {
                claimed.insert(idx);
            }
            gains.push(best.map_or(0, |(g, _)| g));
            if gains.len() <= CUT && any_match {
                judged_hits += 1;
            }
        }
        (gains, judged_hits)
    }

    /// Article nDCG@10 and Recall@100 over distinct articles in order of
    /// first appearance (over all results, not only the first 100).
    fn article_figures(&self, results: &[&RunEntry]) -> (f64, f64) {
        let mut seen = HashSet::new();
        let articles: Vec<&str> =
            results.iter().map(|r| r.article_id.as_str()).filter(|a| seen.insert(*a)).collect();
        let gains: Vec<u8> =
            articles.iter().map(|a| self.article_grade.get(*a).copied().unwrap_or(0)).collect();
        let mut ideal: Vec<u8> = self.article_grade.values().copied().collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let relevant: HashSet<&str> =
            self.article_grade.iter().filter(|(_, &g)| g >= 1).map(|(a, _)| a.as_str()).collect();
        let found = articles.iter().take(DEPTH).filter(|a| relevant.contains(*a)).count();
        let recall = if relevant.is_empty() { 0.0 } else { found as f64 / relevant.len() as f64 };
        (ratio(dcg_exp(&gains, CUT), dcg_exp(&ideal, CUT)), recall)
    }
}

impl fmt::Display for PassageReport {
    /// The mean line of `score.py`, preceded by its per-topic table when
    /// formatted with `{:#}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            writeln!(f, "topic  p.nDCG@10  P@10  judged@10  a.nDCG@10  a.R@100")?;
            for t in &self.topics {
                let m = &t.metrics;
                writeln!(
                    f,
                    "{:5}  {:9.4}  {:4.2}  {:9.2}  {:9.4}  {:7.3}",
                    t.topic,
                    m.passage_ndcg10,
                    m.p10,
                    m.judged10,
                    m.article_ndcg10,
                    m.article_recall100
                )?;
            }
        }
        let m = &self.mean;
        write!(
            f,
            "mean over {} topics: passage nDCG@10 {:.4}  P@10 {:.3}  judged@10 {:.2}  \
             article nDCG@10 {:.4}  article R@100 {:.3}",
            self.topics.len(),
            m.passage_ndcg10,
            m.p10,
            m.judged10,
            m.article_ndcg10,
            m.article_recall100
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judgment(topic: &str, article: &str, grade: u8, text: &str) -> Judgment {
        Judgment { topic: topic.into(), article_id: article.into(), grade, text: text.into() }
    }

    fn entry(topic: &str, article: &str, text: &str) -> RunEntry {
        RunEntry {
            topic: topic.into(),
            rank: None,
            article_id: article.into(),
            text: text.into(),
            score: 0.0,
        }
    }

    const J0: &str = "North Korea shipped artillery shells to Russia by rail last month.";
    const J1: &str = "The shipment was denied by Pyongyang officials on state media.";
    const J2: &str = "Wagner received rockets and missiles from North Korean suppliers last year.";
    const J3: &str = "Kim Jong Un inspected a new missile launch site on Friday.";

    fn judgments() -> Vec<Judgment> {
        vec![
            judgment("T1", "a", 2, J0),
            judgment("T1", "a", 1, J1),
            judgment("T1", "b", 2, J2),
            judgment("T1", "c", 0, J3),
            judgment("T2", "d", 1, "Taiwan arms sales backlog grows to nineteen billion dollars."),
        ]
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn hand_computed_scores() {
        let run = vec![
            // Matches J0 (2) and J1 (1): earns 2 and claims J0.
            entry("T1", "a", &format!("{J0} {J1}")),
            // Matches only J0, already claimed: earns 0 but counts as judged.
            entry("T1", "a", J0),
            // Unjudged.
            entry("T1", "x", "Something else entirely about other matters in the news today."),
            // Judged not relevant.
            entry("T1", "c", J3),
            // Three tokens, found in order inside J2.
            entry("T1", "b", "Wagner received rockets"),
            // A result for a topic without judgments is ignored.
            entry("T9", "a", J0),
        ];
        let report = score_passages(&judgments(), &run);
        assert_eq!(report.topics.len(), 2);
        let t1 = &report.topics[0];
        assert_eq!((t1.topic.as_str(), t1.returned), ("T1", 5));
        // Gains [2,0,0,0,2]; ideal grades [2,2,1,0].
        let ndcg = (3.0 + 3.0 / 6f64.log2()) / (3.0 + 3.0 / 3f64.log2() + 1.0 / 4f64.log2());
        assert!(close(t1.metrics.passage_ndcg10, ndcg), "{}", t1.metrics.passage_ndcg10);
        assert!(close(t1.metrics.p10, 0.2));
        assert!(close(t1.metrics.judged10, 0.4));
        // Articles a, x, c, b with grades [2,0,0,2]; ideal [2,2,0].
        let a_ndcg = (3.0 + 3.0 / 5f64.log2()) / (3.0 + 3.0 / 3f64.log2());
        assert!(close(t1.metrics.article_ndcg10, a_ndcg));
        assert!(close(t1.metrics.article_recall100, 1.0));
        let t2 = &report.topics[1];
        assert_eq!((t2.returned, t2.metrics), (0, PassageMetrics::default()));
        assert!(close(report.mean.passage_ndcg10, ndcg / 2.0));
        assert!(close(report.mean.article_recall100, 0.5));
    }

    #[test]
    fn explicit_ranks_override_line_order() {
        let mut low = entry("T1", "c", J3);
        low.rank = Some(2);
        let mut high = entry("T1", "b", J2);
        high.rank = Some(1);
        let report = score_passages(&judgments(), &[low, high]);
        let ndcg = 3.0 / (3.0 + 3.0 / 3f64.log2() + 1.0 / 4f64.log2());
        assert!(close(report.topics[0].metrics.passage_ndcg10, ndcg));
    }

    #[test]
    fn condensing_drops_unjudged_results_and_renumbers() {
        let mut run = vec![entry("T1", "x", "unjudged text"), entry("T1", "b", J2)];
        run.push(entry("T9", "b", J2));
        let condensed = condense(&judgments(), &run);
        assert_eq!(condensed.len(), 1);
        assert_eq!((condensed[0].article_id.as_str(), condensed[0].rank), ("b", Some(1)));
        let report = score_passages(&judgments(), &condensed);
        let ndcg = 3.0 / (3.0 + 3.0 / 3f64.log2() + 1.0 / 4f64.log2());
        assert!(close(report.topics[0].metrics.passage_ndcg10, ndcg));
    }

    #[test]
    fn only_the_first_hundred_results_count() {
        let mut run: Vec<RunEntry> =
            (0..100).map(|i| entry("T1", &format!("z{i}"), "filler")).collect();
        run.push(entry("T1", "b", J2));
        let report = score_passages(&judgments(), &run);
        assert_eq!(report.topics[0].metrics.passage_ndcg10, 0.0);
        assert_eq!(report.topics[0].metrics.article_recall100, 0.0);
    }

    #[test]
    fn table_matches_score_py_layout() {
        let report = score_passages(&judgments(), &[entry("T1", "b", J2)]);
        let text = format!("{report:#}");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("topic  p.nDCG@10  P@10  judged@10  a.nDCG@10  a.R@100"));
        assert!(lines.next().unwrap().starts_with("T1      "));
        assert!(text.ends_with("article R@100 0.250"), "{text}");
    }
}
