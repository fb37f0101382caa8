//! Tickets: a member's ticket page and a guest's (at a secret address, no account), with
//! the QR code organisers scan at the door. The QR holds `{public_url}/events/{id}/check-in?code=…`:
//! an organiser's phone lands on the check-in page with the code filled in.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::model::{Event, RegStatus, Registration};
use super::registration;
use super::storage;
use super::view::{Card, Places};
use crate::bookings::model::display_code;
use crate::clock;
use crate::error::Error;
use crate::http::page::see_other;
use crate::http::{Ctx, Page, qr};
use crate::i18n::format;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/ticket", get(member_ticket))
        .route("/events/tickets/{token}", get(guest_ticket))
        .route("/events/tickets/{token}/cancel", post(guest_cancel))
}

/// A guest's ticket address (it holds the secret; only its hash is stored).
pub fn guest_url(public_url: &str, token: &str) -> String {
    format!(
        "{}/events/tickets/{token}",
        public_url.trim_end_matches('/')
    )
}

/// What the QR of a ticket holds.
pub fn scan_url(public_url: &str, event_id: i64, code: &str) -> String {
    format!(
        "{}/events/{event_id}/check-in?code={code}",
        public_url.trim_end_matches('/')
    )
}

#[derive(Template)]
#[template(path = "events/ticket.html")]
struct TicketPage<'a> {
    ctx: &'a Ctx,
    card: Card,
    name: String,
    status: RegStatus,
    status_text: String,
    position: Option<i64>,
    code: String,
    qr: String,
    checked_in_at: Option<String>,
    /// The guest's cancel form posts here (members cancel on the event's page).
    guest_token: Option<String>,
    new: bool,
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct TicketQuery {
    pub new: Option<String>,
    pub done: Option<String>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    event: &Event,
    mut r: Registration,
    guest_token: Option<String>,
    q: &TicketQuery,
) -> Result<Response, Error> {
    registration::with_position(&state.db, &mut r).await?;
    let places = Places::load(&state.db).await?;
    let tz = places.zone(event);
    let figures = storage::figures(&state.db, event.id).await?;
    let card = Card::new(ctx, &places, event, figures, clock::now());
    let code = display_code(&r.code);
    let qr = if r.status == RegStatus::Registered {
        qr::svg(
            &scan_url(&state.config.public_url, event.id, &r.code),
            &ctx.t1("event-ticket-qr-label", "code", code.clone()),
        )
    } else {
        String::new()
    };
    Ok(Page::new(&TicketPage {
        ctx,
        card,
        name: r.name.clone(),
        status: r.status,
        status_text: ctx.t(r.status.message_id()),
        position: r.waitlist_position,
        code,
        qr,
        checked_in_at: r
            .checked_in_at
            .map(|at| format::datetime(at, tz, ctx.locale)),
        guest_token,
        new: q.new.is_some(),
        notice: (q.done.as_deref() == Some("cancelled")).then(|| ctx.t("event-notice-left")),
    })
    .into_response())
}

/// `GET /events/{id}/ticket`: the signed-in member's ticket for the event.
async fn member_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TicketQuery>,
) -> Result<Response, Error> {
    let Some(user) = &ctx.user else {
        return Ok(see_other(
            &format!("/login?next=/events/{id}/ticket"),
            HeaderMap::new(),
        ));
    };
    let event = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    let r = storage::mine(&state.db, id, user.id)
        .await?
        .filter(|r| r.status != RegStatus::Cancelled)
        .ok_or(Error::NotFound)?;
    render(&state, &ctx, &event, r, None, &q).await
}

/// `GET /events/tickets/{secret}`: a guest's ticket.
async fn guest_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Query(q): Query<TicketQuery>,
) -> Result<Response, Error> {
    let r = registration::by_guest_token(&state.db, &token)
        .await?
        .ok_or(Error::NotFound)?;
    let event = storage::find(&state.db, r.event_id)
        .await?
        .ok_or(Error::NotFound)?;
    let live = r.status != RegStatus::Cancelled;
    render(&state, &ctx, &event, r, live.then_some(token), &q).await
}

/// `POST /events/tickets/{secret}/cancel`: a guest gives up their place.
async fn guest_cancel(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    let r = registration::by_guest_token(&state.db, &token)
        .await?
        .ok_or(Error::NotFound)?;
    registration::cancel_by_id(&state.db, r.id).await?;
    Ok(see_other(
        &format!("/events/tickets/{token}?done=cancelled"),
        HeaderMap::new(),
    ))
}
