//! Pages of the organisation: the tree, a unit's public page with its join form, and the
//! staff's member list.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::routes::{DecisionInput, JoinInput, UnitView, decide, request_join, unit_view};
use super::storage::{self, UnitMember};
use super::{find_unit, require_manage};
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other};
use crate::http::{Ctx, Form, Page};
use crate::org::Unit;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units", get(tree_page))
        .route("/units/{id}", get(unit_page))
        .route("/units/{id}/join", post(join_form))
        .route("/units/{id}/members", get(members_page))
        .route("/join-requests/{id}/decision", post(decision_form))
}

/// A unit in the tree, indented by depth.
pub struct TreeRow {
    pub id: i64,
    pub depth: usize,
    pub name: crate::i18n::Shown,
    pub kind: String,
}

#[derive(Template)]
#[template(path = "units/tree.html")]
struct TreePage<'a> {
    ctx: &'a Ctx,
    rows: Vec<TreeRow>,
}

/// `GET /units`
async fn tree_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let units = crate::org::storage::all(&state.db).await?;
    let mut rows = Vec::new();
    fn walk(units: &[Unit], parent: Option<i64>, depth: usize, ctx: &Ctx, rows: &mut Vec<TreeRow>) {
        for unit in units.iter().filter(|u| u.parent_id == parent) {
            rows.push(TreeRow {
                id: unit.id,
                depth,
                name: ctx.text(&unit.name),
                kind: ctx.t(unit.kind.message_id()),
            });
            walk(units, Some(unit.id), depth + 1, ctx, rows);
        }
    }
    walk(&units, None, 0, &ctx, &mut rows);
    Ok(Page::new(&TreePage { ctx: &ctx, rows }).into_response())
}

#[derive(Template)]
#[template(path = "units/unit.html")]
struct UnitPage<'a> {
    ctx: &'a Ctx,
    view: UnitView,
    kind: String,
    members: String,
    pending: Vec<storage::JoinRequest>,
    sent: bool,
    errors: FormErrors,
}

async fn render_unit(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    errors: Vec<FieldError>,
    sent: bool,
) -> Result<Response, Error> {
    let view = unit_view(state, ctx, id).await?;
    let pending = if view.can_manage {
        storage::join_requests(&state.db, Some(id), None).await?
    } else {
        vec![]
    };
    let page = UnitPage {
        ctx,
        kind: ctx.t(view.unit.kind.message_id()),
        members: ctx.t1("members-count", "count", view.members_count),
        view,
        pending,
        sent,
        errors: ctx.errors(errors),
    };
    Ok(Page::new(&page).into_response())
}

/// `GET /units/{id}`: public; staff also see the pending join requests.
async fn unit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<SentQuery>,
) -> Result<Response, Error> {
    render_unit(&state, &ctx, id, vec![], q.sent.is_some()).await
}

#[derive(serde::Deserialize)]
struct SentQuery {
    sent: Option<String>,
}

#[derive(serde::Deserialize)]
struct JoinForm {
    #[serde(default)]
    message: String,
    #[serde(default, deserialize_with = "super::signup::checkbox")]
    ethnocultural_consent: bool,
}

/// `POST /units/{id}/join`
async fn join_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<JoinForm>,
) -> Result<Response, Error> {
    ctx.user()?;
    let input = JoinInput {
        message: form.message,
        ethnocultural_consent: form.ethnocultural_consent,
    };
    match request_join(&state, &ctx, id, &input).await {
        Ok(_) => Ok(see_other(&format!("/units/{id}?sent=1"), HeaderMap::new())),
        Err(Error::Invalid(errors)) => {
            let mut response = render_unit(&state, &ctx, id, errors, false).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(Error::Conflict(code)) => {
            let mut response = render_unit(
                &state,
                &ctx,
                id,
                vec![FieldError::new("message", code)],
                false,
            )
            .await?;
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

#[derive(serde::Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /join-requests/{id}/decision`
async fn decision_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, Error> {
    let request = storage::join_request(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let input = DecisionInput {
        approve: match form.decision.as_str() {
            "approve" => Some(true),
            "decline" => Some(false),
            _ => None,
        },
        reason: form.reason,
    };
    match decide(&state, &ctx, id, &input).await {
        Ok(()) => Ok(see_other(
            &format!("/units/{}", request.unit_id),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            let mut response = render_unit(&state, &ctx, request.unit_id, errors, false).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "units/members.html")]
struct MembersPage<'a> {
    ctx: &'a Ctx,
    unit: Unit,
    members: Vec<UnitMember>,
    /// After an import: how many were imported.
    imported: Option<String>,
    /// For an ethnocultural association: how many its exports leave out.
    left_out: Option<String>,
}

#[derive(serde::Deserialize)]
struct MembersQuery {
    imported: Option<i64>,
    pending: Option<i64>,
}

/// `GET /units/{id}/members`: the unit's staff only.
async fn members_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<MembersQuery>,
) -> Result<Response, Error> {
    let unit = find_unit(&state.db, id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    let members = storage::unit_members(&state.db, id).await?;
    let withheld = super::export::withheld(&state.db, &unit, &members)
        .await?
        .len();
    Ok(Page::new(&MembersPage {
        ctx: &ctx,
        imported: q.imported.map(|n| {
            let mut notice = ctx.t1("import-done", "count", n);
            if let Some(pending) = q.pending.filter(|p| *p > 0) {
                notice = format!(
                    "{notice} {}",
                    ctx.t1("import-done-pending", "count", pending)
                );
            }
            notice
        }),
        left_out: (withheld > 0).then(|| ctx.t1("export-left-out", "count", withheld as i64)),
        unit,
        members,
    })
    .into_response())
}
