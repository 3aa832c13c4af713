//! The one error type of this crate, and how it becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// A convenience alias for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Why a request (or building the router) failed.
///
/// As a response it is JSON, `{"status": 400, "error": "<message>"}`, with
/// the status of [`Error::status`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A query parameter has a value that cannot be used.
    #[error("parameter `{name}`: {reason} (got {value:?})")]
    BadParameter {
        /// The parameter, e.g. `limit`.
        name: String,
        /// The value sent, cut to 100 characters.
        value: String,
        /// What is expected instead.
        reason: String,
    },
    /// A parameter the endpoint does not know (often a typo).
    #[error("unknown parameter `{name}`; this endpoint takes: {known}")]
    UnknownParameter {
        /// The parameter sent.
        name: String,
        /// The parameters the endpoint takes, comma-separated.
        known: &'static str,
    },
    /// A single-valued parameter was sent more than once.
    #[error("parameter `{name}` given more than once")]
    RepeatedParameter {
        /// The parameter.
        name: String,
    },
    /// No article with this id is in the index.
    #[error("no article with id {id:?} in the index")]
    ArticleNotFound {
        /// The id asked for.
        id: String,
    },
    /// No endpoint at this path.
    #[error("no such endpoint: {path} (see the API table in the README)")]
    NoRoute {
        /// The path asked for.
        path: String,
    },
    /// The endpoint exists but not for this method (every endpoint is `GET`:
    /// none writes).
    #[error("method {method} not allowed: every endpoint is read-only (GET)")]
    MethodNotAllowed {
        /// The method used.
        method: String,
    },
    /// The `Host` header names a host this server does not answer for
    /// (a defence against DNS rebinding: see `RouterBuilder::allowed_hosts`).
    #[error("host {host:?} is not served here")]
    HostNotAllowed {
        /// The `Host` header sent (empty when there was none).
        host: String,
    },
    /// The request waited and ran longer than the configured timeout.
    #[error("the request took longer than {seconds} s; try a narrower query or filters")]
    Timeout {
        /// The timeout, in seconds.
        seconds: f64,
    },
    /// The index failed.
    #[error(transparent)]
    Index(#[from] newsdex::Error),
    /// The worker thread running a request failed.
    #[error("internal error: {reason}")]
    Worker {
        /// What happened to it.
        reason: String,
    },
    /// A CORS origin given to the router builder is not a valid header value.
    #[error("CORS origin {origin:?} is not a valid origin")]
    BadCorsOrigin {
        /// The origin as given.
        origin: String,
    },
}

impl Error {
    /// A [`Error::BadParameter`] for `name`, keeping at most 100 characters
    /// of the value (an over-long value is itself a common reason).
    pub(crate) fn bad(name: &str, value: &str, reason: impl Into<String>) -> Error {
        let value: String = value.chars().take(100).collect();
        Error::BadParameter { name: name.to_string(), value, reason: reason.into() }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadParameter { .. }
            | Error::UnknownParameter { .. }
            | Error::RepeatedParameter { .. } => StatusCode::BAD_REQUEST,
            Error::ArticleNotFound { .. } | Error::NoRoute { .. } => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Error::HostNotAllowed { .. } => StatusCode::FORBIDDEN,
            Error::Timeout { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Error::Index(_) | Error::Worker { .. } | Error::BadCorsOrigin { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::json!({ "status": status.as_u16(), "error": self.to_string() });
        (status, Json(body)).into_response()
    }
}
