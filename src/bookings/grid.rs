//! The spaces page: a location's day (every resource in half-hour cells) or week (free time
//! per resource and day), and "book now" for a free desk.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Deserialize;

use super::book::{self, Request};
use super::rules;
use super::view::{self, Alert};
use crate::clock;
use crate::error::Error;
use crate::http::page::{see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::{Shown, format};
use crate::spaces::routes::{ResourceAvailability, availability};
use crate::spaces::{KINDS, Location, Resource, storage as spaces};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/spaces", get(page))
        .route("/book-now", post(book_now))
}

/// The grid's cells are this long.
const CELL_MINUTES: i64 = 30;
/// The lengths "book now" offers, in minutes.
const NOW_LENGTHS: [i64; 4] = [60, 120, 180, 240];

#[derive(Debug, Default, Deserialize)]
pub struct GridQuery {
    pub location: Option<i64>,
    pub date: Option<String>,
    /// `day` (default) or `week`.
    pub view: Option<String>,
    /// One kind of resource, or all.
    pub kind: Option<String>,
}

/// A heading of the grid: an hour (two cells) or a day.
pub struct Column {
    pub label: String,
    pub span: usize,
    pub current: bool,
}

/// One cell: its state (the class, and words for screen readers and the legend).
pub struct Cell {
    pub class: &'static str,
    pub label: String,
    pub text: String,
    pub href: Option<String>,
}

pub struct Row {
    pub id: i64,
    pub name: Shown,
    pub kind: String,
    pub capacity: i32,
    pub cells: Vec<Cell>,
}

/// A choice of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "spaces/grid.html")]
struct GridPage<'a> {
    ctx: &'a Ctx,
    location: Shown,
    location_id: i64,
    locations: Vec<Choice>,
    week: bool,
    heading: String,
    date: String,
    kinds: Vec<Choice>,
    prev: String,
    next: String,
    today: String,
    day_href: String,
    week_href: String,
    columns: Vec<Column>,
    rows: Vec<Row>,
    closed: bool,
    lengths: Vec<Choice>,
    alert: Option<Alert>,
}

/// The location a page is about: the one asked for, else the first.
pub async fn pick_location(state: &AppState, id: Option<i64>) -> Result<Location, Error> {
    match id {
        Some(id) => spaces::location(&state.db, id).await?,
        None => spaces::main_location(&state.db).await?,
    }
    .ok_or(Error::NotFound)
}

/// `GET /spaces`: the day or the week of a location's resources. Public.
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<GridQuery>,
) -> Result<Response, Error> {
    render(&state, &ctx, &q, None, NOW_LENGTHS[1]).await
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    q: &GridQuery,
    alert: Option<Alert>,
    length: i64,
) -> Result<Response, Error> {
    let location = pick_location(state, q.location).await?;
    let tz = location.time_zone;
    let now = clock::now();
    let today = now.with_timezone(&tz).date_naive();
    let date = match q.date.as_deref().map(str::trim) {
        None | Some("") => today,
        Some(raw) => {
            crate::clock::parse_date(raw).map_err(|_| Error::invalid("date", "invalid_date"))?
        }
    };
    let week = q.view.as_deref() == Some("week");
    let kind = q
        .kind
        .as_deref()
        .filter(|k| KINDS.contains(k))
        .unwrap_or("")
        .to_string();
    let resources: Vec<Resource> = spaces::resources(&state.db, Some(location.id))
        .await?
        .into_iter()
        .filter(|r| r.active && (kind.is_empty() || r.kind == kind))
        .collect();
    let href = |date: NaiveDate, week: bool| {
        let mut h = format!("/spaces?location={}&date={date}", location.id);
        if week {
            h.push_str("&view=week");
        }
        if !kind.is_empty() {
            h.push_str(&format!("&kind={kind}"));
        }
        h
    };
    let (columns, rows, closed, heading, step) = if week {
        let monday = date - Duration::days(date.weekday().num_days_from_monday().into());
        let (columns, rows) = week_grid(state, ctx, &location, &resources, monday, now).await?;
        let heading = format!(
            "{} – {}",
            format::date(monday, ctx.locale),
            format::date(monday + Duration::days(6), ctx.locale)
        );
        (columns, rows, false, heading, 7)
    } else {
        let (columns, rows, closed) =
            day_grid(state, ctx, &location, &resources, date, now).await?;
        let heading = format!(
            "{}, {}",
            format::date(date, ctx.locale),
            format::weekday(date.weekday().number_from_monday(), ctx.locale)
        );
        (columns, rows, closed, heading, 1)
    };
    let locations = spaces::locations(&state.db)
        .await?
        .iter()
        .map(|l| Choice {
            value: l.id.to_string(),
            label: ctx.text(&l.name).text,
            selected: l.id == location.id,
        })
        .collect();
    let mut kinds = vec![Choice {
        value: String::new(),
        label: ctx.t("grid-all-kinds"),
        selected: kind.is_empty(),
    }];
    kinds.extend(KINDS.iter().map(|k| Choice {
        value: k.to_string(),
        label: view::kind_name(ctx, k),
        selected: *k == kind,
    }));
    let lengths = NOW_LENGTHS
        .iter()
        .map(|m| Choice {
            value: m.to_string(),
            label: view::duration(ctx, *m),
            selected: *m == length,
        })
        .collect();
    let status = if alert.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(with_status(
        Page::new(&GridPage {
            ctx,
            location: ctx.text(&location.name),
            location_id: location.id,
            locations,
            week,
            heading,
            date: date.to_string(),
            kinds,
            prev: href(date - Duration::days(step), week),
            next: href(date + Duration::days(step), week),
            today: href(today, week),
            day_href: href(date, false),
            week_href: href(date, true),
            columns,
            rows,
            closed,
            lengths,
            alert,
        })
        .into_response(),
        status,
    ))
}

