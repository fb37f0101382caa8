//! `/calendar`: the member's own feed — make it, see its address once, replace it with a
//! new secret, or revoke it — with short instructions for Google and Apple calendars,
//! and the public busy-time feeds of the center's resources.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::feeds;
use crate::error::Error;
use crate::http::page::see_other;
use crate::http::{Ctx, Page};
use crate::i18n::format;
use crate::spaces::storage as spaces;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendar", get(page))
        .route("/calendar/feed", post(replace_form))
        .route("/calendar/feed/revoke", post(revoke_form))
}

/// A resource's public feed, as the page lists it.
pub struct ResourceFeed {
    pub name: String,
    pub lang: &'static str,
    pub url: String,
}

#[derive(Template)]
#[template(path = "calendar/feed.html")]
struct FeedPage<'a> {
    ctx: &'a Ctx,
    /// When the live feed was made, as the reader writes it.
    made: Option<String>,
    /// The address of a feed made by this very request (shown once).
    new_url: Option<String>,
    /// The same address for phones (`webcal://`), which subscribe on a tap.
    webcal: Option<String>,
    notice: Option<String>,
    resources: Vec<ResourceFeed>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    user_id: i64,
    new_url: Option<String>,
    notice: Option<String>,
) -> Result<Response, Error> {
    let tz = spaces::main_location(&state.db)
        .await?
        .map(|l| l.time_zone)
        .unwrap_or(format::AKTOBE);
    let made = feeds::made_at(&state.db, user_id)
        .await?
        .map(|at| format::datetime(at, tz, ctx.locale));
    let base = state.config.public_url.trim_end_matches('/');
    let resources = spaces::resources(&state.db, None)
        .await?
        .into_iter()
        .filter(|r| r.active)
        .map(|r| {
            let shown = ctx.text(&r.name);
            ResourceFeed {
                name: shown.text,
                lang: shown.lang,
                url: format!("{base}/calendar/resources/{}.ics", r.id),
            }
        })
        .collect();
    let webcal = new_url.as_deref().map(|url| {
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        format!("webcal://{rest}")
    });
    Ok(Page::new(&FeedPage {
        ctx,
        made,
        new_url,
        webcal,
        notice,
        resources,
    })
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    revoked: Option<String>,
}

/// `GET /calendar`
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let Some(user) = ctx.user.clone() else {
        return Ok(see_other("/login?next=/calendar", HeaderMap::new()));
    };
    let notice = q.revoked.is_some().then(|| ctx.t("calendar-revoked"));
    render(&state, &ctx, user.id, None, notice).await
}

/// `POST /calendar/feed`: a new secret address (the old one stops working), shown once on
/// the page this answers with.
async fn replace_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let feed = feeds::replace(&state.db, user.id).await?;
    let url = feeds::url(&state.config.public_url, &feed.token);
    render(
        &state,
        &ctx,
        user.id,
        Some(url),
        Some(ctx.t("calendar-made")),
    )
    .await
}

/// `POST /calendar/feed/revoke`
async fn revoke_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = ctx.user()?;
    feeds::revoke(&state.db, user.id).await?;
    Ok(see_other("/calendar?revoked=1", HeaderMap::new()))
}
