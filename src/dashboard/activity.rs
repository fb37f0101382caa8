//! The dashboard's charts of what the center does: events per month, their attendance and
//! categories, and the initiatives' funnel (submitted → answered → implemented) with the
//! answers past their deadline. Counted over the units of the scope's subtree.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::chart::{Chart, Plot, Row, Table, Value};
use super::charts::{Key, Scope, month_label};
use crate::error::Error;
use crate::http::Ctx;
use crate::i18n::Text;
use crate::i18n::format::AKTOBE;
use crate::on_db;
use crate::state::AppState;

/// The first instant of a local date in the center's zone.
fn local_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(AKTOBE).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
}

fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&AKTOBE).date_naive()
}

fn percent(part: i64, whole: i64) -> Value {
    Value::Percent((whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0))
}

/// One held (or coming) event of the scope: published or finished, not cancelled.
pub struct Held {
    category: String,
    day: NaiveDate,
    started: bool,
    places: i64,
    came: i64,
}

/// The scope's events of the range, read once for the charts that count them.
pub async fn events(state: &AppState, scope: &Scope) -> Result<Vec<Held>, Error> {
    type R = (i64, String, DateTime<Utc>, i64, i64);
    let rows: Vec<R> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT e.unit_id, e.category, e.start_at,
             (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered'),
             (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.checked_in_at IS NOT NULL)
         FROM events e
         WHERE e.status IN ('published', 'finished') AND e.start_at >= $1 AND e.start_at < $2")
        .bind(local_start(scope.from))
        .bind(local_start(scope.to + chrono::Duration::days(1)))
        .fetch_all(pool)
        .await)?;
    let now = crate::clock::now();
    Ok(rows
        .into_iter()
        .filter(|r| scope.subtree.contains(&r.0))
        .map(|r| Held {
            category: r.1,
            day: local_date(r.2),
            started: r.2 <= now,
            places: r.3,
            came: r.4,
        })
        .collect())
}

/// Events per month, and of the places taken at those already held, how many came.
pub fn events_and_attendance(ctx: &Ctx, scope: &Scope, held: &[Held]) -> (Chart, Chart) {
    let mut per_month = Vec::new();
    let mut attendance = Vec::new();
    for period in &scope.periods {
        let of_month: Vec<&Held> = held
            .iter()
            .filter(|e| e.day >= period.start && e.day <= period.end)
            .collect();
        let label = month_label(period.start, ctx);
        per_month.push(Row {
            label: label.clone(),
            lang: None,
            values: vec![Value::Count(of_month.len() as i64)],
        });
        let past: Vec<&&Held> = of_month.iter().filter(|e| e.started).collect();
        let places: i64 = past.iter().map(|e| e.places).sum();
        let came: i64 = past.iter().map(|e| e.came).sum();
        attendance.push(Row {
            label,
            lang: None,
            values: vec![
                Value::Count(places),
                Value::Count(came),
                percent(came, places),
            ],
        });
    }
    let events = Chart {
        key: Key::Events.slug(),
        title: ctx.t("dashboard-events-title"),
        caption: ctx.t("dashboard-events-caption"),
        table: Table {
            headers: vec![ctx.t("dashboard-col-month"), ctx.t("dashboard-col-events")],
            rows: per_month,
        },
        plot: Plot::Columns { column: 0 },
    };
    let attendance = Chart {
        key: Key::Attendance.slug(),
        title: ctx.t("dashboard-attendance-title"),
        caption: ctx.t("dashboard-attendance-caption"),
        table: Table {
            headers: vec![
                ctx.t("dashboard-col-month"),
                ctx.t("dashboard-col-places"),
                ctx.t("dashboard-col-came"),
                ctx.t("dashboard-col-came-share"),
            ],
            rows: attendance,
        },
        plot: Plot::Lines {
            columns: vec![0, 1],
        },
    };
    (events, attendance)
}

