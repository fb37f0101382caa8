//! The organisation tree on the API.

use axum::Router;
use axum::extract::State;
use axum::routing::get;

use super::{Unit, storage};
use crate::error::Error;
use crate::http::Json;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/units", get(list))
}

/// List the organisation's units, parents before children. Public.
#[utoipa::path(get, path = "/api/v1/units", tag = "organisation", responses((status = 200, body = [Unit])))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<Unit>>, Error> {
    Ok(Json(storage::all(&state.db).await?))
}
