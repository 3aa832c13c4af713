//! The page in a real browser: headless Chromium driven through WebDriver.
//!
//! Checks the search, filters, reader, timeline, escaping, and the
//! arms-transfer lines and who-arms-whom table. Needs `chromium` and `chromedriver` (Debian: `apt-get install chromium
//! chromium-driver`; `.ci/run` installs them). Without them the test says so
//! and passes, unless `NEWSDEX_REQUIRE_BROWSER=1` (set by `.ci/run` once the
//! install succeeded), when it fails. `NEWSDEX_CHROMIUM` and
//! `NEWSDEX_CHROMEDRIVER` name other binaries. Screenshots of the page (wide
//! and phone-sized) are left in `target/tmp/` for people to look at.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use newsdex::transfers::Transfer;
use serde_json::json;

use crate::common::{sample_server, HOSTILE_ID, HOSTILE_TITLE, SEED};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const SEED_TITLE: &str =
    "North Korea Dismisses as 'Groundless' U.S. Claims of Arms Supplies to Russia: State Media";

#[tokio::test]
async fn the_page_works_in_a_real_browser() {
    let Some((chromium, chromedriver)) = browser_binaries() else {
        assert!(
            std::env::var_os("NEWSDEX_REQUIRE_BROWSER").is_none(),
            "NEWSDEX_REQUIRE_BROWSER is set but chromium/chromedriver are not on PATH"
        );
        eprintln!(
            "SKIPPED the_page_works_in_a_real_browser: no chromium + chromedriver on PATH \
             (Debian: apt-get install chromium chromium-driver)"
        );
        return;
    };
    let server = sample_server().await;
    let driver = Driver::start(&chromedriver);
    let client = connect(&driver, &chromium).await.expect("a WebDriver session");
    let outcome = steps(&client, &server.base).await;
    // Close the session whatever happened, so no browser outlives the test.
    let _ = client.close().await;
    if let Err(e) = outcome {
        panic!("browser test failed: {e}");
    }
}

async fn steps(c: &Client, base: &str) -> Result<()> {
    c.set_window_size(1366, 900).await?;
    c.goto(&format!("{base}/")).await?;
    until("the index summary", || async {
        Ok(c.find(Locator::Css("#index-info")).await?.text().await?.contains("articles"))
    })
    .await?;

    // Type a query and submit it from the keyboard.
    c.find(Locator::Css("#q")).await?.send_keys(&format!("arms dealings{}", Key::Enter)).await?;
    until("results for the typed query", || async {
        Ok(query_of(c).await? == "q=arms+dealings" && !hits(c).await?.is_empty())
    })
    .await?;
    let seed = hit(c, SEED).await?;
    let marks = texts(&seed.find_all(Locator::Css(".passage mark")).await?).await?;
    assert!(marks.iter().any(|m| m.eq_ignore_ascii_case("arms dealings")), "marks: {marks:?}");
    until("the timeline", || async {
        Ok(!c.find_all(Locator::Css("#timeline svg .bar:not(.empty)")).await?.is_empty())
    })
    .await?;

    check_hostile_record_is_inert(c, base).await?;
    check_transfers_and_the_deals_table(c, base).await?;

    // An outlet filter narrows the results and goes into the URL.
    let all = hits(c).await?.len();
    click_facet(c, "#outlets", "The Moscow Times").await?;
    until("results filtered by outlet", || async {
        let outlets = texts(&c.find_all(Locator::Css(".hit .meta .outlet")).await?).await?;
        Ok(query_of(c).await? == "q=arms+dealings&outlet=The+Moscow+Times"
            && !outlets.is_empty()
            && outlets.iter().all(|o| o == "The Moscow Times"))
    })
    .await?;
    assert!(hits(c).await?.len() < all, "the filter left fewer hits");

    // Back: the unfiltered results again.
    c.back().await?;
    until("the unfiltered results after going back", || async {
        Ok(query_of(c).await? == "q=arms+dealings" && hits(c).await?.len() == all)
    })
    .await?;

    // Open the seed's article: the hit's passage is marked, with its matches.
    hit(c, SEED).await?.find(Locator::Css(".title .open")).await?.click().await?;
    until("the seed article in the reader", || async {
        Ok(c.find(Locator::Css("#reader-title")).await?.text().await? == SEED_TITLE)
    })
    .await?;
    let current = c.find(Locator::Css("#reader .current")).await?;
    assert!(current.text().await?.contains("arms dealings"));
    let marked = texts(&current.find_all(Locator::Css("mark")).await?).await?;
    assert!(marked.iter().any(|m| m.eq_ignore_ascii_case("arms dealings")), "{marked:?}");
    assert!(query_of(c).await?.contains(&format!("article={SEED}")));
    let in_reader = texts(&c.find_all(Locator::Css("#reader .transfers li")).await?).await?;
    assert!(in_reader.iter().any(|l| l.contains("denied (by North Korea)")), "{in_reader:?}");
    screenshot(c, "newsdex-serve-page.png").await?;

    // Esc closes the reader (and leaves the URL without the article).
    c.find(Locator::Css("body")).await?.send_keys(&Key::Escape.to_string()).await?;
    until("the reader closed", || async {
        Ok(!c.find(Locator::Css("#reader")).await?.is_displayed().await?
            && !query_of(c).await?.contains("article="))
    })
    .await?;

    // A click on a timeline bar filters to its period. (Scrolled to the
    // middle first: the sticky header covers the top of the window.)
    let bar = c.find(Locator::Css("#timeline svg .bar:not(.empty)")).await?;
    let center = "arguments[0].scrollIntoView({block: 'center'});";
    c.execute(center, vec![serde_json::to_value(&bar)?]).await?;
    bar.click().await?;
    until("a date filter from the timeline", || async {
        let q = query_of(c).await?;
        Ok(q.contains("after=") && q.contains("before=") && !hits(c).await?.is_empty())
    })
    .await?;

    // Phone-sized: nothing wider than the screen.
    c.set_window_size(390, 844).await?;
    let overflow = c
        .execute("return document.documentElement.scrollWidth - window.innerWidth;", vec![])
        .await?;
    assert!(overflow.as_i64().unwrap_or(1) <= 0, "the page overflows a phone screen: {overflow}");
    screenshot(c, "newsdex-serve-phone.png").await?;
    Ok(())
}

