//! Test fixtures: the seed article built by hand, small article builders and
//! a helper that runs an expectation on an in-RAM and an on-disk index.

use chrono::NaiveDate;
use newsdex::ingest::{Article, Paragraph, ParagraphKind, Position, Published};
use newsdex::{Lexicon, NewsIndex, NewsIndexBuilder};

/// Runs `check` on a fresh in-RAM index and on a fresh index in a temp dir.
pub fn each_index(check: impl Fn(&NewsIndex) -> anyhow::Result<()>) {
    let ram = NewsIndex::create_in_ram().expect("in-RAM index");
    check(&ram).expect("in-RAM index");
    let dir = tempfile::tempdir().expect("temp dir");
    let disk = NewsIndex::open_or_create(dir.path()).expect("on-disk index");
    check(&disk).expect("on-disk index");
}

/// An index holding only the seed article, committed.
pub fn seed_index(index: &NewsIndex) -> anyhow::Result<()> {
    let mut w = index.writer()?;
    w.add_article(&seed())?;
    w.commit()?;
    Ok(())
}

/// An empty in-RAM index whose lexicon is `json`, loaded the way users
/// load theirs (from a file).
pub fn index_with_lexicon(json: &str) -> anyhow::Result<NewsIndex> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("lexicon.json");
    std::fs::write(&path, json)?;
    Ok(NewsIndexBuilder::new().lexicon(Lexicon::from_path(&path)?).create_in_ram()?)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn para(kind: ParagraphKind, section: Option<&str>, text: &str) -> Paragraph {
    Paragraph { kind, section: section.map(String::from), text: text.to_string(), credit: None }
}

/// A body-only article.
pub fn article(id: &str, outlet: &str, date: NaiveDate, title: &str, body: &[&str]) -> Article {
    Article {
        id: id.to_string(),
        title: title.to_string(),
        published: Some(Published::Date(date)),
        outlet: Some(outlet.to_string()),
        agency: None,
        authors: vec![],
        url: Some(format!("https://{}.example/{id}", outlet.to_lowercase().replace(' ', "-"))),
        paragraphs: body.iter().map(|t| para(ParagraphKind::Body, None, t)).collect(),
        source: Position::file(format!("{id}.txt")),
        warnings: vec![],
    }
}

const SEED_HEADING: &str = "Sign of Russia's 'shortages'";

/// The seed article (shared/seed/000_fd4d41a332000427.txt), as the scraped
/// text reader produces it: caption, ten body paragraphs, a heading and six
/// more body paragraphs under it.
pub fn seed() -> Article {
    use ParagraphKind::*;
    let mut paragraphs =
        vec![Paragraph { credit: Some("TASS".into()), ..para(Caption, None, SEED_CAPTION) }];
    paragraphs.extend(SEED_BODY_1.iter().map(|t| para(Body, None, t)));
    paragraphs.push(para(Heading, None, SEED_HEADING));
    paragraphs.extend(SEED_BODY_2.iter().map(|t| para(Body, Some(SEED_HEADING), t)));
    Article {
        id: "000_fd4d41a332000427".into(),
        title: "North Korea Dismisses as 'Groundless' U.S. Claims of Arms Supplies to Russia: State Media".into(),
        published: Some(Published::Date(day(2022, 11, 7))),
        outlet: Some("The Moscow Times".into()),
        agency: Some("AFP".into()),
        authors: vec![],
        url: Some("https://www.themoscowtimes.com/2022/11/07/north-korea-dismisses-as-groundless-us-claims-of-arms-supplies-to-russia-state-media-a79311".into()),
        paragraphs,
        source: Position::file("000_fd4d41a332000427.txt"),
        warnings: vec![],
    }
}

pub const SEED_CAPTION: &str = "North Korean leader Kim Jong Un inspects a missile test at an undisclosed location in North Korea, as taken sometime between Sept. 25 and Oct. 9.";

const SEED_BODY_1: [&str; 10] = [
    "North Korea said Tuesday that claims by the United States that Pyongyang is supplying artillery ammunition to Moscow for its war in Ukraine were groundless, state media KCNA reported.",
    "The rebuke comes amid heightened tensions on the Korean peninsula after a spate of North Korean weapons tests last week — including an intercontinental ballistic missile — as the United States and South Korea conducted their biggest-ever air force exercise.",
    "The United States and South Korea have warned that the North's repeated recent missile launches could culminate in a nuclear test.",
    "Tuesday's statement refuted allegations last week by White House national security spokesman John Kirby, who said the artillery from North Korea to Russia was coming under cover of shipments to the Middle East or Africa.",
    "\"Recently, the U.S. is persistently spreading a groundless 'rumor of arms dealings' between the DPRK and Russia,\" North Korea's vice director of military foreign affairs of the Ministry of National Defense said in a statement, according to KCNA",
    "The statement said North Korea sees the \"rumor\" as part of the United States' \"hostile attempt to tarnish the image of the DPRK in the international arena,\" using an acronym for North Korea's official name.",
    "\"We once again make clear that we have never had 'arms dealings' with Russia and that we have no plan to do so in the future,\" the statement added.",
    "Kirby had said U.S. officials did not know whether Russia has actually received the ammunition, but were trying to monitor the shipments.",
    "U.S. information indicates that North Korea \"is covertly supplying Russia's war in Ukraine with a significant number of artillery shells, while obfuscating the real destination of the arms shipments by trying to make it appear as though they are being sent to countries in the Middle East or North Africa,\" Kirby told reporters on Wednesday.",
    "He said the United States believes the \"significant\" number of shells sent are enough to help Russia prolong the war — which started with Moscow's invasion of its former Soviet neighbor in February — but not enough to give it an advantage over Ukrainian forces, which are being supplied by the United States and NATO allies.",
];

const SEED_BODY_2: [&str; 6] = [
    "In September Pyongyang denied a White House claim that it was planning to provide ammunition to help the Russian military replenish its stockpiles, which have been severely depleted by the now eight-month-old war.",
    "Kirby said the shipments were \"a sign of Russia's own defence article shortages and needs\" as they face international sanctions limiting their re-stocking abilities, which he said is also the reason for Iran sending drone supplies.",
    "Kirby would not say how or by what routes the North Korean ammunition is traveling.",
    "He said the U.S. would consult allies and partners, especially at the United Nations, on what measures might be taken.",
    "North Korea's latest admonition against the United States came only a day after its previous repudiation, with Pyongyang on Monday vowing a \"resolute and overwhelming\" military response to last week's U.S.-South Korean war drills.",
    "North Korea's military confirmed that its latest ballistic missile tests were a reply to Washington and Seoul's so-called Vigilant Storm operation.",
];
