//! Who supplies and who receives, and what: the roles around one transfer
//! word (or one item phrase such as "artillery from North Korea to Russia").

use crate::extractor::passage::{Passage, Who};
use crate::extractor::vocab::{Form, PartyId, Word};
use crate::lexicon::{Role, Stance};
use crate::transfer::{ItemKind, Status};

/// The reading of one transfer word: its sides, item and own status.
#[derive(Clone, Debug)]
pub(crate) struct Reading {
    /// The transfer word (or the item word of an item phrase).
    pub at: usize,
    pub suppliers: Vec<Who>,
    pub recipients: Vec<Who>,
    pub item: ItemKind,
    /// The item's mention, when it is in the sentence.
    pub item_at: Option<usize>,
    /// A status the word implies ("pledged": planned).
    pub status: Option<Status>,
    /// Read from the use of an item of foreign origin: the transfer has
    /// happened whatever the tense ("Russia will fire North Korean shells").
    pub presupposed: bool,
}

/// Every reading of a passage, in text order: its transfer words, then its
/// item phrases whose item and destination no transfer word took.
pub(crate) fn readings(p: &Passage<'_>) -> Vec<Reading> {
    let mut readings: Vec<Reading> = (0..p.m.len()).filter_map(|i| read_trigger(p, i)).collect();
    // A transfer noun that is the item of a transfer verb ("provide
    // security assistance") is read through the verb.
    // The taken item's noun phrase goes with it ("drawdown package").
    let taken: Vec<usize> = readings
        .iter()
        .filter_map(|r| r.item_at.filter(|&k| k != r.at).map(|k| (k, r.at)))
        .flat_map(|(k, at)| {
            let head = k + 1 != at
                && p.trigger(k + 1).is_some()
                && p.same_sentence(k, k + 1)
                && p.gap(k, k + 1) == 0;
            [Some(k), head.then_some(k + 1)].into_iter().chain(rest_of_list(p, k).map(Some))
        })
        .flatten()
        .collect();
    readings.retain(|r| !taken.contains(&r.at));
    let targets: Vec<usize> =
        readings.iter().flat_map(|r| r.recipients.iter().map(|w| w.mention())).collect();
    let phrases = (0..p.m.len()).filter(|k| !taken.contains(k));
    let phrases = phrases.filter_map(|k| read_item_phrase(p, k));
    readings
        .extend(phrases.filter(|r| r.recipients.iter().all(|w| !targets.contains(&w.mention()))));
    readings.sort_by_key(|r| r.at);
    readings
}

/// How far (in words) a recipient or item may follow the transfer word.
const REACH: u32 = 15;

