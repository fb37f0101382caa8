//! Bookings in the database. The no-overlap guarantee is the database's own
//! (`bookings_no_overlap`); this module maps its refusal and reads what rules need.

use chrono::{DateTime, Utc};

use super::model::{Booking, Interval, Status, new_code};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, ResultExt};
use crate::{on_db, on_tx};

const COLUMNS: &str =
    "id, resource_id, user_id, status, start_at, end_at, purpose, code, series_id,
    check_in_by, checked_in_at, booked_by, override_reason, decided_at, decline_reason,
    cancelled_at, created_at";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    resource_id: i64,
    user_id: Option<i64>,
    status: String,
    start_at: DateTime<Utc>,
    end_at: DateTime<Utc>,
    purpose: Option<String>,
    code: Option<String>,
    series_id: Option<i64>,
    check_in_by: Option<DateTime<Utc>>,
    checked_in_at: Option<DateTime<Utc>>,
    booked_by: Option<i64>,
    override_reason: Option<String>,
    decided_at: Option<DateTime<Utc>>,
    decline_reason: Option<String>,
    cancelled_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl From<Row> for Booking {
    fn from(r: Row) -> Booking {
        Booking {
            id: r.id,
            resource_id: r.resource_id,
            user_id: r.user_id,
            status: Status::parse(&r.status).unwrap_or(Status::Cancelled),
            start: r.start_at,
            end: r.end_at,
            purpose: r.purpose,
            code: r.code.unwrap_or_default(),
            series_id: r.series_id,
            check_in_by: r.check_in_by,
            checked_in_at: r.checked_in_at,
            booked_by: r.booked_by,
            override_reason: r.override_reason,
            decided_at: r.decided_at,
            decline_reason: r.decline_reason,
            cancelled_at: r.cancelled_at,
            created_at: r.created_at,
        }
    }
}

/// A booking to write.
pub struct NewBooking<'a> {
    pub resource_id: i64,
    pub user_id: i64,
    pub status: Status,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub purpose: Option<&'a str>,
    pub series_id: Option<i64>,
    pub check_in_by: Option<DateTime<Utc>>,
    pub booked_by: Option<i64>,
    pub override_reason: Option<&'a str>,
}

/// Writes a booking. A live booking over a taken interval is refused by the database
/// itself; that comes back as `Error::BookingConflict` with the requested interval (the
/// caller, after rolling back, looks up the booking in the way).
pub async fn insert(tx: &mut Tx, new: &NewBooking<'_>) -> Result<Booking, Error> {
    let unguarded = Quota {
        location_id: 0,
        kind: "",
        per_day: None,
        per_week: None,
    };
    insert_within(tx, new, &unguarded)
        .await?
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("an unguarded insert wrote nothing")))
}

/// The member's quotas a booking must fit, judged by the insert itself (see
/// [`insert_within`]): for each, the limit and the window `[from, to)` its bookings are
/// counted in (the local day, the ISO week).
pub struct Quota<'a> {
    pub location_id: i64,
    pub kind: &'a str,
    pub per_day: Option<(i64, Interval)>,
    pub per_week: Option<(i64, Interval)>,
}

