//! `Json` and `Form` extractors whose rejections are Ortaq errors (problem+json or a page),
//! never axum's plain-text ones.

use axum::extract::FromRequest;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::response::{IntoResponse, Response};

use crate::error::Error;

#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Error))]
pub struct Json<T>(pub T);

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
