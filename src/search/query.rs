//! Asking the index: one interface ([`search`]), the dialects below it.
//!
//! The query is folded like the texts; each of its words matches as a prefix (typing
//! «Ақт» already finds Ақтөбе), all words must match. The word index (`search_words`, a
//! B-tree on both backends) yields a bounded set of candidates per kind, ranked here the
//! same way for both (see [`search`]). At most [`PER_KIND`] hits of each kind, best first.

use std::collections::HashSet;

use std::collections::HashMap;

use super::fold;
use super::index::Audience;
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
/// thousands of entries at the scale of a republic. Words are looked up by prefix in a
/// B-tree (`search_words`), led by the query's rarest word, and each lookup stops after
/// [`CANDIDATES`] entries: first the entries whose title holds every word (all kinds in one
/// statement), then, for the kinds that found fewer than [`PER_KIND`] that way, the entries
/// holding them anywhere. [`closeness`] ranks the candidates here, the same on both
/// backends.
pub async fn search(db: &Db, viewer: &Viewer, q: &str) -> Result<Vec<Row>, Error> {
    let terms = terms(q);
    if terms.is_empty() {
        return Ok(vec![]);
    }
    let terms = rarest_first(db, terms).await?;
    let kinds = kinds(viewer);
    let mut rows = candidates(db, viewer, &terms, &kinds, true).await?;
    let short: Vec<Kind> = kinds
        .iter()
        .copied()
        .filter(|k| rows.iter().filter(|r| r.kind == k.key).count() < PER_KIND as usize)
        .collect();
    if !short.is_empty() {
        rows.extend(candidates(db, viewer, &terms, &short, false).await?);
    }
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

/// The most entries one lookup (a kind, a stage) reads.
const CANDIDATES: i64 = 3 * PER_KIND;
/// Counting how common a prefix is stops here.
const COUNT_UP_TO: i64 = 1_000;

/// The words that begin with `prefix`: `[prefix, next)`, where `next` is the prefix with
/// its last character replaced by the following code point (UTF-8 sorts by code point, so
/// every longer word with this prefix falls inside).
pub fn range(prefix: &str) -> (String, String) {
    let mut next = prefix.to_string();
    if let Some(last) = next.pop() {
        let after = (last as u32 + 1..=char::MAX as u32)
            .find_map(char::from_u32)
            .unwrap_or(char::MAX);
        next.push(after);
        if after == last {
            // Nothing follows U+10FFFF: any continuation of the prefix stays below this.
            next.push(char::MAX);
        }
    }
    (prefix.to_string(), next)
}

/// The terms, the one with the fewest words under its prefix first (it leads the lookup;
/// the others are checked on the entries it finds).
async fn rarest_first(db: &Db, mut terms: Vec<String>) -> Result<Vec<String>, Error> {
    if terms.len() < 2 {
        return Ok(terms);
    }
    let counts: Vec<String> = (0..terms.len())
        .map(|i| {
            format!(
                "(SELECT COUNT(*) FROM (SELECT 1 FROM search_words WHERE word >= ${} AND word < ${} LIMIT {COUNT_UP_TO}) AS c{i})",
                2 * i + 1,
                2 * i + 2
            )
        })
        .collect();
    // One row, a count per term.
    let sql = format!("SELECT {}", counts.join(", "));
    let ranges: Vec<(String, String)> = terms.iter().map(|t| range(t)).collect();
    // Not prepared on either backend: the text changes with the number of words.
    let counts: Vec<i64> = crate::on_db!(db, pool => async {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false);
        for (lo, hi) in &ranges {
            query = query.bind(lo).bind(hi);
        }
        let row = query.fetch_one(pool).await?;
        (0..terms.len())
            .map(|i| sqlx::Row::try_get::<i64, _>(&row, i))
            .collect::<Result<Vec<i64>, sqlx::Error>>()
    }
    .await)?;
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by_key(|&i| counts[i]);
    let sorted = order
        .into_iter()
        .map(|i| std::mem::take(&mut terms[i]))
        .collect();
    Ok(sorted)
}

/// The audiences every signed-in viewer (or any guest) finds by the word index alone:
/// public entries, and members' entries when signed in. Staff entries (drafts) are looked
/// up apart, see [`Drafts`].
fn audiences(drafts: Drafts) -> Vec<&'static str> {
    let mut audiences = vec![Audience::Public.parts().0];
    if drafts != Drafts::None {
        audiences.push(Audience::Members.parts().0);
    }
    audiences
}

