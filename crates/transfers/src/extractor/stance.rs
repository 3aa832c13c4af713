//! The status of a transfer and who claims it, from the stance words of its
//! sentence.

use crate::extractor::passage::{Passage, Who};
use crate::extractor::roles::{subjects_before, Reading};
use crate::extractor::vocab::{PartyId, Word};
use crate::lexicon::Stance;
use crate::transfer::Status;

/// A status with its claimant (for alleged and denied) and the stance word
/// that decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub status: Status,
    pub claimed_by: Option<PartyId>,
    pub cue: Option<usize>,
}

/// How far before a transfer word a negation still negates it.
const NEGATION_REACH: u32 = 5;
/// How far before a transfer word an infinitive makes it a plan ("to keep
/// weapons flowing"), where a purpose clause further away does not.
const INFINITIVE_REACH: u32 = 5;
/// How far before a transfer word a condition still opens its clause.
const CONDITION_REACH: u32 = 10;
/// How far before a transfer word a plan or fact word still sets its tense.
const TENSE_REACH: u32 = 8;
/// How far after a transfer noun its clause's passive plan verb may be
/// ("the sale of 66 F-16 jets to Taiwan was approved").
const PASSIVE_PLAN_REACH: u32 = 12;

/// The statuses of a reading: usually one; a denial of a claim made by
/// another named party gives both (denied by one, alleged by the other).
pub(crate) fn verdicts(p: &Passage<'_>, r: &Reading) -> Vec<Verdict> {
    let t = r.at;
    let sentence = p.sentence_of(t);
    let sides: Vec<Option<PartyId>> =
        r.suppliers.iter().chain(&r.recipients).map(|w| w.party()).collect();
    let verdict = |status, claimed_by, cue| Verdict { status, claimed_by, cue: Some(cue) };

    if let Some(d) = sentence.clone().find(|&k| p.stance(k, Stance::Denial)) {
        let denier = denier(p, d);
        let mut out = vec![verdict(Status::Denied, denier, d)];
        let claim = sentence.clone().filter(|&k| p.stance(k, Stance::Allegation)).find_map(|a| {
            claimant(p, a)
                .filter(|c| Some(*c) != denier)
                .map(|c| verdict(Status::Alleged, Some(c), a))
        });
        out.extend(claim);
        return out;
    }
    if let Some(n) = negation_before(p, t) {
        // "China has not sent weapons, the State Department said": the
        // sentence's reporting verb names who denies.
        // Only a named one: "its defense minister said" may point anywhere.
        let said = sentence.clone().find(|&k| p.stance(k, Stance::Attribution));
        let named = |k| match subjects_before(p, k).first() {
            Some(&Who::Party(party, _)) => Some(party),
            _ => None,
        };
        let subject = |k| subjects_before(p, k).first().and_then(|w: &Who| w.party());
        let by = said.and_then(named).or_else(|| subject(n)).or(p.we);
        return vec![verdict(Status::Denied, by, n)];
    }
    let hedge = |k| p.stance(k, Stance::Allegation) || p.stance(k, Stance::Hedge);
    if let Some(a) = sentence.clone().find(|&k| hedge(k) && same_clause(p, t, k)) {
        let by = if p.stance(a, Stance::Allegation) { claimant(p, a) } else { None };
        return vec![verdict(Status::Alleged, by, a)];
    }
    let attributions = sentence.clone().filter(|&k| p.stance(k, Stance::Attribution));
    for a in attributions.filter(|&k| same_clause(p, t, k)) {
        let Some(by) = subjects_before(p, a).first().and_then(|w| w.party()) else { continue };
        let own = Some(by) == p.we || Some(by) == p.publisher;
        if !own && !sides.contains(&Some(by)) {
            return vec![verdict(Status::Alleged, Some(by), a)];
        }
    }
    // "Russia fired North Korean missiles": the transfer is presupposed,
    // whatever the tense of the firing.
    if r.presupposed {
        return vec![Verdict { status: Status::Reported, claimed_by: None, cue: None }];
    }
    let planned = |cue| vec![Verdict { status: Status::Planned, claimed_by: None, cue }];
    if r.status == Some(Status::Planned) {
        return planned(None);
    }
    if p.sentences[p.m[t].sentence as usize].question {
        return planned(None);
    }
    if let Some(c) = condition_before(p, t) {
        return planned(Some(c));
    }
    // "the sale of F-35s to the UAE was approved": a passive plan verb
    // after a transfer noun.
    if let Some(cue) = passive_plan_after(p, t) {
        return planned(Some(cue));
    }
    match tense_before(p, t) {
        Some((Status::Planned, cue)) => planned(Some(cue)),
        _ => vec![Verdict {
            status: r.status.unwrap_or(Status::Reported),
            claimed_by: None,
            cue: None,
        }],
    }
}

