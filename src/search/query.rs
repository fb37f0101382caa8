//! Asking the index: one interface ([`search`]), the dialects below it.
//!
//! The query is folded like the texts; each of its words matches as a prefix (typing
//! «Ақт» already finds Ақтөбе), all words must match. SQLite ranks with FTS5's bm25
//! (title ten times the body), PostgreSQL with `ts_rank` over a title-weighted vector.
//! At most [`PER_KIND`] hits of each kind, best first.

use std::collections::HashSet;

use super::fold;
use crate::accounts::{CurrentUser, Role};
use crate::db::Db;
use crate::error::Error;
use crate::i18n::Text;

/// The most hits of one kind in an answer.
pub const PER_KIND: i64 = 10;
/// A query shorter than this (folded letters) finds nothing: too many hits to rank.
pub const MIN_LETTERS: usize = 2;
/// Words of a query beyond this are ignored.
const MAX_WORDS: usize = 8;

/// What the caller may see.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub user_id: Option<i64>,
    /// Units where the caller is staff (admin or coordinator), with their subtrees.
    pub staff_units: Vec<i64>,
}

impl Viewer {
    pub fn guest() -> Viewer {
        Viewer::default()
    }

    pub async fn of(db: &Db, user: Option<&CurrentUser>) -> Result<Viewer, Error> {
        let Some(user) = user else {
            return Ok(Viewer::guest());
        };
        let mut units = HashSet::new();
        for role in [Role::Admin, Role::Coordinator] {
            for unit in user.units_with(role) {
                if units.contains(&unit) {
                    continue;
                }
                units.extend(crate::org::storage::subtree(db, unit).await?);
            }
        }
        let mut staff_units: Vec<i64> = units.into_iter().collect();
        staff_units.sort_unstable();
        Ok(Viewer {
            user_id: Some(user.id),
            staff_units,
        })
    }
}

/// One hit, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub kind: String,
    pub ref_id: i64,
    pub title_kk: Option<String>,
    pub title_ru: Option<String>,
    pub url: String,
}

impl Row {
    pub fn title(&self) -> Text {
        Text::new(self.title_kk.clone(), self.title_ru.clone())
    }
}

/// The folded words of a query, or none when it is too short to look for.
pub fn terms(q: &str) -> Vec<String> {
    let words: Vec<String> = fold::words(q).into_iter().take(MAX_WORDS).collect();
    let letters: usize = words.iter().map(|w| w.chars().count()).sum();
    if letters < MIN_LETTERS {
        return vec![];
    }
    words
}

const SQLITE: &str = "WITH m AS (
        SELECT e.kind, e.ref_id, e.title_kk, e.title_ru, e.url, bm25(search_fts, 10.0, 1.0) AS rank
        FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
        WHERE search_fts MATCH $1
          AND (e.audience = 'public' OR ($2 AND e.audience = 'members') OR e.owner_id = $3
               OR (e.audience = 'staff' AND e.unit_id IN (SELECT value FROM json_each($4))))
    ), r AS (
        SELECT m.*, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY rank, ref_id) AS n FROM m
    )
    SELECT kind, ref_id, title_kk, title_ru, url FROM r WHERE n <= $5 ORDER BY rank, ref_id";

const POSTGRES: &str = "WITH q AS (SELECT to_tsquery('simple', $1) AS q), m AS (
        SELECT e.kind, e.ref_id, e.title_kk, e.title_ru, e.url, -ts_rank(e.document, q.q) AS rank
        FROM search_entries e, q
        WHERE e.document @@ q.q
          AND (e.audience = 'public' OR ($2 AND e.audience = 'members') OR e.owner_id = $3
               OR (e.audience = 'staff' AND e.unit_id = ANY($4)))
    ), r AS (
        SELECT m.*, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY rank, ref_id) AS n FROM m
    )
    SELECT kind, ref_id, title_kk, title_ru, url FROM r WHERE n <= $5 ORDER BY rank, ref_id";

/// The hits for `q` that `viewer` may see, best first, at most [`PER_KIND`] of each kind.
pub async fn search(db: &Db, viewer: &Viewer, q: &str) -> Result<Vec<Row>, Error> {
    let terms = terms(q);
    if terms.is_empty() {
        return Ok(vec![]);
    }
    let signed_in = viewer.user_id.is_some();
    let rows = match db {
        Db::Sqlite(pool) => {
            // Each folded word is letters and digits only; quoted, then a prefix.
            let expr = terms
                .iter()
                .map(|t| format!("\"{t}\"*"))
                .collect::<Vec<_>>()
                .join(" AND ");
            let units = serde_json::to_string(&viewer.staff_units).unwrap_or_default();
            sqlx::query_as(SQLITE)
                .bind(expr)
                .bind(signed_in)
                .bind(viewer.user_id)
                .bind(units)
                .bind(PER_KIND)
                .fetch_all(pool)
                .await?
        }
        Db::Postgres(pool) => {
            let expr = terms
                .iter()
                .map(|t| format!("{t}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            sqlx::query_as(POSTGRES)
                .bind(expr)
                .bind(signed_in)
                .bind(viewer.user_id)
                .bind(&viewer.staff_units)
                .bind(PER_KIND)
                .fetch_all(pool)
                .await?
        }
    };
    Ok(rows)
}