/// Reads the transfer word at `t`; `None` when it has no item anywhere in
/// the passage.
pub(crate) fn read_trigger(p: &Passage<'_>, t: usize) -> Option<Reading> {
    let trigger = p.trigger(t)?;
    let after = forward(p, t);
    // "provide Ukraine with the capabilities": a named object is as good
    // a link to the passage's item as a destination.
    let named_object = matches!(after.object, Some(Who::Party(..)));
    let linked = !after.targets.is_empty() || named_object;
    let (item, item_at) = find_item(p, t, trigger.item, linked)?;
    let origin = item_at.and_then(|k| p.item_origin[k]);
    let between = between_pair(p, t);
    let possessor = possessor(p, t);
    let passive = is_passive(p, t);
    let subjects = subjects_before(p, t);
    // A noun: after a determiner ("the sale", "these drone sales", "the Iran
    // arms sale") or "of".
    let head = possessor.map_or(noun_phrase_start(p, t), |(w, _)| w.mention());
    let of_after = p.is_word(t + 1, Word::Of) && p.same_sentence(t, t + 1) && p.gap(t, t + 1) == 0;
    // "The US sent …" is a clause, not a noun phrase like "the Iran arms
    // sale": a verb form after a determined party is a verb.
    let word = &p.text[p.m[t].start..p.m[t].end];
    let determined = p.after_determiner(head) && !(possessor.is_some() && verb_form(word));
    let nominal = determined || p.governor(t) == Some(Word::Of) || of_after;
    let origin_who = origin.map(|o| Who::Party(o, item_at.unwrap_or(t)));
    let (suppliers, recipients) = match trigger.role {
        Role::Supplier => {
            // A bare name before the noun ("Iran arms sale", "U.S. arms
            // sales") is the supplier when a destination follows or no one
            // else could be; otherwise the recipient.
            let (possessor, modifier) = match possessor {
                Some((w, false)) => (Some(w), None),
                Some((w, true)) => (None, Some(w)),
                None => (None, None),
            };
            let source = between.map(|b| vec![b.0]).or(possessor.map(|w| vec![w]));
            let agent = after.agent.map(|w| vec![w]);
            // "transfer … of Iranian drones by Russia": for a noun, the
            // item's origin outranks a "by" that may belong to another noun.
            let source = match passive {
                true => source.or(agent.clone()),
                false => source,
            };
            let from = some(after.sources.clone());
            let origin = origin_who.map(|w| vec![w]);
            let origin = match nominal && !passive {
                true => origin.or(agent),
                false => origin,
            };
            let mut target = between.map(|b| vec![b.1]);
            if !nominal {
                target = target.or(after.object.map(|w| vec![w]));
            }
            let target = target.or(some(after.targets.clone()));
            // "funding for Ukraine — the military packages": a destination
            // before the word, when none follows.
            let target = match passive {
                true => target,
                false => target.or(destination_before(p, t).map(|w| vec![w])),
            };
            // "arms sales with Taiwan": the counterpart of a sale.
            let target = match nominal {
                true => target.or(after.partner.map(|w| vec![w])),
                false => target,
            };
            let named = modifier.filter(|_| target.is_some()).map(|w| vec![w]);
            let suppliers = match (passive, nominal) {
                (true, _) => source.or(from).or(origin),
                (false, true) => {
                    source.or(from).or(origin).or(named).or(some(near(p, t, subjects.clone())))
                }
                (false, false) => source.or(named).or(some(subjects.clone())).or(from).or(origin),
            };
            // With no destination, a bare name is the recipient when the
            // clause has an actor ("Reagan … the Iran arms sale") or the
            // outlet announces it; else the supplier.
            let (suppliers, target) = match (modifier, suppliers, target) {
                (Some(m), None, None) if !subjects.is_empty() => {
                    (some(subjects.clone()), Some(vec![m]))
                }
                (Some(m), None, None) if p.publisher.is_none() => (Some(vec![m]), None),
                (Some(m), None, None) => (None, Some(vec![m])),
                (Some(m), Some(s), None) => (Some(s), Some(vec![m])),
                (_, s, target) => (s, target),
            };
            let suppliers = suppliers.unwrap_or_default();
            // "Ukraine was provided with": the subject of a passive followed
            // by "with" receives (otherwise it is what was sent).
            let with = p.is_word(t + 1, Word::With) && p.gap(t, t + 1) == 0;
            let recipients = match passive && with {
                true => target.or(some(subjects)),
                false => target,
            }
            .unwrap_or_default();
            // Only what the outlet announces: a destination, or an aid word
            // ("package", "security assistance").
            let announced =
                !recipients.is_empty() || trigger.item.is_some() || trigger.status.is_some();
            let suppliers = match announced {
                true => implicit_supplier(p, t, suppliers, &recipients),
                false => suppliers,
            };
            (suppliers, recipients)
        }
        Role::Recipient => {
            let holder = between.map(|b| vec![b.1]).or(possessor.map(|(w, _)| vec![w]));
            let subjects = if nominal { near(p, t, subjects) } else { subjects };
            let recipients = match passive {
                true => holder.or(after.agent.map(|w| vec![w])),
                false => holder.or(some(subjects)),
            }
            .unwrap_or_default();
            let sources = match between {
                Some(b) => vec![b.0],
                None => some(after.sources).or(origin_who.map(|w| vec![w])).unwrap_or_default(),
            };
            (sources, recipients)
        }
        Role::User => {
            let (o, k) = origin_item(p, t)?;
            // "drones being used by Russia"; a passive without "by" names
            // no user.
            let user = match passive {
                true => after.agent,
                false => possessor.map(|(w, _)| w).or(subjects.first().copied()),
            };
            // Without a user there is no transfer ("Ukrainian systems
            // destroyed a missile fired at the region").
            let user = user.filter(|w| w.party() != Some(o))?;
            let (recipients, suppliers) = (vec![user], vec![Who::Party(o, k)]);
            let item = p.item_of(k).unwrap_or(item);
            return Some(Reading {
                at: t,
                suppliers,
                recipients,
                item,
                item_at: Some(k),
                status: None,
                presupposed: true,
            });
        }
    };
    Some(Reading {
        at: t,
        suppliers,
        recipients,
        item,
        item_at,
        status: trigger.status,
        presupposed: false,
    })
}

