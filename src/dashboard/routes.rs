//! `/reports/dashboard` (every chart with its table, unit and date filters), each table's
//! `.csv` and `.xlsx`, the printable `/reports/monthly` report, and
//! `GET /api/v1/reports/dashboard`.

use std::collections::HashSet;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::chart::{Chart, ChartData};
use super::charts::{self, DashboardQuery, Key, READERS, Scope};
use super::svg::{self, Mark, Svg};
use crate::error::Error;
use crate::http::{Ctx, Json, Page};
use crate::org::{self, Unit};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/dashboard", get(page))
        .route("/reports/dashboard/{file}", get(download))
        .route("/reports/monthly", get(monthly))
        .route("/api/v1/reports/dashboard", get(api))
}

/// A chart as the page shows it: the drawing and its table, values as the reader writes them.
pub struct ChartView {
    pub key: &'static str,
    pub title: String,
    pub caption: String,
    pub svg: Svg,
    pub headers: Vec<String>,
    /// (label, its `lang` when not the reader's, the shown values)
    pub rows: Vec<(String, Option<&'static str>, Vec<String>)>,
}

impl ChartView {
    fn new(chart: &Chart, ctx: &Ctx) -> ChartView {
        ChartView {
            key: chart.key,
            title: chart.title.clone(),
            caption: chart.caption.clone(),
            svg: svg::draw(chart, ctx.locale),
            headers: chart.table.headers.clone(),
            rows: chart
                .table
                .rows
                .iter()
                .map(|r| {
                    (
                        r.label.clone(),
                        r.lang,
                        r.values.iter().map(|v| svg::show(v, ctx.locale)).collect(),
                    )
                })
                .collect(),
        }
    }
}

/// The units a reader may choose: those in the subtrees where they read reports, in tree
/// order, siblings alphabetical, indented by depth. (id, label, chosen)
async fn unit_choices(
    state: &AppState,
    ctx: &Ctx,
    scope: &Scope,
) -> Result<Vec<(i64, String, bool)>, Error> {
    let user = ctx.user()?;
    let mut readable = HashSet::new();
    for role in READERS {
        for unit in user.units_with(role) {
            if !readable.contains(&unit) {
                readable.extend(org::storage::subtree(&state.db, unit).await?);
            }
        }
    }
    let mut out = Vec::new();
    fn walk(
        units: &[Unit],
        parent: Option<i64>,
        depth: usize,
        ctx: &Ctx,
        readable: &HashSet<i64>,
        chosen: i64,
        out: &mut Vec<(i64, String, bool)>,
    ) {
        let mut children: Vec<&Unit> = units.iter().filter(|u| u.parent_id == parent).collect();
        children.sort_by(|a, b| crate::i18n::collate::compare_text(ctx.locale, &a.name, &b.name));
        for unit in children {
            let shown = readable.contains(&unit.id);
            if shown {
                let indent = "· ".repeat(depth);
                out.push((
                    unit.id,
                    format!("{indent}{}", ctx.text(&unit.name).text),
                    unit.id == chosen,
                ));
            }
            let below = if shown { depth + 1 } else { depth };
            walk(units, Some(unit.id), below, ctx, readable, chosen, out);
        }
    }
    walk(
        &scope.units,
        None,
        0,
        ctx,
        &readable,
        scope.unit.id,
        &mut out,
    );
    Ok(out)
}

/// The query string that asks the same question again (for the downloads).
fn same_question(scope: &Scope) -> String {
    format!(
        "unit={}&from={}&to={}",
        scope.unit.id,
        scope.from.format("%Y-%m-%d"),
        scope.to.format("%Y-%m-%d")
    )
}

#[derive(Template)]
#[template(path = "dashboard/page.html")]
struct DashboardPage<'a> {
    ctx: &'a Ctx,
    unit: String,
    from: String,
    to: String,
    range: String,
    month: String,
    units: Vec<(i64, String, bool)>,
    query: String,
    charts: Vec<ChartView>,
}

