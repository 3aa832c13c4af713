//! The lexicon: one JSON file shared by query expansion and extraction.
//!
//! Query expansion (in the `newsdex` crate) reads `concepts` and the alias
//! groups ([`Lexicon::alias_groups`]: `entities` plus each party's aliases
//! and adjectives). The extractor reads `parties`, `items`,
//! `transfer_words` and `stance_words`. Old lexicon files holding only
//! `concepts` and `entities` still load; they expand queries and extract
//! nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::transfer::{ItemKind, Status};

const DEFAULT_JSON: &str = include_str!("lexicon/default.json");

/// Concepts and alias groups for query expansion, and the vocabulary of
/// arms transfers for extraction.
///
/// JSON shape (every section optional):
///
/// ```json
/// {"concepts": [{"name": "arms transfer", "facets": [{"name": "weapons", "members": ["arms", "munitions"]}]}],
///  "entities": [{"name": "NATO", "aliases": ["NATO", "Atlantic alliance"]}],
///  "parties": [{"name": "North Korea", "kind": "country", "aliases": ["North Korea", "DPRK", "Pyongyang"],
///               "adjectives": ["North Korean"], "mentions": ["the North", "Kim Jong Un"]}],
///  "items": [{"kind": "drones", "words": ["drones", "UAVs", "Shahed"]}],
///  "transfer_words": [{"role": "supplier", "words": ["supplied", "sells", "deliveries"]}],
///  "stance_words": [{"stance": "denial", "words": ["denied", "groundless"]}],
///  "origin_suffixes": ["made", "supplied"]}
/// ```
///
/// Words and phrases match whole words. A word written in lowercase matches
/// any case; one starting with a capital needs a capital in the text
/// ("Turkey", not "turkey"); an acronym of up to three letters must match
/// exactly ("US", not "us").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Concepts, e.g. "arms transfer" with facets "weapons" and "transfer".
    #[serde(default)]
    pub concepts: Vec<Concept>,
    /// Alias groups that are not transfer parties (query expansion only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    /// Countries, groups, companies and coalitions that can supply, receive,
    /// allege or deny; their aliases and adjectives also expand queries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// Words naming what is transferred, by item kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemWords>,
    /// Verbs and nouns of transfer, by the side their subject or possessor
    /// takes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfer_words: Vec<TransferWords>,
    /// Words that make a transfer denied, alleged or planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stance_words: Vec<StanceWords>,
    /// Endings that make a party name an origin marker: with `made`,
    /// "Iranian-made drones" and "Iran-made drones" come from Iran.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin_suffixes: Vec<String>,
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

/// A named entity and the names it goes by (an alias group for query
/// expansion).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name, e.g. "North Korea".
    pub name: String,
    /// All names, e.g. "DPRK", "Pyongyang", "North Korean".
    pub aliases: Vec<String>,
}

/// A party to transfers: a country, a non-state group, a company or a
/// coalition, under its canonical name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Party {
    /// Canonical name, as the annotation guidelines spell it ("North Korea",
    /// "Wagner Group", "Toshiba Machine"). It is always an alias too.
    pub name: String,
    /// What kind of party it is. Default `country`.
    #[serde(default)]
    pub kind: PartyKind,
    /// Names interchangeable with it, also in search: "DPRK", "Pyongyang",
    /// "North Koreans". Each alias and adjective expands queries to the
    /// others.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives ("North Korean"): before an item word they mark its origin
    /// ("North Korean shells" come from North Korea); elsewhere they name
    /// the party ("the North Korean government").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjectives: Vec<String>,
    /// Further ways passages refer to the party that are too loose for query
    /// expansion: leaders, officials, institutions, state media ("Kim Jong
    /// Un", "the Kremlin", "KCNA", "the administration"). Extraction only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<String>,
    /// Earlier canonical names: mentions in passages published on or before
    /// `until` resolve to `name` ("Moscow" in 1987 is the Soviet Union).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formerly: Vec<FormerName>,
}

