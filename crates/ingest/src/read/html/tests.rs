//! End-to-end tests of the HTML reader on small pages written for them.

use proptest::prelude::*;

use super::parse_html;
use crate::article::ParagraphKind;
use crate::error::ErrorKind;
use crate::position::Position;

const PAGE: &str = r##"<!DOCTYPE html><html><head>
<title>Shells shipped north, officials say | Example Times</title>
<meta property="og:site_name" content="Example Times">
<link rel="canonical" href="https://www.example.com/world/2023/05/01/shells-shipped">
</head><body>
<div id="cookie-banner">We use cookies. Accept all cookies to continue browsing our site today.</div>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>Shells shipped north, officials say</h1>
<p class="byline">By Ann Lee and Bo Chan</p>
<time datetime="2023-05-01T09:30:00+02:00">1 May 2023</time>
<figure><img src="a.jpg"><figcaption>Trucks at the border crossing on Monday.</figcaption></figure>
<p>Officials said on Monday that artillery shells were shipped across the border, in a deal that
analysts, diplomats and observers had long suspected but never confirmed in public.</p>
<p>The shipment, which included thousands of rounds, was tracked by satellites over several weeks,
according to three people familiar with the matter, who spoke on condition of anonymity.</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<h2>Denials</h2>
<p>The government denied the report, calling it baseless, and said it would respond to what it
described as a campaign of lies, in a statement read out on state television.</p>
<ul><li>First point of the list, with some words in it.</li><li>Second point, also with words.</li></ul>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Other story one</a></li></ul></aside>
</article></main>
<section id="comments"><p>Great article, thanks, I really enjoyed reading it and will share it widely.</p></section>
<footer><p>Copyright Example Times, all rights reserved, and more legal text here for everyone.</p></footer>
</body></html>"##;

fn parse(html: &str) -> crate::Result<crate::Article> {
    parse_html(html.as_bytes(), &Position::file("page.html"), Some("page"))
}

#[test]
fn full_page_is_extracted() {
    let article = parse(PAGE).unwrap();
    assert_eq!(article.id, "page");
    assert_eq!(article.title, "Shells shipped north, officials say");
    assert_eq!(article.outlet.as_deref(), Some("Example Times"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://www.example.com/world/2023/05/01/shells-shipped")
    );
    assert_eq!(article.published.unwrap().to_string(), "2023-05-01T07:30:00Z");
    assert_eq!(article.authors, vec!["Ann Lee", "Bo Chan"]);
    let text = article.text();
    for kept in [
        "Officials said on Monday",
        "The shipment",
        "The government denied",
        "First point",
        "Second point",
    ] {
        assert!(text.contains(kept), "missing {kept:?} in {text}");
    }
    for dropped in [
        "cookies",
        "Home",
        "Share on",
        "Related stories",
        "Other story",
        "Great article",
        "Copyright",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in {text}");
    }
}

#[test]
fn headings_and_captions_have_their_kind_and_section() {
    let article = parse(PAGE).unwrap();
    let caption = article.paragraphs.iter().find(|p| p.kind == ParagraphKind::Caption).unwrap();
    assert_eq!(caption.text, "Trucks at the border crossing on Monday.");
    let heading = article.paragraphs.iter().position(|p| p.kind == ParagraphKind::Heading).unwrap();
    assert_eq!(article.paragraphs[heading].text, "Denials");
    let after = &article.paragraphs[heading + 1];
    assert!(after.text.starts_with("The government denied"));
    assert_eq!(after.section.as_deref(), Some("Denials"));
    assert_eq!(article.paragraphs[0].section, None);
}

#[test]
fn rejections_have_clear_kinds() {
    assert!(matches!(parse("").unwrap_err().kind(), ErrorKind::Empty));
    assert!(matches!(parse("  \n ").unwrap_err().kind(), ErrorKind::Empty));
    assert!(matches!(
        parse("just some plain text, no markup").unwrap_err().kind(),
        ErrorKind::NotHtml
    ));
    let binary = parse_html(b"\x89PNG\r\n\x1a\n\0\0\0", &Position::file("x.html"), None);
    assert!(matches!(binary.unwrap_err().kind(), ErrorKind::NotHtml));
    let nav_only = "<html><body><nav><a href=/a>A</a><a href=/b>B</a></nav></body></html>";
    let err = parse(nav_only).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NoArticle));
    assert_eq!(err.position().path, "page.html");
}

#[test]
fn id_falls_back_to_the_url() {
    let a = parse_html(PAGE.as_bytes(), &Position::file("p"), None).unwrap();
    let b = parse_html(PAGE.as_bytes(), &Position::file("q"), None).unwrap();
    assert_eq!(a.id, b.id);
    assert!(a.id.starts_with("url-"));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_html(&bytes, &Position::file("fuzz.html"), None);
    }

    #[test]
    fn arbitrary_markup_never_panics(s in r#"(<(p|div|h2|a|li|script|article|meta|time|table|td|br)( class="[a-z-]{0,12}"| href="[^"]{0,10}"| content="[^"]{0,20}")?>|</(p|div|a|article)>|[a-zA-Z ,.<>&;"']{0,40}){0,60}"#) {
        let _ = parse(&format!("<html>{s}"));
    }
}

