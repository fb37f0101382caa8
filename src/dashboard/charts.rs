//! The dashboard's charts: a registry of keys, the scope they are computed over (a unit
//! and its subtree, a range of dates cut into months), and one builder per chart that
//! answers a [`Chart`] (or nothing, when the caller may not read its source).
//!
//! Adding a chart is a [`Key`] variant (its slug), a builder returning a `Chart` with one
//! of the existing plots, and its `dashboard-…` messages. The charts of events and
//! initiatives are built in `activity.rs`.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;

use super::activity;
use super::chart::{Chart, Plot, Row, Table, Value};
use crate::accounts::Role;
use crate::error::{Error, FieldError};
use crate::http::Ctx;
use crate::i18n::Language;
use crate::on_db;
use crate::org::{self, Unit};
use crate::state::AppState;

/// Who reads the dashboard (within their scope).
pub const READERS: [Role; 3] = [Role::Observer, Role::Admin, Role::Coordinator];
/// The longest range, in days.
pub const MAX_DAYS: i64 = 3 * 366;
/// Figures of an ethnocultural association below this are withheld (as in the youth share).
const SMALL: i64 = 5;

/// Every chart, in the order the dashboard shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    MembersByUnit,
    NewMembers,
    YouthShare,
    Occupancy,
    NoShows,
    Events,
    Attendance,
    Categories,
    Funnel,
    Overdue,
}

impl Key {
    pub const ALL: [Key; 10] = [
        Key::MembersByUnit,
        Key::NewMembers,
        Key::YouthShare,
        Key::Occupancy,
        Key::NoShows,
        Key::Events,
        Key::Attendance,
        Key::Categories,
        Key::Funnel,
        Key::Overdue,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Key::MembersByUnit => "members-by-unit",
            Key::NewMembers => "new-members",
            Key::YouthShare => "youth-share",
            Key::Occupancy => "occupancy",
            Key::NoShows => "no-shows",
            Key::Events => "events",
            Key::Attendance => "attendance",
            Key::Categories => "event-categories",
            Key::Funnel => "initiatives-funnel",
            Key::Overdue => "overdue-answers",
        }
    }

    pub fn parse(slug: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// The question, as asked on the page, the downloads and the API.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct DashboardQuery {
    /// The unit (with its subtree); the reader's top unit when absent.
    pub unit: Option<i64>,
    /// First date (`YYYY-MM-DD`), included; default: the first day of the month eleven
    /// months before `to`.
    pub from: Option<String>,
    /// Last date, included; default: today (Asia/Aqtobe). At most three years after `from`.
    pub to: Option<String>,
}

/// One month of the range (the first and last may be cut by it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What the charts are computed over.
pub struct Scope {
    pub unit: Unit,
    pub units: Vec<Unit>,
    pub subtree: HashSet<i64>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub periods: Vec<Period>,
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// The months from `from` to `to`, each cut to the range.
pub fn periods(from: NaiveDate, to: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    let mut start = month_start(from);
    while start <= to {
        let next = next_month(start);
        out.push(Period {
            start: start.max(from),
            end: (next - Duration::days(1)).min(to),
        });
        start = next;
    }
    out
}

/// The range asked for (see [`DashboardQuery`]).
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), Error> {
    let parse = |field: &'static str, raw: Option<&str>| match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => crate::clock::parse_date(raw)
            .map(Some)
            .map_err(|_| FieldError::new(field, "invalid_date")),
    };
    let (from, to) = match (parse("from", from), parse("to", to)) {
        (Ok(from), Ok(to)) => (from, to),
        (from, to) => {
            return Err(Error::Invalid(
                [from.err(), to.err()].into_iter().flatten().collect(),
            ));
        }
    };
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| {
        let mut start = month_start(to);
        for _ in 0..11 {
            start = month_start(start - Duration::days(1));
        }
        start
    });
    if to < from {
        return Err(Error::invalid("to", "before_from"));
    }
    if (to - from).num_days() + 1 > MAX_DAYS {
        return Err(Error::Invalid(vec![
            FieldError::new("to", "window_too_long").with_limit(MAX_DAYS),
        ]));
    }
    Ok((from, to))
}

