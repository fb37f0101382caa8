//! Bookings on the API: make, list, read, cancel, approve or decline, check in; series.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::Deserialize;

use super::book::{self, CancelScope, Request};
use super::model::{Booking, Status, normalize_code};
use super::series::{self, End, Frequency, SeriesOutcome, SeriesRequest};
use super::storage::{self, Filter};
use crate::clock;
use crate::error::{Error, FieldError};
use crate::http::{Ctx, Json};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/bookings", get(list_api).post(create_api))
        .route("/api/v1/bookings/{id}", get(read_api))
        .route("/api/v1/bookings/{id}/cancel", post(cancel_api))
        .route("/api/v1/bookings/{id}/check-in", post(check_in_api))
        .route("/api/v1/bookings/{id}/decision", post(decide_api))
        .route("/api/v1/check-in", post(check_in_code_api))
        .route("/api/v1/series", post(series_api))
        .route("/api/v1/series/preview", post(series_preview_api))
}

/// A booking request as sent.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct BookingInput {
    pub resource_id: Option<i64>,
    /// RFC 3339, e.g. `2026-12-01T10:00:00+05:00`.
    pub start: Option<String>,
    pub end: Option<String>,
    pub purpose: Option<String>,
    /// Staff only: the member the booking is for.
    pub user_id: Option<i64>,
    /// Staff only: set the booking rules aside, saying why (kept with the booking).
    pub override_reason: Option<String>,
}

/// An RFC 3339 instant in whole seconds.
pub fn parse_instant(field: &'static str, raw: Option<&str>) -> Result<DateTime<Utc>, FieldError> {
    let raw = raw.map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    let at = DateTime::parse_from_rfc3339(raw)
        .map_err(|_| FieldError::new(field, "invalid_instant"))?
        .with_timezone(&Utc);
    if at.nanosecond() != 0 || !crate::clock::YEARS.contains(&at.year()) {
        return Err(FieldError::new(field, "invalid_instant"));
    }
    Ok(at)
}