/// Events of the range by category, most first.
pub fn categories(ctx: &Ctx, held: &[Held]) -> Chart {
    let mut by: HashMap<&str, (i64, i64)> = HashMap::new();
    for e in held {
        let entry = by.entry(e.category.as_str()).or_default();
        entry.0 += 1;
        entry.1 += e.came;
    }
    let mut counted: Vec<(crate::events::model::Category, (i64, i64))> =
        crate::events::model::Category::ALL
            .into_iter()
            .filter_map(|c| by.get(c.as_str()).map(|n| (c, *n)))
            .collect();
    counted.sort_by_key(|(_, (n, _))| std::cmp::Reverse(*n));
    let rows = counted
        .into_iter()
        .map(|(c, (n, came))| Row {
            label: ctx.t(c.message_id()),
            lang: None,
            values: vec![Value::Count(n), Value::Count(came)],
        })
        .collect();
    Chart {
        key: Key::Categories.slug(),
        title: ctx.t("dashboard-categories-title"),
        caption: ctx.t("dashboard-categories-caption"),
        table: Table {
            headers: vec![
                ctx.t("dashboard-col-category"),
                ctx.t("dashboard-col-events"),
                ctx.t("dashboard-col-came"),
            ],
            rows,
        },
        plot: Plot::Bars { column: 0 },
    }
}

/// Initiatives submitted in the range: how many were answered, accepted, implemented.
pub async fn funnel(state: &AppState, ctx: &Ctx, scope: &Scope) -> Result<Chart, Error> {
    type R = (i64, String, Option<String>);
    let rows: Vec<R> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT i.unit_id, i.status, a.decision
         FROM initiatives i LEFT JOIN initiative_answers a ON a.initiative_id = i.id
         WHERE i.submitted_at >= $1 AND i.submitted_at < $2")
        .bind(local_start(scope.from))
        .bind(local_start(scope.to + chrono::Duration::days(1)))
        .fetch_all(pool)
        .await)?;
    let rows: Vec<R> = rows
        .into_iter()
        .filter(|r| scope.subtree.contains(&r.0))
        .collect();
    let submitted = rows.len() as i64;
    let answered = rows.iter().filter(|r| r.2.is_some()).count() as i64;
    let accepted = rows
        .iter()
        .filter(|r| r.2.as_deref() == Some("accepted"))
        .count() as i64;
    let implemented = rows.iter().filter(|r| r.1 == "implemented").count() as i64;
    let step = |id: &str, n: i64| Row {
        label: ctx.t(id),
        lang: None,
        values: vec![Value::Count(n), percent(n, submitted)],
    };
    Ok(Chart {
        key: Key::Funnel.slug(),
        title: ctx.t("dashboard-funnel-title"),
        caption: ctx.t("dashboard-funnel-caption"),
        table: Table {
            headers: vec![
                ctx.t("dashboard-col-step"),
                ctx.t("dashboard-col-initiatives"),
                ctx.t("dashboard-col-of-submitted"),
            ],
            rows: vec![
                step("dashboard-step-submitted", submitted),
                step("dashboard-step-answered", answered),
                step("dashboard-step-accepted", accepted),
                step("dashboard-step-implemented", implemented),
            ],
        },
        plot: Plot::Bars { column: 0 },
    })
}

/// Promises past their deadline today (an official answer or a meeting's decision), per
/// initiative of the scope, with the days they are late.
pub async fn overdue(state: &AppState, ctx: &Ctx, scope: &Scope) -> Result<Chart, Error> {
    let today = crate::initiatives::clock_today();
    let late = crate::initiatives::storage::overdue(&state.db, today, None).await?;
    type R = (i64, i64, Option<String>, Option<String>);
    let titles: Vec<R> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT id, unit_id, title_kk, title_ru FROM initiatives
         WHERE status NOT IN ('implemented', 'declined', 'withdrawn')")
        .fetch_all(pool)
        .await)?;
    let titles: HashMap<i64, (i64, Text)> = titles
        .into_iter()
        .map(|(id, unit, kk, ru)| (id, (unit, Text::new(kk, ru))))
        .collect();
    // The oldest deadline of each initiative (the list comes oldest first).
    let mut rows: Vec<Row> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for o in late {
        let Some((unit, title)) = titles.get(&o.initiative_id) else {
            continue;
        };
        if !scope.subtree.contains(unit) || !seen.insert(o.initiative_id) {
            continue;
        }
        let shown = ctx.text(title);
        rows.push(Row {
            label: shown.text,
            lang: shown.fallback.then_some(shown.lang),
            values: vec![Value::Count((today - o.deadline).num_days())],
        });
    }
    Ok(Chart {
        key: Key::Overdue.slug(),
        title: ctx.t("dashboard-overdue-title"),
        caption: ctx.t("dashboard-overdue-caption"),
        table: Table {
            headers: vec![
                ctx.t("dashboard-col-initiative"),
                ctx.t("dashboard-col-days-late"),
            ],
            rows,
        },
        plot: Plot::Bars { column: 0 },
    })
}
