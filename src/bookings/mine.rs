//! A member's bookings: the list, one booking's page with its QR ticket, cancelling, and
//! checking in by scanning the code posted on the resource. Staff of the location see the
//! same page with the member's name, the decision on a pending booking and a check-in button.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Duration;
use serde::Deserialize;

use super::book::{self, CheckInRefusal};
use super::model::{Booking, Status};
use super::routes::parse_scope;
use super::storage::{self, Filter};
use super::view::{self, Alert, BookingLine};
use crate::accounts::storage as accounts;
use crate::clock;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page, qr};
use crate::i18n::{Shown, format};
use crate::spaces::storage as spaces;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bookings", get(list))
        .route("/bookings/{id}", get(ticket))
        .route("/bookings/{id}/cancel", post(cancel))
        .route("/bookings/{id}/decision", post(decide))
        .route("/bookings/{id}/check-in", post(staff_check_in))
        .route(
            "/resources/{id}/check-in",
            get(at_resource).post(check_in_at_resource),
        )
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// `past` for the bookings that are over.
    pub when: Option<String>,
    pub series: Option<i64>,
    pub booked: Option<usize>,
    pub skipped: Option<usize>,
}

#[derive(Template)]
#[template(path = "bookings/mine.html")]
struct MinePage<'a> {
    ctx: &'a Ctx,
    past: bool,
    lines: Vec<BookingLine>,
    notice: Option<String>,
}

/// Loads bookings with the names of their resources and the location's zone.
async fn lines(
    state: &AppState,
    ctx: &Ctx,
    bookings: Vec<(Booking, String)>,
) -> Result<Vec<BookingLine>, Error> {
    let resources = view::by_id(spaces::resources(&state.db, None).await?);
    let mut zones = std::collections::HashMap::new();
    for l in spaces::locations(&state.db).await? {
        zones.insert(l.id, l.time_zone);
    }
    let now = clock::now();
    Ok(bookings
        .into_iter()
        .map(|(b, member)| {
            let resource = resources.get(&b.resource_id);
            let tz = resource
                .and_then(|r| zones.get(&r.location_id).copied())
                .unwrap_or(format::AKTOBE);
            BookingLine::new(ctx, tz, &b, resource, member, now)
        })
        .collect())
}

/// `GET /bookings`: the member's coming (or past) bookings.
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let Some(user) = &ctx.user else {
        return Ok(see_other("/login?next=/bookings", HeaderMap::new()));
    };
    let past = q.when.as_deref() == Some("past");
    let now = clock::now();
    let filter = Filter {
        user_id: Some(user.id),
        from: (!past).then_some(now),
        to: past.then_some(now),
        newest_first: past,
        limit: 200,
        ..Filter::default()
    };
    let lines = lines(&state, &ctx, storage::list(&state.db, &filter).await?).await?;
    let notice = q.series.map(|_| {
        let args = crate::i18n::Args::new()
            .set("booked", q.booked.unwrap_or(0) as i64)
            .set("skipped", q.skipped.unwrap_or(0) as i64);
        crate::i18n::translate(ctx.locale, "series-booked", Some(&args))
    });
    Ok(Page::new(&MinePage {
        ctx: &ctx,
        past,
        lines,
        notice,
    })
    .into_response())
}

#[derive(Template)]
#[template(path = "bookings/ticket.html")]
struct TicketPage<'a> {
    ctx: &'a Ctx,
    line: BookingLine,
    location: Shown,
    address: Shown,
    /// The QR code, for the member (staff scan it at the front desk).
    qr: String,
    mine: bool,
    staff: bool,
    cancellable: bool,
    check_in_until: Option<String>,
    checked_in_at: Option<String>,
    notice: Option<String>,
    alert: Option<Alert>,
    reason: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct TicketQuery {
    pub booked: Option<String>,
    pub done: Option<String>,
}