/// The scope of the caller's question: a unit they read reports of, and the range.
pub async fn scope(state: &AppState, ctx: &Ctx, q: &DashboardQuery) -> Result<Scope, Error> {
    let user = ctx.user()?;
    let top = crate::members::youth::readable_top(&state.db, user, q.unit).await?;
    let (from, to) = parse_range(
        q.from.as_deref(),
        q.to.as_deref(),
        crate::members::routes::today(),
    )?;
    let units = org::storage::all(&state.db).await?;
    let unit = units
        .iter()
        .find(|u| u.id == top)
        .cloned()
        .ok_or(Error::NotFound)?;
    let subtree = org::storage::subtree(&state.db, top)
        .await?
        .into_iter()
        .collect();
    Ok(Scope {
        unit,
        units,
        subtree,
        from,
        to,
        periods: periods(from, to),
    })
}

/// A month as a column or axis label: `11.2026` (kk, ru), `2026-11` (en).
pub fn month_label(d: NaiveDate, ctx: &Ctx) -> String {
    match ctx.locale.language() {
        Language::En => d.format("%Y-%m").to_string(),
        Language::Kk | Language::Ru => d.format("%m.%Y").to_string(),
    }
}

/// Builds one chart; `None` when the caller may not read what it is made of.
pub async fn build(
    key: Key,
    state: &AppState,
    ctx: &Ctx,
    scope: &Scope,
) -> Result<Option<Chart>, Error> {
    match key {
        Key::MembersByUnit => members_by_unit(state, ctx, scope).await.map(Some),
        Key::NewMembers => new_members(state, ctx, scope).await.map(Some),
        Key::YouthShare => youth_share(state, ctx, scope).await.map(Some),
        Key::Occupancy => Ok(occupancy(state, ctx, scope).await?.map(|(heat, _)| heat)),
        Key::NoShows => Ok(occupancy(state, ctx, scope)
            .await?
            .map(|(_, no_shows)| no_shows)),
        Key::Events | Key::Attendance | Key::Categories => {
            let held = activity::events(state, scope).await?;
            let (events, attendance) = activity::events_and_attendance(ctx, scope, &held);
            Ok(Some(match key {
                Key::Events => events,
                Key::Attendance => attendance,
                _ => activity::categories(ctx, &held),
            }))
        }
        Key::Funnel => activity::funnel(state, ctx, scope).await.map(Some),
        Key::Overdue => activity::overdue(state, ctx, scope).await.map(Some),
    }
}

/// Every chart the caller may read, in order (the occupancy report computed once).
pub async fn build_all(state: &AppState, ctx: &Ctx, scope: &Scope) -> Result<Vec<Chart>, Error> {
    let mut charts = vec![
        members_by_unit(state, ctx, scope).await?,
        new_members(state, ctx, scope).await?,
        youth_share(state, ctx, scope).await?,
    ];
    if let Some((heat, no_shows)) = occupancy(state, ctx, scope).await? {
        charts.push(heat);
        charts.push(no_shows);
    }
    // The scope's events are read once for the three charts that count them.
    let held = activity::events(state, scope).await?;
    let (events, attendance) = activity::events_and_attendance(ctx, scope, &held);
    charts.push(events);
    charts.push(attendance);
    charts.push(activity::categories(ctx, &held));
    charts.push(activity::funnel(state, ctx, scope).await?);
    charts.push(activity::overdue(state, ctx, scope).await?);
    Ok(charts)
}

/// Memberships that count (active, of live accounts), started by the end of the range.
async fn memberships(
    state: &AppState,
    scope: &Scope,
) -> Result<Vec<(i64, i64, NaiveDate, Option<NaiveDate>)>, Error> {
    let rows: Vec<(i64, i64, NaiveDate, Option<NaiveDate>)> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT m.unit_id, m.user_id, m.started_on, m.ended_on
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.status = 'active' AND u.deleted_at IS NULL AND m.started_on <= $1")
        .bind(scope.to)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .filter(|r| scope.subtree.contains(&r.0))
        .collect())
}