/// How the staff entries (drafts) a viewer may find are looked up: each lookup filters on
/// who may see before it stops at [`CANDIDATES`], so the drafts of others never crowd out
/// the viewer's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drafts {
    /// A guest: none.
    None,
    /// A member who is staff nowhere: their own, from the few entries they own (an index
    /// on the owner), each checked for every word.
    Own,
    /// Staff of some units: the words of staff entries by prefix, kept where the entry's
    /// unit is theirs or they own it.
    Units,
}

impl Drafts {
    fn of(viewer: &Viewer) -> Drafts {
        match (viewer.user_id, viewer.staff_units.is_empty()) {
            (None, _) => Drafts::None,
            (Some(_), true) => Drafts::Own,
            (Some(_), false) => Drafts::Units,
        }
    }
}

/// The kinds the viewer may find at all (guests find no members).
fn kinds(viewer: &Viewer) -> Vec<Kind> {
    kinds::ALL
        .into_iter()
        .filter(|k| viewer.user_id.is_some() || *k != kinds::MEMBER)
        .collect()
}

/// The candidates of `kinds` holding every term (in the title only, or anywhere): one
/// statement, one lookup per kind, each stopped at [`CANDIDATES`].
async fn candidates(
    db: &Db,
    viewer: &Viewer,
    terms: &[String],
    kinds: &[Kind],
    in_title: bool,
) -> Result<Vec<Row>, Error> {
    let drafts = Drafts::of(viewer);
    let (sql, binds) = candidates_sql(db, drafts, terms, kinds, in_title);
    let rows = match db {
        Db::Sqlite(pool) => {
            // Audited: the text holds only fixed SQL and numbered placeholders; every
            // word of the query is a bound value.
            let mut query = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql));
            for bind in binds {
                query = query.bind(bind);
            }
            if drafts != Drafts::None {
                query = query.bind(viewer.user_id);
            }
            if drafts == Drafts::Units {
                query = query.bind(serde_json::to_string(&viewer.staff_units).unwrap_or_default());
            }
            query.fetch_all(pool).await?
        }
        Db::Postgres(pool) => {
            // Audited as above. Not prepared: PostgreSQL plans each lookup with its own
            // kind, audiences and prefixes (a cached generic plan cannot see which of
            // them is rare).
            let mut query = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).persistent(false);
            for bind in binds {
                query = query.bind(bind);
            }
            if drafts != Drafts::None {
                query = query.bind(viewer.user_id);
            }
            if drafts == Drafts::Units {
                query = query.bind(&viewer.staff_units);
            }
            query.fetch_all(pool).await?
        }
    };
    Ok(rows)
}

