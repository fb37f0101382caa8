//! Admins edit the tree within their scope: new units under a unit they administer, and
//! the names, descriptions and details of those units; Dostyq clubs' activity directions
//! change over time and keep their history. Every change is in the audit log.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;

use super::model::{UnitDetails, UnitKind};
use super::{Unit, storage};
use crate::accounts::Role;
use crate::audit;
use crate::error::{Error, FieldError};
use crate::http::{Ctx, Json};
use crate::i18n::Text;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/units", post(create_api))
        .route("/api/v1/units/{id}/details", post(edit_api))
        .route(
            "/api/v1/units/{id}/directions",
            get(directions_api).post(add_direction_api),
        )
        .route(
            "/api/v1/units/{id}/directions/{direction}/end",
            post(end_direction_api),
        )
}

/// A unit's descriptive fields; on creation also its parent and kind.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct UnitInput {
    pub parent_id: Option<i64>,
    /// `regional_branch`, `city_branch`, `student_assembly`, `dostyq_club`,
    /// `ethnocultural_association` or `project`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub institution: Text,
    pub community: Option<String>,
}

fn clean(text: &Text, field: &'static str, max: usize, errors: &mut Vec<FieldError>) -> Text {
    let text = Text::new(text.kk.clone(), text.ru.clone());
    let too_long = [&text.kk, &text.ru]
        .into_iter()
        .flatten()
        .any(|t| t.chars().count() > max);
    if too_long {
        errors.push(FieldError::new(field, "too_long"));
    }
    text
}

impl UnitInput {
    fn details(&self, errors: &mut Vec<FieldError>) -> UnitDetails {
        let name = clean(&self.name, "name", 200, errors);
        if name.is_empty() {
            errors.push(FieldError::new("name", "required"));
        }
        UnitDetails {
            name,
            description: clean(&self.description, "description", 4000, errors),
            institution: clean(&self.institution, "institution", 300, errors),
            community: self
                .community
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_lowercase),
        }
    }
}

async fn require_admin_over(state: &AppState, ctx: &Ctx, unit_id: i64) -> Result<(), Error> {
    let user = ctx.user()?;
    super::require(&state.db, user, &[Role::Admin], unit_id).await
}

/// Create a unit under one the caller administers.
#[utoipa::path(post, path = "/api/v1/units", tag = "organisation", request_body = UnitInput,
    responses((status = 201, body = Unit), (status = 403, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    input: Result<Json<UnitInput>, Error>,
) -> Result<Response, Error> {
    // Only an admin creates units: anyone else is refused before the body is read (the
    // parent they name is checked below).
    if !ctx.user()?.has_role_anywhere(Role::Admin) {
        return Err(Error::Forbidden);
    }
    let Json(input) = input?;
    let mut errors = Vec::new();
    let kind = UnitKind::parse(input.kind.trim()).filter(|k| *k != UnitKind::Association);
    if kind.is_none() {
        errors.push(FieldError::new("kind", "invalid_choice"));
    }
    let details = input.details(&mut errors);
    let parent = match input.parent_id {
        None => {
            errors.push(FieldError::new("parent_id", "required"));
            None
        }
        Some(id) => storage::find(&state.db, id).await?.or_else(|| {
            errors.push(FieldError::new("parent_id", "invalid_choice"));
            None
        }),
    };
    let (Some(kind), Some(parent), true) = (kind, parent, errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    require_admin_over(&state, &ctx, parent.id).await?;
    let mut tx = state.db.begin().await?;
    let id = storage::insert(&mut tx, Some(parent.id), kind, &details.name).await?;
    storage::set_details(&mut tx, id, &details).await?;
    audit::record(
        &mut tx,
        ctx.user.as_ref().map(|u| u.id),
        "unit.create",
        "unit",
        Some(id),
        json!({"parent_id": parent.id, "kind": kind.as_str(), "name": details.name}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    let unit = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(unit)).into_response())
}

/// Change a unit's name, description and details (admins over it). The audit log keeps the old values.
#[utoipa::path(post, path = "/api/v1/units/{id}/details", tag = "organisation", request_body = UnitInput,
    responses((status = 200, body = Unit), (status = 403, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn edit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<UnitInput>,
) -> Result<Json<Unit>, Error> {
    let old = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    require_admin_over(&state, &ctx, id).await?;
    let mut errors = Vec::new();
    let details = input.details(&mut errors);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let mut tx = state.db.begin().await?;
    storage::set_details(&mut tx, id, &details).await?;
    audit::record(&mut tx, ctx.user.as_ref().map(|u| u.id), "unit.edit", "unit", Some(id),
        json!({"old": {"name": old.name, "description": old.description, "institution": old.institution, "community": old.community},
               "new": {"name": details.name, "description": details.description, "institution": details.institution, "community": details.community}}),
        Some(ctx.ip)).await?;
    tx.commit().await?;
    Ok(Json(
        storage::find(&state.db, id).await?.ok_or(Error::NotFound)?,
    ))
}

/// A unit's activity directions, current first, then their history. Public.
#[utoipa::path(get, path = "/api/v1/units/{id}/directions", tag = "organisation",
    responses((status = 200, body = [storage::Direction]), (status = 404, body = crate::api::problem::Problem)))]
pub async fn directions_api(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<storage::Direction>>, Error> {
    storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    Ok(Json(storage::directions(&state.db, id).await?))
}

/// A new activity direction.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct DirectionInput {
    #[serde(default)]
    pub name: Text,
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub started_on: Option<String>,
    /// For ending one: `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub ended_on: Option<String>,
}

fn date_or_today(raw: Option<&str>, field: &'static str) -> Result<NaiveDate, Error> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(crate::members::routes::today()),
        Some(d) => crate::clock::parse_date(d).map_err(|_| Error::invalid(field, "invalid_date")),
    }
}

