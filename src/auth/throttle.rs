//! Login throttling that slows password guessing without locking the real user out.
//!
//! Failures are counted per account and per client address over a 15-minute window.
//! Past a few free tries each further try must wait twice as long as the last (1 s,
//! 2 s, 4 s … at most 15 minutes), answered with 429 and `Retry-After`. Nothing is
//! ever locked: a wait ends by itself. A browser that has logged in to the account
//! before carries a device cookie (OWASP's "device cookies"), and the per-account
//! count does not apply to it, so an attacker hammering an account from elsewhere
//! does not keep its owner out. The counts live in the database, so every app
//! instance sees them.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};

use crate::auth::secret_hash;
use crate::clock;
use crate::db::Db;
use crate::error::Error;
use crate::on_db;

const WINDOW_MINUTES: i64 = 15;
const FREE_PER_ACCOUNT: i64 = 5;
const FREE_PER_ADDRESS: i64 = 20;
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// How long to wait after `count` failures, the last at `last`.
fn wait(count: i64, free: i64, last: DateTime<Utc>, now: DateTime<Utc>) -> Option<u64> {
    if count < free {
        return None;
    }
    let delay = 1i64 << (count - free).min(20);
    let until = last + Duration::seconds(delay.min(MAX_WAIT_SECONDS));
    (until > now).then(|| (until - now).num_seconds().max(1) as u64)
}

/// Refuses the attempt with `TooManyRequests` while a wait is running.
pub async fn check(db: &Db, email: &str, ip: IpAddr, known_device: bool) -> Result<(), Error> {
    let now = clock::now();
    let since = now - Duration::minutes(WINDOW_MINUTES);
    let (by_ip, ip_last): (i64, Option<DateTime<Utc>>) = on_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*), MAX(at) FROM login_failures WHERE ip = $1 AND at > $2")
        .bind(ip.to_string())
        .bind(since)
        .fetch_one(pool)
        .await)?;
    let mut retry = ip_last.and_then(|last| wait(by_ip, FREE_PER_ADDRESS, last, now));
    if !known_device {
        let (by_account, account_last): (i64, Option<DateTime<Utc>>) = on_db!(db, pool => sqlx::query_as(
            "SELECT COUNT(*), MAX(at) FROM login_failures WHERE email = $1 AND at > $2")
            .bind(email)
            .bind(since)
            .fetch_one(pool)
            .await)?;
        let account_wait =
            account_last.and_then(|last| wait(by_account, FREE_PER_ACCOUNT, last, now));
        retry = retry.max(account_wait);
    }
    match retry {
        Some(retry_after) => Err(Error::TooManyRequests { retry_after }),
        None => Ok(()),
    }
}

pub async fn record_failure(db: &Db, email: &str, ip: IpAddr) -> Result<(), Error> {
    let now = clock::now();
    on_db!(db, pool => sqlx::query("INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)")
        .bind(email)
        .bind(ip.to_string())
        .bind(now)
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    on_db!(db, pool => sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(now - Duration::days(1))
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// After a successful log-in the account's count starts again.
pub async fn clear(db: &Db, email: &str) -> Result<(), Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_failures WHERE email = $1").bind(email).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Whether the device cookie was issued to this user's browser at an earlier log-in.
pub async fn is_known_device(
    db: &Db,
    cookie: Option<&str>,
    user_id: Option<i64>,
) -> Result<bool, Error> {
    let (Some(cookie), Some(user_id)) = (cookie, user_id) else {
        return Ok(false);
    };
    let owner: Option<i64> = on_db!(db, pool => sqlx::query_scalar("SELECT user_id FROM known_devices WHERE token_hash = $1")
        .bind(secret_hash(cookie))
        .fetch_optional(pool)
        .await)?;
    Ok(owner == Some(user_id))
}

/// Remembers this browser for the user; answers the cookie value.
pub async fn remember_device(db: &Db, user_id: i64) -> Result<String, Error> {
    let token = crate::auth::random_token(16);
    on_db!(db, pool => sqlx::query("INSERT INTO known_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3)")
        .bind(secret_hash(&token))
        .bind(user_id)
        .bind(clock::now())
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_after_the_free_tries_and_are_capped() {
        let now = clock::now();
        assert_eq!(wait(4, 5, now, now), None);
        assert_eq!(wait(5, 5, now, now), Some(1));
        assert_eq!(wait(8, 5, now, now), Some(8));
        assert_eq!(wait(30, 5, now, now), Some(900));
        assert_eq!(wait(8, 5, now - Duration::seconds(10), now), None);
    }
}
