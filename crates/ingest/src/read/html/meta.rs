//! Article metadata gathered from every source a page offers, in order of
//! trust: JSON-LD, OpenGraph / `article:*`, other meta tags, the canonical
//! link, `<time>` elements, byline elements, then `<title>`. Two fields
//! deviate where the data showed it pays: the site name prefers
//! `og:site_name` (JSON-LD publishers sometimes carry a slogan) and the
//! headline prefers a visible `<h1>` that matches the metadata title.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};

use super::byline::{first_credited, read_bylines};
use super::dom::{collapse, text_within};
use super::jsonld::{article_from_scripts, LdArticle};
use crate::article::Published;
use crate::normalize::{canonical_url, clean_text, outlet_name, parse_date, Byline};

/// The metadata of a page, before choosing the headline (which also looks
/// at the extracted body).
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub(crate) title: Option<String>,
    pub(crate) published: Option<Published>,
    /// Authors, agency and credits from the metadata and byline elements.
    pub(crate) byline: Byline,
    pub(crate) site_name: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) description: Option<String>,
}

macro_rules! selector {
    ($name:ident, $css:expr) => {
        static $name: LazyLock<Selector> =
            LazyLock::new(|| Selector::parse($css).expect("valid selector"));
    };
}

selector!(META, "meta");
selector!(LD_SCRIPT, r#"script[type="application/ld+json" i]"#);
selector!(CANONICAL, r#"link[rel~="canonical" i]"#);
selector!(BASE, "base[href]");
selector!(TIME, "time[datetime]");
selector!(ITEMPROP_DATE, r#"[itemprop="datePublished" i]"#);
selector!(TITLE, "title");
selector!(H1, "h1");
selector!(
    BYLINE,
    r#"[rel~="author"], [itemprop~="author" i], [class*="byline" i], [class*="author-name" i], [class*="authorname" i], [class~="author" i], [data-testid*="byline" i]"#
);

/// Most raw text bytes of an `<h1>` read as a headline.
const MAX_HEADLINE_BYTES: usize = 16_384;

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)").expect("valid regex")
});

/// `<meta>` contents keyed by lower-cased `property` / `name` / `itemprop`.
struct MetaTags(HashMap<String, Vec<String>>);

impl MetaTags {
    fn collect(doc: &Html) -> MetaTags {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for el in doc.select(&META) {
            let Some(content) = el.attr("content").map(collapse).filter(|c| !c.is_empty()) else {
                continue;
            };
            for key in ["property", "name", "itemprop"].iter().filter_map(|k| el.attr(k)) {
                map.entry(key.trim().to_ascii_lowercase()).or_default().push(content.clone());
            }
        }
        MetaTags(map)
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.0.get(*k)?.first().cloned())
    }

    fn all(&self, keys: &[&str]) -> Vec<String> {
        keys.iter().find_map(|k| self.0.get(*k).cloned()).unwrap_or_default()
    }
}

/// Meta tags naming the publication time, best first.
#[rustfmt::skip]
const DATE_KEYS: &[&str] = &[
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "published_time", "parsely-pub-date", "sailthru.date", "datepublished",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "dc.date.created", "date",
    "pubdate", "publishdate", "publish-date", "publish_date", "article.published",
    "citation_publication_date", "cxenseparse:recs:publishtime",
];
/// Meta tags naming the last modification: a better guess than nothing.
const MODIFIED_KEYS: &[&str] = &["article:modified_time", "og:updated_time", "datemodified"];
/// Meta tags naming the authors, best first.
#[rustfmt::skip]
const AUTHOR_KEYS: &[&str] = &[
    "article:author", "og:article:author", "author", "parsely-author", "sailthru.author",
    "dc.creator", "dcterms.creator", "byl", "cxenseparse:author", "citation_author",
];
/// Meta tags naming the site.
#[rustfmt::skip]
const SITE_KEYS: &[&str] = &[
    "og:site_name", "application-name", "publisher", "dc.publisher", "cxenseparse:site",
];
/// Meta tags naming the headline, best first.
#[rustfmt::skip]
const TITLE_KEYS: &[&str] = &[
    "og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "headline",
];

