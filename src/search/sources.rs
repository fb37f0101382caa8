//! What the index holds for units and for members of the directory, read inside the
//! writer's transaction. Called by the storage functions that write them
//! (`org::storage::insert`/`set_details`, `members::storage::save_profile`,
//! `accounts::storage::set_disabled`, `members::rights::delete_account`, a staff
//! correction of a name), so every write keeps its entry in step.

use std::collections::HashMap;

use super::index::{self, Audience, Entry};
use super::kinds;
use crate::db::Tx;
use crate::error::Error;
use crate::i18n::{Locale, Text, translate};
use crate::on_tx;
use crate::org::UnitKind;

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    kind: String,
    name_kk: Option<String>,
    name_ru: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    institution_kk: Option<String>,
    institution_ru: Option<String>,
}

const UNIT_SQL: &str = "SELECT id, kind, name_kk, name_ru, description_kk, description_ru, institution_kk, institution_ru FROM org_units";

fn unit_entry(row: UnitRow) -> Entry {
    let mut body: Vec<String> = [
        row.description_kk,
        row.description_ru,
        row.institution_kk,
        row.institution_ru,
    ]
    .into_iter()
    .flatten()
    .collect();
    // The kind's name in every language: «клуб» finds the clubs.
    if let Some(kind) = UnitKind::parse(&row.kind) {
        for locale in [Locale::Kk, Locale::Ru, Locale::En] {
            body.push(translate(locale, &kind.message_id(), None));
        }
    }
    Entry {
        kind: kinds::UNIT,
        id: row.id,
        title: Text::new(row.name_kk, row.name_ru),
        url: format!("/units/{}", row.id),
        // The tree is public; only membership of an ethnocultural association is sensitive.
        audience: Audience::Public,
        owner_id: None,
        body,
    }
}

/// Writes the entry of one unit, as it stands in the transaction.
pub async fn reindex_unit(tx: &mut Tx, id: i64) -> Result<(), Error> {
    let row: Option<UnitRow> = on_tx!(tx, conn => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("{UNIT_SQL} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await)?;
    match row {
        Some(row) => index::upsert(tx, &unit_entry(row)).await,
        None => index::remove(tx, kinds::UNIT, id).await,
    }
}

pub async fn reindex_units(tx: &mut Tx) -> Result<(), Error> {
    let rows: Vec<UnitRow> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(UNIT_SQL))
        .fetch_all(&mut *conn)
        .await)?;
    for row in rows {
        index::upsert(tx, &unit_entry(row)).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    name: String,
    city: Option<String>,
    study_or_work: Option<String>,
    show_study_or_work: bool,
}

/// The people the directory shows: opted in, neither disabled nor deleted.
const MEMBER_SQL: &str =
    "SELECT u.id, u.display_name AS name, p.city, p.study_or_work, p.show_study_or_work
     FROM users u JOIN profiles p ON p.user_id = u.id
     WHERE p.in_directory = TRUE AND u.deleted_at IS NULL AND u.disabled_at IS NULL";

fn member_entry(row: MemberRow, tags: Vec<String>) -> Entry {
    let mut body = tags;
    body.extend(row.city);
    if row.show_study_or_work {
        body.extend(row.study_or_work);
    }
    let url = format!(
        "/directory?{}",
        serde_urlencoded::to_string([("q", row.name.as_str())]).unwrap_or_default()
    );
    Entry {
        kind: kinds::MEMBER,
        id: row.id,
        // A name is the same in both languages.
        title: Text::new(Some(row.name.clone()), Some(row.name)),
        url,
        // The directory is for signed-in members only.
        audience: Audience::Members,
        owner_id: None,
        body,
    }
}

/// Writes or removes the entry of one person, as they stand in the transaction: found
/// only while they are in the directory and their account is live.
pub async fn reindex_member(tx: &mut Tx, user_id: i64) -> Result<(), Error> {
    let row: Option<MemberRow> = on_tx!(tx, conn => sqlx::query_as(
        sqlx::AssertSqlSafe(format!("{MEMBER_SQL} AND u.id = $1")))
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await)?;
    let Some(row) = row else {
        return index::remove(tx, kinds::MEMBER, user_id).await;
    };
    let tags: Vec<String> = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT tag FROM profile_tags WHERE user_id = $1 ORDER BY kind, tag")
        .bind(user_id)
        .fetch_all(&mut *conn)
        .await)?;
    index::upsert(tx, &member_entry(row, tags)).await
}

pub async fn reindex_members(tx: &mut Tx) -> Result<(), Error> {
    let rows: Vec<MemberRow> = on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(MEMBER_SQL))
        .fetch_all(&mut *conn)
        .await)?;
    let all_tags: Vec<(i64, String)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT user_id, tag FROM profile_tags ORDER BY user_id, kind, tag")
        .fetch_all(&mut *conn)
        .await)?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for (user, tag) in all_tags {
        tags.entry(user).or_default().push(tag);
    }
    for row in rows {
        let t = tags.remove(&row.id).unwrap_or_default();
        index::upsert(tx, &member_entry(row, t)).await?;
    }
    Ok(())
}
