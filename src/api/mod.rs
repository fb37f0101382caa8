//! `/api/v1`: JSON, authenticated by bearer token or session cookie, errors as
//! `application/problem+json`. The areas add their own endpoints; this module holds
//! what is shared: the problem document, `/me` and the OpenAPI description.

pub mod me;
pub mod openapi;
pub mod problem;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me", get(me::me))
        .route("/api/v1/openapi.json", get(openapi::serve))
}