/// The cells of one resource over `[from, to)`: closed, booked, pending, free or past.
fn cell_state(
    a: &ResourceAvailability,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> &'static str {
    let meets = |s: DateTime<Utc>, e: DateTime<Utc>| s < to && from < e;
    if a.busy
        .iter()
        .any(|b| b.kind == "closed" && meets(b.start, b.end))
    {
        "closed"
    } else if a
        .busy
        .iter()
        .any(|b| b.kind == "booked" && meets(b.start, b.end))
    {
        "booked"
    } else if a
        .busy
        .iter()
        .any(|b| b.kind == "pending" && meets(b.start, b.end))
    {
        "pending"
    } else if !a.free.iter().any(|f| f.start <= from && to <= f.end) {
        "closed"
    } else if to <= now {
        "past"
    } else {
        "free"
    }
}

async fn day_grid(
    state: &AppState,
    ctx: &Ctx,
    location: &Location,
    resources: &[Resource],
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(Vec<Column>, Vec<Row>, bool), Error> {
    let tz = location.time_zone;
    let Some(hours) = location.hours_on(date.weekday().number_from_monday()) else {
        return Ok((vec![], vec![], true));
    };
    let (Some(open), Some(close)) = (
        rules::local_instant(tz, date, hours.opens),
        rules::local_instant(tz, date, hours.closes),
    ) else {
        return Ok((vec![], vec![], true));
    };
    let list = availability(state, location, resources, open, close).await?;
    let cells = ((close - open).num_minutes() / CELL_MINUTES).max(0) as usize;
    let at = |n: usize| open + Duration::minutes(CELL_MINUTES * n as i64);
    let mut columns: Vec<Column> = Vec::new();
    for n in 0..cells {
        let local = at(n).with_timezone(&tz);
        if n == 0 || chrono::Timelike::minute(&local) == 0 {
            columns.push(Column {
                label: format::time(local.time(), ctx.locale),
                span: 0,
                current: false,
            });
        }
        if let Some(last) = columns.last_mut() {
            last.span += 1;
            last.current |= at(n) <= now && now < at(n + 1);
        }
    }
    let rows = resources
        .iter()
        .zip(&list)
        .map(|(r, a)| Row {
            id: r.id,
            name: ctx.text(&r.name),
            kind: view::kind_name(ctx, &r.kind),
            capacity: r.capacity,
            cells: (0..cells)
                .map(|n| {
                    let (from, to) = (at(n), at(n + 1));
                    let class = cell_state(a, from, to, now);
                    let time = format::time(from.with_timezone(&tz).time(), ctx.locale);
                    Cell {
                        class,
                        label: format!("{time} {}", ctx.t(format!("grid-cell-{class}"))),
                        text: String::new(),
                        href: (class == "free").then(|| {
                            format!(
                                "/resources/{}?date={date}&start={}",
                                r.id,
                                from.with_timezone(&tz).format("%H:%M")
                            )
                        }),
                    }
                })
                .collect(),
        })
        .collect();
    Ok((columns, rows, false))
}

async fn week_grid(
    state: &AppState,
    ctx: &Ctx,
    location: &Location,
    resources: &[Resource],
    monday: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(Vec<Column>, Vec<Row>), Error> {
    let tz = location.time_zone;
    let from = rules::day_start(tz, monday);
    let to = rules::day_start(tz, monday + Duration::days(7));
    let list = availability(state, location, resources, from, to).await?;
    let today = now.with_timezone(&tz).date_naive();
    let days: Vec<NaiveDate> = (0..7).map(|d| monday + Duration::days(d)).collect();
    let columns = days
        .iter()
        .map(|d| Column {
            label: format!(
                "{} {}",
                format::weekday(d.weekday().number_from_monday(), ctx.locale),
                d.day()
            ),
            span: 1,
            current: *d == today,
        })
        .collect();
    let rows = resources
        .iter()
        .zip(&list)
        .map(|(r, a)| Row {
            id: r.id,
            name: ctx.text(&r.name),
            kind: view::kind_name(ctx, &r.kind),
            capacity: r.capacity,
            cells: days
                .iter()
                .map(|d| {
                    let (start, end) = (
                        rules::day_start(tz, *d).max(now),
                        rules::day_start(tz, *d + Duration::days(1)),
                    );
                    let free: i64 = a
                        .free
                        .iter()
                        .map(|f| (f.end.min(end) - f.start.max(start)).num_minutes().max(0))
                        .sum();
                    let open = location
                        .hours_on(d.weekday().number_from_monday())
                        .is_some();
                    let (class, text) = if end <= now {
                        ("past", String::new())
                    } else if !open
                        || (free == 0
                            && a.busy
                                .iter()
                                .any(|b| b.kind == "closed" && b.start < end && start < b.end))
                    {
                        ("closed", ctx.t("grid-cell-closed"))
                    } else if free == 0 {
                        ("booked", ctx.t("grid-cell-full"))
                    } else {
                        ("free", view::duration(ctx, free))
                    };
                    Cell {
                        class,
                        label: format!(
                            "{}: {}",
                            format::date(*d, ctx.locale),
                            match class {
                                "past" => ctx.t("grid-cell-past"),
                                "free" => ctx.t1("grid-free-time", "time", text.clone()),
                                _ => text.clone(),
                            }
                        ),
                        href: (class == "free").then(|| format!("/resources/{}?date={d}", r.id)),
                        text,
                    }
                })
                .collect(),
        })
        .collect();
    Ok((columns, rows))
}

#[derive(Debug, Default, Deserialize)]
pub struct BookNowForm {
    pub location: Option<i64>,
    #[serde(default)]
    pub minutes: String,
}

/// `POST /book-now`: the first desk free from the current slot for the chosen length.
async fn book_now(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<BookNowForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let location = pick_location(&state, form.location).await?;
    let q = GridQuery {
        location: Some(location.id),
        ..GridQuery::default()
    };
    let minutes = form
        .minutes
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|m| NOW_LENGTHS.contains(m))
        .ok_or_else(|| Error::invalid("minutes", "invalid_choice"))?;
    let desks: Vec<Resource> = spaces::resources(&state.db, Some(location.id))
        .await?
        .into_iter()
        .filter(|r| r.active && r.kind == "desk")
        .collect();
    let now = clock::now();
    let tz = location.time_zone;
    // Each desk's own slot grid sets where "now" starts; one availability read covers all.
    let mut starts = Vec::with_capacity(desks.len());
    for desk in &desks {
        let (rules, _) = spaces::rules(&state.db, desk).await?;
        starts.push(rules::floor_to_slot(now, tz, rules.slot_minutes.into()));
    }
    let length = Duration::minutes(minutes);
    let window = (
        starts.iter().min().copied().unwrap_or(now),
        starts.iter().max().copied().unwrap_or(now) + length,
    );
    let free = availability(&state, &location, &desks, window.0, window.1).await?;
    let mut last_refusal = None;
    for ((desk, start), free) in desks.iter().zip(starts).zip(free) {
        let end = start + length;
        if !free.free.iter().any(|f| f.start <= start && end <= f.end) {
            continue;
        }
        let req = Request {
            resource_id: desk.id,
            start,
            end,
            purpose: None,
            for_user: None,
            override_reason: None,
            initiative_id: None,
        };
        match book::book(
            &state.db,
            &state.spaces,
            &state.bookings,
            &user,
            ctx.ip,
            &req,
        )
        .await
        {
            Ok(booking) => {
                return Ok(see_other(
                    &format!("/bookings/{}?booked=1", booking.id),
                    HeaderMap::new(),
                ));
            }
            // Taken a moment ago, or this desk is not open to the member: try the next.
            Err(Error::BookingConflict { .. }) => {}
            Err(Error::Rule {
                code: "booking_not_allowed",
                ..
            }) => {}
            Err(err @ Error::Rule { .. }) => {
                last_refusal = Some(err);
                break;
            }
            Err(other) => return Err(other),
        }
    }
    let alert = match last_refusal {
        Some(err) => view::alert(&ctx, tz, &err),
        None => Some(Alert {
            title: ctx.t("book-now-none"),
            detail: ctx.t("book-now-none-detail"),
        }),
    };
    render(&state, &ctx, &q, alert, minutes).await
}
