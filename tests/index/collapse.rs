//! Syndicated copies of a passage collapse into one hit listing the others.

use newsdex::{Ranking, SearchRequest};

use crate::fixtures::{article, day, each_index};

#[test]
fn syndicated_passages_collapse_with_also_in() {
    each_index(|index| {
        let wire = "MOSCOW — Russia received artillery shells from North Korea, officials said.";
        let reprint = "Moscow: Russia received ARTILLERY SHELLS from North Korea -- officials said";
        let mut w = index.writer()?;
        w.add_articles([
            article("x1", "Daily", day(2022, 1, 1), "Shells", &[wire]),
            article("x2", "Weekly", day(2022, 1, 2), "Shells arrive", &[wire]),
            article("x3", "Gazette", day(2022, 1, 3), "Report", &[reprint]),
            article("y", "Gazette", day(2022, 1, 3), "Other", &["Artillery shells were counted."]),
        ])?;
        w.commit()?;
        let r = index.search(&SearchRequest::new("artillery shells Russia"))?;
        assert_eq!(r.hits.len(), 2, "{:#?}", r.hits);
        let top = &r.hits[0];
        let mut others: Vec<_> = top.also_in.iter().map(|a| a.article_id.as_str()).collect();
        others.push(&top.article_id);
        others.sort();
        assert_eq!(others, ["x1", "x2", "x3"]);
        assert!(top.also_in.iter().all(|a| a.outlet.is_some() && a.url.is_some()));
        let plain =
            index.search(&SearchRequest::new("artillery shells Russia").ranking(Ranking::Plain))?;
        assert_eq!(plain.hits.len(), 4);
        Ok(())
    });
}
