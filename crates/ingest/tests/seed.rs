//! The seed article (issue 2, "Done when") and a hand-written fixture in the
//! same scraped format.

use chrono::NaiveDate;
use newsdex_ingest::{read_path, Article, ParagraphKind, Published};

use crate::util::{assert_no_markup, fixture, of_kind, shared};

fn read_one(path: &std::path::Path) -> Article {
    let mut articles: Vec<_> = read_path(path).collect();
    assert_eq!(articles.len(), 1);
    articles.remove(0).expect("the article is accepted")
}

#[test]
fn seed_normalizes_exactly() {
    let Some(seed) = shared("seed/000_fd4d41a332000427.txt") else { return };
    let a = read_one(&seed);
    assert_eq!(a.id, "000_fd4d41a332000427");
    assert_eq!(
        a.title,
        "North Korea Dismisses as 'Groundless' U.S. Claims of Arms Supplies to Russia: State Media"
    );
    assert_eq!(a.published, Some(Published::Date(NaiveDate::from_ymd_opt(2022, 11, 7).unwrap())));
    assert_eq!(a.outlet.as_deref(), Some("The Moscow Times"));
    assert_eq!(a.agency.as_deref(), Some("AFP"));
    // "By AFP" names no person: the byline's credit stands as the author.
    assert_eq!(a.authors, ["AFP"]);
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.themoscowtimes.com/2022/11/07/north-korea-dismisses-as-groundless-us-claims-of-arms-supplies-to-russia-state-media-a79311")
    );
    let body = of_kind(&a, ParagraphKind::Body);
    assert_eq!(body.len(), 16);
    assert!(body[0].text.starts_with("North Korea said Tuesday"));
    assert!(body[15].text.ends_with("Vigilant Storm operation."));
    let captions = of_kind(&a, ParagraphKind::Caption);
    assert_eq!(captions.len(), 1);
    assert!(captions[0].text.starts_with("North Korean leader Kim Jong Un inspects"));
    assert_eq!(captions[0].credit.as_deref(), Some("TASS"));
    let headings = of_kind(&a, ParagraphKind::Heading);
    assert_eq!(headings.len(), 1);
    assert_eq!(headings[0].text, "Sign of Russia's 'shortages'");
    let sections: Vec<_> = body.iter().map(|p| p.section.as_deref()).collect();
    assert!(sections[..10].iter().all(Option::is_none));
    assert!(sections[10..].iter().all(|s| *s == Some("Sign of Russia's 'shortages'")));
    assert_no_markup(&a);
    assert!(a.warnings.is_empty());
}

#[test]
fn fixture_in_the_seed_format() {
    let a = read_one(&fixture("scraped_fixture.txt"));
    assert_eq!(a.id, "scraped_fixture");
    assert_eq!(a.title, "Harbor Authority Says \"No Evidence\" of Illicit Cargo: Officials");
    assert_eq!(a.published, Some(Published::Date(NaiveDate::from_ymd_opt(2023, 3, 3).unwrap())));
    assert_eq!(a.agency.as_deref(), Some("Reuters"));
    assert_eq!(a.outlet.as_deref(), Some("Reuters"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.reuters.com/world/harbor-authority-says-no-evidence-of-illicit-cargo-2023-03-03/")
    );
    let body = of_kind(&a, ParagraphKind::Body);
    assert_eq!(body.len(), 5);
    assert_eq!(
        body[1].text,
        "Inspectors examined twelve vessels over three days, the authority said in a statement."
    );
    let captions = of_kind(&a, ParagraphKind::Caption);
    assert_eq!(captions.len(), 1);
    assert_eq!(captions[0].credit.as_deref(), Some("Jane Roe / Harbor Press"));
    assert_eq!(captions[0].text, "A container ship waits outside the harbor at dawn on Feb. 28.");
    let sections: Vec<_> = body.iter().map(|p| p.section.as_deref()).collect();
    assert_eq!(sections, [None, None, None, Some("What comes next"), Some("What comes next")]);
    assert_no_markup(&a);
}
