//! Events on the API: create, list, read, edit, publish, cancel, close registration;
//! register (members and guests), cancel, the organisers' list, check-in, rating.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use super::checkin::{self, CheckIn};
use super::model::{Category, Event, EventInput, GuestInput, RegStatus, Registration, Status};
use super::ratings::{self, Summary};
use super::registration::{self, Who};
use super::storage::{self, Attendee, Figures, Filter};
use super::{manage, organises, text};
use crate::clock;
use crate::error::Error;
use crate::http::{Ctx, Json};
use crate::i18n::Text;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/events", get(list_api).post(create_api))
        .route("/api/v1/events/{id}", get(read_api).put(edit_api))
        .route("/api/v1/events/{id}/publish", post(publish_api))
        .route("/api/v1/events/{id}/cancel", post(cancel_api))
        .route("/api/v1/events/{id}/registration-closed", post(close_api))
        .route(
            "/api/v1/events/{id}/registrations",
            get(registrations_api).post(register_api),
        )
        .route(
            "/api/v1/events/{id}/registrations/cancel",
            post(cancel_registration_api),
        )
        .route("/api/v1/events/{id}/check-in", post(check_in_api))
        .route(
            "/api/v1/events/{id}/ratings",
            get(ratings_api).post(rate_api),
        )
}

/// An event as the API shows it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EventView {
    #[serde(flatten)]
    pub event: Event,
    /// The status as of now (a published event that ended is `finished`).
    pub current_status: Status,
    /// The description rendered from Markdown and sanitized, per language.
    pub description_html: Text,
    pub registration_open: bool,
    pub registered: i64,
    pub waitlisted: i64,
    /// Attendance (organisers and past events).
    pub checked_in: i64,
    /// The caller's registration, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_registration: Option<Registration>,
}

/// One event, with its figures and the caller's registration.
pub async fn view(state: &AppState, ctx: &Ctx, event: Event) -> Result<EventView, Error> {
    let figures = storage::figures(&state.db, event.id).await?;
    let mine = match &ctx.user {
        Some(u) => storage::mine(&state.db, event.id, u.id).await?,
        None => None,
    };
    shown(state, event, figures, mine).await
}

/// Several events, with their figures and the caller's registrations read for all of them
/// at once (two reads, whatever the number of events).
pub async fn views(
    state: &AppState,
    ctx: &Ctx,
    events: Vec<Event>,
) -> Result<Vec<EventView>, Error> {
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let mut figures = storage::figures_of(&state.db, &ids).await?;
    let mut mine = match &ctx.user {
        Some(u) => storage::mine_of(&state.db, &ids, u.id).await?,
        None => Default::default(),
    };
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        let id = event.id;
        let figures = figures.remove(&id).unwrap_or_default();
        out.push(shown(state, event, figures, mine.remove(&id)).await?);
    }
    Ok(out)
}

async fn shown(
    state: &AppState,
    event: Event,
    figures: Figures,
    mine: Option<Registration>,
) -> Result<EventView, Error> {
    let now = clock::now();
    let Figures {
        registered,
        waitlisted,
        checked_in,
    } = figures;
    let my_registration = match mine {
        Some(mut r) => {
            registration::with_position(&state.db, &mut r).await?;
            Some(r)
        }
        None => None,
    };
    Ok(EventView {
        current_status: event.status_at(now),
        description_html: Text {
            kk: event.description.kk.as_deref().map(text::html),
            ru: event.description.ru.as_deref().map(text::html),
        },
        registration_open: event.registration_open(now),
        registered,
        waitlisted,
        checked_in,
        my_registration,
        event,
    })
}

/// An event to create: the event, and whether to publish it at once.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CreateInput {
    #[serde(flatten)]
    pub event: EventInput,
    /// Publish at once (default: a draft only its organisers see).
    #[serde(default)]
    pub publish: bool,
}

/// Creates an event for a unit the caller organises (coordinator or admin over it). At a
/// resource of the center, the resource is booked with the event: a taken interval answers
/// 409 `booking_conflict` with the booking in the way.
#[utoipa::path(post, path = "/api/v1/events", tag = "events", request_body = CreateInput,
    responses((status = 201, body = EventView), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    input: Result<Json<CreateInput>, Error>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    if super::organiser_units(user).is_empty() {
        // Organises nothing: refused before the body is judged.
        return Err(Error::Forbidden);
    }
    let Json(input) = input?;
    let draft = input.event.parse()?;
    let event = manage::create(&state.db, user, ctx.ip, &draft, input.publish).await?;
    Ok((StatusCode::CREATED, Json(view(&state, &ctx, event).await?)).into_response())
}

/// Edits an event (its organisers). The hall booking follows a new time or place.
#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "events", request_body = EventInput,
    responses((status = 200, body = EventView), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn edit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<EventInput>, Error>,
) -> Result<Json<EventView>, Error> {
    let user = ctx.user()?;
    manage::organised(&state.db, user, id).await?;
    let draft = input?.0.parse()?;
    let event = manage::edit(&state.db, user, ctx.ip, id, &draft).await?;
    Ok(Json(view(&state, &ctx, event).await?))
}

