//! `/initiatives/new` and `/initiatives/{id}/edit`: the initiative's texts, unit, category
//! and needs. A refused form comes back with everything typed and each refused field named.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::flow;
use super::input::DraftFields;
use super::model::{Actor, Category};
use super::pages::{Choice, unit_names};
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/initiatives/new", get(new_page).post(create_form))
        .route("/initiatives/{id}/edit", get(edit_page).post(edit_form))
}

#[derive(Template)]
#[template(path = "initiatives/form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    /// `None`: a new initiative.
    id: Option<i64>,
    f: DraftFields,
    errors: FormErrors,
    units: Vec<Choice>,
    categories: Vec<Choice>,
}

impl FormPage<'_> {
    fn v(&self, value: &Option<String>) -> String {
        value.clone().unwrap_or_default()
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: Option<i64>,
    f: DraftFields,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    let failed = !errors.is_empty();
    let units = unit_names(state)
        .await?
        .into_iter()
        .map(|(uid, name)| Choice {
            selected: f.unit_id.as_deref() == Some(uid.to_string().as_str()),
            value: uid.to_string(),
            label: ctx.text(&name).text,
        })
        .collect();
    let categories = Category::ALL
        .into_iter()
        .map(|c| Choice {
            value: c.as_str().to_string(),
            label: ctx.t(c.message_id()),
            selected: f.category.as_deref() == Some(c.as_str()),
        })
        .collect();
    let page = Page::new(&FormPage {
        ctx,
        id,
        errors: ctx.errors(errors),
        f,
        units,
        categories,
    })
    .into_response();
    Ok(if failed {
        with_status(page, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        page
    })
}

/// `GET /initiatives/new`
async fn new_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(see_other("/login?next=/initiatives/new", HeaderMap::new()));
    }
    render(&state, &ctx, None, DraftFields::default(), vec![]).await
}

/// `POST /initiatives/new`
async fn create_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DraftFields>,
) -> Result<Response, Error> {
    save(&state, &ctx, None, f).await
}

/// Parse the form → `flow::create` or `flow::edit` → the initiative's page, or the form
/// again with what was typed and every refused field named.
async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<i64>,
    f: DraftFields,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    if let Some(id) = id {
        // Who may edit, before what was typed is judged.
        flow::require_editor(&state.db, &user, id).await?;
    }
    let outcome = match (f.parse(), id) {
        (Ok(draft), None) => flow::create(&state.db, &user, &draft).await,
        (Ok(draft), Some(id)) => flow::edit(&state.db, &user, id, &draft).await,
        (Err(e), _) => Err(e),
    };
    match outcome {
        Ok(ini) => Ok(see_other(
            &format!(
                "/initiatives/{}?done={}",
                ini.id,
                if id.is_some() { "saved" } else { "created" }
            ),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => render(state, ctx, id, f, errors).await,
        Err(e) => Err(e),
    }
}

/// `GET /initiatives/{id}/edit`
async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let (ini, actors) = flow::visible(&state.db, Some(&user), id).await?;
    if !actors
        .iter()
        .any(|a| matches!(a, Actor::Author | Actor::Team))
    {
        return Err(Error::Forbidden);
    }
    if !ini.status.is_editable() {
        return Err(Error::Conflict("initiative_not_editable"));
    }
    render(&state, &ctx, Some(id), DraftFields::of(&ini), vec![]).await
}

/// `POST /initiatives/{id}/edit`
async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<DraftFields>,
) -> Result<Response, Error> {
    save(&state, &ctx, Some(id), f).await
}
