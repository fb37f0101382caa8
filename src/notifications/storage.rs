//! Notices in the database.

use chrono::{DateTime, Utc};

use super::{Notice, Value};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::{on_db, on_tx};

/// A notice as the person's list shows it.
#[derive(Debug)]
pub struct Stored {
    pub id: i64,
    pub notice: Notice,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    args: String,
    link: Option<String>,
    created_at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
}

pub(super) async fn insert(
    tx: &mut Tx,
    user_ids: &[i64],
    kind: &str,
    args: &str,
    link: Option<&str>,
) -> Result<(), Error> {
    let now = clock::now();
    for user_id in user_ids {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO notifications (user_id, kind, args, link, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(user_id)
            .bind(kind)
            .bind(args)
            .bind(link)
            .bind(now)
            .execute(&mut *conn)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}

/// The person's newest notices, newest first.
pub async fn recent(db: &Db, user_id: i64, limit: i64) -> Result<Vec<Stored>, Error> {
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, kind, args, link, created_at, read_at FROM notifications
         WHERE user_id = $1 ORDER BY id DESC LIMIT $2")
        .bind(user_id)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|row| Stored {
            id: row.id,
            notice: Notice {
                kind: row.kind,
                // Arguments that no longer parse lose themselves, not the notice.
                args: serde_json::from_str::<std::collections::BTreeMap<String, Value>>(&row.args)
                    .unwrap_or_default(),
                link: row.link,
            },
            created_at: row.created_at,
            read_at: row.read_at,
        })
        .collect())
}

/// How many of the person's notices are unread.
pub async fn unread(db: &Db, user_id: i64) -> Result<i64, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .fetch_one(pool)
        .await)?)
}

/// Marks every unread notice of the person up to `up_to` (the newest they saw) read.
pub async fn mark_read(db: &Db, user_id: i64, up_to: i64) -> Result<u64, Error> {
    Ok(on_db!(db, pool => sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id <= $3 AND read_at IS NULL")
        .bind(clock::now())
        .bind(user_id)
        .bind(up_to)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Marks one notice of the person read and answers where it leads (`None`: no such
/// notice of theirs).
pub async fn open(db: &Db, user_id: i64, id: i64) -> Result<Option<Option<String>>, Error> {
    let link: Option<Option<String>> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT link FROM notifications WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
    if link.is_some() {
        on_db!(db, pool => sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL")
            .bind(clock::now())
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await
            .map(|_| ()))?;
    }
    Ok(link)
}
