//! Accounts and role grants in the database.

use chrono::{DateTime, Utc};

use super::model::{CurrentUser, Email, Grant, Role, User};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, ResultExt};
use crate::i18n::Locale;
use crate::{on_db, on_tx};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    locale: Option<String>,
    disabled_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> User {
        User {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            locale: r.locale.as_deref().and_then(Locale::parse),
            disabled_at: r.disabled_at,
            deleted_at: r.deleted_at,
            created_at: r.created_at,
        }
    }
}

/// Creates an account; a taken email answers `email_taken`.
pub async fn insert(
    tx: &mut Tx,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    locale: Option<Locale>,
) -> Result<i64, Error> {
    let now = clock::now();
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, locale, created_at, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
        .bind(email.as_str())
        .bind(display_name)
        .bind(password_hash)
        .bind(locale.map(Locale::tag))
        .bind(now)
        .fetch_one(conn)
        .await)
    .on_constraint("users_email_key", || Error::Conflict("email_taken"))
}

/// The account with this email and its password hash.
pub async fn find_by_email(db: &Db, email: &Email) -> Result<Option<(User, String)>, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
    }
    let row: Option<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, locale, disabled_at, deleted_at, created_at, password_hash
         FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(|r| (r.user.into(), r.password_hash)))
}

pub async fn find(db: &Db, id: i64) -> Result<Option<User>, Error> {
    let row: Option<UserRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, locale, disabled_at, deleted_at, created_at FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(User::from))
}

pub async fn password_hash(db: &Db, id: i64) -> Result<Option<String>, Error> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)?,
    )
}

/// Accounts by name or email (`search` matches either, case-insensitively), newest first.
pub async fn list(
    db: &Db,
    search: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<User>, Error> {
    let pattern = search.map(|s| format!("%{}%", s.trim().to_lowercase().replace(['%', '_'], "")));
    let rows: Vec<UserRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, locale, disabled_at, deleted_at, created_at FROM users
         WHERE $1 IS NULL OR email LIKE $1 OR LOWER(display_name) LIKE $1
         ORDER BY id DESC LIMIT $2 OFFSET $3")
        .bind(pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(User::from).collect())
}

pub async fn count(db: &Db) -> Result<i64, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await)?)
}

