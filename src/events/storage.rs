//! Events, registrations and ratings in the database. The rules are in `manage.rs` and
//! `registration.rs`; this module reads and writes rows, and on PostgreSQL locks an
//! event's row so that the registrations of one event are judged one at a time.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::model::{Audience, Category, Draft, Event, Place, RegStatus, Registration, Status};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::i18n::Text;
use crate::{on_db, on_tx};

const COLUMNS: &str = "id, unit_id, created_by, title_kk, title_ru, description_kk, description_ru,
    category, languages, place, resource_id, venue_kk, venue_ru, online_url, start_at, end_at,
    capacity, registration_opens_at, registration_closes_at, registration_closed, audience,
    status, created_at, updated_at";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    unit_id: i64,
    created_by: Option<i64>,
    title_kk: Option<String>,
    title_ru: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    category: String,
    languages: String,
    place: String,
    resource_id: Option<i64>,
    venue_kk: Option<String>,
    venue_ru: Option<String>,
    online_url: Option<String>,
    start_at: DateTime<Utc>,
    end_at: DateTime<Utc>,
    capacity: i32,
    registration_opens_at: Option<DateTime<Utc>>,
    registration_closes_at: Option<DateTime<Utc>>,
    registration_closed: bool,
    audience: String,
    status: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<Row> for Event {
    fn from(r: Row) -> Event {
        let place = match r.place.as_str() {
            "resource" => Place::Resource {
                resource_id: r.resource_id.unwrap_or_default(),
            },
            "online" => Place::Online {
                url: r.online_url.unwrap_or_default(),
            },
            _ => Place::Venue {
                address: Text::new(r.venue_kk, r.venue_ru),
            },
        };
        Event {
            id: r.id,
            unit_id: r.unit_id,
            partner_unit_ids: vec![],
            title: Text::new(r.title_kk, r.title_ru),
            description: Text::new(r.description_kk, r.description_ru),
            category: Category::parse(&r.category).unwrap_or(Category::Other),
            languages: r.languages.split_whitespace().map(str::to_string).collect(),
            place,
            start: r.start_at,
            end: r.end_at,
            capacity: r.capacity,
            registration_opens: r.registration_opens_at,
            registration_closes: r.registration_closes_at,
            registration_closed: r.registration_closed,
            audience: Audience::parse(&r.audience).unwrap_or(Audience::Members),
            audience_unit_ids: vec![],
            status: Status::parse(&r.status).unwrap_or(Status::Draft),
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The place's columns: (place, resource_id, venue_kk, venue_ru, online_url).
type PlaceColumns = (
    &'static str,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn place_columns(place: &Place) -> PlaceColumns {
    match place {
        Place::Resource { resource_id } => ("resource", Some(*resource_id), None, None, None),
        Place::Venue { address } => ("venue", None, address.kk.clone(), address.ru.clone(), None),
        Place::Online { url } => ("online", None, None, None, Some(url.clone())),
    }
}

/// Writes a new event (and its partner and audience units); answers its id.
pub async fn insert(
    tx: &mut Tx,
    d: &Draft,
    created_by: Option<i64>,
    status: Status,
) -> Result<i64, Error> {
    let now = clock::now();
    let (place, resource_id, venue_kk, venue_ru, online_url) = place_columns(&d.place);
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO events (unit_id, created_by, title_kk, title_ru, description_kk, description_ru,
             category, languages, place, resource_id, venue_kk, venue_ru, online_url, start_at, end_at,
             capacity, registration_opens_at, registration_closes_at, audience, status, created_at,
             updated_at, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19, $20, $21, $21, CASE WHEN $20 = 'published' THEN $21 END)
         RETURNING id")
        .bind(d.unit_id)
        .bind(created_by)
        .bind(&d.title.kk)
        .bind(&d.title.ru)
        .bind(&d.description.kk)
        .bind(&d.description.ru)
        .bind(d.category.as_str())
        .bind(d.languages.join(" "))
        .bind(place)
        .bind(resource_id)
        .bind(&venue_kk)
        .bind(&venue_ru)
        .bind(&online_url)
        .bind(d.start)
        .bind(d.end)
        .bind(d.capacity)
        .bind(d.registration_opens)
        .bind(d.registration_closes)
        .bind(d.audience.as_str())
        .bind(status.as_str())
        .bind(now)
        .fetch_one(conn)
        .await)?;
    set_units(tx, id, &d.partner_unit_ids, &d.audience_unit_ids).await?;
    super::search::reindex(tx, id).await?;
    Ok(id)
}

/// Rewrites an event's details (not its status).
pub async fn update(tx: &mut Tx, id: i64, d: &Draft) -> Result<(), Error> {
    let (place, resource_id, venue_kk, venue_ru, online_url) = place_columns(&d.place);
    on_tx!(tx, conn => sqlx::query(
        "UPDATE events SET unit_id = $1, title_kk = $2, title_ru = $3, description_kk = $4,
             description_ru = $5, category = $6, languages = $7, place = $8, resource_id = $9,
             venue_kk = $10, venue_ru = $11, online_url = $12, start_at = $13, end_at = $14,
             capacity = $15, registration_opens_at = $16, registration_closes_at = $17,
             audience = $18, updated_at = $19
         WHERE id = $20")
        .bind(d.unit_id)
        .bind(&d.title.kk)
        .bind(&d.title.ru)
        .bind(&d.description.kk)
        .bind(&d.description.ru)
        .bind(d.category.as_str())
        .bind(d.languages.join(" "))
        .bind(place)
        .bind(resource_id)
        .bind(&venue_kk)
        .bind(&venue_ru)
        .bind(&online_url)
        .bind(d.start)
        .bind(d.end)
        .bind(d.capacity)
        .bind(d.registration_opens)
        .bind(d.registration_closes)
        .bind(d.audience.as_str())
        .bind(clock::now())
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    set_units(tx, id, &d.partner_unit_ids, &d.audience_unit_ids).await?;
    super::search::reindex(tx, id).await
}

async fn set_units(tx: &mut Tx, id: i64, partners: &[i64], audience: &[i64]) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM event_partners WHERE event_id = $1")
        .bind(id).execute(conn).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query("DELETE FROM event_audience_units WHERE event_id = $1")
        .bind(id).execute(conn).await.map(|r| r.rows_affected()))?;
    for unit in partners {
        on_tx!(tx, conn => sqlx::query("INSERT INTO event_partners (event_id, unit_id) VALUES ($1, $2)")
            .bind(id).bind(unit).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    for unit in audience {
        on_tx!(tx, conn => sqlx::query("INSERT INTO event_audience_units (event_id, unit_id) VALUES ($1, $2)")
            .bind(id).bind(unit).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Sets the status (and the matching timestamp).
pub async fn set_status(tx: &mut Tx, id: i64, status: Status) -> Result<(), Error> {
    let now = clock::now();
    on_tx!(tx, conn => sqlx::query(
        "UPDATE events SET status = $1, updated_at = $2,
             published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END,
             cancelled_at = CASE WHEN $1 = 'cancelled' THEN $2 ELSE cancelled_at END
         WHERE id = $3")
        .bind(status.as_str())
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    super::search::reindex(tx, id).await
}

pub async fn set_registration_closed(tx: &mut Tx, id: i64, closed: bool) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE events SET registration_closed = $1, updated_at = $2 WHERE id = $3")
        .bind(closed)
        .bind(clock::now())
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

async fn with_units(db: &Db, mut events: Vec<Event>) -> Result<Vec<Event>, Error> {
    if events.is_empty() {
        return Ok(events);
    }
    let ids: Vec<String> = events.iter().map(|e| e.id.to_string()).collect();
    // The ids are integers from the database, never input text.
    let partners_sql = format!(
        "SELECT event_id, unit_id FROM event_partners WHERE event_id IN ({}) ORDER BY unit_id",
        ids.join(", ")
    );
    let audience_sql = partners_sql.replace("event_partners", "event_audience_units");
    let partners: Vec<(i64, i64)> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(partners_sql.as_str())).fetch_all(pool).await)?;
    let audience: Vec<(i64, i64)> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(audience_sql.as_str())).fetch_all(pool).await)?;
    for e in &mut events {
        e.partner_unit_ids = partners
            .iter()
            .filter(|(ev, _)| *ev == e.id)
            .map(|(_, u)| *u)
            .collect();
        e.audience_unit_ids = audience
            .iter()
            .filter(|(ev, _)| *ev == e.id)
            .map(|(_, u)| *u)
            .collect();
    }
    Ok(events)
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Event>, Error> {
    let sql = format!("SELECT {COLUMNS} FROM events WHERE id = $1");
    let row: Option<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(pool).await)?;
    let Some(row) = row else { return Ok(None) };
    Ok(with_units(db, vec![row.into()]).await?.pop())
}

/// Reads the event inside a write transaction, locking its row on PostgreSQL
/// (`FOR UPDATE`) until the transaction ends: every change to its registrations begins
/// here, so they are judged one at a time. SQLite's write transactions already are.
pub async fn lock(tx: &mut Tx, id: i64) -> Result<Option<Event>, Error> {
    let row: Option<Row> = match tx {
        Tx::Postgres(t) => {
            let sql = format!("SELECT {COLUMNS} FROM events WHERE id = $1 FOR UPDATE");
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(&mut **t)
                .await?
        }
        Tx::Sqlite(t) => {
            let sql = format!("SELECT {COLUMNS} FROM events WHERE id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(&mut **t)
                .await?
        }
    };
    let Some(row) = row else { return Ok(None) };
    let mut event: Event = row.into();
    event.audience_unit_ids = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT unit_id FROM event_audience_units WHERE event_id = $1 ORDER BY unit_id")
        .bind(id).fetch_all(conn).await)?;
    event.partner_unit_ids = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT unit_id FROM event_partners WHERE event_id = $1 ORDER BY unit_id")
        .bind(id).fetch_all(conn).await)?;
    Ok(Some(event))
}

/// What to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only these statuses (as stored).
    pub statuses: Vec<Status>,
    /// Events that end after this…
    pub ends_after: Option<DateTime<Utc>>,
    /// …or that ended by this.
    pub ended_by: Option<DateTime<Utc>>,
    pub category: Option<Category>,
    /// Organised by this unit or with it as a partner.
    pub unit_id: Option<i64>,
    pub language: Option<String>,
    /// Only audience `everyone`.
    pub public_only: bool,
    /// Organised (or partnered) by one of these units; `None`: any.
    pub organisers: Option<Vec<i64>>,
    pub newest_first: bool,
    pub limit: i64,
}

pub async fn list(db: &Db, f: &Filter) -> Result<Vec<Event>, Error> {
    let statuses: Vec<String> = f
        .statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    // Statuses and unit ids come from the code and the database, never from input text.
    let status_clause = if statuses.is_empty() {
        String::new()
    } else {
        format!("AND status IN ({})", statuses.join(", "))
    };
    let organiser_clause = match &f.organisers {
        None => String::new(),
        Some(units) if units.is_empty() => "AND 1 = 0".to_string(),
        Some(units) => {
            let ids: Vec<String> = units.iter().map(|u| u.to_string()).collect();
            let ids = ids.join(", ");
            format!(
                "AND (unit_id IN ({ids}) OR id IN (SELECT event_id FROM event_partners WHERE unit_id IN ({ids})))"
            )
        }
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM events
         WHERE ($1 IS NULL OR end_at > $1) AND ($2 IS NULL OR end_at <= $2)
           AND ($3 IS NULL OR category = $3)
           AND ($4 IS NULL OR unit_id = $4 OR id IN (SELECT event_id FROM event_partners WHERE unit_id = $4))
           AND ($5 IS NULL OR (' ' || languages || ' ') LIKE ('% ' || $5 || ' %'))
           AND ($6 = FALSE OR audience = 'everyone')
           {status_clause} {organiser_clause}
         ORDER BY start_at {}, id
         LIMIT $7",
        if f.newest_first { "DESC" } else { "ASC" }
    );
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(f.ends_after)
        .bind(f.ended_by)
        .bind(f.category.map(|c| c.as_str()))
        .bind(f.unit_id)
        .bind(f.language.as_deref())
        .bind(f.public_only)
        .bind(if f.limit > 0 { f.limit } else { 200 })
        .fetch_all(pool)
        .await)?;
    with_units(db, rows.into_iter().map(Event::from).collect()).await
}

/// Marks a booking as the event's own.
pub async fn attach_booking(tx: &mut Tx, booking_id: i64, event_id: i64) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("UPDATE bookings SET event_id = $1 WHERE id = $2")
        .bind(event_id)
        .bind(booking_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The event's live booking: (id, resource, start, end).
pub async fn live_booking(
    tx: &mut Tx,
    event_id: i64,
) -> Result<Option<(i64, i64, DateTime<Utc>, DateTime<Utc>)>, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_as(
        "SELECT id, resource_id, start_at, end_at FROM bookings
         WHERE event_id = $1 AND status IN ('pending', 'confirmed', 'checked_in')
         ORDER BY id LIMIT 1")
        .bind(event_id)
        .fetch_optional(conn)
        .await)?)
}

/// The id of the event's live booking, outside a transaction.
pub async fn booking_of(db: &Db, event_id: i64) -> Result<Option<i64>, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM bookings WHERE event_id = $1 AND status IN ('pending', 'confirmed', 'checked_in')
         ORDER BY id LIMIT 1")
        .bind(event_id)
        .fetch_optional(pool)
        .await)?)
}

