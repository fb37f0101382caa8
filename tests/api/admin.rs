//! The admin area: who may enter, roles within scope, the audit log.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, problem};

#[tokio::test]
async fn a_member_cannot_open_the_admin_area_and_a_guest_is_asked_to_log_in() {
    let app = TestApp::spawn().await;
    let response = app.get("/admin").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("href=\"/login?next=/admin\""),
        "the page offers to log in"
    );
    app.logged_in_as("ruslan@mail.kz", "member", None).await;
    let response = app.get("/admin/users").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.unwrap().contains("<html"));
    let response = app.get("/api/v1/users").await;
    problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn an_admin_grants_and_revokes_a_role_and_both_are_in_the_audit_log() {
    let app = TestApp::spawn_demo().await;
    let region = app.unit_id("Актюбинский областной филиал").await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    app.logged_in_as("branch-admin@mail.kz", "admin", Some(region))
        .await;
    let member = app.create_user("aruzhan@mail.kz", "member", None).await;

    let html = app.get_html(&format!("/admin/users/{member}")).await;
    assert!(html.contains("Тест Қолданушы"));
    let unit = club.to_string();
    let response = app
        .post_form(
            &format!("/admin/users/{member}/roles"),
            &[("role", "coordinator"), ("unit_id", unit.as_str())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let grants = ortaq::accounts::storage::grants(&app.db, member)
        .await
        .unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].unit_id, club);

    // Granting it twice is refused with a message, and nothing changes.
    let response = app
        .post_form(
            &format!("/admin/users/{member}/roles"),
            &[("role", "coordinator"), ("unit_id", unit.as_str())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        ortaq::accounts::storage::grants(&app.db, member)
            .await
            .unwrap()
            .len(),
        1
    );

    let response = app
        .post_form(
            &format!("/admin/users/{member}/roles/{}/revoke", grants[0].id),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        ortaq::accounts::storage::grants(&app.db, member)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.count("audit_log").await,
        3,
        "the branch admin's own grant (CLI), the grant and the revoke"
    );
}

#[tokio::test]
async fn a_coordinator_of_one_club_cannot_grant_roles_and_an_admin_cannot_reach_beyond_their_branch()
 {
    let app = TestApp::spawn_demo().await;
    let root = ortaq::org::storage::root(&app.db).await.unwrap().unwrap();
    let city = app.unit_id("Актюбинский городской филиал").await;
    let region = app.unit_id("Актюбинский областной филиал").await;
    let id = app
        .create_user("city-admin@mail.kz", "admin", Some(city))
        .await;
    let token = app.token(id).await;
    let member = app.create_user("artem@mail.kz", "member", None).await;
    let grant = |unit: i64| {
        app.client
            .post(app.url(&format!("/api/v1/users/{member}/roles")))
            .bearer_auth(&token)
            .json(&json!({"role": "observer", "unit_id": unit}))
            .send()
    };
    problem(
        grant(region).await.unwrap(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(
        grant(root).await.unwrap(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_eq!(grant(city).await.unwrap().status(), StatusCode::CREATED);

    let coordinator = app
        .create_user("coord@mail.kz", "coordinator", Some(city))
        .await;
    let coordinator_token = ortaq::auth::tokens::create(&app.db, coordinator)
        .await
        .unwrap();
    let response = app
        .client
        .post(app.url(&format!("/api/v1/users/{member}/roles")))
        .bearer_auth(&coordinator_token)
        .json(&json!({"role": "admin", "unit_id": city}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn grant_input_is_checked_field_by_field() {
    let app = TestApp::spawn().await;
    let id = app.create_user("admin@mail.kz", "admin", None).await;
    let token = app.token(id).await;
    let member = app.create_user("artem@mail.kz", "member", None).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/users/{member}/roles")))
        .bearer_auth(&token)
        .json(&json!({"role": "king", "unit_id": "abc"}))
        .send()
        .await
        .unwrap();
    let body = problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
    let response = app
        .client
        .post(app.url("/api/v1/users/999999/roles"))
        .bearer_auth(&token)
        .json(&json!({"role": "observer", "unit_id": 1}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn a_disabled_account_loses_its_sessions_and_tokens_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.create_user("admin@mail.kz", "admin", None).await;
    let admin_token = app.token(admin).await;
    let member = app.logged_in_as("ruslan@mail.kz", "member", None).await;
    let member_token = app.token(member).await;
    assert_eq!(app.get("/api/v1/me").await.status(), StatusCode::OK);

    let admin_browser = app.browser_logged_in("admin@mail.kz").await;
    let user_page = format!("/admin/users/{member}");
    let response = admin_browser
        .post_form(&user_page, &format!("{user_page}/disable"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    assert_eq!(
        app.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&member_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login("ruslan@mail.kz", crate::helpers::PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );

    // An admin cannot disable themself.
    let response = app
        .client
        .get(app.url("/api/v1/users"))
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap();
    let users: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == member)
            .unwrap()["disabled"],
        true
    );
}

#[tokio::test]
async fn the_audit_log_page_shows_who_changed_what_from_where_and_filters() {
    let app = TestApp::spawn_demo().await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    app.logged_in_as("audit-admin@mail.kz", "admin", None).await;
    let member = app.create_user("target@mail.kz", "member", None).await;
    let unit = club.to_string();
    let response = app
        .client
        .post(app.url(&format!("/admin/users/{member}/roles")))
        .header("X-Forwarded-For", "198.51.100.23")
        .form(&[
            ("csrf", app.csrf().await.as_str()),
            ("role", "observer"),
            ("unit_id", unit.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = app
        .get_html("/admin/audit?action=role.grant&actor=audit-admin")
        .await;
    assert!(
        html.contains("role.grant")
            && html.contains("198.51.100.23")
            && html.contains("audit-admin@mail.kz"),
        "{html}"
    );
    let html = app.get_html("/admin/audit?action=membership.").await;
    assert!(
        !html.contains("198.51.100.23"),
        "the filter leaves other actions out"
    );
    let register = app.get_html("/admin/data-register?lang=ru").await;
    assert!(register.contains("Ассамблея жастары") && !register.contains("{operator_"));

    let (client, _) = app.other_client();
    assert_eq!(
        client
            .get(app.url("/admin/audit"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_admin_edits_the_tree_within_the_branch_and_directions_keep_their_history() {
    let app = TestApp::spawn_demo().await;
    let city = app.unit_id("Актюбинский городской филиал").await;
    let region = app.unit_id("Актюбинский областной филиал").await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    let admin = app
        .create_user("city-admin2@mail.kz", "admin", Some(city))
        .await;
    let token = app.token(admin).await;
    let create = |parent: i64, kind: &'static str| {
        app.client
            .post(app.url("/api/v1/units"))
            .bearer_auth(&token)
            .json(&json!({"parent_id": parent, "kind": kind, "name": {"kk": "«Достық» клубы, 21-мектеп", "ru": "Клуб «Достық», школа №21"}}))
            .send()
    };
    let created: serde_json::Value = create(city, "dostyq_club")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(created["kind"], "dostyq_club");
    problem(
        create(region, "dostyq_club").await.unwrap(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let body = problem(
        create(city, "kingdom").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "kind");

    let edit = app
        .client
        .post(app.url(&format!("/api/v1/units/{}/details", created["id"])))
        .bearer_auth(&token)
        .json(&json!({"name": {"kk": "«Достық» клубы, №21 мектеп-гимназия"}, "description": {"ru": "Клуб школьников"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), StatusCode::OK);
    let old: String = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'unit.edit'").fetch_one(pool).await).unwrap();
    assert!(
        old.contains("школа №21"),
        "the old name is kept in the audit log: {old}"
    );

    // Directions: the Aktobe club's history (from the demo) and a change by its admin.
    let directions: serde_json::Value = app
        .get(&format!("/api/v1/units/{club}/directions"))
        .await
        .json()
        .await
        .unwrap();
    let directions = directions.as_array().unwrap();
    assert_eq!(directions.len(), 3);
    assert!(
        directions.iter().any(|d| d["ended_on"] == "2026-05-31"),
        "an ended direction stays in the history"
    );
    let added: serde_json::Value = app
        .client
        .post(app.url(&format!("/api/v1/units/{club}/directions")))
        .bearer_auth(&token)
        .json(
            &json!({"name": {"kk": "Наурыз мерекесі", "ru": "Наурыз"}, "started_on": "2026-11-01"}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let end = app.url(&format!(
        "/api/v1/units/{club}/directions/{}/end",
        added["id"]
    ));
    let response = app
        .client
        .post(&end)
        .bearer_auth(&token)
        .json(&json!({"ended_on": "2026-10-01"}))
        .send()
        .await
        .unwrap();
    problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let response = app
        .client
        .post(&end)
        .bearer_auth(&token)
        .json(&json!({"ended_on": "2026-11-24"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let page = app.get_html(&format!("/units/{club}?lang=ru")).await;
    assert!(page.contains("Дебатный клуб") && page.contains("Волонтерство"));
}

#[tokio::test]
async fn a_district_admin_cannot_disable_a_member_of_another_branch() {
    let app = TestApp::spawn_demo().await;
    let city = app.unit_id("Актюбинский городской филиал").await;
    let khromtau = app.unit_id("Хромтауский районный филиал").await;
    app.create_user("khromtau-admin@mail.kz", "admin", Some(khromtau))
        .await;
    let aktobe_member: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT user_id FROM memberships WHERE unit_id = $1 AND position = 'member' AND ended_on IS NULL ORDER BY user_id LIMIT 1")
        .bind(city)
        .fetch_one(pool)
        .await)
    .unwrap();
    let browser = app.browser_from("127.0.0.1");
    browser
        .login("khromtau-admin@mail.kz", crate::helpers::PASSWORD)
        .await;
    let page = format!("/admin/users/{aktobe_member}");
    let response = browser
        .post_form("/admin", &format!("{page}/disable"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let disabled: Option<String> = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT CAST(disabled_at AS TEXT) FROM users WHERE id = $1")
        .bind(aktobe_member)
        .fetch_one(pool)
        .await)
    .unwrap();
    assert!(disabled.is_none());
}
