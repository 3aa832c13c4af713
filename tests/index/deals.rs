//! The who-arms-whom table: counts per row and status, claimants, items,
//! dates, outlets, evidence, timeline, filters, and syndicated copies
//! counted once.

use newsdex::{Deal, DealsOptions, ItemKind, NewsIndex, SearchRequest, Status};

use crate::fixtures::{article, day, each_index, seed_index};

const SHARED: &str =
    "Seoul and Washington have accused Pyongyang of sending artillery shells to Moscow.";

fn corpus(index: &NewsIndex) -> anyhow::Result<()> {
    let mut w = index.writer()?;
    w.add_articles(vec![
        article(
            "a1",
            "Daily",
            day(2022, 9, 5),
            "Shells",
            &[
                "North Korea denied supplying artillery shells to Russia.",
                "The United States accused North Korea of supplying rockets to Russia.",
            ],
        ),
        article("a2", "Wire", day(2022, 11, 20), "Shells", &[SHARED]),
        // A syndicated copy of a2's paragraph, published later elsewhere.
        article("a3", "Herald", day(2022, 11, 21), "Copy", &[SHARED]),
        article(
            "a4",
            "Daily",
            day(2023, 2, 1),
            "Tanks",
            &["Germany will send Leopard tanks to Ukraine, Berlin said."],
        ),
        article("a5", "Daily", day(2023, 3, 1), "Weather", &["Rain is expected on Monday."]),
    ])?;
    w.commit()?;
    Ok(())
}

fn row<'a>(rows: &'a [Deal], supplier: &str, recipient: &str) -> &'a Deal {
    rows.iter()
        .find(|r| {
            r.supplier.as_deref() == Some(supplier) && r.recipient.as_deref() == Some(recipient)
        })
        .unwrap_or_else(|| panic!("no row {supplier} → {recipient} in {rows:#?}"))
}

#[test]
fn the_whole_index_is_summarized_by_supplier_and_recipient() {
    each_index(|index| {
        corpus(index)?;
        let table = index.deals(&SearchRequest::new(""), DealsOptions::new())?;
        let nk = row(&table.rows, "North Korea", "Russia");
        // a1 (two passages) and a2; a3 is a copy of a2's passage.
        assert_eq!((nk.passages, nk.articles), (3, 2), "{nk:#?}");
        let status = |s: Status| nk.statuses.iter().find(|x| x.status == s).expect("status");
        let denied = status(Status::Denied);
        assert_eq!((denied.passages, denied.articles), (1, 1));
        assert_eq!(denied.claimed_by[0].party, "North Korea");
        let alleged = status(Status::Alleged);
        assert_eq!((alleged.passages, alleged.articles), (2, 2));
        let claimants: Vec<&str> = alleged.claimed_by.iter().map(|c| c.party.as_str()).collect();
        assert!(claimants.contains(&"United States"), "{claimants:?}");
        assert_eq!(nk.items[0].item, ItemKind::ArtilleryAndAmmunition);
        assert!(nk.items.iter().any(|i| i.item == ItemKind::MissilesAndRockets));
        assert_eq!(
            (nk.first.as_deref(), nk.last.as_deref()),
            (Some("2022-09-05"), Some("2022-11-20"))
        );
        let outlets: Vec<&str> = nk.outlets.iter().map(|o| o.outlet.as_str()).collect();
        assert_eq!(outlets, ["Daily", "Wire"], "the copy's outlet is not counted");
        // Evidence: the article with most of the row's passages.
        assert_eq!(nk.evidence.article_id, "a1");
        let quote = &nk.evidence.text[nk.evidence.span.clone()];
        assert!(quote.contains("North Korea"), "{quote}");
        assert_eq!(denied.evidence.status, Status::Denied);
        assert!(nk.timeline.is_empty());

        let de = row(&table.rows, "Germany", "Ukraine");
        assert_eq!(de.statuses[0].status, Status::Planned);
        assert!(de.statuses[0].claimed_by.is_empty());
        assert_eq!(table.rows[0].supplier.as_deref(), Some("North Korea"), "most articles first");
        Ok(())
    });
}