// ---- registrations ----

const REG_COLUMNS: &str = "r.id, r.event_id, r.kind, r.user_id, r.guest_name, r.status, r.queue_no,
    r.code, r.created_at, r.checked_in_at, r.added_by, COALESCE(u.display_name, '') AS member_name";

#[derive(sqlx::FromRow)]
struct RegRow {
    id: i64,
    event_id: i64,
    kind: String,
    user_id: Option<i64>,
    guest_name: Option<String>,
    status: String,
    queue_no: i64,
    code: String,
    created_at: DateTime<Utc>,
    checked_in_at: Option<DateTime<Utc>>,
    added_by: Option<i64>,
    member_name: String,
}

impl From<RegRow> for Registration {
    fn from(r: RegRow) -> Registration {
        let guest = r.kind == "guest";
        Registration {
            id: r.id,
            event_id: r.event_id,
            user_id: r.user_id,
            guest,
            name: if guest {
                r.guest_name.unwrap_or_default()
            } else {
                r.member_name
            },
            status: RegStatus::parse(&r.status).unwrap_or(RegStatus::Cancelled),
            waitlist_position: None,
            queue_no: r.queue_no,
            code: r.code,
            created_at: r.created_at,
            checked_in_at: r.checked_in_at,
            added_by: r.added_by,
        }
    }
}