/// A paragraph of filler prose long enough to vote as article text.
fn prose(topic: &str) -> String {
    format!(
        "<p>Officials said on Monday that {topic} had been discussed at length, in meetings that \
         analysts, diplomats and observers described as tense, long and, at times, unproductive.</p>"
    )
}

#[test]
fn article_cut_into_chunks_is_whole() {
    let chunk = |a: &str, b: &str| {
        format!(
            "<div class=\"chunk\"><div class=\"grid-item\">{}{}</div></div>",
            prose(a),
            prose(b)
        )
    };
    let page = format!(
        "<html><body><h1>Title of the story</h1><div class=\"chunks\">{}<div class=\"ad-slot\">Ad</div>{}\
         <div class=\"ad-slot\">Ad</div>{}</div><footer>Footer text</footer></body></html>",
        chunk("alpha", "bravo"),
        chunk("charlie", "delta"),
        chunk("echo", "foxtrot")
    );
    let text = parse(&page).unwrap().text();
    for topic in ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"] {
        assert!(text.contains(topic), "missing chunk {topic}: {text}");
    }
    assert!(!text.contains("Ad\n") && !text.contains("Footer"));
}

#[test]
fn loose_text_between_break_divs_is_kept() {
    let page =
        "<html><body><div itemprop=\"articleBody\">The son of a former president was stabbed, \
        police said on Wednesday, while another man was injured.<div class=\"fake-br\"></div>The \
        stabbing occurred during a lecture, where he worked as a chief physician, officials said.\
        <div class=\"fake-br\"></div></div><div class=\"sidebar\"><p>Other news, other news, more \
        other news in the sidebar for everyone.</p></div></body></html>";
    let text = parse(page).unwrap().text();
    assert!(text.contains("The son of a former president"));
    assert!(text.contains("The stabbing occurred"));
    assert!(!text.contains("Other news"));
}

#[test]
fn furniture_lines_and_teaser_cards_are_dropped() {
    let page = format!(
        "<html><body><article><div class=\"story-body\">{}<p>Advertisement</p>\
         <p>Posted: Fri 6:45 PM, Feb 16, 2018</p><p>2 hours ago</p><p>Getty Images</p><p>1 of 6</p>\
         <p>Comments</p>{}</div>\
         <div class=\"article-card\"><p>Another story you might like, with a long teaser description.</p></div>\
         </article></body></html>",
        prose("shells"),
        prose("rockets")
    );
    let text = parse(&page).unwrap().text();
    assert!(text.contains("shells") && text.contains("rockets"));
    for dropped in
        ["Advertisement", "Posted:", "Another story", "ago", "Getty", "1 of 6", "Comments"]
    {
        assert!(!text.contains(dropped), "kept {dropped:?}");
    }
}

#[test]
fn embedded_posts_keep_their_links() {
    let page = format!(
        "<html><body><article>{}<blockquote class=\"embedded-post\"><p><a href=\"https://t.co/x\">https://t.co/x</a> \
         <a href=\"/tag\">#tag</a></p></blockquote>{}</article></body></html>",
        prose("one"),
        prose("two")
    );
    assert!(parse(&page).unwrap().text().contains("https://t.co/x #tag"));
}

#[test]
fn metadata_from_jsonld_graph_and_agency() {
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
        {{"@type":"NewsArticle","headline":"Graph headline","datePublished":"2022-11-07T14:05:00+03:00",
        "author":[{{"@type":"Person","name":"Jane Doe"}},{{"@type":"Organization","name":"Reuters"}}],
        "publisher":{{"@id":"https://ex.com/#org"}},"mainEntityOfPage":"https://ex.com/a/b"}},
        {{"@type":"Organization","@id":"https://ex.com/#org","name":"Ex Daily"}}]}}</script></head>
        <body><article>{}{}</article></body></html>"#,
        prose("one"),
        prose("two")
    );
    let article = parse(&page).unwrap();
    assert_eq!(article.title, "Graph headline");
    assert_eq!(article.published.unwrap().to_string(), "2022-11-07T11:05:00Z");
    assert_eq!(article.authors, vec!["Jane Doe"]);
    assert_eq!(article.agency.as_deref(), Some("Reuters"));
    assert_eq!(article.outlet.as_deref(), Some("Ex Daily"));
    assert_eq!(article.url.as_deref(), Some("https://ex.com/a/b"));
}