/// An earlier canonical name of a party, see [`Party::formerly`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormerName {
    /// The canonical name used until `until`, e.g. "Soviet Union".
    pub name: String,
    /// Last day (`YYYY-MM-DD`) the earlier name applies.
    pub until: String,
}

/// What kind of party a [`Party`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PartyKind {
    /// A state.
    #[default]
    Country,
    /// An armed group, militia, movement or mercenary company (Hezbollah,
    /// Wagner Group).
    NonState,
    /// A manufacturer or trading company (Toshiba Machine, Kongsberg).
    Company,
    /// An alliance or a loose group of states (NATO, Western allies, G7).
    Coalition,
    /// An international organization that is not an alliance (the United
    /// Nations).
    Organization,
}

/// Words naming one [`ItemKind`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemWords {
    /// The kind these words name.
    pub kind: ItemKind,
    /// Words and phrases, e.g. "UAVs", "Shahed drones".
    pub words: Vec<String>,
}

/// Transfer verbs and nouns, grouped by the side their actor takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransferWords {
    /// Which side the word's subject or possessor is.
    pub role: Role,
    /// The item the word itself names ("military aid", "drawdown": weapons),
    /// so that it needs no separate item word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemKind>,
    /// The status the word itself implies ("pledged", "requested":
    /// planned), unless a denial or allegation overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Verbs in all their forms and nouns: "supplied", "sells", "deliveries".
    pub words: Vec<String>,
}

/// The side the actor of a transfer word takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Role {
    /// "X supplied", "X's deliveries": X is the supplier; "to Y" is the
    /// recipient.
    Supplier,
    /// "X bought", "X's purchase": X is the recipient; "from Y" is the
    /// supplier.
    Recipient,
    /// "X fired", "X's use of": X holds the item; an item marked with
    /// another party's origin ("North Korean missiles") was transferred from
    /// that party to X.
    User,
}

/// Words that set a transfer's status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceWords {
    /// What the words signal.
    pub stance: Stance,
    /// Words and phrases.
    pub words: Vec<String>,
}

/// What a stance word signals about a transfer in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Stance {
    /// A party says it is false: "denied", "groundless", "rumor".
    Denial,
    /// Negates the transfer verb shortly before it: "not", "never", "n't".
    Negation,
    /// A claim, made by its subject or agent: "X accused", "claims by X",
    /// "our information indicates", "reports that".
    Allegation,
    /// A hedge naming no claimant: "alleged", "reportedly", "suspected".
    Hedge,
    /// Reported speech: "said", "told". A party other than the outlet and
    /// the two sides saying it makes the transfer alleged, by that party.
    Attribution,
    /// Future, intended, requested, approved or hypothetical: "will",
    /// "plans", "approved", "asked for".
    Plan,
    /// Opens a hypothetical or open question for its whole clause, over any
    /// tense in it: "whether", "if" ("unclear whether Iran has delivered").
    Condition,
    /// Marks what follows as done, overriding a plan word further away:
    /// "has", "already", "had".
    Fact,
}

impl Lexicon {
    /// The bundled English news lexicon.
    pub fn default_english() -> Lexicon {
        // The bundled file is checked by a unit test, so this cannot fail.
        Lexicon::from_json_at(DEFAULT_JSON, Path::new("<bundled>")).unwrap_or_default()
    }