fn reg_sql(condition: &str) -> String {
    format!(
        "SELECT {REG_COLUMNS} FROM event_registrations r LEFT JOIN users u ON u.id = r.user_id
         WHERE {condition}"
    )
}

/// A member's registration for an event (any status).
pub async fn registration_of(
    tx: &mut Tx,
    event_id: i64,
    user_id: i64,
) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.event_id = $1 AND r.user_id = $2");
    let row: Option<RegRow> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(event_id).bind(user_id).fetch_optional(conn).await)?;
    Ok(row.map(Registration::from))
}

/// A guest's registration for an event, by email (any status).
pub async fn guest_registration(
    tx: &mut Tx,
    event_id: i64,
    email: &str,
) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.event_id = $1 AND r.guest_email = $2");
    let row: Option<RegRow> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(event_id).bind(email).fetch_optional(conn).await)?;
    Ok(row.map(Registration::from))
}

pub async fn registration(db: &Db, id: i64) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.id = $1");
    let row: Option<RegRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await)?;
    Ok(row.map(Registration::from))
}

pub async fn registration_in(tx: &mut Tx, id: i64) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.id = $1");
    let row: Option<RegRow> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(conn).await)?;
    Ok(row.map(Registration::from))
}

pub async fn registration_by_code(db: &Db, code: &str) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.code = $1");
    let row: Option<RegRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(code).fetch_optional(pool).await)?;
    Ok(row.map(Registration::from))
}

