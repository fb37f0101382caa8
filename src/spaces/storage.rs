//! Locations and resources in the database.

use chrono::{DateTime, NaiveTime, Utc};

use super::model::{Access, Location, OpeningHours, Resource};
use crate::accounts::Role;
use crate::bookings::Rules;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, FieldError, ResultExt};
use crate::i18n::Text;
use crate::{on_db, on_tx};

pub struct NewLocation<'a> {
    pub unit_id: i64,
    pub name: &'a Text,
    pub address: &'a Text,
    pub phone: Option<&'a str>,
    pub time_zone: &'a str,
}

pub async fn insert_location(tx: &mut Tx, new: &NewLocation<'_>) -> Result<i64, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO locations (unit_id, name_kk, name_ru, address_kk, address_ru, phone, time_zone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(new.unit_id)
        .bind(&new.name.kk)
        .bind(&new.name.ru)
        .bind(&new.address.kk)
        .bind(&new.address.ru)
        .bind(new.phone)
        .bind(new.time_zone)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?)
}

pub async fn set_hours(tx: &mut Tx, location_id: i64, hours: &[OpeningHours]) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM opening_hours WHERE location_id = $1").bind(location_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    for h in hours {
        on_tx!(tx, conn => sqlx::query("INSERT INTO opening_hours (location_id, weekday, opens, closes) VALUES ($1, $2, $3, $4)")
            .bind(location_id)
            .bind(h.weekday as i32)
            .bind(h.opens.format("%H:%M").to_string())
            .bind(h.closes.format("%H:%M").to_string())
            .execute(&mut *conn)
            .await.map(|r| r.rows_affected()))
        .on_constraint("opening_hours_interval", || {
            let field = super::manage::CLOSES
                .get(h.weekday.saturating_sub(1) as usize)
                .copied()
                .unwrap_or("hours");
            Error::invalid(field, "closes_before_opens")
        })?;
    }
    Ok(())
}

pub async fn insert_resource(
    tx: &mut Tx,
    location_id: i64,
    kind: &str,
    name: &Text,
    capacity: i32,
) -> Result<i64, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO resources (location_id, kind, name_kk, name_ru, capacity, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(location_id)
        .bind(kind)
        .bind(&name.kk)
        .bind(&name.ru)
        .bind(capacity)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?)
}

#[derive(sqlx::FromRow)]
struct LocationRow {
    id: i64,
    unit_id: i64,
    name_kk: Option<String>,
    name_ru: Option<String>,
    address_kk: Option<String>,
    address_ru: Option<String>,
    phone: Option<String>,
    time_zone: String,
}

/// The center's main location (the first one), with its hours.
pub async fn main_location(db: &Db) -> Result<Option<Location>, Error> {
    let row: Option<LocationRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, unit_id, name_kk, name_ru, address_kk, address_ru, phone, time_zone FROM locations ORDER BY id LIMIT 1")
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else { return Ok(None) };
    let hours: Vec<(i32, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT weekday, opens, closes FROM opening_hours WHERE location_id = $1 ORDER BY weekday")
        .bind(row.id)
        .fetch_all(pool)
        .await)?;
    let parse = |t: &str| {
        NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored hour {t}: {e}")))
    };
    let hours = hours
        .iter()
        .map(|(weekday, opens, closes)| {
            Ok(OpeningHours {
                weekday: *weekday as u32,
                opens: parse(opens)?,
                closes: parse(closes)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Some(Location {
        id: row.id,
        unit_id: row.unit_id,
        name: Text::new(row.name_kk, row.name_ru),
        address: Text::new(row.address_kk, row.address_ru),
        phone: row.phone,
        time_zone: row.time_zone.parse().unwrap_or(crate::i18n::format::AKTOBE),
        hours,
    }))
}

/// How many resources the location has, by kind (`desk`, `meeting_room`, …).
pub async fn resource_counts(db: &Db, location_id: i64) -> Result<Vec<(String, i64)>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT kind, COUNT(*) FROM resources WHERE location_id = $1 GROUP BY kind ORDER BY kind")
        .bind(location_id)
        .fetch_all(pool)
        .await)?)
}

