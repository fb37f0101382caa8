//! Profiles, memberships, join requests and consents in the database.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::model::Position;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, ResultExt};
use crate::{on_db, on_tx};

/// What a member tells about themself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileData {
    pub birth_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub study_or_work: Option<String>,
    pub in_directory: bool,
    pub show_email: bool,
    pub show_phone: bool,
    pub show_study_or_work: bool,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    pub skills: Vec<String>,
}

/// A guardian's consent for a member under 18.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guardian {
    pub name: String,
    pub contact: String,
    pub consent_on: NaiveDate,
    pub how: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProfileRow {
    pub user_id: i64,
    pub birth_date: NaiveDate,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub study_or_work: Option<String>,
    pub in_directory: bool,
    pub show_email: bool,
    pub show_phone: bool,
    pub show_study_or_work: bool,
    pub guardian_name: Option<String>,
    pub guardian_contact: Option<String>,
    pub guardian_consent_on: Option<NaiveDate>,
    pub guardian_consent_how: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// Creates or replaces a profile and its tags; a phone used by another member answers `phone_taken`.
pub async fn save_profile(
    tx: &mut Tx,
    user_id: i64,
    p: &ProfileData,
    birth_date: NaiveDate,
    guardian: Option<&Guardian>,
) -> Result<(), Error> {
    let now = clock::now();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO profiles (user_id, birth_date, phone, city, study_or_work, in_directory, show_email, show_phone,
             show_study_or_work, guardian_name, guardian_contact, guardian_consent_on, guardian_consent_how, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (user_id) DO UPDATE SET birth_date = excluded.birth_date, phone = excluded.phone, city = excluded.city,
             study_or_work = excluded.study_or_work, in_directory = excluded.in_directory, show_email = excluded.show_email,
             show_phone = excluded.show_phone, show_study_or_work = excluded.show_study_or_work, updated_at = excluded.updated_at")
        .bind(user_id)
        .bind(birth_date)
        .bind(&p.phone)
        .bind(&p.city)
        .bind(&p.study_or_work)
        .bind(p.in_directory)
        .bind(p.show_email)
        .bind(p.show_phone)
        .bind(p.show_study_or_work)
        .bind(guardian.map(|g| g.name.as_str()))
        .bind(guardian.map(|g| g.contact.as_str()))
        .bind(guardian.map(|g| g.consent_on))
        .bind(guardian.map(|g| g.how.as_str()))
        .bind(now)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))
    .on_constraint("profiles_phone_key", || Error::invalid("phone", "phone_taken"))?;
    on_tx!(tx, conn => sqlx::query("DELETE FROM profile_tags WHERE user_id = $1").bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    for (kind, tags) in [
        ("language", &p.languages),
        ("interest", &p.interests),
        ("skill", &p.skills),
    ] {
        for tag in tags {
            on_tx!(tx, conn => sqlx::query("INSERT INTO profile_tags (user_id, kind, tag) VALUES ($1, $2, $3)")
                .bind(user_id)
                .bind(kind)
                .bind(tag)
                .execute(&mut *conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }
    crate::search::sources::reindex_member(tx, user_id).await
}

pub async fn profile(db: &Db, user_id: i64) -> Result<Option<(ProfileRow, ProfileData)>, Error> {
    let row: Option<ProfileRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT user_id, birth_date, phone, city, study_or_work, in_directory, show_email, show_phone, show_study_or_work,
                guardian_name, guardian_contact, guardian_consent_on, guardian_consent_how, confirmed_at
         FROM profiles WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else { return Ok(None) };
    let tags: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as("SELECT kind, tag FROM profile_tags WHERE user_id = $1 ORDER BY kind, tag")
        .bind(user_id)
        .fetch_all(pool)
        .await)?;
    let of = |kind: &str| {
        tags.iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, t)| t.clone())
            .collect()
    };
    let data = ProfileData {
        birth_date: Some(row.birth_date),
        phone: row.phone.clone(),
        city: row.city.clone(),
        study_or_work: row.study_or_work.clone(),
        in_directory: row.in_directory,
        show_email: row.show_email,
        show_phone: row.show_phone,
        show_study_or_work: row.show_study_or_work,
        languages: of("language"),
        interests: of("interest"),
        skills: of("skill"),
    };
    Ok(Some((row, data)))
}

/// A membership as lists show it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Membership {
    pub id: i64,
    pub user_id: i64,
    pub unit_id: i64,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub position: PositionText,
    pub status: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

/// A position as stored (always a valid [`Position`], checked by the database).
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct PositionText(pub String);

impl TryFrom<String> for PositionText {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Position::parse(&s)
            .map(|p| PositionText(p.as_str().to_string()))
            .ok_or(s)
    }
}

impl PositionText {
    pub fn position(&self) -> Position {
        Position::parse(&self.0).unwrap_or(Position::Member)
    }
}