pub async fn registration_by_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.token_hash = $1");
    let row: Option<RegRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(token_hash).fetch_optional(pool).await)?;
    Ok(row.map(Registration::from))
}

/// A member's own registration, outside a transaction.
pub async fn mine(db: &Db, event_id: i64, user_id: i64) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.event_id = $1 AND r.user_id = $2");
    let row: Option<RegRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(event_id).bind(user_id).fetch_optional(pool).await)?;
    Ok(row.map(Registration::from))
}

/// How many hold a place, and the next arrival number.
pub async fn tally(tx: &mut Tx, event_id: i64) -> Result<(i64, i64), Error> {
    Ok(on_tx!(tx, conn => sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN status = 'registered' THEN 1 ELSE 0 END), 0),
                COALESCE(MAX(queue_no), 0) + 1
         FROM event_registrations WHERE event_id = $1")
        .bind(event_id)
        .fetch_one(conn)
        .await)?)
}

/// Figures of an event: registered, waitlisted, checked in.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, utoipa::ToSchema)]
#[schema(as = EventFigures)]
pub struct Figures {
    pub registered: i64,
    pub waitlisted: i64,
    pub checked_in: i64,
}

pub async fn figures(db: &Db, event_id: i64) -> Result<Figures, Error> {
    Ok(figures_of(db, &[event_id])
        .await?
        .remove(&event_id)
        .unwrap_or_default())
}

