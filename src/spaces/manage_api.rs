//! Space administration on the API: resources, their rules and who may book them, a
//! location's hours, kind rules and closures. Space managers and admins over the
//! location's unit; anyone else gets 403.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, patch, post, put};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::manage::{
    self, AccessInput, ClosureInput, HoursInput, LocationInput, ResourceInput, RulesInput, Staff,
};
use super::routes::{LocationView, ResourceView, view};
use super::storage::{self, Closure};
use crate::bookings::{Booking, Rules};
use crate::error::Error;
use crate::http::{Ctx, Json};
use crate::i18n::Text;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/resources", post(create_api))
        .route("/api/v1/resources/{id}", patch(edit_api))
        .route(
            "/api/v1/resources/{id}/rules",
            put(set_rules_api).delete(clear_rules_api),
        )
        .route("/api/v1/resources/{id}/access", put(access_api))
        .route("/api/v1/locations/{id}/rules/{kind}", put(kind_rules_api))
        .route("/api/v1/locations/{id}", patch(location_api))
        .route("/api/v1/locations/{id}/hours", put(hours_api))
        .route(
            "/api/v1/locations/{id}/closures",
            post(add_closure_api).get(closures_api),
        )
        .route(
            "/api/v1/locations/{id}/closures/{closure_id}",
            delete(delete_closure_api),
        )
}

fn staff(ctx: &Ctx) -> Result<Staff<'_>, Error> {
    Ok(Staff {
        user: ctx.user()?,
        ip: ctx.ip,
    })
}

/// Create a resource at a location (its space managers and admins).
#[utoipa::path(post, path = "/api/v1/resources", tag = "spaces", request_body = ResourceInput,
    responses((status = 201, body = ResourceView), (status = 403, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    input: Result<Json<ResourceInput>, Error>,
) -> Result<Response, Error> {
    let staff = staff(&ctx)?;
    // Only those who run some location create resources: anyone else is refused before
    // the body is read (the location they name is checked below).
    if ![
        crate::accounts::Role::SpaceManager,
        crate::accounts::Role::Admin,
    ]
    .iter()
    .any(|r| staff.user.has_role_anywhere(*r))
    {
        return Err(Error::Forbidden);
    }
    let Json(input) = input?;
    let location_id = input
        .location_id
        .ok_or_else(|| Error::invalid("location_id", "required"))?;
    let location = match manage::managed_location(&state.db, staff.user, location_id).await {
        Err(Error::NotFound) => Err(Error::invalid("location_id", "unknown")),
        other => other,
    }?;
    let created = manage::create_resource(&state.db, staff, &location, &input).await?;
    Ok((StatusCode::CREATED, Json(view(&state, created).await?)).into_response())
}

/// Change a resource: kind, names, description, capacity, amenities; `active: false`
/// retires it (it keeps its bookings, takes no new ones), `true` reactivates it.
#[utoipa::path(patch, path = "/api/v1/resources/{id}", tag = "spaces", request_body = ResourceInput,
    responses((status = 200, body = ResourceView), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn edit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<ResourceInput>,
) -> Result<Json<ResourceView>, Error> {
    let staff = staff(&ctx)?;
    let (resource, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    if input.location_id.is_some_and(|l| l != resource.location_id) {
        return Err(Error::invalid("location_id", "invalid_choice"));
    }
    let changed = manage::edit_resource(&state.db, staff, &resource, &input).await?;
    Ok(Json(view(&state, changed).await?))
}

/// Set a resource's own booking rules (they win over its kind's).
#[utoipa::path(put, path = "/api/v1/resources/{id}/rules", tag = "spaces", request_body = RulesInput,
    responses((status = 200, body = ResourceView), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn set_rules_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<RulesInput>,
) -> Result<Json<ResourceView>, Error> {
    let staff = staff(&ctx)?;
    let (resource, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    let rules = manage::parse_rules(&input)?;
    manage::set_resource_rules(&state.db, staff, &resource, &rules).await?;
    Ok(Json(view(&state, resource).await?))
}

/// Remove a resource's own rules: the rules of its kind at its location apply again.
#[utoipa::path(delete, path = "/api/v1/resources/{id}/rules", tag = "spaces",
    responses((status = 200, body = ResourceView), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn clear_rules_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<ResourceView>, Error> {
    let staff = staff(&ctx)?;
    let (resource, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    manage::clear_resource_rules(&state.db, staff, &resource).await?;
    Ok(Json(view(&state, resource).await?))
}

/// Set the booking rules of a kind of resource at a location (`desk`, `meeting_room`,
/// `event_hall`, `equipment`); resources with rules of their own keep them.
#[utoipa::path(put, path = "/api/v1/locations/{id}/rules/{kind}", tag = "spaces", request_body = RulesInput,
    responses((status = 200, body = Rules), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn kind_rules_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, kind)): Path<(i64, String)>,
    Json(input): Json<RulesInput>,
) -> Result<Json<Rules>, Error> {
    let staff = staff(&ctx)?;
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let kind = manage::parse_kind(&kind).map_err(|_| Error::NotFound)?;
    let rules = manage::parse_rules(&input)?;
    manage::set_kind_rules(&state.db, staff, &location, kind, &rules).await?;
    Ok(Json(rules))
}

/// Change a location's name, address (kk/ru), phone and time zone (an IANA name).
#[utoipa::path(patch, path = "/api/v1/locations/{id}", tag = "spaces", request_body = LocationInput,
    responses((status = 200, body = LocationView), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn location_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<LocationInput>,
) -> Result<Json<LocationView>, Error> {
    let staff = staff(&ctx)?;
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    manage::edit_location(&state.db, staff, &location, &input).await?;
    let location = storage::location(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(LocationView::from(&location)))
}

/// A location's opening hours: the open weekdays.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct HoursBody {
    /// Weekdays not listed are closed.
    #[serde(default)]
    pub hours: Vec<HoursInput>,
}

/// Replace a location's opening hours (local `HH:MM`, opening before closing).
#[utoipa::path(put, path = "/api/v1/locations/{id}/hours", tag = "spaces", request_body = HoursBody,
    responses((status = 200, body = LocationView), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn hours_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(body): Json<HoursBody>,
) -> Result<Json<LocationView>, Error> {
    let staff = staff(&ctx)?;
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let hours = manage::parse_hours(&body.hours)?;
    manage::set_hours(&state.db, staff, &location, &hours).await?;
    let location = storage::location(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(LocationView::from(&location)))
}

/// A closure of a location over `[start, end)`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ClosureView {
    pub id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub reason: Text,
}

impl From<&Closure> for ClosureView {
    fn from(c: &Closure) -> ClosureView {
        ClosureView {
            id: c.id,
            start: c.start,
            end: c.end,
            reason: c.reason.clone(),
        }
    }
}

/// A new closure, with the live bookings that fall in it (staff decide about them).
#[derive(Serialize, utoipa::ToSchema)]
pub struct ClosureAdded {
    pub closure: ClosureView,
    pub affected: Vec<Booking>,
}

/// Which closures to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ClosuresQuery {
    /// `true`: past ones too; default: those not over yet.
    #[serde(default)]
    pub all: bool,
}

