//! `GET /api/v1/reports/occupancy` and the page `/reports/occupancy`, for space managers,
//! admins and observers whose scope covers the location.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveTime;
use serde::Deserialize;

use super::report::{self, Figures, Occupancy};
use crate::accounts::Role;
use crate::error::Error;
use crate::http::page::{FormErrors, with_status};
use crate::http::{Ctx, Json, Page};
use crate::i18n::{Language, Locale, format};
use crate::org;
use crate::spaces::{Location, storage as spaces};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/occupancy", get(page))
        .route("/api/v1/reports/occupancy", get(api))
}

/// Who reads a location's occupancy (within their scope).
pub const READERS: [Role; 3] = [Role::SpaceManager, Role::Admin, Role::Observer];

/// The question: which location, which local dates.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct OccupancyQuery {
    /// The location; the first one the caller may read when absent.
    pub location_id: Option<i64>,
    /// First local date (`YYYY-MM-DD`), included; default: 27 days before `to`.
    pub from: Option<String>,
    /// Last local date, included; default: 27 days after `from`, or today. At most 366
    /// days from `from`.
    pub to: Option<String>,
}

/// The location asked about (else the first the caller may read), once the caller may
/// read it.
async fn readable_location(
    state: &AppState,
    ctx: &Ctx,
    q: &OccupancyQuery,
) -> Result<Location, Error> {
    let user = ctx.user()?;
    let Some(id) = q.location_id else {
        let locations = spaces::locations(&state.db).await?;
        if locations.is_empty() {
            return Err(Error::NotFound);
        }
        for location in locations {
            if org::holds_over(&state.db, user, &READERS, location.unit_id).await? {
                return Ok(location);
            }
        }
        return Err(Error::Forbidden);
    };
    let location = spaces::location(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    org::require(&state.db, user, &READERS, location.unit_id).await?;
    Ok(location)
}

fn today(location: &Location) -> chrono::NaiveDate {
    crate::clock::now()
        .with_timezone(&location.time_zone)
        .date_naive()
}

/// Utilisation of a location's resources over a range of local dates, per resource, per
/// kind and in total, overall and per (weekday × hour) cell, with no-show rates.
#[utoipa::path(get, path = "/api/v1/reports/occupancy", tag = "reports", params(OccupancyQuery),
    responses((status = 200, body = Occupancy), (status = 401, body = crate::api::problem::Problem),
        (status = 403, body = crate::api::problem::Problem), (status = 404, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OccupancyQuery>,
) -> Result<Json<Occupancy>, Error> {
    let location = readable_location(&state, &ctx, &q).await?;
    let (from, to) = report::parse_range(q.from.as_deref(), q.to.as_deref(), today(&location))?;
    Ok(Json(report::compute(&state.db, &location, from, to).await?))
}

// ---- the page -----------------------------------------------------------------------

/// One cell of a weekday × hour table.
pub struct GridCell {
    /// 0 (closed) or 1–6 by utilisation, for the shading.
    pub shade: u8,
    /// The percent, or empty when closed.
    pub text: String,
}

/// A weekday × hour table.
pub struct Grid {
    pub caption: String,
    /// Column headers (`09:00`).
    pub hours: Vec<String>,
    /// (weekday name, cells).
    pub rows: Vec<(String, Vec<GridCell>)>,
}

/// One line of the summary table.
pub struct Line {
    pub name: String,
    pub lang: &'static str,
    pub kind: bool,
    pub utilisation: String,
    pub booked: String,
    pub no_show: String,
    pub grid: Grid,
}

#[derive(Template)]
#[template(path = "reports/occupancy.html")]
struct OccupancyPage<'a> {
    ctx: &'a Ctx,
    errors: FormErrors,
    locations: Vec<(i64, String, bool)>,
    from: String,
    to: String,
    /// The dates and zone the figures are for.
    heading: Option<String>,
    total: Option<Line>,
    lines: Vec<Line>,
}

/// A percent as the reader writes it: `34,5 %`, `34.5%`.
pub fn percent(value: f64, locale: Locale) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let mut text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    if locale.language() != Language::En {
        text = text.replace('.', ",");
    }
    crate::i18n::translate(
        locale,
        "occupancy-percent",
        Some(&crate::i18n::Args::new().set("value", text)),
    )
}

