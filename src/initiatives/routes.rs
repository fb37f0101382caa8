//! Initiatives on the API: create, list, read, edit, submit and the other steps, support
//! and withdraw, the official answer, the team, unit thresholds, overdue answers.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use super::flow::{self, SupportState};
use super::input::{AnswerInput, InitiativeInput};
use super::milestones::{self, Milestone};
use super::model::{self, Actor, Category, Initiative, Status};
use super::storage::{self, Answer, Filter, Overdue, Sort, TeamMember, TimelineEntry};
use super::{attachments, clock_today};
use crate::accounts::CurrentUser;
use crate::db::Db;
use crate::error::Error;
use crate::http::{Ctx, Json};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/initiatives", get(list_api).post(create_api))
        .route("/api/v1/initiatives/overdue", get(overdue_api))
        .route("/api/v1/initiatives/{id}", get(read_api).put(edit_api))
        .route("/api/v1/initiatives/{id}/submit", post(submit_api))
        .route("/api/v1/initiatives/{id}/transition", post(transition_api))
        .route("/api/v1/initiatives/{id}/support", post(support_api))
        .route(
            "/api/v1/initiatives/{id}/support/withdraw",
            post(withdraw_support_api),
        )
        .route("/api/v1/initiatives/{id}/answer", post(answer_api))
        .route("/api/v1/initiatives/{id}/team", post(invite_api))
        .route("/api/v1/initiatives/{id}/team/accept", post(accept_api))
        .route("/api/v1/initiatives/{id}/team/decline", post(decline_api))
        .route(
            "/api/v1/units/{id}/initiative-threshold",
            get(threshold_api).put(set_threshold_api),
        )
}

/// An initiative with everything its page shows.
#[derive(Serialize, utoipa::ToSchema)]
pub struct InitiativeDetail {
    #[serde(flatten)]
    pub initiative: Initiative,
    /// The description rendered from Markdown and sanitized (safe to insert as HTML).
    pub description_html: Text2,
    pub team: Vec<TeamMember>,
    pub timeline: Vec<TimelineEntry>,
    pub answer: Option<Answer>,
    pub milestones: Vec<Milestone>,
    /// Share of milestones done, in percent; `null` without milestones.
    pub progress: Option<u8>,
    /// Answers and meeting decisions past their deadline.
    pub overdue: Vec<Overdue>,
    /// Bookings and events that carry it out.
    pub links: Vec<milestones::Link>,
    pub attachments: Vec<attachments::AttachmentInfo>,
    /// The support threshold in force at its unit.
    pub threshold: i64,
    /// Whether the caller supports it (false for guests).
    pub supported: bool,
    /// What the caller is to it: `author`, `team`, `staff`.
    pub roles: Vec<Actor>,
}

/// Rendered HTML of a text in each language.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Text2 {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kk: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
}

pub async fn detail(
    db: &Db,
    user: Option<&CurrentUser>,
    id: i64,
) -> Result<InitiativeDetail, Error> {
    let (initiative, roles) = flow::visible(db, user, id).await?;
    let milestones = milestones::list(db, id).await?;
    let done = milestones.iter().filter(|m| m.done_at.is_some()).count();
    let supported = match user {
        Some(u) => storage::supports(db, id, u.id).await?,
        None => false,
    };
    Ok(InitiativeDetail {
        description_html: Text2 {
            kk: initiative
                .description
                .kk
                .as_deref()
                .map(crate::markdown::render),
            ru: initiative
                .description
                .ru
                .as_deref()
                .map(crate::markdown::render),
        },
        team: storage::team(db, id).await?,
        timeline: storage::timeline(db, id).await?,
        answer: storage::answer(db, id).await?,
        progress: model::progress(done, milestones.len()),
        milestones,
        overdue: storage::overdue(db, clock_today(), Some(id)).await?,
        links: milestones::links(db, id).await?,
        attachments: attachments::list(db, id).await?,
        threshold: storage::threshold(db, initiative.unit_id).await?,
        supported,
        roles,
        initiative,
    })
}

