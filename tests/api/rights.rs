//! Personal-data rights: consent renewal and withdrawal, download, deletion.

use std::io::Read;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, problem};

/// Every text column of every table, as (table, column), on either backend.
async fn text_columns(app: &TestApp) -> Vec<(String, String)> {
    match &app.db {
        ortaq::db::Db::Sqlite(pool) => {
            let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'")
                .fetch_all(pool)
                .await
                .unwrap();
            let mut out = Vec::new();
            for table in tables {
                let columns: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT name, type FROM pragma_table_info('{table}')"
                )))
                .fetch_all(pool)
                .await
                .unwrap();
                out.extend(
                    columns
                        .into_iter()
                        .filter(|(_, t)| t.eq_ignore_ascii_case("TEXT"))
                        .map(|(c, _)| (table.clone(), c)),
                );
            }
            out
        }
        ortaq::db::Db::Postgres(pool) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND data_type = 'text' AND table_name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    }
}

async fn occurrences(app: &TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in text_columns(app).await {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE $1");
        let pattern = format!("%{needle}%");
        let n: i64 = match &app.db {
            ortaq::db::Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(pattern)
                .fetch_one(p)
                .await
                .unwrap(),
            ortaq::db::Db::Postgres(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(pattern)
                .fetch_one(p)
                .await
                .unwrap(),
        };
        if n > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

async fn signed_up(app: &TestApp) -> (i64, String) {
    let response = app
        .post_form(
            "/signup",
            &[
                ("name", "Гүлназ Тестуникумқызы"),
                ("email", "gulnaz.unique@mail.kz"),
                ("password", PASSWORD),
                ("birth_date", "1999-12-31"),
                ("phone", "+7 778 321 65 49"),
                ("city", "Ойыл ауылы-7"),
                ("study_or_work", "Зертхана-42"),
                ("interests", "хореография-уникум"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let me: serde_json::Value = app.get("/api/v1/me").await.json().await.unwrap();
    let csrf = app.csrf().await;
    (me["id"].as_i64().unwrap(), csrf)
}

#[tokio::test]
async fn a_member_downloads_everything_held_about_them_as_a_zip() {
    let app = TestApp::spawn().await;
    signed_up(&app).await;
    let response = app.get("/account/data").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let bytes = response.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut json = String::new();
    archive
        .by_name("ortaq-data.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["account"]["email"], "gulnaz.unique@mail.kz");
    assert_eq!(data["profile"]["phone"], "+7 778 321 65 49");
    assert_eq!(data["consents"][0]["version"], "v1");
    assert!(archive.by_name("consents.csv").is_ok());
    assert!(archive.by_name("memberships.csv").is_ok());
    let guest = app
        .other_client()
        .0
        .get(app.url("/api/v1/me/data"))
        .send()
        .await
        .unwrap();
    problem(guest, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn deleting_an_account_leaves_no_personal_field_behind() {
    let app = TestApp::spawn_demo().await;
    let (id, csrf) = signed_up(&app).await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    app.post_form(
        &format!("/units/{club}/join"),
        &[("message", "Сәлем-уникум")],
    )
    .await;
    for needle in [
        "gulnaz.unique",
        "Тестуникумқызы",
        "321 65 49",
        "Ойыл ауылы-7",
        "Зертхана-42",
        "хореография-уникум",
        "Сәлем-уникум",
    ] {
        assert!(
            !occurrences(&app, needle).await.is_empty(),
            "{needle} is stored before deletion"
        );
    }

    // A wrong password deletes nothing.
    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"password": "not-mine-at-all"}))
        .send()
        .await
        .unwrap();
    problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(app.get("/api/v1/me").await.status(), StatusCode::OK);

    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    for needle in [
        "gulnaz.unique",
        "Тестуникумқызы",
        "321 65 49",
        "Ойыл ауылы-7",
        "Зертхана-42",
        "хореография-уникум",
        "Сәлем-уникум",
    ] {
        assert_eq!(
            occurrences(&app, needle).await,
            Vec::<String>::new(),
            "{needle} must be gone"
        );
    }
    let ips: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM consents WHERE user_id = $1 AND accepted_ip IS NOT NULL")
        .bind(id)
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(ips, 0, "consent records keep no address");
    assert_eq!(
        app.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login("gulnaz.unique@mail.kz", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_account_without_the_consent_in_force_is_asked_and_can_accept() {
    let app = TestApp::spawn().await;
    app.logged_in_as("staff-made@mail.kz", "member", None).await;
    let html = app.get_html("/").await;
    assert!(
        html.contains("href=\"/account/consent\""),
        "a banner asks for consent"
    );
    let response = app.post_form("/account/consent", &[]).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the box must be ticked"
    );
    let response = app
        .post_form("/account/consent", &[("consent", "on")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = app.get_html("/").await;
    assert!(!html.contains("href=\"/account/consent\""));
}

#[tokio::test]
async fn withdrawing_the_ethnocultural_consent_removes_those_memberships_at_once() {
    let app = TestApp::spawn_demo().await;
    let korean = app
        .unit_id("Корейское этнокультурное объединение Актюбинской области")
        .await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    let (id, _) = signed_up(&app).await;
    let admin = app.create_user("region-admin@mail.kz", "admin", None).await;
    let token = app.token(admin).await;
    app.post_form(
        &format!("/units/{korean}/join"),
        &[("ethnocultural_consent", "on")],
    )
    .await;
    for unit in [korean, club] {
        let response = app
            .client
            .post(app.url(&format!("/api/v1/units/{unit}/memberships")))
            .bearer_auth(&token)
            .json(&json!({"user_id": id}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let response = app
        .post_form("/account/consent/ethnocultural/withdraw", &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let units: Vec<i64> = ortaq::members::storage::memberships_of(&app.db, id)
        .await
        .unwrap()
        .iter()
        .map(|m| m.unit_id)
        .collect();
    assert_eq!(units, [club]);
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{korean}/memberships")))
        .bearer_auth(&token)
        .json(&json!({"user_id": id}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::CONFLICT, "consent_required").await;
}

#[tokio::test]
async fn a_member_uploads_a_photo_that_only_the_right_people_see() {
    let app = TestApp::spawn().await;
    let (id, csrf) = signed_up(&app).await;
    let png: Vec<u8> = [
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0u8; 64][..],
    ]
    .concat();
    let upload = |bytes: Vec<u8>, token: Option<String>| {
        let form = reqwest::multipart::Form::new().part(
            "photo",
            reqwest::multipart::Part::bytes(bytes).file_name("me.png"),
        );
        let url = match token {
            Some(t) => app.url(&format!("/account/photo?csrf={t}")),
            None => app.url("/account/photo"),
        };
        app.client.post(url).multipart(form).send()
    };
    assert_eq!(
        upload(png.clone(), None).await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "the CSRF token is required"
    );
    let svg = upload(b"<svg onload=alert(1)></svg>".to_vec(), Some(csrf.clone()))
        .await
        .unwrap();
    assert_eq!(svg.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        svg.text().await.unwrap().contains("JPEG, PNG"),
        "the page says which types are accepted"
    );
    let big = upload(
        [png.clone(), vec![0u8; 950 * 1024]].concat(),
        Some(csrf.clone()),
    )
    .await
    .unwrap();
    assert!(
        big.status() == StatusCode::UNPROCESSABLE_ENTITY
            || big.status() == StatusCode::PAYLOAD_TOO_LARGE
    );
    assert_eq!(
        app.count("profile_photos").await,
        0,
        "refused uploads store nothing"
    );
    assert_eq!(
        upload(png.clone(), Some(csrf.clone()))
            .await
            .unwrap()
            .status(),
        StatusCode::SEE_OTHER
    );

    let own = app.get(&format!("/members/{id}/photo")).await;
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(own.headers()["content-type"], "image/png");
    // Not in the directory: another member does not see it.
    let other = app.browser_from("127.0.0.1");
    app.create_user("other@mail.kz", "member", None).await;
    other.login("other@mail.kz", PASSWORD).await;
    assert_eq!(
        other.get(&format!("/members/{id}/photo")).await.status(),
        StatusCode::NOT_FOUND
    );

    let bytes = app.get("/account/data").await.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert!(
        archive.by_name("photo.png").is_ok(),
        "the download includes the photo"
    );

    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.count("profile_photos").await,
        0,
        "deletion erases the photo"
    );
}
