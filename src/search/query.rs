//! Asking the index: one interface ([`search`]), the dialects below it.
//!
//! The query is folded like the texts; each of its words matches as a prefix (typing
//! «Ақт» already finds Ақтөбе), all words must match. The index yields a bounded set of
//! candidates per kind (SQLite FTS5, PostgreSQL full-text with GIN), ranked here the same
//! way for both (see [`search`]). At most [`PER_KIND`] hits of each kind, best first.

use std::collections::HashSet;

use std::collections::HashMap;

use super::fold;
use super::index::{self, Audience};
use super::kinds::{self, Kind};
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
    /// What the title matched as (ranks the hit).
    pub title_folded: String,
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

/// How closely a hit matches: every word whole in the title, then every word
/// beginning a title word, then the rest (a word only in the body). Among equals, the
/// shorter title first, then the newer entry.
fn closeness(terms: &[String], row: &Row) -> (u8, usize, std::cmp::Reverse<i64>) {
    let words: Vec<&str> = row.title_folded.split_whitespace().collect();
    let whole = terms.iter().all(|t| words.contains(&t.as_str()));
    let begins = terms
        .iter()
        .all(|t| words.iter().any(|w| w.starts_with(t.as_str())));
    let tier = match (whole, begins) {
        (true, _) => 0,
        (false, true) => 1,
        _ => 2,
    };
    (tier, words.len(), std::cmp::Reverse(row.ref_id))
}

/// The hits for `q` that `viewer` may see, best first, at most [`PER_KIND`] of each kind.
///
/// The index is not asked to rank every match: a two-letter prefix matches tens of
/// thousands of entries at the scale of a republic. For each kind it yields a bounded set
/// of candidates, the newest first: those whose title holds every word whole, those whose
/// title words begin with every word, and any match (title or body). [`closeness`] ranks
/// the candidates here, the same on both backends. The caller's audience is part of the
/// index's own match (the `tags` words), so nothing it may not see is read.
pub async fn search(db: &Db, viewer: &Viewer, q: &str) -> Result<Vec<Row>, Error> {
    let terms = terms(q);
    if terms.is_empty() {
        return Ok(vec![]);
    }
    let mut rows = match db {
        Db::Sqlite(pool) => {
            let (sql, binds) = sqlite_query(&terms, viewer);
            let units = serde_json::to_string(&viewer.staff_units).unwrap_or_default();
            // Audited: the text holds only fixed SQL and numbered placeholders; every
            // word of the query is a bound value.
            let mut query = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql));
            for bind in binds {
                query = query.bind(bind);
            }
            query
                .bind(viewer.user_id)
                .bind(units)
                .bind(CANDIDATES)
                .fetch_all(pool)
                .await?
        }
        Db::Postgres(pool) => {
            let (sql, binds) = postgres_query(&terms, viewer);
            // Audited as above.
            let mut query = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql));
            for bind in binds {
                query = query.bind(bind);
            }
            query
                .bind(viewer.user_id)
                .bind(&viewer.staff_units)
                .bind(CANDIDATES)
                .fetch_all(pool)
                .await?
        }
    };
    rows.sort_by_cached_key(|row| (closeness(&terms, row), row.kind.clone()));
    let mut seen = HashSet::new();
    let mut per_kind: HashMap<String, i64> = HashMap::new();
    rows.retain(|row| {
        if !seen.insert((row.kind.clone(), row.ref_id)) {
            return false;
        }
        let n = per_kind.entry(row.kind.clone()).or_default();
        *n += 1;
        *n <= PER_KIND
    });
    Ok(rows)
}

/// The most candidates of one kind (and, on SQLite, of one stage) read from the index.
const CANDIDATES: i64 = 3 * PER_KIND;

/// The audience words the viewer may match: public entries, members' entries when signed
/// in, their own entries, and staff entries when they are staff somewhere (filtered to
/// their units by the query itself).
fn audience_words(viewer: &Viewer) -> Vec<String> {
    let mut words = vec![index::audience_tag(Audience::Public)];
    if let Some(user) = viewer.user_id {
        words.push(index::audience_tag(Audience::Members));
        words.push(index::owner_tag(user));
    }
    if !viewer.staff_units.is_empty() {
        words.push(index::audience_tag(Audience::Staff { unit_id: 0 }));
    }
    words
}

/// The kinds the viewer may find at all (guests find no members).
fn kinds(viewer: &Viewer) -> Vec<Kind> {
    kinds::ALL
        .into_iter()
        .filter(|k| viewer.user_id.is_some() || *k != kinds::MEMBER)
        .collect()
}