/// Proposes an initiative; it starts as a draft of the caller.
#[utoipa::path(post, path = "/api/v1/initiatives", tag = "initiatives",
    request_body = InitiativeInput,
    responses((status = 201, body = InitiativeDetail), (status = 422, body = crate::api::problem::Problem),
        (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<InitiativeInput>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let draft = input.parse()?;
    let ini = flow::create(&state.db, user, &draft).await?;
    let detail = detail(&state.db, Some(user), ini.id).await?;
    Ok((StatusCode::CREATED, Json(detail)).into_response())
}

/// Filters and order of the list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    pub status: Option<String>,
    pub category: Option<String>,
    /// This unit and every unit under it.
    pub unit_id: Option<i64>,
    /// `newest` (default) or `supports` (most supported first).
    pub sort: Option<String>,
    /// `true`: the caller's own initiatives and those whose team they are on, drafts included.
    pub mine: Option<bool>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl ListQuery {
    pub async fn filter(&self, db: &Db, user: Option<&CurrentUser>) -> Result<Filter, Error> {
        let none_if_empty = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        let status = match none_if_empty(&self.status) {
            None => None,
            Some(s) => {
                Some(Status::parse(&s).ok_or_else(|| Error::invalid("status", "invalid_choice"))?)
            }
        };
        let category = match none_if_empty(&self.category) {
            None => None,
            Some(c) => Some(
                Category::parse(&c).ok_or_else(|| Error::invalid("category", "invalid_choice"))?,
            ),
        };
        let sort = match self.sort.as_deref() {
            None | Some("") | Some("newest") => Sort::Newest,
            Some("supports") => Sort::MostSupported,
            Some(_) => return Err(Error::invalid("sort", "invalid_choice")),
        };
        let units = match self.unit_id {
            Some(u) => Some(crate::org::storage::subtree(db, u).await?),
            None => None,
        };
        let member = if self.mine == Some(true) {
            Some(user.ok_or(Error::Unauthenticated)?.id)
        } else {
            None
        };
        Ok(Filter {
            status,
            category,
            units,
            member,
            sort,
            limit: self.limit.unwrap_or(50).clamp(1, 200),
            offset: self.offset.unwrap_or(0).max(0),
        })
    }
}

/// Public initiatives (no drafts), filtered and sorted; `mine=true` for the caller's own.
#[utoipa::path(get, path = "/api/v1/initiatives", tag = "initiatives", params(ListQuery),
    responses((status = 200, body = [Initiative]), (status = 422, body = crate::api::problem::Problem)))]
pub async fn list_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Initiative>>, Error> {
    let filter = q.filter(&state.db, ctx.user.as_deref()).await?;
    Ok(Json(storage::list(&state.db, &filter).await?))
}

/// One initiative with its `status`, `supports`, timeline, answer, milestones and progress.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}", tag = "initiatives",
    responses((status = 200, body = InitiativeDetail), (status = 404, body = crate::api::problem::Problem)))]
pub async fn read_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<InitiativeDetail>, Error> {
    Ok(Json(detail(&state.db, ctx.user.as_deref(), id).await?))
}

/// The author or the team change the texts and needs (while draft or submitted).
#[utoipa::path(put, path = "/api/v1/initiatives/{id}", tag = "initiatives",
    request_body = InitiativeInput,
    responses((status = 200, body = InitiativeDetail), (status = 409, body = crate::api::problem::Problem),
        (status = 403, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn edit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<InitiativeInput>, Error>,
) -> Result<Json<InitiativeDetail>, Error> {
    let user = ctx.user()?;
    flow::require_editor(&state.db, user, id).await?;
    let draft = input?.0.parse()?;
    flow::edit(&state.db, user, id, &draft).await?;
    Ok(Json(detail(&state.db, Some(user), id).await?))
}

/// A comment on a step, optional.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct StepInput {
    /// The status to move to (`transition` only).
    pub to: Option<String>,
    pub comment: Option<String>,
}

fn optional_body<T: serde::de::DeserializeOwned + Default>(body: &[u8]) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(T::default())
    } else {
        serde_json::from_slice(body).map_err(|e| Error::BadRequest(e.to_string()))
    }
}

fn comment_of(input: &StepInput) -> Result<Option<String>, Error> {
    model::parse_note("comment", input.comment.as_deref(), model::MAX_NOTE)
        .map_err(|e| Error::Invalid(vec![e]))
}