#[derive(sqlx::FromRow)]
struct ResourceRow {
    id: i64,
    location_id: i64,
    kind: String,
    name_kk: Option<String>,
    name_ru: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    capacity: i32,
    amenities: String,
    active: bool,
}

impl From<ResourceRow> for Resource {
    fn from(r: ResourceRow) -> Resource {
        Resource {
            id: r.id,
            location_id: r.location_id,
            kind: r.kind,
            name: Text::new(r.name_kk, r.name_ru),
            description: Text::new(r.description_kk, r.description_ru),
            capacity: r.capacity,
            amenities: r.amenities.split_whitespace().map(str::to_string).collect(),
            active: r.active,
        }
    }
}

const RESOURCE_COLUMNS: &str = "id, location_id, kind, name_kk, name_ru, description_kk, description_ru, capacity, amenities, active";

pub async fn resource(db: &Db, id: i64) -> Result<Option<Resource>, Error> {
    let sql = format!("SELECT {RESOURCE_COLUMNS} FROM resources WHERE id = $1");
    let row: Option<ResourceRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(Resource::from))
}

/// Every resource, or a location's, in the order pages list them (by kind, then id).
pub async fn resources(db: &Db, location_id: Option<i64>) -> Result<Vec<Resource>, Error> {
    let sql = format!(
        "SELECT {RESOURCE_COLUMNS} FROM resources WHERE ($1 IS NULL OR location_id = $1)
         ORDER BY CASE kind WHEN 'desk' THEN 1 WHEN 'meeting_room' THEN 2 WHEN 'event_hall' THEN 3 ELSE 4 END, id"
    );
    let rows: Vec<ResourceRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(location_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(Resource::from).collect())
}

/// A location with its hours.
pub async fn location(db: &Db, id: i64) -> Result<Option<Location>, Error> {
    Ok(locations(db).await?.into_iter().find(|l| l.id == id))
}

