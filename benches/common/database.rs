//! A fresh database for one bench run: a SQLite file in a temporary folder, or, with
//! `ORTAQ_BENCH_DATABASE_URL=postgres://…/postgres`, a PostgreSQL database of its own.

/// The URL of an empty database named after `bench` and the process (and the folder that
/// holds a SQLite file, removed when dropped).
pub async fn fresh(bench: &str) -> (String, Option<tempfile::TempDir>) {
    match std::env::var("ORTAQ_BENCH_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!("ortaq_bench_{bench}_{}", std::process::id());
            let pool = sqlx::PgPool::connect(&admin).await.unwrap();
            for sql in [
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                format!("CREATE DATABASE {name}"),
            ] {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&pool)
                    .await
                    .unwrap();
            }
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            (url.to_string(), None)
        }
        _ => {
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
    let Ok(admin) = std::env::var("ORTAQ_BENCH_DATABASE_URL") else {
        return;
    };
    if !url.starts_with("postgres") {
        return;
    }
    let name = url::Url::parse(url)
        .unwrap()
        .path()
        .trim_start_matches('/')
        .to_string();
    let pool = sqlx::PgPool::connect(&admin).await.unwrap();
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&pool)
    .await;
}
