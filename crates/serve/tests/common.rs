//! A server on an ephemeral port over the sample corpus plus hostile records.

use std::path::Path;
use std::sync::OnceLock;

use newsdex::ingest::{read_path, Article, Paragraph, ParagraphKind, Position, Published};
use newsdex::NewsIndex;
use newsdex_serve::RouterBuilder;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The seed article's id.
pub const SEED: &str = "000_fd4d41a332000427";

/// A title that runs script if the page ever inserts it as HTML.
pub const HOSTILE_TITLE: &str =
    "<img src=x onerror=\"window.__xss=1;document.title='pwned'\"> arms dealings exposed";
/// Its article's id: spaces, a slash and a `?` must survive the URL.
pub const HOSTILE_ID: &str = "hostile/1 ?x";

/// The sample corpus (`examples/data`, its bad records skipped) plus
/// [`hostile`], indexed once in RAM for all tests.
pub fn sample_index() -> NewsIndex {
    static INDEX: OnceLock<NewsIndex> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data");
            let index = NewsIndex::create_in_ram().expect("in-RAM index");
            let mut writer = index.writer().expect("writer");
            for sub in ["text", "jsonl", "html"] {
                writer.add_articles(read_path(data.join(sub)).filter_map(Result::ok)).unwrap();
            }
            writer.add_article(&hostile()).unwrap();
            writer.commit().expect("commit");
            index
        })
        .clone()
}

/// An article whose every field carries markup or a script URL, as a
/// careless scraper or a malicious source might leave them.
pub fn hostile() -> Article {
    let body = |text: &str| Paragraph {
        kind: ParagraphKind::Body,
        section: None,
        text: text.into(),
        credit: None,
    };
    Article {
        id: HOSTILE_ID.into(),
        title: HOSTILE_TITLE.into(),
        published: Some(Published::Date(chrono::NaiveDate::from_ymd_opt(2023, 2, 3).unwrap())),
        outlet: Some("<b>Bold</b> Wire".into()),
        agency: Some("<i>AG</i>".into()),
        authors: vec![],
        url: Some("javascript:window.__xss=2".into()),
        paragraphs: vec![body(
            "Officials denied arms dealings <script>window.__xss=3</script> with \
             <img src=x onerror=\"window.__xss=4\"> anyone.",
        )],
        source: Position::file("hostile.txt"),
        warnings: vec![],
    }
}

/// A running server; stops when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Serves `builder`'s router on an ephemeral port of 127.0.0.1, on the
/// current runtime.
pub async fn start(builder: &RouterBuilder) -> Server {
    let router = builder.build().expect("router");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
    });
    Server { base, stop: Some(stop) }
}

/// A server over the sample index with default settings.
pub async fn sample_server() -> Server {
    start(&RouterBuilder::new(sample_index())).await
}