/// The seed's hit shows its transfers one per line, as the terminal does;
/// the who-arms-whom table has North Korea → Russia with its denial, and
/// choosing that row from the keyboard filters by it (in the URL too).
async fn check_transfers_and_the_deals_table(c: &Client, base: &str) -> Result<()> {
    let seed = hit(c, SEED).await?;
    let lines = texts(&seed.find_all(Locator::Css(".transfers li")).await?).await?;
    // The terminal's wording: the library's `Display` of the API's transfers.
    let api: serde_json::Value =
        reqwest::get(format!("{base}/api/search?q=arms+dealings&limit=20")).await?.json().await?;
    let api_seed = api["hits"].as_array().unwrap().iter().find(|h| h["article_id"] == SEED);
    let transfers: Vec<Transfer> = serde_json::from_value(api_seed.unwrap()["transfers"].clone())?;
    let expected: Vec<String> = transfers.iter().map(ToString::to_string).collect();
    assert_eq!(lines, expected, "the seed hit's transfer lines");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("North Korea → ") && l.ends_with("denied (by North Korea)")),
        "the seed's denial among {lines:?}"
    );
    let row = "#deals tr[data-supplier=\"North Korea\"][data-recipient=\"Russia\"]";
    until("North Korea → Russia in the who-arms-whom table", || async {
        Ok(!c.find_all(Locator::Css(row)).await?.is_empty())
    })
    .await?;
    let denied = c.find(Locator::Css(&format!("{row} td.status-denied"))).await?.text().await?;
    let n: u64 = denied.split_whitespace().next().unwrap_or("").parse()?;
    assert!(n >= 1 && denied.contains("by North Korea"), "denied cell: {denied:?}");
    let pick = c.find(Locator::Css(&format!("{row} .pick"))).await?;
    assert_eq!(pick.text().await?, "North Korea → Russia");
    pick.send_keys(&Key::Enter.to_string()).await?;
    until("results filtered by the chosen pair", || async {
        let lines = texts(&c.find_all(Locator::Css("#hits .hit")).await?).await?;
        Ok(query_of(c).await? == "q=arms+dealings&supplier=North+Korea&recipient=Russia"
            && !lines.is_empty()
            && lines.iter().all(|h| h.contains("North Korea → Russia")))
    })
    .await?;
    until("the chosen row marked, the filter listed", || async {
        let chips = texts(&c.find_all(Locator::Css("#parties .chip")).await?).await?;
        let pick = c.find(Locator::Css(&format!("{row} .pick"))).await?;
        Ok(pick.attr("aria-pressed").await?.as_deref() == Some("true")
            && chips.iter().any(|t| t.starts_with("supplier: North Korea")))
    })
    .await?;
    screenshot(c, "newsdex-serve-deals.png").await?;
    c.back().await?;
    until("the unfiltered results after going back", || async {
        Ok(query_of(c).await? == "q=arms+dealings" && !hits(c).await?.is_empty())
    })
    .await?;
    Ok(())
}