#[test]
fn metadata_from_dublin_core_sailthru_and_itemprop() {
    let page = format!(
        r#"<html><head><meta name="sailthru.author" content="Ann Lee"><meta name="dc.title" content="DC title">
        <meta name="dc.publisher" content="DC Press"></head><body><article>
        <span itemprop="datePublished" content="2021-04-05T10:00:00Z"></span>{}{}</article></body></html>"#,
        prose("one"),
        prose("two")
    );
    let article = parse(&page).unwrap();
    assert_eq!(article.title, "DC title");
    assert_eq!(article.authors, vec!["Ann Lee"]);
    assert_eq!(article.outlet.as_deref(), Some("DC Press"));
    assert_eq!(article.published.unwrap().to_string(), "2021-04-05T10:00:00Z");
}

#[test]
fn declared_charset_is_used() {
    let mut page = b"<html><head><meta charset=\"windows-1252\"><title>Caf".to_vec();
    page.push(0xE9);
    page.extend_from_slice(b" news</title></head><body><article>");
    page.extend_from_slice(prose("one").as_bytes());
    page.extend_from_slice(prose("two").as_bytes());
    page.extend_from_slice(b"</article></body></html>");
    let article = parse_html(&page, &Position::file("p.html"), None).unwrap();
    assert_eq!(article.title, "Café news");
    assert!(article.warnings.is_empty());
}

/// Every saved page of the shared evaluation corpus is read without a
/// panic, and nearly all of them yield an article with a title and a body.
#[test]
fn shared_corpus_pages_ingest() {
    // NEWSDEX_SHARED overrides the location, as for the integration tests.
    let shared = match std::env::var_os("NEWSDEX_SHARED") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let root = shared.join("corpora/html-articles");
    if !root.is_dir() {
        eprintln!("SKIP shared_corpus_pages_ingest: {} not found", root.display());
        return;
    }
    let mut pages = Vec::new();
    collect_pages(&root, &mut pages);
    let mut articles = 0;
    for page in &pages {
        let bytes = std::fs::read(page).unwrap();
        if let Ok(article) = parse_html(&bytes, &Position::file(page.display().to_string()), None) {
            assert!(!article.title.is_empty(), "no title: {}", page.display());
            assert!(article
                .paragraphs
                .iter()
                .all(|p| !p.text.is_empty() && !p.text.contains('\n')));
            articles += 1;
        }
    }
    assert!(!pages.is_empty());
    assert!(articles * 100 >= pages.len() * 95, "{articles} articles from {} pages", pages.len());
}

fn collect_pages(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_pages(&path, out);
        } else if path.file_name().is_some_and(|n| n == "page.html") {
            out.push(path);
        }
    }
}

#[test]
fn deeply_nested_markup_does_not_overflow() {
    let depth = 10_000;
    let page = format!(
        "<html><body>{}<p>Deep text, with commas, in a paragraph long enough to count.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let _ = parse(&page);
}

#[test]
fn article_under_a_furniture_name_is_still_found() {
    let page = format!(
        "<html><body><div class=\"related-story\">{}{}</div><nav><a href=/>Home</a></nav></body></html>",
        prose("shells"),
        prose("rockets")
    );
    let text = parse(&page).unwrap().text();
    assert!(text.contains("shells") && text.contains("rockets"));
}

#[test]
fn utf16_page_with_bom_is_read() {
    let html = format!(
        "<html><head><title>Zürich talks</title></head><body><article>{}{}</article></body></html>",
        prose("one"),
        prose("two")
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(html.encode_utf16().flat_map(u16::to_le_bytes));
    let article = parse_html(&bytes, &Position::file("p.html"), None).unwrap();
    assert_eq!(article.title, "Zürich talks");
}

#[test]
fn xhtml_with_namespaces_is_read() {
    let page = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>X</title></head>\
         <body><div class=\"entry-content\">{}{}</div></body></html>",
        prose("one"),
        prose("two")
    );
    assert!(parse(&page).unwrap().text().contains("one"));
}

#[test]
fn desk_and_agency_credits_stand_in_for_missing_persons() {
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"H",
        "author":[{{"@type":"Person","name":"Ex staff reporter"}}]}}</script>
        <meta property="article:author" content="Associated Press in Valencia"></head>
        <body><article>{}{}</article></body></html>"#,
        prose("one"),
        prose("two")
    );
    let article = parse(&page).unwrap();
    assert_eq!(article.authors, vec!["Ex staff reporter"]);
    assert_eq!(article.agency.as_deref(), Some("AP"));
    let page = format!(
        r#"<html><head><meta name="author" content="Associated Press"></head>
        <body><article>{}{}</article></body></html>"#,
        prose("one"),
        prose("two")
    );
    let article = parse(&page).unwrap();
    assert_eq!(article.authors, vec!["Associated Press"]);
    assert_eq!(article.agency.as_deref(), Some("AP"));
}

#[test]
fn body_person_beats_metadata_credit() {
    let page = format!(
        r#"<html><head><meta name="author" content="Ex Desk"></head>
        <body><article><p><strong>Ann Lee</strong></p>{}{}</article></body></html>"#,
        prose("one"),
        prose("two")
    );
    let article = parse(&page).unwrap();
    assert_eq!(article.authors, vec!["Ann Lee"]);
    assert!(article.paragraphs.iter().all(|p| p.text != "Ann Lee"));
}
