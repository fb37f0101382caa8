//! The one search index: `search_entries` (what a hit shows and who may find it) and
//! `search_words` (each distinct folded word of an entry, looked up by prefix; see
//! `query.rs`), the same on both backends.
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
    let entry_id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO search_entries (kind, ref_id, title_kk, title_ru, url, audience, unit_id, owner_id,
             title_folded, body_folded, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (kind, ref_id) DO UPDATE SET title_kk = excluded.title_kk, title_ru = excluded.title_ru,
             url = excluded.url, audience = excluded.audience, unit_id = excluded.unit_id, owner_id = excluded.owner_id,
             title_folded = excluded.title_folded, body_folded = excluded.body_folded, updated_at = excluded.updated_at
         RETURNING id")
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
        .fetch_one(&mut *conn)
        .await)?;
    write_words(
        tx,
        entry_id,
        entry.kind,
        audience,
        &title_folded,
        &body_folded,
    )
    .await
}

/// The most distinct words one entry is found by (a long news post stays findable by its
/// first few hundred words).
const MAX_WORDS: usize = 1_000;
/// Words per INSERT statement (five values each).
const WORDS_PER_STATEMENT: usize = 150;

/// Replaces the word rows of an entry: each distinct word of the title, then each other
/// word of the body.
async fn write_words(
    tx: &mut Tx,
    entry_id: i64,
    kind: Kind,
    audience: &str,
    title_folded: &str,
    body_folded: &str,
) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM search_words WHERE entry_id = $1")
        .bind(entry_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    let mut seen = std::collections::HashSet::new();
    let words: Vec<(&str, bool)> = title_folded
        .split_whitespace()
        .map(|w| (w, true))
        .chain(body_folded.split_whitespace().map(|w| (w, false)))
        .filter(|(w, _)| seen.insert(*w))
        .take(MAX_WORDS)
        .collect();
    for chunk in words.chunks(WORDS_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = 4 + 2 * i;
                format!("($1, $2, $3, ${n}, ${})", n + 1)
            })
            .collect();
        let sql = format!(
            "INSERT INTO search_words (entry_id, kind, audience, word, in_title) VALUES {}",
            rows.join(", ")
        );
        on_tx!(tx, conn => {
            // Audited: fixed SQL and numbered placeholders; every word is a bound value.
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .bind(entry_id)
                .bind(kind.key)
                .bind(audience);
            for (word, in_title) in chunk {
                query = query.bind(*word).bind(*in_title);
            }
            query.execute(&mut *conn).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Removes the entry of one thing (deleted, unpublished, or no longer to be found).
pub async fn remove(tx: &mut Tx, kind: Kind, id: i64) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "DELETE FROM search_words WHERE entry_id IN (SELECT id FROM search_entries WHERE kind = $1 AND ref_id = $2)")
        .bind(kind.key)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
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
    on_tx!(tx, conn => sqlx::query("DELETE FROM search_words").execute(&mut *conn).await.map(|r| r.rows_affected()))?;
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
