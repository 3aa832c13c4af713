//! The expansion lexicon: concepts (with facets) and entity alias groups.
//!
//! A typed word or words equal (after analysis) to a member of a facet or an
//! alias group brings in the group's other members as weaker alternatives.
//! The bundled default covers general news vocabulary only.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis;
use crate::error::{Error, Result};

const DEFAULT_JSON: &str = include_str!("lexicon/default.json");

/// Concepts and entity alias groups used to expand queries.
///
/// The JSON form is `{"concepts": [{"name", "facets": [{"name", "members":
/// [..]}]}], "entities": [{"name", "aliases": [..]}]}`; members and aliases
/// may be several words (matched as phrases).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Concepts, e.g. "arms transfer" with facets "weapons" and "transfer".
    #[serde(default)]
    pub concepts: Vec<Concept>,
    /// Entities with their aliases, e.g. North Korea / DPRK / Pyongyang.
    #[serde(default)]
    pub entities: Vec<Entity>,
}

/// A concept: one or more facets whose members are interchangeable words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Concept {
    /// Name shown in explanations, e.g. "arms transfer".
    pub name: String,
    /// The concept's facets, e.g. "weapons" and "transfer".
    pub facets: Vec<Facet>,
}

/// A set of words standing for one facet of a concept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    /// Name shown in explanations, e.g. "weapons".
    pub name: String,
    /// The words or phrases, e.g. "munitions", "artillery shells".
    pub members: Vec<String>,
}

/// A named entity and the names it goes by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name, e.g. "North Korea".
    pub name: String,
    /// All names, e.g. "DPRK", "Pyongyang", "North Korean".
    pub aliases: Vec<String>,
}

impl Lexicon {
    /// The bundled English news lexicon.
    pub fn default_english() -> Lexicon {
        // The bundled file is checked by a unit test, so this cannot fail.
        Lexicon::from_json(DEFAULT_JSON, Path::new("<bundled>")).unwrap_or_default()
    }

    /// Reads a lexicon from a JSON file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Lexicon> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(Error::io(path))?;
        Lexicon::from_json(&text, path)
    }

    fn from_json(text: &str, path: &Path) -> Result<Lexicon> {
        serde_json::from_str(text)
            .map_err(|source| Error::Lexicon { path: path.to_path_buf(), source })
    }

    /// An empty lexicon: no expansion at all.
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }
}

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
                (label, &f.members)
            })
        });
        let entities = lexicon.entities.iter().map(|e| (e.name.clone(), &e.aliases));
        for (label, members) in facets.chain(entities) {
            out.add_group(label, members, analyzer);
        }
        out
    }

    fn add_group(&mut self, label: String, members: &[String], analyzer: &mut TextAnalyzer) {
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
            group.members.push((member.clone(), terms));
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
        let lexicon: Lexicon = serde_json::from_str(DEFAULT_JSON).unwrap();
        assert!(!lexicon.concepts.is_empty() && !lexicon.entities.is_empty());
        let compiled = CompiledLexicon::compile(&lexicon, &mut analysis::en_news());
        let dprk = compiled.groups_of(&["dprk".to_string()]);
        assert_eq!(dprk.len(), 1);
        assert_eq!(compiled.groups[dprk[0]].label, "North Korea");
        let nk = vec!["north".to_string(), "korea".to_string()];
        assert_eq!(compiled.groups_of(&nk), dprk);
    }

    #[test]
    fn a_bad_lexicon_file_names_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lex.json");
        std::fs::write(&path, "{\"concepts\": [oops]}").unwrap();
        let err = Lexicon::from_path(&path).unwrap_err().to_string();
        assert!(err.contains("lex.json"), "{err}");
    }
}
