//! Comments on initiatives: members comment, with one level of replies; anyone signed in
//! reports abuse once per comment; three reports hide a comment until a moderator (admins
//! and coordinators over the initiative's unit) decides; moderators hide or restore with a
//! reason; every edit keeps the earlier text.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::flow;
use super::model::{self, Actor};
use crate::accounts::CurrentUser;
use crate::audit;
use crate::clock;
use crate::db::Db;
use crate::error::{Error, ResultExt};
use crate::http::{Ctx, Json};
use crate::state::AppState;
use crate::{on_db, on_tx};

/// Reports that hide a comment until a moderator decides.
pub const HIDE_AT: i64 = 3;
pub const MAX_BODY: usize = 2_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/initiatives/{id}/comments",
            get(list_api).post(add_api),
        )
        .route(
            "/api/v1/initiative-comments/{cid}",
            axum::routing::put(edit_api),
        )
        .route("/api/v1/initiative-comments/{cid}/report", post(report_api))
        .route(
            "/api/v1/initiative-comments/{cid}/moderate",
            post(moderate_api),
        )
        .route(
            "/api/v1/initiative-comments/{cid}/history",
            get(history_api),
        )
}

/// Where a comment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommentState {
    Visible,
    /// Hidden by three reports, awaiting a moderator.
    Reported,
    /// Hidden by a moderator.
    Hidden,
    /// Restored by a moderator: later reports no longer hide it.
    Cleared,
}

impl CommentState {
    fn parse(raw: &str) -> CommentState {
        match raw {
            "reported" => CommentState::Reported,
            "hidden" => CommentState::Hidden,
            "cleared" => CommentState::Cleared,
            _ => CommentState::Visible,
        }
    }

    pub fn is_hidden(self) -> bool {
        matches!(self, CommentState::Reported | CommentState::Hidden)
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Comment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    /// `null` while hidden (moderators and the author still see it).
    pub body: Option<String>,
    pub state: CommentState,
    /// Moderators only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<i64>,
    pub moderation_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// Replies (one level: a reply has none).
    #[schema(no_recursion)]
    pub replies: Vec<Comment>,
}

type Row = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
    String,
    i64,
    Option<String>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// The comments of an initiative, replies under their comment, oldest first.
pub async fn list(
    db: &Db,
    id: i64,
    viewer: Option<&CurrentUser>,
    moderator: bool,
) -> Result<Vec<Comment>, Error> {
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.parent_id, c.author_id, u.display_name, c.body, c.state, c.reports,
             c.moderation_reason, c.created_at, c.edited_at
         FROM initiative_comments c LEFT JOIN users u ON u.id = c.author_id
         WHERE c.initiative_id = $1 ORDER BY c.id")
        .bind(id)
        .fetch_all(pool)
        .await)?;
    let mut top: Vec<Comment> = Vec::new();
    let mut replies: Vec<Comment> = Vec::new();
    for r in rows {
        let state = CommentState::parse(&r.5);
        let own = viewer.is_some_and(|v| r.2 == Some(v.id));
        let c = Comment {
            id: r.0,
            parent_id: r.1,
            author_id: r.2,
            author_name: r.3.filter(|n| !n.is_empty()),
            body: (!state.is_hidden() || moderator || own).then_some(r.4),
            state,
            reports: moderator.then_some(r.6),
            moderation_reason: r.7,
            created_at: r.8,
            edited_at: r.9,
            replies: vec![],
        };
        if c.parent_id.is_some() {
            replies.push(c);
        } else {
            top.push(c);
        }
    }
    for reply in replies {
        if let Some(parent) = top.iter_mut().find(|c| Some(c.id) == reply.parent_id) {
            parent.replies.push(reply);
        }
    }
    Ok(top)
}

/// Comments hidden by reports and awaiting a moderator: (comment, initiative).
pub async fn awaiting(db: &Db) -> Result<Vec<(i64, i64)>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.initiative_id FROM initiative_comments c WHERE c.state = 'reported' ORDER BY c.id")
        .fetch_all(pool)
        .await)?)
}

fn parse_body(raw: Option<&str>) -> Result<String, Error> {
    model::parse_note("body", raw, MAX_BODY)
        .map_err(|e| Error::Invalid(vec![e]))?
        .ok_or_else(|| Error::invalid("body", "required"))
}

/// A member comments (or replies to a top-level comment).
pub async fn add(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    parent_id: Option<i64>,
    body: Option<&str>,
) -> Result<i64, Error> {
    let body = parse_body(body)?;
    let (ini, _) = flow::visible(db, Some(user), id).await?;
    if !ini.status.is_public() {
        return Err(Error::Conflict("initiative_not_public"));
    }
    let mut tx = db.begin().await?;
    let cid: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO initiative_comments (initiative_id, parent_id, author_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(id)
        .bind(parent_id)
        .bind(user.id)
        .bind(&body)
        .bind(clock::now())
        .fetch_one(conn)
        .await)
    .on_constraint("initiative_comments_one_level", || {
        Error::invalid("reply_to", "reply_to_reply")
    })?;
    tx.commit().await?;
    Ok(cid)
}

