//! Ranking by roles and stance: what the query asks of a transfer (who
//! supplies, who receives, whether it is denied or planned, who says so,
//! which outlet reports it), and the second-stage `roles` feature that
//! compares it with each candidate's extracted transfers.
//!
//! The query is read in three passes over its words:
//! 1. outlet and agency names the index holds ("Yonhap", "The Moscow
//!    Times"): *sources*, soft evidence rather than words to match;
//! 2. the extractor on the query text ("German submarines for Egypt",
//!    "arms sold by Pakistan to Saudi Arabia" read as passages do);
//! 3. role cues for the parties it left open: "to/for X" receives, "from/by
//!    X" supplies, "with/and/between X" either side, a demonym before an item
//!    supplies ("North Korean shells"), a party right before the item
//!    ("Belarus ammunition to Russia", "Iran drones for Russia") takes the
//!    side the other named party does not, a party right before a stance
//!    word ("North Korea denies") is a claimant.
//!
//! Passages are compared through their transfers' codes (`transfer_keys`),
//! read from a fast column: no stored document is loaded.

use newsdex_transfers::{Extractor, PassageContext, Stance, Status};
use tantivy::{Searcher, Term};

use crate::hit::QueryRoles;
use crate::schema::Fields;
use crate::search::cues::QueryCues;
use crate::search::plan::Plan;
use crate::transfer_keys::{name_code, Code};

/// Words before a recipient.
const TO: &[&str] = &["to", "for", "into", "towards", "toward"];
/// Words before a supplier.
const FROM: &[&str] = &["from", "by"];
/// Words joining parties without a direction.
const TOGETHER: &[&str] = &["with", "and", "between", "or", "&"];
/// Other prepositions: a party after them ("shells used in Ukraine") is a
/// place or a target, not a side.
const ELSEWHERE: &[&str] = &[
    "in", "on", "against", "at", "over", "near", "inside", "across", "about", "of", "during",
    "after", "before", "within", "through", "via", "under",
];
/// Longest party name looked up, in words.
const MAX_NAME_WORDS: usize = 5;

/// How the query uses a party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Supplier,
    Recipient,
    /// Involved, direction not given.
    Either,
    /// Says so ("North Korea denies").
    Claimant,
    /// Named for another reason (a place, a target).
    Ignored,
    /// No cue yet.
    Unmarked {
        before_item: bool,
    },
}

/// A party named in the query.
#[derive(Clone, Debug)]
struct Mention {
    name: String,
    start: usize,
    end: usize,
    side: Side,
}

/// A canonical party name and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Named {
    name: String,
    code: u32,
}

impl Named {
    fn new(name: &str) -> Named {
        Named { name: name.to_string(), code: name_code(name) }
    }
}

/// An outlet or agency the query names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Source {
    /// As typed.
    pub name: String,
    /// The lowercased outlet or agency value it matched in the index.
    pub value: String,
    /// Query words it spans (lowercased).
    pub words: Vec<String>,
}

/// What the query asks of a passage's transfers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Intent {
    suppliers: Vec<Named>,
    recipients: Vec<Named>,
    /// Each must be on one side or the other.
    either: Vec<Named>,
    /// Parties saying so, and the parties that sources stand for.
    claimants: Vec<Named>,
    stance: Option<Status>,
    pub sources: Vec<Source>,
}

