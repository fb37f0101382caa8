//! Units, memberships and join requests on the API.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{Position, optional_text};
use super::storage::{self, JoinRequest, Membership, UnitMember};
use super::{can_manage, consent, find_unit, require_manage};
use crate::error::{Error, FieldError};
use crate::http::{Ctx, Json};
use crate::i18n::format::AKTOBE;
use crate::org::Unit;
use crate::state::AppState;
use crate::{audit, clock};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/units/{id}", get(unit_api))
        .route("/api/v1/units/{id}/members", get(members_api))
        .route("/api/v1/units/{id}/memberships", post(add_membership_api))
        .route("/api/v1/memberships/{id}/end", post(end_membership_api))
        .route(
            "/api/v1/memberships/{id}/confirm",
            post(confirm_membership_api),
        )
        .route(
            "/api/v1/units/{id}/join-requests",
            get(unit_requests_api).post(request_join_api),
        )
        .route("/api/v1/join-requests/{id}/decision", post(decide_api))
        .route("/api/v1/me/join-requests", get(my_requests_api))
}

pub fn today() -> NaiveDate {
    clock::now().with_timezone(&AKTOBE).date_naive()
}

/// A coordinator as the public unit page shows them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Coordinator {
    pub user_id: i64,
    pub name: String,
    #[schema(value_type = String)]
    pub position: storage::PositionText,
}

/// A unit with what its public page shows.
#[derive(Serialize, utoipa::ToSchema)]
pub struct UnitView {
    #[serde(flatten)]
    pub unit: Unit,
    pub members_count: i64,
    /// Empty for an ethnocultural association unless the caller is its staff.
    pub coordinators: Vec<Coordinator>,
    /// Whether the caller may read and change the unit's members.
    pub can_manage: bool,
}

pub async fn unit_view(state: &AppState, ctx: &Ctx, id: i64) -> Result<UnitView, Error> {
    let unit = find_unit(&state.db, id).await?;
    let manage = match &ctx.user {
        Some(user) => can_manage(&state.db, user, &unit).await?,
        None => false,
    };
    let members = storage::unit_members(&state.db, id).await?;
    let coordinators = if unit.is_sensitive() && !manage {
        vec![]
    } else {
        members
            .into_iter()
            .filter(|m| m.position.position().coordinates() && m.status == "active")
            .map(|m| Coordinator {
                user_id: m.user_id,
                name: m.name,
                position: m.position,
            })
            .collect()
    };
    Ok(UnitView {
        members_count: storage::unit_member_count(&state.db, id).await?,
        unit,
        coordinators,
        can_manage: manage,
    })
}

/// One unit with its members count and coordinators. Public.
#[utoipa::path(get, path = "/api/v1/units/{id}", tag = "organisation",
    responses((status = 200, body = UnitView), (status = 404, body = crate::api::problem::Problem)))]
pub async fn unit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<UnitView>, Error> {
    Ok(Json(unit_view(&state, &ctx, id).await?))
}