/// Reads an item phrase with its own direction: "artillery from North Korea
/// to Russia", "Iranian drones to Russia".
pub(crate) fn read_item_phrase(p: &Passage<'_>, k: usize) -> Option<Reading> {
    let item = p.item_of(k)?;
    if p.trigger(k).is_some() {
        return None;
    }
    let mut j = k + 1;
    let mut supplier = p.item_origin[k].map(|o| Who::Party(o, k));
    let mut recipient = None;
    for _ in 0..2 {
        if !p.same_sentence(k, j) || p.gap(j - 1, j) > 0 {
            break;
        }
        match (p.word(j), p.who(j + 1).filter(|_| p.gap(j, j + 1) <= 1)) {
            (Some(Word::From), Some(w)) => supplier = Some(w),
            (Some(Word::To | Word::For), Some(w)) if !p.infinitive(j) => recipient = Some(w),
            _ => break,
        }
        j += 2;
    }
    let recipients: Vec<Who> = vec![recipient?];
    let suppliers = implicit_supplier(p, k, supplier.into_iter().collect(), &recipients);
    Some(Reading {
        at: k,
        suppliers,
        recipients,
        item,
        item_at: Some(k),
        status: None,
        presupposed: false,
    })
}

/// A transfer with no supplier takes the nearest party named before the
/// word in its sentence ("sanctions on Iran for the drone sales to
/// Russia"); failing that, an outlet that is a party (a government's own
/// transcripts and releases) supplies what it announces.
fn implicit_supplier(p: &Passage<'_>, t: usize, found: Vec<Who>, recipients: &[Who]) -> Vec<Who> {
    if !found.is_empty() {
        return found;
    }
    let taken: Vec<usize> = recipients.iter().map(|w| w.mention()).collect();
    let sides: Vec<Option<PartyId>> = recipients.iter().map(|w| w.party()).collect();
    // "U.S. claims of arms supplies to Russia": a party before a claim
    // made about the transfer is its claimant, not its supplier.
    let before = (p.sentence_of(t).start..t).rev().take_while(|&j| !speaks(p, j));
    let other = before.into_iter().find_map(|j| {
        let party = p.who(j).and_then(Who::party).filter(|&q| !sides.contains(&Some(q)));
        party.filter(|&q| !taken.contains(&j) && Some(q) != p.publisher).map(|q| Who::Party(q, j))
    });
    let publisher = p.publisher.filter(|&q| !sides.contains(&Some(q)));
    other.or(publisher.map(|q| Who::Pronoun(Some(q), t))).into_iter().collect()
}

/// A "to/for X" before the word in its clause.
fn destination_before(p: &Passage<'_>, t: usize) -> Option<Who> {
    let sentence = p.sentence_of(t);
    (sentence.start..t)
        .rev()
        .take_while(|&k| !p.clause_break(k) || p.is_word(k, Word::Break))
        .find_map(|j| p.who(j).filter(|_| matches!(p.governor(j), Some(Word::To | Word::For))))
}