/// Who denies, for the denial word at `d`: the subject of the sentence's
/// reporting verb before it ("North Korea said … were groundless"), else of
/// one after it, in a reporting clause after a comma ("'the U.S. is
/// spreading a groundless rumor,' North Korea's vice director said": the
/// quoted clause's own subject is the accuser), else of the denial word, else the
/// speaker. A reporting verb after a relative pronoun is not used: that
/// clause is about someone else ("refuted allegations by John Kirby, who
/// said …").
fn denier(p: &Passage<'_>, d: usize) -> Option<PartyId> {
    let sentence = p.sentence_of(d);
    let said = (sentence.start..d).find(|&k| p.stance(k, Stance::Attribution));
    let subject = |k| subjects_before(p, k).first().and_then(|w: &Who| w.party());
    let said_after = || {
        let s = (d + 1..sentence.end).find(|&k| p.stance(k, Stance::Attribution))?;
        if (d + 1..s).any(|k| p.is_word(k, Word::Which)) {
            return None;
        }
        // The reporting clause after the quote's comma; its first named
        // party is the speaker's, possessor included ("North Korea's vice
        // director said").
        let comma = (d + 1..s).rev().find(|&k| p.is_word(k, Word::Comma))?;
        (comma + 1..s).find_map(|k| p.party(k).map(|(party, _)| party))
    };
    said.and_then(subject).or_else(said_after).or_else(|| subject(d)).or(p.we)
}

/// Who makes the claim at `a`: "claims by X", "according to X", "X's
/// claims", "a White House claim", "X accused", "our information indicates".
fn claimant(p: &Passage<'_>, a: usize) -> Option<PartyId> {
    let sentence = p.sentence_of(a);
    let by = (a + 1..sentence.end)
        .take_while(|&k| p.gap(a, k) <= 3)
        .find(|&k| p.is_word(k, Word::By) || p.stance(k, Stance::Attribution));
    let agent = by
        .or(p.stance(a, Stance::Attribution).then_some(a))
        .and_then(|k| p.who(k + 1).filter(|_| p.same_sentence(k, k + 1) && p.gap(k, k + 1) <= 1));
    if let Some(w) = agent {
        return w.party();
    }
    let k = a.checked_sub(1).filter(|&k| p.same_sentence(k, a) && p.gap(k, a) == 0);
    let k = k.map(|k| if p.is_word(k, Word::Possessive) && k > 0 { k - 1 } else { k });
    if let Some(w) = k.and_then(|k| p.who(k).or(p.party(k).map(|(party, _)| Who::Party(party, k))))
    {
        return w.party();
    }
    // "it was reported that": a third-person pronoun before a claim is
    // usually expletive, not a claimant.
    let subject = subjects_before(p, a).first().copied();
    subject.filter(|w| !matches!(p.word(w.mention()), Some(Word::They))).and_then(|w| w.party())
}

/// A negation shortly before the transfer word, in the same clause.
fn negation_before(p: &Passage<'_>, t: usize) -> Option<usize> {
    let sentence = p.sentence_of(t);
    for k in (sentence.start..t).rev() {
        // "did not know whether Russia has received": the negation is the
        // knowing's, not the transfer's.
        if p.gap(k, t) > NEGATION_REACH || clause_break(p, k) || p.stance(k, Stance::Condition) {
            return None;
        }
        if p.stance(k, Stance::Negation) {
            return Some(k);
        }
    }
    None
}

/// "whether", "if" opening the transfer word's clause.
fn condition_before(p: &Passage<'_>, t: usize) -> Option<usize> {
    let sentence = p.sentence_of(t);
    (sentence.start..t)
        .rev()
        .take_while(|&k| p.gap(k, t) <= CONDITION_REACH && !clause_break(p, k))
        .find(|&k| p.stance(k, Stance::Condition))
}

/// The nearest plan or fact word before the transfer word in its clause; an
/// infinitive "to" right before it counts as a plan ("agreed to supply").
fn tense_before(p: &Passage<'_>, t: usize) -> Option<(Status, usize)> {
    let sentence = p.sentence_of(t);
    if t > sentence.start && p.is_word(t - 1, Word::To) && p.gap(t - 1, t) == 0 {
        return Some((Status::Planned, t - 1));
    }
    for k in (sentence.start..t).rev() {
        if p.gap(k, t) > TENSE_REACH || clause_break(p, k) {
            return None;
        }
        if p.stance(k, Stance::Plan) || (p.infinitive(k) && p.gap(k, t) <= INFINITIVE_REACH) {
            return Some((Status::Planned, k));
        }
        if p.stance(k, Stance::Fact) {
            return Some((Status::Reported, k));
        }
    }
    None
}

/// A plan word in the passive ("was approved", "were announced") after the
/// transfer word, in its clause.
fn passive_plan_after(p: &Passage<'_>, t: usize) -> Option<usize> {
    let sentence = p.sentence_of(t);
    (t + 1..sentence.end)
        .take_while(|&k| p.gap(t, k) <= PASSIVE_PLAN_REACH && !clause_break(p, k))
        .find(|&k| {
            p.stance(k, Stance::Plan)
                && p.is_word(k - 1, Word::Be)
                && p.same_sentence(k - 1, k)
                && p.gap(k - 1, k) == 0
        })
}

/// A cue before the transfer word governs it; one after it only if no
/// clause break comes between ("…, which Ukraine reports is the largest").
fn same_clause(p: &Passage<'_>, t: usize, cue: usize) -> bool {
    cue < t || !(t + 1..cue).any(|k| clause_break(p, k))
}

fn clause_break(p: &Passage<'_>, k: usize) -> bool {
    p.clause_break(k)
}
