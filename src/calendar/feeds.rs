//! A member's calendar feed: one secret per member, in the feed's URL. The database keeps
//! only its SHA-256 (`calendar_feeds.token_hash`), so the address is shown once, when it
//! is made; a new one replaces the old (which stops working at once), and revoking
//! deletes it. Deleting the account deletes the feed (`members::rights::delete_account`).

use chrono::{DateTime, Utc};

use crate::auth::{random_token, secret_hash};
use crate::clock;
use crate::db::Db;
use crate::error::Error;
use crate::on_db;

/// The secret's length in random bytes (256 bits, 43 URL-safe characters).
const SECRET_BYTES: usize = 32;

/// A feed just made: its secret, which is never stored.
pub struct NewFeed {
    pub token: String,
    pub created_at: DateTime<Utc>,
}

/// Makes a new feed for the member, replacing any old one; answers the secret.
pub async fn replace(db: &Db, user_id: i64) -> Result<NewFeed, Error> {
    let token = random_token(SECRET_BYTES);
    let now = clock::now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at")
        .bind(user_id)
        .bind(secret_hash(&token))
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    tracing::info!(
        user_id,
        "calendar feed made (any older address no longer works)"
    );
    Ok(NewFeed {
        token,
        created_at: now,
    })
}

/// Revokes the member's feed; false when there was none.
pub async fn revoke(db: &Db, user_id: i64) -> Result<bool, Error> {
    let n = on_db!(db, pool => sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    if n > 0 {
        tracing::info!(user_id, "calendar feed revoked");
    }
    Ok(n > 0)
}

/// When the member's feed was made, if they have one.
pub async fn made_at(db: &Db, user_id: i64) -> Result<Option<DateTime<Utc>>, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT created_at FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await)?)
}

/// The owner of a feed secret, with their language, if the secret is live and the account
/// active.
pub async fn owner(db: &Db, token: &str) -> Result<Option<(i64, Option<String>)>, Error> {
    // A secret of another shape was never made here: no need to ask the database.
    if token.len() != 43
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(None);
    }
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT u.id, u.locale FROM calendar_feeds f JOIN users u ON u.id = f.user_id
         WHERE f.token_hash = $1 AND u.deleted_at IS NULL AND u.disabled_at IS NULL")
        .bind(secret_hash(token))
        .fetch_optional(pool)
        .await)?)
}

/// The feed's address under the public URL.
pub fn url(public_url: &str, token: &str) -> String {
    format!(
        "{}/calendar/members/{token}.ics",
        public_url.trim_end_matches('/')
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_have_the_length_the_lookup_expects() {
        assert_eq!(crate::auth::random_token(super::SECRET_BYTES).len(), 43);
    }
}