pub async fn set_password(tx: &mut Tx, id: i64, password_hash: &str) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(clock::now())
        .bind(id)
        .execute(conn)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_locale(db: &Db, id: i64, locale: Locale) -> Result<(), Error> {
    on_db!(db, pool => sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale.tag())
        .bind(id)
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Disables (or enables) an account; disabling ends its sessions and API tokens.
pub async fn set_disabled(tx: &mut Tx, id: i64, disabled: bool) -> Result<(), Error> {
    let at = disabled.then(clock::now);
    on_tx!(tx, conn => sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await.map(|r| r.rows_affected()))?;
    if disabled {
        on_tx!(tx, conn => sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        on_tx!(tx, conn => sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(clock::now())
            .bind(id)
            .execute(&mut *conn)
            .await.map(|r| r.rows_affected()))?;
    }
    crate::search::sources::reindex_member(tx, id).await
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    id: i64,
    role: String,
    unit_id: i64,
}

impl GrantRow {
    fn into_grant(self) -> Option<Grant> {
        Some(Grant {
            id: self.id,
            role: Role::parse(&self.role)?,
            unit_id: self.unit_id,
        })
    }
}

pub async fn grants(db: &Db, user_id: i64) -> Result<Vec<Grant>, Error> {
    let rows: Vec<GrantRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, role, unit_id FROM role_grants WHERE user_id = $1 ORDER BY id")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().filter_map(GrantRow::into_grant).collect())
}

/// Grants `role` at `unit_id`; a grant that exists already answers `role_already_granted`.
pub async fn grant(
    tx: &mut Tx,
    user_id: i64,
    role: Role,
    unit_id: i64,
    by: Option<i64>,
) -> Result<i64, Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO role_grants (user_id, role, unit_id, granted_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(user_id)
        .bind(role.as_str())
        .bind(unit_id)
        .bind(by)
        .bind(clock::now())
        .fetch_one(conn)
        .await)
    .on_constraint("role_grants_user_id_role_unit_id_key", || {
        Error::Conflict("role_already_granted")
    })
}

/// Removes a grant of `user_id`; answers the removed grant, or `None` if there was none.
pub async fn revoke(tx: &mut Tx, user_id: i64, grant_id: i64) -> Result<Option<Grant>, Error> {
    let row: Option<GrantRow> = on_tx!(tx, conn => sqlx::query_as(
        "DELETE FROM role_grants WHERE id = $1 AND user_id = $2 RETURNING id, role, unit_id")
        .bind(grant_id)
        .bind(user_id)
        .fetch_optional(conn)
        .await)?;
    Ok(row.and_then(GrantRow::into_grant))
}

/// The account behind a session or token, with its grants, if it is active.
pub async fn current_user(db: &Db, user_id: i64) -> Result<Option<CurrentUser>, Error> {
    Ok(load_current(db, Who::Id(user_id))
        .await?
        .map(|(user, _)| user))
}

/// The active account a live API token belongs to, and when the token was last marked
/// used.
pub async fn token_user(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(CurrentUser, Option<DateTime<Utc>>)>, Error> {
    load_current(db, Who::Token(token_hash)).await
}

/// Whose account to load.
enum Who<'a> {
    Id(i64),
    /// The SHA-256 of an API token.
    Token(&'a str),
}

/// One row of [`CURRENT_USER`]: `part` 0 is the account (`n` id, `s` email, `t` name, `l`
/// locale, `at` the token's last use), 1 a grant (`n` id, `m` unit, `s` role), 2 a unit
/// coordinated by position (`n`), 3 the live personal-data consent (`s` its version).
#[derive(sqlx::FromRow)]
struct Part {
    part: i32,
    n: Option<i64>,
    m: Option<i64>,
    s: Option<String>,
    t: Option<String>,
    l: Option<String>,
    at: Option<DateTime<Utc>>,
}

/// Everything [`CurrentUser`] holds, in one round trip (it runs on every request).
/// `{user}` is the account's id, as a parameter or as the token's owner; `{at}` the
/// token's last use, or NULL. The DISTINCT branch spells its NULLs' types: PostgreSQL
/// would type them `text` there, before the union meets the other branches.
const CURRENT_USER: &str = "
    SELECT 0 AS part, u.id AS n, NULL AS m, u.email AS s, u.display_name AS t, u.locale AS l,
           {at} AS at
      FROM users u WHERE u.id = {user} AND u.disabled_at IS NULL AND u.deleted_at IS NULL
    UNION ALL
    SELECT 1, g.id, g.unit_id, g.role, NULL, NULL, NULL
      FROM role_grants g WHERE g.user_id = {user}
    UNION ALL
    SELECT DISTINCT 2, ms.unit_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT),
           CAST(NULL AS TEXT), CAST(NULL AS TIMESTAMPTZ)
      FROM memberships ms
     WHERE ms.user_id = {user} AND ms.ended_on IS NULL AND ms.status = 'active'
       AND ms.position IN ('coordinator', 'chair')
    UNION ALL
    SELECT 3, NULL, NULL,
           (SELECT c.version FROM consents c
             WHERE c.user_id = {user} AND c.kind = $2 AND c.withdrawn_at IS NULL
             ORDER BY c.accepted_at DESC, c.id DESC LIMIT 1),
           NULL, NULL, NULL
    ORDER BY 1, 2";

async fn load_current(
    db: &Db,
    who: Who<'_>,
) -> Result<Option<(CurrentUser, Option<DateTime<Utc>>)>, Error> {
    let (user, at) = match who {
        Who::Id(_) => ("$1", "CAST(NULL AS TIMESTAMPTZ)"),
        Who::Token(_) => (
            "(SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL)",
            "(SELECT last_used_at FROM api_tokens WHERE token_hash = $1)",
        ),
    };
    // Only these two fixed fragments are spliced in; every value is a parameter.
    let sql = CURRENT_USER.replace("{user}", user).replace("{at}", at);
    let kind = crate::members::consent::PERSONAL_DATA;
    let rows: Vec<Part> = match who {
        Who::Id(id) => on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .bind(kind)
            .fetch_all(pool)
            .await)?,
        Who::Token(hash) => on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(hash)
            .bind(kind)
            .fetch_all(pool)
            .await)?,
    };
    let Some(account) = rows.iter().find(|r| r.part == 0) else {
        return Ok(None);
    };
    let user = CurrentUser {
        id: account.n.unwrap_or_default(),
        email: account.s.clone().unwrap_or_default(),
        display_name: account.t.clone().unwrap_or_default(),
        locale: account.l.as_deref().and_then(Locale::parse),
        grants: rows
            .iter()
            .filter(|r| r.part == 1)
            .filter_map(|r| {
                GrantRow {
                    id: r.n?,
                    role: r.s.clone()?,
                    unit_id: r.m?,
                }
                .into_grant()
            })
            .collect(),
        coordinates: rows
            .iter()
            .filter(|r| r.part == 2)
            .filter_map(|r| r.n)
            .collect(),
        consent_version: rows.iter().find(|r| r.part == 3).and_then(|r| r.s.clone()),
    };
    Ok(Some((user, account.at)))
}
