//! Implementation: milestones (due date, done or not; progress is the share done), links to
//! the bookings and events that carry an initiative out, and the final report. The author,
//! the team and staff over the unit keep them.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::flow;
use super::input::TextInput;
use super::model::{self, Actor, Status};
use super::storage;
use crate::accounts::CurrentUser;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, ResultExt};
use crate::http::{Ctx, Json};
use crate::i18n::Text;
use crate::state::AppState;
use crate::{on_db, on_tx};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/initiatives/{id}/milestones",
            get(list_api).post(add_api),
        )
        .route(
            "/api/v1/initiatives/{id}/milestones/{mid}/done",
            post(done_api),
        )
        .route("/api/v1/initiatives/{id}/links", post(link_api))
        .route("/api/v1/initiatives/{id}/report", post(report_api))
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Milestone {
    pub id: i64,
    pub title: Text,
    pub due_on: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
}

pub async fn list(db: &Db, id: i64) -> Result<Vec<Milestone>, Error> {
    type R = (
        i64,
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
        Option<DateTime<Utc>>,
    );
    let rows: Vec<R> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, title_kk, title_ru, due_on, done_at FROM initiative_milestones
         WHERE initiative_id = $1 ORDER BY due_on IS NULL, due_on, id")
        .bind(id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, kk, ru, due_on, done_at)| Milestone {
            id,
            title: Text::new(kk, ru),
            due_on,
            done_at,
        })
        .collect())
}

pub async fn insert(
    tx: &mut Tx,
    id: i64,
    title: &Text,
    due_on: Option<NaiveDate>,
    done_at: Option<DateTime<Utc>>,
) -> Result<i64, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO initiative_milestones (initiative_id, title_kk, title_ru, due_on, done_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(id)
        .bind(&title.kk)
        .bind(&title.ru)
        .bind(due_on)
        .bind(done_at)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?)
}

/// Whether the caller keeps an initiative's implementation (author, team, staff), and it
/// is not closed by a decline or withdrawal.
pub async fn require_keeper(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> Result<model::Initiative, Error> {
    let (ini, actors) = flow::visible(db, Some(user), id).await?;
    if !actors
        .iter()
        .any(|a| matches!(a, Actor::Author | Actor::Team | Actor::Staff))
    {
        return Err(Error::Forbidden);
    }
    if matches!(ini.status, Status::Declined | Status::Withdrawn) {
        return Err(Error::Conflict("initiative_not_editable"));
    }
    Ok(ini)
}

/// A milestone as sent.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct MilestoneInput {
    pub title: Option<TextInput>,
    /// `YYYY-MM-DD`.
    pub due_on: Option<String>,
}

pub async fn add(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    title_kk: Option<&str>,
    title_ru: Option<&str>,
    due_on: Option<&str>,
) -> Result<i64, Error> {
    require_keeper(db, user, id).await?;
    let mut errors = Vec::new();
    let title = model::parse_text("title", title_kk, title_ru, model::MAX_TITLE, true)
        .map_err(|e| errors.push(e))
        .ok();
    let due = model::parse_date("due_on", due_on)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(title), Some(due)) = (title, due) else {
        return Err(Error::Invalid(errors));
    };
    let mut tx = db.begin().await?;
    let mid = insert(&mut tx, id, &title, due, None).await?;
    tx.commit().await?;
    Ok(mid)
}

/// Marks a milestone done or not done.
pub async fn set_done(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    mid: i64,
    done: bool,
) -> Result<(), Error> {
    require_keeper(db, user, id).await?;
    let at = done.then(clock::now);
    let n = on_db!(&db, pool => sqlx::query(
        "UPDATE initiative_milestones SET done_at = $3 WHERE id = $1 AND initiative_id = $2")
        .bind(mid)
        .bind(id)
        .bind(at)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// The milestones of an initiative.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/milestones", tag = "initiatives",
    responses((status = 200, body = [Milestone]), (status = 404, body = crate::api::problem::Problem)))]
pub async fn list_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Milestone>>, Error> {
    flow::visible(&state.db, ctx.user.as_deref(), id).await?;
    Ok(Json(list(&state.db, id).await?))
}