/// `GET /reports/dashboard?unit=&from=&to=`
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DashboardQuery>,
) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(crate::http::page::see_other(
            "/login?next=/reports/dashboard",
            axum::http::HeaderMap::new(),
        ));
    }
    let scope = charts::scope(&state, &ctx, &q).await?;
    let charts = charts::build_all(&state, &ctx, &scope).await?;
    Ok(Page::new(&DashboardPage {
        ctx: &ctx,
        unit: ctx.text(&scope.unit.name).text,
        from: scope.from.format("%Y-%m-%d").to_string(),
        to: scope.to.format("%Y-%m-%d").to_string(),
        range: format!("{} — {}", ctx.date(&scope.from), ctx.date(&scope.to)),
        month: scope.to.format("%Y-%m").to_string(),
        units: unit_choices(&state, &ctx, &scope).await?,
        query: same_question(&scope),
        charts: charts.iter().map(|c| ChartView::new(c, &ctx)).collect(),
    })
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
struct MonthlyQuery {
    unit: Option<i64>,
    /// `YYYY-MM`; this month when absent.
    month: Option<String>,
}

#[derive(Template)]
#[template(path = "dashboard/monthly.html")]
struct MonthlyPage<'a> {
    ctx: &'a Ctx,
    heading: String,
    range: String,
    made: String,
    query: String,
    charts: Vec<ChartView>,
}

/// `GET /reports/monthly?unit=&month=`: one month of the branch, laid out for printing.
async fn monthly(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<MonthlyQuery>,
) -> Result<Response, Error> {
    ctx.user()?;
    let today = crate::members::routes::today();
    let start = match q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => today.with_day(1),
        Some(m) => crate::clock::parse_date(&format!("{m}-01")).ok(),
    }
    .ok_or_else(|| Error::invalid("month", "invalid_date"))?;
    // The month's last day, or today while it lasts.
    let end = charts::periods(start, start + chrono::Duration::days(40))[0]
        .end
        .min(today)
        .max(start);
    let question = DashboardQuery {
        unit: q.unit,
        from: Some(start.format("%Y-%m-%d").to_string()),
        to: Some(end.format("%Y-%m-%d").to_string()),
    };
    let scope = charts::scope(&state, &ctx, &question).await?;
    let charts = charts::build_all(&state, &ctx, &scope).await?;
    let unit = ctx.text(&scope.unit.name).text;
    Ok(Page::new(&MonthlyPage {
        ctx: &ctx,
        heading: ctx.t1("dashboard-monthly-heading", "name", unit),
        range: format!("{} — {}", ctx.date(&scope.from), ctx.date(&scope.to)),
        made: ctx.t1("dashboard-monthly-made", "date", ctx.date(&today)),
        query: same_question(&scope),
        charts: charts.iter().map(|c| ChartView::new(c, &ctx)).collect(),
    })
    .into_response())
}

/// `GET /reports/dashboard/{key}.csv` and `{key}.xlsx`: one chart's table.
async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
    Query(q): Query<DashboardQuery>,
) -> Result<Response, Error> {
    let (slug, format) = file.rsplit_once('.').ok_or(Error::NotFound)?;
    let key = Key::parse(slug).ok_or(Error::NotFound)?;
    if format != "csv" && format != "xlsx" {
        return Err(Error::NotFound);
    }
    let scope = charts::scope(&state, &ctx, &q).await?;
    let chart = charts::build(key, &state, &ctx, &scope)
        .await?
        .ok_or(Error::Forbidden)?;
    let (bytes, content_type) = if format == "csv" {
        (super::export::csv(&chart)?, "text/csv; charset=utf-8")
    } else {
        (
            super::export::xlsx(&chart)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    };
    let name = format!(
        "ortaq-{slug}-{}-{}.{format}",
        scope.from.format("%Y%m%d"),
        scope.to.format("%Y%m%d")
    );
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| Error::Internal(anyhow::Error::new(e).context("file name header")))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    Ok(response)
}

/// The dashboard's numbers.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub unit_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every chart the caller may read, in the page's order; headers in the reader's language.
    pub charts: Vec<ChartData>,
}

/// The leadership dashboard's tables: members by unit per month, new members per month,
/// the youth share, and (for readers of the location's occupancy) the occupancy by
/// weekday × hour and no-show rates. Observers, admins and coordinators, in their scope.
#[utoipa::path(get, path = "/api/v1/reports/dashboard", tag = "reports", params(DashboardQuery),
    responses((status = 200, body = Dashboard), (status = 401, body = crate::api::problem::Problem),
        (status = 403, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DashboardQuery>,
) -> Result<Json<Dashboard>, Error> {
    let scope = charts::scope(&state, &ctx, &q).await?;
    let charts = charts::build_all(&state, &ctx, &scope).await?;
    Ok(Json(Dashboard {
        unit_id: scope.unit.id,
        from: scope.from,
        to: scope.to,
        charts: charts.iter().map(ChartData::from).collect(),
    }))
}