/// `GET /bookings/{id}`: one booking, its QR ticket and what can be done with it.
async fn ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TicketQuery>,
) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(see_other(
            &format!("/login?next=/bookings/{id}"),
            HeaderMap::new(),
        ));
    }
    let notice = if q.booked.is_some() {
        Some("ticket-booked")
    } else {
        match q.done.as_deref() {
            Some("cancelled") => Some("ticket-cancelled"),
            Some("approved") => Some("ticket-approved"),
            Some("declined") => Some("ticket-declined"),
            Some("checked_in") => Some("ticket-checked-in"),
            _ => None,
        }
    };
    render_ticket(
        &state,
        &ctx,
        id,
        notice.map(|n| ctx.t(n)),
        None,
        String::new(),
        vec![],
    )
    .await
}

async fn render_ticket(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    notice: Option<String>,
    alert: Option<Alert>,
    reason: String,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let (booking, staff) = book::visible(&state.db, user, id).await?;
    let resource = spaces::resource(&state.db, booking.resource_id).await?;
    let location = match &resource {
        Some(r) => spaces::location(&state.db, r.location_id).await?,
        None => None,
    }
    .ok_or(Error::NotFound)?;
    let tz = location.time_zone;
    let member = if staff {
        match booking.user_id {
            Some(uid) => accounts::find(&state.db, uid)
                .await?
                .map(|u| u.display_name)
                .unwrap_or_default(),
            None => ctx.t("deleted-member"),
        }
    } else {
        String::new()
    };
    let mine = booking.user_id == Some(user.id);
    let scan = format!(
        "{}/front-desk?code={}",
        state.config.public_url.trim_end_matches('/'),
        booking.code
    );
    let line = BookingLine::new(ctx, tz, &booking, resource.as_ref(), member, clock::now());
    let status = if alert.is_some() || !errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(with_status(
        Page::new(&TicketPage {
            ctx,
            qr: if booking.status.is_live() {
                qr::svg(&scan, &ctx.t1("ticket-qr-label", "code", line.code.clone()))
            } else {
                String::new()
            },
            line,
            location: ctx.text(&location.name),
            address: ctx.text(&location.address),
            mine,
            staff,
            cancellable: matches!(booking.status, Status::Pending | Status::Confirmed)
                && booking.end > clock::now(),
            check_in_until: booking
                .check_in_by
                .filter(|_| booking.status == Status::Confirmed)
                .map(|by| format::time(by.with_timezone(&tz).time(), ctx.locale)),
            checked_in_at: booking
                .checked_in_at
                .map(|at| format::time(at.with_timezone(&tz).time(), ctx.locale)),
            notice,
            alert,
            reason,
            errors: ctx.errors(errors),
        })
        .into_response(),
        status,
    ))
}

/// The alert of a refusal the ticket page shows in place, or the error as a page.
async fn refused(state: &AppState, ctx: &Ctx, id: i64, err: Error) -> Result<Response, Error> {
    match view::alert(ctx, format::AKTOBE, &err) {
        Some(alert) => {
            let status = err.status();
            Ok(with_status(
                render_ticket(state, ctx, id, None, Some(alert), String::new(), vec![]).await?,
                status,
            ))
        }
        None => Err(err),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    pub scope: String,
}

/// `POST /bookings/{id}/cancel`: this booking, or it and the later ones of its series.
async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CancelForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let scope = parse_scope(Some(form.scope.as_str()))?;
    match book::cancel(&state.db, &user, ctx.ip, id, scope).await {
        Ok(_) => Ok(see_other(
            &format!("/bookings/{id}?done=cancelled"),
            HeaderMap::new(),
        )),
        Err(err) => refused(&state, &ctx, id, err).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    /// `approve` or `decline`.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    /// Where to go back to: the staff list, or this page.
    #[serde(default)]
    pub back: String,
}

/// `POST /bookings/{id}/decision`: a space manager confirms or declines (with a reason).
async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    book::require_manager(&state.db, &user, id).await?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(Error::invalid("decision", "invalid_choice")),
    };
    let reason = Some(form.reason.as_str()).filter(|r| !r.trim().is_empty());
    match book::decide(&state.db, &user, ctx.ip, id, approve, reason).await {
        Ok(_) => {
            let done = if approve { "approved" } else { "declined" };
            let to = if form.back.starts_with("/staff/bookings") {
                form.back.clone()
            } else {
                format!("/bookings/{id}?done={done}")
            };
            Ok(see_other(&to, HeaderMap::new()))
        }
        Err(Error::Invalid(errors)) => Ok(with_status(
            render_ticket(&state, &ctx, id, None, None, form.reason, errors).await?,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(err) => refused(&state, &ctx, id, err).await,
    }
}

/// `POST /bookings/{id}/check-in`: staff check a booking in from its page or a list.
async fn staff_check_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let booking = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    if !book::manages_booking(&state.db, &user, &booking).await? {
        return Err(Error::Forbidden);
    }
    match book::check_in(&state.db, &booking, clock::now()).await? {
        Ok(_) | Err(CheckInRefusal::Already(_)) => {
            let to = if form.back == "/front-desk" {
                "/front-desk?done=checked_in".to_string()
            } else {
                format!("/bookings/{id}?done=checked_in")
            };
            Ok(see_other(&to, HeaderMap::new()))
        }
        Err(refusal) => refused(&state, &ctx, id, refusal.into_error()).await,
    }
}