/// How far before a transfer noun its clause subject may be and still be
/// taken for its actor ("the US has announced arms sales to Taiwan").
const NOUN_SUBJECT_REACH: u32 = 6;

/// The subjects, if the nearest is within [`NOUN_SUBJECT_REACH`] of `t`.
fn near(p: &Passage<'_>, t: usize, subjects: Vec<Who>) -> Vec<Who> {
    match subjects.last() {
        Some(w) if p.gap(w.mention(), t) <= NOUN_SUBJECT_REACH => subjects,
        _ => Vec::new(),
    }
}

fn some(v: Vec<Who>) -> Option<Vec<Who>> {
    (!v.is_empty()).then_some(v)
}

/// What follows a transfer word in its clause.
#[derive(Default)]
struct After {
    /// "provide Ukraine with": the party right after a verb.
    object: Option<Who>,
    /// "to/for/into X" (with coordinated "and Y").
    targets: Vec<Who>,
    /// "from X" (with coordinated "and Y").
    sources: Vec<Who>,
    /// "by X": the agent of a passive or of a noun.
    agent: Option<Who>,
    /// "with X".
    partner: Option<Who>,
}

fn forward(p: &Passage<'_>, t: usize) -> After {
    let mut out = After::default();
    let end = p.sentence_of(t).end;
    for j in t + 1..end {
        if p.gap(t, j) > REACH
            || matches!(p.word(j), Some(Word::Break | Word::Semicolon | Word::But))
            || p.infinitive(j)
        {
            break;
        }
        let Some(who) = p.who(j) else { continue };
        match p.governor(j) {
            // "into Russia for use by Wagner": the end user receives.
            Some(Word::EndUser) => out.targets = with_coordinated(p, j, who),
            Some(Word::To | Word::For) if out.targets.is_empty() => {
                out.targets = with_coordinated(p, j, who);
            }
            // "from Denmark and the Netherlands".
            Some(Word::From) if out.sources.is_empty() => {
                out.sources = with_coordinated(p, j, who);
            }
            Some(Word::By) if out.agent.is_none() => out.agent = Some(who),
            Some(Word::With) if out.partner.is_none() => out.partner = Some(who),
            None if j == t + 1 && p.gap(t, j) <= 1 && !possessive_pronoun(p, j) => {
                out.object = Some(who)
            }
            _ => {}
        }
    }
    out
}

fn possessive_pronoun(p: &Passage<'_>, j: usize) -> bool {
    matches!(p.word(j), Some(Word::Possessor(_)))
}

/// `who` at `j` and the parties coordinated after it ("to Ukraine and
/// Moldova").
fn with_coordinated(p: &Passage<'_>, j: usize, who: Who) -> Vec<Who> {
    let mut out = vec![who];
    // Whether each added name came after a bare comma.
    let mut commas = Vec::new();
    let mut k = j;
    while matches!(p.word(k + 1), Some(Word::And | Word::Comma)) && p.gap(k, k + 1) == 0 {
        // ", and" ends the list: it may as well open a clause ("to
        // Ukraine, and Russia received").
        let link = k + 1;
        // Only named parties coordinate ("to Russia, I think" does not);
        // after a comma only a name right there continues the list ("to
        // Taiwan, angering Beijing" does not).
        let comma = p.is_word(link, Word::Comma);
        let named = |w: &Who| matches!(w, Who::Party(..));
        let reach = |_: &Who| p.gap(link, link + 1) <= u32::from(!comma);
        match p.who(link + 1).filter(|w| named(w) && reach(w)) {
            Some(w) => out.push(w),
            None => break,
        }
        commas.push(comma);
        k = link + 1;
    }
    // "to Ukraine, Moldova and Georgia" is a list; "to Russia, Washington
    // said" is not: a run of commas counts only when "and" closes it.
    while commas.last() == Some(&true) {
        commas.pop();
        out.pop();
    }
    out
}