/// Writes a booking if the member's bookings of this kind at this location (cancelled and
/// declined ones not counted, as in [`count_for_member`]) stay under each quota; `None`
/// when a quota is full and nothing was written. One statement where judging and
/// inserting took three: the counts are subqueries of the insert. The caller holds what
/// makes the counts stable (SQLite's one writer; PostgreSQL's advisory lock on the
/// member, [`lock`]). A taken interval is `Error::BookingConflict`, as in [`insert`].
pub async fn insert_within(
    tx: &mut Tx,
    new: &NewBooking<'_>,
    quota: &Quota<'_>,
) -> Result<Option<Booking>, Error> {
    let quotas: Vec<&(i64, Interval)> = [&quota.per_day, &quota.per_week]
        .into_iter()
        .flatten()
        .collect();
    let conditions: Vec<String> = (0..quotas.len())
        .map(|i| {
            let p = 13 + 5 * i;
            format!(
                "(SELECT COUNT(*) FROM bookings b JOIN resources r ON r.id = b.resource_id
                   WHERE b.user_id = $2 AND r.location_id = ${} AND r.kind = ${}
                     AND b.start_at >= ${} AND b.start_at < ${}
                     AND b.status NOT IN ('cancelled', 'declined')) < ${}",
                p,
                p + 1,
                p + 2,
                p + 3,
                p + 4
            )
        })
        .collect();
    let guard = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    // Audited: fixed SQL and numbered placeholders only.
    let sql = format!(
        "INSERT INTO bookings (resource_id, user_id, status, start_at, end_at, purpose, code,
             series_id, check_in_by, booked_by, override_reason, created_at, updated_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12{guard}
         RETURNING {COLUMNS}"
    );
    let now = clock::now();
    let conflict = || Error::BookingConflict {
        start: new.start,
        end: new.end,
    };
    let inserted = on_tx!(tx, conn => {
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(new.resource_id)
            .bind(new.user_id)
            .bind(new.status.as_str())
            .bind(new.start)
            .bind(new.end)
            .bind(new.purpose)
            .bind(new_code())
            .bind(new.series_id)
            .bind(new.check_in_by)
            .bind(new.booked_by)
            .bind(new.override_reason)
            .bind(now);
        for (limit, (from, to)) in &quotas {
            query = query
                .bind(quota.location_id)
                .bind(quota.kind)
                .bind(*from)
                .bind(*to)
                .bind(*limit);
        }
        query.fetch_optional(conn).await
    });
    if let Err(err) = &inserted
        && crate::db::is_deadlock(err)
    {
        return Err(conflict());
    }
    let row: Option<Row> = inserted.on_constraint("bookings_no_overlap", conflict)?;
    Ok(row.map(Booking::from))
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Booking>, Error> {
    let sql = format!("SELECT {COLUMNS} FROM bookings WHERE id = $1");
    let row: Option<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(Booking::from))
}

pub async fn find_by_code(db: &Db, code: &str) -> Result<Option<Booking>, Error> {
    let sql = format!("SELECT {COLUMNS} FROM bookings WHERE code = $1");
    let row: Option<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(code).fetch_optional(pool).await)?;
    Ok(row.map(Booking::from))
}

/// The condition of `bookings_live`, the index of the live bookings (pending, confirmed,
/// checked in), for queries that read through it: SQLite uses a partial index only when
/// the query names its condition.
pub const LIVE: &str = "IN ('pending', 'confirmed', 'checked_in')";

/// The condition of `bookings_settled`, the index of every other booking.
pub const SETTLED: &str = "NOT IN ('pending', 'confirmed', 'checked_in')";

/// The first live booking of resource `$1` meeting `[$2, $3)`, looked for from `$4`
/// (`$2` less [`LONGEST`]) so that `bookings_live` bounds the read.
const FIRST_LIVE_OVERLAP: &str = "SELECT start_at, end_at FROM bookings
     WHERE resource_id = $1 AND status IN ('pending', 'confirmed', 'checked_in')
       AND start_at < $3 AND start_at >= $4 AND end_at > $2
     ORDER BY start_at LIMIT 1";

/// The first live booking of a resource that meets `[start, end)`.
pub async fn first_live_overlap(
    db: &Db,
    resource_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, DateTime<Utc>)>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        FIRST_LIVE_OVERLAP)
        .bind(resource_id)
        .bind(start)
        .bind(end)
        .bind(start - LONGEST)
        .fetch_optional(pool)
        .await)?)
}

/// [`first_live_overlap`] inside a write transaction (which sees its own bookings).
pub async fn first_live_overlap_in(
    tx: &mut Tx,
    resource_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, DateTime<Utc>)>, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_as(
        FIRST_LIVE_OVERLAP)
        .bind(resource_id)
        .bind(start)
        .bind(end)
        .bind(start - LONGEST)
        .fetch_optional(conn)
        .await)?)
}

