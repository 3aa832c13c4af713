//! The outlet (publication) of an article, from its URL or a given name.

use crate::normalize::text::clean_text;
use crate::normalize::url::host_of;

/// Known outlets by registrable domain (or a more specific host), without
/// `www.`. A host matches an entry when it equals it or ends in `.entry`.
const OUTLETS: &[(&str, &str)] = &[
    ("abcnews.go.com", "ABC News"),
    ("aljazeera.com", "Al Jazeera"),
    ("apnews.com", "Associated Press"),
    ("axios.com", "Axios"),
    ("bbc.co.uk", "BBC"),
    ("bbc.com", "BBC"),
    ("bidenwhitehouse.archives.gov", "The White House"),
    ("bloomberg.com", "Bloomberg"),
    ("cbsnews.com", "CBS News"),
    ("cnbc.com", "CNBC"),
    ("cnn.com", "CNN"),
    ("dailymail.co.uk", "Daily Mail"),
    ("dw.com", "Deutsche Welle"),
    ("economist.com", "The Economist"),
    ("euronews.com", "Euronews"),
    ("foxnews.com", "Fox News"),
    ("france24.com", "France 24"),
    ("ft.com", "Financial Times"),
    ("globaltimes.cn", "Global Times"),
    ("independent.co.uk", "The Independent"),
    ("interfax.com", "Interfax"),
    ("japantimes.co.jp", "The Japan Times"),
    ("kcna.kp", "Korean Central News Agency (KCNA)"),
    ("kcnawatch.org", "KCNA Watch"),
    ("koreaherald.com", "The Korea Herald"),
    ("koreatimes.co.kr", "The Korea Times"),
    ("kyivindependent.com", "The Kyiv Independent"),
    ("kyivpost.com", "Kyiv Post"),
    ("latimes.com", "Los Angeles Times"),
    ("lemonde.fr", "Le Monde"),
    ("meduza.io", "Meduza"),
    ("moscowtimes.ru", "The Moscow Times"),
    ("nbcnews.com", "NBC News"),
    ("nknews.org", "NK News"),
    ("novayagazeta.eu", "Novaya Gazeta Europe"),
    ("novayagazeta.ru", "Novaya Gazeta"),
    ("npr.org", "NPR"),
    ("nytimes.com", "The New York Times"),
    ("politico.com", "Politico"),
    ("politico.eu", "Politico Europe"),
    ("reuters.com", "Reuters"),
    ("rferl.org", "Radio Free Europe/Radio Liberty"),
    ("rt.com", "RT"),
    ("scmp.com", "South China Morning Post"),
    ("spiegel.de", "Der Spiegel"),
    ("state.gov", "U.S. Department of State"),
    ("tass.com", "TASS"),
    ("tass.ru", "TASS"),
    ("telegraph.co.uk", "The Telegraph"),
    ("theatlantic.com", "The Atlantic"),
    ("theguardian.com", "The Guardian"),
    ("thehill.com", "The Hill"),
    ("themoscowtimes.com", "The Moscow Times"),
    ("usatoday.com", "USA Today"),
    ("voanews.com", "Voice of America"),
    ("washingtonpost.com", "The Washington Post"),
    ("whitehouse.gov", "The White House"),
    ("wsj.com", "The Wall Street Journal"),
    ("xinhuanet.com", "Xinhua"),
    ("en.yna.co.kr", "Yonhap News Agency"),
    ("yna.co.kr", "Yonhap News Agency"),
    ("yonhapnews.co.kr", "Yonhap News Agency"),
];

/// The outlet of an article from its URL: a known outlet's name when the host
/// is in the built-in table (`themoscowtimes.com` -> "The Moscow Times"),
/// else the registrable domain (`news.example.co.uk` -> "example.co.uk").
/// `None` when the URL has no usable host.
pub fn outlet_from_url(url: &str) -> Option<String> {
    outlet_from_host(&host_of(url)?)
}

/// A cleaned outlet name as given by a record (`"The Guardian"` stays as
/// is). A bare domain such as `www.theguardian.com` (a `source_domain`
/// field) is mapped like a URL host. `None` when nothing is left.
pub fn outlet_name(raw: &str) -> Option<String> {
    let name = clean_text(raw);
    if name.is_empty() {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let is_domain = lower.contains('.')
        && !lower.ends_with('.')
        && lower.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if is_domain {
        if let Some(outlet) = outlet_from_host(lower.strip_prefix("www.").unwrap_or(&lower)) {
            return Some(outlet);
        }
    }
    Some(name)
}

fn outlet_from_host(host: &str) -> Option<String> {
    if host.is_empty() {
        return None;
    }
    let known = OUTLETS.iter().find(|(domain, _)| {
        host == *domain
            || (host.ends_with(domain) && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
    });
    if let Some((_, name)) = known {
        return Some((*name).to_string());
    }
    Some(psl::domain_str(host).unwrap_or(host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_from_url_table() {
        let cases = [
            ("https://www.themoscowtimes.com/2022/11/07/x-a79311", Some("The Moscow Times")),
            ("https://www.theguardian.com/world/2022/feb/23/x", Some("The Guardian")),
            ("https://edition.cnn.com/2022/x", Some("CNN")),
            ("https://news.bbc.co.uk/2/hi/x.stm", Some("BBC")),
            ("https://www.bbc.com/news/x", Some("BBC")),
            ("http://www.kcna.kp/en/article/q/x.kcmsf", Some("Korean Central News Agency (KCNA)")),
            ("https://www.whitehouse.gov/briefing-room/x", Some("The White House")),
            ("https://bidenwhitehouse.archives.gov/briefing-room/x", Some("The White House")),
            ("https://en.yna.co.kr/view/AEN1", Some("Yonhap News Agency")),
            ("https://www.nytimes.com/2022/x.html", Some("The New York Times")),
            ("https://blog.example.co.uk/post", Some("example.co.uk")),
            ("https://notcnn.com/x", Some("notcnn.com")),
            ("https://localhost/x", Some("localhost")),
            ("not a url", None),
        ];
        for (url, want) in cases {
            assert_eq!(outlet_from_url(url).as_deref(), want, "input {url:?}");
        }
    }

    #[test]
    fn outlet_name_keeps_given_names() {
        assert_eq!(outlet_name(" The  Guardian ").as_deref(), Some("The Guardian"));
        assert_eq!(
            outlet_name("The White House (Briefing Room)").as_deref(),
            Some("The White House (Briefing Room)")
        );
        assert_eq!(outlet_name("www.theguardian.com").as_deref(), Some("The Guardian"));
        assert_eq!(outlet_name("example.org").as_deref(), Some("example.org"));
        assert_eq!(outlet_name("Reuters").as_deref(), Some("Reuters"));
        assert_eq!(outlet_name("<b></b>"), None);
    }
}
