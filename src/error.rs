//! The one error type of Ortaq.
//!
//! Every handler returns `Result<_, Error>`. An error knows its HTTP status and its
//! stable machine `code`; it becomes an `application/problem+json` answer on the API
//! or a friendly page on the site, in the reader's language. The rendering happens in
//! [`crate::http::context`], which knows the request's language and whether it asked
//! for JSON: `IntoResponse` only parks the error in the response's extensions.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One field of the input that was refused, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as sent (`email`, `password`, …).
    pub field: &'static str,
    /// Why, as a stable code (`required`, `too_short`, `common_password`, …); the message
    /// id is `invalid-{code}`.
    pub code: &'static str,
    /// The bound the input missed, when the message names one (a minimum age, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

impl FieldError {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        FieldError {
            field,
            code,
            limit: None,
        }
    }

    pub fn with_limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("authentication required")]
    Unauthenticated,
    #[error("wrong email or password")]
    BadCredentials,
    #[error("forbidden")]
    Forbidden,
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// A state conflict with a stable code (`email_taken`, `already_checked_in`, …).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The resource is taken over `[start, end)` by another live booking.
    #[error("booking conflict with {start} – {end}")]
    BookingConflict {
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
    },
    /// A booking rule refused the request: its own code (`booking_too_long`, …) and the
    /// limit the message names, if any.
    #[error("booking rule {code} (limit {limit:?})")]
    Rule {
        code: &'static str,
        limit: Option<i64>,
    },
    #[error("too many requests; retry after {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("the database is unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn invalid(field: &'static str, code: &'static str) -> Error {
        Error::Invalid(vec![FieldError::new(field, code)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::Unauthenticated | Error::BadCredentials => StatusCode::UNAUTHORIZED,
            Error::Forbidden | Error::Csrf => StatusCode::FORBIDDEN,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Conflict(_) | Error::BookingConflict { .. } => StatusCode::CONFLICT,
            Error::Rule { code, .. } if *code == "booking_not_allowed" => StatusCode::FORBIDDEN,
            Error::Rule { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code; also names the message `error-{code}` in the Fluent files.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound => "not_found",
            Error::Unauthenticated => "unauthenticated",
            Error::BadCredentials => "bad_credentials",
            Error::Forbidden => "forbidden",
            Error::Csrf => "csrf_failed",
            Error::MethodNotAllowed => "method_not_allowed",
            Error::BadRequest(_) => "bad_request",
            Error::Invalid(_) => "validation_failed",
            Error::Conflict(code) => code,
            Error::BookingConflict { .. } => "booking_conflict",
            Error::Rule { code, .. } => code,
            Error::TooManyRequests { .. } => "rate_limited",
            Error::PayloadTooLarge => "payload_too_large",
            Error::Unavailable => "service_unavailable",
            Error::Internal(_) => "internal",
        }
    }

    /// The arguments of the `error-{code}-detail` message (a rule's limit).
    pub fn detail_args(&self) -> Option<crate::i18n::Args> {
        match self {
            Error::Rule { limit, .. } => {
                Some(crate::i18n::Args::new().set("limit", limit.unwrap_or_default()))
            }
            Error::TooManyRequests { retry_after } => {
                Some(crate::i18n::Args::new().set("seconds", *retry_after as i64))
            }
            _ => None,
        }
    }

    /// A generic error for a bare status that reached the client without one.
    pub fn from_status(status: StatusCode) -> Error {
        match status {
            StatusCode::NOT_FOUND => Error::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Error::MethodNotAllowed,
            StatusCode::UNAUTHORIZED => Error::Unauthenticated,
            StatusCode::FORBIDDEN => Error::Forbidden,
            StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge,
            StatusCode::SERVICE_UNAVAILABLE => Error::Unavailable,
            s if s.is_client_error() => Error::BadRequest(s.to_string()),
            s => Error::Internal(anyhow::anyhow!("status {s}")),
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(error = %err, "database unavailable");
                Error::Unavailable
            }
            // PostgreSQL shutting down or restarting (class 57: the connection was ended by
            // the server) or a broken connection (class 08): the request failed, the
            // connection is discarded, the next one is new.
            sqlx::Error::Database(ref db)
                if db
                    .code()
                    .is_some_and(|c| c.starts_with("57") || c.starts_with("08")) =>
            {
                tracing::error!(error = %err, "database unavailable");
                Error::Unavailable
            }
            other => Error::Internal(anyhow::Error::new(other).context("database query")),
        }
    }
}

/// Maps a violated database constraint to a domain error, in one place per call site
/// (after realworld-axum-sqlx's `on_constraint`):
/// `insert(...).await.on_constraint("users_email_key", || Error::Conflict("email_taken"))?`
pub trait ResultExt<T> {
    fn on_constraint(self, name: &str, map: impl FnOnce() -> Error) -> Result<T, Error>;
}

impl<T> ResultExt<T> for Result<T, sqlx::Error> {
    fn on_constraint(self, name: &str, map: impl FnOnce() -> Error) -> Result<T, Error> {
        self.map_err(|err| {
            if crate::db::constraint_name(&err).as_deref() == Some(name) {
                map()
            } else {
                Error::from(err)
            }
        })
    }
}

impl<T> ResultExt<T> for Result<T, Error> {
    fn on_constraint(self, _name: &str, _map: impl FnOnce() -> Error) -> Result<T, Error> {
        self
    }
}

/// The error as it rides in a response until [`crate::http::context`] renders it.
#[derive(Clone)]
pub struct ErrorSlot(pub Arc<Error>);

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if let Error::Internal(cause) = &self {
            tracing::error!(error = ?cause, "internal error");
        }
        let mut response = self.status().into_response();
        if let Error::TooManyRequests { retry_after } = &self {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, (*retry_after).into());
        }
        response.extensions_mut().insert(ErrorSlot(Arc::new(self)));
        response
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
