//! Initiatives in the database: the initiative, its team, supports, thresholds, timeline
//! and official answer. Rules live in `flow.rs`; this module only reads and writes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::model::{Category, Draft, Initiative, Needs, Status};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::i18n::Text;
use crate::{on_db, on_tx};

/// The support threshold of a unit that neither it nor any unit above it sets.
pub const DEFAULT_THRESHOLD: i64 = 25;

const COLUMNS: &str = "i.id, i.unit_id, i.author_id, u.display_name AS author_name, i.category,
    i.status, i.title_kk, i.title_ru, i.summary_kk, i.summary_ru, i.description_kk,
    i.description_ru, i.need_space, i.need_equipment, i.budget_kzt, i.partners, i.report_kk,
    i.report_ru, i.supports, i.created_at, i.updated_at, i.submitted_at";

const FROM: &str = "initiatives i LEFT JOIN users u ON u.id = i.author_id";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    unit_id: i64,
    author_id: Option<i64>,
    author_name: Option<String>,
    category: String,
    status: String,
    title_kk: Option<String>,
    title_ru: Option<String>,
    summary_kk: Option<String>,
    summary_ru: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    need_space: Option<String>,
    need_equipment: Option<String>,
    budget_kzt: Option<i64>,
    partners: Option<String>,
    report_kk: Option<String>,
    report_ru: Option<String>,
    supports: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
}

impl From<Row> for Initiative {
    fn from(r: Row) -> Initiative {
        Initiative {
            id: r.id,
            unit_id: r.unit_id,
            author_id: r.author_id,
            author_name: r.author_name.filter(|n| !n.is_empty()),
            category: Category::parse(&r.category).unwrap_or(Category::Other),
            status: Status::parse(&r.status).unwrap_or(Status::Draft),
            title: Text::new(r.title_kk, r.title_ru),
            summary: Text::new(r.summary_kk, r.summary_ru),
            description: Text::new(r.description_kk, r.description_ru),
            needs: Needs {
                space: r.need_space,
                equipment: r.need_equipment,
                budget_kzt: r.budget_kzt,
                partners: r.partners,
            },
            report: Text::new(r.report_kk, r.report_ru),
            supports: r.supports,
            created_at: r.created_at,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
        }
    }
}

pub async fn insert(tx: &mut Tx, author_id: i64, d: &Draft) -> Result<i64, Error> {
    let now = clock::now();
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO initiatives (unit_id, author_id, category, status, title_kk, title_ru,
             summary_kk, summary_ru, description_kk, description_ru, need_space, need_equipment,
             budget_kzt, partners, created_at, updated_at)
         VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
         RETURNING id")
        .bind(d.unit_id)
        .bind(author_id)
        .bind(d.category.as_str())
        .bind(&d.title.kk)
        .bind(&d.title.ru)
        .bind(&d.summary.kk)
        .bind(&d.summary.ru)
        .bind(&d.description.kk)
        .bind(&d.description.ru)
        .bind(&d.needs.space)
        .bind(&d.needs.equipment)
        .bind(d.needs.budget_kzt)
        .bind(&d.needs.partners)
        .bind(now)
        .fetch_one(conn)
        .await)?;
    super::search::reindex(tx, id).await?;
    Ok(id)
}

/// Rewrites the texts and needs of an initiative still in `status`; false if it moved on.
pub async fn update(tx: &mut Tx, id: i64, status: Status, d: &Draft) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE initiatives SET unit_id = $2, category = $3, title_kk = $4, title_ru = $5,
             summary_kk = $6, summary_ru = $7, description_kk = $8, description_ru = $9,
             need_space = $10, need_equipment = $11, budget_kzt = $12, partners = $13,
             updated_at = $14
         WHERE id = $1 AND status = $15")
        .bind(id)
        .bind(d.unit_id)
        .bind(d.category.as_str())
        .bind(&d.title.kk)
        .bind(&d.title.ru)
        .bind(&d.summary.kk)
        .bind(&d.summary.ru)
        .bind(&d.description.kk)
        .bind(&d.description.ru)
        .bind(&d.needs.space)
        .bind(&d.needs.equipment)
        .bind(d.needs.budget_kzt)
        .bind(&d.needs.partners)
        .bind(clock::now())
        .bind(status.as_str())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 1 {
        super::search::reindex(tx, id).await?;
    }
    Ok(n == 1)
}