/// The longest a booking may last (the rules' CHECK caps `max_minutes` at two weeks); reads
/// of an interval look this far back so that the `(resource_id, start_at)` index bounds them.
pub const LONGEST: chrono::Duration = chrono::Duration::days(14);

/// Live bookings of a resource meeting `[from, to)`, inside a write transaction.
pub async fn live_in(
    tx: &mut Tx,
    resource_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_as(
        "SELECT start_at, end_at FROM bookings
         WHERE resource_id = $1 AND status IN ('pending', 'confirmed', 'checked_in')
           AND start_at < $3 AND start_at >= $4 AND end_at > $2
         ORDER BY start_at")
        .bind(resource_id)
        .bind(from)
        .bind(to)
        .bind(from - LONGEST)
        .fetch_all(conn)
        .await)?)
}

/// A member's bookings of one kind of resource at one location (cancelled and declined
/// ones not counted: they took nothing) starting within `day`, and within `week` if asked
/// (which holds the day): one query for both quotas.
pub async fn count_for_member(
    tx: &mut Tx,
    user_id: i64,
    location_id: i64,
    kind: &str,
    day: (DateTime<Utc>, DateTime<Utc>),
    week: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Result<(i64, i64), Error> {
    let (from, to) = week.unwrap_or(day);
    let (same_day, same_window): (i64, i64) = on_tx!(tx, conn => sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN b.start_at >= $6 AND b.start_at < $7 THEN 1 ELSE 0 END), 0),
                COUNT(*)
         FROM bookings b JOIN resources r ON r.id = b.resource_id
         WHERE b.user_id = $1 AND r.location_id = $2 AND r.kind = $3
           AND b.start_at >= $4 AND b.start_at < $5
           AND b.status NOT IN ('cancelled', 'declined')")
        .bind(user_id)
        .bind(location_id)
        .bind(kind)
        .bind(from)
        .bind(to)
        .bind(day.0)
        .bind(day.1)
        .fetch_one(conn)
        .await)?;
    Ok((same_day, if week.is_some() { same_window } else { 0 }))
}

/// The advisory locks of the usual booking on PostgreSQL, `(key, id)` for
/// [`Db::begin_locked`]: the member's (`key` 1, when a quota is counted), then the
/// resource's (`key` 2), in the order [`lock`] takes them. The resource's turns concurrent
/// inserts of one resource into a queue: without it, two that overlap may each wait for
/// the other on the exclusion constraint, and PostgreSQL breaks that deadlock only after
/// `deadlock_timeout` (a second: measured as a one-second stall in the bench).
///
/// [`Db::begin_locked`]: crate::db::Db::begin_locked
pub fn booking_locks(member: Option<i64>, resource_id: i64) -> Vec<(i32, i32)> {
    let mut locks = Vec::with_capacity(2);
    if let Some(member) = member {
        locks.push((1, member as i32));
    }
    locks.push((2, resource_id as i32));
    locks
}

/// Serializes, on PostgreSQL, the write transactions that judge the same member's quota
/// (`key` 1) or the same resource's buffer (`key` 2): a transaction-scoped advisory lock.
/// SQLite needs none: its write transactions begin IMMEDIATE and run one at a time.
pub async fn lock(tx: &mut Tx, key: i32, id: i64) -> Result<(), Error> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind(key)
            .bind(id as i32)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Moves a booking from one of `from` to `to`, setting the matching timestamp; false when
