//! Storage: one `Db` for both backends.
//!
//! Business rules live above this module, once. Queries are written once too: the
//! [`on_db!`] and [`on_tx!`] macros expand the same sqlx code for SQLite and for
//! PostgreSQL, so each backend type-checks the same SQL text. SQL uses `$1`-style
//! parameters, which both backends accept. Where the dialects really differ, a
//! function matches on the backend explicitly.
//!
//! Instants are stored in UTC. On SQLite they are TEXT in one canonical form
//! (`2026-11-25T10:00:00+00:00`, whole seconds), which sorts and compares like
//! time; [`crate::clock::now`] truncates to whole seconds so every write is in
//! that form, and the bookings table refuses any other.

mod constraint;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

pub use constraint::{constraint_name, is_deadlock};

/// The database, whichever backend the URL chose.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open write transaction.
///
/// On SQLite it starts with `BEGIN IMMEDIATE`, so it holds the write lock from
/// its first statement: checks made inside it cannot be invalidated by another
/// writer before it commits.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs the same sqlx expression against the pool of whichever backend `db` is.
///
/// `on_db!(db, pool => sqlx::query("…").execute(pool).await.map(|r| r.rows_affected()))`
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs the same sqlx expression against the connection of a transaction.
///
/// `on_tx!(tx, conn => sqlx::query("…").execute(conn).await.map(|r| r.rows_affected()))`
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// Which backend a URL selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("unsupported database URL (use sqlite://… or postgres://…): {url}")
        }
    }
}

impl Db {
    /// Connects to the database the URL names, creating a SQLite file (and its
    /// folder) on first run.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        match Backend::from_url(url)? {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)
                    .with_context(|| format!("parsing SQLite URL {url}"))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                if let Some(folder) = options.get_filename().parent()
                    && !folder.as_os_str().is_empty()
                    && !Path::new(folder).exists()
                {
                    std::fs::create_dir_all(folder).with_context(|| {
                        format!("creating database folder {}", folder.display())
                    })?;
                }
                // No ping before each use: the file is in this process, there is no link to
                // lose, and the ping was one more trip to the connection's thread per query.
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await
                    .with_context(|| format!("opening SQLite database {url}"))?;
                Ok(Db::Sqlite(pool))
            }
            Backend::Postgres => {
                let options = PgConnectOptions::from_str(url)
                    .with_context(|| "parsing PostgreSQL URL".to_string())?;
                // No ping before each use: it was a second round trip for every query. A
                // connection the server dropped fails its next query once and is discarded.
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .test_before_acquire(false)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await
                    .context("connecting to PostgreSQL")?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend (`migrations/sqlite` or `migrations/postgres`).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("migrations/sqlite").run(pool).await,
            Db::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await,
        }
        .context("running database migrations")
    }

    /// Begins a write transaction (see [`Tx`]).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Begins a write transaction holding PostgreSQL's transaction-scoped advisory locks
    /// `(key, id)`, taken in the given order in the same trip as `BEGIN` (one simple query
    /// of three statements). SQLite needs none (its write transactions run one at a time):
    /// there this is [`Db::begin`].
    ///
    /// The transaction also plans its prepared statements once per connection
    /// (`plan_cache_mode = force_generic_plan`): PostgreSQL judged the booking insert's
    /// generic plan (its quota counts are subqueries) dearer than a fresh one and planned
    /// it anew for every booking, about a third of PostgreSQL's time under the bookings
    /// bench's creation load (`perf`).
    pub async fn begin_locked(&self, locks: &[(i32, i32)]) -> Result<Tx, sqlx::Error> {
        match self {
            Db::Postgres(pool) if !locks.is_empty() => {
                let taken: Vec<String> = locks
                    .iter()
                    .map(|(key, id)| format!("pg_advisory_xact_lock({key}, {id})"))
                    .collect();
                // Audited: only integers are written into the text.
                let sql = format!(
                    "BEGIN; SET LOCAL plan_cache_mode = force_generic_plan; SELECT {}",
                    taken.join(", ")
                );
                Ok(Tx::Postgres(
                    pool.begin_with(sqlx::AssertSqlSafe(sql)).await?,
                ))
            }
            _ => self.begin().await,
        }
    }

    /// Answers whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        let result: Result<i32, sqlx::Error> =
            on_db!(self, pool => sqlx::query_scalar("SELECT 1").fetch_one(pool).await);
        result.is_ok()
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}
