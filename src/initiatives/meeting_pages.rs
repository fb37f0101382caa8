//! `/meetings` and `/meetings/{id}`: sessions of the Assembly and meetings with leadership,
//! who was there, which initiatives were raised and what was decided (late ones marked).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::meetings::{self, Meeting, MeetingDetail};
use crate::error::Error;
use crate::http::{Ctx, Page};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings", get(list_page))
        .route("/meetings/{id}", get(show_page))
}

#[derive(Template)]
#[template(path = "initiatives/meetings.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    meetings: Vec<Meeting>,
}

#[derive(Template)]
#[template(path = "initiatives/meeting.html")]
struct ShowPage<'a> {
    ctx: &'a Ctx,
    m: MeetingDetail,
}

/// `GET /meetings`
async fn list_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let meetings = meetings::list(&state.db).await?;
    Ok(Page::new(&ListPage {
        ctx: &ctx,
        meetings,
    })
    .into_response())
}

/// `GET /meetings/{id}`
async fn show_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let m = meetings::detail(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Page::new(&ShowPage { ctx: &ctx, m }).into_response())
}
