//! From a parsed query to a plan: concept groups of weighted alternatives.
//!
//! Each positive clause becomes a [`Group`] (one concept the user asked
//! for); its alternatives are the typed wording (weight 1) and, with
//! expansion on, the other members of every lexicon group the wording
//! belongs to (weight `expansion`). Consecutive plain words that together
//! form a lexicon member ("North Korea") become one group.

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis;
use crate::search::lexicon::CompiledLexicon;
use crate::search::parse::{Clause, Occur, ParsedQuery};

/// A wording that can match: one term or a phrase of analyzed terms.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Alt {
    /// Analyzed terms; more than one means a phrase.
    pub terms: Vec<String>,
    /// How it reads to a user ("artillery shells").
    pub display: String,
    /// 1.0 for typed wordings, the expansion weight otherwise.
    pub weight: f32,
    /// Typed by the user (not an expansion).
    pub typed: bool,
    /// First-stage multiplier that caps an expansion's IDF at its typed
    /// wording's (see [`crate::search::idf::weigh_groups`]); 1 otherwise.
    pub idf_scale: f32,
    /// Its own IDF in passage text, once [`crate::search::idf::weigh_groups`]
    /// has run (0 before, and for a wording absent from the index): what
    /// [`Plan::bounded`] ranks expansions by.
    pub idf: f32,
}

/// One concept of the query with all its wordings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Group {
    /// What the user typed for it.
    pub label: String,
    /// Lexicon groups it was expanded with (for explanations).
    pub expanded_from: Vec<String>,
    /// Must match (`+`).
    pub required: bool,
    pub alts: Vec<Alt>,
}

/// The text part of a query, ready to become tantivy queries.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Plan {
    pub groups: Vec<Group>,
    /// Typed wordings that must not match (`-`).
    pub excluded: Vec<Alt>,
}

/// Function words (Lucene's English stop set). As query groups they add
/// nothing to find but dilute coverage, proximity and phrase features.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

impl Plan {
    /// The plan the first stage searches with: every typed wording, and per
    /// group at most `max` expansions, the heaviest (largest first-stage
    /// weight: `weight × idf_scale × idf`, which for a common expansion is
    /// its own low IDF and for one rarer than the typed word that word's),
    /// ties to the commoner (all tied ones are capped at the typed word's
    /// weight, so the commoner finds more at no more than the typed word's
    /// cost; wordings absent from the index have IDF 0 and come last); kept
    /// in their order. Cut expansions still count in
    /// the second stage (evidence and features read the whole plan); a
    /// passage that holds nothing but cut wordings is no longer a candidate.
    ///
    /// Why: each wording's postings are read whole (the first stage cannot
    /// prune its nested groups), so cost grows with the summed posting
    /// lengths; the commonest expansions ("support", "security", "deal")
    /// cost the most and weigh the least. Needs [`Alt::idf`] filled in.
    pub(crate) fn bounded(&self, max: usize) -> Plan {
        let mut out = self.clone();
        for group in &mut out.groups {
            let mut expansions: Vec<(usize, f32, f32)> = group
                .alts
                .iter()
                .enumerate()
                .filter(|(_, a)| !a.typed)
                .map(|(i, a)| (i, a.weight * a.idf_scale * a.idf, a.idf))
                .collect();
            if expansions.len() <= max {
                continue;
            }
            expansions
                .sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0)));
            let cut: Vec<usize> = expansions[max..].iter().map(|e| e.0).collect();
            let mut i = 0;
            group.alts.retain(|_| {
                i += 1;
                !cut.contains(&(i - 1))
            });
        }
        out
    }

    /// Drops optional single-word groups typed as function words ("for",
    /// "to", "of"), unless nothing else would remain.
    pub(crate) fn drop_stop_words(&mut self) {
        let is_stop = |g: &Group| {
            !g.required
                && g.alts.len() == 1
                && STOP_WORDS.contains(&g.alts[0].display.to_lowercase().as_str())
        };
        if self.groups.iter().any(|g| !is_stop(g)) {
            self.groups.retain(|g| !is_stop(g));
        }
    }
}

/// Builds the plan; `lexicon` is `None` when expansion is off.
pub(crate) fn plan(
    parsed: &ParsedQuery,
    analyzer: &mut TextAnalyzer,
    lexicon: Option<&CompiledLexicon>,
    expansion: f32,
) -> Plan {
    let mut out = Plan::default();
    let mut i = 0;
    while i < parsed.clauses.len() {
        let clause = &parsed.clauses[i];
        if clause.occur == Occur::MustNot {
            out.excluded.extend(clause.units.iter().filter_map(|u| typed(analyzer, &u.text)));
            i += 1;
            continue;
        }
        let (group, used) = match lexicon {
            Some(lex) => multiword(&parsed.clauses[i..], analyzer, lex),
            None => (None, 1),
        };
        let group = group.or_else(|| single(clause, analyzer));
        // A quoted phrase asks for those exact words: it is not expanded.
        let quoted = clause.units.iter().all(|u| u.quoted);
        if let Some(mut group) = group {
            if let (Some(lex), false) = (lexicon, quoted && used == 1) {
                expand(&mut group, lex, expansion);
            }
            out.groups.push(group);
        }
        i += used;
    }
    out
}

fn typed(analyzer: &mut TextAnalyzer, text: &str) -> Option<Alt> {
    let terms = analysis::terms(analyzer, text);
    (!terms.is_empty()).then(|| Alt {
        terms,
        display: text.to_string(),
        weight: 1.0,
        typed: true,
        idf_scale: 1.0,
        idf: 0.0,
    })
}