async fn require_club_staff(state: &AppState, ctx: &Ctx, id: i64) -> Result<Unit, Error> {
    let unit = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    crate::members::require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    if unit.kind != UnitKind::DostyqClub {
        return Err(Error::Conflict("not_a_club"));
    }
    Ok(unit)
}

/// Add an activity direction to a Dostyq club (its coordinators and admins).
#[utoipa::path(post, path = "/api/v1/units/{id}/directions", tag = "organisation", request_body = DirectionInput,
    responses((status = 201, body = storage::Direction), (status = 403, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn add_direction_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<DirectionInput>,
) -> Result<Response, Error> {
    require_club_staff(&state, &ctx, id).await?;
    let mut errors = Vec::new();
    let name = clean(&input.name, "name", 200, &mut errors);
    if name.is_empty() {
        errors.push(FieldError::new("name", "required"));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let started_on = date_or_today(input.started_on.as_deref(), "started_on")?;
    let mut tx = state.db.begin().await?;
    let direction = storage::add_direction(&mut tx, id, &name, started_on).await?;
    audit::record(
        &mut tx,
        ctx.user.as_ref().map(|u| u.id),
        "direction.add",
        "unit",
        Some(id),
        json!({"direction": direction, "name": name}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    let all = storage::directions(&state.db, id).await?;
    let created = all
        .into_iter()
        .find(|d| d.id == direction)
        .ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// End an activity direction; it stays in the club's history.
#[utoipa::path(post, path = "/api/v1/units/{id}/directions/{direction}/end", tag = "organisation", request_body = DirectionInput,
    responses((status = 204), (status = 403, body = crate::api::problem::Problem), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn end_direction_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, direction)): Path<(i64, i64)>,
    Json(input): Json<DirectionInput>,
) -> Result<StatusCode, Error> {
    require_club_staff(&state, &ctx, id).await?;
    let on = date_or_today(input.ended_on.as_deref(), "ended_on")?;
    let mut tx = state.db.begin().await?;
    if !storage::end_direction(&mut tx, id, direction, on).await? {
        return Err(Error::Conflict("already_ended"));
    }
    audit::record(
        &mut tx,
        ctx.user.as_ref().map(|u| u.id),
        "direction.end",
        "unit",
        Some(id),
        json!({"direction": direction, "ended_on": on}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