impl Intent {
    /// Reads the query's words (its positive clauses, in order).
    /// `source_value` returns the indexed outlet or agency value a
    /// lowercased phrase names, if any.
    pub fn read(
        words: &[String],
        extractor: &Extractor,
        cues: &QueryCues,
        source_value: impl Fn(&str) -> Option<String>,
    ) -> Intent {
        let mut out = Intent::default();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let covered = out.find_sources(&lower, words, &source_value, extractor);
        let mut mentions = parties(words, &covered, extractor);
        let text = words.join(" ");
        let stance_words: Vec<Stance> =
            (0..words.len()).filter_map(|i| cues.stance_at(&words[i..]).map(|s| s.0)).collect();
        let found = extractor.extract(&PassageContext::new(&text));
        for t in &found {
            assign(&mut mentions, t.supplier.as_deref(), Side::Supplier);
            assign(&mut mentions, t.recipient.as_deref(), Side::Recipient);
            if !stance_words.is_empty() {
                out.claimants.extend(t.claimed_by.as_deref().map(Named::new));
            }
        }
        for m in mentions.iter_mut().filter(|m| m.side == Side::Unmarked { before_item: false }) {
            m.side = cue(words, &lower, m, cues);
        }
        resolve_unmarked(&mut mentions);
        out.stance = stance_words.iter().find_map(|&s| status_of(s));
        for m in &mentions {
            let list = match m.side {
                Side::Supplier => &mut out.suppliers,
                Side::Recipient => &mut out.recipients,
                Side::Either => &mut out.either,
                Side::Claimant => &mut out.claimants,
                _ => continue,
            };
            list.push(Named::new(&m.name));
        }
        for list in [&mut out.suppliers, &mut out.recipients, &mut out.either, &mut out.claimants] {
            dedup(list);
        }
        // A party already asked for on a side need not also be "involved".
        let sided: Vec<u32> = out.suppliers.iter().chain(&out.recipients).map(|n| n.code).collect();
        out.either.retain(|n| !sided.contains(&n.code));
        out
    }

    /// Finds outlet and agency names (longest first), records them, and
    /// returns which words they cover; a source that is also a party
    /// ("TASS", "KCNA") counts as that party's claim.
    fn find_sources(
        &mut self,
        lower: &[String],
        words: &[String],
        source_value: &impl Fn(&str) -> Option<String>,
        extractor: &Extractor,
    ) -> Vec<bool> {
        let mut covered = vec![false; words.len()];
        let mut i = 0;
        while i < words.len() {
            let longest = (1..=(words.len() - i).min(MAX_NAME_WORDS)).rev().find_map(|n| {
                let phrase = lower[i..i + n].join(" ");
                source_value(&phrase).map(|value| (n, value))
            });
            let Some((n, value)) = longest else {
                i += 1;
                continue;
            };
            let name = words[i..i + n].join(" ");
            if let Some(party) = extractor.canonical_party(&name) {
                self.claimants.push(Named::new(party));
            }
            self.sources.push(Source { name, value, words: lower[i..i + n].to_vec() });
            covered[i..i + n].iter_mut().for_each(|c| *c = true);
            i += n;
        }
        covered
    }