#[test]
fn syndicated_copies_count_once() -> anyhow::Result<()> {
    let index = NewsIndex::create_in_ram()?;
    corpus(&index)?;
    // A phrase only the shared paragraph has ("Washington" alone would also
    // match a1's "United States" through expansion).
    let table =
        index.deals(&SearchRequest::new("\"Seoul and Washington\""), DealsOptions::new())?;
    let nk = row(&table.rows, "North Korea", "Russia");
    assert_eq!((nk.passages, nk.articles), (1, 1));
    assert_eq!(nk.evidence.article_id, "a2", "the earliest copy");
    assert_eq!(table.passages, 1);
    Ok(())
}

#[test]
fn filters_and_query_select_the_transfers_counted() -> anyhow::Result<()> {
    let index = NewsIndex::create_in_ram()?;
    corpus(&index)?;
    let table = index.deals(&SearchRequest::new("status:denied"), DealsOptions::new())?;
    assert_eq!(table.rows.len(), 1);
    let nk = &table.rows[0];
    assert_eq!(nk.statuses.len(), 1, "only the denied transfers are counted");
    assert_eq!(nk.passages, 1);

    let ukraine = index.deals(&SearchRequest::new("").recipient("Kyiv"), DealsOptions::new())?;
    assert_eq!(ukraine.rows.len(), 1);
    assert_eq!(ukraine.rows[0].supplier.as_deref(), Some("Germany"));

    let tanks = index.deals(&SearchRequest::new("Leopard"), DealsOptions::new())?;
    assert_eq!(tanks.rows.len(), 1);
    let none = index.deals(&SearchRequest::new("Rain"), DealsOptions::new())?;
    assert!(none.rows.is_empty() && none.passages == 0);
    let late = index.deals(&SearchRequest::new("").after(day(2022, 10, 1)), DealsOptions::new())?;
    assert!(late.rows.iter().all(|r| r.first.as_deref() >= Some("2022-10-01")), "{late:#?}");

    let limited = index.deals(&SearchRequest::new(""), DealsOptions::new().limit(1))?;
    assert_eq!(limited.rows.len(), 1);
    let warned = index.deals(&SearchRequest::new("status:maybe"), DealsOptions::new())?;
    assert!(warned.warnings[0].contains("maybe"));
    Ok(())
}

#[test]
fn by_month_adds_a_timeline() -> anyhow::Result<()> {
    let index = NewsIndex::create_in_ram()?;
    corpus(&index)?;
    let table = index.deals(&SearchRequest::new(""), DealsOptions::new().by_month(true))?;
    let nk = row(&table.rows, "North Korea", "Russia");
    let months: Vec<(&str, u64, u64)> =
        nk.timeline.iter().map(|m| (m.month.as_str(), m.passages, m.articles)).collect();
    assert_eq!(months, [("2022-09", 2, 1), ("2022-11", 1, 1)]);
    let json = serde_json::to_value(nk)?;
    assert_eq!(json["timeline"][0]["month"], "2022-09");
    Ok(())
}

/// The seed article alone: North Korea denies, the United States alleges.
#[test]
fn the_seed_article_gives_a_denied_and_an_alleged_count() {
    each_index(|index| {
        seed_index(index)?;
        let table = index.deals(&SearchRequest::new(""), DealsOptions::new())?;
        let nk = row(&table.rows, "North Korea", "Russia");
        let status = |s: Status| nk.statuses.iter().find(|x| x.status == s).expect("status");
        assert_eq!(status(Status::Denied).claimed_by[0].party, "North Korea");
        let alleged: Vec<&str> =
            status(Status::Alleged).claimed_by.iter().map(|c| c.party.as_str()).collect();
        assert!(alleged.contains(&"United States"), "{alleged:?}");
        Ok(())
    });
}
