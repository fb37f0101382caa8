//! The audit log: every change staff make, with who, what and when.

use crate::clock;
use crate::db::Tx;
use crate::error::Error;
use crate::on_tx;

/// Records a staff action inside the transaction that makes the change, so the log
/// and the change stand or fall together.
pub async fn record(
    tx: &mut Tx,
    actor_id: Option<i64>,
    action: &str,
    object_type: &str,
    object_id: Option<i64>,
    detail: serde_json::Value,
    ip: Option<std::net::IpAddr>,
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO audit_log (actor_id, action, object_type, object_id, detail, at, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(actor_id)
        .bind(action)
        .bind(object_type)
        .bind(object_id)
        .bind(detail.to_string())
        .bind(clock::now())
        .bind(ip.map(|ip| ip.to_string()))
        .execute(conn)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// One entry as the admin page shows it.
#[derive(Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<i64>,
    pub detail: String,
    pub ip: Option<String>,
}

/// What to look for in the log; every part is optional.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Filter {
    /// The action or its beginning (`membership.`, `role.grant`).
    #[serde(default)]
    pub action: String,
    /// Part of the actor's email.
    #[serde(default)]
    pub actor: String,
    /// `YYYY-MM-DD`, in UTC, inclusive.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// The newest 500 entries that match.
pub async fn list(db: &crate::db::Db, filter: &Filter) -> Result<Vec<Entry>, Error> {
    let day = |s: &str, end: bool| {
        crate::clock::parse_date(s.trim()).ok().map(|d| {
            let t = if end {
                d.and_hms_opt(23, 59, 59)
            } else {
                d.and_hms_opt(0, 0, 0)
            };
            t.expect("a valid time").and_utc()
        })
    };
    let action = Some(filter.action.trim())
        .filter(|a| !a.is_empty())
        .map(|a| format!("{}%", a.replace(['%', '_'], "")));
    let actor = Some(filter.actor.trim())
        .filter(|a| !a.is_empty())
        .map(|a| format!("%{}%", a.to_lowercase().replace(['%', '_'], "")));
    Ok(crate::on_db!(db, pool => sqlx::query_as(
        "SELECT a.id, a.at, u.email AS actor, a.action, a.object_type, a.object_id, a.detail, a.ip
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE ($1 IS NULL OR a.action LIKE $1) AND ($2 IS NULL OR u.email LIKE $2)
           AND ($3 IS NULL OR a.at >= $3) AND ($4 IS NULL OR a.at <= $4)
         ORDER BY a.at DESC, a.id DESC LIMIT 500")
        .bind(action)
        .bind(actor)
        .bind(day(&filter.from, false))
        .bind(day(&filter.to, true))
        .fetch_all(pool)
        .await)?)
}
