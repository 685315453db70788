//! Typed errors: [`ServerError`] for starting and running the server, and the crate-private
//! `ApiError` that every handler turns into a `text/plain` HTTP error response.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use twingraph_store::oxigraph::sparql::{QueryEvaluationError, UpdateEvaluationError};
use twingraph_store::{LoadError, StoreError};

/// An error that stops the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The listening socket could not be opened (address in use, permission denied…).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address that was asked for.
        addr: SocketAddr,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The configured SHACL shapes could not be read.
    #[error("cannot load the SHACL shapes: {0}")]
    Shapes(String),
    /// The configured rule sets could not be read or checked.
    #[error("cannot load the rules: {0}")]
    Rules(String),
    /// The server failed while running.
    #[error("HTTP server failed: {0}")]
    Serve(#[source] std::io::Error),
}

/// An error answered to the client: a status code and a human-readable message.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    /// Value of the `Allow` header, for `405`.
    pub(crate) allow: Option<&'static str>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            allow: None,
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub(crate) fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub(crate) fn not_acceptable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_ACCEPTABLE, message)
    }

    pub(crate) fn unsupported_media_type(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, message)
    }

    pub(crate) fn payload_too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body larger than the limit of {limit} bytes"),
        )
    }

    pub(crate) fn method_not_allowed(method: &str, allow: &'static str) -> Self {
        Self {
            status: StatusCode::METHOD_NOT_ALLOWED,
            message: format!("method {method} is not allowed here; allowed: {allow}"),
            allow: Some(allow),
        }
    }

    pub(crate) fn timeout(limit: std::time::Duration) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the operation ran past the time limit of {} s and was cancelled",
                format_seconds(limit)
            ),
        )
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        let message = message.into();
        tracing::error!(%message, "internal server error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

/// Formats a duration in seconds without a useless fraction (`60`, `0.1`).
pub(crate) fn format_seconds(d: std::time::Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut message = self.message;
        if !message.ends_with('\n') {
            message.push('\n');
        }
        let mut response = (self.status, message).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if let Some(allow) = self.allow {
            headers.insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Syntax(e) => Self::bad_request(format!("SPARQL syntax error: {e}")),
            StoreError::Cancelled => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the operation was cancelled (time limit reached)",
            ),
            StoreError::InvalidIri { .. } => Self::bad_request(e.to_string()),
            StoreError::UnsupportedFormat(m) => Self::not_acceptable(m),
            StoreError::Evaluation(QueryEvaluationError::Cancelled) => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the query was cancelled (time limit reached)",
            ),
            StoreError::Evaluation(
                QueryEvaluationError::Dataset(_) | QueryEvaluationError::UnexpectedDefaultGraph,
            )
            | StoreError::UpdateEvaluation(
                UpdateEvaluationError::Storage(_) | UpdateEvaluationError::Unexpected(_),
            )
            | StoreError::Storage(_)
            | StoreError::Io(_) => Self::internal(e.to_string()),
            StoreError::Evaluation(_) | StoreError::UpdateEvaluation(_) => {
                Self::bad_request(e.to_string())
            }
            StoreError::Load(e) => e.into(),
        }
    }
}

impl From<LoadError> for ApiError {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Syntax { .. }
            | LoadError::InvalidIri { .. }
            | LoadError::UnknownFormat(_) => Self::bad_request(e.to_string()),
            LoadError::Read { .. } => Self::bad_request(e.to_string()),
            LoadError::Storage(_) => Self::internal(e.to_string()),
        }
    }
}
