//! The youth share: for a unit and each unit below it, as of a date, how many people hold
//! positions (coordinator, chair, youth deputy, deputy head), how many of them are young
//! (aged up to the configured bound, 35 by default), and the share. For observers, admins
//! and coordinators, within their scope. An ethnocultural association's figures below 5
//! are shown as "fewer than 5", so that no one can be singled out.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::age_on;
use crate::accounts::{CurrentUser, Role};
use crate::error::Error;
use crate::http::{Ctx, Json, Page};
use crate::on_db;
use crate::org::{self, Unit};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/youth-share", get(page))
        .route("/api/v1/reports/youth-share", get(api))
}

const READERS: [Role; 3] = [Role::Observer, Role::Admin, Role::Coordinator];
const SMALL: i64 = 5;

/// One unit's figures.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ShareRow {
    pub unit_id: i64,
    pub depth: usize,
    pub name: String,
    /// Members (any position) as of the date.
    pub members: i64,
    /// People in positions other than member.
    pub in_positions: i64,
    /// Of them, aged up to the youth bound.
    pub youth: i64,
    /// `youth / in_positions`, in percent, one decimal; null when no one holds a position.
    pub share: Option<f64>,
    /// True when figures are withheld because the group is too small to show.
    pub withheld: bool,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct YouthShare {
    pub on: NaiveDate,
    pub youth_age: u32,
    /// The chosen unit first (its totals cover its whole subtree), then each unit below it.
    pub rows: Vec<ShareRow>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ShareQuery {
    /// `YYYY-MM-DD`; today when absent.
    pub on: Option<String>,
    /// The unit; the reader's top unit when absent.
    pub unit: Option<i64>,
}

pub async fn readable_top(
    db: &crate::db::Db,
    user: &CurrentUser,
    wanted: Option<i64>,
) -> Result<i64, Error> {
    if let Some(unit) = wanted {
        org::require(db, user, &READERS, unit).await?;
        return Ok(unit);
    }
    let mut best: Option<(usize, i64)> = None;
    for role in READERS {
        for unit in user.units_with(role) {
            let depth = org::storage::ancestors(db, unit).await?.len();
            if best.is_none_or(|(d, _)| depth < d) {
                best = Some((depth, unit));
            }
        }
    }
    best.map(|(_, unit)| unit).ok_or(Error::Forbidden)
}

pub async fn compute(state: &AppState, ctx: &Ctx, query: &ShareQuery) -> Result<YouthShare, Error> {
    let user = ctx.user()?;
    let on = match query.on.as_deref().filter(|s| !s.is_empty()) {
        None => super::routes::today(),
        Some(d) => crate::clock::parse_date(d).map_err(|_| Error::invalid("on", "invalid_date"))?,
    };
    let top = readable_top(&state.db, user, query.unit).await?;
    let youth_age = state.config.member_ages.1;
    let units = org::storage::all(&state.db).await?;
    let subtree: HashSet<i64> = org::storage::subtree(&state.db, top)
        .await?
        .into_iter()
        .collect();
    let rows: Vec<(i64, i64, String, Option<NaiveDate>)> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT m.unit_id, m.user_id, m.position, p.birth_date
         FROM memberships m JOIN users u ON u.id = m.user_id LEFT JOIN profiles p ON p.user_id = m.user_id
         WHERE m.status = 'active' AND m.started_on <= $1 AND (m.ended_on IS NULL OR m.ended_on >= $1) AND u.deleted_at IS NULL")
        .bind(on)
        .fetch_all(pool)
        .await)?;

    // Each unit's own people, then every unit's subtree totals (distinct people).
    let mut own: HashMap<i64, Vec<(i64, bool, bool)>> = HashMap::new();
    for (unit, person, position, birth) in rows.into_iter().filter(|r| subtree.contains(&r.0)) {
        let young = birth.is_some_and(|b| age_on(b, on) <= youth_age);
        own.entry(unit)
            .or_default()
            .push((person, position != "member", young));
    }
    let mut out = Vec::new();
    fn walk(
        units: &[Unit],
        unit: &Unit,
        depth: usize,
        own: &HashMap<i64, Vec<(i64, bool, bool)>>,
        ctx: &Ctx,
        out: &mut Vec<ShareRow>,
    ) -> Vec<(i64, bool, bool)> {
        let index = out.len();
        out.push(ShareRow {
            unit_id: unit.id,
            depth,
            name: ctx.text(&unit.name).text,
            members: 0,
            in_positions: 0,
            youth: 0,
            share: None,
            withheld: false,
        });
        let mut people = own.get(&unit.id).cloned().unwrap_or_default();
        for child in units.iter().filter(|u| u.parent_id == Some(unit.id)) {
            people.extend(walk(units, child, depth + 1, own, ctx, out));
        }
        let members: HashSet<i64> = people.iter().map(|p| p.0).collect();
        let positioned: HashSet<i64> = people.iter().filter(|p| p.1).map(|p| p.0).collect();
        let young: HashSet<i64> = people.iter().filter(|p| p.1 && p.2).map(|p| p.0).collect();
        let row = &mut out[index];
        row.members = members.len() as i64;
        row.in_positions = positioned.len() as i64;
        row.youth = young.len() as i64;
        row.share = (row.in_positions > 0)
            .then(|| (row.youth as f64 * 1000.0 / row.in_positions as f64).round() / 10.0);
        if unit.is_sensitive() && row.members > 0 && row.members < SMALL {
            *row = ShareRow {
                members: 0,
                in_positions: 0,
                youth: 0,
                share: None,
                withheld: true,
                ..row.clone()
            };
        }
        people
    }
    if let Some(unit) = units.iter().find(|u| u.id == top) {
        walk(&units, unit, 0, &own, ctx, &mut out);
    }
    Ok(YouthShare {
        on,
        youth_age,
        rows: out,
    })
}

#[derive(Template)]
#[template(path = "reports/youth.html")]
struct YouthPage<'a> {
    ctx: &'a Ctx,
    report: YouthShare,
    date: String,
}

/// `GET /reports/youth-share?on=&unit=`
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ShareQuery>,
) -> Result<Response, Error> {
    let report = compute(&state, &ctx, &query).await?;
    let date = ctx.date(&report.on);
    Ok(Page::new(&YouthPage {
        ctx: &ctx,
        report,
        date,
    })
    .into_response())
}

/// The youth share in positions, per unit, as of a date (observers, admins, coordinators; their scope).
#[utoipa::path(get, path = "/api/v1/reports/youth-share", tag = "reports", params(ShareQuery),
    responses((status = 200, body = YouthShare), (status = 401, body = crate::api::problem::Problem), (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ShareQuery>,
) -> Result<Json<YouthShare>, Error> {
    Ok(Json(compute(&state, &ctx, &query).await?))
}
