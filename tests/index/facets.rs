//! Facets: matching-article counts by outlet and month; index stats.

use newsdex::{Facets, SearchRequest};

use crate::fixtures::{article, day, each_index};

#[test]
fn facets_count_articles_not_passages() {
    each_index(|index| {
        let mut w = index.writer()?;
        let two = ["Drones flew.", "More drones flew later."];
        let long: Vec<String> =
            two.iter().map(|t| format!("{t} {}", "Filler text. ".repeat(30))).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        w.add_articles([
            article("a", "Daily", day(2022, 1, 5), "T", &long),
            article("b", "Daily", day(2022, 1, 20), "T", &["Drones again."]),
            article("c", "Weekly", day(2022, 2, 1), "T", &["Drones once more."]),
            article("d", "Weekly", day(2022, 2, 2), "T", &["Nothing here."]),
        ])?;
        w.commit()?;
        let f = index.facets(&SearchRequest::new("drones"))?;
        let expected = Facets {
            articles: 3,
            by_outlet: vec![("Daily".into(), 2), ("Weekly".into(), 1)],
            by_agency: vec![],
            by_month: vec![("2022-01".into(), 2), ("2022-02".into(), 1)],
        };
        assert_eq!(f, expected);
        let filtered = index.facets(&SearchRequest::new("drones after:2022-01-10"))?;
        assert_eq!(filtered.by_outlet, vec![("Daily".to_string(), 1), ("Weekly".to_string(), 1)]);
        let stats = index.stats()?;
        assert_eq!(stats.articles, 4);
        assert_eq!(stats.first_published.as_deref(), Some("2022-01-05"));
        assert_eq!(stats.last_published.as_deref(), Some("2022-02-02"));
        assert_eq!(stats.outlets, vec![("Daily".to_string(), 2), ("Weekly".to_string(), 2)]);
        assert!(stats.size_on_disk > 0);
        Ok(())
    });
}

#[test]
fn facets_count_agencies_and_all_matching_articles() {
    each_index(|index| {
        let with_agency = |id, agency: Option<&str>, body| {
            let mut a = article(id, "Daily", day(2022, 3, 1), "T", &[body]);
            a.agency = agency.map(String::from);
            a
        };
        let mut w = index.writer()?;
        w.add_articles([
            with_agency("a", Some("AFP"), "Shells were shipped."),
            with_agency("b", Some("AFP"), "More shells were shipped."),
            with_agency("c", Some("Reuters"), "Shells again."),
            with_agency("d", None, "Shells, no wire."),
            with_agency("e", Some("Reuters"), "Nothing relevant."),
        ])?;
        let mut undated = with_agency("f", None, "Undated shells.");
        undated.published = None;
        undated.outlet = None;
        w.add_article(&undated)?;
        w.commit()?;
        let f = index.facets(&SearchRequest::new("shells"))?;
        assert_eq!(f.articles, 5, "{f:?}");
        assert_eq!(f.by_agency, vec![("AFP".to_string(), 2), ("Reuters".to_string(), 1)]);
        assert_eq!(f.by_outlet, vec![("Daily".to_string(), 4)]);
        assert_eq!(f.by_month, vec![("2022-03".to_string(), 4)]);
        let afp = index.facets(&SearchRequest::new("shells").agency("afp"))?;
        assert_eq!((afp.articles, afp.by_agency), (2, vec![("AFP".to_string(), 2)]));
        Ok(())
    });
}
