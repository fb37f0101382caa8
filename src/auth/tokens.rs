//! Personal API tokens: `ortaq_` and 256 random bits, shown once; only their hash is kept.

use crate::accounts::{CurrentUser, storage as accounts};
use crate::auth::{random_token, secret_hash};
use crate::clock;
use crate::db::Db;
use crate::error::Error;
use crate::on_db;

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

/// The active user a token belongs to, if the token is live.
pub async fn authenticate(db: &Db, token: &str) -> Result<Option<CurrentUser>, Error> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let hash = secret_hash(token);
    let Some((user, last_used)) = accounts::token_user(db, &hash).await? else {
        return Ok(None);
    };
    // Marked used at most once a minute, and after the answer rather than before it: on
    // SQLite even an UPDATE that changes nothing takes the database's one write lock, and
    // would wait behind every booking being written. A lost mark costs nothing but a
    // less precise "last used".
    let now = clock::now();
    let stale = now - chrono::Duration::seconds(60);
    if last_used.is_none_or(|at| at < stale) {
        let db = db.clone();
        tokio::spawn(async move {
            let marked = on_db!(&db, pool => sqlx::query(
                "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND (last_used_at IS NULL OR last_used_at < $3)")
                .bind(now)
                .bind(&hash)
                .bind(stale)
                .execute(pool)
                .await.map(|r| r.rows_affected()));
            if let Err(e) = marked {
                tracing::warn!(error = %e, "marking a token used");
            }
        });
    }
    Ok(Some(user))
}