/// Filters of the events list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// `upcoming` (default), `past`, or `drafts` (the caller's units' drafts).
    pub when: Option<String>,
    pub category: Option<String>,
    /// Organised by this unit or with it as a partner.
    pub unit_id: Option<i64>,
    /// `kk`, `ru` or `en`.
    pub language: Option<String>,
}

impl ListQuery {
    pub fn filter(&self, ctx: &Ctx) -> Result<Filter, Error> {
        let now = clock::now();
        let mut f = Filter {
            category: match self.category.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(c) => Some(
                    Category::parse(c)
                        .ok_or_else(|| Error::invalid("category", "invalid_choice"))?,
                ),
            },
            unit_id: self.unit_id,
            language: match self.language.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(l) if super::model::LANGUAGES.contains(&l) => Some(l.to_string()),
                Some(_) => return Err(Error::invalid("language", "invalid_choice")),
            },
            limit: 200,
            ..Filter::default()
        };
        match self.when.as_deref() {
            None | Some("") | Some("upcoming") => {
                f.statuses = vec![Status::Published, Status::Cancelled];
                f.ends_after = Some(now);
            }
            Some("past") => {
                f.statuses = vec![Status::Published, Status::Finished];
                f.ended_by = Some(now);
                f.newest_first = true;
            }
            Some("drafts") => {
                let user = ctx.user()?;
                f.statuses = vec![Status::Draft];
                f.organisers = Some(super::organiser_units(user));
            }
            Some(_) => return Err(Error::invalid("when", "invalid_choice")),
        }
        Ok(f)
    }
}

/// Published events, soonest first (or the past ones, newest first), with filters.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", params(ListQuery),
    responses((status = 200, body = [EventView]), (status = 422, body = crate::api::problem::Problem)))]
pub async fn list_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<EventView>>, Error> {
    let filter = q.filter(&ctx)?;
    let mut events = storage::list(&state.db, &filter).await?;
    if q.when.as_deref() == Some("drafts") {
        // Below the units the caller coordinates too.
        let user = ctx.user()?;
        let mut all = storage::list(
            &state.db,
            &Filter {
                organisers: None,
                ..filter
            },
        )
        .await?;
        let mut mine = Vec::new();
        for e in all.drain(..) {
            if organises(&state.db, user, &e).await? {
                mine.push(e);
            }
        }
        events = mine;
    }
    Ok(Json(views(&state, &ctx, events).await?))
}

/// The event, if the caller may see it (drafts: their organisers only).
pub async fn visible_event(state: &AppState, ctx: &Ctx, id: i64) -> Result<Event, Error> {
    let event = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    if !registration::visible(&state.db, ctx.user.as_deref(), &event).await? {
        return Err(Error::NotFound);
    }
    Ok(event)
}

/// One event, with its figures and the caller's registration.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events",
    responses((status = 200, body = EventView), (status = 404, body = crate::api::problem::Problem)))]
pub async fn read_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<EventView>, Error> {
    let event = visible_event(&state, &ctx, id).await?;
    Ok(Json(view(&state, &ctx, event).await?))
}

/// Publishes a draft (its organisers).
#[utoipa::path(post, path = "/api/v1/events/{id}/publish", tag = "events",
    responses((status = 200, body = EventView), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn publish_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<EventView>, Error> {
    let event = manage::publish(&state.db, ctx.user()?, ctx.ip, id).await?;
    Ok(Json(view(&state, &ctx, event).await?))
}

/// Cancels an event (its organisers): its hall booking is released and the people
/// registered or waiting are told in-app.
#[utoipa::path(post, path = "/api/v1/events/{id}/cancel", tag = "events",
    responses((status = 200, body = EventView), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn cancel_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<EventView>, Error> {
    let event = manage::cancel(&state.db, ctx.user()?, ctx.ip, id).await?;
    Ok(Json(view(&state, &ctx, event).await?))
}

/// Whether registration is closed by hand.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CloseInput {
    /// `true` closes registration, `false` opens it again.
    pub closed: Option<bool>,
}

/// Closes or reopens registration (its organisers).
#[utoipa::path(post, path = "/api/v1/events/{id}/registration-closed", tag = "events",
    request_body = CloseInput,
    responses((status = 200, body = EventView), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn close_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<CloseInput>, Error>,
) -> Result<Json<EventView>, Error> {
    manage::organised(&state.db, ctx.user()?, id).await?;
    let Json(input) = input?;
    let closed = input
        .closed
        .ok_or_else(|| Error::invalid("closed", "required"))?;
    let event = manage::close_registration(&state.db, ctx.user()?, ctx.ip, id, closed).await?;
    Ok(Json(view(&state, &ctx, event).await?))
}

/// Who registers: nothing for the signed-in caller; a guest's details without an account
/// (public events only); `user_id` for organisers adding a member by hand.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RegisterInput {
    pub guest: Option<GuestInput>,
    /// Organisers: the member to add.
    pub user_id: Option<i64>,
}

