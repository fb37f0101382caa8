//! Admin pages and API: accounts and roles.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use super::users::{self, GrantInput, require_admin};
use crate::accounts::{Grant, Role, User, storage as accounts};
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Json, Page};
use crate::i18n::format;
use crate::org::{self, Unit};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index))
        .route("/admin/users", get(users_page))
        .route("/admin/audit", get(audit_page))
        .route("/admin/data-register", get(register_page))
        .route("/admin/users/{id}", get(user_page))
        .route("/admin/users/{id}/roles", post(grant_form))
        .route(
            "/admin/users/{id}/roles/{grant_id}/revoke",
            post(revoke_form),
        )
        .route("/admin/users/{id}/disable", post(disable_form))
        .route("/admin/users/{id}/enable", post(enable_form))
        .route("/api/v1/users", get(list_api))
        .route("/api/v1/users/{id}/roles", post(grant_api))
        .route(
            "/api/v1/users/{id}/roles/{grant_id}",
            axum::routing::delete(revoke_api),
        )
}

const PAGE_SIZE: i64 = 50;

/// One row of the accounts list.
pub struct UserRow {
    pub user: User,
    pub joined: String,
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct IndexPage<'a> {
    ctx: &'a Ctx,
    users: i64,
    units: usize,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage<'a> {
    ctx: &'a Ctx,
    rows: Vec<UserRow>,
    q: &'a str,
}

/// A grant as the user page shows it.
pub struct GrantRow {
    pub grant: Grant,
    pub unit: String,
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage<'a> {
    ctx: &'a Ctx,
    user: User,
    joined: String,
    grants: Vec<GrantRow>,
    units: Vec<(i64, String)>,
    roles: Vec<(&'static str, String)>,
    errors: FormErrors,
    notice: Option<String>,
}

/// `GET /admin`
async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    require_admin(ctx.user.as_ref())?;
    let users = accounts::count(&state.db).await?;
    let units = org::storage::all(&state.db).await?.len();
    Ok(Page::new(&IndexPage {
        ctx: &ctx,
        users,
        units,
    })
    .into_response())
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
}

/// `GET /admin/users?q=`
async fn users_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ListQuery>,
) -> Result<Response, Error> {
    require_admin(ctx.user.as_ref())?;
    let search = Some(query.q.trim()).filter(|q| !q.is_empty());
    let mut users = accounts::list(&state.db, search, PAGE_SIZE, 0).await?;
    // The newest accounts (or those found), listed by name in the reader's alphabet.
    crate::i18n::collate::sort_by(&mut users, ctx.locale, |u| &u.display_name);
    let rows = users
        .into_iter()
        .map(|user| UserRow {
            joined: format::date(
                user.created_at.with_timezone(&format::AKTOBE).date_naive(),
                ctx.locale,
            ),
            user,
        })
        .collect();
    Ok(Page::new(&UsersPage {
        ctx: &ctx,
        rows,
        q: &query.q,
    })
    .into_response())
}

#[derive(Deserialize)]
struct UserQuery {
    saved: Option<String>,
}

async fn render_user_page(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Response, Error> {
    let user = users::find_user(&state.db, id).await?;
    let all_units = org::storage::all(&state.db).await?;
    let unit_name = |unit_id: i64| {
        all_units
            .iter()
            .find(|u| u.id == unit_id)
            .map(|u: &Unit| ctx.text(&u.name).text)
            .unwrap_or_else(|| unit_id.to_string())
    };
    let grants = accounts::grants(&state.db, id)
        .await?
        .into_iter()
        .map(|grant| GrantRow {
            unit: unit_name(grant.unit_id),
            grant,
        })
        .collect();
    let admin = require_admin(ctx.user.as_ref())?;
    let mut units = Vec::new();
    for unit in &all_units {
        if org::holds_over(&state.db, admin, &[Role::Admin], unit.id).await? {
            units.push((unit.id, ctx.text(&unit.name).text));
        }
    }
    let roles = Role::GRANTABLE
        .iter()
        .map(|r| (r.as_str(), ctx.t(r.message_id())))
        .collect();
    let joined = format::datetime(user.created_at, format::AKTOBE, ctx.locale);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let errors = ctx.errors(errors);
    Ok(with_status(
        Page::new(&UserPage {
            ctx,
            user,
            joined,
            grants,
            units,
            roles,
            errors,
            notice,
        })
        .into_response(),
        status,
    ))
}

/// `GET /admin/users/{id}`
async fn user_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(query): Query<UserQuery>,
) -> Result<Response, Error> {
    require_admin(ctx.user.as_ref())?;
    let notice = query.saved.map(|_| ctx.t("admin-saved"));
    render_user_page(&state, &ctx, id, vec![], notice).await
}

fn back_to_user(id: i64) -> Response {
    see_other(&format!("/admin/users/{id}?saved=1"), HeaderMap::new())
}