/// The unit's current members with contact data: its coordinators and the admins above it only.
#[utoipa::path(get, path = "/api/v1/units/{id}/members", tag = "organisation",
    responses((status = 200, body = [UnitMember]), (status = 401, body = crate::api::problem::Problem), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn members_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<UnitMember>>, Error> {
    let unit = find_unit(&state.db, id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    Ok(Json(storage::unit_members(&state.db, id).await?))
}

/// A new membership.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct MembershipInput {
    pub user_id: Option<i64>,
    /// `member`, `coordinator`, `chair`, `youth_deputy` or `deputy_head`; `member` when absent.
    #[serde(default)]
    pub position: Option<String>,
    /// `YYYY-MM-DD`; today (in Aktobe) when absent.
    #[serde(default)]
    pub started_on: Option<String>,
}

/// Adds a person to a unit in a position (its staff only). A minor's membership stays
/// pending until confirmed; an ethnocultural association needs the person's separate consent.
pub async fn add_membership(
    state: &AppState,
    ctx: &Ctx,
    unit_id: i64,
    input: &MembershipInput,
) -> Result<Membership, Error> {
    let unit = find_unit(&state.db, unit_id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    let staff = ctx.user()?;
    let mut errors = Vec::new();
    let position = match input.position.as_deref() {
        None | Some("") => Some(Position::Member),
        Some(p) => Position::parse(p),
    };
    if position.is_none() {
        errors.push(FieldError::new("position", "invalid_choice"));
    }
    let started_on = match input.started_on.as_deref() {
        None | Some("") => Some(today()),
        Some(d) => crate::clock::parse_date(d).ok(),
    };
    if started_on.is_none() {
        errors.push(FieldError::new("started_on", "invalid_date"));
    }
    let person = match input.user_id {
        None => {
            errors.push(FieldError::new("user_id", "required"));
            None
        }
        Some(id) => match crate::accounts::storage::find(&state.db, id).await? {
            Some(user) if user.deleted_at.is_none() => Some(user),
            _ => {
                errors.push(FieldError::new("user_id", "invalid_choice"));
                None
            }
        },
    };
    let (Some(position), Some(started_on), Some(person)) = (position, started_on, person) else {
        return Err(Error::Invalid(errors));
    };
    if unit.is_sensitive()
        && storage::live_consent(&state.db, person.id, consent::ETHNOCULTURAL)
            .await?
            .is_none()
    {
        return Err(Error::Conflict("consent_required"));
    }
    let minor = match storage::profile(&state.db, person.id).await? {
        Some((row, _)) => {
            super::model::age_on(row.birth_date, today()) < 18 && row.confirmed_at.is_none()
        }
        None => false,
    };
    let mut tx = state.db.begin().await?;
    let id = storage::add_membership(
        &mut tx,
        person.id,
        unit_id,
        position,
        minor,
        started_on,
        Some(staff.id),
    )
    .await?;
    audit::record(&mut tx, Some(staff.id), "membership.add", "membership", Some(id),
        json!({"user_id": person.id, "unit_id": unit_id, "position": position.as_str(), "pending": minor}), Some(ctx.ip)).await?;
    tx.commit().await?;
    storage::membership(&state.db, id)
        .await?
        .ok_or(Error::NotFound)
}

/// Add a person to the unit in a position (the unit's coordinators and admins above it).
#[utoipa::path(post, path = "/api/v1/units/{id}/memberships", tag = "organisation", request_body = MembershipInput,
    responses((status = 201, body = Membership), (status = 403, body = crate::api::problem::Problem), (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn add_membership_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<MembershipInput>,
) -> Result<Response, Error> {
    let membership = add_membership(&state, &ctx, id, &input).await?;
    Ok((StatusCode::CREATED, Json(membership)).into_response())
}

/// The end of a membership.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct EndInput {
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub ended_on: Option<String>,
}

async fn staff_membership(state: &AppState, ctx: &Ctx, id: i64) -> Result<Membership, Error> {
    let membership = storage::membership(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let unit = find_unit(&state.db, membership.unit_id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    Ok(membership)
}

/// End a membership; it stays in the person's history.
#[utoipa::path(post, path = "/api/v1/memberships/{id}/end", tag = "organisation", request_body = EndInput,
    responses((status = 204), (status = 403, body = crate::api::problem::Problem), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn end_membership_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<EndInput>,
) -> Result<StatusCode, Error> {
    end_membership(&state, &ctx, id, input.ended_on.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends a membership on `ended_on` (today when absent); staff of its unit only.
pub async fn end_membership(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    ended_on: Option<&str>,
) -> Result<(), Error> {
    let membership = staff_membership(state, ctx, id).await?;
    let ended_on = match ended_on {
        None | Some("") => today(),
        Some(d) => {
            crate::clock::parse_date(d).map_err(|_| Error::invalid("ended_on", "invalid_date"))?
        }
    };
    if ended_on < membership.started_on {
        return Err(Error::invalid("ended_on", "invalid_date"));
    }
    let staff = ctx.user()?;
    let mut tx = state.db.begin().await?;
    if !storage::end_membership(&mut tx, id, ended_on).await? {
        return Err(Error::Conflict("already_ended"));
    }
    audit::record(
        &mut tx,
        Some(staff.id),
        "membership.end",
        "membership",
        Some(id),
        json!({"ended_on": ended_on}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Confirm a pending membership (a member under 18 whose guardian consented).
#[utoipa::path(post, path = "/api/v1/memberships/{id}/confirm", tag = "organisation",
    responses((status = 204), (status = 403, body = crate::api::problem::Problem), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn confirm_membership_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<StatusCode, Error> {
    confirm_membership(&state, &ctx, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirms a pending membership; staff of its unit only.
pub async fn confirm_membership(state: &AppState, ctx: &Ctx, id: i64) -> Result<(), Error> {
    staff_membership(state, ctx, id).await?;
    let staff = ctx.user()?;
    let mut tx = state.db.begin().await?;
    if !storage::confirm_membership(&mut tx, id).await? {
        return Err(Error::Conflict("not_pending"));
    }
    audit::record(
        &mut tx,
        Some(staff.id),
        "membership.confirm",
        "membership",
        Some(id),
        json!({}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A request to join a unit.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct JoinInput {
    #[serde(default)]
    pub message: String,
    /// Required for an ethnocultural association: the separate consent to process that membership.
    #[serde(default)]
    pub ethnocultural_consent: bool,
    /// With that consent, the separate permission to include the membership in the unit's exports.
    #[serde(default)]
    pub ethnocultural_export: bool,
}

pub async fn request_join(
    state: &AppState,
    ctx: &Ctx,
    unit_id: i64,
    input: &JoinInput,
) -> Result<i64, Error> {
    let user = ctx.user()?;
    let unit = find_unit(&state.db, unit_id).await?;
    let message =
        optional_text(&input.message, "message", 1000).map_err(|e| Error::Invalid(vec![e]))?;
    if unit.is_sensitive() && !input.ethnocultural_consent {
        return Err(Error::invalid("ethnocultural_consent", "consent_required"));
    }
    if unit.is_sensitive() {
        let mut tx = state.db.begin().await?;
        storage::record_consent(
            &mut tx,
            user.id,
            consent::ETHNOCULTURAL,
            consent::CURRENT,
            ctx.locale.tag(),
            Some(&ctx.ip.to_string()),
        )
        .await?;
        storage::set_ethnocultural_export(&mut tx, user.id, input.ethnocultural_export).await?;
        tx.commit().await?;
    }
    storage::request_to_join(&state.db, user.id, unit_id, message.as_deref()).await
}

/// Ask to join a unit; its coordinators approve or decline.
#[utoipa::path(post, path = "/api/v1/units/{id}/join-requests", tag = "organisation", request_body = JoinInput,
    responses((status = 201, body = JoinRequest), (status = 401, body = crate::api::problem::Problem), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn request_join_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<JoinInput>,
) -> Result<Response, Error> {
    let request = request_join(&state, &ctx, id, &input).await?;
    let request = storage::join_request(&state.db, request)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(request)).into_response())
}

/// The unit's pending join requests (its staff only).
#[utoipa::path(get, path = "/api/v1/units/{id}/join-requests", tag = "organisation",
    responses((status = 200, body = [JoinRequest]), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn unit_requests_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<JoinRequest>>, Error> {
    let unit = find_unit(&state.db, id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    Ok(Json(
        storage::join_requests(&state.db, Some(id), None).await?,
    ))
}

/// The caller's join requests and their answers.
#[utoipa::path(get, path = "/api/v1/me/join-requests", tag = "organisation",
    responses((status = 200, body = [JoinRequest]), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn my_requests_api(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<JoinRequest>>, Error> {
    let user = ctx.user()?;
    Ok(Json(
        storage::join_requests(&state.db, None, Some(user.id)).await?,
    ))
}

/// A decision on a join request.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = JoinDecisionInput)]
pub struct DecisionInput {
    pub approve: Option<bool>,
    /// Why, when declining (required then).
    #[serde(default)]
    pub reason: String,
}

pub async fn decide(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    input: &DecisionInput,
) -> Result<(), Error> {
    let request = storage::join_request(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let unit = find_unit(&state.db, request.unit_id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    let staff = ctx.user()?;
    let approve = input
        .approve
        .ok_or_else(|| Error::invalid("approve", "required"))?;
    let reason =
        optional_text(&input.reason, "reason", 1000).map_err(|e| Error::Invalid(vec![e]))?;
    if !approve && reason.is_none() {
        return Err(Error::invalid("reason", "required"));
    }
    let mut tx = state.db.begin().await?;
    if !storage::decide_join_request(&mut tx, id, approve, reason.as_deref(), staff.id).await? {
        return Err(Error::Conflict("already_decided"));
    }
    if approve {
        // Approving is the coordinator's confirmation, for a minor too (the guardian's consent is on file).
        match storage::add_membership(
            &mut tx,
            request.user_id,
            request.unit_id,
            Position::Member,
            false,
            today(),
            Some(staff.id),
        )
        .await
        {
            Ok(_) | Err(Error::Conflict("already_member")) => {}
            Err(other) => return Err(other),
        }
    }
    audit::record(
        &mut tx,
        Some(staff.id),
        if approve {
            "join.approve"
        } else {
            "join.decline"
        },
        "join_request",
        Some(id),
        json!({"user_id": request.user_id, "unit_id": request.unit_id, "reason": reason}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Approve or decline a join request (the unit's staff). Approving adds the member.
#[utoipa::path(post, path = "/api/v1/join-requests/{id}/decision", tag = "organisation", request_body = DecisionInput,
    responses((status = 204), (status = 403, body = crate::api::problem::Problem), (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn decide_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<DecisionInput>,
) -> Result<StatusCode, Error> {
    decide(&state, &ctx, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