/// Gathers the page's metadata.
pub(crate) fn collect(doc: &Html) -> PageMeta {
    let tags = MetaTags::collect(doc);
    let scripts: Vec<String> = doc.select(&LD_SCRIPT).map(|s| s.text().collect()).collect();
    let ld = article_from_scripts(scripts.iter().map(String::as_str)).unwrap_or_default();
    let url = choose_url(doc, &tags, &ld);
    // og:site_name is written for display; JSON-LD publishers sometimes
    // carry a slogan, other meta tags a slug.
    let candidates = [
        tags.first(&["og:site_name"]),
        ld.publisher.clone(),
        tags.first(SITE_KEYS),
        title_suffix(doc),
    ];
    let names: Vec<String> =
        candidates.into_iter().flatten().filter_map(|s| outlet_name(&s)).collect();
    // A slug ("theprovince") is a last resort.
    let site_name = names.iter().find(|n| !is_slug(n)).or(names.first()).cloned();
    let published = ld
        .date_published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| first_date(&tags, DATE_KEYS))
        .or_else(|| element_date(doc))
        .or_else(|| url.as_deref().and_then(url_date))
        .or_else(|| first_date(&tags, MODIFIED_KEYS));
    let byline = choose_byline(doc, &tags, &ld, site_name.as_deref());
    let title = ld.headline.clone().or_else(|| tags.first(TITLE_KEYS)).map(|t| collapse(&t));
    let description = tags.first(&["og:description", "description", "twitter:description"]);
    PageMeta { title, published, byline, site_name, url, description }
}

fn choose_url(doc: &Html, tags: &MetaTags, ld: &LdArticle) -> Option<String> {
    let base_href = doc.select(&BASE).next().and_then(|b| b.attr("href"));
    let canonical = doc.select(&CANONICAL).find_map(|l| l.attr("href"));
    let og = tags.first(&["og:url", "twitter:url", "parsely-link"]);
    let base = [og.as_deref(), canonical, base_href]
        .into_iter()
        .flatten()
        .find_map(|u| absolute_url(u, None));
    // A canonical link on another site names the original of a syndicated
    // copy; og:url then names the page itself.
    let og_first = match (canonical.and_then(|c| absolute_url(c, base.as_ref())), og.as_deref()) {
        (Some(c), Some(o)) => {
            absolute_url(o, base.as_ref()).is_some_and(|o| site_of(&o) != site_of(&c))
        }
        _ => false,
    };
    let candidates = if og_first {
        [og.as_deref(), canonical, ld.main_entity.as_deref(), ld.url.as_deref()]
    } else {
        [canonical, og.as_deref(), ld.main_entity.as_deref(), ld.url.as_deref()]
    };
    let resolved: Vec<url::Url> =
        candidates.into_iter().flatten().filter_map(|u| absolute_url(u, base.as_ref())).collect();
    // A canonical pointing at the home page is a misconfiguration, not the
    // article's address.
    let article_like = resolved.iter().find(|u| u.path().trim_matches('/').len() > 1);
    article_like.or(resolved.first()).and_then(|u| canonical_url(u.as_str()))
}

/// The registrable domain of a URL (`social.example.co.uk` -> `example.co.uk`).
fn site_of(url: &url::Url) -> Option<String> {
    let host = url.host_str()?;
    Some(psl::domain_str(host).unwrap_or(host).to_ascii_lowercase())
}

/// An absolute http(s) URL, resolving a relative `href` against `base`.
fn absolute_url(href: &str, base: Option<&url::Url>) -> Option<url::Url> {
    let href = href.trim();
    let url = match url::Url::parse(href) {
        Ok(u) => u,
        Err(_) => base?.join(href).ok()?,
    };
    (matches!(url.scheme(), "http" | "https") && url.host_str().is_some()).then_some(url)
}

fn first_date(tags: &MetaTags, keys: &[&str]) -> Option<Published> {
    keys.iter().find_map(|k| tags.first(&[k]).as_deref().and_then(parse_date))
}

fn element_date(doc: &Html) -> Option<Published> {
    let itemprop = doc
        .select(&ITEMPROP_DATE)
        .find_map(|e| e.attr("content").or(e.attr("datetime")).and_then(parse_date));
    itemprop.or_else(|| doc.select(&TIME).find_map(|t| t.attr("datetime").and_then(parse_date)))
}

fn url_date(url: &str) -> Option<Published> {
    let caps = URL_DATE.captures(url)?;
    let num = |i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
    let year = i32::try_from(num(1)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, num(2)?, num(3)?).map(Published::Date)
}

/// The most trusted source naming a person (JSON-LD, then author meta tags,
/// then byline elements), else the most trusted one crediting a desk, team,
/// outlet or agency.
fn choose_byline(doc: &Html, tags: &MetaTags, ld: &LdArticle, outlet: Option<&str>) -> Byline {
    let from_ld = std::iter::once(read_bylines(&ld.authors, outlet));
    let from_meta = AUTHOR_KEYS.iter().map(|k| read_bylines(&tags.all(&[k]), outlet));
    let from_elements = std::iter::once_with(|| {
        let bylines: Vec<String> = doc.select(&BYLINE).filter_map(byline_text).take(4).collect();
        read_bylines(&bylines, outlet)
    });
    first_credited(from_ld.chain(from_meta).chain(from_elements))
}