fn single(clause: &Clause, analyzer: &mut TextAnalyzer) -> Option<Group> {
    let alts: Vec<Alt> = clause.units.iter().filter_map(|u| typed(analyzer, &u.text)).collect();
    let label = alts.iter().map(|a| a.display.as_str()).collect::<Vec<_>>().join(" OR ");
    (!alts.is_empty()).then(|| Group {
        label,
        expanded_from: Vec::new(),
        required: clause.occur == Occur::Must,
        alts,
    })
}

/// The longest run of plain single-word `Should` clauses starting here whose
/// words form a lexicon member of two or more terms.
fn multiword(
    clauses: &[Clause],
    analyzer: &mut TextAnalyzer,
    lex: &CompiledLexicon,
) -> (Option<Group>, usize) {
    let plain = |c: &Clause| c.occur == Occur::Should && c.units.len() == 1 && !c.units[0].quoted;
    let run: Vec<&Clause> =
        clauses.iter().take(lex.max_terms.max(1)).take_while(|c| plain(c)).collect();
    for len in (2..=run.len()).rev() {
        let words: Vec<&str> = run[..len].iter().map(|c| c.units[0].text.as_str()).collect();
        let display = words.join(" ");
        let terms = analysis::terms(analyzer, &display);
        if terms.len() >= 2 && !lex.groups_of(&terms).is_empty() {
            let alt = Alt {
                terms,
                display: display.clone(),
                weight: 1.0,
                typed: true,
                idf_scale: 1.0,
                idf: 0.0,
            };
            let group = Group {
                label: display,
                expanded_from: Vec::new(),
                required: false,
                alts: vec![alt],
            };
            return (Some(group), len);
        }
    }
    (None, 1)
}

/// Adds the other members of every lexicon group a typed wording belongs to.
fn expand(group: &mut Group, lex: &CompiledLexicon, weight: f32) {
    let typed: Vec<Vec<String>> = group.alts.iter().map(|a| a.terms.clone()).collect();
    for terms in &typed {
        for &g in lex.groups_of(terms) {
            let lg = &lex.groups[g];
            if !group.expanded_from.contains(&lg.label) {
                group.expanded_from.push(lg.label.clone());
            }
            for (display, member) in &lg.members {
                if group.alts.iter().any(|a| &a.terms == member) {
                    continue;
                }
                group.alts.push(Alt {
                    terms: member.clone(),
                    display: display.clone(),
                    weight,
                    typed: false,
                    idf_scale: 1.0,
                    idf: 0.0,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse::parse;
    use crate::Lexicon;

    fn plan_of(text: &str, expand: bool) -> Plan {
        let mut analyzer = analysis::en_news();
        let lex = CompiledLexicon::compile(&Lexicon::default_english(), &mut analyzer);
        plan(&parse(text), &mut analyzer, expand.then_some(&lex), 0.5)
    }

    #[test]
    fn multiword_entities_form_one_group_and_expand() {
        let p = plan_of("North Korea weapons Russia", true);
        let labels: Vec<_> = p.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["North Korea", "weapons", "Russia"]);
        let nk = &p.groups[0];
        assert!(nk.alts.iter().any(|a| a.terms == ["dprk"] && a.weight == 0.5 && !a.typed));
        assert!(p.groups[1].alts.iter().any(|a| a.terms == ["artilleri", "shell"]));
    }

    #[test]
    fn without_expansion_only_typed_words_remain() {
        let p = plan_of("North Korea -Ukraine", false);
        assert_eq!(p.groups.len(), 2);
        assert!(p.groups.iter().all(|g| g.alts.len() == 1 && g.alts[0].typed));
        assert_eq!(p.excluded[0].terms, ["ukrain"]);
    }

    #[test]
    fn bounded_keeps_typed_wordings_and_the_heaviest_expansions_in_order() {
        let mut p = plan_of("arms Russia", true);
        // Expansions 1, 2, 3 are rarer than the typed word (IDF 12, 11, 11:
        // capped to its 10, so they tie); 4 is commoner (9: lighter); the
        // others are absent from the index (IDF 0).
        let idfs = [10.0, 12.0, 11.0, 11.0, 9.0];
        assert!(p.groups[0].alts.len() > idfs.len());
        for (i, alt) in p.groups[0].alts.iter_mut().enumerate() {
            alt.idf = idfs.get(i).copied().unwrap_or(0.0);
            if alt.idf > 10.0 {
                alt.idf_scale = 10.0 / alt.idf;
            }
        }
        let kept = |b: &Plan| b.groups[0].alts.iter().map(|a| a.idf).collect::<Vec<_>>();
        // Ties go to the commoner, in query order; the typed word stays first.
        assert_eq!(kept(&p.bounded(2)), [10.0, 11.0, 11.0]);
        assert_eq!(kept(&p.bounded(3)), [10.0, 12.0, 11.0, 11.0]);
        assert_eq!(kept(&p.bounded(4)), [10.0, 12.0, 11.0, 11.0, 9.0]);
        assert!(p.bounded(0).groups[0].alts.iter().all(|a| a.typed));
        // Groups within the bound are untouched ("Russia" has 4 expansions).
        assert_eq!(p.bounded(4).groups[1], p.groups[1]);
        assert_eq!(p.bounded(usize::MAX), p);
    }

    #[test]
    fn punctuation_only_words_vanish() {
        assert!(plan_of("— ... 's", true).groups.is_empty());
    }
}