/// Figures of several events in one grouped read; an event nobody registered for has
/// none (its figures are all zero).
pub async fn figures_of(db: &Db, ids: &[i64]) -> Result<HashMap<i64, Figures>, Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    // Event ids come from the database, never from input text.
    let sql = format!(
        "SELECT event_id,
                COALESCE(SUM(CASE WHEN status = 'registered' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN checked_in_at IS NOT NULL THEN 1 ELSE 0 END), 0)
         FROM event_registrations WHERE event_id IN ({}) GROUP BY event_id",
        id_list(ids)
    );
    let rows: Vec<(i64, i64, i64, i64)> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, registered, waitlisted, checked_in)| {
            (
                id,
                Figures {
                    registered,
                    waitlisted,
                    checked_in,
                },
            )
        })
        .collect())
}

/// A member's registrations for several events (any status), by event, in one read.
pub async fn mine_of(
    db: &Db,
    ids: &[i64],
    user_id: i64,
) -> Result<HashMap<i64, Registration>, Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = reg_sql(&format!(
        "r.user_id = $1 AND r.event_id IN ({})",
        id_list(ids)
    ));
    let rows: Vec<RegRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(user_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(Registration::from)
        .map(|r| (r.event_id, r))
        .collect())
}

fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A registration to write.
pub struct NewRegistration<'a> {
    pub event_id: i64,
    pub user_id: Option<i64>,
    pub guest: Option<&'a super::model::Guest>,
    pub status: RegStatus,
    pub queue_no: i64,
    pub code: &'a str,
    pub token_hash: Option<&'a str>,
    pub added_by: Option<i64>,
}

pub async fn insert_registration(tx: &mut Tx, n: &NewRegistration<'_>) -> Result<i64, sqlx::Error> {
    let now = clock::now();
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO event_registrations (event_id, kind, user_id, guest_name, guest_email, guest_phone,
             consent_version, consent_at, status, queue_no, code, token_hash, added_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
         RETURNING id")
        .bind(n.event_id)
        .bind(if n.guest.is_some() { "guest" } else { "member" })
        .bind(n.user_id)
        .bind(n.guest.map(|g| g.name.as_str()))
        .bind(n.guest.map(|g| g.email.as_str()))
        .bind(n.guest.map(|g| g.phone.as_str()))
        .bind(n.guest.map(|_| super::model::GUEST_CONSENT_VERSION))
        .bind(n.guest.map(|_| now))
        .bind(n.status.as_str())
        .bind(n.queue_no)
        .bind(n.code)
        .bind(n.token_hash)
        .bind(n.added_by)
        .bind(now)
        .fetch_one(conn)
        .await)
}

/// Brings a cancelled registration back, at the end of the queue.
pub async fn revive(
    tx: &mut Tx,
    id: i64,
    status: RegStatus,
    queue_no: i64,
    added_by: Option<i64>,
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE event_registrations SET status = $1, queue_no = $2, added_by = $3, updated_at = $4,
             cancelled_at = NULL, promoted_at = NULL
         WHERE id = $5 AND status = 'cancelled'")
        .bind(status.as_str())
        .bind(queue_no)
        .bind(added_by)
        .bind(clock::now())
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Moves a registration to `to`; false when it was not in `from`.
pub async fn set_reg_status(
    tx: &mut Tx,
    id: i64,
    from: RegStatus,
    to: RegStatus,
) -> Result<bool, Error> {
    let now = clock::now();
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE event_registrations SET status = $1, updated_at = $2,
             cancelled_at = CASE WHEN $1 = 'cancelled' THEN $2 ELSE cancelled_at END,
             promoted_at = CASE WHEN $1 = 'registered' AND $3 = 'waitlisted' THEN $2 ELSE promoted_at END
         WHERE id = $4 AND status = $3")
        .bind(to.as_str())
        .bind(now)
        .bind(from.as_str())
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The first of the waitlist, if anyone waits.
pub async fn first_waitlisted(tx: &mut Tx, event_id: i64) -> Result<Option<Registration>, Error> {
    let sql = reg_sql("r.event_id = $1 AND r.status = 'waitlisted' ORDER BY r.queue_no LIMIT 1");
    let row: Option<RegRow> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(event_id).fetch_optional(conn).await)?;
    Ok(row.map(Registration::from))
}

/// Where a waitlisted registration stands (1 = next).
pub async fn waitlist_position(db: &Db, event_id: i64, queue_no: i64) -> Result<i64, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'waitlisted' AND queue_no <= $2")
        .bind(event_id)
        .bind(queue_no)
        .fetch_one(pool)
        .await)?)
}