#[derive(Template)]
#[template(path = "bookings/at_resource.html")]
struct AtResourcePage<'a> {
    ctx: &'a Ctx,
    resource_id: i64,
    resource: Shown,
    /// The member's booking of this resource now (or starting within 15 minutes).
    line: Option<BookingLine>,
    checked_in: bool,
    alert: Option<Alert>,
}

/// The member's booking of the resource that can be checked in now, or is checked in.
async fn current_booking(
    state: &AppState,
    user_id: i64,
    resource_id: i64,
) -> Result<Option<Booking>, Error> {
    let now = clock::now();
    let filter = Filter {
        user_id: Some(user_id),
        resource_id: Some(resource_id),
        from: Some(now),
        to: Some(now + book::EARLY_CHECK_IN + Duration::seconds(1)),
        limit: 10,
        ..Filter::default()
    };
    Ok(storage::list(&state.db, &filter)
        .await?
        .into_iter()
        .map(|(b, _)| b)
        .find(|b| {
            matches!(
                b.status,
                Status::Confirmed | Status::CheckedIn | Status::Pending
            )
        }))
}

async fn render_at_resource(
    state: &AppState,
    ctx: &Ctx,
    resource_id: i64,
    alert: Option<Alert>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let resource = spaces::resource(&state.db, resource_id)
        .await?
        .ok_or(Error::NotFound)?;
    let tz = spaces::location(&state.db, resource.location_id)
        .await?
        .map(|l| l.time_zone)
        .unwrap_or(format::AKTOBE);
    let booking = current_booking(state, user.id, resource_id).await?;
    let status = if alert.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok(with_status(
        Page::new(&AtResourcePage {
            ctx,
            resource_id,
            resource: ctx.text(&resource.name),
            checked_in: booking
                .as_ref()
                .is_some_and(|b| b.status == Status::CheckedIn),
            line: booking.map(|b| {
                BookingLine::new(ctx, tz, &b, Some(&resource), String::new(), clock::now())
            }),
            alert,
        })
        .into_response(),
        status,
    ))
}

/// `GET /resources/{id}/check-in`: where the code posted on a resource leads.
async fn at_resource(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(see_other(
            &format!("/login?next=/resources/{id}/check-in"),
            HeaderMap::new(),
        ));
    }
    render_at_resource(&state, &ctx, id, None).await
}

/// `POST /resources/{id}/check-in`: the member checks in their booking of this resource.
async fn check_in_at_resource(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let Some(booking) = current_booking(&state, user.id, id).await? else {
        return render_at_resource(&state, &ctx, id, None).await;
    };
    match book::check_in(&state.db, &booking, clock::now()).await? {
        Ok(_) | Err(CheckInRefusal::Already(_)) => Ok(see_other(
            &format!("/resources/{id}/check-in"),
            HeaderMap::new(),
        )),
        Err(refusal) => {
            let err = refusal.into_error();
            let alert = view::alert(&ctx, format::AKTOBE, &err);
            render_at_resource(&state, &ctx, id, alert).await
        }
    }
}
