//! newsdex-serve: an HTTP API and a search page over one newsdex index.
//!
//! # Brief overview
//!
//! [`RouterBuilder`] turns a read-only [`newsdex::NewsIndex`] into an axum
//! [`Router`](axum::Router): JSON endpoints under `/api/` (`search`,
//! `facets`, `deals`, `stats`, `articles/{id}`) answering in the library's own serde
//! types, and the search page at `/`, whose HTML, CSS and JavaScript are
//! compiled in. Mount the router in your own axum service, or run it with
//! [`serve`], which stops gracefully on Ctrl-C. A request that cannot be
//! answered gets an [`Error`] as JSON, with its status code.
//!
//! Every endpoint is `GET`; none writes. Searches run on blocking threads,
//! a bounded number at a time, each within a timeout; query length, page
//! size and offset are capped (see [`RouterBuilder`]'s setters).
//!
//! ```
//! use axum::body::Body;
//! use axum::http::{Request, StatusCode};
//! use tower::ServiceExt;
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let index = newsdex::NewsIndex::create_in_ram()?;
//! let router = newsdex_serve::RouterBuilder::new(index).max_limit(20).build()?;
//! let request = Request::get("/api/search?q=arms+dealings&limit=5").body(Body::empty())?;
//! let response = router.oneshot(request).await?;
//! assert_eq!(response.status(), StatusCode::OK);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod api;
mod assets;
mod error;
mod limits;
mod params;
mod router;
mod security;
mod serve;
mod state;

pub use crate::error::{Error, Result};
pub use crate::router::RouterBuilder;
pub use crate::serve::{serve, shutdown_signal};
