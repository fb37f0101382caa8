//! A member's rights over their personal data: download all of it, withdraw consent,
//! delete the account. Deleting erases every personal field; what stays (the account's
//! id, for public contributions shown as "deleted member", and the fact and version of
//! each consent without its address) identifies no one.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::storage;
use crate::accounts::storage as accounts;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::{on_db, on_tx};

#[derive(Serialize, sqlx::FromRow)]
struct ConsentRecord {
    kind: String,
    version: String,
    language: String,
    accepted_at: DateTime<Utc>,
    accepted_ip: Option<String>,
    withdrawn_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, sqlx::FromRow)]
struct SessionRecord {
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
}

#[derive(Serialize, sqlx::FromRow)]
struct TokenRecord {
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, sqlx::FromRow)]
struct AuditRecord {
    action: String,
    object_type: String,
    detail: String,
    at: DateTime<Utc>,
}

/// Everything Ortaq holds about one person.
#[derive(Serialize)]
struct Everything {
    account: serde_json::Value,
    profile: Option<serde_json::Value>,
    memberships: Vec<storage::Membership>,
    join_requests: Vec<storage::JoinRequest>,
    consents: Vec<ConsentRecord>,
    sessions: Vec<SessionRecord>,
    api_tokens: Vec<TokenRecord>,
    staff_changes_about_you: Vec<AuditRecord>,
}