pub async fn set_report(tx: &mut Tx, id: i64, report: &Text) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE initiatives SET report_kk = $2, report_ru = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(&report.kk)
        .bind(&report.ru)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Initiative>, Error> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE i.id = $1");
    let row: Option<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await)?;
    Ok(row.map(Initiative::from))
}

/// The initiative read inside a write transaction (what the rules judge).
pub async fn find_in(tx: &mut Tx, id: i64) -> Result<Option<Initiative>, Error> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE i.id = $1");
    let row: Option<Row> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(conn).await)?;
    Ok(row.map(Initiative::from))
}

/// How a list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    MostSupported,
}

/// What the list shows; every part optional.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub category: Option<Category>,
    /// This unit and its subtree.
    pub units: Option<Vec<i64>>,
    /// Authored by, or on the team of, this member (drafts included).
    pub member: Option<i64>,
    pub sort: Sort,
    pub limit: i64,
    pub offset: i64,
}

pub async fn list(db: &Db, f: &Filter) -> Result<Vec<Initiative>, Error> {
    let mut sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE 1 = 1");
    // Values are bound; only the shape of the query is built here.
    if f.status.is_some() {
        sql.push_str(" AND i.status = $1");
    } else {
        sql.push_str(" AND ($1 IS NULL OR i.status = $1)");
    }
    sql.push_str(" AND ($2 IS NULL OR i.category = $2)");
    match f.member {
        Some(_) => sql.push_str(
            " AND (i.author_id = $3 OR EXISTS (SELECT 1 FROM initiative_team t
                 WHERE t.initiative_id = i.id AND t.user_id = $3))",
        ),
        None => sql.push_str(" AND i.status <> 'draft' AND $3 IS NULL"),
    }
    if let Some(units) = &f.units {
        let ids: Vec<String> = units.iter().map(i64::to_string).collect();
        if ids.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            sql.push_str(&format!(" AND i.unit_id IN ({})", ids.join(", ")));
        }
    }
    sql.push_str(match f.sort {
        Sort::Newest => " ORDER BY COALESCE(i.submitted_at, i.created_at) DESC, i.id DESC",
        Sort::MostSupported => " ORDER BY i.supports DESC, i.id DESC",
    });
    sql.push_str(" LIMIT $4 OFFSET $5");
    let status = f.status.map(|s| s.as_str());
    let category = f.category.map(|c| c.as_str());
    let limit = if f.limit > 0 { f.limit } else { 100 };
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(status)
        .bind(category)
        .bind(f.member)
        .bind(limit)
        .bind(f.offset)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(Initiative::from).collect())
}

/// Moves an initiative from `from` to `to`, if it is still in `from`.
pub async fn set_status(tx: &mut Tx, id: i64, from: Status, to: Status) -> Result<bool, Error> {
    let now = clock::now();
    let submitted = (to == Status::Submitted).then_some(now);
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE initiatives SET status = $3, updated_at = $4,
             submitted_at = COALESCE($5, submitted_at)
         WHERE id = $1 AND status = $2")
        .bind(id)
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(now)
        .bind(submitted)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 1 {
        super::search::reindex(tx, id).await?;
    }
    Ok(n == 1)
}

/// One entry of the public timeline.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TimelineEntry {
    pub id: i64,
    pub from: Option<Status>,
    pub to: Status,
    /// `null`: Ortaq itself (the support threshold), or a deleted account.
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