/// The text of a byline element, if short enough to be one.
fn byline_text(el: ElementRef<'_>) -> Option<String> {
    // Bounded: byline elements nest (a `byline` class inside an `author`
    // one), and a long one is no byline anyway.
    let text = collapse(&text_within(*el, 4096)?);
    (!text.is_empty() && text.len() < 120).then_some(text)
}

/// The headline: the metadata title, else the first `<h1>`, else `<title>`
/// without its site suffix.
pub(crate) fn headline(doc: &Html, meta_title: Option<&str>, site_name: Option<&str>) -> String {
    // An `<h1>` with more text than this wraps a page, not a headline; the
    // bound also keeps nested ones from costing their whole subtree each.
    let h1s: Vec<String> = doc
        .select(&H1)
        .filter_map(|h| text_within(*h, MAX_HEADLINE_BYTES))
        .map(|t| clean_text(&t))
        .filter(|t| !t.is_empty())
        .collect();
    let meta =
        meta_title.map(|t| strip_site_suffix(&clean_text(t), site_name)).filter(|t| !t.is_empty());
    let page_title = || {
        let title = doc.select(&TITLE).next().map(|t| clean_text(&t.text().collect::<String>()))?;
        Some(strip_site_suffix(&title, site_name)).filter(|t| !t.is_empty())
    };
    let Some(meta) = meta.or_else(page_title) else {
        return h1s.into_iter().next().unwrap_or_default();
    };
    // The visible headline is what readers (and editors) see; metadata
    // titles are often SEO variants. Take the h1 most like the metadata
    // title, when it is like it at all (a logo h1 is not).
    let best =
        h1s.into_iter().map(|h| (word_overlap(&h, &meta), h)).max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((overlap, h1)) if overlap >= H1_MIN_OVERLAP => h1,
        _ => meta,
    }
}

/// How much of the metadata title an `<h1>` must share to replace it.
const H1_MIN_OVERLAP: f64 = 0.5;

/// Shared lower-cased words over the words of the shorter text.
fn word_overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / shorter as f64
}

/// A lower-case name without spaces or dots, e.g. an `application-name`.
fn is_slug(name: &str) -> bool {
    !name.contains([' ', '.']) && !name.chars().any(char::is_uppercase)
}

/// The site name closing a `<title>` ("Headline - The Site" -> "The Site").
fn title_suffix(doc: &Html) -> Option<String> {
    let title = clean_text(&doc.select(&TITLE).next()?.text().collect::<String>());
    let (head, tail) = TITLE_SEPARATORS.iter().find_map(|sep| title.rsplit_once(sep))?;
    let words = tail.split_whitespace().count();
    ((1..=4).contains(&words) && head.len() > tail.len()).then(|| tail.trim().to_string())
}

/// What separates a headline from the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