async fn comment_meta(db: &Db, cid: i64) -> Result<(i64, Option<i64>, String), Error> {
    let row: Option<(i64, Option<i64>, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT initiative_id, author_id, state FROM initiative_comments WHERE id = $1")
        .bind(cid)
        .fetch_optional(pool)
        .await)?;
    row.ok_or(Error::NotFound)
}

/// The author edits their comment; the earlier text is kept.
pub async fn edit(db: &Db, user: &CurrentUser, cid: i64, body: Option<&str>) -> Result<i64, Error> {
    // Who may, before what was sent: anyone else is refused whatever the body.
    let (id, author, state) = comment_meta(db, cid).await?;
    if author != Some(user.id) {
        return Err(Error::Forbidden);
    }
    let body = parse_body(body)?;
    if CommentState::parse(&state) == CommentState::Hidden {
        return Err(Error::Conflict("comment_hidden"));
    }
    let mut tx = db.begin().await?;
    let now = clock::now();
    on_tx!(&mut tx, conn => sqlx::query(
        "INSERT INTO initiative_comment_edits (comment_id, body, edited_at)
         SELECT id, body, $2 FROM initiative_comments WHERE id = $1")
        .bind(cid)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, conn => sqlx::query(
        "UPDATE initiative_comments SET body = $2, edited_at = $3 WHERE id = $1")
        .bind(cid)
        .bind(&body)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(id)
}

/// What a report did.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Reported {
    pub comment_id: i64,
    /// The comment is hidden now (three reports, awaiting a moderator).
    pub hidden: bool,
}

/// A signed-in person reports a comment as abusive, once; the third report hides it unless
/// a moderator has already cleared it.
pub async fn report(
    db: &Db,
    user: &CurrentUser,
    cid: i64,
    reason: Option<&str>,
) -> Result<(i64, Reported), Error> {
    let reason = model::parse_note("reason", reason, model::MAX_NOTE)
        .map_err(|e| Error::Invalid(vec![e]))?;
    let (id, _, _) = comment_meta(db, cid).await?;
    flow::visible(db, Some(user), id).await?;
    let mut tx = db.begin().await?;
    let inserted = on_tx!(&mut tx, conn => sqlx::query(
        "INSERT INTO initiative_comment_reports (comment_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id, user_id) DO NOTHING")
        .bind(cid)
        .bind(user.id)
        .bind(&reason)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    if inserted == 0 {
        return Err(Error::Conflict("comment_already_reported"));
    }
    let state: String = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "UPDATE initiative_comments SET reports = reports + 1,
             state = CASE WHEN state = 'visible' AND reports + 1 >= $2 THEN 'reported' ELSE state END
         WHERE id = $1 RETURNING state")
        .bind(cid)
        .bind(HIDE_AT)
        .fetch_one(conn)
        .await)?;
    tx.commit().await?;
    Ok((
        id,
        Reported {
            comment_id: cid,
            hidden: CommentState::parse(&state).is_hidden(),
        },
    ))
}

/// A moderator hides (`hide`) or restores a comment, with a reason.
pub async fn moderate(
    db: &Db,
    user: &CurrentUser,
    cid: i64,
    hide: bool,
    reason: Option<&str>,
) -> Result<i64, Error> {
    let (id, _, old) = comment_meta(db, cid).await?;
    let (_, actors) = flow::visible(db, Some(user), id).await?;
    if !actors.contains(&Actor::Staff) {
        return Err(Error::Forbidden);
    }
    let reason = model::parse_note("reason", reason, model::MAX_NOTE)
        .map_err(|e| Error::Invalid(vec![e]))?
        .ok_or_else(|| Error::invalid("reason", "required"))?;
    let new = if hide { "hidden" } else { "cleared" };
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, conn => sqlx::query(
        "UPDATE initiative_comments SET state = $2, moderated_by = $3, moderation_reason = $4, moderated_at = $5
         WHERE id = $1")
        .bind(cid)
        .bind(new)
        .bind(user.id)
        .bind(&reason)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    audit::record(
        &mut tx,
        Some(user.id),
        if hide {
            "initiative_comment.hide"
        } else {
            "initiative_comment.restore"
        },
        "initiative_comment",
        Some(cid),
        json!({"old": old, "new": new, "reason": reason}),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One earlier text of an edited comment.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Edit {
    pub body: String,
    /// When it was replaced.
    pub edited_at: DateTime<Utc>,
}

/// Who reads the earlier texts of a comment: its author and moderators (staff over the
/// initiative's unit).
pub fn may_read_history(user: &CurrentUser, author: Option<i64>, moderator: bool) -> bool {
    moderator || author == Some(user.id)
}

/// The earlier texts of a comment: for its author and moderators.
pub async fn history(db: &Db, user: &CurrentUser, cid: i64) -> Result<Vec<Edit>, Error> {
    let (id, author, _) = comment_meta(db, cid).await?;
    let (_, actors) = flow::visible(db, Some(user), id).await?;
    if !may_read_history(user, author, actors.contains(&Actor::Staff)) {
        return Err(Error::Forbidden);
    }
    edits(db, cid).await
}

/// The earlier texts of a comment, oldest first (the caller has checked
/// [`may_read_history`]).
pub async fn edits(db: &Db, cid: i64) -> Result<Vec<Edit>, Error> {
    let rows: Vec<(String, DateTime<Utc>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT body, edited_at FROM initiative_comment_edits WHERE comment_id = $1 ORDER BY id")
        .bind(cid)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(body, edited_at)| Edit { body, edited_at })
        .collect())
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CommentInput {
    pub body: Option<String>,
    /// The top-level comment this replies to.
    pub parent_id: Option<i64>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ReasonInput {
    pub reason: Option<String>,
    /// `hide` or `restore` (moderation only).
    pub action: Option<String>,
}

async fn moderator(db: &Db, user: Option<&CurrentUser>, id: i64) -> Result<bool, Error> {
    let (_, actors) = flow::visible(db, user, id).await?;
    Ok(actors.contains(&Actor::Staff))
}

/// The comments of an initiative, with replies.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/comments", tag = "initiatives",
    responses((status = 200, body = [Comment]), (status = 404, body = crate::api::problem::Problem)))]
pub async fn list_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Comment>>, Error> {
    let user = ctx.user.as_deref();
    let moderator = moderator(&state.db, user, id).await?;
    Ok(Json(list(&state.db, id, user, moderator).await?))
}

/// Comments (or replies to a top-level comment: a reply to a reply is 422 `reply_to_reply`).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/comments", tag = "initiatives",
    request_body = CommentInput,
    responses((status = 201, body = [Comment]), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn add_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<CommentInput>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    add(&state.db, user, id, input.parent_id, input.body.as_deref()).await?;
    let moderator = moderator(&state.db, Some(user), id).await?;
    Ok((
        StatusCode::CREATED,
        Json(list(&state.db, id, Some(user), moderator).await?),
    )
        .into_response())
}

/// The author edits their comment (the earlier text is kept).
#[utoipa::path(put, path = "/api/v1/initiative-comments/{cid}", tag = "initiatives",
    request_body = CommentInput,
    responses((status = 200, body = [Comment]), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn edit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(cid): Path<i64>,
    Json(input): Json<CommentInput>,
) -> Result<Json<Vec<Comment>>, Error> {
    let user = ctx.user()?;
    let id = edit(&state.db, user, cid, input.body.as_deref()).await?;
    let moderator = moderator(&state.db, Some(user), id).await?;
    Ok(Json(list(&state.db, id, Some(user), moderator).await?))
}

/// Reports a comment as abusive (once per person: again is 409 `comment_already_reported`).
#[utoipa::path(post, path = "/api/v1/initiative-comments/{cid}/report", tag = "initiatives",
    request_body(content = ReasonInput, description = "optional"),
    responses((status = 200, body = Reported), (status = 409, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn report_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(cid): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Json<Reported>, Error> {
    let input: ReasonInput = if body.iter().all(u8::is_ascii_whitespace) {
        ReasonInput::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| Error::BadRequest(e.to_string()))?
    };
    let (_, reported) = report(&state.db, ctx.user()?, cid, input.reason.as_deref()).await?;
    Ok(Json(reported))
}

/// A moderator hides or restores a comment, with a reason.
#[utoipa::path(post, path = "/api/v1/initiative-comments/{cid}/moderate", tag = "initiatives",
    request_body = ReasonInput,
    responses((status = 200, body = [Comment]), (status = 403, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn moderate_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(cid): Path<i64>,
    Json(input): Json<ReasonInput>,
) -> Result<Json<Vec<Comment>>, Error> {
    let user = ctx.user()?;
    let (id, _, _) = comment_meta(&state.db, cid).await?;
    if !moderator(&state.db, Some(user), id).await? {
        return Err(Error::Forbidden);
    }
    let hide = match input.action.as_deref() {
        Some("hide") => true,
        Some("restore") => false,
        _ => return Err(Error::invalid("action", "invalid_choice")),
    };
    let id = moderate(&state.db, user, cid, hide, input.reason.as_deref()).await?;
    Ok(Json(list(&state.db, id, Some(user), true).await?))
}

/// The earlier texts of an edited comment (its author and moderators).
#[utoipa::path(get, path = "/api/v1/initiative-comments/{cid}/history", tag = "initiatives",
    responses((status = 200, body = [Edit]), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn history_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(cid): Path<i64>,
) -> Result<Json<Vec<Edit>>, Error> {
    Ok(Json(history(&state.db, ctx.user()?, cid).await?))
}