/// "between X and Y" in the sentence, near the word.
fn between_pair(p: &Passage<'_>, t: usize) -> Option<(Who, Who)> {
    let sentence = p.sentence_of(t);
    sentence.clone().filter(|&b| p.is_word(b, Word::Between)).find_map(|b| {
        let near = if b < t { p.gap(b, t) <= 12 } else { p.gap(t, b) <= 6 };
        let first = p.who(b + 1).filter(|_| near && p.gap(b, b + 1) <= 1)?;
        let and = p.is_word(b + 2, Word::And) && p.gap(b + 1, b + 2) == 0;
        let second = p.who(b + 3).filter(|_| and && p.gap(b + 2, b + 3) <= 1)?;
        Some((first, second))
    })
}

/// The party right before a transfer noun: "Iran's", "Iranian arms
/// transfer", "Toshiba Machine Co's alleged sale"; with `true` when it is a
/// bare name ("U.S. arms sales", "Iran arms sale"), whose role is open.
fn possessor(p: &Passage<'_>, t: usize) -> Option<(Who, bool)> {
    let mut j = t;
    for _ in 0..3 {
        let k = j.checked_sub(1)?;
        if !p.same_sentence(k, t) || p.gap(k, j) > 1 {
            return None;
        }
        let skippable = p.is_word(k, Word::Possessive)
            || p.stance(k, Stance::Hedge)
            || (p.item_of(k).is_some() && p.trigger(k).is_none());
        if !skippable {
            let (party, form) = p.party(k)?;
            let apostrophe = p.is_word(k + 1, Word::Possessive);
            let own = apostrophe || k + 1 == t || p.item_of(k + 1).is_some();
            let bare = !apostrophe && form == Form::Name;
            return own.then_some((Who::Party(party, k), bare));
        }
        j = k;
    }
    None
}

/// The first word of the item words right before `t` ("drone" in "drone
/// sales").
fn noun_phrase_start(p: &Passage<'_>, t: usize) -> usize {
    let mut k = t;
    while k > 0 && p.item_of(k - 1).is_some() && p.same_sentence(k - 1, k) && p.gap(k - 1, k) == 0 {
        k -= 1;
    }
    k
}

/// Whether a word is a past tense or participle rather than a noun:
/// "-ed", "-en", or a common irregular form.
fn verb_form(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    let irregular = ["sent", "sold", "bought", "gave", "lent", "got", "brought", "built", "made"];
    w.ends_with("ed") || w.ends_with("en") || irregular.contains(&w.as_str())
}

/// "was supplied", "being sent", "supplied by" (not "is supplying").
fn is_passive(p: &Passage<'_>, t: usize) -> bool {
    let word = &p.text[p.m[t].start..p.m[t].end];
    let participle = !word.ends_with("ing") && !word.ends_with('s');
    let be_before = participle
        && t > 0
        && p.is_word(t - 1, Word::Be)
        && p.same_sentence(t - 1, t)
        && p.gap(t - 1, t) <= 1;
    let by_after = p.is_word(t + 1, Word::By) && p.same_sentence(t, t + 1) && p.gap(t, t + 1) == 0;
    be_before || by_after
}

/// Whether the party at `j` is the object of a preposition, or of an
/// infinitive ("to destroy Ukraine's infrastructure").
fn is_governed(p: &Passage<'_>, j: usize) -> bool {
    let object_of_infinitive =
        j > 0 && p.infinitive(j - 1) && p.same_sentence(j - 1, j) && p.gap(j - 1, j) == 1;
    object_of_infinitive
        || matches!(
            p.governor(j),
            Some(
                Word::To
                    | Word::From
                    | Word::By
                    | Word::With
                    | Word::Of
                    | Word::Prep
                    | Word::Between
                    | Word::Including
                    | Word::For
            )
        )
}