/// Members of the unit and of each unit right below it (with their subtrees) at the end
/// of each month.
async fn members_by_unit(state: &AppState, ctx: &Ctx, scope: &Scope) -> Result<Chart, Error> {
    let mut children: Vec<&Unit> = scope
        .units
        .iter()
        .filter(|u| u.parent_id == Some(scope.unit.id))
        .collect();
    children.sort_by(|a, b| crate::i18n::collate::compare_text(ctx.locale, &a.name, &b.name));
    // Which child each unit of the subtree belongs to (the unit itself: none).
    let parent: HashMap<i64, Option<i64>> =
        scope.units.iter().map(|u| (u.id, u.parent_id)).collect();
    let group_of = |mut id: i64| -> Option<usize> {
        loop {
            let p = parent.get(&id).copied().flatten()?;
            if p == scope.unit.id {
                return children.iter().position(|c| c.id == id);
            }
            id = p;
        }
    };
    // Column 0 is the unit's total, then one per child.
    let mut seen: Vec<Vec<HashSet<i64>>> =
        vec![vec![HashSet::new(); scope.periods.len()]; children.len() + 1];
    for (unit, user, started, ended) in memberships(state, scope).await? {
        let group = group_of(unit);
        for (p, period) in scope.periods.iter().enumerate() {
            if started <= period.end && ended.is_none_or(|e| e >= period.end) {
                seen[0][p].insert(user);
                if let Some(g) = group {
                    seen[g + 1][p].insert(user);
                }
            }
        }
    }
    let sensitive: Vec<bool> = std::iter::once(scope.unit.is_sensitive())
        .chain(children.iter().map(|c| c.is_sensitive()))
        .collect();
    let value = |g: usize, p: usize| {
        let n = seen[g][p].len() as i64;
        if sensitive[g] && n > 0 && n < SMALL {
            Value::Withheld
        } else {
            Value::Count(n)
        }
    };
    let mut headers = vec![
        ctx.t("dashboard-col-month"),
        ctx.text(&scope.unit.name).text,
    ];
    headers.extend(children.iter().map(|c| ctx.text(&c.name).text));
    let rows = scope
        .periods
        .iter()
        .enumerate()
        .map(|(p, period)| Row {
            label: month_label(period.start, ctx),
            lang: None,
            values: (0..=children.len()).map(|g| value(g, p)).collect(),
        })
        .collect();
    // The total and the largest units right below, by their last month.
    let last = scope.periods.len().saturating_sub(1);
    let mut by_size: Vec<usize> = (1..=children.len()).collect();
    by_size.sort_by_key(|g| std::cmp::Reverse(seen[*g].get(last).map_or(0, HashSet::len)));
    let mut columns = vec![0];
    columns.extend(by_size.into_iter().take(super::svg::MAX_SERIES - 1));
    Ok(Chart {
        key: Key::MembersByUnit.slug(),
        title: ctx.t("dashboard-members-title"),
        caption: ctx.t("dashboard-members-caption"),
        table: Table { headers, rows },
        plot: Plot::Lines { columns },
    })
}

/// People whose first membership in the subtree starts in each month.
async fn new_members(state: &AppState, ctx: &Ctx, scope: &Scope) -> Result<Chart, Error> {
    let mut first: HashMap<i64, NaiveDate> = HashMap::new();
    for (_, user, started, _) in memberships(state, scope).await? {
        first
            .entry(user)
            .and_modify(|d| *d = (*d).min(started))
            .or_insert(started);
    }
    let rows = scope
        .periods
        .iter()
        .map(|period| Row {
            label: month_label(period.start, ctx),
            lang: None,
            values: vec![Value::Count(
                first
                    .values()
                    .filter(|d| **d >= period.start && **d <= period.end)
                    .count() as i64,
            )],
        })
        .collect();
    Ok(Chart {
        key: Key::NewMembers.slug(),
        title: ctx.t("dashboard-new-title"),
        caption: ctx.t("dashboard-new-caption"),
        table: Table {
            headers: vec![ctx.t("dashboard-col-month"), ctx.t("dashboard-col-new")],
            rows,
        },
        plot: Plot::Columns { column: 0 },
    })
}

/// The youth share in positions of the unit and the units right below it, at the end of
/// the range (`members::youth`).
async fn youth_share(state: &AppState, ctx: &Ctx, scope: &Scope) -> Result<Chart, Error> {
    let report = crate::members::youth::compute(
        state,
        ctx,
        &crate::members::youth::ShareQuery {
            on: Some(scope.to.format("%Y-%m-%d").to_string()),
            unit: Some(scope.unit.id),
        },
    )
    .await?;
    let rows = report
        .rows
        .iter()
        .filter(|r| r.depth <= 1)
        .map(|r| Row {
            label: r.name.clone(),
            lang: None,
            values: if r.withheld {
                vec![Value::Withheld; 4]
            } else {
                vec![
                    Value::Count(r.members),
                    Value::Count(r.in_positions),
                    Value::Count(r.youth),
                    Value::Percent(r.share),
                ]
            },
        })
        .collect();
    Ok(Chart {
        key: Key::YouthShare.slug(),
        title: ctx.t("dashboard-youth-title"),
        caption: ctx.t1(
            "dashboard-youth-caption",
            "age",
            i64::from(report.youth_age),
        ),
        table: Table {
            headers: vec![
                ctx.t("dashboard-col-unit"),
                ctx.t("dashboard-col-members"),
                ctx.t("dashboard-col-positions"),
                ctx.t("dashboard-col-youth"),
                ctx.t("dashboard-col-share"),
            ],
            rows,
        },
        plot: Plot::Bars { column: 3 },
    })
}

