//! Transfers of matching passages -> rows of the deals table.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use newsdex_transfers::{ItemKind, Status};
use tantivy::DocAddress;

use crate::deals::collect::Mention;
use crate::deals::{
    ClaimCount, Deal, DealEvidence, DealStatus, DealsOptions, ItemCount, MonthCount, OutletCount,
};
use crate::error::Result;
use crate::facets::{day_of, month_of};
use crate::transfer_keys::Row;

/// The passage (and its transfer) chosen as a row's or a status's evidence.
pub(crate) struct Pick {
    pub doc: DocAddress,
    pub row: Arc<Row>,
}

/// Counts of distinct passages and articles.
#[derive(Default)]
struct Tally {
    passages: HashSet<u64>,
    articles: HashSet<u64>,
}

impl Tally {
    fn add(&mut self, m: &Mention) {
        self.passages.insert(m.text_hash);
        self.articles.insert(m.article);
    }
}

/// One row while counting.
#[derive(Default)]
struct Acc {
    all: Tally,
    statuses: BTreeMap<Status, (Tally, HashMap<String, HashSet<u64>>)>,
    items: HashMap<ItemKind, HashSet<u64>>,
    outlets: HashMap<Arc<str>, HashSet<u64>>,
    months: BTreeMap<String, Tally>,
    first: Option<tantivy::DateTime>,
    last: Option<tantivy::DateTime>,
    /// The counted mentions, for choosing evidence.
    counted: Vec<Mention>,
}

type Key = (Option<String>, Option<String>);

/// Counts the mentions into rows (most articles first, at most
/// `options.limit` when set) and loads each kept row's evidence with `load`.
/// Returns the rows and the number of distinct passages counted.
pub(crate) fn aggregate(
    mut mentions: Vec<Mention>,
    options: DealsOptions,
    mut load: impl FnMut(&Pick) -> Result<DealEvidence>,
) -> Result<(Vec<Deal>, u64)> {
    // Earliest first, so that of syndicated copies the original counts.
    mentions.sort_by_key(|m| (m.published.is_none(), m.published, m.doc));
    let mut rows: HashMap<Key, Acc> = HashMap::new();
    let mut seen: HashSet<(Key, u64, Status, Option<String>, ItemKind)> = HashSet::new();
    let mut copies: HashMap<(Key, u64), u64> = HashMap::new();
    let mut passages = HashSet::new();
    for m in mentions {
        let key: Key = (m.row.supplier.clone(), m.row.recipient.clone());
        // A passage text counts for the first article carrying it.
        let first_article = *copies.entry((key.clone(), m.text_hash)).or_insert(m.article);
        let r = &m.row;
        let fact = (key.clone(), m.text_hash, r.status, r.claimed_by.clone(), r.item);
        if first_article != m.article || !seen.insert(fact) {
            continue;
        }
        passages.insert(m.text_hash);
        count(rows.entry(key).or_default(), m, options.by_month);
    }
    let mut accs: Vec<(Key, Acc)> = rows.into_iter().collect();
    accs.sort_by(|(ka, a), (kb, b)| {
        (Reverse(a.all.articles.len()), Reverse(a.all.passages.len()), ka).cmp(&(
            Reverse(b.all.articles.len()),
            Reverse(b.all.passages.len()),
            kb,
        ))
    });
    if options.limit > 0 {
        accs.truncate(options.limit);
    }
    let mut deals = Vec::with_capacity(accs.len());
    for (key, acc) in accs {
        deals.extend(finish(key, acc, &mut load)?);
    }
    Ok((deals, passages.len() as u64))
}

fn count(acc: &mut Acc, m: Mention, by_month: bool) {
    acc.all.add(&m);
    let (tally, claims) = acc.statuses.entry(m.row.status).or_default();
    tally.add(&m);
    if let Some(by) = &m.row.claimed_by {
        claims.entry(by.clone()).or_default().insert(m.text_hash);
    }
    acc.items.entry(m.row.item).or_default().insert(m.text_hash);
    if let Some(outlet) = m.outlet.clone().filter(|o| !o.is_empty()) {
        acc.outlets.entry(outlet).or_default().insert(m.article);
    }
    if let Some(date) = m.published {
        acc.first = Some(acc.first.map_or(date, |d| d.min(date)));
        acc.last = Some(acc.last.map_or(date, |d| d.max(date)));
        if by_month {
            acc.months.entry(month_of(date)).or_default().add(&m);
        }
    }
    acc.counted.push(m);
}

/// The row of `acc` (`None` when it counted nothing, which does not occur).
fn finish(
    (supplier, recipient): Key,
    acc: Acc,
    load: &mut impl FnMut(&Pick) -> Result<DealEvidence>,
) -> Result<Option<Deal>> {
    // How many of the row's passages each article holds: the article that
    // covers the deal most gives the evidence when scores tie.
    let mut per_article: HashMap<u64, usize> = HashMap::new();
    for m in &acc.counted {
        *per_article.entry(m.article).or_default() += 1;
    }
    let best = |status: Option<Status>| {
        let m = acc.counted.iter().filter(|m| status.map_or(true, |s| m.row.status == s)).min_by(
            |a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(per_article[&b.article].cmp(&per_article[&a.article]))
                    .then((a.published.is_none(), a.published, a.doc).cmp(&(
                        b.published.is_none(),
                        b.published,
                        b.doc,
                    )))
            },
        )?;
        Some(Pick { doc: m.doc, row: m.row.clone() })
    };
    let Some(pick) = best(None) else { return Ok(None) };
    let evidence = load(&pick)?;
    let mut statuses = Vec::with_capacity(acc.statuses.len());
    for (&status, (tally, claims)) in &acc.statuses {
        let Some(pick) = best(Some(status)) else { continue };
        let mut claimed_by: Vec<ClaimCount> = claims
            .iter()
            .map(|(party, p)| ClaimCount { party: party.clone(), passages: p.len() as u64 })
            .collect();
        claimed_by.sort_by(|a, b| b.passages.cmp(&a.passages).then_with(|| a.party.cmp(&b.party)));
        statuses.push(DealStatus {
            status,
            passages: tally.passages.len() as u64,
            articles: tally.articles.len() as u64,
            claimed_by,
            evidence: load(&pick)?,
        });
    }
    let mut items: Vec<ItemCount> =
        acc.items.iter().map(|(&item, p)| ItemCount { item, passages: p.len() as u64 }).collect();
    items.sort_by(|a, b| b.passages.cmp(&a.passages).then(a.item.cmp(&b.item)));
    let mut outlets: Vec<OutletCount> = acc
        .outlets
        .iter()
        .map(|(o, a)| OutletCount { outlet: o.to_string(), articles: a.len() as u64 })
        .collect();
    outlets.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.outlet.cmp(&b.outlet)));
    let timeline = acc
        .months
        .iter()
        .map(|(month, t)| MonthCount {
            month: month.clone(),
            passages: t.passages.len() as u64,
            articles: t.articles.len() as u64,
        })
        .collect();
    Ok(Some(Deal {
        supplier,
        recipient,
        passages: acc.all.passages.len() as u64,
        articles: acc.all.articles.len() as u64,
        statuses,
        items,
        first: acc.first.map(day_of),
        last: acc.last.map(day_of),
        outlets,
        evidence,
        timeline,
    }))
}
