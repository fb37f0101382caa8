//! `ortaq backup --to FILE` and `ortaq restore --from FILE`.
//!
//! SQLite: the backup is `VACUUM INTO`, one read transaction, so it is a consistent copy
//! of the database as of one moment even while the server keeps writing (WAL readers do
//! not block writers). It is written beside the target under a temporary name, checked
//! (`PRAGMA integrity_check`), and only then renamed into place, so a FILE that exists
//! is always a whole backup. The restore needs the server stopped (a running server
//! holds a shared lock on `<database>.lock`; the restore takes it exclusively), checks
//! the backup, keeps the database it replaces as `<database>.before-restore-<time>`
//! (nothing is lost by a restore), and moves the copy into place.
//!
//! PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --single-transaction`
//! (the PostgreSQL client tools of the server's major version must be installed).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::db::Backend;

/// The lock a running server holds on its SQLite database (`None` for PostgreSQL).
#[derive(Debug)]
pub struct ServerLock {
    _file: File,
}

/// The SQLite file a URL names.
fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    let options =
        SqliteConnectOptions::from_str(url).with_context(|| format!("parsing SQLite URL {url}"))?;
    Ok(options.get_filename().to_path_buf())
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Taken by `serve` for as long as it runs: shared, so several commands may use the
/// database at once, but a restore cannot pull it from under a running server.
pub fn hold_while_serving(url: &str) -> anyhow::Result<Option<ServerLock>> {
    if Backend::from_url(url)? != Backend::Sqlite {
        return Ok(None);
    }
    let db = sqlite_path(url)?;
    if let Some(folder) = db.parent()
        && !folder.as_os_str().is_empty()
    {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating database folder {}", folder.display()))?;
    }
    let path = lock_path(&db);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(ServerLock { _file: file })),
        Err(_) => bail!(
            "{} is being restored; start the server when the restore has finished",
            path.display()
        ),
    }
}

/// Checks a SQLite file: it opens, passes `integrity_check`, and is an Ortaq database.
async fn check_sqlite(path: &Path) -> anyhow::Result<()> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .with_context(|| format!("opening {}", path.display()))?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .with_context(|| format!("checking {}", path.display()))?;
    if verdict != "ok" {
        bail!("{} failed its integrity check: {verdict}", path.display());
    }
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .with_context(|| format!("{} is not an Ortaq database", path.display()))?;
    if migrations == 0 {
        bail!("{} is not an Ortaq database", path.display());
    }
    conn.close().await.ok();
    Ok(())
}

/// `ortaq backup --to FILE`.
pub async fn backup(url: &str, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        bail!("{} exists; choose a new file", to.display());
    }
    match Backend::from_url(url)? {
        Backend::Sqlite => {
            let partial = partial_path(to);
            let _ = std::fs::remove_file(&partial);
            let mut conn = SqliteConnectOptions::from_str(url)?
                .busy_timeout(std::time::Duration::from_secs(30))
                .connect()
                .await
                .with_context(|| format!("opening {url}"))?;
            let target = partial.to_str().context("the backup path is not UTF-8")?;
            sqlx::query("VACUUM INTO $1")
                .bind(target)
                .execute(&mut conn)
                .await
                .context("copying the database")?;
            conn.close().await.ok();
            check_sqlite(&partial).await?;
            File::open(&partial)?.sync_all()?;
            std::fs::rename(&partial, to)
                .with_context(|| format!("moving the backup to {}", to.display()))?;
            Ok(())
        }
        Backend::Postgres => {
            let partial = partial_path(to);
            let status = std::process::Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(&partial)
                .arg(url)
                .status()
                .context("running pg_dump (install the PostgreSQL client tools)")?;
            if !status.success() {
                let _ = std::fs::remove_file(&partial);
                bail!("pg_dump failed ({status})");
            }
            std::fs::rename(&partial, to)?;
            Ok(())
        }
    }
}

/// `ortaq restore --from FILE`: answers where the replaced database was kept (SQLite).
pub async fn restore(url: &str, from: &Path) -> anyhow::Result<Option<PathBuf>> {
    if !from.is_file() {
        bail!("{} is not a file", from.display());
    }
    match Backend::from_url(url)? {
        Backend::Sqlite => {
            check_sqlite(from).await?;
            let db = sqlite_path(url)?;
            let lock = lock_path(&db);
            let lock = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock)
                .with_context(|| format!("opening {}", lock.display()))?;
            if lock.try_lock().is_err() {
                bail!("the server is running on {}; stop it first", db.display());
            }
            let incoming = partial_path(&db);
            std::fs::copy(from, &incoming)
                .with_context(|| format!("copying {}", from.display()))?;
            File::open(&incoming)?.sync_all()?;
            let kept = if db.exists() {
                let stamp = crate::clock::now().format("%Y%m%dT%H%M%SZ");
                let mut name = db.as_os_str().to_owned();
                name.push(format!(".before-restore-{stamp}"));
                let kept = PathBuf::from(name);
                // The database as it stood, with its write-ahead log folded in.
                let mut conn = SqliteConnectOptions::new()
                    .filename(&db)
                    .connect()
                    .await
                    .with_context(|| format!("opening {}", db.display()))?;
                let target = kept.to_str().context("the database path is not UTF-8")?;
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(&mut conn)
                    .await
                    .context("keeping the current database")?;
                conn.close().await.ok();
                Some(kept)
            } else {
                None
            };
            for suffix in ["-wal", "-shm"] {
                let mut name = db.as_os_str().to_owned();
                name.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(name));
            }
            std::fs::rename(&incoming, &db)
                .with_context(|| format!("moving the backup to {}", db.display()))?;
            drop(lock);
            Ok(kept)
        }
        Backend::Postgres => {
            let status = std::process::Command::new("pg_restore")
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                ])
                .arg(url)
                .arg(from)
                .status()
                .context("running pg_restore (install the PostgreSQL client tools)")?;
            if !status.success() {
                bail!("pg_restore failed ({status}); the database is as it was");
            }
            Ok(None)
        }
    }
}

fn partial_path(to: &Path) -> PathBuf {
    let mut name = to.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}
