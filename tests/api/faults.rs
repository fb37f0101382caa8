//! The database going away: PostgreSQL ends every connection of Ortaq (as in a restart).
//! The requests that meet a dead connection answer 503 problem+json, never 500; Ortaq
//! recovers by itself, and `/healthz` says so. (SQLite is a file in the process: there is
//! no connection to lose, so this runs on PostgreSQL.)

use reqwest::StatusCode;
use sqlx::Connection;

use crate::helpers::TestApp;

#[tokio::test]
async fn postgres_ending_every_connection_gives_503_then_recovers_by_itself() {
    let app = TestApp::spawn().await;
    if !app.is_postgres() {
        eprintln!("faults: PostgreSQL only (run with ORTAQ_TEST_DATABASE_URL=postgres://…)");
        return;
    }
    // Warm the pool: several connections open.
    let mut warm = tokio::task::JoinSet::new();
    for _ in 0..8 {
        warm.spawn(app.client.get(app.url("/api/v1/units")).send());
    }
    while let Some(r) = warm.join_next().await {
        assert_eq!(r.unwrap().unwrap().status(), StatusCode::OK);
    }
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);

    // Every connection of this database is ended by the server, from outside Ortaq.
    let mut admin = sqlx::PgConnection::connect(&app.database_url)
        .await
        .unwrap();
    let ended: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert!(!ended.is_empty(), "Ortaq's connections were ended");
    admin.close().await.unwrap();

    // What fails, fails as 503 problem+json; within a few requests everything answers again.
    let mut recovered = false;
    for _ in 0..20 {
        let response = app
            .client
            .get(app.url("/api/v1/units"))
            .send()
            .await
            .unwrap();
        match response.status() {
            StatusCode::OK => {
                recovered = true;
                break;
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                let body: serde_json::Value = response.json().await.unwrap();
                assert_eq!(body["code"], "service_unavailable");
            }
            other => panic!("a dead connection answered {other}"),
        }
    }
    assert!(recovered, "Ortaq recovered by itself");
    let mut healthy = false;
    for _ in 0..20 {
        if app.get("/healthz").await.status() == StatusCode::OK {
            healthy = true;
            break;
        }
    }
    assert!(healthy, "/healthz says the database answers again");
}
