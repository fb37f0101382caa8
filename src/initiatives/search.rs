//! What the search index holds for initiatives: written by `storage` inside the same
//! transaction as every change of an initiative's texts or status. Once submitted an
//! initiative is public; a draft is found only by its author and the staff over its unit.

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
    author_id: Option<i64>,
    status: String,
    title_kk: Option<String>,
    title_ru: Option<String>,
    summary_kk: Option<String>,
    summary_ru: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
}

const SQL: &str = "SELECT id, unit_id, author_id, status, title_kk, title_ru, summary_kk,
     summary_ru, description_kk, description_ru FROM initiatives";

fn entry(row: Row) -> Entry {
    let public = Status::parse(&row.status).is_some_and(|s| s.is_public());
    Entry {
        kind: kinds::INITIATIVE,
        id: row.id,
        title: Text::new(row.title_kk, row.title_ru),
        url: format!("/initiatives/{}", row.id),
        audience: if public {
            Audience::Public
        } else {
            Audience::Staff {
                unit_id: row.unit_id,
            }
        },
        owner_id: if public { None } else { row.author_id },
        body: [
            row.summary_kk,
            row.summary_ru,
            row.description_kk,
            row.description_ru,
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

/// Writes the entry of one initiative as it stands in the transaction (or removes it).
pub async fn reindex(tx: &mut Tx, id: i64) -> Result<(), Error> {
    let row: Option<Row> = on_tx!(tx, conn => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("{SQL} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await)?;
    match row {
        Some(row) => index::upsert(tx, &entry(row)).await,
        None => index::remove(tx, kinds::INITIATIVE, id).await,
    }
}

/// Writes the entries of every initiative (the index's rebuild).
pub async fn reindex_all(tx: &mut Tx) -> Result<(), Error> {
    let rows: Vec<Row> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(SQL))
        .fetch_all(&mut *conn)
        .await)?;
    for row in rows {
        index::upsert(tx, &entry(row)).await?;
    }
    Ok(())
}