/// The answer to a registration.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RegisterAnswer {
    /// `registered` (a place is held) or `waitlisted`.
    pub status: RegStatus,
    pub registration: Registration,
    /// A guest's ticket: the only way back to it (it holds a secret; keep it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_url: Option<String>,
}

fn optional_json<T: serde::de::DeserializeOwned + Default>(body: &[u8]) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(T::default())
    } else {
        serde_json::from_slice(body).map_err(|e| Error::BadRequest(e.to_string()))
    }
}

/// Registers for an event. The answer's `status` is `registered` when a place was free,
/// else `waitlisted` (promoted in arrival order when a place frees).
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations", tag = "events",
    request_body(content = RegisterInput, description = "optional"),
    responses((status = 201, body = RegisterAnswer), (status = 409, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem), (status = 401, body = crate::api::problem::Problem)),
    security((), ("bearer" = []), ("cookie" = [])))]
pub async fn register_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Response, Error> {
    let input: RegisterInput = optional_json(&body)?;
    let guest;
    let who = match (&ctx.user, &input.guest, input.user_id) {
        (Some(user), _, Some(member)) => Who::AddedBy(user, member),
        (Some(user), None, None) => Who::Me(user),
        (None, Some(g), _) => {
            guest = g.parse()?;
            Who::Guest(&guest)
        }
        (Some(_), Some(_), None) => {
            return Err(Error::BadRequest(
                "signed in: register yourself, without guest details".into(),
            ));
        }
        (None, None, _) => return Err(Error::Unauthenticated),
    };
    let done = registration::register(&state.db, ctx.ip, id, who).await?;
    let ticket_url = done
        .guest_token
        .as_deref()
        .map(|t| super::ticket::guest_url(&state.config.public_url, t));
    Ok((
        StatusCode::CREATED,
        Json(RegisterAnswer {
            status: done.registration.status,
            registration: done.registration,
            ticket_url,
        }),
    )
        .into_response())
}

/// What a cancellation did.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CancelAnswer {
    pub cancelled: bool,
    /// Whether the first of the waitlist got the freed place.
    pub promoted: bool,
}

/// The caller cancels their registration (or leaves the waitlist).
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations/cancel", tag = "events",
    responses((status = 200, body = CancelAnswer), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn cancel_registration_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<CancelAnswer>, Error> {
    let promoted = registration::cancel_mine(&state.db, ctx.user()?, id).await?;
    Ok(Json(CancelAnswer {
        cancelled: true,
        promoted: promoted.is_some(),
    }))
}

/// Everyone registered or waiting, in arrival order, with contacts (organisers only).
#[utoipa::path(get, path = "/api/v1/events/{id}/registrations", tag = "events",
    responses((status = 200, body = [Attendee]), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn registrations_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Attendee>>, Error> {
    let event = manage::organised(&state.db, ctx.user()?, id).await?;
    Ok(Json(storage::registrations(&state.db, event.id).await?))
}

/// A ticket's code, typed or scanned.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = TicketCodeInput)]
pub struct CodeInput {
    /// The ticket's code (`ABCD-EFGH`, any case) or the address its QR holds.
    pub code: Option<String>,
}

/// Marks attendance once (organisers, and the front desk of the event's location). A
/// repeated scan answers `result: already` with who and when.
#[utoipa::path(post, path = "/api/v1/events/{id}/check-in", tag = "events", request_body = CodeInput,
    responses((status = 200, body = CheckIn), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn check_in_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<CodeInput>,
) -> Result<Json<CheckIn>, Error> {
    let user = ctx.user()?;
    let event = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    let done = checkin::check_in(
        &state.db,
        user,
        &event,
        input.code.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok(Json(done))
}

/// A rating.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RateInput {
    /// 1 to 5.
    pub stars: Option<i64>,
    pub comment: Option<String>,
}

/// Rates an event the caller attended, once, after it ended.
#[utoipa::path(post, path = "/api/v1/events/{id}/ratings", tag = "events", request_body = RateInput,
    responses((status = 201), (status = 409, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn rate_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<RateInput>,
) -> Result<StatusCode, Error> {
    let user = ctx.user()?;
    let event = visible_event(&state, &ctx, id).await?;
    let (stars, comment) = ratings::parse(input.stars, input.comment.as_deref())?;
    ratings::rate(&state.db, user, &event, stars, comment.as_deref()).await?;
    Ok(StatusCode::CREATED)
}

/// The ratings' summary: average, count, distribution, comments (organisers only).
#[utoipa::path(get, path = "/api/v1/events/{id}/ratings", tag = "events",
    responses((status = 200, body = Summary), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn ratings_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Summary>, Error> {
    let event = manage::organised(&state.db, ctx.user()?, id).await?;
    Ok(Json(ratings::summary(&state.db, event.id).await?))
}
