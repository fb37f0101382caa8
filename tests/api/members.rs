//! Members: sign-up with profile and consent, minors, memberships, join requests, scopes.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, problem};

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let sql = sql.to_string();
    match &app.db {
        ortaq::db::Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(p)
            .await
            .unwrap(),
        ortaq::db::Db::Postgres(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(p)
            .await
            .unwrap(),
    }
}

async fn text(app: &TestApp, sql: &str) -> Option<String> {
    let sql = sql.to_string();
    match &app.db {
        ortaq::db::Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_optional(p)
            .await
            .unwrap(),
        ortaq::db::Db::Postgres(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_optional(p)
            .await
            .unwrap(),
    }
}

#[tokio::test]
async fn signing_up_records_the_profile_the_consent_with_its_version_and_the_membership() {
    let app = TestApp::spawn_demo().await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    let club = club.to_string();
    let response = app
        .post_form(
            "/signup",
            &[
                ("name", "Жансая Ахметова"),
                ("email", "zhansaya@mail.kz"),
                ("password", PASSWORD),
                ("birth_date", "2004-09-01"),
                ("phone", "8 (747) 555-12-34"),
                ("city", "Ақтөбе"),
                ("study_or_work", "Баишев университеті"),
                ("languages", "kk, ru, en"),
                ("interests", "Домбыра, дебаты"),
                ("skills", "SMM"),
                ("in_directory", "on"),
                ("unit_id", club.as_str()),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = scalar(
        &app,
        "SELECT id FROM users WHERE email = 'zhansaya@mail.kz'",
    )
    .await;
    assert_eq!(
        text(
            &app,
            &format!("SELECT phone FROM profiles WHERE user_id = {id}")
        )
        .await
        .as_deref(),
        Some("+7 747 555 12 34")
    );
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT COUNT(*) FROM profile_tags WHERE user_id = {id}")
        )
        .await,
        6
    );
    assert_eq!(
        text(
            &app,
            &format!(
                "SELECT version FROM consents WHERE user_id = {id} AND kind = 'personal_data'"
            )
        )
        .await
        .as_deref(),
        Some("v1")
    );
    assert!(
        text(
            &app,
            &format!("SELECT accepted_ip FROM consents WHERE user_id = {id}")
        )
        .await
        .is_some()
    );
    assert_eq!(
        text(
            &app,
            &format!("SELECT status FROM memberships WHERE user_id = {id} AND unit_id = {club}")
        )
        .await
        .as_deref(),
        Some("active")
    );
}

#[tokio::test]
async fn sign_up_refuses_a_foreign_phone_an_age_out_of_range_and_no_consent_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/signup"))
        .header("Accept-Language", "ru")
        .form(&[
            ("csrf", app.csrf().await.as_str()),
            ("name", "Олег Ковальчук"),
            ("email", "oleg@mail.kz"),
            ("password", PASSWORD),
            ("birth_date", "1980-01-01"),
            ("phone", "+7 912 345 67 89"),
            ("city", "Хромтау"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("до 35 лет"), "the age bound is named");
    assert!(html.contains("казахстанский номер"));
    assert!(html.contains("value=\"Хромтау\""), "what was typed is kept");
    assert!(html.contains("value=\"+7 912 345 67 89\""));
    for table in ["users", "profiles", "consents", "memberships"] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_minor_needs_a_guardians_consent_and_stays_pending_until_a_coordinator_confirms() {
    let app = TestApp::spawn_demo().await;
    let club = app.unit_id("Клуб «Достық», Актобе").await.to_string();
    let fourteen = (chrono::Utc::now().date_naive() - chrono::Duration::days(365 * 15)).to_string();
    let base = [
        ("name", "Ерасыл Нұрланұлы"),
        ("email", "erasyl@mail.kz"),
        ("password", PASSWORD),
        ("birth_date", fourteen.as_str()),
        ("phone", "+7 700 100 20 30"),
        ("unit_id", club.as_str()),
        ("consent", "on"),
    ];
    let users = app.count("users").await;
    let response = app.post_form("/signup", &base).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"guardian_name-error\""));
    assert_eq!(app.count("users").await, users, "nothing was created");

    let mut with_guardian = base.to_vec();
    with_guardian.extend([
        ("guardian_name", "Нұрлан Серікұлы"),
        ("guardian_contact", "+7 701 999 88 77"),
        ("guardian_how", "қағаз нысанға қол қойды"),
        ("guardian_consent", "on"),
    ]);
    assert_eq!(
        app.post_form("/signup", &with_guardian).await.status(),
        StatusCode::SEE_OTHER
    );
    let id = scalar(&app, "SELECT id FROM users WHERE email = 'erasyl@mail.kz'").await;
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT COUNT(*) FROM consents WHERE user_id = {id} AND kind = 'guardian'")
        )
        .await,
        1
    );
    let membership = scalar(
        &app,
        &format!("SELECT id FROM memberships WHERE user_id = {id}"),
    )
    .await;
    assert_eq!(
        text(
            &app,
            &format!("SELECT status FROM memberships WHERE id = {membership}")
        )
        .await
        .as_deref(),
        Some("pending")
    );

    // The club's coordinator (by position in the demo) confirms.
    let coordinator = ortaq::on_db!(&app.db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT user_id FROM memberships WHERE unit_id = $1 AND position = 'coordinator' AND ended_on IS NULL LIMIT 1")
        .bind(club.parse::<i64>().unwrap())
        .fetch_one(pool)
        .await)
    .unwrap();
    let token = app.token(coordinator).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/memberships/{membership}/confirm")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        text(
            &app,
            &format!("SELECT status FROM memberships WHERE id = {membership}")
        )
        .await
        .as_deref(),
        Some("active")
    );
    let response = app
        .client
        .post(app.url(&format!("/api/v1/memberships/{membership}/confirm")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::CONFLICT, "not_pending").await;
}

