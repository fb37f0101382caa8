//! `/initiatives/settings`: the support threshold of each unit an admin administers (the
//! rule is the API's: `flow::set_threshold`, admins over the unit). A unit's own threshold,
//! or the nearest ancestor's, or the default applies; clearing it falls back the same way.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::flow;
use super::storage;
use crate::accounts::CurrentUser;
use crate::error::{Error, FieldError};
use crate::http::page::{see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::Shown;
use crate::org::{self, Unit};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/initiatives/settings", get(page).post(save))
}

/// One unit's line: its own threshold, the one in force, and the form's value.
pub struct Line {
    pub id: i64,
    pub name: Shown,
    pub own: Option<i64>,
    pub effective: i64,
    /// Where the threshold in force comes from: `own`, `above` (a unit above) or `default`.
    pub source: &'static str,
    pub typed: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "initiatives/settings.html")]
struct SettingsPage<'a> {
    ctx: &'a Ctx,
    lines: Vec<Line>,
    saved: bool,
    default: i64,
    max: i64,
}

/// The units where the user sets thresholds (non-sensitive: those have no initiatives).
async fn units(state: &AppState, user: &CurrentUser) -> Result<Vec<Unit>, Error> {
    let mut out = Vec::new();
    for u in org::storage::all(&state.db).await? {
        if !u.is_sensitive()
            && org::holds_over(&state.db, user, &flow::THRESHOLD_ROLES, u.id).await?
        {
            out.push(u);
        }
    }
    Ok(out)
}

/// The threshold in force at `unit` and where it comes from: its own, the nearest
/// ancestor's, or the default (the same walk as `storage::threshold_in`, over the tree
/// already read).
fn in_force(all: &[Unit], own: &[(i64, i64)], unit: i64) -> (i64, &'static str) {
    let mut at = Some(unit);
    let mut steps = 0;
    while let Some(id) = at {
        if let Some((_, n)) = own.iter().find(|(u, _)| *u == id) {
            return (*n, if id == unit { "own" } else { "above" });
        }
        at = all.iter().find(|u| u.id == id).and_then(|u| u.parent_id);
        steps += 1;
        if steps > all.len() {
            break;
        }
    }
    (storage::DEFAULT_THRESHOLD, "default")
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    refused: Option<(i64, String, FieldError)>,
    saved: bool,
) -> Result<Response, Error> {
    let mine = units(state, user).await?;
    if mine.is_empty() {
        return Err(Error::Forbidden);
    }
    let all = org::storage::all(&state.db).await?;
    let own = storage::thresholds(&state.db).await?;
    let mut lines: Vec<Line> = mine
        .iter()
        .map(|u| {
            let set = own.iter().find(|(id, _)| *id == u.id).map(|(_, n)| *n);
            let (typed, error) = match &refused {
                Some((id, typed, e)) if *id == u.id => (
                    typed.clone(),
                    Some(crate::api::problem::field_message(ctx.locale, e)),
                ),
                _ => (set.map(|n| n.to_string()).unwrap_or_default(), None),
            };
            let (effective, source) = in_force(&all, &own, u.id);
            Line {
                id: u.id,
                name: ctx.text(&u.name),
                own: set,
                effective,
                source,
                typed,
                error,
            }
        })
        .collect();
    crate::i18n::collate::sort_by(&mut lines, ctx.locale, |l| l.name.text.as_str());
    let failed = refused.is_some();
    let response = Page::new(&SettingsPage {
        ctx,
        lines,
        saved,
        default: storage::DEFAULT_THRESHOLD,
        max: flow::MAX_THRESHOLD,
    })
    .into_response();
    Ok(if failed {
        with_status(response, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        response
    })
}

#[derive(Debug, Default, Deserialize)]
struct SettingsQuery {
    done: Option<String>,
}

/// `GET /initiatives/settings`
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SettingsQuery>,
) -> Result<Response, Error> {
    let Some(user) = ctx.user.clone() else {
        return Ok(see_other(
            "/login?next=/initiatives/settings",
            HeaderMap::new(),
        ));
    };
    render(&state, &ctx, &user, None, q.done.is_some()).await
}

#[derive(Debug, Default, Deserialize)]
struct ThresholdForm {
    unit_id: Option<i64>,
    supports: Option<String>,
}

/// `POST /initiatives/settings`: one unit's threshold; empty clears it.
async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ThresholdForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    // Who sets no threshold anywhere is refused before the form is read.
    if !flow::THRESHOLD_ROLES
        .iter()
        .any(|r| user.has_role_anywhere(*r))
    {
        return Err(Error::Forbidden);
    }
    let unit_id = form
        .unit_id
        .ok_or_else(|| Error::invalid("unit_id", "required"))?;
    let typed = form.supports.unwrap_or_default();
    let outcome = match typed.trim() {
        "" => flow::set_threshold(&state.db, &user, unit_id, None).await,
        raw => match raw.replace([' ', '\u{a0}'], "").parse::<i64>() {
            Ok(n) => flow::set_threshold(&state.db, &user, unit_id, Some(n)).await,
            Err(_) => Err(Error::Invalid(vec![FieldError::new(
                "supports",
                "not_a_number",
            )])),
        },
    };
    match outcome {
        Ok(()) => Ok(see_other(
            &format!("/initiatives/settings?done=saved#unit-{unit_id}"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(mut fields)) if !fields.is_empty() => {
            let first = fields.remove(0);
            render(&state, &ctx, &user, Some((unit_id, typed, first)), false).await
        }
        Err(e) => Err(e),
    }
}
