//! Locations and resources in the database.

use chrono::NaiveTime;

use super::model::{Location, OpeningHours};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
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
            .await.map(|r| r.rows_affected()))?;
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