    /// The plan's groups whose words all belong to a named source (their
    /// weight goes to the `roles` feature instead).
    pub fn source_groups(&self, plan: &Plan) -> Vec<usize> {
        let words: Vec<&str> =
            self.sources.iter().flat_map(|s| s.words.iter().map(String::as_str)).collect();
        plan.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                let label = g.label.to_lowercase();
                let mut parts = label.split_whitespace();
                !words.is_empty() && parts.all(|w| words.contains(&w))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether the query asks anything the feature can compare.
    pub fn is_empty(&self) -> bool {
        !self.directed()
            && self.stance.is_none()
            && self.claimants.is_empty()
            && self.sources.is_empty()
    }

    fn directed(&self) -> bool {
        !(self.suppliers.is_empty() && self.recipients.is_empty() && self.either.is_empty())
    }

    /// The `roles` feature of a passage, in `-1..=1`: the mean of what the
    /// query asks —
    /// - direction: over the passage's transfers, the best share of the
    ///   query's sides it satisfies (any asked supplier as supplier, any
    ///   asked recipient as recipient, each "either" party on a side), or
    ///   minus the share it reverses (an asked supplier as recipient or
    ///   the reverse) when it reverses any; 0 without transfers;
    /// - stance: 1 when a transfer (agreeing in direction, if one was asked)
    ///   has the asked status;
    /// - source: 1 when the passage comes from a named outlet or agency,
    ///   names it (`source_hit`), or has a transfer claimed by a named
    ///   claimant.
    pub fn score(&self, codes: &[u64], source_hit: bool) -> f32 {
        let transfers: Vec<Code> = codes.iter().map(|&c| Code::unpack(c)).collect();
        let mut parts = Vec::with_capacity(3);
        let direction = |t: &Code| self.direction(t);
        if self.directed() {
            parts.push(transfers.iter().map(direction).fold(None, max_opt).unwrap_or(0.0));
        }
        if let Some(status) = self.stance {
            let agrees = |t: &&Code| !self.directed() || direction(t) > 0.0;
            let hit = transfers.iter().filter(agrees).any(|t| t.status == Some(status));
            parts.push(if hit { 1.0 } else { 0.0 });
        }
        if !self.claimants.is_empty() || !self.sources.is_empty() {
            let claimed = |t: &Code| self.claimants.iter().any(|c| c.code == t.claimed_by);
            let hit = source_hit || transfers.iter().any(claimed);
            parts.push(if hit { 1.0 } else { 0.0 });
        }
        if parts.is_empty() {
            return 0.0;
        }
        parts.iter().sum::<f32>() / parts.len() as f32
    }

    /// One transfer's agreement with the asked sides (see [`Intent::score`]).
    fn direction(&self, t: &Code) -> f32 {
        let has = |list: &[Named], code: u32| code != 0 && list.iter().any(|n| n.code == code);
        let (mut asked, mut met, mut reversed, mut directed) = (0, 0, 0, 0);
        for (list, own, other) in [
            (&self.suppliers, t.supplier, t.recipient),
            (&self.recipients, t.recipient, t.supplier),
        ] {
            if list.is_empty() {
                continue;
            }
            asked += 1;
            directed += 1;
            if has(list, own) {
                met += 1;
            } else if has(list, other) {
                reversed += 1;
            }
        }
        for n in &self.either {
            asked += 1;
            met += usize::from(n.code == t.supplier || n.code == t.recipient);
        }
        if reversed > 0 {
            return -(reversed as f32) / directed as f32;
        }
        met as f32 / asked.max(1) as f32
    }

    /// The reading, for explanations.
    pub fn describe(&self) -> QueryRoles {
        let names = |list: &[Named]| list.iter().map(|n| n.name.clone()).collect();
        QueryRoles {
            suppliers: names(&self.suppliers),
            recipients: names(&self.recipients),
            parties: names(&self.either),
            status: self.stance,
            claimed_by: names(&self.claimants),
            sources: self.sources.iter().map(|s| s.name.clone()).collect(),
        }
    }
}

/// The outlet or agency value (lowercased, as indexed) a lowercased query
/// phrase names: the whole name, with or without a leading "the".
pub(crate) fn indexed_source(searcher: &Searcher, fields: &Fields, phrase: &str) -> Option<String> {
    let with_the = format!("the {phrase}");
    let present = |value: &str| {
        [fields.outlet, fields.agency].into_iter().any(|field| {
            let term = Term::from_field_text(field, value);
            searcher.doc_freq(&term).is_ok_and(|n| n > 0)
        })
    };
    [phrase.to_string(), with_the].into_iter().find(|v| present(v))
}

fn max_opt(acc: Option<f32>, x: f32) -> Option<f32> {
    Some(acc.map_or(x, |a| a.max(x)))
}

fn dedup(list: &mut Vec<Named>) {
    let mut seen = Vec::with_capacity(list.len());
    list.retain(|n| {
        let new = !seen.contains(&n.code);
        seen.push(n.code);
        new
    });
}

/// The status a stance word asks for ("denies" → denied); reported speech
/// ("says") asks for none.
fn status_of(s: Stance) -> Option<Status> {
    match s {
        Stance::Denial | Stance::Negation => Some(Status::Denied),
        Stance::Allegation | Stance::Hedge => Some(Status::Alleged),
        Stance::Plan => Some(Status::Planned),
        Stance::Fact => Some(Status::Reported),
        _ => None,
    }
}

/// Party names in the query (longest first, outside sources).
fn parties(words: &[String], covered: &[bool], extractor: &Extractor) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let max = (words.len() - i).min(MAX_NAME_WORDS);
        let found = (1..=max).rev().filter(|&n| !covered[i..i + n].contains(&true)).find_map(|n| {
            let phrase = words[i..i + n].join(" ");
            let phrase = phrase.trim_end_matches(['.', ',', ';', ':', '?', '!']);
            let phrase = phrase.trim_end_matches("'s").trim_end_matches("’s");
            extractor.canonical_party(phrase).map(|name| (n, name.to_string()))
        });
        match found {
            Some((n, name)) => {
                let side = Side::Unmarked { before_item: false };
                out.push(Mention { name, start: i, end: i + n, side });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Gives `side` to the unassigned mentions of `name`.
fn assign(mentions: &mut [Mention], name: Option<&str>, side: Side) {
    let Some(name) = name else { return };
    for m in mentions.iter_mut().filter(|m| m.name == name) {
        if matches!(m.side, Side::Unmarked { .. }) {
            m.side = side;
        }
    }
}

/// The side a party's neighbours give it.
fn cue(words: &[String], lower: &[String], m: &Mention, cues: &QueryCues) -> Side {
    let after = &words[m.end..];
    if matches!(
        cues.stance_at(after).map(|s| s.0),
        Some(Stance::Denial | Stance::Allegation | Stance::Attribution)
    ) {
        return Side::Claimant;
    }
    if let Some(prev) = m.start.checked_sub(1).map(|p| lower[p].as_str()) {
        if TO.contains(&prev) {
            return Side::Recipient;
        }
        if FROM.contains(&prev) {
            return Side::Supplier;
        }
        if TOGETHER.contains(&prev) {
            return Side::Either;
        }
        if ELSEWHERE.contains(&prev) {
            return Side::Ignored;
        }
    }
    let before_item = cues.item_starts(after) || (after.len() > 1 && cues.item_starts(&after[1..]));
    if before_item && cues.is_adjective(&words[m.start..m.end]) {
        return Side::Supplier;
    }
    Side::Unmarked { before_item }
}

/// A party right before the item takes the side no other party has when
/// exactly one side is named ("Iran drones for Russia": Iran supplies);
/// every other unmarked party is involved on either side.
fn resolve_unmarked(mentions: &mut [Mention]) {
    let has = |side: Side| mentions.iter().any(|m| m.side == side);
    let other = match (has(Side::Supplier), has(Side::Recipient)) {
        (true, false) => Some(Side::Recipient),
        (false, true) => Some(Side::Supplier),
        _ => None,
    };
    for m in mentions.iter_mut() {
        if let Side::Unmarked { before_item } = m.side {
            m.side = match other {
                Some(side) if before_item => side,
                _ => Side::Either,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use newsdex_transfers::{ItemKind, Lexicon, Transfer};

    use super::*;

    fn read(query: &str) -> QueryRoles {
        read_with_sources(query, &[])
    }

    fn read_with_sources(query: &str, sources: &[&str]) -> QueryRoles {
        let words: Vec<String> = query.split_whitespace().map(String::from).collect();
        let cues = QueryCues::compile(&Lexicon::default_english());
        let is_source = |p: &str| sources.contains(&p).then(|| p.to_string());
        Intent::read(&words, &Extractor::default(), &cues, is_source).describe()
    }

    #[test]
    fn direction_from_prepositions_demonyms_and_the_item() {
        let r = read("Belarus ammunition to Russia");
        assert_eq!((r.suppliers, r.recipients), (vec!["Belarus".into()], vec!["Russia".into()]));
        let r = read("German submarines for Egypt");
        assert_eq!((r.suppliers, r.recipients), (vec!["Germany".into()], vec!["Egypt".into()]));
        let r = read("Hezbollah rockets from Iran");
        assert_eq!((r.suppliers, r.recipients), (vec!["Iran".into()], vec!["Hezbollah".into()]));
        let r = read("arms sold by Pakistan to Saudi Arabia");
        assert_eq!(r.suppliers, ["Pakistan"]);
        assert_eq!(r.recipients, ["Saudi Arabia"]);
        let r = read("North Korean artillery shells used in Ukraine");
        assert_eq!(r.suppliers, ["North Korea"]);
        assert!(r.recipients.is_empty() && r.parties.is_empty(), "{r:?}");
        // "with" gives no direction; the extractor, run on the query first,
        // reads "DPRK arms dealings with Russia" as North Korea → Russia.
        let r = read("DPRK arms dealings with Russia");
        let russia = "Russia".to_string();
        assert!(r.parties.contains(&russia) || r.recipients.contains(&russia), "{r:?}");
        assert_eq!(r.status, None);
    }

    #[test]
    fn stance_claimants_and_sources() {
        let r = read("Pyongyang denies supplying shells to Moscow");
        assert_eq!(r.status, Some(Status::Denied));
        assert_eq!(r.suppliers, ["North Korea"]);
        assert_eq!(r.recipients, ["Russia"]);
        assert_eq!(r.claimed_by, ["North Korea"]);
        let r = read("Germany plans to send tanks");
        assert_eq!(r.status, Some(Status::Planned));
        assert_eq!(r.suppliers, ["Germany"]);
        let r = read_with_sources("TASS condemns Western arms deliveries", &["tass"]);
        assert_eq!(r.sources, ["TASS"]);
        assert_eq!(r.claimed_by, ["Russia"]);
        assert!(!r.parties.contains(&"Russia".to_string()), "a source is not a side: {r:?}");
    }

    fn code(s: Option<&str>, r: Option<&str>, status: Status, by: Option<&str>) -> u64 {
        let t = Transfer {
            supplier: s.map(String::from),
            recipient: r.map(String::from),
            item: ItemKind::Weapons,
            status,
            claimed_by: by.map(String::from),
            span: 0..1,
        };
        Code::of(&t).pack()
    }

    #[test]
    fn agreeing_transfers_score_up_and_reversed_ones_down() {
        let words: Vec<String> =
            "Belarus ammunition to Russia".split_whitespace().map(String::from).collect();
        let cues = QueryCues::compile(&Lexicon::default_english());
        let intent = Intent::read(&words, &Extractor::default(), &cues, |_| None);
        let agree = code(Some("Belarus"), Some("Russia"), Status::Reported, None);
        let half = code(None, Some("Russia"), Status::Reported, None);
        let reversed = code(Some("Russia"), Some("Belarus"), Status::Reported, None);
        let other = code(Some("France"), Some("Ukraine"), Status::Reported, None);
        assert_eq!(intent.score(&[agree], false), 1.0);
        assert_eq!(intent.score(&[half], false), 0.5);
        assert_eq!(intent.score(&[reversed], false), -1.0);
        assert_eq!(intent.score(&[reversed, agree], false), 1.0);
        assert_eq!(intent.score(&[other], false), 0.0);
        assert_eq!(intent.score(&[], false), 0.0);
    }

    #[test]
    fn stance_and_source_parts() {
        let words: Vec<String> =
            "Pyongyang denies shells for Moscow".split_whitespace().map(String::from).collect();
        let cues = QueryCues::compile(&Lexicon::default_english());
        let intent = Intent::read(&words, &Extractor::default(), &cues, |_| None);
        let denied = code(Some("North Korea"), Some("Russia"), Status::Denied, Some("North Korea"));
        let alleged =
            code(Some("North Korea"), Some("Russia"), Status::Alleged, Some("United States"));
        assert_eq!(intent.score(&[denied], false), 1.0);
        assert!(intent.score(&[alleged], false) < intent.score(&[denied], false));
        assert!(Intent::default().is_empty());
    }
}
