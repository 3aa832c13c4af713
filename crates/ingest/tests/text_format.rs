//! Variations of the scraped text format, each written once as a table row.

use newsdex_ingest::{Format, ParagraphKind, Position, RawRecord, ReadOptions};

/// What a variant must normalize to.
struct Expect {
    title: &'static str,
    published: Option<&'static str>,
    agency: Option<&'static str>,
    authors: &'static [&'static str],
    url: Option<&'static str>,
    outlet: Option<&'static str>,
    /// (kind, section, text) of every paragraph.
    paragraphs: &'static [(ParagraphKind, Option<&'static str>, &'static str)],
    credit: Option<&'static str>,
}

use ParagraphKind::{Body, Caption, Heading};

const NONE: Expect = Expect {
    title: "",
    published: None,
    agency: None,
    authors: &[],
    url: None,
    outlet: None,
    paragraphs: &[],
    credit: None,
};

fn check(name: &str, text: &str, want: Expect) {
    let record = RawRecord::new(Position::file(format!("{name}.md")), Format::Text, text.into());
    let a = record.parse(&ReadOptions::new()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(a.id, name);
    assert_eq!(a.title, want.title, "{name}");
    assert_eq!(a.published.map(|p| p.to_string()).as_deref(), want.published, "{name}");
    assert_eq!(a.agency.as_deref(), want.agency, "{name}");
    assert_eq!(a.authors, want.authors, "{name}");
    assert_eq!(a.url.as_deref(), want.url, "{name}");
    assert_eq!(a.outlet.as_deref(), want.outlet, "{name}");
    let got: Vec<_> =
        a.paragraphs.iter().map(|p| (p.kind, p.section.as_deref(), p.text.as_str())).collect();
    assert_eq!(got, want.paragraphs, "{name}");
    let credit = a.paragraphs.iter().find_map(|p| p.credit.as_deref());
    assert_eq!(credit, want.credit, "{name}");
}

#[test]
fn no_byline_no_caption_url_on_the_label_line() {
    check(
        "plain",
        "# Ships Leave Port\n\n2022-06-23\n\nThe ships left.\n\nOriginal url: https://www.bbc.co.uk/news/ships-1?fbclid=x",
        Expect {
            title: "Ships Leave Port",
            published: Some("2022-06-23"),
            url: Some("https://www.bbc.co.uk/news/ships-1"),
            outlet: Some("BBC"),
            paragraphs: &[(Body, None, "The ships left.")],
            ..NONE
        },
    );
}

#[test]
fn several_sub_headings_and_a_timed_date() {
    check(
        "sections",
        "## Talks\n\nBy Jane Doe and John Roe\n\nNov. 7, 2022 14:05 GMT\n\nIntro.\n\n## First\n\nA.\n\n## Second\n\nB.\n\nC.",
        Expect {
            title: "Talks",
            published: Some("2022-11-07T14:05:00Z"),
            authors: &["Jane Doe", "John Roe"],
            paragraphs: &[
                (Body, None, "Intro."),
                (Heading, None, "First"),
                (Body, Some("First"), "A."),
                (Heading, Some("First"), "Second"),
                (Body, Some("Second"), "B."),
                (Body, Some("Second"), "C."),
            ],
            ..NONE
        },
    );
}

#[test]
fn date_before_byline_and_a_credit_tail_caption() {
    check(
        "order",
        "## Drills\n\n7 November 2022\n\nBy <u>Associated Press</u>\n\nTroops march in Seoul. Ahn Young-joon/AP Photo\n\nThe drills ended.",
        Expect {
            title: "Drills",
            published: Some("2022-11-07"),
            agency: Some("AP"),
            // A byline naming no person credits the agency as written.
            authors: &["Associated Press"],
            paragraphs: &[
                (Caption, None, "Troops march in Seoul."),
                (Body, None, "The drills ended."),
            ],
            credit: Some("Ahn Young-joon/AP Photo"),
            ..NONE
        },
    );
}

#[test]
fn no_title_marks_and_url_wrapped_over_lines() {
    check(
        "bare",
        "Kyiv Says Strikes Hit Power Plants\n\nThe strikes hit three plants, officials said.\n\nOriginal url:\n\nhttps://kyivindependent.com/news/strikes-hit-\npower-plants/",
        Expect {
            title: "Kyiv Says Strikes Hit Power Plants",
            url: Some("https://kyivindependent.com/news/strikes-hit-power-plants/"),
            outlet: Some("The Kyiv Independent"),
            paragraphs: &[(Body, None, "The strikes hit three plants, officials said.")],
            ..NONE
        },
    );
}

#[test]
fn a_photo_credit_is_never_the_agency() {
    check(
        "credit",
        "## Summit\n\nLeaders meet. **Reuters**\n\nThe summit opened.",
        Expect {
            title: "Summit",
            paragraphs: &[(Caption, None, "Leaders meet."), (Body, None, "The summit opened.")],
            credit: Some("Reuters"),
            ..NONE
        },
    );
}

#[test]
fn body_only_text_has_an_empty_title() {
    check(
        "body_only",
        "This opening paragraph is a full sentence and so not a title.\n\nA second paragraph.",
        Expect {
            paragraphs: &[
                (Body, None, "This opening paragraph is a full sentence and so not a title."),
                (Body, None, "A second paragraph."),
            ],
            ..NONE
        },
    );
}