/// Adds a milestone (author, team, staff).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/milestones", tag = "initiatives",
    request_body = MilestoneInput,
    responses((status = 201, body = [Milestone]), (status = 403, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn add_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<MilestoneInput>,
) -> Result<Response, Error> {
    let title = input.title.unwrap_or_default();
    add(
        &state.db,
        ctx.user()?,
        id,
        title.kk.as_deref(),
        title.ru.as_deref(),
        input.due_on.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(list(&state.db, id).await?)).into_response())
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct DoneInput {
    /// `true` (default): done; `false`: not done after all.
    pub done: Option<bool>,
}

/// Marks a milestone done (or not).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/milestones/{mid}/done", tag = "initiatives",
    request_body(content = DoneInput, description = "optional"),
    responses((status = 200, body = [Milestone]), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn done_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(i64, i64)>,
    body: axum::body::Bytes,
) -> Result<Json<Vec<Milestone>>, Error> {
    let input: DoneInput = if body.iter().all(u8::is_ascii_whitespace) {
        DoneInput::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| Error::BadRequest(e.to_string()))?
    };
    set_done(&state.db, ctx.user()?, id, mid, input.done.unwrap_or(true)).await?;
    Ok(Json(list(&state.db, id).await?))
}

/// A booking or an event that carries an initiative out.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Link {
    /// `booking` or `event`.
    pub kind: String,
    pub target_id: i64,
}

pub async fn links(db: &Db, id: i64) -> Result<Vec<Link>, Error> {
    let rows: Vec<(String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT kind, target_id FROM initiative_links WHERE initiative_id = $1 ORDER BY created_at, target_id")
        .bind(id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(kind, target_id)| Link { kind, target_id })
        .collect())
}

/// HOOK for the events area (and bookings): records that `target_id` of `kind`
/// (`booking`, `event`) carries initiative `id` out, inside the caller's transaction.
/// Linking twice changes nothing.
pub async fn link_in(
    tx: &mut Tx,
    id: i64,
    kind: &str,
    target_id: i64,
    by: Option<i64>,
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO initiative_links (initiative_id, kind, target_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (initiative_id, kind, target_id) DO NOTHING")
        .bind(id)
        .bind(kind)
        .bind(target_id)
        .bind(by)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))
    .on_constraint("initiative_links_kind", || {
        Error::invalid("kind", "invalid_choice")
    })?;
    Ok(())
}

/// Links one of the caller's bookings (or, for staff, any booking) to the initiative.
pub async fn link_booking(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    booking_id: i64,
) -> Result<(), Error> {
    require_keeper(db, user, id).await?;
    let booking = crate::bookings::storage::find(db, booking_id)
        .await?
        .ok_or_else(|| Error::invalid("target_id", "unknown"))?;
    if booking.user_id != Some(user.id) && booking.booked_by != Some(user.id) {
        // Only the booking's own member links it (staff see bookings; they do not own them).
        return Err(Error::Forbidden);
    }
    let mut tx = db.begin().await?;
    link_in(&mut tx, id, "booking", booking_id, Some(user.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Links a booking the caller made to the initiative (events link themselves from their side).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/links", tag = "initiatives",
    request_body = Link,
    responses((status = 201, body = [Link]), (status = 403, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn link_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<Link>, Error>,
) -> Result<Response, Error> {
    require_keeper(&state.db, ctx.user()?, id).await?;
    let Json(input) = input?;
    if input.kind != "booking" {
        return Err(Error::invalid("kind", "invalid_choice"));
    }
    link_booking(&state.db, ctx.user()?, id, input.target_id).await?;
    Ok((StatusCode::CREATED, Json(links(&state.db, id).await?)).into_response())
}

/// The final report, as sent.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ReportInput {
    /// Markdown, in Kazakh and/or Russian.
    pub report: Option<TextInput>,
}

pub async fn save_report(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    kk: Option<&str>,
    ru: Option<&str>,
) -> Result<(), Error> {
    let ini = require_keeper(db, user, id).await?;
    let report = model::parse_text("report", kk, ru, model::MAX_DESCRIPTION, true)
        .map_err(|e| Error::Invalid(vec![e]))?;
    if !matches!(ini.status, Status::InProgress | Status::Implemented) {
        return Err(Error::Conflict("initiative_not_in_progress"));
    }
    let mut tx = db.begin().await?;
    storage::set_report(&mut tx, id, &report).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes the final report (in progress or implemented).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/report", tag = "initiatives",
    request_body = ReportInput,
    responses((status = 200, body = super::routes::InitiativeDetail), (status = 409, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn report_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<ReportInput>,
) -> Result<Json<super::routes::InitiativeDetail>, Error> {
    let user = ctx.user()?;
    let report = input.report.unwrap_or_default();
    save_report(
        &state.db,
        user,
        id,
        report.kk.as_deref(),
        report.ru.as_deref(),
    )
    .await?;
    Ok(Json(
        super::routes::detail(&state.db, Some(user), id).await?,
    ))
}