/// Everyone who holds a place or waits for one (to tell them the event is off).
pub async fn live_members(tx: &mut Tx, event_id: i64) -> Result<Vec<i64>, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT user_id FROM event_registrations
         WHERE event_id = $1 AND status IN ('registered', 'waitlisted') AND user_id IS NOT NULL
         ORDER BY queue_no")
        .bind(event_id)
        .fetch_all(conn)
        .await)?)
}

/// One line of the organisers' list (with the contact details they need).
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Attendee {
    #[serde(flatten)]
    pub registration: Registration,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The registrations of an event in arrival order, with emails and phones.
pub async fn registrations(db: &Db, event_id: i64) -> Result<Vec<Attendee>, Error> {
    #[derive(sqlx::FromRow)]
    struct Full {
        #[sqlx(flatten)]
        row: RegRow,
        email: Option<String>,
        phone: Option<String>,
    }
    let sql = format!(
        "SELECT {REG_COLUMNS},
             CASE WHEN r.kind = 'guest' THEN r.guest_email ELSE u.email END AS email,
             CASE WHEN r.kind = 'guest' THEN r.guest_phone ELSE p.phone END AS phone
         FROM event_registrations r LEFT JOIN users u ON u.id = r.user_id
         LEFT JOIN profiles p ON p.user_id = r.user_id
         WHERE r.event_id = $1 ORDER BY r.queue_no"
    );
    let rows: Vec<Full> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(event_id).fetch_all(pool).await)?;
    let mut position = 0;
    Ok(rows
        .into_iter()
        .map(|f| {
            let mut registration = Registration::from(f.row);
            if registration.status == RegStatus::Waitlisted {
                position += 1;
                registration.waitlist_position = Some(position);
            }
            Attendee {
                registration,
                email: f.email,
                phone: f.phone,
            }
        })
        .collect())
}

/// Marks attendance once; false when it was already marked (or the place is not held).
pub async fn check_in(tx: &mut Tx, id: i64, by: i64) -> Result<bool, Error> {
    let now = clock::now();
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE event_registrations SET checked_in_at = $1, checked_in_by = $2, updated_at = $1
         WHERE id = $3 AND status = 'registered' AND checked_in_at IS NULL")
        .bind(now)
        .bind(by)
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A member's events: (event, their registration), soonest first, ending after `since`.
pub async fn of_member(
    db: &Db,
    user_id: i64,
    since: DateTime<Utc>,
) -> Result<Vec<(Event, Registration)>, Error> {
    let mut all = of_member_all(db, user_id, since).await?;
    all.retain(|(_, r)| r.status != RegStatus::Cancelled);
    Ok(all)
}

/// Like [`of_member`], with the cancelled registrations too (for calendar feeds).
pub async fn of_member_all(
    db: &Db,
    user_id: i64,
    since: DateTime<Utc>,
) -> Result<Vec<(Event, Registration)>, Error> {
    let sql = reg_sql("r.user_id = $1");
    let regs: Vec<RegRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(user_id).fetch_all(pool).await)?;
    let mut out = Vec::new();
    for r in regs {
        let reg = Registration::from(r);
        if let Some(event) = find(db, reg.event_id).await?
            && event.end > since
        {
            out.push((event, reg));
        }
    }
    out.sort_by_key(|(e, _)| e.start);
    Ok(out)
}

// ---- ratings ----

pub async fn insert_rating(
    tx: &mut Tx,
    event_id: i64,
    user_id: i64,
    stars: i32,
    comment: Option<&str>,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO event_ratings (event_id, user_id, stars, comment, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(event_id)
        .bind(user_id)
        .bind(stars)
        .bind(comment)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn has_rated(db: &Db, event_id: i64, user_id: i64) -> Result<bool, Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_ratings WHERE event_id = $1 AND user_id = $2")
        .bind(event_id).bind(user_id).fetch_one(pool).await)?;
    Ok(n > 0)
}

/// Every rating of an event: (stars, comment, when), newest first.
pub async fn ratings(
    db: &Db,
    event_id: i64,
) -> Result<Vec<(i32, Option<String>, DateTime<Utc>)>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT stars, comment, created_at FROM event_ratings WHERE event_id = $1 ORDER BY created_at DESC, id DESC")
        .bind(event_id)
        .fetch_all(pool)
        .await)?)
}
