//! The backup drill: `ortaq backup` while bookings pour in, `ortaq restore` into a fresh
//! database, every table compared; a restore refuses to replace a running server's file.

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ortaq::db::Db;
use reqwest::StatusCode;

use crate::bookings::{body, book, local, members, seed_center};
use crate::helpers::{TestApp, fresh_database};

fn ortaq(database: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ortaq"))
        .args(args)
        .env("ORTAQ_DATABASE_URL", database)
        .env("RUST_LOG", "warn")
        .output()
        .expect("running ortaq")
}

/// Every table's rows as text, sorted: what "the same database" means here.
async fn tables(db: &Db) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    match db {
        Db::Sqlite(pool) => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for name in names {
                let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT name FROM pragma_table_info('{name}') ORDER BY cid"
                )))
                .fetch_all(pool)
                .await
                .unwrap();
                if columns.is_empty() {
                    continue;
                }
                let row = columns
                    .iter()
                    .map(|c| format!("quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || ',' || ");
                let mut rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT {row} FROM \"{name}\""
                )))
                .fetch_all(pool)
                .await
                .unwrap();
                rows.sort();
                out.insert(name, rows);
            }
        }
        Db::Postgres(pool) => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for name in names {
                let mut rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT t::text FROM \"{name}\" AS t"
                )))
                .fetch_all(pool)
                .await
                .unwrap();
                rows.sort();
                out.insert(name, rows);
            }
        }
    }
    out
}

async fn booking_ids(db: &Db) -> Vec<i64> {
    ortaq::on_db!(db, pool => sqlx::query_scalar("SELECT id FROM bookings ORDER BY id")
        .fetch_all(pool)
        .await)
    .unwrap()
}

#[tokio::test]
async fn a_backup_taken_under_load_restores_whole_and_equal() {
    let app = Arc::new(TestApp::spawn().await);
    let center = seed_center(&app.db, "Asia/Aqtobe", 8).await;
    let people = members(&app, 8).await;

    // Eight members book their own desk, hour after hour, until told to stop; each
    // acknowledged booking is remembered with the moment it was acknowledged.
    let stop = Arc::new(AtomicBool::new(false));
    let mut load = Vec::new();
    for (n, (_, token)) in people.into_iter().enumerate() {
        let (app, stop, center) = (app.clone(), stop.clone(), center.clone());
        let desk = center.desks[n];
        load.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            'days: for day in 1..=6 {
                for hour in 8..21 {
                    if stop.load(Ordering::Relaxed) {
                        break 'days;
                    }
                    let r = book(
                        &app,
                        &token,
                        body(
                            desk,
                            local(&center, day, hour, 0),
                            local(&center, day, hour + 1, 0),
                        ),
                    )
                    .await;
                    if r.status() == StatusCode::CREATED {
                        let id = r.json::<serde_json::Value>().await.unwrap()["id"]
                            .as_i64()
                            .unwrap();
                        acked.push((id, std::time::Instant::now()));
                    }
                }
            }
            acked
        }));
    }

    // Let bookings flow, then back up while they still do.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("under-load.backup");
    let file = file.to_str().unwrap();
    let backup_started = std::time::Instant::now();
    let out = ortaq(&app.database_url, &["backup", "--to", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stop.store(true, Ordering::Relaxed);
    let mut acked = Vec::new();
    for task in load {
        acked.extend(task.await.unwrap());
    }
    let before: Vec<i64> = acked
        .iter()
        .filter(|(_, at)| *at < backup_started)
        .map(|(id, _)| *id)
        .collect();
    assert!(
        !before.is_empty(),
        "bookings were acknowledged before the backup"
    );

    // A second backup to the same file is refused: a backup is never overwritten.
    let again = ortaq(&app.database_url, &["backup", "--to", file]);
    assert!(!again.status.success());

    // Restored into a fresh database: every booking acknowledged before the backup began
    // is there, and the restored database serves.
    let (fresh, _fresh_dir, fresh_pg) = fresh_database().await;
    let out = ortaq(&fresh, &["restore", "--from", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = Db::connect(&fresh).await.unwrap();
    let ids = booking_ids(&restored).await;
    for id in &before {
        assert!(
            ids.contains(id),
            "booking {id} was acknowledged before the backup"
        );
    }
    if let Db::Sqlite(pool) = &restored {
        let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(verdict, "ok");
    }
    restored.close().await;

    // Quiet now: a backup restored elsewhere equals the source, table by table.
    let quiet = dir.path().join("quiet.backup");
    let quiet = quiet.to_str().unwrap();
    let out = ortaq(&app.database_url, &["backup", "--to", quiet]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (copy, _copy_dir, copy_pg) = fresh_database().await;
    let out = ortaq(&copy, &["restore", "--from", quiet]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy_db = Db::connect(&copy).await.unwrap();
    let (source, copied) = (tables(&app.db).await, tables(&copy_db).await);
    assert!(source["bookings"].len() >= before.len());
    assert_eq!(
        source.keys().collect::<Vec<_>>(),
        copied.keys().collect::<Vec<_>>()
    );
    for (name, rows) in &source {
        assert!(rows == &copied[name], "table {name} differs after restore");
    }
    copy_db.close().await;

    // SQLite: a restore cannot replace the file of a running server.
    if !app.is_postgres() {
        let out = ortaq(&app.database_url, &["restore", "--from", quiet]);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("stop it first"));
    }
    for pg in [fresh_pg, copy_pg].into_iter().flatten() {
        crate::helpers::drop_database(pg).await;
    }
}