pub async fn record_transition(
    tx: &mut Tx,
    id: i64,
    from: Option<Status>,
    to: Status,
    actor_id: Option<i64>,
    comment: Option<&str>,
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO initiative_transitions (initiative_id, from_status, to_status, actor_id, comment, at)
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(from.map(|s| s.as_str()))
        .bind(to.as_str())
        .bind(actor_id)
        .bind(comment)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn timeline(db: &Db, id: i64) -> Result<Vec<TimelineEntry>, Error> {
    type R = (
        i64,
        Option<String>,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        DateTime<Utc>,
    );
    let rows: Vec<R> = on_db!(db, pool => sqlx::query_as(
        "SELECT t.id, t.from_status, t.to_status, t.actor_id, u.display_name, t.comment, t.at
         FROM initiative_transitions t LEFT JOIN users u ON u.id = t.actor_id
         WHERE t.initiative_id = $1 ORDER BY t.id")
        .bind(id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, from, to, actor_id, name, comment, at)| TimelineEntry {
                id,
                from: from.as_deref().and_then(Status::parse),
                to: Status::parse(&to).unwrap_or(Status::Draft),
                actor_id,
                actor_name: name.filter(|n| !n.is_empty()),
                comment,
                at,
            },
        )
        .collect())
}

// ---- team ----

/// A member of the team (or invited to it).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TeamMember {
    pub user_id: i64,
    pub name: String,
    /// `invited` or `accepted`.
    pub status: String,
}

pub async fn team(db: &Db, id: i64) -> Result<Vec<TeamMember>, Error> {
    let rows: Vec<(i64, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT t.user_id, u.display_name, t.status FROM initiative_team t
         JOIN users u ON u.id = t.user_id WHERE t.initiative_id = $1 ORDER BY t.created_at, t.user_id")
        .bind(id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, status)| TeamMember {
            user_id,
            name,
            status,
        })
        .collect())
}

/// Whether `user_id` is on the team (accepted).
pub async fn on_team(db: &Db, id: i64, user_id: i64) -> Result<bool, Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM initiative_team WHERE initiative_id = $1 AND user_id = $2 AND status = 'accepted'")
        .bind(id)
        .bind(user_id)
        .fetch_one(pool)
        .await)?;
    Ok(n > 0)
}

pub async fn invite(tx: &mut Tx, id: i64, user_id: i64, by: i64) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "INSERT INTO initiative_team (initiative_id, user_id, status, invited_by, created_at)
         VALUES ($1, $2, 'invited', $3, $4) ON CONFLICT (initiative_id, user_id) DO NOTHING")
        .bind(id)
        .bind(user_id)
        .bind(by)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The invitee accepts (true) or declines (false: the invitation is removed).
