//! Sessions, kept in the database so that several app instances share them.
//!
//! The cookie holds 128 random bits; the database keeps only their SHA-256. A new id is
//! issued at every log-in. A session ends after `session_idle` without use, after
//! `session_absolute` whatever the use, at log-out, and when its account is disabled.

use chrono::{DateTime, Utc};

use crate::accounts::{CurrentUser, storage as accounts};
use crate::auth::{random_token, secret_hash};
use crate::clock;
use crate::config::Config;
use crate::db::Db;
use crate::error::Error;
use crate::on_db;

/// A live session and its user.
pub struct Found {
    pub user: CurrentUser,
    pub session_hash: String,
    pub csrf: String,
}

/// Starts a session; answers the cookie value (shown to the client once, never stored)
/// and the session's CSRF token.
pub async fn create(db: &Db, user_id: i64) -> Result<(String, String), Error> {
    let id = random_token(16);
    let csrf = random_token(16);
    let now = clock::now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)")
        .bind(secret_hash(&id))
        .bind(user_id)
        .bind(&csrf)
        .bind(now)
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok((id, csrf))
}

/// The session a cookie names, if it is still alive; marks it used.
pub async fn load(db: &Db, cookie: &str, config: &Config) -> Result<Option<Found>, Error> {
    let hash = secret_hash(cookie);
    let row: Option<(i64, String, DateTime<Utc>, DateTime<Utc>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = $1")
        .bind(&hash)
        .fetch_optional(pool)
        .await)?;
    let Some((user_id, csrf, created_at, last_seen_at)) = row else {
        return Ok(None);
    };
    let now = clock::now();
    let idle = chrono::Duration::from_std(config.session_idle).unwrap_or(chrono::Duration::days(3));
    let absolute =
        chrono::Duration::from_std(config.session_absolute).unwrap_or(chrono::Duration::days(30));
    if now - last_seen_at > idle || now - created_at > absolute {
        end(db, &hash).await?;
        return Ok(None);
    }
    let Some(user) = accounts::current_user(db, user_id).await? else {
        end(db, &hash).await?;
        return Ok(None);
    };
    if now - last_seen_at > chrono::Duration::seconds(60) {
        on_db!(db, pool => sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(pool)
            .await.map(|r| r.rows_affected()))?;
    }
    Ok(Some(Found {
        user,
        session_hash: hash,
        csrf,
    }))
}

/// Ends one session.
pub async fn end(db: &Db, session_hash: &str) -> Result<(), Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(session_hash).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a user but `keep` (after a password change).
pub async fn end_others(db: &Db, user_id: i64, keep: Option<&str>) -> Result<(), Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}
