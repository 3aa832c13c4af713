//! Response headers that lock the page down, and the `Host` check.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::Error;

/// Scripts, styles, images and fetches only from this server; no inline
/// script or style, no plugins, no framing, no `<base>` tricks. With
/// article text always inserted as DOM text, this is the second line of
/// defence against markup in the archive.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The headers every response carries (unless a handler set them).
pub(crate) fn header_layers() -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let fixed = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    vec![
        fixed(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        fixed(header::X_FRAME_OPTIONS, "DENY"),
        // Queries sit in the page's URL: following a link to an outlet must
        // not tell the outlet what was searched.
        fixed(header::REFERRER_POLICY, "no-referrer"),
        fixed(HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
        // The index changes under a running server: never serve stale JSON.
        fixed(header::CACHE_CONTROL, "no-store"),
    ]
}

/// Host names (without port) the server answers for; empty: any.
#[derive(Clone, Debug, Default)]
pub(crate) struct AllowedHosts(pub Arc<Vec<String>>);

impl AllowedHosts {
    fn allows(&self, host: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|h| h.eq_ignore_ascii_case(host_name(host)))
    }
}

/// `example.org:8080` -> `example.org`; `[::1]:8080` -> `[::1]`.
fn host_name(host: &str) -> &str {
    match host.rfind(':') {
        Some(i) if !host[i..].contains(']') => &host[..i],
        _ => host,
    }
}

/// Refuses requests whose `Host` is not allowed: a page on another site
/// whose name was re-pointed at 127.0.0.1 (DNS rebinding) would otherwise
/// read this server's API as same-origin.
pub(crate) async fn check_host(
    State(allowed): State<AllowedHosts>,
    request: Request,
    next: Next,
) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if allowed.allows(host) {
        next.run(request).await
    } else {
        Error::HostNotAllowed { host: host.chars().take(200).collect() }.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_compare_without_port_and_case() {
        let allowed = AllowedHosts(Arc::new(vec!["localhost".into(), "[::1]".into()]));
        assert!(allowed.allows("LocalHost:8080"));
        assert!(allowed.allows("localhost"));
        assert!(allowed.allows("[::1]:80"));
        assert!(!allowed.allows("evil.example:8080"));
        assert!(!allowed.allows(""));
        assert!(AllowedHosts::default().allows("anything"));
    }
}