/// The subject of the word at `t`: the nearest party or pronoun before it in
/// its sentence that is not the object of a preposition, with the parties
/// coordinated before it ("the US and Germany will send").
pub(crate) fn subjects_before(p: &Passage<'_>, t: usize) -> Vec<Who> {
    let sentence = p.sentence_of(t);
    // "the desire by the Russians to purchase", "for Russia to acquire":
    // the party right before an infinitive is its subject.
    if t >= sentence.start + 2 && p.is_word(t - 1, Word::To) && p.gap(t - 1, t) == 0 {
        if let Some(who) = p.who(t - 2).filter(|_| p.gap(t - 2, t - 1) == 0) {
            return vec![who];
        }
    }
    for j in (sentence.start..t).rev() {
        // "the US believes the shells sent", "U.S. claims of arms
        // supplies": a party before a speech or claim word is the claimant,
        // and the word after it opens what it claims.
        if p.is_word(j, Word::Semicolon) || speaks(p, j) {
            break;
        }
        let Some(who) = p.who(j) else { continue };
        if is_governed(p, j) || matches!(p.word(j), Some(Word::Object(_))) {
            continue;
        }
        let mut out = vec![who];
        let mut k = j;
        while k >= sentence.start + 2
            && matches!(p.word(k - 1), Some(Word::And | Word::Comma))
            && p.gap(k - 1, k) <= 1
        {
            let named = |w: &Who| matches!(w, Who::Party(..));
            // "to Russia, Washington said": an object is no co-subject.
            let free = |w: &Who| !is_governed(p, w.mention());
            match p.who(k - 2).filter(|w| named(w) && free(w) && p.gap(k - 2, k - 1) == 0) {
                Some(w) => out.insert(0, w),
                None => break,
            }
            k -= 2;
        }
        return out;
    }
    Vec::new()
}

/// Whether mention `k` is a speech or claim word whose subject is the party
/// before it ("X said", "X believes", "X's claims of"), so that it opens a
/// clause of its own. Not when that party is what the claim is about: a
/// passive ("Iran is believed to have sent", "was accused of supplying"), a
/// claim about the subject's own act ("claims to have sent"), or "according
/// to", which names the claimant after it ("Iran, according to the US,
/// sent").
fn speaks(p: &Passage<'_>, k: usize) -> bool {
    let claim = p.stance(k, Stance::Attribution) || p.stance(k, Stance::Allegation);
    if !claim {
        return false;
    }
    let word = p.text[p.m[k].start..p.m[k].end].to_ascii_lowercase();
    if word.starts_with("according") {
        return false;
    }
    let be_before =
        k > 0 && p.is_word(k - 1, Word::Be) && p.same_sentence(k - 1, k) && p.gap(k - 1, k) <= 1;
    let next = |w: Word| p.is_word(k + 1, w) && p.same_sentence(k, k + 1) && p.gap(k, k + 1) == 0;
    let about_subject = p.infinitive(k + 1) || (word.ends_with("ed") && next(Word::Of));
    !be_before && !about_subject
}