    /// An empty lexicon: no expansion, no extraction.
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// Reads a lexicon from a JSON file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Lexicon> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Lexicon::from_json_at(&text, path)
    }

    /// Reads a lexicon from JSON text.
    pub fn from_json(text: &str) -> Result<Lexicon> {
        Lexicon::from_json_at(text, Path::new("<string>"))
    }

    fn from_json_at(text: &str, path: &Path) -> Result<Lexicon> {
        let lexicon: Lexicon = serde_json::from_str(text)
            .map_err(|source| Error::Parse { path: path.to_path_buf(), source })?;
        lexicon.validate(path)?;
        Ok(lexicon)
    }

    /// Checks what serde cannot: no empty names, dates of former names.
    pub(crate) fn validate(&self, path: &Path) -> Result<()> {
        for (i, party) in self.parties.iter().enumerate() {
            if party.name.trim().is_empty() {
                return Err(Error::invalid(path, format!("party #{} has an empty name", i + 1)));
            }
            for former in &party.formerly {
                if !is_iso_day(&former.until) {
                    let what = format!(
                        "party {:?}: formerly.until {:?} is not a YYYY-MM-DD date",
                        party.name, former.until
                    );
                    return Err(Error::invalid(path, what));
                }
            }
        }
        Ok(())
    }

    /// The alias groups for query expansion, as (label, members): each
    /// entity, then each party with its aliases and adjectives (its name
    /// first unless listed). A party with a single name would expand to
    /// nothing, so it is left out (its mentions never expand).
    pub fn alias_groups(&self) -> Vec<(&str, Vec<&str>)> {
        let entities = self
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.aliases.iter().map(String::as_str).collect::<Vec<_>>()));
        let parties = self.parties.iter().map(|p| {
            let mut members: Vec<&str> = Vec::new();
            if !p.aliases.contains(&p.name) {
                members.push(&p.name);
            }
            for name in p.aliases.iter().chain(&p.adjectives) {
                if !members.contains(&name.as_str()) {
                    members.push(name);
                }
            }
            (p.name.as_str(), members)
        });
        entities.chain(parties.filter(|(_, members)| members.len() > 1)).collect()
    }
}

fn is_iso_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses_and_has_every_section() {
        let lexicon = Lexicon::from_json_at(DEFAULT_JSON, Path::new("<bundled>")).unwrap();
        assert!(!lexicon.concepts.is_empty() && !lexicon.parties.is_empty());
        assert!(!lexicon.items.is_empty() && !lexicon.transfer_words.is_empty());
        assert!(!lexicon.stance_words.is_empty() && !lexicon.origin_suffixes.is_empty());
        for kind in ItemKind::ALL {
            assert!(lexicon.items.iter().any(|i| i.kind == kind), "no words for {kind}");
        }
        let groups = lexicon.alias_groups();
        let nk = groups.iter().find(|(label, _)| *label == "North Korea").unwrap();
        assert!(nk.1.contains(&"DPRK") && nk.1.contains(&"North Korean"));
    }

    #[test]
    fn an_old_lexicon_with_only_concepts_and_entities_loads() {
        let json = r#"{"concepts": [{"name": "c", "facets": [{"name": "f", "members": ["a", "b"]}]}],
                       "entities": [{"name": "E", "aliases": ["E", "e2"]}]}"#;
        let lexicon = Lexicon::from_json(json).unwrap();
        assert!(lexicon.parties.is_empty());
        assert_eq!(lexicon.alias_groups(), vec![("E", vec!["E", "e2"])]);
    }

    #[test]
    fn bad_lexicons_say_what_and_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lex.json");
        std::fs::write(&path, "{\"concepts\": [oops]}").unwrap();
        let err = Lexicon::from_path(&path).unwrap_err().to_string();
        assert!(err.contains("lex.json") && err.contains("line 1"), "{err}");

        let err = Lexicon::from_json(r#"{"items": [{"kind": "lasers", "words": ["x"]}]}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("lasers"), "{err}");

        let json = r#"{"parties": [{"name": "Russia", "formerly": [{"name": "Soviet Union", "until": "1991"}]}]}"#;
        let err = Lexicon::from_json(json).unwrap_err().to_string();
        assert!(err.contains("Russia") && err.contains("1991"), "{err}");

        let err = Lexicon::from_path(dir.path().join("missing.json")).unwrap_err().to_string();
        assert!(err.contains("missing.json"), "{err}");
    }
}