/// The occupancy heatmap (hour × weekday) and the no-show rates of the first location in
/// the unit's subtree whose occupancy the caller reads.
async fn occupancy(
    state: &AppState,
    ctx: &Ctx,
    scope: &Scope,
) -> Result<Option<(Chart, Chart)>, Error> {
    let user = ctx.user()?;
    let mut location = None;
    for l in crate::spaces::storage::locations(&state.db).await? {
        if scope.subtree.contains(&l.unit_id)
            && org::holds_over(
                &state.db,
                user,
                &crate::occupancy::routes::READERS,
                l.unit_id,
            )
            .await?
        {
            location = Some(l);
            break;
        }
    }
    let Some(location) = location else {
        return Ok(None);
    };
    let report =
        crate::occupancy::report::compute(&state.db, &location, scope.from, scope.to).await?;
    let place = ctx.text(&location.name).text;

    // Hours that are open on some day, Monday … Sunday as columns.
    let mut hours: Vec<u32> = report.total.cells.iter().map(|c| c.hour).collect();
    hours.sort_unstable();
    hours.dedup();
    let mut headers = vec![ctx.t("dashboard-col-hour")];
    headers.extend((1..=7).map(|d| crate::i18n::format::weekday(d, ctx.locale)));
    let rows = hours
        .iter()
        .map(|hour| Row {
            label: format!("{hour:02}:00"),
            lang: None,
            values: (1..=7)
                .map(|day| {
                    Value::Percent(
                        report
                            .total
                            .cells
                            .iter()
                            .find(|c| c.weekday == day && c.hour == *hour)
                            .map(|c| c.utilisation),
                    )
                })
                .collect(),
        })
        .collect();
    let heat = Chart {
        key: Key::Occupancy.slug(),
        title: ctx.t("dashboard-occupancy-title"),
        caption: ctx.t1("dashboard-occupancy-caption", "name", place.clone()),
        table: Table { headers, rows },
        plot: Plot::Heat,
    };

    let line = |label: String, f: &crate::occupancy::report::Figures| Row {
        label,
        lang: None,
        values: vec![
            Value::Count(f.no_shows.completed),
            Value::Count(f.no_shows.checked_in),
            Value::Count(f.no_shows.no_shows),
            Value::Percent(f.no_shows.rate),
        ],
    };
    let mut rows: Vec<Row> = report
        .kinds
        .iter()
        .map(|k| {
            line(
                ctx.t(format!("manage-kind-{}", k.kind.replace('_', "-"))),
                &k.figures,
            )
        })
        .collect();
    rows.push(line(ctx.t("dashboard-col-total"), &report.total));
    let no_shows = Chart {
        key: Key::NoShows.slug(),
        title: ctx.t("dashboard-noshow-title"),
        caption: ctx.t1("dashboard-noshow-caption", "name", place),
        table: Table {
            headers: vec![
                ctx.t("dashboard-col-kind"),
                ctx.t("dashboard-col-completed"),
                ctx.t("dashboard-col-checked-in"),
                ctx.t("dashboard-col-no-shows"),
                ctx.t("dashboard-col-rate"),
            ],
            rows,
        },
        plot: Plot::Bars { column: 3 },
    };
    Ok(Some((heat, no_shows)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::clock::parse_date(s).unwrap()
    }

    #[test]
    fn a_range_is_cut_into_months() {
        assert_eq!(
            periods(d("2026-10-15"), d("2026-12-03")),
            vec![
                Period {
                    start: d("2026-10-15"),
                    end: d("2026-10-31")
                },
                Period {
                    start: d("2026-11-01"),
                    end: d("2026-11-30")
                },
                Period {
                    start: d("2026-12-01"),
                    end: d("2026-12-03")
                },
            ]
        );
        assert_eq!(periods(d("2026-12-31"), d("2027-01-01")).len(), 2);
    }

    #[test]
    fn the_default_range_is_twelve_months() {
        let (from, to) = parse_range(None, None, d("2026-12-01")).unwrap();
        assert_eq!((from, to), (d("2026-01-01"), d("2026-12-01")));
        assert_eq!(periods(from, to).len(), 12);
        assert!(parse_range(Some("2026-12-02"), Some("2026-12-01"), d("2026-12-01")).is_err());
        assert!(parse_range(Some("2020-01-01"), None, d("2026-12-01")).is_err());
        assert!(parse_range(Some("soon"), None, d("2026-12-01")).is_err());
    }
}