/// Adds a person to a unit; an open membership in the same position answers `already_member`.
pub async fn add_membership(
    tx: &mut Tx,
    user_id: i64,
    unit_id: i64,
    position: Position,
    pending: bool,
    started_on: NaiveDate,
    by: Option<i64>,
) -> Result<i64, Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO memberships (user_id, unit_id, position, status, started_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(user_id)
        .bind(unit_id)
        .bind(position.as_str())
        .bind(if pending { "pending" } else { "active" })
        .bind(started_on)
        .bind(by)
        .bind(clock::now())
        .fetch_one(conn)
        .await)
    .on_constraint("memberships_user_id_unit_id_position_key", || Error::Conflict("already_member"))
}

/// Ends a membership on `on`; the row stays as history.
pub async fn end_membership(tx: &mut Tx, id: i64, on: NaiveDate) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query("UPDATE memberships SET ended_on = $1 WHERE id = $2 AND ended_on IS NULL")
        .bind(on)
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))
    .on_constraint("memberships_dates", || Error::invalid("ended_on", "invalid_date"))?;
    Ok(n == 1)
}

pub async fn confirm_membership(tx: &mut Tx, id: i64) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query("UPDATE memberships SET status = 'active' WHERE id = $1 AND status = 'pending'")
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn membership(db: &Db, id: i64) -> Result<Option<Membership>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT id, user_id, unit_id, position, status, started_on, ended_on FROM memberships WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// A person's memberships, open ones first.
pub async fn memberships_of(db: &Db, user_id: i64) -> Result<Vec<Membership>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT id, user_id, unit_id, position, status, started_on, ended_on FROM memberships
         WHERE user_id = $1 ORDER BY ended_on IS NOT NULL, started_on DESC, id")
        .bind(user_id)
        .fetch_all(pool)
        .await)?)
}

/// A member of a unit with what staff may see.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct UnitMember {
    pub membership_id: i64,
    pub user_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub position: PositionText,
    pub status: String,
    pub started_on: NaiveDate,
    pub email: String,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

/// The open memberships of a unit (not of deleted accounts), by name.
pub async fn unit_members(db: &Db, unit_id: i64) -> Result<Vec<UnitMember>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT m.id AS membership_id, u.id AS user_id, u.display_name AS name, m.position, m.status, m.started_on,
                u.email, p.phone, p.birth_date
         FROM memberships m JOIN users u ON u.id = m.user_id LEFT JOIN profiles p ON p.user_id = u.id
         WHERE m.unit_id = $1 AND m.ended_on IS NULL AND u.deleted_at IS NULL
         ORDER BY u.display_name, m.id")
        .bind(unit_id)
        .fetch_all(pool)
        .await)?)
}

/// How many people have an open, active membership in the unit or below it.
pub async fn unit_member_count(db: &Db, unit_id: i64) -> Result<i64, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "WITH RECURSIVE down(id) AS (
             SELECT id FROM org_units WHERE id = $1
             UNION ALL
             SELECT u.id FROM org_units u JOIN down ON u.parent_id = down.id
         )
         SELECT COUNT(DISTINCT m.user_id) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.unit_id IN (SELECT id FROM down) AND m.ended_on IS NULL AND m.status = 'active' AND u.deleted_at IS NULL")
        .bind(unit_id)
        .fetch_one(pool)
        .await)?)
}

/// The units a person coordinates through an open, active coordinator or chair position.
pub async fn coordinated_units(db: &Db, user_id: i64) -> Result<Vec<i64>, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT unit_id FROM memberships
         WHERE user_id = $1 AND ended_on IS NULL AND status = 'active' AND position IN ('coordinator', 'chair')")
        .bind(user_id)
        .fetch_all(pool)
        .await)?)
}

// ---- join requests ------------------------------------------------------------------

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct JoinRequest {
    pub id: i64,
    pub user_id: i64,
    pub unit_id: i64,
    pub name: String,
    pub message: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

pub async fn request_to_join(
    db: &Db,
    user_id: i64,
    unit_id: i64,
    message: Option<&str>,
) -> Result<i64, Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "INSERT INTO join_requests (user_id, unit_id, message, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(user_id)
        .bind(unit_id)
        .bind(message)
        .bind(clock::now())
        .fetch_one(pool)
        .await)
    .on_constraint("join_requests_user_id_unit_id_key", || Error::Conflict("already_requested"))
}

pub async fn join_request(db: &Db, id: i64) -> Result<Option<JoinRequest>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT j.id, j.user_id, j.unit_id, u.display_name AS name, j.message, j.status, j.reason, j.created_at, j.decided_at
         FROM join_requests j JOIN users u ON u.id = j.user_id WHERE j.id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// Join requests of a unit (`pending_only`) or of a person.
