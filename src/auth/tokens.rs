//! Personal API tokens: `ortaq_` and 256 random bits, shown once; only their hash is kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use crate::accounts::{CurrentUser, storage as accounts};
use crate::auth::{random_token, secret_hash};
use crate::clock;
use crate::db::Db;
use crate::error::Error;
use crate::{on_db, on_tx};

pub const PREFIX: &str = "ortaq_";

/// Creates a token for a user and answers it; it cannot be shown again.
pub async fn create(db: &Db, user_id: i64) -> Result<String, Error> {
    let token = format!("{PREFIX}{}", random_token(32));
    on_db!(db, pool => sqlx::query("INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)")
        .bind(user_id)
        .bind(secret_hash(&token))
        .bind(clock::now())
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(token)
}

/// The active user a token belongs to, if the token is live; its use is noted in `marks`.
pub async fn authenticate(
    db: &Db,
    marks: &UseMarks,
    token: &str,
) -> Result<Option<CurrentUser>, Error> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let hash = secret_hash(token);
    let Some((user, last_used)) = accounts::token_user(db, &hash).await? else {
        return Ok(None);
    };
    let now = clock::now();
    if last_used.is_none_or(|at| at < now - chrono::Duration::seconds(60)) {
        marks.note(hash, now);
    }
    Ok(Some(user))
}

/// Tokens used since the last write of "last used", written together every few seconds
/// in one transaction. Written one by one on the request path, each was a write
/// transaction of its own: on SQLite it waited for the database's one write lock behind
/// the bookings being written (over a second under load) and took a commit of its own.
/// A mark not yet written when the server stops is lost: "last used" is a hint, to the
/// minute, not a record.
#[derive(Clone, Debug, Default)]
pub struct UseMarks(Arc<Mutex<HashMap<String, DateTime<Utc>>>>);

/// How often the marks are written.
const MARK_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

impl UseMarks {
    /// Starts the writer of the marks; it ends once the last clone is dropped.
    pub fn start(db: &Db) -> UseMarks {
        let marks = UseMarks::default();
        let weak = Arc::downgrade(&marks.0);
        let db = db.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(MARK_EVERY).await;
                let Some(pending) = weak.upgrade() else {
                    return;
                };
                let batch = std::mem::take(&mut *pending.lock().unwrap_or_else(|e| e.into_inner()));
                drop(pending);
                if let Err(err) = write_marks(&db, &batch).await {
                    tracing::warn!(error = %err, tokens = batch.len(), "writing tokens' last use");
                }
            }
        });
        marks
    }

    fn note(&self, hash: String, at: DateTime<Utc>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(hash, at);
    }
}

async fn write_marks(db: &Db, batch: &HashMap<String, DateTime<Utc>>) -> Result<(), Error> {
    if batch.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (hash, at) in batch {
        on_tx!(&mut tx, conn => sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND (last_used_at IS NULL OR last_used_at < $1)")
            .bind(at)
            .bind(hash)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(())
}
