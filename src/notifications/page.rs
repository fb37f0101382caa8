//! `/notifications`: the person's notices, newest first, unread ones marked; opening one
//! marks it read and follows its link. The same list in the API.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::storage;
use crate::error::Error;
use crate::http::page::see_other;
use crate::http::{Ctx, Form, Json, Page};
use crate::i18n::format;
use crate::spaces::storage as spaces;
use crate::state::AppState;

/// How many notices the list shows.
const SHOWN: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(page))
        .route("/notifications/read", post(read_form))
        .route("/notifications/{id}", get(open))
        .route("/api/v1/notifications", get(list_api))
        .route("/api/v1/notifications/read", post(read_api))
}

/// One notice as the list shows it.
struct Item {
    id: i64,
    message: String,
    when: String,
    unread: bool,
    has_link: bool,
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    items: Vec<Item>,
    newest: i64,
    unread: usize,
}

async fn zone(state: &AppState) -> Result<Tz, Error> {
    Ok(spaces::main_location(&state.db)
        .await?
        .map(|l| l.time_zone)
        .unwrap_or(format::AKTOBE))
}

/// The list of the signed-in person's notices.
async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = ctx.user()?;
    let tz = zone(&state).await?;
    let stored = storage::recent(&state.db, user.id, SHOWN).await?;
    let newest = stored.first().map(|s| s.id).unwrap_or(0);
    let items: Vec<Item> = stored
        .into_iter()
        .map(|s| Item {
            id: s.id,
            message: s.notice.message(ctx.locale, tz),
            when: format::datetime(s.created_at, tz, ctx.locale),
            unread: s.read_at.is_none(),
            has_link: s.notice.link.is_some(),
        })
        .collect();
    let unread = items.iter().filter(|i| i.unread).count();
    Ok(Page::new(&ListPage {
        ctx: &ctx,
        items,
        newest,
        unread,
    })
    .into_response())
}

#[derive(Deserialize)]
struct ReadForm {
    /// The newest notice the page showed: later ones stay unread.
    up_to: i64,
}

async fn read_form(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Result<Form<ReadForm>, Error>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let Form(form) = form?;
    storage::mark_read(&state.db, user.id, form.up_to).await?;
    Ok(see_other("/notifications", HeaderMap::new()))
}

/// Opens one notice: marks it read and goes where it leads (or back to the list).
async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let link = storage::open(&state.db, user.id, id)
        .await?
        .ok_or(Error::NotFound)?;
    // Only paths inside Ortaq (the database refuses others too): never an open redirect.
    let to = link
        .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        .unwrap_or_else(|| "/notifications".to_string());
    Ok(see_other(&to, HeaderMap::new()))
}

/// A notice in the API, in the caller's language.
#[derive(Serialize, utoipa::ToSchema)]
pub struct NoticeJson {
    pub id: i64,
    /// What the notice is about (stable: e.g. `event-promoted`).
    pub kind: String,
    /// The notice as the caller reads it.
    pub message: String,
    /// A path inside Ortaq the notice leads to.
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// The caller's newest notices (at most 100), newest first, in the caller's language.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications",
    responses((status = 200, body = Vec<NoticeJson>), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn list_api(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = ctx.user()?;
    let tz = zone(&state).await?;
    let list: Vec<NoticeJson> = storage::recent(&state.db, user.id, SHOWN)
        .await?
        .into_iter()
        .map(|s| NoticeJson {
            id: s.id,
            message: s.notice.message(ctx.locale, tz),
            kind: s.notice.kind,
            link: s.notice.link,
            created_at: s.created_at,
            read: s.read_at.is_some(),
        })
        .collect();
    Ok(Json(list).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReadRequest {
    /// Mark read up to this notice (the newest the caller saw); all when absent.
    pub up_to: Option<i64>,
}

/// Marks the caller's notices read, up to `up_to` when given.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "notifications",
    request_body = ReadRequest,
    responses((status = 204), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn read_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(body): Json<ReadRequest>,
) -> Result<StatusCode, Error> {
    let user = ctx.user()?;
    storage::mark_read(&state.db, user.id, body.up_to.unwrap_or(i64::MAX)).await?;
    Ok(StatusCode::NO_CONTENT)
}