/// The item of the transfer word at `t`: the word's own item, else the first
/// item after it in the sentence, else the nearest before it (the first of
/// its list), else the passage's first item. A generic item followed by
/// "including" takes the more specific one.
fn find_item(
    p: &Passage<'_>,
    t: usize,
    own: Option<ItemKind>,
    destination: bool,
) -> Option<(ItemKind, Option<usize>)> {
    let sentence = p.sentence_of(t);
    let is_item = |k: usize| p.item_of(k).is_some() && p.party(k).is_none();
    // The item is the word's object: search up to another transfer word.
    let other = |k: usize| p.trigger(k).is_some() && p.item_of(k).is_none();
    let at = if own.is_some() {
        Some(t)
    } else {
        let ahead = (t + 1..sentence.end)
            .take_while(|&k| p.gap(t, k) <= REACH && !other(k))
            .find(|&k| is_item(k));
        ahead.or_else(|| {
            let before = (sentence.start..t).rev().take_while(|&k| !other(k));
            before.into_iter().find(|&k| is_item(k)).map(|k| first_of_list(p, k))
        })
    };
    let Some(at) = at else {
        // "direct transfers of equipment to the Ukrainian military": a
        // transfer word with its own object or destination may take its
        // item from the passage; a bare verb ("give you one example") not.
        let linked = destination
            || (matches!(p.word(t + 1), Some(Word::Of | Word::To | Word::For))
                && p.same_sentence(t, t + 1)
                && p.gap(t, t + 1) == 0);
        let first = (0..p.m.len()).filter(|_| linked).find(|&k| is_item(k))?;
        return Some((p.item_of(first)?, None));
    };
    let kind = p.item_of(at)?;
    if kind != ItemKind::Weapons {
        return Some((kind, Some(at)));
    }
    Some((including(p, at).unwrap_or(kind), Some(at)))
}

/// Walks back over a list of items ("drones, missiles and shells") to its
/// first.
fn first_of_list(p: &Passage<'_>, mut k: usize) -> usize {
    while k >= 2
        && matches!(p.word(k - 1), Some(Word::And | Word::Comma))
        && p.item_of(k - 2).is_some()
        && p.gap(k - 2, k) <= 2
        && p.same_sentence(k - 2, k)
    {
        k -= 2;
    }
    k
}

/// The items listed after the one at `k` ("rockets and missiles").
fn rest_of_list<'p>(p: &'p Passage<'_>, k: usize) -> impl Iterator<Item = usize> + 'p {
    let mut k = k;
    std::iter::from_fn(move || {
        let joined = matches!(p.word(k + 1), Some(Word::And | Word::Comma))
            && p.item_of(k + 2).is_some()
            && p.same_sentence(k, k + 2)
            && p.gap(k, k + 2) <= 2;
        joined.then(|| {
            k += 2;
            k
        })
    })
}

/// "weapons, including Stingers", "assistance … from Javelin missiles to
/// ammunition": the specific item after "including" (or a range's "from").
fn including(p: &Passage<'_>, at: usize) -> Option<ItemKind> {
    let sentence = p.sentence_of(at);
    let range =
        |k: usize| p.is_word(k, Word::From) && p.item_of(k + 1).is_some() && p.gap(k, k + 1) == 0;
    let inc = (at + 1..sentence.end)
        .take_while(|&k| p.gap(at, k) <= 10)
        .find(|&k| p.is_word(k, Word::Including) || range(k))?;
    (inc + 1..sentence.end)
        .take_while(|&k| p.gap(inc, k) <= 4)
        .find_map(|k| p.item_of(k).filter(|&kind| kind != ItemKind::Weapons))
}

/// For a use word ("fired", "using"): the nearest item of foreign origin in
/// its sentence, after it first.
fn origin_item(p: &Passage<'_>, t: usize) -> Option<(PartyId, usize)> {
    let sentence = p.sentence_of(t);
    let open = |k: &usize| !p.clause_break(*k);
    let after = (t + 1..sentence.end).take_while(|&k| p.gap(t, k) <= 8).take_while(open);
    // "U.S.-provided HIMARS that Ukraine has been using": a relative clause
    // reaches back to the item it follows.
    let item_before = |k: usize| {
        let k = if k > 0 && p.is_word(k - 1, Word::Comma) { k - 1 } else { k };
        k > 0 && p.item_of(k - 1).is_some() && p.gap(k - 1, k) == 0
    };
    let relative = |k: &usize| p.is_word(*k, Word::Which) && item_before(*k);
    let before = (sentence.start..t).rev().take_while(|k| open(k) || relative(k));
    let weapon = |k: &usize| p.trigger(*k).is_none();
    after.chain(before).filter(weapon).find_map(|k| p.item_origin[k].map(|o| (o, k)))
}
