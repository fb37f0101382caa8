//! What the search index holds for events: written by `storage` inside the same
//! transaction as every change of an event, so the index never lags behind.
//! A published, cancelled or finished event is public; a draft is found only by its
//! creator and the staff over its unit.

use super::model::Status;
use crate::db::Tx;
use crate::error::Error;
use crate::i18n::Text;
use crate::on_tx;
use crate::search::index::{self, Audience, Entry};
use crate::search::kinds;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    unit_id: i64,
    created_by: Option<i64>,
    status: String,
    title_kk: Option<String>,
    title_ru: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    venue_kk: Option<String>,
    venue_ru: Option<String>,
}

const SQL: &str = "SELECT id, unit_id, created_by, status, title_kk, title_ru, description_kk,
     description_ru, venue_kk, venue_ru FROM events";

fn entry(row: Row) -> Entry {
    let draft = Status::parse(&row.status).is_none_or(|s| s == Status::Draft);
    Entry {
        kind: kinds::EVENT,
        id: row.id,
        title: Text::new(row.title_kk, row.title_ru),
        url: format!("/events/{}", row.id),
        audience: if draft {
            Audience::Staff {
                unit_id: row.unit_id,
            }
        } else {
            Audience::Public
        },
        owner_id: if draft { row.created_by } else { None },
        body: [
            row.description_kk,
            row.description_ru,
            row.venue_kk,
            row.venue_ru,
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

/// Writes the entry of one event as it stands in the transaction (or removes it).
pub async fn reindex(tx: &mut Tx, id: i64) -> Result<(), Error> {
    let row: Option<Row> = on_tx!(tx, conn => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("{SQL} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await)?;
    match row {
        Some(row) => index::upsert(tx, &entry(row)).await,
        None => index::remove(tx, kinds::EVENT, id).await,
    }
}

/// Writes the entries of every event (the index's rebuild).
pub async fn reindex_all(tx: &mut Tx) -> Result<(), Error> {
    let rows: Vec<Row> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(SQL))
        .fetch_all(&mut *conn)
        .await)?;
    for row in rows {
        index::upsert(tx, &entry(row)).await?;
    }
    Ok(())
}