/// Every location, with its hours, in the order they were made.
pub async fn locations(db: &Db) -> Result<Vec<Location>, Error> {
    let rows: Vec<LocationRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, unit_id, name_kk, name_ru, address_kk, address_ru, phone, time_zone FROM locations ORDER BY id")
        .fetch_all(pool)
        .await)?;
    let hours: Vec<(i64, i32, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT location_id, weekday, opens, closes FROM opening_hours ORDER BY location_id, weekday")
        .fetch_all(pool)
        .await)?;
    rows.into_iter()
        .map(|row| {
            let hours = hours
                .iter()
                .filter(|(location, ..)| *location == row.id)
                .map(|(_, weekday, opens, closes)| {
                    Ok(OpeningHours {
                        weekday: *weekday as u32,
                        opens: parse_hour(opens)?,
                        closes: parse_hour(closes)?,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            Ok(Location {
                id: row.id,
                unit_id: row.unit_id,
                name: Text::new(row.name_kk, row.name_ru),
                address: Text::new(row.address_kk, row.address_ru),
                phone: row.phone,
                time_zone: row.time_zone.parse().unwrap_or(crate::i18n::format::AKTOBE),
                hours,
            })
        })
        .collect()
}

fn parse_hour(t: &str) -> Result<NaiveTime, Error> {
    NaiveTime::parse_from_str(t, "%H:%M")
        .map_err(|e| Error::Internal(anyhow::anyhow!("stored hour {t}: {e}")))
}

#[derive(sqlx::FromRow)]
struct RulesRow {
    resource_id: Option<i64>,
    #[sqlx(default)]
    location_id: Option<i64>,
    #[sqlx(default)]
    kind: Option<String>,
    slot_minutes: i32,
    min_minutes: i32,
    max_minutes: i32,
    lead_minutes: i32,
    horizon_days: i32,
    per_day: Option<i32>,
    per_week: Option<i32>,
    buffer_minutes: i32,
    needs_approval: bool,
    check_in_minutes: Option<i32>,
    within_hours: bool,
}

/// Where a resource's rules come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesSource {
    Resource,
    Kind,
    Defaults,
}

/// The rules in force for a resource: its own, else its kind's at its location, else the
/// kind's defaults.
pub async fn rules(db: &Db, resource: &Resource) -> Result<(Rules, RulesSource), Error> {
    let rows: Vec<RulesRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT resource_id, slot_minutes, min_minutes, max_minutes, lead_minutes, horizon_days,
                per_day, per_week, buffer_minutes, needs_approval, check_in_minutes, within_hours
         FROM booking_rules
         WHERE resource_id = $1 OR (location_id = $2 AND kind = $3)")
        .bind(resource.id)
        .bind(resource.location_id)
        .bind(&resource.kind)
        .fetch_all(pool)
        .await)?;
    Ok(pick_rules(
        rows.iter().find(|r| r.resource_id.is_some()),
        rows.iter().find(|r| r.resource_id.is_none()),
        &resource.kind,
    ))
}

/// The rules of each of `resources`, in order, from one read of the rules table (small:
/// a row per resource with its own rules and per kind at a location), for lists.
pub async fn rules_of_all(
    db: &Db,
    resources: &[Resource],
) -> Result<Vec<(Rules, RulesSource)>, Error> {
    let rows: Vec<RulesRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT resource_id, location_id, kind, slot_minutes, min_minutes, max_minutes,
                lead_minutes, horizon_days, per_day, per_week, buffer_minutes, needs_approval,
                check_in_minutes, within_hours
         FROM booking_rules")
        .fetch_all(pool)
        .await)?;
    Ok(resources
        .iter()
        .map(|r| {
            pick_rules(
                rows.iter().find(|x| x.resource_id == Some(r.id)),
                rows.iter().find(|x| {
                    x.resource_id.is_none()
                        && x.location_id == Some(r.location_id)
                        && x.kind.as_deref() == Some(r.kind.as_str())
                }),
                &r.kind,
            )
        })
        .collect())
}

/// The rules in force: the resource's own, else its kind's at its location, else the
/// kind's defaults.
fn pick_rules(
    own: Option<&RulesRow>,
    kind: Option<&RulesRow>,
    kind_name: &str,
) -> (Rules, RulesSource) {
    match own
        .map(|r| (r, RulesSource::Resource))
        .or_else(|| kind.map(|r| (r, RulesSource::Kind)))
    {
        Some((r, source)) => (r.rules(), source),
        None => (Rules::defaults(kind_name), RulesSource::Defaults),
    }
}

impl RulesRow {
    fn rules(&self) -> Rules {
        Rules {
            slot_minutes: self.slot_minutes,
            min_minutes: self.min_minutes,
            max_minutes: self.max_minutes,
            lead_minutes: self.lead_minutes,
            horizon_days: self.horizon_days,
            per_day: self.per_day,
            per_week: self.per_week,
            buffer_minutes: self.buffer_minutes,
            needs_approval: self.needs_approval,
            check_in_minutes: self.check_in_minutes,
            within_hours: self.within_hours,
        }
    }
}

/// Everything the spaces cache holds, read from the database (see `spaces::cache`): every
/// location with its hours, resource, rules set, entry of who may book, and closure.
pub struct Everything {
    pub locations: Vec<Location>,
    /// Each resource with the rules in force and who may book it.
    pub resources: Vec<(Resource, Rules, RulesSource, Vec<Access>)>,
    /// (location, closure), by location and start.
    pub closures: Vec<(i64, Closure)>,
}

