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
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::org::Unit;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units", get(tree_page))
        .route("/units/{id}", get(unit_page))
        .route("/units/{id}/join", post(join_form))
        .route(
            "/units/{id}/members",
            get(members_page).post(add_member_form),
        )
        .route("/memberships/{id}/end", post(end_form))
        .route("/memberships/{id}/confirm", post(confirm_form))
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
        // Siblings in the reader's alphabetical order.
        let mut children: Vec<&Unit> = units.iter().filter(|u| u.parent_id == parent).collect();
        children.sort_by(|a, b| crate::i18n::collate::compare_text(ctx.locale, &a.name, &b.name));
        for unit in children {
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
    /// (name, since, until)
    directions: Vec<(String, String, Option<String>)>,
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
    let directions = crate::org::storage::directions(&state.db, id)
        .await?
        .into_iter()
        .map(|d| {
            let name = ctx.text(&crate::i18n::Text::new(d.name_kk, d.name_ru)).text;
            (
                name,
                ctx.date(&d.started_on),
                d.ended_on.map(|e| ctx.date(&e)),
            )
        })
        .collect();
    let page = UnitPage {
        ctx,
        directions,
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
    #[serde(default, deserialize_with = "super::signup::checkbox")]
    ethnocultural_export: bool,
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
        ethnocultural_export: form.ethnocultural_export,
    };
    match request_join(&state, &ctx, id, &input).await {
        Ok(_) => Ok(see_other(&format!("/units/{id}?sent=1"), HeaderMap::new())),
        Err(Error::Invalid(errors)) => Ok(with_status(
            render_unit(&state, &ctx, id, errors, false).await?,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(Error::Conflict(code)) => Ok(with_status(
            render_unit(
                &state,
                &ctx,
                id,
                vec![FieldError::new("message", code)],
                false,
            )
            .await?,
            StatusCode::CONFLICT,
        )),
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
        Err(Error::Invalid(errors)) => Ok(with_status(
            render_unit(&state, &ctx, request.unit_id, errors, false).await?,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "units/members.html")]
struct MembersPage<'a> {
    ctx: &'a Ctx,
    unit: Unit,
    members: Vec<UnitMember>,
    positions: Vec<(&'static str, String)>,
    email: &'a str,
    errors: FormErrors,
    /// After an import: how many were imported.
    imported: Option<String>,
    /// For an ethnocultural association: how many its exports leave out.
    left_out: Option<String>,
}

#[derive(serde::Deserialize, Default)]
struct MembersQuery {
    imported: Option<i64>,
    pending: Option<i64>,
}

async fn render_members(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    email: &str,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    render_members_with(state, ctx, id, email, errors, None).await
}

async fn render_members_with(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    email: &str,
    errors: Vec<FieldError>,
    imported: Option<String>,
) -> Result<Response, Error> {
    let unit = find_unit(&state.db, id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    let mut members = storage::unit_members(&state.db, id).await?;
    crate::i18n::collate::sort_by(&mut members, ctx.locale, |m| &m.name);
    let withheld = super::export::withheld(&state.db, &unit, &members)
        .await?
        .len();
    let positions = super::model::Position::ALL
        .iter()
        .map(|p| (p.as_str(), ctx.t(p.message_id())))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = MembersPage {
        ctx,
        unit,
        members,
        positions,
        email,
        errors: ctx.errors(errors),
        imported,
        left_out: (withheld > 0).then(|| ctx.t1("export-left-out", "count", withheld as i64)),
    };
    Ok(with_status(Page::new(&page).into_response(), status))
}

/// `GET /units/{id}/members`: the unit's staff only.
async fn members_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<MembersQuery>,
) -> Result<Response, Error> {
    let imported = q.imported.map(|n| {
        let mut notice = ctx.t1("import-done", "count", n);
        if let Some(pending) = q.pending.filter(|p| *p > 0) {
            notice = format!(
                "{notice} {}",
                ctx.t1("import-done-pending", "count", pending)
            );
        }
        notice
    });
    render_members_with(&state, &ctx, id, "", vec![], imported).await
}

#[derive(serde::Deserialize)]
struct AddForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    position: String,
}

/// `POST /units/{id}/members`: adds an existing account, found by email.
async fn add_member_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<AddForm>,
) -> Result<Response, Error> {
    let unit = find_unit(&state.db, id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    let person = match crate::accounts::Email::parse(&form.email) {
        Ok(email) => crate::accounts::storage::find_by_email(&state.db, &email)
            .await?
            .map(|(u, _)| u.id),
        Err(e) => return render_members(&state, &ctx, id, &form.email, vec![e]).await,
    };
    let Some(user_id) = person else {
        return render_members(
            &state,
            &ctx,
            id,
            &form.email,
            vec![FieldError::new("email", "no_such_account")],
        )
        .await;
    };
    let input = super::routes::MembershipInput {
        user_id: Some(user_id),
        position: Some(form.position.clone()),
        started_on: None,
    };
    match super::routes::add_membership(&state, &ctx, id, &input).await {
        Ok(_) => Ok(see_other(&format!("/units/{id}/members"), HeaderMap::new())),
        Err(Error::Invalid(errors)) => render_members(&state, &ctx, id, &form.email, errors).await,
        Err(Error::Conflict("consent_required")) => {
            render_members(
                &state,
                &ctx,
                id,
                &form.email,
                vec![FieldError::new("email", "consent_required_member")],
            )
            .await
        }
        Err(Error::Conflict(code)) => {
            render_members(
                &state,
                &ctx,
                id,
                &form.email,
                vec![FieldError::new("email", code)],
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// `POST /memberships/{id}/end`
async fn end_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let unit = storage::membership(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?
        .unit_id;
    super::routes::end_membership(&state, &ctx, id, None).await?;
    Ok(see_other(
        &format!("/units/{unit}/members"),
        HeaderMap::new(),
    ))
}

/// `POST /memberships/{id}/confirm`
async fn confirm_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let unit = storage::membership(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?
        .unit_id;
    super::routes::confirm_membership(&state, &ctx, id).await?;
    Ok(see_other(
        &format!("/units/{unit}/members"),
        HeaderMap::new(),
    ))
}