/// The record whose title, outlet, agency, text and URL carry markup shows
/// them as text, runs none of them, and gets no `javascript:` link.
async fn check_hostile_record_is_inert(c: &Client, base: &str) -> Result<()> {
    let card = hit(c, HOSTILE_ID).await?;
    assert_eq!(card.find(Locator::Css(".title .open")).await?.text().await?, HOSTILE_TITLE);
    assert_eq!(card.find(Locator::Css(".meta .outlet")).await?.text().await?, "<b>Bold</b> Wire");
    assert!(card.find(Locator::Css(".passage")).await?.text().await?.contains("<script>"));
    assert!(card.find_all(Locator::Css("a")).await?.is_empty(), "no link from a javascript: URL");
    card.find(Locator::Css(".title .open")).await?.click().await?;
    until("the hostile article in the reader", || async {
        Ok(c.find(Locator::Css("#reader-title")).await?.text().await? == HOSTILE_TITLE)
    })
    .await?;
    assert!(c.find_all(Locator::Css("#reader a")).await?.is_empty());
    let probe = c
        .execute(
            "return { xss: window.__xss === undefined ? null : window.__xss, \
                      title: document.title, \
                      injected: document.querySelectorAll('#hits img, #hits script, #hits b, \
                                #reader img, #reader script, #outlets b').length };",
            vec![],
        )
        .await?;
    assert_eq!(probe, json!({ "xss": null, "title": "arms dealings — newsdex", "injected": 0 }));
    c.goto(&format!("{base}/?q=arms+dealings")).await?;
    until("the results again", || async { Ok(!hits(c).await?.is_empty()) }).await?;
    Ok(())
}

async fn hits(c: &Client) -> Result<Vec<Element>> {
    Ok(c.find_all(Locator::Css("#hits .hit")).await?)
}

async fn hit(c: &Client, article: &str) -> Result<Element> {
    for h in hits(c).await? {
        if h.attr("data-article").await?.as_deref() == Some(article) {
            return Ok(h);
        }
    }
    Err(format!("no hit of article {article:?} on the page").into())
}

async fn click_facet(c: &Client, list: &str, name: &str) -> Result<()> {
    until(&format!("{name} in {list}"), || async {
        for label in c.find_all(Locator::Css(&format!("{list} label"))).await? {
            if label.find(Locator::Css(".name")).await?.text().await? == name {
                label.find(Locator::Css("input")).await?.click().await?;
                return Ok(true);
            }
        }
        Ok(false)
    })
    .await
}

async fn texts(elements: &[Element]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(elements.len());
    for e in elements {
        out.push(e.text().await?);
    }
    Ok(out)
}

/// The page URL's query string.
async fn query_of(c: &Client) -> Result<String> {
    Ok(c.current_url().await?.query().unwrap_or("").to_string())
}

/// Polls `check` until it holds, for up to 15 s (errors count as "not yet":
/// elements are replaced while the page updates).
async fn until<F, Fut>(what: &str, check: F) -> Result<()>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < deadline {
        match check().await {
            Ok(true) => return Ok(()),
            Ok(false) => {}
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("timed out waiting for {what} (last error: {last:?})").into())
}

async fn screenshot(c: &Client, name: &str) -> Result<()> {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, c.screenshot().await?)?;
    eprintln!("screenshot: {}", path.display());
    Ok(())
}

/// Chromium and chromedriver, from the environment or `PATH`.
fn browser_binaries() -> Option<(PathBuf, PathBuf)> {
    let find = |var: &str, names: &[&str]| -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(var) {
            return Some(PathBuf::from(p));
        }
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    };
    let chromium = find("NEWSDEX_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"])?;
    let driver = find("NEWSDEX_CHROMEDRIVER", &["chromedriver"])?;
    Some((chromium, driver))
}

/// A chromedriver process on a free local port, and a fresh browser
/// profile; the process is killed and the profile deleted when dropped
/// (after the session is closed).
struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    fn start(binary: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port, profile: tempfile::tempdir().expect("a profile directory") }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless session with a fresh profile, no network besides our server.
async fn connect(driver: &Driver, chromium: &Path) -> Result<Client> {
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        format!("--user-data-dir={}", driver.profile.path().display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": chromium.display().to_string(), "args": args }),
    );
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await?;
    Ok(client)
}