pub async fn join_requests(
    db: &Db,
    unit_id: Option<i64>,
    user_id: Option<i64>,
) -> Result<Vec<JoinRequest>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT j.id, j.user_id, j.unit_id, u.display_name AS name, j.message, j.status, j.reason, j.created_at, j.decided_at
         FROM join_requests j JOIN users u ON u.id = j.user_id
         WHERE ($1 IS NULL OR (j.unit_id = $1 AND j.status = 'pending')) AND ($2 IS NULL OR j.user_id = $2)
         ORDER BY j.created_at DESC, j.id DESC")
        .bind(unit_id)
        .bind(user_id)
        .fetch_all(pool)
        .await)?)
}

/// Marks a pending request decided; answers false when it was no longer pending.
pub async fn decide_join_request(
    tx: &mut Tx,
    id: i64,
    approve: bool,
    reason: Option<&str>,
    by: i64,
) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE join_requests SET status = $1, reason = $2, decided_by = $3, decided_at = $4 WHERE id = $5 AND status = 'pending'")
        .bind(if approve { "approved" } else { "declined" })
        .bind(reason)
        .bind(by)
        .bind(clock::now())
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

// ---- consents -----------------------------------------------------------------------

pub async fn record_consent(
    tx: &mut Tx,
    user_id: i64,
    kind: &str,
    version: &str,
    language: &str,
    ip: Option<&str>,
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO consents (user_id, kind, version, language, accepted_at, accepted_ip) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(user_id)
        .bind(kind)
        .bind(version)
        .bind(language)
        .bind(clock::now())
        .bind(ip)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The version of the person's live (not withdrawn) consent of this kind, newest first.
pub async fn live_consent(db: &Db, user_id: i64, kind: &str) -> Result<Option<String>, Error> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT version FROM consents WHERE user_id = $1 AND kind = $2 AND withdrawn_at IS NULL ORDER BY accepted_at DESC, id DESC LIMIT 1")
        .bind(user_id)
        .bind(kind)
        .fetch_optional(pool)
        .await)?)
}

pub async fn withdraw_consent(
    tx: &mut Tx,
    user_id: i64,
    kind: &str,
    ip: Option<&str>,
) -> Result<u64, Error> {
    Ok(on_tx!(tx, conn => sqlx::query(
        "UPDATE consents SET withdrawn_at = $1, withdrawn_ip = $2 WHERE user_id = $3 AND kind = $4 AND withdrawn_at IS NULL")
        .bind(clock::now())
        .bind(ip)
        .bind(user_id)
        .bind(kind)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?)
}

// ---- import and export --------------------------------------------------------------

/// Which of `values` are already in `column` of `table`, asked in chunks (one placeholder a value).
async fn existing(
    db: &Db,
    table: &'static str,
    column: &'static str,
    values: &[String],
) -> Result<HashSet<String>, Error> {
    let mut found = HashSet::new();
    for chunk in values.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT {column} FROM {table} WHERE {column} IN ({})",
            placeholders.join(", ")
        );
        let rows: Vec<String> = on_db!(db, pool => {
            let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()));
            for value in chunk {
                query = query.bind(value);
            }
            query.fetch_all(pool).await
        })?;
        found.extend(rows);
    }
    Ok(found)
}

/// The emails (normalized) that already have an account, deleted ones included.
pub async fn taken_emails(db: &Db, emails: &[String]) -> Result<HashSet<String>, Error> {
    existing(db, "users", "email", emails).await
}

/// The phones (normalized) that another profile already has.
pub async fn taken_phones(db: &Db, phones: &[String]) -> Result<HashSet<String>, Error> {
    existing(db, "profiles", "phone", phones).await
}

/// The unit's current members whose newest live ethnocultural consent allows export.
pub async fn ethnocultural_export_allowed(db: &Db, unit_id: i64) -> Result<HashSet<i64>, Error> {
    let ids: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT c.user_id FROM consents c
         WHERE c.kind = $2 AND c.withdrawn_at IS NULL AND c.export_allowed = TRUE
           AND c.user_id IN (SELECT user_id FROM memberships WHERE unit_id = $1 AND ended_on IS NULL)
           AND NOT EXISTS (SELECT 1 FROM consents n
                           WHERE n.user_id = c.user_id AND n.kind = c.kind AND n.withdrawn_at IS NULL
                             AND (n.accepted_at > c.accepted_at OR (n.accepted_at = c.accepted_at AND n.id > c.id)))")
        .bind(unit_id)
        .bind(super::consent::ETHNOCULTURAL)
        .fetch_all(pool)
        .await)?;
    Ok(ids.into_iter().collect())
}

/// Sets the separate permission of the live ethnocultural consent to include that
/// membership in exports; answers false when there is no live consent.
pub async fn set_ethnocultural_export(
    tx: &mut Tx,
    user_id: i64,
    allowed: bool,
) -> Result<bool, Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE consents SET export_allowed = $1 WHERE user_id = $2 AND kind = 'ethnocultural' AND withdrawn_at IS NULL")
        .bind(allowed)
        .bind(user_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}
