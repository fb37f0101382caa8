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
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO audit_log (actor_id, action, object_type, object_id, detail, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(actor_id)
        .bind(action)
        .bind(object_type)
        .bind(object_id)
        .bind(detail.to_string())
        .bind(clock::now())
        .execute(conn)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}