pub async fn answer_invitation(
    tx: &mut Tx,
    id: i64,
    user_id: i64,
    accept: bool,
) -> Result<bool, Error> {
    let n = if accept {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE initiative_team SET status = 'accepted', accepted_at = $3
             WHERE initiative_id = $1 AND user_id = $2 AND status = 'invited'")
            .bind(id)
            .bind(user_id)
            .bind(clock::now())
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?
    } else {
        on_tx!(tx, conn => sqlx::query(
            "DELETE FROM initiative_team WHERE initiative_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?
    };
    Ok(n == 1)
}

// ---- supports ----

/// Adds the member's support. `None` if they already support it; else the new count and
/// the status, read from the row this transaction now holds locked.
pub async fn add_support(
    tx: &mut Tx,
    id: i64,
    user_id: i64,
) -> Result<Option<(i64, Status)>, Error> {
    let inserted = on_tx!(tx, conn => sqlx::query(
        "INSERT INTO initiative_supports (initiative_id, user_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (initiative_id, user_id) DO NOTHING")
        .bind(id)
        .bind(user_id)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    if inserted == 0 {
        return Ok(None);
    }
    bump(tx, id, 1).await.map(Some)
}

/// Removes the member's support; `None` if there was none.
pub async fn remove_support(
    tx: &mut Tx,
    id: i64,
    user_id: i64,
) -> Result<Option<(i64, Status)>, Error> {
    let deleted = on_tx!(tx, conn => sqlx::query(
        "DELETE FROM initiative_supports WHERE initiative_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    if deleted == 0 {
        return Ok(None);
    }
    bump(tx, id, -1).await.map(Some)
}

/// `supports += by` in one statement: on PostgreSQL the row lock orders concurrent
/// supports and each sees the count the one before it left; on SQLite writers are serial.
async fn bump(tx: &mut Tx, id: i64, by: i64) -> Result<(i64, Status), Error> {
    let (n, status): (i64, String) = on_tx!(tx, conn => sqlx::query_as(
        "UPDATE initiatives SET supports = supports + $2 WHERE id = $1 RETURNING supports, status")
        .bind(id)
        .bind(by)
        .fetch_one(conn)
        .await)?;
    Ok((n, Status::parse(&status).unwrap_or(Status::Draft)))
}

pub async fn supports(db: &Db, id: i64, user_id: i64) -> Result<bool, Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM initiative_supports WHERE initiative_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .fetch_one(pool)
        .await)?;
    Ok(n > 0)
}

/// Who hears about a change: supporters, the author and the accepted team, once each.
pub async fn followers(tx: &mut Tx, id: i64) -> Result<Vec<i64>, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT user_id FROM initiative_supports WHERE initiative_id = $1
         UNION SELECT user_id FROM initiative_team WHERE initiative_id = $1 AND status = 'accepted'
         UNION SELECT author_id FROM initiatives WHERE id = $1 AND author_id IS NOT NULL")
        .bind(id)
        .fetch_all(conn)
        .await)?)
}

// ---- thresholds ----

/// The thresholds units set: (unit, supports).
pub async fn thresholds(db: &Db) -> Result<Vec<(i64, i64)>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT unit_id, supports FROM initiative_thresholds ORDER BY unit_id")
        .fetch_all(pool)
        .await)?)
}

/// The threshold in force at a unit: its own, else the nearest ancestor's, else the default.
pub async fn threshold_in(tx: &mut Tx, unit_id: i64) -> Result<i64, Error> {
    let found: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "WITH RECURSIVE up(id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM org_units WHERE id = $1
             UNION ALL
             SELECT u.id, u.parent_id, up.depth + 1 FROM org_units u JOIN up ON u.id = up.parent_id
         )
         SELECT t.supports FROM up JOIN initiative_thresholds t ON t.unit_id = up.id
         ORDER BY up.depth LIMIT 1")
        .bind(unit_id)
        .fetch_optional(conn)
        .await)?;
    Ok(found.unwrap_or(DEFAULT_THRESHOLD))
}

pub async fn threshold(db: &Db, unit_id: i64) -> Result<i64, Error> {
    let mut tx = db.begin().await?;
    let n = threshold_in(&mut tx, unit_id).await?;
    tx.commit().await?;
    Ok(n)
}

