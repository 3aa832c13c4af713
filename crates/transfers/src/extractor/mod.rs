//! The extractor: lexicon-driven rules over the words of one passage.
//!
//! A passage goes through four steps:
//! 1. `vocab`: a fast Aho-Corasick prefilter (no item word: nothing to do),
//!    then one scan for every lexicon word (`scan`): parties, items, transfer
//!    words, stance words and the grammar words the rules need.
//! 2. `passage`: sentences, word positions, the parties "we" and "you"
//!    stand for (from the outlet or the title), and which party words mark
//!    an item's origin ("North Korean shells").
//! 3. `roles`: for each transfer word (and each item phrase such as
//!    "artillery from North Korea to Russia"), supplier, recipient and item
//!    by the side its subject takes, "to/for", "from", "by", "between X and
//!    Y", possessors and origins; `stance`: the status and claimant from the
//!    sentence's denial, negation, allegation, attribution, plan and tense
//!    words.
//! 4. `merge`: one transfer per (supplier, recipient, status, claimant); a
//!    side left open is completed from another transfer sharing the other
//!    side (of the passage, then of the title), and a recipient still open
//!    from the one other state the passage (else the title) names.

mod merge;
mod passage;
mod roles;
mod scan;
mod stance;
mod vocab;

use std::path::Path;

use crate::context::PassageContext;
use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, PartyKind};
use crate::transfer::Transfer;

use self::merge::Found;
use self::passage::Passage;
use self::vocab::{Form, PartyId, Sense, Vocab};

/// Extracts arms-transfer mentions from passages.
///
/// Built once from a [`Lexicon`] (all its words compiled into one
/// automaton); then [`Extractor::extract`] is a pure function of the
/// passage and its context. Cheap to share across threads (`Send + Sync`).
///
/// ```
/// use newsdex_transfers::{Extractor, PassageContext, Status};
///
/// let extractor = Extractor::default(); // the bundled English lexicon
/// let ctx = PassageContext::new("Pyongyang denied supplying artillery shells to Moscow.")
///     .published("2022-11-08");
/// let transfers = extractor.extract(&ctx);
/// assert_eq!(transfers[0].to_string(),
///     "North Korea → Russia · artillery and ammunition · denied (by North Korea)");
/// assert_eq!(extractor.canonical_party("DPRK"), Some("North Korea"));
/// ```
#[derive(Debug)]
pub struct Extractor {
    vocab: Vocab,
}

impl Default for Extractor {
    /// The extractor of the bundled English lexicon.
    fn default() -> Extractor {
        // The bundled lexicon is compiled by a unit test, so this cannot fail.
        Extractor::new(&Lexicon::default_english()).expect("the bundled lexicon compiles")
    }
}

impl Extractor {
    /// Compiles `lexicon`. Fails only when the automaton cannot be built
    /// (a lexicon of many millions of words).
    pub fn new(lexicon: &Lexicon) -> Result<Extractor> {
        lexicon.validate(Path::new("<in memory>"))?;
        let vocab = Vocab::compile(lexicon)
            .map_err(|e| Error::invalid("<in memory>", format!("cannot compile: {e}")))?;
        Ok(Extractor { vocab })
    }

    /// The transfers mentioned in one passage, in order of their evidence;
    /// empty when there are none. Never fails and never panics, whatever
    /// the text.
    pub fn extract(&self, ctx: &PassageContext<'_>) -> Vec<Transfer> {
        if !self.vocab.has_item_word(ctx.text) {
            return Vec::new();
        }
        let publisher = self.publisher(ctx);
        let speaker = publisher.or_else(|| self.title_party(ctx));
        let found = self.find(ctx, speaker, publisher);
        // The title is the article context that most often names the side
        // a passage leaves open ("Remarks on Security Assistance to
        // Ukraine"): its transfers complete the passage's.
        let open = found.iter().any(|f| f.supplier.is_none() || f.recipient.is_none());
        let title = match open && !ctx.title.is_empty() {
            true => self.find(&PassageContext::new(ctx.title), speaker, publisher),
            false => Vec::new(),
        };
        // The last resort for an open recipient: the one other state or
        // armed group the passage (else the title) names at all ("Secretary
        // Austin visited Ukraine today … announced a new security assistance
        // package").
        let named = match open {
            true => [self.named(ctx.text, publisher), self.named(ctx.title, publisher)],
            false => Default::default(),
        };
        merge::merge(found, &title, &named)
            .into_iter()
            .map(|f| f.into_transfer(|id| self.name(id, ctx.published)))
            .collect()
    }

    /// The transfers of one text, before completion and merging.
    fn find(
        &self,
        ctx: &PassageContext<'_>,
        speaker: Option<PartyId>,
        publisher: Option<PartyId>,
    ) -> Vec<Found> {
        let p = Passage::new(&self.vocab, ctx, speaker, publisher);
        let mut found = Vec::new();
        for r in &roles::readings(&p) {
            for v in stance::verdicts(&p, r) {
                found.extend(Found::all(&p, r, v));
            }
        }
        found
    }

    /// The canonical name of a party name, alias, adjective or mention
    /// (case-insensitive; a leading "the" is optional): `DPRK` →
    /// `North Korea`, `the Kremlin` → `Russia`. `None` for unknown names.
    pub fn canonical_party(&self, name: &str) -> Option<&str> {
        let id = self.vocab.party_named(name)?;
        Some(&self.vocab.parties[id as usize].name)
    }

    fn name(&self, id: PartyId, published: Option<&str>) -> String {
        self.vocab.parties[id as usize].name_on(published).to_string()
    }

    /// The party the outlet itself is (the White House, KCNA), if any: it
    /// speaks for itself, as "we", and is the implicit supplier of what it
    /// announces.
    fn publisher(&self, ctx: &PassageContext<'_>) -> Option<PartyId> {
        let outlet = ctx.outlet.map(|o| o.split('(').next().unwrap_or(o).trim());
        outlet.and_then(|o| self.vocab.party_named(o))
    }

    /// The distinct states and armed groups `text` names by name (not by
    /// adjective: "Russian tanks" says where tanks come from, not who is a
    /// side), other than the outlet's own party, which speaks rather than
    /// receives, and other than a target ("attacks against Ukraine", "fired
    /// at Kyiv").
    fn named(&self, text: &str, publisher: Option<PartyId>) -> Vec<PartyId> {
        let mentions = scan::mentions(&self.vocab, text);
        let mut out = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let target = i.checked_sub(1).map(|j| &mentions[j]).is_some_and(|prev| {
                let word = text[prev.start..prev.end].to_ascii_lowercase();
                let close = prev.sentence == m.sentence && m.word <= prev.word_end + 1;
                close && matches!(word.as_str(), "against" | "at")
            });
            for s in m.senses {
                if let Sense::Party(id, Form::Name) = s {
                    let kind = self.vocab.parties[*id as usize].kind;
                    let side = matches!(kind, PartyKind::Country | PartyKind::NonState);
                    if side && !target && Some(*id) != publisher && !out.contains(id) {
                        out.push(*id);
                    }
                }
            }
        }
        out
    }

    /// The first party the title names: "we" in a statement quoted under
    /// "North Korea Dismisses…".
    fn title_party(&self, ctx: &PassageContext<'_>) -> Option<PartyId> {
        scan::mentions(&self.vocab, ctx.title).iter().find_map(|m| {
            m.senses.iter().find_map(|s| match s {
                Sense::Party(id, _) => Some(*id),
                _ => None,
            })
        })
    }
}