#[tokio::test]
async fn a_coordinator_of_one_unit_can_neither_read_nor_change_another_units_members() {
    let app = TestApp::spawn_demo().await;
    let zhubanov = app
        .unit_id("Студенческая ассамблея Актюбинского регионального университета им. К. Жубанова")
        .await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    let coordinator = app.create_user("coord@mail.kz", "member", None).await;
    let admin = app.create_user("root-admin@mail.kz", "admin", None).await;
    let admin_token = app.token(admin).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{zhubanov}/memberships")))
        .bearer_auth(&admin_token)
        .json(&json!({"user_id": coordinator, "position": "coordinator"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);

    let token = app.token(coordinator).await;
    let own = app
        .client
        .get(app.url(&format!("/api/v1/units/{zhubanov}/members")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        own.status(),
        StatusCode::OK,
        "a coordinator by position reads their unit"
    );
    let other = app
        .client
        .get(app.url(&format!("/api/v1/units/{club}/members")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    problem(other, StatusCode::FORBIDDEN, "forbidden").await;
    let member = app.create_user("new@mail.kz", "member", None).await;
    let before = app.count("memberships").await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{club}/memberships")))
        .bearer_auth(&token)
        .json(&json!({"user_id": member}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    assert_eq!(app.count("memberships").await, before);
    let guest = app.get(&format!("/api/v1/units/{club}/members")).await;
    problem(guest, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn an_ethnocultural_association_needs_its_own_consent_and_hides_its_members() {
    let app = TestApp::spawn_demo().await;
    let korean = app
        .unit_id("Корейское этнокультурное объединение Актюбинской области")
        .await;
    let city = app.unit_id("Актюбинский городской филиал").await;
    let region = app.unit_id("Актюбинский областной филиал").await;
    let member = app.create_user("viktoria@mail.kz", "member", None).await;
    let admin = app
        .create_user("region-admin@mail.kz", "admin", Some(region))
        .await;
    let admin_token = app.token(admin).await;
    let add = json!({"user_id": member});
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{korean}/memberships")))
        .bearer_auth(&admin_token)
        .json(&add)
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::CONFLICT, "consent_required").await;

    // She asks to join and gives the separate consent; without it the request is refused.
    let member_token = app.token(member).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{korean}/join-requests")))
        .bearer_auth(&member_token)
        .json(&json!({"message": "Сәлем!"}))
        .send()
        .await
        .unwrap();
    let body = problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "ethnocultural_consent");
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{korean}/join-requests")))
        .bearer_auth(&member_token)
        .json(&json!({"message": "Сәлем!", "ethnocultural_consent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{korean}/memberships")))
        .bearer_auth(&admin_token)
        .json(&add)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "with consent, the branch admin may add her"
    );

    // A coordinator of the city branch (not of the association) does not see its members.
    let city_coordinator = app
        .create_user("city-coord@mail.kz", "coordinator", Some(city))
        .await;
    let region_coordinator = app
        .create_user("region-coord@mail.kz", "coordinator", Some(region))
        .await;
    for id in [city_coordinator, region_coordinator] {
        let token = app.token(id).await;
        let response = app
            .client
            .get(app.url(&format!("/api/v1/units/{korean}/members")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let public: serde_json::Value = app
        .get(&format!("/api/v1/units/{korean}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        public["coordinators"].as_array().unwrap().is_empty(),
        "never public"
    );
    assert_eq!(public["community"], "korean");
}

#[tokio::test]
async fn a_member_asks_to_join_and_sees_the_coordinators_answer() {
    let app = TestApp::spawn_demo().await;
    let zhubanov = app
        .unit_id("Студенческая ассамблея Актюбинского регионального университета им. К. Жубанова")
        .await;
    let member = app.create_user("asel@mail.kz", "member", None).await;
    let member_token = app.token(member).await;
    let ask = |message: &'static str| {
        app.client
            .post(app.url(&format!("/api/v1/units/{zhubanov}/join-requests")))
            .bearer_auth(&member_token)
            .json(&json!({"message": message}))
            .send()
    };
    let created: serde_json::Value = ask("Мен 2-курс студентімін")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    problem(
        ask("again").await.unwrap(),
        StatusCode::CONFLICT,
        "already_requested",
    )
    .await;

    // The demo's coordinator of this assembly holds the coordinator role there.
    let coordinator = ortaq::accounts::storage::find_by_email(
        &app.db,
        &ortaq::accounts::Email::parse("daniyar@ortaq.local").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .0
    .id;
    let token = app.token(coordinator).await;
    let pending: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/units/{zhubanov}/join-requests")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pending.as_array().unwrap().len(), 1);
    let decision = app.url(&format!("/api/v1/join-requests/{}/decision", created["id"]));
    let response = app
        .client
        .post(&decision)
        .bearer_auth(&token)
        .json(&json!({"approve": false}))
        .send()
        .await
        .unwrap();
    let body = problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        body["errors"][0]["field"], "reason",
        "a decline needs a reason"
    );
    let response = app
        .client
        .post(&decision)
        .bearer_auth(&token)
        .json(&json!({"approve": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let mine: serde_json::Value = app
        .client
        .get(app.url("/api/v1/me/join-requests"))
        .bearer_auth(&member_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0]["status"], "approved");
    let members: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/units/{zhubanov}/members")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        members
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["user_id"] == member)
    );
}

#[tokio::test]
async fn ending_a_membership_keeps_its_history() {
    let app = TestApp::spawn_demo().await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    let admin = app.create_user("admin2@mail.kz", "admin", None).await;
    let token = app.token(admin).await;
    let member = app.create_user("ruslan2@mail.kz", "member", None).await;
    let created: serde_json::Value = app
        .client
        .post(app.url(&format!("/api/v1/units/{club}/memberships")))
        .bearer_auth(&token)
        .json(&json!({"user_id": member, "position": "youth_deputy", "started_on": "2025-09-01"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let end = app.url(&format!("/api/v1/memberships/{}/end", created["id"]));
    let response = app
        .client
        .post(&end)
        .bearer_auth(&token)
        .json(&json!({"ended_on": "2025-08-01"}))
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
        .json(&json!({"ended_on": "2026-06-30"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let history = ortaq::members::storage::memberships_of(&app.db, member)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].ended_on.unwrap().to_string(), "2026-06-30");
    // A new term in the same position may start after the old one ended.
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{club}/memberships")))
        .bearer_auth(&token)
        .json(&json!({"user_id": member, "position": "youth_deputy"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'membership.%'"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn the_directory_shows_only_members_who_opted_in_and_only_what_they_chose() {
    let app = TestApp::spawn().await;
    let shown = app.browser_from("127.0.0.1");
    let fields = |email: &'static str, phone: &'static str, directory: &'static str| {
        vec![
            (
                "name",
                if directory == "on" {
                    "Мерей Оспанова"
                } else {
                    "Тимур Жаксылыков"
                },
            ),
            ("email", email),
            ("password", PASSWORD),
            ("birth_date", "2002-05-05"),
            ("phone", phone),
            ("skills", "SMM, дизайн"),
            ("in_directory", directory),
            ("consent", "on"),
        ]
    };
    assert_eq!(
        shown
            .post_form(
                "/signup",
                "/signup",
                &fields("merey@mail.kz", "+7 707 111 22 33", "on")
            )
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let hidden = app.browser_from("127.0.0.1");
    assert_eq!(
        hidden
            .post_form(
                "/signup",
                "/signup",
                &fields("timur@mail.kz", "+7 707 111 22 34", "")
            )
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    problem(
        app.get("/api/v1/directory").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    app.logged_in_as("reader@mail.kz", "member", None).await;
    let cards: serde_json::Value = app
        .get("/api/v1/directory?q=smm")
        .await
        .json()
        .await
        .unwrap();
    let cards = cards.as_array().unwrap();
    assert_eq!(cards.len(), 1, "only the member who opted in: {cards:?}");
    assert_eq!(cards[0]["name"], "Мерей Оспанова");
    assert!(
        cards[0]["phone"].is_null() && cards[0]["email"].is_null(),
        "contacts stay hidden unless shared"
    );

    // She chooses to show her phone; a bad phone on the way is refused and changes nothing.
    let bad = shown
        .post_form(
            "/account/profile",
            "/account/profile",
            &[
                ("phone", "12345"),
                ("skills", "SMM"),
                ("in_directory", "on"),
                ("show_phone", "on"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let cards: serde_json::Value = app.get("/api/v1/directory").await.json().await.unwrap();
    assert!(cards[0]["phone"].is_null());
    let ok = shown
        .post_form(
            "/account/profile",
            "/account/profile",
            &[
                ("phone", "+7 707 111 22 33"),
                ("skills", "SMM"),
                ("in_directory", "on"),
                ("show_phone", "on"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let cards: serde_json::Value = app.get("/api/v1/directory").await.json().await.unwrap();
    assert_eq!(cards[0]["phone"], "+7 707 111 22 33");
    assert!(app.get_html("/directory").await.contains("Мерей Оспанова"));
}

#[tokio::test]
async fn an_observer_reads_the_youth_share_and_changes_nothing() {
    let app = TestApp::spawn_demo().await;
    let region = app.unit_id("Актюбинский областной филиал").await;
    let observer = ortaq::accounts::storage::find_by_email(
        &app.db,
        &ortaq::accounts::Email::parse("observer@ortaq.local").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .0
    .id;
    let token = app.token(observer).await;
    let report: serde_json::Value = app
        .client
        .get(app.url("/api/v1/reports/youth-share?on=2026-11-25"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(
        rows[0]["unit_id"], region,
        "the observer's own unit comes first"
    );
    let members = rows[0]["members"].as_i64().unwrap();
    assert!(
        (280..=320).contains(&members),
        "about 300 members in the region: {members}"
    );
    let in_positions = rows[0]["in_positions"].as_i64().unwrap();
    let youth = rows[0]["youth"].as_i64().unwrap();
    assert!(
        in_positions > 10 && youth > 0 && youth < in_positions,
        "{in_positions} in positions, {youth} young"
    );
    let city = rows
        .iter()
        .find(|r| r["name"] == "Ақтөбе қалалық филиалы")
        .unwrap();
    assert!(
        (65..=80).contains(&city["members"].as_i64().unwrap()),
        "about 70 in Aktobe: {city}"
    );

    // The page shows the same, in the reader's language.
    let html = app
        .client
        .get(app.url("/reports/youth-share?lang=ru"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Доля молодежи"));

    // An observer changes nothing; a member reads no report.
    let member = app.create_user("m@mail.kz", "member", None).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{region}/memberships")))
        .bearer_auth(&token)
        .json(&json!({"user_id": member}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let member_token = app.token(member).await;
    let response = app
        .client
        .get(app.url("/api/v1/reports/youth-share"))
        .bearer_auth(&member_token)
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = app
        .client
        .get(app.url(&format!("/api/v1/units/{region}/members")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn staff_correct_a_members_profile_within_their_scope_and_the_audit_keeps_old_values() {
    let app = TestApp::spawn_demo().await;
    let zhubanov = app
        .unit_id("Студенческая ассамблея Актюбинского регионального университета им. К. Жубанова")
        .await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    // A member of the Zhubanov assembly (from the demo).
    let member: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT m.user_id FROM memberships m JOIN profiles p ON p.user_id = m.user_id
         WHERE m.unit_id = $1 AND m.position = 'member' AND m.ended_on IS NULL ORDER BY m.user_id LIMIT 1")
        .bind(zhubanov)
        .fetch_one(pool)
        .await)
    .unwrap();
    let daniyar = ortaq::accounts::storage::find_by_email(
        &app.db,
        &ortaq::accounts::Email::parse("daniyar@ortaq.local").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .0
    .id;
    let own = app.token(daniyar).await;
    let edit = |token: String, body: serde_json::Value| {
        let url = app.url(&format!("/api/v1/members/{member}/profile"));
        let client = app.client.clone();
        async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let bad = edit(own.clone(), json!({"phone": "+7 912 000 00 00"})).await;
    problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let ok = edit(
        own.clone(),
        json!({"phone": "8 705 999 88 77", "city": "Қандыағаш"}),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    let (_, profile) = ortaq::members::storage::profile(&app.db, member)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(profile.phone.as_deref(), Some("+7 705 999 88 77"));
    let detail: String = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'member.edit'").fetch_one(pool).await).unwrap();
    assert!(detail.contains("\"old\"") && detail.contains("+7 705 999 88 77"));

    // The coordinator of another club may not.
    let nursultan = ortaq::accounts::storage::find_by_email(
        &app.db,
        &ortaq::accounts::Email::parse("nursultan@ortaq.local").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .0
    .id;
    let other = app.token(nursultan).await;
    let in_club: bool = ortaq::members::storage::memberships_of(&app.db, member)
        .await
        .unwrap()
        .iter()
        .any(|m| m.unit_id == club);
    if !in_club {
        problem(
            edit(other, json!({"city": "Шалқар"})).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
}

#[tokio::test]
async fn a_coordinator_manages_members_on_the_units_page() {
    let app = TestApp::spawn_demo().await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    let nursultan = app.browser_logged_in_demo("nursultan@ortaq.local").await;
    app.create_user("newcomer@mail.kz", "member", None).await;
    let page = format!("/units/{club}/members");
    let response = nursultan
        .post_form(
            &page,
            &page,
            &[("email", "nobody@mail.kz"), ("position", "member")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("id=\"email\""));
    let response = nursultan
        .post_form(
            &page,
            &page,
            &[("email", "newcomer@mail.kz"), ("position", "youth_deputy")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = nursultan.get(&page).await.text().await.unwrap();
    assert!(html.contains("newcomer@mail.kz"));
    let membership: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'newcomer@mail.kz'")
        .fetch_one(pool)
        .await)
    .unwrap();
    let response = nursultan
        .post_form(&page, &format!("/memberships/{membership}/end"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        !nursultan
            .get(&page)
            .await
            .text()
            .await
            .unwrap()
            .contains("newcomer@mail.kz")
    );
}

#[tokio::test]
async fn the_export_permission_is_a_separate_tick_of_the_ethnocultural_consent() {
    let app = TestApp::spawn_demo().await;
    let korean = app
        .unit_id("Корейское этнокультурное объединение Актюбинской области")
        .await;
    let tatar = app
        .unit_id("Татаро-башкирское этнокультурное объединение Актюбинской области")
        .await;
    let id = app
        .logged_in_as("export-tick@mail.kz", "member", None)
        .await;
    let allowed = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            ortaq::on_db!(&db, pool => sqlx::query_scalar::<_, bool>(
                "SELECT export_allowed FROM consents WHERE user_id = $1 AND kind = 'ethnocultural' AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1")
                .bind(id)
                .fetch_one(pool)
                .await)
            .unwrap()
        }
    };
    app.post_form(
        &format!("/units/{korean}/join"),
        &[("ethnocultural_consent", "on")],
    )
    .await;
    assert!(!allowed(&app).await, "not allowed unless ticked");
    app.post_form(
        &format!("/units/{tatar}/join"),
        &[
            ("ethnocultural_consent", "on"),
            ("ethnocultural_export", "on"),
        ],
    )
    .await;
    assert!(allowed(&app).await);
}