/// A location's closures, upcoming (or all), soonest first (its staff).
#[utoipa::path(get, path = "/api/v1/locations/{id}/closures", tag = "spaces", params(ClosuresQuery),
    responses((status = 200, body = [ClosureView]), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn closures_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ClosuresQuery>,
) -> Result<Json<Vec<ClosureView>>, Error> {
    let staff = staff(&ctx)?;
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let now = crate::clock::now();
    let from = if q.all { DateTime::UNIX_EPOCH } else { now };
    let list = storage::closures(&state.db, location.id, from, manage::far_future(now)).await?;
    Ok(Json(list.iter().map(ClosureView::from).collect()))
}

/// Close a location for a time (local dates and times in its zone; whole days without
/// times). Saved even when live bookings fall in it: they are listed in `affected`.
#[utoipa::path(post, path = "/api/v1/locations/{id}/closures", tag = "spaces", request_body = ClosureInput,
    responses((status = 201, body = ClosureAdded), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn add_closure_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<ClosureInput>,
) -> Result<Response, Error> {
    let staff = staff(&ctx)?;
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let (start, end, reason) = manage::parse_closure(&input, location.time_zone)?;
    let (closure, affected) =
        manage::add_closure(&state.db, staff, &location, start, end, &reason).await?;
    Ok((
        StatusCode::CREATED,
        Json(ClosureAdded {
            closure: ClosureView::from(&closure),
            affected: affected.into_iter().map(|(b, _)| b).collect(),
        }),
    )
        .into_response())
}

/// Delete a closure.
#[utoipa::path(delete, path = "/api/v1/locations/{id}/closures/{closure_id}", tag = "spaces",
    responses((status = 204), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn delete_closure_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, closure_id)): Path<(i64, i64)>,
) -> Result<StatusCode, Error> {
    let staff = staff(&ctx)?;
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    manage::delete_closure(&state.db, staff, &location, closure_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set who may book a resource: roles and/or units (members of a unit and the units
/// below it). Both empty: every member.
#[utoipa::path(put, path = "/api/v1/resources/{id}/access", tag = "spaces", request_body = AccessInput,
    responses((status = 200, body = AccessInput), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn access_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<AccessInput>,
) -> Result<Json<AccessInput>, Error> {
    let staff = staff(&ctx)?;
    let (resource, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    let access = manage::parse_access(&state.db, &input).await?;
    manage::set_access(&state.db, staff, &resource, &access).await?;
    Ok(Json(AccessInput::from_list(&access)))
}
