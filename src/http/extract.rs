//! `Json` and `Form` extractors whose rejections are Ortaq errors (problem+json or a page),
//! never axum's plain-text ones.

use axum::body::Bytes;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::Error;

/// A JSON body, which must be an object: every body the API reads is one, and serde would
/// otherwise read a struct from an array too (`[null]` as `{"supports": null}`).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .is_some_and(|t| {
                t == "application/json" || (t.starts_with("application/") && t.ends_with("+json"))
            });
        if !json {
            return Err(Error::BadRequest(
                "expected Content-Type: application/json".into(),
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| Error::PayloadTooLarge)?;
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|b| *b != b'{') {
            return Err(Error::BadRequest("expected a JSON object".into()));
        }
        let axum::Json(value) = axum::Json::<T>::from_bytes(&bytes)?;
        Ok(Json(value))
    }
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

#[derive(FromRequest)]
#[from_request(via(axum::Form), rejection(Error))]
pub struct Form<T>(pub T);

impl From<JsonRejection> for Error {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => {
                Error::BadRequest("expected Content-Type: application/json".into())
            }
            JsonRejection::JsonDataError(e) => Error::BadRequest(e.body_text()),
            JsonRejection::JsonSyntaxError(e) => Error::BadRequest(e.body_text()),
            JsonRejection::BytesRejection(_) => Error::PayloadTooLarge,
            other => Error::BadRequest(other.body_text()),
        }
    }
}

impl From<FormRejection> for Error {
    fn from(rejection: FormRejection) -> Self {
        match rejection {
            FormRejection::BytesRejection(_) => Error::PayloadTooLarge,
            other => Error::BadRequest(other.body_text()),
        }
    }
}