/// Sets (Some) or clears (None) a unit's own threshold.
pub async fn set_threshold(
    tx: &mut Tx,
    unit_id: i64,
    supports: Option<i64>,
    by: i64,
) -> Result<(), Error> {
    match supports {
        Some(n) => on_tx!(tx, conn => sqlx::query(
            "INSERT INTO initiative_thresholds (unit_id, supports, set_by, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (unit_id) DO UPDATE SET supports = excluded.supports, set_by = excluded.set_by,
                 updated_at = excluded.updated_at")
            .bind(unit_id)
            .bind(n)
            .bind(by)
            .bind(clock::now())
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?,
        None => {
            on_tx!(tx, conn => sqlx::query("DELETE FROM initiative_thresholds WHERE unit_id = $1")
            .bind(unit_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?
        }
    };
    Ok(())
}

// ---- official answer ----

/// The official answer to an initiative.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Answer {
    /// `accepted` or `declined`.
    pub decision: Status,
    pub text: Text,
    /// Why it was declined.
    pub reason: Option<String>,
    pub responsible_name: Option<String>,
    pub responsible_user_id: Option<i64>,
    pub deadline: Option<NaiveDate>,
    pub answered_by: Option<i64>,
    pub answered_at: DateTime<Utc>,
}

pub async fn save_answer(tx: &mut Tx, id: i64, a: &Answer) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO initiative_answers (initiative_id, decision, text_kk, text_ru, reason,
             responsible_name, responsible_user_id, deadline, answered_by, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (initiative_id) DO UPDATE SET decision = excluded.decision,
             text_kk = excluded.text_kk, text_ru = excluded.text_ru, reason = excluded.reason,
             responsible_name = excluded.responsible_name,
             responsible_user_id = excluded.responsible_user_id, deadline = excluded.deadline,
             answered_by = excluded.answered_by, answered_at = excluded.answered_at")
        .bind(id)
        .bind(a.decision.as_str())
        .bind(&a.text.kk)
        .bind(&a.text.ru)
        .bind(&a.reason)
        .bind(&a.responsible_name)
        .bind(a.responsible_user_id)
        .bind(a.deadline)
        .bind(a.answered_by)
        .bind(a.answered_at)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn answer(db: &Db, id: i64) -> Result<Option<Answer>, Error> {
    type R = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<NaiveDate>,
        Option<i64>,
        DateTime<Utc>,
    );
    let row: Option<R> = on_db!(db, pool => sqlx::query_as(
        "SELECT decision, text_kk, text_ru, reason, responsible_name, responsible_user_id,
             deadline, answered_by, answered_at FROM initiative_answers WHERE initiative_id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(|r| Answer {
        decision: Status::parse(&r.0).unwrap_or(Status::Declined),
        text: Text::new(r.1, r.2),
        reason: r.3,
        responsible_name: r.4,
        responsible_user_id: r.5,
        deadline: r.6,
        answered_by: r.7,
        answered_at: r.8,
    }))
}

// ---- overdue answers ----

/// A promise past its deadline: an accepted answer or a meeting's decision, on an
/// initiative not implemented yet.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Overdue {
    pub initiative_id: i64,
    /// `answer` or `meeting`.
    pub source: String,
    /// The meeting, for `meeting`.
    pub meeting_id: Option<i64>,
    pub responsible_name: Option<String>,
    pub deadline: NaiveDate,
}

/// Every overdue promise (for the initiative page and the reports), oldest deadline first;
/// `only` narrows it to one initiative.
pub async fn overdue(db: &Db, today: NaiveDate, only: Option<i64>) -> Result<Vec<Overdue>, Error> {
    type R = (i64, String, Option<i64>, Option<String>, NaiveDate);
    let rows: Vec<R> = on_db!(db, pool => sqlx::query_as(
        "SELECT a.initiative_id, 'answer', NULL, a.responsible_name, a.deadline
         FROM initiative_answers a JOIN initiatives i ON i.id = a.initiative_id
         WHERE a.decision = 'accepted' AND a.deadline < $1
           AND i.status IN ('accepted', 'in_progress') AND ($2 IS NULL OR i.id = $2)
         UNION ALL
         SELECT m.initiative_id, 'meeting', m.meeting_id, m.responsible_name, m.deadline
         FROM meeting_items m JOIN initiatives i ON i.id = m.initiative_id
         WHERE m.deadline < $1 AND m.done_at IS NULL
           AND i.status NOT IN ('implemented', 'declined', 'withdrawn') AND ($2 IS NULL OR i.id = $2)
         ORDER BY 5, 1")
        .bind(today)
        .bind(only)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| Overdue {
            initiative_id: r.0,
            source: r.1,
            meeting_id: r.2,
            responsible_name: r.3,
            deadline: r.4,
        })
        .collect())
}
