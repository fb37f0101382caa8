//! A fresh database for one bench run: a SQLite file in a temporary folder, or, with
//! `ORTAQ_BENCH_DATABASE_URL=postgres://…/postgres`, a PostgreSQL database of its own.

/// The PostgreSQL server `ORTAQ_BENCH_DATABASE_URL` names, if any.
pub fn admin_url() -> Option<String> {
    std::env::var("ORTAQ_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

/// [`fresh_on`] the backend `ORTAQ_BENCH_DATABASE_URL` chooses.
pub async fn fresh(bench: &str) -> (String, Option<tempfile::TempDir>) {
    fresh_on(admin_url().as_deref(), bench).await
}

/// The URL of an empty database named after `bench` and the process: a new PostgreSQL
/// database beside the one `admin` names, or a SQLite file in a temporary folder (removed
/// when the folder's handle is dropped).
pub async fn fresh_on(admin: Option<&str>, bench: &str) -> (String, Option<tempfile::TempDir>) {
    match admin {
        Some(admin) => {
            let name = format!("ortaq_bench_{bench}_{}", std::process::id());
            let pool = sqlx::PgPool::connect(admin).await.unwrap();
            for sql in [
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                format!("CREATE DATABASE {name}"),
            ] {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&pool)
                    .await
                    .unwrap();
            }
            pool.close().await;
            let mut url = url::Url::parse(admin).unwrap();
            url.set_path(&name);
            (url.to_string(), None)
        }
        None => {
            let dir = tempfile::tempdir().unwrap();
            (
                format!("sqlite://{}/bench.db", dir.path().display()),
                Some(dir),
            )
        }
    }
}

/// Drops a PostgreSQL database [`fresh`] made (a SQLite folder goes with its handle).
pub async fn drop(url: &str) {
    drop_on(admin_url().as_deref(), url).await;
}

/// Drops the PostgreSQL database `url` that [`fresh_on`] made beside `admin`.
pub async fn drop_on(admin: Option<&str>, url: &str) {
    let Some(admin) = admin else {
        return;
    };
    let name = url::Url::parse(url)
        .unwrap()
        .path()
        .trim_start_matches('/')
        .to_string();
    let pool = sqlx::PgPool::connect(admin).await.unwrap();
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&pool)
    .await;
    pool.close().await;
}