/// it was in none of them (someone else moved it first).
pub async fn transition(
    tx: &mut Tx,
    id: i64,
    from: &[Status],
    to: Status,
    decided_by: Option<i64>,
    reason: Option<&str>,
) -> Result<bool, Error> {
    let now = clock::now();
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    // Statuses come from the code, never from input.
    let sql = format!(
        "UPDATE bookings SET status = $1, updated_at = $2,
             checked_in_at = CASE WHEN $1 = 'checked_in' THEN $2 ELSE checked_in_at END,
             cancelled_at = CASE WHEN $1 = 'cancelled' THEN $2 ELSE cancelled_at END,
             decided_at = CASE WHEN $1 IN ('confirmed', 'declined') THEN $2 ELSE decided_at END,
             decided_by = CASE WHEN $1 IN ('confirmed', 'declined') THEN $3 ELSE decided_by END,
             decline_reason = CASE WHEN $1 = 'declined' THEN $4 ELSE decline_reason END
         WHERE id = $5 AND status IN ('{}')",
        from.join("', '")
    );
    let n = on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(to.as_str())
        .bind(now)
        .bind(decided_by)
        .bind(reason)
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Cancels the live occurrences of a series from `from` on; returns how many.
pub async fn cancel_series_from(
    tx: &mut Tx,
    series_id: i64,
    from: DateTime<Utc>,
) -> Result<u64, Error> {
    let now = clock::now();
    Ok(on_tx!(tx, conn => sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $1, updated_at = $1
         WHERE series_id = $2 AND start_at >= $3 AND status IN ('pending', 'confirmed')")
        .bind(now)
        .bind(series_id)
        .bind(from)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?)
}

/// What to list.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub user_id: Option<i64>,
    pub resource_id: Option<i64>,
    pub location_id: Option<i64>,
    pub status: Option<Status>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub series_id: Option<i64>,
    /// Newest first instead of soonest first.
    pub newest_first: bool,
    pub limit: i64,
}

/// Bookings matching the filter, with the member's name (empty once deleted).
pub async fn list(db: &Db, f: &Filter) -> Result<Vec<(Booking, String)>, Error> {
    let sql = format!(
        "SELECT {}, COALESCE(u.display_name, '') AS member_name
         FROM bookings b JOIN resources r ON r.id = b.resource_id
         LEFT JOIN users u ON u.id = b.user_id
         WHERE ($1 IS NULL OR b.user_id = $1)
           AND ($2 IS NULL OR b.resource_id = $2)
           AND ($3 IS NULL OR r.location_id = $3)
           AND ($4 IS NULL OR b.status = $4)
           AND ($5 IS NULL OR b.end_at > $5)
           AND ($6 IS NULL OR b.start_at < $6)
           AND ($7 IS NULL OR b.series_id = $7)
         ORDER BY b.start_at {}, b.id
         LIMIT $8",
        COLUMNS
            .split(',')
            .map(|c| format!("b.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", "),
        if f.newest_first { "DESC" } else { "ASC" }
    );
    #[derive(sqlx::FromRow)]
    struct Named {
        #[sqlx(flatten)]
        row: Row,
        member_name: String,
    }
    let rows: Vec<Named> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(f.user_id)
        .bind(f.resource_id)
        .bind(f.location_id)
        .bind(f.status.map(|s| s.as_str()))
        .bind(f.from)
        .bind(f.to)
        .bind(f.series_id)
        .bind(if f.limit > 0 { f.limit } else { 500 })
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|n| (n.row.into(), n.member_name))
        .collect())
}

/// Live bookings of some resources meeting `[from, to)`: (resource, start, end, status).
pub async fn busy(
    db: &Db,
    resource_ids: &[i64],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>, DateTime<Utc>, String)>, Error> {
    if resource_ids.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<String> = resource_ids.iter().map(|id| id.to_string()).collect();
    // The ids are integers from the database, never input text.
    let sql = format!(
        "SELECT resource_id, start_at, end_at, status FROM bookings
         WHERE resource_id IN ({}) AND status IN ('pending', 'confirmed', 'checked_in')
           AND start_at < $2 AND start_at >= $3 AND end_at > $1
         ORDER BY resource_id, start_at",
        ids.join(", ")
    );
    Ok(
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(from)
        .bind(to)
        .bind(from - LONGEST)
        .fetch_all(pool)
        .await)?,
    )
}

