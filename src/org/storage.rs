//! Units in the database.

use super::model::{Unit, UnitKind};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::i18n::Text;
use crate::{on_db, on_tx};

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    parent_id: Option<i64>,
    kind: String,
    name_kk: Option<String>,
    name_ru: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    institution_kk: Option<String>,
    institution_ru: Option<String>,
    community: Option<String>,
}

const UNIT_COLUMNS: &str = "id, parent_id, kind, name_kk, name_ru, description_kk, description_ru, institution_kk, institution_ru, community";

impl UnitRow {
    fn into_unit(self) -> Result<Unit, Error> {
        Ok(Unit {
            id: self.id,
            parent_id: self.parent_id,
            kind: UnitKind::parse(&self.kind)
                .ok_or_else(|| anyhow::anyhow!("unknown unit kind {}", self.kind))?,
            name: Text::new(self.name_kk, self.name_ru),
            description: Text::new(self.description_kk, self.description_ru),
            institution: Text::new(self.institution_kk, self.institution_ru),
            community: self.community,
        })
    }
}

pub async fn insert(
    tx: &mut Tx,
    parent_id: Option<i64>,
    kind: UnitKind,
    name: &Text,
) -> Result<i64, Error> {
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO org_units (parent_id, kind, name_kk, name_ru, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(parent_id)
        .bind(kind.as_str())
        .bind(&name.kk)
        .bind(&name.ru)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?;
    crate::search::sources::reindex_unit(tx, id).await?;
    Ok(id)
}

/// A unit's name, read inside a transaction.
pub async fn find_in(tx: &mut Tx, id: i64) -> Result<Text, Error> {
    let (kk, ru): (Option<String>, Option<String>) = on_tx!(tx, conn => sqlx::query_as("SELECT name_kk, name_ru FROM org_units WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await)?;
    Ok(Text::new(kk, ru))
}

/// Sets the descriptive fields of a unit.
pub async fn set_details(tx: &mut Tx, id: i64, d: &super::model::UnitDetails) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE org_units SET name_kk = $1, name_ru = $2, description_kk = $3, description_ru = $4,
             institution_kk = $5, institution_ru = $6, community = $7 WHERE id = $8")
        .bind(&d.name.kk)
        .bind(&d.name.ru)
        .bind(&d.description.kk)
        .bind(&d.description.ru)
        .bind(&d.institution.kk)
        .bind(&d.institution.ru)
        .bind(&d.community)
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    crate::search::sources::reindex_unit(tx, id).await
}

/// The ids of a unit's subtree, itself included.
pub async fn subtree(db: &Db, id: i64) -> Result<Vec<i64>, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "WITH RECURSIVE down(id) AS (
             SELECT id FROM org_units WHERE id = $1
             UNION ALL
             SELECT u.id FROM org_units u JOIN down ON u.parent_id = down.id
         )
         SELECT id FROM down ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await)?)
}

/// Every unit, parents before children (a unit is created after its parent).
pub async fn all(db: &Db) -> Result<Vec<Unit>, Error> {
    let rows: Vec<UnitRow> = on_db!(db, pool => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("SELECT {UNIT_COLUMNS} FROM org_units ORDER BY id")))
        .fetch_all(pool)
        .await)?;
    rows.into_iter().map(UnitRow::into_unit).collect()
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Unit>, Error> {
    let row: Option<UnitRow> = on_db!(db, pool => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("SELECT {UNIT_COLUMNS} FROM org_units WHERE id = $1")))
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    row.map(UnitRow::into_unit).transpose()
}

/// The ids above a unit, nearest first.
pub async fn ancestors(db: &Db, id: i64) -> Result<Vec<i64>, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "WITH RECURSIVE up(id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM org_units WHERE id = $1
             UNION ALL
             SELECT u.id, u.parent_id, up.depth + 1 FROM org_units u JOIN up ON u.id = up.parent_id
         )
         SELECT id FROM up WHERE depth > 0 ORDER BY depth")
        .bind(id)
        .fetch_all(pool)
        .await)?)
}

/// The root of the tree (the association), if any unit exists.
pub async fn root(db: &Db) -> Result<Option<i64>, Error> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1")
        .fetch_optional(pool)
        .await)?,
    )
}

/// Creates the root of the tree: the association «Ассамблея жастары».
pub async fn insert_root(tx: &mut Tx) -> Result<i64, Error> {
    let name = Text::both(
        "«Ассамблея жастары» бірлестігі",
        "Объединение «Ассамблея жастары»",
    );
    insert(tx, None, UnitKind::Association, &name).await
}

/// The root, created when the tree is empty.
pub async fn ensure_root(db: &Db) -> Result<i64, Error> {
    if let Some(id) = root(db).await? {
        return Ok(id);
    }
    let mut tx = db.begin().await?;
    let id = insert_root(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

/// A Dostyq club's activity direction over time.
#[derive(Clone, Debug, serde::Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Direction {
    pub id: i64,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub started_on: chrono::NaiveDate,
    pub ended_on: Option<chrono::NaiveDate>,
}

/// A unit's directions, current ones first, then the history.
pub async fn directions(db: &Db, unit_id: i64) -> Result<Vec<Direction>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT id, name_kk, name_ru, started_on, ended_on FROM unit_directions WHERE unit_id = $1
         ORDER BY ended_on IS NOT NULL, started_on DESC, id DESC")
        .bind(unit_id)
        .fetch_all(pool)
        .await)?)
}

pub async fn add_direction(
    tx: &mut Tx,
    unit_id: i64,
    name: &Text,
    started_on: chrono::NaiveDate,
) -> Result<i64, Error> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO unit_directions (unit_id, name_kk, name_ru, started_on) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(unit_id)
        .bind(&name.kk)
        .bind(&name.ru)
        .bind(started_on)
        .fetch_one(conn)
        .await)?)
}

/// Ends a direction; answers false when there was no open one with that id in the unit.
pub async fn end_direction(
    tx: &mut Tx,
    unit_id: i64,
    id: i64,
    on: chrono::NaiveDate,
) -> Result<bool, Error> {
    use crate::error::ResultExt;
    let n = on_tx!(tx, conn => sqlx::query("UPDATE unit_directions SET ended_on = $1 WHERE id = $2 AND unit_id = $3 AND ended_on IS NULL")
        .bind(on)
        .bind(id)
        .bind(unit_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))
    .on_constraint("unit_directions_dates", || Error::invalid("ended_on", "invalid_date"))?;
    Ok(n == 1)
}