/// "Headline - Site" / "Headline | Site" -> "Headline".
pub(crate) fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    for sep in TITLE_SEPARATORS {
        if let Some(idx) = title.rfind(sep) {
            let (head, tail) = (&title[..idx], &title[idx + sep.len()..]);
            let tail_is_site = site_name.is_some_and(|s| {
                let (a, b) = (tail.to_lowercase(), s.to_lowercase());
                a.contains(&b) || b.contains(&a)
            });
            // Without a known site name, a short tail is most likely it.
            if tail_is_site
                || (site_name.is_none()
                    && tail.split_whitespace().count() <= 4
                    && head.len() > tail.len())
            {
                return strip_site_suffix(head.trim(), site_name);
            }
        }
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> PageMeta {
        collect(&Html::parse_document(html))
    }

    #[test]
    fn opengraph_and_article_tags() {
        let m = meta(
            r#"<head><meta property="og:title" content="OG title"><meta property="og:site_name" content="Ex News">
            <meta property="og:url" content="https://ex.com/world/a-story"><meta property="article:published_time"
            content="2024-02-24T11:42:23+01:00"><meta property="article:author" content="https://ex.com/staff/x">
            <meta name="author" content="Ann Lee"></head>"#,
        );
        assert_eq!(m.title.as_deref(), Some("OG title"));
        assert_eq!(m.site_name.as_deref(), Some("Ex News"));
        assert_eq!(m.url.as_deref(), Some("https://ex.com/world/a-story"));
        assert_eq!(m.published.unwrap().to_string(), "2024-02-24T10:42:23Z");
        assert_eq!(m.byline.authors, vec!["Ann Lee"]);
    }

    #[test]
    fn jsonld_is_trusted_first() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD","datePublished":"2023-05-01",
            "author":{"name":"By Cy Dee"},"publisher":{"name":"LD Times"}}</script>
            <meta property="og:title" content="OG"><meta name="author" content="Other Person">"#,
        );
        assert_eq!(m.title.as_deref(), Some("LD"));
        assert_eq!(m.byline.authors, vec!["Cy Dee"]);
        assert_eq!(m.site_name.as_deref(), Some("LD Times"));
        assert_eq!(m.published.unwrap().to_string(), "2023-05-01");
    }

    #[test]
    fn other_meta_canonical_time_and_byline() {
        let m = meta(
            r#"<head><link rel="canonical" href="/2021/03/04/story"><base href="https://ex.org/">
            <meta name="parsely-author" content="Di Eve"></head><body><time datetime="2021-03-05">x</time></body>"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://ex.org/2021/03/04/story"));
        assert_eq!(m.published.unwrap().to_string(), "2021-03-05");
        assert_eq!(m.byline.authors, vec!["Di Eve"]);
        let m = meta(
            r#"<p class="byline">By Fay Gee and Hal Ivy</p><a href="https://ex.com/2020/01/02/x">"#,
        );
        assert_eq!(m.byline.authors, vec!["Fay Gee", "Hal Ivy"]);
    }

    #[test]
    fn syndicated_copies_keep_their_own_url() {
        let m = meta(
            r#"<link rel="canonical" href="https://orig.com/story"><meta property="og:url" content="https://portal.net/copy">"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://portal.net/copy"));
        let m = meta(
            r#"<link rel="canonical" href="https://ex.com/story"><meta property="og:url" content="http://social.ex.com/story">"#,
        );
        assert_eq!(m.url.as_deref(), Some("https://ex.com/story"));
    }

    #[test]
    fn site_name_prefers_display_names() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"A slogan here"}}</script>
            <meta property="og:site_name" content="Ex News">"#,
        );
        assert_eq!(m.site_name.as_deref(), Some("Ex News"));
        let m = meta(
            r#"<meta name="application-name" content="exnews"><title>A longer story here - Ex News</title>"#,
        );
        assert_eq!(m.site_name.as_deref(), Some("Ex News"));
        let m = meta(r#"<meta name="application-name" content="exnews">"#);
        assert_eq!(m.site_name.as_deref(), Some("exnews"));
    }

    #[test]
    fn modification_time_is_a_last_resort() {
        let m = meta(
            r#"<meta property="article:modified_time" content="2024-03-01T00:00:00Z"><time datetime="2024-02-01">x</time>"#,
        );
        assert_eq!(m.published.unwrap().to_string(), "2024-02-01");
        let m = meta(r#"<meta property="article:modified_time" content="2024-03-01T00:00:00Z">"#);
        assert_eq!(m.published.unwrap().to_string(), "2024-03-01T00:00:00Z");
    }

    #[test]
    fn date_from_url_when_nothing_else() {
        let m = meta(r#"<link rel="canonical" href="https://ex.com/news/2019/11/20/story.html">"#);
        assert_eq!(m.published.unwrap().to_string(), "2019-11-20");
    }

    #[test]
    fn title_suffix_is_removed() {
        assert_eq!(strip_site_suffix("Big news | Ex News", Some("Ex News")), "Big news");
        assert_eq!(strip_site_suffix("Big news - Ex", None), "Big news");
        assert_eq!(
            strip_site_suffix("Left - right debate rages on", Some("Ex")),
            "Left - right debate rages on"
        );
        let doc = Html::parse_document("<title>A headline – The Site</title>");
        assert_eq!(headline(&doc, None, Some("The Site")), "A headline");
    }

    #[test]
    fn visible_headline_wins_when_alike() {
        let doc =
            Html::parse_document("<h1>The Site</h1><h1>Shells shipped north in secret deal</h1>");
        assert_eq!(
            headline(&doc, Some("Shells shipped north, SEO words"), None),
            "Shells shipped north in secret deal"
        );
        let doc = Html::parse_document("<h1>The Site</h1>");
        assert_eq!(
            headline(&doc, Some("Shells &#8216;shipped&#8217;"), None),
            "Shells \u{2018}shipped\u{2019}"
        );
    }
}