/// The live bookings of one resource meeting `[from, to)` (start, end, status), by start,
/// and the spaces version (`spaces::cache`), read in the same statement.
pub async fn busy_with_version(
    db: &Db,
    resource_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(i64, Vec<(DateTime<Utc>, DateTime<Utc>, String)>), Error> {
    type Row = (
        i64,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
        Option<String>,
    );
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT v.n, b.start_at, b.end_at, b.status
         FROM spaces_version v
         LEFT JOIN bookings b
           ON b.resource_id = $1 AND b.status IN ('pending', 'confirmed', 'checked_in')
          AND b.start_at < $3 AND b.start_at >= $4 AND b.end_at > $2
         WHERE v.id = 1
         ORDER BY b.start_at")
        .bind(resource_id)
        .bind(from)
        .bind(to)
        .bind(from - LONGEST)
        .fetch_all(pool)
        .await)?;
    let version = rows.first().map(|r| r.0).unwrap_or_default();
    Ok((
        version,
        rows.into_iter()
            .filter_map(|(_, start, end, status)| Some((start?, end?, status?)))
            .collect(),
    ))
}

/// How many no-shows a member has had since `since`.
pub async fn no_shows(db: &Db, user_id: i64, since: DateTime<Utc>) -> Result<i64, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE user_id = $1 AND status = 'no_show' AND start_at >= $2")
        .bind(user_id)
        .bind(since)
        .fetch_one(pool)
        .await)?)
}

/// What one sweep changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub no_shows: u64,
    pub completed: u64,
    pub expired: u64,
}

/// The background sweep, idempotent and safe to run from several instances at once:
/// confirmed bookings past their check-in deadline are released as no-shows; bookings
/// over are completed; pending ones whose start passed without a decision are declined.
///
/// Each of the three asks about live bookings that have started (a check-in deadline
/// comes after the start, an end after the start), so each walks `bookings_live` resource
/// by resource up to `now` ([`STARTED_LIVE`]): a handful of entries per resource, the
/// bookings now running or overdue, not every booking ever made. No index of its own:
/// each was one more entry at a random place for every booking written (measured on the
/// bench's million bookings, two such indexes cost the SQLite writer about 20 µs a
/// booking). `CROSS JOIN` keeps the resources outside on SQLite; the query repeats
/// `bookings_live`'s statuses, since SQLite uses a partial index only when the query
/// names its condition.
pub async fn sweep(db: &Db, now: DateTime<Utc>) -> Result<Swept, Error> {
    let no_shows = sweep_one(
        db,
        "UPDATE bookings SET status = 'no_show', updated_at = $1",
        "b.status = 'confirmed' AND b.check_in_by IS NOT NULL AND b.check_in_by <= $1",
        now,
    )
    .await?;
    let completed = sweep_one(
        db,
        "UPDATE bookings SET status = 'completed', updated_at = $1",
        "b.end_at <= $1
           AND (b.status = 'checked_in' OR (b.status = 'confirmed' AND b.check_in_by IS NULL))",
        now,
    )
    .await?;
    let expired = sweep_one(
        db,
        "UPDATE bookings SET status = 'declined', decided_at = $1, updated_at = $1",
        "b.status = 'pending'",
        now,
    )
    .await?;
    Ok(Swept {
        no_shows,
        completed,
        expired,
    })
}

/// The live bookings that started by `$1`, resource by resource through `bookings_live`.
const STARTED_LIVE: &str = "SELECT b.id FROM resources r CROSS JOIN bookings b
     WHERE b.resource_id = r.id AND b.status IN ('pending', 'confirmed', 'checked_in')
       AND b.start_at <= $1";

/// One of the sweep's updates: `set` on the started live bookings matching `which`.
async fn sweep_one(db: &Db, set: &str, which: &str, now: DateTime<Utc>) -> Result<u64, Error> {
    // Audited: fixed SQL from this module only.
    let sql = format!("{set} WHERE id IN ({STARTED_LIVE} AND {which})");
    let changed = on_db!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(changed)
}

pub async fn insert_series(
    tx: &mut Tx,
    resource_id: i64,
    user_id: i64,
    frequency: &str,
    until: Option<chrono::NaiveDate>,
    occurrences: Option<i32>,
) -> Result<i64, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO booking_series (resource_id, user_id, frequency, until_on, occurrences, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(resource_id)
        .bind(user_id)
        .bind(frequency)
        .bind(until)
        .bind(occurrences)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?)
}