/// Reads [`Everything`].
pub async fn everything(db: &Db) -> Result<Everything, Error> {
    let locations = locations(db).await?;
    let resources = resources(db, None).await?;
    #[derive(sqlx::FromRow)]
    struct Keyed {
        location_id: i64,
        kind: Option<String>,
        #[sqlx(flatten)]
        row: RulesRow,
    }
    let rules: Vec<Keyed> = on_db!(db, pool => sqlx::query_as(
        "SELECT location_id, kind, resource_id, slot_minutes, min_minutes, max_minutes,
                lead_minutes, horizon_days, per_day, per_week, buffer_minutes, needs_approval,
                check_in_minutes, within_hours
         FROM booking_rules")
        .fetch_all(pool)
        .await)?;
    let access: Vec<(i64, Option<String>, Option<i64>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT resource_id, role, unit_id FROM resource_access ORDER BY id")
        .fetch_all(pool)
        .await)?;
    // (location, id, start, end, reason kk, reason ru)
    type Located = (
        i64,
        i64,
        DateTime<Utc>,
        DateTime<Utc>,
        Option<String>,
        Option<String>,
    );
    let closures: Vec<Located> = on_db!(db, pool => sqlx::query_as(
            "SELECT location_id, id, start_at, end_at, reason_kk, reason_ru FROM closures
             ORDER BY location_id, start_at")
            .fetch_all(pool)
            .await)?;
    let resources = resources
        .into_iter()
        .map(|r| {
            let own = rules.iter().find(|k| k.row.resource_id == Some(r.id));
            let kind = rules.iter().find(|k| {
                k.location_id == r.location_id && k.kind.as_deref() == Some(r.kind.as_str())
            });
            let (rules, source) = pick_rules(own.map(|k| &k.row), kind.map(|k| &k.row), &r.kind);
            let access = access
                .iter()
                .filter(|(id, ..)| *id == r.id)
                .filter_map(|(_, role, unit)| access_entry(role.as_deref(), *unit))
                .collect();
            (r, rules, source, access)
        })
        .collect();
    Ok(Everything {
        locations,
        resources,
        closures: closures
            .into_iter()
            .map(|(location, id, start, end, kk, ru)| {
                (
                    location,
                    Closure {
                        id,
                        start,
                        end,
                        reason: Text::new(kk, ru),
                    },
                )
            })
            .collect(),
    })
}

fn access_entry(role: Option<&str>, unit: Option<i64>) -> Option<Access> {
    match (role, unit) {
        (Some(role), _) => Role::parse(role).map(Access::Role),
        (None, Some(unit)) => Some(Access::Unit(unit)),
        _ => None,
    }
}

/// What a set of rules applies to.
pub enum RulesTarget<'a> {
    Resource(i64),
    Kind(&'a str),
}

/// Sets the rules of a resource, or of a kind of resource at a location.
pub async fn save_rules(
    tx: &mut Tx,
    location_id: i64,
    target: RulesTarget<'_>,
    rules: &Rules,
) -> Result<(), Error> {
    let (kind, resource_id) = match target {
        RulesTarget::Resource(id) => (None, Some(id)),
        RulesTarget::Kind(kind) => (Some(kind), None),
    };
    on_tx!(tx, conn => sqlx::query(
        "DELETE FROM booking_rules WHERE location_id = $1 AND (kind = $2 OR resource_id = $3)")
        .bind(location_id)
        .bind(kind)
        .bind(resource_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO booking_rules (location_id, kind, resource_id, slot_minutes, min_minutes,
             max_minutes, lead_minutes, horizon_days, per_day, per_week, buffer_minutes,
             needs_approval, check_in_minutes, within_hours, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
        .bind(location_id)
        .bind(kind)
        .bind(resource_id)
        .bind(rules.slot_minutes)
        .bind(rules.min_minutes)
        .bind(rules.max_minutes)
        .bind(rules.lead_minutes)
        .bind(rules.horizon_days)
        .bind(rules.per_day)
        .bind(rules.per_week)
        .bind(rules.buffer_minutes)
        .bind(rules.needs_approval)
        .bind(rules.check_in_minutes)
        .bind(rules.within_hours)
        .bind(clock::now())
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))
    .map_err(|e| rules_violation(e, rules))?;
    Ok(())
}

/// A rules CHECK the database refused, as the field it concerns (`Rules::validate`
/// catches these first; this keeps the answer a field error if the two ever differ).
fn rules_violation(err: sqlx::Error, rules: &Rules) -> Error {
    let field = |field, code, limit: i32| {
        Error::Invalid(vec![FieldError::new(field, code).with_limit(limit.into())])
    };
    match crate::db::constraint_name(&err).as_deref() {
        Some("booking_rules_lengths") => field("max_minutes", "too_small", rules.min_minutes),
        Some("booking_rules_ahead") => field("horizon_days", "too_large", 730),
        Some("booking_rules_quota") => field("per_day", "too_small", 1),
        Some("booking_rules_buffer") => field("buffer_minutes", "too_large", 1440),
        Some("booking_rules_check_in") => field("check_in_minutes", "too_large", 1440),
        _ => Error::from(err),
    }
}

/// The rules set for a kind of resource at a location, if any.
pub async fn kind_rules(db: &Db, location_id: i64, kind: &str) -> Result<Option<Rules>, Error> {
    let row: Option<RulesRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT resource_id, slot_minutes, min_minutes, max_minutes, lead_minutes, horizon_days,
                per_day, per_week, buffer_minutes, needs_approval, check_in_minutes, within_hours
         FROM booking_rules WHERE location_id = $1 AND kind = $2")
        .bind(location_id)
        .bind(kind)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(|r| r.rules()))
}

/// Removes a resource's own rules (its kind's apply again); whether it had any.
pub async fn delete_rules(tx: &mut Tx, resource_id: i64) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query("DELETE FROM booking_rules WHERE resource_id = $1")
        .bind(resource_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Who may book a resource; empty: every member.
pub async fn access(db: &Db, resource_id: i64) -> Result<Vec<Access>, Error> {
    let rows: Vec<(Option<String>, Option<i64>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT role, unit_id FROM resource_access WHERE resource_id = $1 ORDER BY id")
        .bind(resource_id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(role, unit)| access_entry(role.as_deref(), unit))
        .collect())
}

pub async fn set_access(tx: &mut Tx, resource_id: i64, access: &[Access]) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM resource_access WHERE resource_id = $1")
        .bind(resource_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    for entry in access {
        let (role, unit) = match entry {
            Access::Role(role) => (Some(role.as_str()), None),
            Access::Unit(unit) => (None, Some(*unit)),
        };
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO resource_access (resource_id, role, unit_id) VALUES ($1, $2, $3)")
            .bind(resource_id)
            .bind(role)
            .bind(unit)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// A closure of a location over `[start, end)`.
#[derive(Clone, Debug)]
pub struct Closure {
    pub id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub reason: Text,
}

type ClosureRow = (
    i64,
    DateTime<Utc>,
    DateTime<Utc>,
    Option<String>,
    Option<String>,
);

/// The closures of a location that meet `[from, to)`.
pub async fn closures(
    db: &Db,
    location_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Closure>, Error> {
    let rows: Vec<ClosureRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, start_at, end_at, reason_kk, reason_ru FROM closures
         WHERE location_id = $1 AND start_at < $3 AND end_at > $2 ORDER BY start_at")
        .bind(location_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, start, end, kk, ru)| Closure {
            id,
            start,
            end,
            reason: Text::new(kk, ru),
        })
        .collect())
}

pub async fn insert_closure(
    tx: &mut Tx,
    location_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reason: &Text,
) -> Result<i64, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO closures (location_id, start_at, end_at, reason_kk, reason_ru, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(location_id)
        .bind(start)
        .bind(end)
        .bind(&reason.kk)
        .bind(&reason.ru)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?)
}

pub async fn delete_closure(tx: &mut Tx, location_id: i64, id: i64) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query("DELETE FROM closures WHERE id = $1 AND location_id = $2")
        .bind(id)
        .bind(location_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Which of these resources (all at one location) keep to the opening hours.
pub async fn within_hours(
    db: &Db,
    location_id: i64,
    resources: &[Resource],
) -> Result<std::collections::HashSet<i64>, Error> {
    let rows: Vec<(Option<String>, Option<i64>, bool)> = on_db!(db, pool => sqlx::query_as(
        "SELECT kind, resource_id, within_hours FROM booking_rules WHERE location_id = $1")
        .bind(location_id)
        .fetch_all(pool)
        .await)?;
    Ok(resources
        .iter()
        .filter(|r| {
            rows.iter()
                .find(|(_, id, _)| *id == Some(r.id))
                .or_else(|| {
                    rows.iter()
                        .find(|(kind, ..)| kind.as_deref() == Some(&r.kind))
                })
                .map(|(.., within)| *within)
                .unwrap_or_else(|| Rules::defaults(&r.kind).within_hours)
        })
        .map(|r| r.id)
        .collect())
}

/// Changes a location's name, address, phone and time zone.
pub async fn update_location(tx: &mut Tx, id: i64, new: &NewLocation<'_>) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE locations SET name_kk = $1, name_ru = $2, address_kk = $3, address_ru = $4,
             phone = $5, time_zone = $6 WHERE id = $7")
        .bind(&new.name.kk)
        .bind(&new.name.ru)
        .bind(&new.address.kk)
        .bind(&new.address.ru)
        .bind(new.phone)
        .bind(new.time_zone)
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Writes what staff edit of a resource (everything but its location).
pub async fn update_resource(tx: &mut Tx, r: &Resource) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE resources SET kind = $1, name_kk = $2, name_ru = $3, description_kk = $4,
             description_ru = $5, capacity = $6, amenities = $7, active = $8 WHERE id = $9")
        .bind(&r.kind)
        .bind(&r.name.kk)
        .bind(&r.name.ru)
        .bind(&r.description.kk)
        .bind(&r.description.ru)
        .bind(r.capacity)
        .bind(r.amenities.join(" "))
        .bind(r.active)
        .bind(r.id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// One closure of a location.
pub async fn closure(db: &Db, location_id: i64, id: i64) -> Result<Option<Closure>, Error> {
    let row: Option<ClosureRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, start_at, end_at, reason_kk, reason_ru FROM closures WHERE id = $1 AND location_id = $2")
        .bind(id)
        .bind(location_id)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(|(id, start, end, kk, ru)| Closure {
        id,
        start,
        end,
        reason: Text::new(kk, ru),
    }))
}

/// A resource's photo: its type and bytes.
pub async fn photo(db: &Db, resource_id: i64) -> Result<Option<(String, Vec<u8>)>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT content_type, bytes FROM resource_photos WHERE resource_id = $1")
        .bind(resource_id)
        .fetch_optional(pool)
        .await)?)
}

/// Whether a resource has a photo.
pub async fn has_photo(db: &Db, resource_id: i64) -> Result<bool, Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM resource_photos WHERE resource_id = $1")
        .bind(resource_id)
        .fetch_one(pool)
        .await)?;
    Ok(n > 0)
}

pub async fn set_photo(
    tx: &mut Tx,
    resource_id: i64,
    content_type: &str,
    bytes: &[u8],
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO resource_photos (resource_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (resource_id) DO UPDATE SET content_type = excluded.content_type,
             bytes = excluded.bytes, updated_at = excluded.updated_at")
        .bind(resource_id)
        .bind(content_type)
        .bind(bytes)
        .bind(clock::now())
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_photo(tx: &mut Tx, resource_id: i64) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query("DELETE FROM resource_photos WHERE resource_id = $1")
        .bind(resource_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}
