//! `/api/v1/news`: anyone reads; admins publish, edit and delete (each in the audit log).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;

use super::model::{NewPost, NewsInput, Post};
use super::storage;
use crate::audit;
use crate::error::Error;
use crate::http::{Ctx, Json};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/news", get(list_api).post(create_api))
        .route(
            "/api/v1/news/{id}",
            get(read_api).patch(edit_api).delete(delete_api),
        )
}

/// Only admins write news.
pub fn require_admin(ctx: &Ctx) -> Result<i64, Error> {
    let user = ctx.user()?;
    if ctx.is_admin() {
        Ok(user.id)
    } else {
        Err(Error::Forbidden)
    }
}

/// Publishes a post with its audit entry.
pub async fn publish(state: &AppState, ctx: &Ctx, post: &NewPost) -> Result<i64, Error> {
    let admin = require_admin(ctx)?;
    let mut tx = state.db.begin().await?;
    let id = storage::insert(&mut tx, post, Some(admin), crate::clock::now()).await?;
    audit::record(
        &mut tx,
        Some(admin),
        "news.create",
        "news",
        Some(id),
        json!({"new": post}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces a post's texts; the audit keeps the old ones.
pub async fn edit(state: &AppState, ctx: &Ctx, id: i64, post: &NewPost) -> Result<(), Error> {
    let admin = require_admin(ctx)?;
    let mut tx = state.db.begin().await?;
    let old = storage::find_in(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    storage::update(&mut tx, id, post).await?;
    audit::record(&mut tx, Some(admin), "news.edit", "news", Some(id),
        json!({"old": {"title": old.title, "body": old.body, "source_url": old.source_url}, "new": post}),
        Some(ctx.ip)).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a post; the audit keeps what it said.
pub async fn remove(state: &AppState, ctx: &Ctx, id: i64) -> Result<(), Error> {
    let admin = require_admin(ctx)?;
    let mut tx = state.db.begin().await?;
    let old = storage::find_in(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    storage::delete(&mut tx, id).await?;
    audit::record(
        &mut tx,
        Some(admin),
        "news.delete",
        "news",
        Some(id),
        json!({"old": {"title": old.title, "body": old.body, "source_url": old.source_url}}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// At most this many posts (1–100, default 20).
    pub limit: Option<i64>,
    /// Skip this many of the newest.
    pub offset: Option<i64>,
}

/// The news, newest first. Public.
#[utoipa::path(get, path = "/api/v1/news", tag = "news", params(ListQuery),
    responses((status = 200, body = [Post])))]
pub async fn list_api(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Post>>, Error> {
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let offset = q.offset.unwrap_or(0).max(0);
    Ok(Json(storage::latest(&state.db, limit, offset).await?))
}

/// One post. Public.
#[utoipa::path(get, path = "/api/v1/news/{id}", tag = "news",
    responses((status = 200, body = Post), (status = 404, body = crate::api::problem::Problem)))]
pub async fn read_api(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Post>, Error> {
    Ok(Json(
        storage::find(&state.db, id).await?.ok_or(Error::NotFound)?,
    ))
}

/// Publish a post (admins). Title and body in Kazakh, Russian or both; the source an
/// `http`/`https` address.
#[utoipa::path(post, path = "/api/v1/news", tag = "news", request_body = NewsInput,
    responses((status = 201, body = Post), (status = 401, body = crate::api::problem::Problem),
        (status = 403, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewsInput>,
) -> Result<Response, Error> {
    require_admin(&ctx)?;
    let post = input.parse()?;
    let id = publish(&state, &ctx, &post).await?;
    let created = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Replace a post's title, body and source (admins). The audit log keeps the old texts.
#[utoipa::path(patch, path = "/api/v1/news/{id}", tag = "news", request_body = NewsInput,
    responses((status = 200, body = Post), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn edit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<NewsInput>,
) -> Result<Json<Post>, Error> {
    require_admin(&ctx)?;
    let post = input.parse()?;
    edit(&state, &ctx, id, &post).await?;
    Ok(Json(
        storage::find(&state.db, id).await?.ok_or(Error::NotFound)?,
    ))
}

/// Delete a post (admins). The audit log keeps what it said.
#[utoipa::path(delete, path = "/api/v1/news/{id}", tag = "news",
    responses((status = 204), (status = 403, body = crate::api::problem::Problem), (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn delete_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<StatusCode, Error> {
    remove(&state, &ctx, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