/// The statement of [`candidates`] and its text binds: the audiences, each term's range,
/// the kinds; then (bound by the caller, as `drafts` needs) the user and the staff units.
fn candidates_sql(
    db: &Db,
    drafts: Drafts,
    terms: &[String],
    kinds: &[Kind],
    in_title: bool,
) -> (String, Vec<String>) {
    let mut binds: Vec<String> = Vec::new();
    let mut bind = |value: String| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let audiences: Vec<String> = audiences(drafts)
        .into_iter()
        .map(|a| bind(a.to_string()))
        .collect();
    let audiences = audiences.join(", ");
    let title = if in_title { " AND w.in_title" } else { "" };
    let mut ranges = Vec::new();
    for term in terms {
        let (lo, hi) = range(term);
        ranges.push((bind(lo), bind(hi)));
    }
    // Every term on the entry `{entry}`, from the `from`-th on.
    let holds = |from: usize, entry: &str| -> String {
        ranges[from..]
            .iter()
            .map(|(lo, hi)| {
                let title = if in_title { " AND o.in_title" } else { "" };
                format!(
                    " AND EXISTS (SELECT 1 FROM search_words o WHERE o.entry_id = {entry}
                         AND o.word >= {lo} AND o.word < {hi}{title})"
                )
            })
            .collect()
    };
    let (lead_lo, lead_hi) = &ranges[0];
    let others = holds(1, "w.entry_id");
    // SQLite: one lookup per kind, its kind bound. PostgreSQL: the kinds are written in
    // (fixed keys, not input), see below.
    let kind_binds: Vec<String> = match db {
        Db::Sqlite(_) => kinds.iter().map(|k| bind(k.key.to_string())).collect(),
        Db::Postgres(_) => vec![],
    };
    let n = binds.len();
    let (user, units) = (format!("${}", n + 1), format!("${}", n + 2));
    let every = holds(0, "e.id");
    let mut selects = Vec::new();
    match db {
        Db::Sqlite(_) => {
            let mine = format!("e.unit_id IN (SELECT value FROM json_each({units}))");
            for (k, kind) in kind_binds.iter().enumerate() {
                selects.push(format!(
                    "SELECT * FROM (SELECT w.entry_id FROM search_words w
                       WHERE w.kind = {kind} AND w.audience IN ({audiences})
                         AND w.word >= {lead_lo} AND w.word < {lead_hi}{title}{others}
                       LIMIT {CANDIDATES}) AS k{k}"
                ));
                match drafts {
                    Drafts::None => {}
                    Drafts::Own => selects.push(format!(
                        "SELECT * FROM (SELECT e.id FROM search_entries e
                           WHERE e.owner_id = {user} AND e.audience = 'staff' AND e.kind = {kind}{every}
                           LIMIT {CANDIDATES}) AS d{k}"
                    )),
                    Drafts::Units => selects.push(format!(
                        "SELECT * FROM (SELECT w.entry_id FROM search_words w
                           JOIN search_entries e ON e.id = w.entry_id
                           WHERE w.kind = {kind} AND w.audience = 'staff'
                             AND w.word >= {lead_lo} AND w.word < {lead_hi}{title}{others}
                             AND (e.owner_id = {user} OR {mine})
                           LIMIT {CANDIDATES}) AS d{k}"
                    )),
                }
            }
        }
        Db::Postgres(_) => {
            // One lookup, planned once and run for each kind (LATERAL). Measured at ×100:
            // planning a copy per kind took PostgreSQL longer than running them all
            // (2.4 ms against 1.5 for two words; 0.56 ms against 0.75 this way).
            let list: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.key)).collect();
            let list = list.join(", ");
            let mine = format!("e.unit_id = ANY({units})");
            selects.push(format!(
                "SELECT c.entry_id FROM unnest(ARRAY[{list}]) AS k(kind)
                   CROSS JOIN LATERAL (SELECT w.entry_id FROM search_words w
                     WHERE w.kind = k.kind AND w.audience IN ({audiences})
                       AND w.word >= {lead_lo} AND w.word < {lead_hi}{title}{others}
                     LIMIT {CANDIDATES}) AS c"
            ));
            match drafts {
                Drafts::None => {}
                // A member's own drafts are few: one lookup for every kind.
                Drafts::Own => selects.push(format!(
                    "SELECT d.id FROM (SELECT e.id FROM search_entries e
                       WHERE e.owner_id = {user} AND e.audience = 'staff'
                         AND e.kind IN ({list}){every}
                       LIMIT {}) AS d",
                    CANDIDATES * kinds.len() as i64
                )),
                Drafts::Units => selects.push(format!(
                    "SELECT c.entry_id FROM unnest(ARRAY[{list}]) AS k(kind)
                       CROSS JOIN LATERAL (SELECT w.entry_id FROM search_words w
                         JOIN search_entries e ON e.id = w.entry_id
                         WHERE w.kind = k.kind AND w.audience = 'staff'
                           AND w.word >= {lead_lo} AND w.word < {lead_hi}{title}{others}
                           AND (e.owner_id = {user} OR {mine})
                         LIMIT {CANDIDATES}) AS c"
                )),
            }
        }
    }
    let sql = format!(
        "SELECT e.kind, e.ref_id, e.title_kk, e.title_ru, e.url, e.title_folded
           FROM search_entries e
          WHERE e.id IN ({})",
        selects.join(" UNION ALL ")
    );
    (sql, binds)
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
        let mut rows = [
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
    fn a_prefix_is_a_range_of_words() {
        assert_eq!(range("ak"), ("ak".to_string(), "al".to_string()));
        assert_eq!(range("z9"), ("z9".to_string(), "z:".to_string()));
        assert_eq!(range("kaz"), ("kaz".to_string(), "ka{".to_string()));
        // Letters the fold keeps from other scripts (and ÿ, whose byte was once 255).
        assert_eq!(range("ÿ").1, "Ā");
        assert_eq!(range("a\u{d7ff}").1, "a\u{e000}");
    }

    #[test]
    fn guests_find_public_entries_and_no_members() {
        let guest = Viewer::guest();
        assert_eq!(Drafts::of(&guest), Drafts::None);
        assert_eq!(audiences(Drafts::of(&guest)), vec!["public"]);
        assert!(!kinds(&guest).contains(&kinds::MEMBER));
        let member = Viewer {
            user_id: Some(7),
            staff_units: vec![],
        };
        assert_eq!(Drafts::of(&member), Drafts::Own);
        assert_eq!(audiences(Drafts::of(&member)), vec!["public", "members"]);
        assert!(kinds(&member).contains(&kinds::MEMBER));
        let coordinator = Viewer {
            user_id: Some(7),
            staff_units: vec![3, 4],
        };
        assert_eq!(Drafts::of(&coordinator), Drafts::Units);
    }
}
