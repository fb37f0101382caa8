//! The one search index (`search_entries`; on SQLite with its FTS5 table kept in step by
//! triggers, on PostgreSQL with a generated `tsvector`).
//!
//! Every area that writes an indexed thing calls [`upsert`] or [`remove`] inside its own
//! write transaction, so the index and the thing commit (or roll back) together.

use super::Kind;
use super::fold;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::i18n::Text;
use crate::{on_db, on_tx};

/// Who may find an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in people.
    Members,
    /// Admins and coordinators whose scope covers the unit.
    Staff { unit_id: i64 },
}

impl Audience {
    pub(super) fn parts(self) -> (&'static str, Option<i64>) {
        match self {
            Audience::Public => ("public", None),
            Audience::Members => ("members", None),
            Audience::Staff { unit_id } => ("staff", Some(unit_id)),
        }
    }
}

/// What the index holds about one thing.
#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: Kind,
    /// The thing's id in its own table.
    pub id: i64,
    /// Shown as the hit, in the reader's language.
    pub title: Text,
    /// Where the hit leads.
    pub url: String,
    pub audience: Audience,
    /// Finds the entry whatever its audience (the author of a draft).
    pub owner_id: Option<i64>,
    /// Other searchable text (descriptions, tags, bodies): matched, ranked below the title.
    pub body: Vec<String>,
}

/// Writes (or replaces) the entry of one thing.
pub async fn upsert(tx: &mut Tx, entry: &Entry) -> Result<(), Error> {
    let title = [entry.title.kk.as_deref(), entry.title.ru.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let title_folded = fold::fold(&title);
    let body_folded = fold::fold(&entry.body.join(" "));
    let (audience, unit_id) = entry.audience.parts();
    let tags = tags(entry.kind, entry.audience, entry.owner_id);
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO search_entries (kind, ref_id, title_kk, title_ru, url, audience, unit_id, owner_id,
             title_folded, body_folded, updated_at, tags)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (kind, ref_id) DO UPDATE SET title_kk = excluded.title_kk, title_ru = excluded.title_ru,
             url = excluded.url, audience = excluded.audience, unit_id = excluded.unit_id, owner_id = excluded.owner_id,
             title_folded = excluded.title_folded, body_folded = excluded.body_folded, updated_at = excluded.updated_at,
             tags = excluded.tags")
        .bind(entry.kind.key)
        .bind(entry.id)
        .bind(&entry.title.kk)
        .bind(&entry.title.ru)
        .bind(&entry.url)
        .bind(audience)
        .bind(unit_id)
        .bind(entry.owner_id)
        .bind(&title_folded)
        .bind(&body_folded)
        .bind(clock::now())
        .bind(&tags)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The words the full-text index holds about an entry besides its text: its kind
/// (`kevent`), its audience (`apublic`, `amembers`, `astaff`) and its owner (`o42`).
/// Queries match them only through the `tags` column; see `query.rs`.
pub fn tags(kind: Kind, audience: Audience, owner_id: Option<i64>) -> String {
    let mut tags = format!("{} {}", kind_tag(kind), audience_tag(audience));
    if let Some(owner) = owner_id {
        tags.push(' ');
        tags.push_str(&owner_tag(owner));
    }
    tags
}

pub(super) fn kind_tag(kind: Kind) -> String {
    format!("k{}", kind.key)
}

pub(super) fn audience_tag(audience: Audience) -> String {
    format!("a{}", audience.parts().0)
}

pub(super) fn owner_tag(owner: i64) -> String {
    format!("o{owner}")
}

/// Removes the entry of one thing (deleted, unpublished, or no longer to be found).
pub async fn remove(tx: &mut Tx, kind: Kind, id: i64) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM search_entries WHERE kind = $1 AND ref_id = $2")
        .bind(kind.key)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Rebuilds the whole index from the tables it describes, in one transaction.
pub async fn rebuild(tx: &mut Tx) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM search_entries").execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    super::sources::reindex_units(tx).await?;
    super::sources::reindex_members(tx).await?;
    crate::news::storage::reindex_all(tx).await?;
    crate::events::search::reindex_all(tx).await?;
    crate::initiatives::search::reindex_all(tx).await?;
    Ok(())
}

/// At start: rebuilds the index when it was built with another fold (or never).
pub async fn ensure_fresh(db: &Db) -> Result<(), Error> {
    let version: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT fold_version FROM search_meta WHERE id = 1")
        .fetch_one(pool)
        .await)?;
    if version == fold::VERSION {
        return Ok(());
    }
    tracing::info!(
        from = version,
        to = fold::VERSION,
        "rebuilding the search index"
    );
    let mut tx = db.begin().await?;
    rebuild(&mut tx).await?;
    on_tx!(&mut tx, conn => sqlx::query("UPDATE search_meta SET fold_version = $1 WHERE id = 1")
        .bind(fold::VERSION)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}