/// SQLite: per kind, three FTS5 matches read in rowid order from the newest and stopped at
/// [`CANDIDATES`]. Binds: the match expressions, then `$n+1` the user, `$n+2` the staff
/// units (JSON), `$n+3` the limit.
fn sqlite_query(terms: &[String], viewer: &Viewer) -> (String, Vec<String>) {
    let whole = terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" AND ");
    let prefix = terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" AND ");
    let audience = audience_words(viewer).join(" OR ");
    let stages = [
        format!("{{title_folded}} : ({whole})"),
        format!("{{title_folded}} : ({prefix})"),
        format!("{{title_folded body_folded}} : ({prefix})"),
    ];
    let mut binds = Vec::new();
    for kind in kinds(viewer) {
        for stage in &stages {
            binds.push(format!(
                "{stage} AND {{tags}} : {} AND {{tags}} : ({audience})",
                index::kind_tag(kind)
            ));
        }
    }
    let n = binds.len();
    let (user, units, limit) = (n + 1, n + 2, n + 3);
    let selects: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                "SELECT * FROM (SELECT e.kind, e.ref_id, e.title_kk, e.title_ru, e.url, e.title_folded
                 FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
                 WHERE search_fts MATCH ${i}
                   AND (e.audience <> 'staff' OR e.owner_id = ${user}
                        OR e.unit_id IN (SELECT value FROM json_each(${units})))
                 ORDER BY search_fts.rowid DESC LIMIT ${limit})"
            )
        })
        .collect();
    (selects.join(" UNION ALL "), binds)
}

/// PostgreSQL: per kind, the matches that the text index and the tags index both hold,
/// title hits first, the newest first, at most [`CANDIDATES`]. Binds: `$1` any match,
/// `$2` whole words, then one tags query per kind, then the user, the staff units and
/// the limit.
fn postgres_query(terms: &[String], viewer: &Viewer) -> (String, Vec<String>) {
    let prefix = terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ");
    let whole = terms.join(" & ");
    let audience = audience_words(viewer).join(" | ");
    let mut binds = vec![prefix, whole];
    for kind in kinds(viewer) {
        binds.push(format!("{} & ({audience})", index::kind_tag(kind)));
    }
    let n = binds.len();
    let (user, units, limit) = (n + 1, n + 2, n + 3);
    let tags: Vec<String> = (3..=n)
        .map(|i| format!(", to_tsquery('simple', ${i}) AS t{i}"))
        .collect();
    let with = format!(
        "WITH q AS (SELECT to_tsquery('simple', $1) AS p, to_tsquery('simple', $2) AS w{}) ",
        tags.concat()
    );
    let selects: Vec<String> = (3..=n)
        .map(|i| {
            format!(
                "(SELECT e.kind, e.ref_id, e.title_kk, e.title_ru, e.url, e.title_folded
                 FROM q, search_entries e
                 WHERE e.document @@ q.p AND e.tags_doc @@ q.t{i}
                   AND (e.audience <> 'staff' OR e.owner_id = ${user} OR e.unit_id = ANY(${units}))
                 ORDER BY e.title_doc @@ q.w DESC, e.title_doc @@ q.p DESC, e.id DESC
                 LIMIT ${limit})"
            )
        })
        .collect();
    (with + &selects.join(" UNION ALL "), binds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, title: &str) -> Row {
        Row {
            kind: "unit".into(),
            ref_id: id,
            title_kk: None,
            title_ru: None,
            url: String::new(),
            title_folded: title.into(),
        }
    }

    #[test]
    fn whole_words_rank_before_beginnings_before_the_body_then_shorter_then_newer() {
        let terms = vec!["dostik".to_string()];
        let mut rows = vec![
            row(1, "zhastar zhobasi"),
            row(2, "dostikshil zhastar"),
            row(3, "dostik klubi aktobe"),
            row(4, "dostik klubi"),
            row(5, "dostik uii"),
        ];
        rows.sort_by_key(|r| closeness(&terms, r));
        let order: Vec<i64> = rows.iter().map(|r| r.ref_id).collect();
        assert_eq!(order, vec![5, 4, 3, 2, 1]);
    }

    #[test]
    fn every_word_must_be_in_the_title_for_a_title_rank() {
        let terms = vec!["aktobe".to_string(), "fil".to_string()];
        assert_eq!(closeness(&terms, &row(1, "aktobe kalalik filiali")).0, 1);
        assert_eq!(closeness(&terms, &row(2, "aktobe kalalik")).0, 2);
    }

    #[test]
    fn guests_match_public_entries_only_and_staff_their_own_words_too() {
        let guest = Viewer::guest();
        assert_eq!(audience_words(&guest), vec!["apublic"]);
        assert!(!kinds(&guest).contains(&kinds::MEMBER));
        let staff = Viewer {
            user_id: Some(7),
            staff_units: vec![3],
        };
        assert_eq!(
            audience_words(&staff),
            vec!["apublic", "amembers", "o7", "astaff"]
        );
        let (_, binds) = sqlite_query(&["ak".to_string()], &staff);
        assert_eq!(binds.len(), 3 * kinds::ALL.len());
        assert_eq!(
            binds[0],
            "{title_folded} : (\"ak\") AND {tags} : kunit AND {tags} : (apublic OR amembers OR o7 OR astaff)"
        );
    }
}