/// The author submits a draft: it becomes public and open for supports.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/submit", tag = "initiatives",
    request_body(content = StepInput, description = "optional"),
    responses((status = 200, body = InitiativeDetail), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn submit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Json<InitiativeDetail>, Error> {
    let user = ctx.user()?;
    flow::require_actor(&state.db, user, id).await?;
    let input: StepInput = optional_body(&body)?;
    flow::transition(&state.db, user, id, Status::Submitted, comment_of(&input)?).await?;
    Ok(Json(detail(&state.db, Some(user), id).await?))
}

/// Any other step of the lifecycle (see `initiatives::model::TRANSITIONS`): `under_review`,
/// `in_progress`, `implemented`, `withdrawn`. Accepting and declining need `…/answer`
/// (409 `initiative_answer_required`); a step the table does not list is 409
/// `initiative_transition_not_allowed`; one not yours is 403 `forbidden`.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/transition", tag = "initiatives",
    request_body = StepInput,
    responses((status = 200, body = InitiativeDetail), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn transition_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<StepInput>, Error>,
) -> Result<Json<InitiativeDetail>, Error> {
    let user = ctx.user()?;
    flow::require_actor(&state.db, user, id).await?;
    let Json(input) = input?;
    let to = input
        .to
        .as_deref()
        .and_then(Status::parse)
        .ok_or_else(|| Error::invalid("to", "invalid_choice"))?;
    flow::transition(&state.db, user, id, to, comment_of(&input)?).await?;
    Ok(Json(detail(&state.db, Some(user), id).await?))
}

/// Supports an initiative (once per member: a repeat changes nothing, `changed: false`).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/support", tag = "initiatives",
    responses((status = 200, body = SupportState), (status = 409, body = crate::api::problem::Problem),
        (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn support_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<SupportState>, Error> {
    Ok(Json(flow::support(&state.db, ctx.user()?, id).await?))
}

/// Withdraws the caller's support (none: nothing changes).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/support/withdraw", tag = "initiatives",
    responses((status = 200, body = SupportState), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn withdraw_support_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<SupportState>, Error> {
    Ok(Json(
        flow::withdraw_support(&state.db, ctx.user()?, id).await?,
    ))
}

/// The official answer of a coordinator or admin over the initiative's unit: accepted
/// (responsible person and deadline required) or declined (reason required).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/answer", tag = "initiatives",
    request_body = AnswerInput,
    responses((status = 200, body = InitiativeDetail), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn answer_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<AnswerInput>, Error>,
) -> Result<Json<InitiativeDetail>, Error> {
    let user = ctx.user()?;
    flow::require_staff(&state.db, user, id).await?;
    let req = input?.0.parse()?;
    flow::answer(&state.db, user, id, &req).await?;
    Ok(Json(detail(&state.db, Some(user), id).await?))
}

/// Whom the author invites.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct InviteInput {
    pub email: Option<String>,
}

/// The author invites a member to the team (by their account's email).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/team", tag = "initiatives",
    request_body = InviteInput,
    responses((status = 201, body = [TeamMember]), (status = 403, body = crate::api::problem::Problem),
        (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn invite_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<InviteInput>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    flow::invite(&state.db, user, id, input.email.as_deref().unwrap_or("")).await?;
    let team = storage::team(&state.db, id).await?;
    Ok((StatusCode::CREATED, Json(team)).into_response())
}

/// The invitee joins the team.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/team/accept", tag = "initiatives",
    responses((status = 200, body = [TeamMember]), (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn accept_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<TeamMember>>, Error> {
    flow::answer_invitation(&state.db, ctx.user()?, id, true).await?;
    Ok(Json(storage::team(&state.db, id).await?))
}

/// The invitee declines (the invitation is removed).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/team/decline", tag = "initiatives",
    responses((status = 200, body = [TeamMember]), (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn decline_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<TeamMember>>, Error> {
    flow::answer_invitation(&state.db, ctx.user()?, id, false).await?;
    Ok(Json(storage::team(&state.db, id).await?))
}

/// A unit's support threshold.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ThresholdBody {
    /// The unit's own threshold; `null` clears it (the nearest ancestor's applies).
    pub supports: Option<i64>,
    /// The threshold in force (answers only).
    #[serde(default)]
    pub effective: Option<i64>,
}

/// The support threshold in force at a unit (its own, the nearest ancestor's, or the default).
#[utoipa::path(get, path = "/api/v1/units/{id}/initiative-threshold", tag = "initiatives",
    responses((status = 200, body = ThresholdBody)))]
pub async fn threshold_api(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ThresholdBody>, Error> {
    crate::org::storage::find(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let own = storage::thresholds(&state.db)
        .await?
        .into_iter()
        .find(|(u, _)| *u == id)
        .map(|(_, n)| n);
    Ok(Json(ThresholdBody {
        supports: own,
        effective: Some(storage::threshold(&state.db, id).await?),
    }))
}

/// Admins over a unit set or clear its support threshold.
#[utoipa::path(put, path = "/api/v1/units/{id}/initiative-threshold", tag = "initiatives",
    request_body = ThresholdBody,
    responses((status = 200, body = ThresholdBody), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn set_threshold_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<ThresholdBody>,
) -> Result<Json<ThresholdBody>, Error> {
    flow::set_threshold(&state.db, ctx.user()?, id, input.supports).await?;
    threshold_api(State(state), Path(id)).await
}

/// Answers and meeting decisions past their deadline on initiatives not yet implemented
/// (for the reports).
#[utoipa::path(get, path = "/api/v1/initiatives/overdue", tag = "initiatives",
    responses((status = 200, body = [Overdue])))]
pub async fn overdue_api(State(state): State<AppState>) -> Result<Json<Vec<Overdue>>, Error> {
    Ok(Json(
        storage::overdue(&state.db, clock_today(), None).await?,
    ))
}