/// `POST /admin/users/{id}/roles`
#[tracing::instrument(skip_all, fields(user_id = id))]
async fn grant_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(input): Form<GrantInput>,
) -> Result<Response, Error> {
    let admin = require_admin(ctx.user.as_ref())?;
    match users::grant(&state.db, admin, ctx.ip, id, &input).await {
        Ok(_) => Ok(back_to_user(id)),
        Err(Error::Invalid(errors)) => render_user_page(&state, &ctx, id, errors, None).await,
        Err(Error::Conflict(code)) => {
            render_user_page(&state, &ctx, id, vec![FieldError::new("role", code)], None).await
        }
        Err(other) => Err(other),
    }
}

/// `POST /admin/users/{id}/roles/{grant_id}/revoke`
async fn revoke_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, grant_id)): Path<(i64, i64)>,
) -> Result<Response, Error> {
    let admin = require_admin(ctx.user.as_ref())?;
    match users::revoke(&state.db, admin, ctx.ip, id, grant_id).await {
        Ok(()) => Ok(back_to_user(id)),
        Err(Error::Conflict(code)) => {
            render_user_page(&state, &ctx, id, vec![FieldError::new("role", code)], None).await
        }
        Err(other) => Err(other),
    }
}

/// `POST /admin/users/{id}/disable`
async fn disable_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    set_disabled_form(state, ctx, id, true).await
}

/// `POST /admin/users/{id}/enable`
async fn enable_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    set_disabled_form(state, ctx, id, false).await
}

async fn set_disabled_form(
    state: AppState,
    ctx: Ctx,
    id: i64,
    disabled: bool,
) -> Result<Response, Error> {
    let admin = require_admin(ctx.user.as_ref())?;
    match users::set_disabled(&state.db, admin, ctx.ip, id, disabled).await {
        Ok(()) => Ok(back_to_user(id)),
        Err(Error::Conflict(code)) => {
            render_user_page(
                &state,
                &ctx,
                id,
                vec![FieldError::new("account", code)],
                None,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage<'a> {
    ctx: &'a Ctx,
    filter: crate::audit::Filter,
    /// (when, in Aktobe time; entry)
    entries: Vec<(String, crate::audit::Entry)>,
}

/// `GET /admin/audit?action=&actor=&from=&to=`: who changed what, when, from where.
async fn audit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(filter): Query<crate::audit::Filter>,
) -> Result<Response, Error> {
    require_admin(ctx.user.as_ref())?;
    let entries = crate::audit::list(&state.db, &filter)
        .await?
        .into_iter()
        .map(|e| (format::datetime(e.at, format::AKTOBE, ctx.locale), e))
        .collect();
    Ok(Page::new(&AuditPage {
        ctx: &ctx,
        filter,
        entries,
    })
    .into_response())
}

#[derive(Template)]
#[template(path = "admin/register.html")]
struct RegisterPage<'a> {
    ctx: &'a Ctx,
    html: String,
}

/// `GET /admin/data-register`: the register of personal-data categories, to print.
async fn register_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    require_admin(ctx.user.as_ref())?;
    let source = crate::members::consent::register_source(ctx.locale.language());
    let html = crate::members::consent::render(source, ctx.locale, &state.config.operator);
    Ok(Page::new(&RegisterPage { ctx: &ctx, html }).into_response())
}

/// An account as the admin API shows it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AdminUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub disabled: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// Part of a name or email.
    pub q: Option<String>,
    /// At most 200; 50 when absent.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// List accounts (admins only), newest first.
#[utoipa::path(get, path = "/api/v1/users", tag = "admin", params(ListParams),
    responses((status = 200, body = [AdminUser]), (status = 401, body = crate::api::problem::Problem), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn list_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<ListParams>,
) -> Result<Json<Vec<AdminUser>>, Error> {
    require_admin(ctx.user.as_ref())?;
    let limit = params.limit.unwrap_or(PAGE_SIZE).clamp(1, 200);
    let offset = params.offset.unwrap_or(0).max(0);
    let users = accounts::list(&state.db, params.q.as_deref(), limit, offset).await?;
    Ok(Json(
        users
            .into_iter()
            .map(|u| AdminUser {
                id: u.id,
                email: u.email,
                name: u.display_name,
                disabled: u.disabled_at.is_some(),
                created_at: u.created_at,
            })
            .collect(),
    ))
}

/// Grant a role at a unit (admins, within their subtree). Recorded in the audit log.
#[utoipa::path(post, path = "/api/v1/users/{id}/roles", tag = "admin", request_body = GrantInput,
    responses((status = 201, body = Grant), (status = 403, body = crate::api::problem::Problem), (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn grant_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<GrantInput>,
) -> Result<Response, Error> {
    let admin = require_admin(ctx.user.as_ref())?;
    let grant = users::grant(&state.db, admin, ctx.ip, id, &input).await?;
    Ok((StatusCode::CREATED, Json(grant)).into_response())
}

/// Revoke a role (admins, within their subtree). Recorded in the audit log.
#[utoipa::path(delete, path = "/api/v1/users/{id}/roles/{grant_id}", tag = "admin",
    responses((status = 204), (status = 403, body = crate::api::problem::Problem), (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn revoke_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, grant_id)): Path<(i64, i64)>,
) -> Result<StatusCode, Error> {
    let admin = require_admin(ctx.user.as_ref())?;
    users::revoke(&state.db, admin, ctx.ip, id, grant_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
