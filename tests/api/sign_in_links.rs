//! One-time sign-in links: staff of a member's unit make one, the member chooses a password
//! with it and is signed in; a link works once, for seven days, and a newer one replaces it.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

/// A demo member of the Zhubanov assembly, a coordinator of it, and the club's coordinator.
async fn setup(app: &TestApp) -> (i64, i64, i64) {
    let zhubanov = app
        .unit_id("Студенческая ассамблея Актюбинского регионального университета им. К. Жубанова")
        .await;
    let club = app.unit_id("Клуб «Достық», Актобе").await;
    let member: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT user_id FROM memberships WHERE unit_id = $1 AND position = 'member' AND ended_on IS NULL
         ORDER BY user_id LIMIT 1")
        .bind(zhubanov)
        .fetch_one(pool)
        .await)
    .unwrap();
    let admin = app.create_user("root-admin@mail.kz", "admin", None).await;
    let admin_token = app.token(admin).await;
    let mut coordinators = Vec::new();
    for (email, unit) in [("coord@mail.kz", zhubanov), ("club-coord@mail.kz", club)] {
        let id = app.create_user(email, "member", None).await;
        let response = app
            .client
            .post(app.url(&format!("/api/v1/units/{unit}/memberships")))
            .bearer_auth(&admin_token)
            .json(&json!({"user_id": id, "position": "coordinator"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        coordinators.push(id);
    }
    (member, coordinators[0], coordinators[1])
}

async fn make_link(app: &TestApp, by: i64, member: i64) -> reqwest::Response {
    let token = app.token(by).await;
    app.client
        .post(app.url(&format!("/api/v1/members/{member}/sign-in-link")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
}

fn path_of(url: &str) -> String {
    url.split_once("/welcome/")
        .map(|(_, t)| format!("/welcome/{t}"))
        .expect("a welcome link")
}

#[tokio::test]
async fn a_coordinator_gives_a_member_a_link_that_sets_a_password_once() {
    let app = TestApp::spawn_demo().await;
    let (member, coordinator, other_coordinator) = setup(&app).await;

    // Only staff of a unit the member belongs to.
    let refused = make_link(&app, other_coordinator, member).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("sign_in_links").await, 0);

    // The page shows the link once, with its QR code, and keeps it out of caches.
    let coord = app.browser_logged_in("coord@mail.kz").await;
    let page = coord
        .post_form("/account", &format!("/members/{member}/sign-in-link"), &[])
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg role=\"img\""));
    let first = html
        .split("value=\"")
        .find(|s| s.contains("/welcome/"))
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();

    // A newer link (from the API) replaces it.
    let response = make_link(&app, coordinator, member).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: serde_json::Value = response.json().await.unwrap();
    let link = path_of(body["url"].as_str().unwrap());
    let (anonymous, _) = app.other_client();
    let old = anonymous
        .get(app.url(&path_of(&first)))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.count("audit_log WHERE action = 'member.sign_in_link'")
            .await,
        2
    );

    // The member opens it: the two passwords must match and not be a common one.
    let newcomer = app.browser_from("127.0.0.1");
    let html = newcomer
        .get(&format!("{link}?lang=ru"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Добро пожаловать"));
    let differ = newcomer
        .post_form(
            &link,
            &link,
            &[
                ("password", "тау-өзен-дала-2026"),
                ("password_again", "тау-өзен-дала-2027"),
            ],
        )
        .await;
    assert_eq!(differ.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let common = newcomer
        .post_form(
            &link,
            &link,
            &[("password", "password"), ("password_again", "password")],
        )
        .await;
    assert_eq!(common.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = newcomer
        .post_form(
            &link,
            &link,
            &[
                ("password", "тау-өзен-дала-2026"),
                ("password_again", "тау-өзен-дала-2026"),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(newcomer.get("/account").await.status(), StatusCode::OK);

    // Used up; the new password logs in.
    let again = anonymous.get(app.url(&link)).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let email: String =
        ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(member)
        .fetch_one(pool)
        .await)
        .unwrap();
    let fresh = app.browser_from("127.0.0.1");
    let login = fresh.login(&email, "тау-өзен-дала-2026").await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_expired_link_does_not_work() {
    let app = TestApp::spawn_demo().await;
    let (member, coordinator, _) = setup(&app).await;
    let body: serde_json::Value = make_link(&app, coordinator, member)
        .await
        .json()
        .await
        .unwrap();
    let link = path_of(body["url"].as_str().unwrap());
    app.execute(if app.is_postgres() {
        "UPDATE sign_in_links SET created_at = created_at - INTERVAL '8 days', expires_at = expires_at - INTERVAL '8 days'"
    } else {
        "UPDATE sign_in_links SET created_at = '2020-01-01T00:00:00+00:00', expires_at = '2020-01-08T00:00:00+00:00'"
    })
    .await;
    let response = app.get(&format!("{link}?lang=en")).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("This link no longer works")
    );
}