fn grid(ctx: &Ctx, caption: String, f: &Figures, open_hours: &[u32], days: &[u32]) -> Grid {
    let rows = days
        .iter()
        .map(|day| {
            let cells = open_hours
                .iter()
                .map(|hour| {
                    match f
                        .cells
                        .iter()
                        .find(|c| c.weekday == *day && c.hour == *hour)
                    {
                        Some(c) => GridCell {
                            shade: 1 + ((c.utilisation / 20.0).floor() as u8).min(5),
                            text: percent(c.utilisation, ctx.locale),
                        },
                        None => GridCell {
                            shade: 0,
                            text: String::new(),
                        },
                    }
                })
                .collect();
            (format::weekday(*day, ctx.locale), cells)
        })
        .collect();
    Grid {
        caption,
        hours: open_hours
            .iter()
            .map(|h| {
                format::time(
                    NaiveTime::from_hms_opt(*h, 0, 0).unwrap_or_default(),
                    ctx.locale,
                )
            })
            .collect(),
        rows,
    }
}

fn line(
    ctx: &Ctx,
    name: String,
    lang: &'static str,
    kind: bool,
    f: &Figures,
    hours: &[u32],
    days: &[u32],
) -> Line {
    Line {
        grid: grid(
            ctx,
            ctx.t1("occupancy-grid-caption", "name", name.clone()),
            f,
            hours,
            days,
        ),
        name,
        lang,
        kind,
        utilisation: f
            .utilisation
            .map(|u| percent(u, ctx.locale))
            .unwrap_or_else(|| "—".to_string()),
        booked: crate::i18n::translate(
            ctx.locale,
            "occupancy-hours",
            Some(
                &crate::i18n::Args::new()
                    .set("booked", (f.booked_minutes + 30) / 60)
                    .set("open", (f.open_minutes + 30) / 60),
            ),
        ),
        no_show: match f.no_shows.rate {
            Some(rate) => {
                let needed = f.no_shows.completed + f.no_shows.checked_in + f.no_shows.no_shows;
                crate::i18n::translate(
                    ctx.locale,
                    "occupancy-no-show-of",
                    Some(
                        &crate::i18n::Args::new()
                            .set("rate", percent(rate, ctx.locale))
                            .set("count", f.no_shows.no_shows)
                            .set("total", needed),
                    ),
                )
            }
            None => "—".to_string(),
        },
    }
}

/// `GET /reports/occupancy?location_id=&from=&to=`: the form, and the figures when the
/// range is right; a wrong range comes back with what was typed and each field's reason.
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OccupancyQuery>,
) -> Result<Response, Error> {
    let location = readable_location(&state, &ctx, &q).await?;
    let user = ctx.user()?;
    let mut locations = Vec::new();
    for l in spaces::locations(&state.db).await? {
        if org::holds_over(&state.db, user, &READERS, l.unit_id).await? {
            locations.push((l.id, ctx.text(&l.name).text, l.id == location.id));
        }
    }
    let range = report::parse_range(q.from.as_deref(), q.to.as_deref(), today(&location));
    let (from, to) = match &range {
        Ok((from, to)) => (from.to_string(), to.to_string()),
        Err(_) => (
            q.from.clone().unwrap_or_default(),
            q.to.clone().unwrap_or_default(),
        ),
    };
    let mut view = OccupancyPage {
        ctx: &ctx,
        errors: ctx.errors(vec![]),
        locations,
        from,
        to,
        heading: None,
        total: None,
        lines: vec![],
    };
    let (from, to) = match range {
        Ok(range) => range,
        Err(Error::Invalid(errors)) => {
            view.errors = ctx.errors(errors);
            return Ok(with_status(
                Page::new(&view).into_response(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
        Err(other) => return Err(other),
    };
    let report = report::compute(&state.db, &location, from, to).await?;
    // Only the hours and days the location is open at some time get a column or a row.
    let mut hours: Vec<u32> = report.total.cells.iter().map(|c| c.hour).collect();
    hours.sort_unstable();
    hours.dedup();
    let mut days: Vec<u32> = report.total.cells.iter().map(|c| c.weekday).collect();
    days.sort_unstable();
    days.dedup();
    let all = ctx.t("occupancy-all-resources");
    view.heading = Some(crate::i18n::translate(
        ctx.locale,
        "occupancy-heading",
        Some(
            &crate::i18n::Args::new()
                .set("from", ctx.date(&from))
                .set("to", ctx.date(&to))
                .set("zone", report.time_zone.clone()),
        ),
    ));
    view.total = Some(line(
        &ctx,
        all,
        ctx.locale.tag(),
        true,
        &report.total,
        &hours,
        &days,
    ));
    for k in &report.kinds {
        let name = ctx.t(format!("occupancy-kind-{}", k.kind.replace('_', "-")));
        view.lines.push(line(
            &ctx,
            name,
            ctx.locale.tag(),
            true,
            &k.figures,
            &hours,
            &days,
        ));
        for r in report.resources.iter().filter(|r| r.kind == k.kind) {
            let shown = ctx.text(&r.name);
            view.lines.push(line(
                &ctx, shown.text, shown.lang, false, &r.figures, &hours, &days,
            ));
        }
    }
    Ok(Page::new(&view).into_response())
}
