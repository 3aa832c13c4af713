//! [`RouterBuilder`]: the API and the page as one axum [`Router`].

use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderValue, Method, StatusCode};
use axum::routing::get;
use axum::Router;
use newsdex::NewsIndex;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::security::{self, AllowedHosts};
use crate::state::AppState;
use crate::{api, assets};

/// Builds the [`Router`] serving one read-only [`NewsIndex`]: the JSON API
/// under `/api/` and the search page at `/`.
///
/// Every endpoint is `GET`; none writes. Responses carry a restrictive
/// Content-Security-Policy and related headers; cross-origin requests are
/// refused unless [`RouterBuilder::cors_origins`] allows them.
#[derive(Clone, Debug)]
pub struct RouterBuilder {
    index: NewsIndex,
    limits: Limits,
    cors: Vec<String>,
    hosts: Vec<String>,
}

impl RouterBuilder {
    /// A builder over `index` with the defaults below. The index may be
    /// written by another process: searches see each commit shortly after
    /// it is made.
    pub fn new(index: NewsIndex) -> RouterBuilder {
        RouterBuilder { index, limits: Limits::default(), cors: Vec::new(), hosts: Vec::new() }
    }

    /// Longest `q`, in characters. Default 1,000.
    pub fn max_query_chars(&mut self, n: usize) -> &mut Self {
        self.limits.max_query_chars = n;
        self
    }

    /// Largest `limit` (hits per page). Default 100.
    pub fn max_limit(&mut self, n: usize) -> &mut Self {
        self.limits.max_limit = n.max(1);
        self
    }

    /// Largest `offset`. Default 1,000 (deep pages cost more: the first
    /// stage retrieves about ten times `offset + limit` candidates).
    pub fn max_offset(&mut self, n: usize) -> &mut Self {
        self.limits.max_offset = n;
        self
    }

    /// Longest time one API request may wait for and use the index; past
    /// it the answer is 503. Default 10 s.
    pub fn timeout(&mut self, t: Duration) -> &mut Self {
        self.limits.timeout = t;
        self
    }

    /// Requests that read the index at once; more wait in line. Default:
    /// the number of cores.
    pub fn max_concurrent(&mut self, n: usize) -> &mut Self {
        self.limits.max_concurrent = n.max(1);
        self
    }

    /// Origins (e.g. `https://desk.example.org`) whose pages may call the
    /// API from the browser (CORS, `GET` only); `*` allows any. Default:
    /// none, so browsers refuse cross-origin reads.
    pub fn cors_origins<I, S>(&mut self, origins: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.cors = origins.into_iter().map(Into::into).collect();
        self
    }

    /// Host names (without port) that requests may name in their `Host`
    /// header; others get 403. Default: any. A server on 127.0.0.1 should
    /// allow only `localhost`, `127.0.0.1` and `[::1]`: otherwise a web page
    /// elsewhere can point its own name at 127.0.0.1 and read the API (DNS
    /// rebinding). `search serve` does this.
    pub fn allowed_hosts<I, S>(&mut self, hosts: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.hosts = hosts.into_iter().map(Into::into).collect();
        self
    }

    /// The router. Fails only on a CORS origin that is not a valid header value.
    pub fn build(&self) -> Result<Router> {
        let state = AppState::new(self.index.clone(), self.limits.clone());
        let api = Router::new()
            .route("/search", get(api::search))
            .route("/facets", get(api::facets))
            .route("/deals", get(api::deals))
            .route("/stats", get(api::stats))
            .route("/articles/{id}", get(api::article))
            .fallback(api::no_route)
            .with_state(state);
        let mut router = Router::new()
            .route("/", get(assets::page))
            .route("/assets/{name}", get(assets::asset))
            .nest("/api", api)
            .fallback(api::no_route)
            .method_not_allowed_fallback(api::method_not_allowed);
        for layer in security::header_layers() {
            router = router.layer(layer);
        }
        if let Some(cors) = self.cors_layer()? {
            router = router.layer(cors);
        }
        let hosts = AllowedHosts(Arc::new(self.hosts.clone()));
        // A backstop for whole requests, later than the index work's own
        // timeout (which answers a JSON 503, state.rs): bounds everything else.
        let backstop = TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            self.limits.timeout + Duration::from_secs(5),
        );
        Ok(router
            .layer(RequestBodyLimitLayer::new(self.limits.max_body_bytes))
            .layer(backstop)
            .layer(axum::middleware::from_fn_with_state(hosts, security::check_host)))
    }

    fn cors_layer(&self) -> Result<Option<CorsLayer>> {
        if self.cors.is_empty() {
            return Ok(None);
        }
        let layer = CorsLayer::new().allow_methods([Method::GET, Method::HEAD]);
        if self.cors.iter().any(|o| o == "*") {
            return Ok(Some(layer.allow_origin(AllowOrigin::any())));
        }
        let origins = self
            .cors
            .iter()
            .map(|o| {
                HeaderValue::from_str(o).map_err(|_| Error::BadCorsOrigin { origin: o.clone() })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(layer.allow_origin(AllowOrigin::list(origins))))
    }
}
