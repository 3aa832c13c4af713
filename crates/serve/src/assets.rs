//! The search page: plain HTML, CSS and JavaScript modules compiled into the
//! binary (no build step, nothing fetched from elsewhere).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

/// An embedded file: name under `/assets/`, content type, bytes.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const JS: &str = "text/javascript; charset=utf-8";

macro_rules! asset {
    ($name:literal, $type:expr) => {
        Asset { name: $name, content_type: $type, body: include_str!(concat!("../assets/", $name)) }
    };
}

/// Everything the page loads besides `/` itself.
const ASSETS: &[Asset] = &[
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("icon.svg", "image/svg+xml"),
    asset!("app.js", JS),
    asset!("api.js", JS),
    asset!("dom.js", JS),
    asset!("state.js", JS),
    asset!("results.js", JS),
    asset!("deals.js", JS),
    asset!("filters.js", JS),
    asset!("timeline.js", JS),
    asset!("reader.js", JS),
];

const INDEX_HTML: &str = include_str!("../assets/index.html");

/// `GET /`: the page.
pub(crate) async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX_HTML).into_response()
}

/// `GET /assets/{name}`.
pub(crate) async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => ([(header::CONTENT_TYPE, a.content_type)], a.body).into_response(),
        None => Error::NoRoute {
            path: format!("/assets/{}", name.chars().take(100).collect::<String>()),
        }
        .into_response(),
    }
}