impl BookingInput {
    pub fn parse(&self) -> Result<Request, Error> {
        let mut errors = Vec::new();
        let resource_id = self.resource_id;
        if resource_id.is_none() {
            errors.push(FieldError::new("resource_id", "required"));
        }
        let start = parse_instant("start", self.start.as_deref()).map_err(|e| errors.push(e));
        let end = parse_instant("end", self.end.as_deref()).map_err(|e| errors.push(e));
        let purpose =
            book::parse_note("purpose", self.purpose.as_deref()).map_err(|e| errors.push(e));
        let reason = book::parse_note("override_reason", self.override_reason.as_deref())
            .map_err(|e| errors.push(e));
        match (resource_id, start, end, purpose, reason) {
            (Some(resource_id), Ok(start), Ok(end), Ok(purpose), Ok(override_reason))
                if errors.is_empty() =>
            {
                Ok(Request {
                    resource_id,
                    start,
                    end,
                    purpose,
                    for_user: self.user_id,
                    override_reason,
                    initiative_id: None,
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// Books a resource for the caller (or, for staff, for a member). Every rule that refuses
/// answers with its own `code`; a taken interval answers 409 `booking_conflict` with the
/// booking in the way in `conflict`.
#[utoipa::path(post, path = "/api/v1/bookings", tag = "bookings",
    request_body = BookingInput,
    responses((status = 201, body = Booking), (status = 409, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<BookingInput>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let req = input.parse()?;
    let booking = book::book(
        &state.db,
        &state.spaces,
        &state.bookings,
        user,
        ctx.ip,
        &req,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(booking)).into_response())
}

/// Filters of the bookings list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// `upcoming` (default: not over yet), `past`, or `all`.
    pub when: Option<String>,
    pub status: Option<String>,
    pub resource_id: Option<i64>,
    /// Staff: every member's bookings at the locations they manage.
    pub location_id: Option<i64>,
    /// Staff: one member's bookings.
    pub user_id: Option<i64>,
}

/// The caller's bookings; staff may list a location's or a member's.
#[utoipa::path(get, path = "/api/v1/bookings", tag = "bookings", params(ListQuery),
    responses((status = 200, body = [Booking]), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn list_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Booking>>, Error> {
    let user = ctx.user()?;
    let now = clock::now();
    let mut filter = Filter {
        user_id: Some(user.id),
        resource_id: q.resource_id,
        status: match q.status.as_deref() {
            None | Some("") => None,
            Some(s) => {
                Some(Status::parse(s).ok_or_else(|| Error::invalid("status", "invalid_choice"))?)
            }
        },
        limit: 500,
        ..Filter::default()
    };
    match q.when.as_deref() {
        None | Some("") | Some("upcoming") => filter.from = Some(now),
        Some("past") => {
            filter.to = Some(now);
            filter.newest_first = true;
        }
        Some("all") => {}
        Some(_) => return Err(Error::invalid("when", "invalid_choice")),
    }
    if let Some(location_id) = q.location_id {
        let location = crate::spaces::storage::location(&state.db, location_id)
            .await?
            .ok_or(Error::NotFound)?;
        if !book::manages(&state.db, user, &location).await? {
            return Err(Error::Forbidden);
        }
        filter.location_id = Some(location_id);
        filter.user_id = q.user_id;
    } else if let Some(other) = q.user_id.filter(|id| *id != user.id) {
        // A member's bookings at the locations the caller manages.
        let mut all = Vec::new();
        for location in crate::spaces::storage::locations(&state.db).await? {
            if book::manages(&state.db, user, &location).await? {
                let f = Filter {
                    user_id: Some(other),
                    location_id: Some(location.id),
                    ..filter.clone()
                };
                all.extend(
                    storage::list(&state.db, &f)
                        .await?
                        .into_iter()
                        .map(|(b, _)| b),
                );
            }
        }
        return Ok(Json(all));
    }
    Ok(Json(
        storage::list(&state.db, &filter)
            .await?
            .into_iter()
            .map(|(b, _)| b)
            .collect(),
    ))
}

/// One booking: its member's, or staff of its location.
#[utoipa::path(get, path = "/api/v1/bookings/{id}", tag = "bookings",
    responses((status = 200, body = Booking), (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn read_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Booking>, Error> {
    let (booking, _) = book::visible(&state.db, ctx.user()?, id).await?;
    Ok(Json(booking))
}

/// Which occurrences to cancel.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CancelInput {
    /// `one` (default) or `following`: this occurrence and the later ones of its series.
    pub scope: Option<String>,
}

/// How many bookings a cancellation ended.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Cancelled {
    pub cancelled: u64,
}

/// Cancels a pending or confirmed booking (or it and the rest of its series).
#[utoipa::path(post, path = "/api/v1/bookings/{id}/cancel", tag = "bookings",
    request_body(content = CancelInput, description = "optional"),
    responses((status = 200, body = Cancelled), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn cancel_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Json<Cancelled>, Error> {
    // The body is optional: no body cancels this one booking.
    let input: CancelInput = if body.iter().all(u8::is_ascii_whitespace) {
        CancelInput::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| Error::BadRequest(e.to_string()))?
    };
    let scope = parse_scope(input.scope.as_deref())?;
    let cancelled = book::cancel(&state.db, ctx.user()?, ctx.ip, id, scope).await?;
    Ok(Json(Cancelled { cancelled }))
}

pub fn parse_scope(raw: Option<&str>) -> Result<CancelScope, Error> {
    match raw {
        None | Some("") | Some("one") => Ok(CancelScope::One),
        Some("following") => Ok(CancelScope::Following),
        Some(_) => Err(Error::invalid("scope", "invalid_choice")),
    }
}

/// Checks a booking in: its member (at the resource), or staff of its location. From 15
/// minutes before the start until the check-in window closes.
#[utoipa::path(post, path = "/api/v1/bookings/{id}/check-in", tag = "bookings",
    responses((status = 200, body = Booking), (status = 409, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn check_in_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Booking>, Error> {
    let (booking, _) = book::visible(&state.db, ctx.user()?, id).await?;
    book::check_in(&state.db, &booking, clock::now())
        .await?
        .map(Json)
        .map_err(|r| r.into_error())
}

/// A check-in code, typed or scanned.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = CheckInCodeInput)]
pub struct CodeInput {
    /// The booking's code (`ABCD-EFGH`, any case) or the address its QR holds.
    pub code: Option<String>,
}

/// Front desk: checks in the booking with this code (staff of its location).
#[utoipa::path(post, path = "/api/v1/check-in", tag = "bookings", request_body = CodeInput,
    responses((status = 200, body = Booking), (status = 404, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn check_in_code_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<CodeInput>,
) -> Result<Json<Booking>, Error> {
    let user = ctx.user()?;
    let code = normalize_code(input.code.as_deref().unwrap_or_default())
        .ok_or_else(|| Error::invalid("code", "invalid_code"))?;
    let booking = storage::find_by_code(&state.db, &code)
        .await?
        .ok_or(Error::NotFound)?;
    if !book::manages_booking(&state.db, user, &booking).await? {
        return Err(Error::Forbidden);
    }
    book::check_in(&state.db, &booking, clock::now())
        .await?
        .map(Json)
        .map_err(|r| r.into_error())
}

/// A space manager's decision.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = ApprovalDecisionInput)]
pub struct DecisionInput {
    pub approve: Option<bool>,
    /// Required when declining; the member reads it.
    pub reason: Option<String>,
}

/// Confirms or declines a pending booking (space managers of its location).
#[utoipa::path(post, path = "/api/v1/bookings/{id}/decision", tag = "bookings", request_body = DecisionInput,
    responses((status = 200, body = Booking), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn decide_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<DecisionInput>, Error>,
) -> Result<Json<Booking>, Error> {
    book::require_manager(&state.db, ctx.user()?, id).await?;
    let Json(input) = input?;
    let approve = input
        .approve
        .ok_or_else(|| Error::invalid("approve", "required"))?;
    let booking = book::decide(
        &state.db,
        ctx.user()?,
        ctx.ip,
        id,
        approve,
        input.reason.as_deref(),
    )
    .await?;
    Ok(Json(booking))
}

/// A series: the first occurrence, how it repeats, how it ends (a date or a count).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SeriesInput {
    #[serde(flatten)]
    pub first: BookingInput,
    /// `daily` or `weekly`.
    pub frequency: Option<String>,
    /// The last local date an occurrence may fall on…
    pub until: Option<NaiveDate>,
    /// …or how many occurrences (at most 60).
    pub count: Option<u32>,
}

impl SeriesInput {
    pub fn parse(&self) -> Result<SeriesRequest, Error> {
        let first = self.first.parse();
        let mut errors = match &first {
            Err(Error::Invalid(e)) => e.clone(),
            _ => vec![],
        };
        let frequency = Frequency::parse(self.frequency.as_deref().unwrap_or_default());
        if frequency.is_none() {
            errors.push(FieldError::new("frequency", "invalid_choice"));
        }
        let end = match (self.until, self.count) {
            (Some(until), None) => Some(End::Until(until)),
            (None, Some(n)) if (1..=series::MAX_OCCURRENCES as u32).contains(&n) => {
                Some(End::Count(n))
            }
            (None, Some(_)) => {
                errors.push(
                    FieldError::new("count", "too_many_occurrences")
                        .with_limit(series::MAX_OCCURRENCES as i64),
                );
                None
            }
            _ => {
                errors.push(FieldError::new("until", "required"));
                None
            }
        };
        match (first, frequency, end) {
            (Ok(first), Some(frequency), Some(end)) if errors.is_empty() => Ok(SeriesRequest {
                first,
                frequency,
                end,
            }),
            (Err(e), ..) if !matches!(e, Error::Invalid(_)) => Err(e),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// Books a series: every occurrence is judged on its own; taken ones and those breaking a
/// rule are skipped with their code, the rest booked (201). Nothing free: 409
/// `series_nothing_free`.
#[utoipa::path(post, path = "/api/v1/series", tag = "bookings", request_body = SeriesInput,
    responses((status = 201, body = SeriesOutcome), (status = 409, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn series_api(
    State(state): State<AppState>,
    ctx: Ctx,
    input: Result<Json<SeriesInput>, Error>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let req = input?.0.parse()?;
    let outcome = series::book_series(&state.db, &state.spaces, user, ctx.ip, &req, true).await?;
    if outcome.series_id.is_none() {
        return Err(Error::Conflict("series_nothing_free"));
    }
    Ok((StatusCode::CREATED, Json(outcome)).into_response())
}

/// What booking a series would do now, occurrence by occurrence; books nothing.
#[utoipa::path(post, path = "/api/v1/series/preview", tag = "bookings", request_body = SeriesInput,
    responses((status = 200, body = SeriesOutcome), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn series_preview_api(
    State(state): State<AppState>,
    ctx: Ctx,
    input: Result<Json<SeriesInput>, Error>,
) -> Result<Json<SeriesOutcome>, Error> {
    let user = ctx.user()?;
    let req = input?.0.parse()?;
    Ok(Json(
        series::book_series(&state.db, &state.spaces, user, ctx.ip, &req, false).await?,
    ))
}
