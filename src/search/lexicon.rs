//! The expansion lexicon compiled for queries: concepts (with facets) and
//! alias groups, analyzed.
//!
//! A typed word or words equal (after analysis) to a member of a facet or an
//! alias group brings in the group's other members as weaker alternatives.
//! The data model and the bundled JSON live in `newsdex-transfers`, which
//! shares them with the arms-transfer extractor; the alias groups are its
//! entities and parties ([`Lexicon::alias_groups`]).

use std::collections::HashMap;

use newsdex_transfers::Lexicon;
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis;

/// One group of interchangeable members, analyzed.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    /// "North Korea" or "arms transfer: weapons".
    pub label: String,
    /// (display form, analyzed terms) of each member.
    pub members: Vec<(String, Vec<String>)>,
}

/// The lexicon with members analyzed, indexed for lookup by analyzed terms.
#[derive(Clone, Debug, Default)]
pub(crate) struct CompiledLexicon {
    pub groups: Vec<Group>,
    /// Analyzed member terms -> groups containing it.
    lookup: HashMap<Vec<String>, Vec<usize>>,
    /// Longest member, in terms.
    pub max_terms: usize,
}

impl CompiledLexicon {
    pub fn compile(lexicon: &Lexicon, analyzer: &mut TextAnalyzer) -> CompiledLexicon {
        let mut out = CompiledLexicon::default();
        let facets = lexicon.concepts.iter().flat_map(|c| {
            c.facets.iter().map(move |f| {
                let label = if c.facets.len() == 1 {
                    c.name.clone()
                } else {
                    format!("{}: {}", c.name, f.name)
                };
                (label, f.members.iter().map(String::as_str).collect::<Vec<_>>())
            })
        });
        let aliases = lexicon.alias_groups().into_iter().map(|(l, m)| (l.to_string(), m));
        for (label, members) in facets.chain(aliases) {
            out.add_group(label, &members, analyzer);
        }
        out
    }

    fn add_group(&mut self, label: String, members: &[&str], analyzer: &mut TextAnalyzer) {
        let index = self.groups.len();
        let mut group = Group { label, members: Vec::new() };
        for member in members {
            let terms = analysis::terms(analyzer, member);
            if terms.is_empty() || group.members.iter().any(|(_, t)| *t == terms) {
                continue;
            }
            self.max_terms = self.max_terms.max(terms.len());
            let groups = self.lookup.entry(terms.clone()).or_default();
            if !groups.contains(&index) {
                groups.push(index);
            }
            group.members.push((member.to_string(), terms));
        }
        self.groups.push(group);
    }

    /// The groups having a member whose analyzed form is `terms`.
    pub fn groups_of(&self, terms: &[String]) -> &[usize] {
        self.lookup.get(terms).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses_and_compiles() {
        let lexicon = Lexicon::default_english();
        assert!(!lexicon.concepts.is_empty() && !lexicon.alias_groups().is_empty());
        let compiled = CompiledLexicon::compile(&lexicon, &mut analysis::en_news());
        let dprk = compiled.groups_of(&["dprk".to_string()]);
        assert_eq!(dprk.len(), 1);
        assert_eq!(compiled.groups[dprk[0]].label, "North Korea");
        let nk = vec!["north".to_string(), "korea".to_string()];
        assert_eq!(compiled.groups_of(&nk), dprk);
    }
}