/// A ZIP with `ortaq-data.json` (everything) and CSV files of the lists.
pub async fn download(db: &Db, user_id: i64) -> Result<Vec<u8>, Error> {
    let user = accounts::find(db, user_id).await?.ok_or(Error::NotFound)?;
    let profile = storage::profile(db, user_id).await?.map(|(row, data)| {
        serde_json::json!({
            "birth_date": row.birth_date, "phone": data.phone, "city": data.city, "study_or_work": data.study_or_work,
            "languages": data.languages, "interests": data.interests, "skills": data.skills,
            "in_directory": data.in_directory, "show_email": data.show_email, "show_phone": data.show_phone,
            "show_study_or_work": data.show_study_or_work,
            "guardian": row.guardian_name.map(|name| serde_json::json!({
                "name": name, "contact": row.guardian_contact, "consent_on": row.guardian_consent_on, "how": row.guardian_consent_how,
            })),
        })
    });
    let consents: Vec<ConsentRecord> = on_db!(db, pool => sqlx::query_as(
        "SELECT kind, version, language, accepted_at, accepted_ip, withdrawn_at FROM consents WHERE user_id = $1 ORDER BY accepted_at, id")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    let sessions: Vec<SessionRecord> = on_db!(db, pool => sqlx::query_as(
        "SELECT created_at, last_seen_at FROM sessions WHERE user_id = $1 ORDER BY created_at")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    let api_tokens: Vec<TokenRecord> = on_db!(db, pool => sqlx::query_as(
        "SELECT created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    let staff_changes_about_you: Vec<AuditRecord> = on_db!(db, pool => sqlx::query_as(
        "SELECT action, object_type, detail, at FROM audit_log WHERE object_type = 'user' AND object_id = $1 ORDER BY at, id")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    let everything = Everything {
        account: serde_json::json!({
            "id": user.id, "email": user.email, "name": user.display_name, "language": user.locale.map(|l| l.tag()),
            "created_at": user.created_at,
        }),
        profile,
        memberships: storage::memberships_of(db, user_id).await?,
        join_requests: storage::join_requests(db, None, Some(user_id)).await?,
        consents,
        sessions,
        api_tokens,
        staff_changes_about_you,
    };

    let mut memberships_csv = String::from("unit_id,position,status,started_on,ended_on\n");
    for m in &everything.memberships {
        memberships_csv.push_str(&format!(
            "{},{},{},{},{}\n",
            m.unit_id,
            m.position.0,
            m.status,
            m.started_on,
            m.ended_on.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    let mut consents_csv =
        String::from("kind,version,language,accepted_at,accepted_ip,withdrawn_at\n");
    for c in &everything.consents {
        consents_csv.push_str(&format!(
            "{},{},{},{},{},{}\n",
            c.kind,
            c.version,
            c.language,
            c.accepted_at.to_rfc3339(),
            c.accepted_ip.as_deref().unwrap_or(""),
            c.withdrawn_at.map(|d| d.to_rfc3339()).unwrap_or_default()
        ));
    }
    let json = serde_json::to_vec_pretty(&everything).map_err(|e| Error::Internal(e.into()))?;
    let photo: Option<(String, Vec<u8>)> = on_db!(db, pool => sqlx::query_as("SELECT content_type, bytes FROM profile_photos WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
    let mut files: Vec<(&str, &[u8])> = vec![
        ("ortaq-data.json", &json),
        ("memberships.csv", memberships_csv.as_bytes()),
        ("consents.csv", consents_csv.as_bytes()),
    ];
    if let Some((content_type, bytes)) = &photo {
        let name = match content_type.as_str() {
            "image/png" => "photo.png",
            "image/webp" => "photo.webp",
            _ => "photo.jpg",
        };
        files.push((name, bytes));
    }
    zip_files(&files)
}

fn zip_files(files: &[(&str, &[u8])]) -> Result<Vec<u8>, Error> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(*name, options)
            .map_err(|e| Error::Internal(e.into()))?;
        zip.write_all(bytes)
            .map_err(|e| Error::Internal(e.into()))?;
    }
    let cursor = zip.finish().map_err(|e| Error::Internal(e.into()))?;
    Ok(cursor.into_inner())
}

/// Erases a person: profile, tags, memberships, requests, sessions, tokens and devices go;
/// their coming bookings are cancelled and every booking's purpose is erased; their name
/// typed into meeting records and official answers (where linked to the account) is blanked;
/// the account row stays, without email, name or password, for what they contributed in
/// public; consent records keep their kind, version and time but lose their addresses.
pub async fn delete_account(tx: &mut Tx, user_id: i64) -> Result<(), Error> {
    let now = clock::now();
    for sql in [
        "DELETE FROM profile_tags WHERE user_id = $1",
        "DELETE FROM profile_photos WHERE user_id = $1",
        "DELETE FROM profiles WHERE user_id = $1",
        "DELETE FROM memberships WHERE user_id = $1",
        "DELETE FROM join_requests WHERE user_id = $1",
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM api_tokens WHERE user_id = $1",
        "DELETE FROM sign_in_links WHERE user_id = $1",
        "DELETE FROM known_devices WHERE user_id = $1",
        "DELETE FROM role_grants WHERE user_id = $1",
        "DELETE FROM calendar_feeds WHERE user_id = $1",
        "DELETE FROM notifications WHERE user_id = $1",
    ] {
        on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    // Records of meetings with leadership and official answers name people as typed text
    // beside the account: where that text is this account's, it goes (the row stays, shown
    // as a deleted member, so the decision and its deadline remain on the record).
    for sql in [
        "UPDATE meeting_participants SET name = '', position = NULL WHERE user_id = $1",
        "UPDATE meeting_items SET responsible_name = '' WHERE responsible_user_id = $1",
        "UPDATE initiative_answers SET responsible_name = '' WHERE responsible_user_id = $1",
    ] {
        on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    // Their coming bookings free the resources; what they wrote as purposes goes.
    on_tx!(tx, conn => sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $1, updated_at = $1
         WHERE user_id = $2 AND status IN ('pending', 'confirmed') AND end_at > $1")
        .bind(now)
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query("UPDATE bookings SET purpose = NULL WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query(
        "UPDATE consents SET accepted_ip = NULL, withdrawn_ip = NULL, withdrawn_at = COALESCE(withdrawn_at, $1) WHERE user_id = $2")
        .bind(now)
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    let email: Option<String> = on_tx!(tx, conn => sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await)?;
    if let Some(email) = email {
        on_tx!(tx, conn => sqlx::query("DELETE FROM login_failures WHERE email = $1").bind(email).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    on_tx!(tx, conn => sqlx::query(
        "UPDATE users SET email = $1, display_name = '', password_hash = '!', locale = NULL, disabled_at = $2, deleted_at = $2
         WHERE id = $3")
        .bind(format!("deleted-{user_id}@deleted.invalid"))
        .bind(now)
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    crate::search::index::remove(tx, crate::search::kinds::MEMBER, user_id).await
}

/// Withdraws the separate ethnocultural consent: the memberships it allowed are removed
/// from processing at once (deleted, not merely ended).
pub async fn withdraw_ethnocultural(tx: &mut Tx, user_id: i64, ip: &str) -> Result<u64, Error> {
    let n = storage::withdraw_consent(tx, user_id, super::consent::ETHNOCULTURAL, Some(ip)).await?;
    on_tx!(tx, conn => sqlx::query(
        "DELETE FROM memberships WHERE user_id = $1 AND unit_id IN (SELECT id FROM org_units WHERE kind = 'ethnocultural_association')")
        .bind(user_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n)
}
