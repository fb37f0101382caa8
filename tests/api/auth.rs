//! Signing up, logging in and out, sessions, CSRF and throttling.

use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, extract_csrf};

#[tokio::test]
async fn a_young_person_signs_up_and_is_logged_in() {
    let app = TestApp::spawn().await;
    let response = app
        .signup("Айгерім Сапарова", "Aigerim@Mail.kz", PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/account?welcome=1");
    let html = app.get_html("/account?welcome=1").await;
    assert!(html.contains("Айгерім Сапарова"));
    assert!(
        html.contains("aigerim@mail.kz"),
        "the email is stored lowercased"
    );
    let hash: String = match &app.db {
        ortaq::db::Db::Sqlite(p) => sqlx::query_scalar("SELECT password_hash FROM users")
            .fetch_one(p)
            .await
            .unwrap(),
        ortaq::db::Db::Postgres(p) => sqlx::query_scalar("SELECT password_hash FROM users")
            .fetch_one(p)
            .await
            .unwrap(),
    };
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

#[tokio::test]
async fn sign_up_with_bad_input_names_every_field_keeps_what_was_typed_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let before = app.count("users").await;
    let response = app
        .client
        .post(app.url("/signup"))
        .header("Accept-Language", "ru")
        .form(&[
            ("csrf", app.csrf().await.as_str()),
            ("name", "Данил Цой"),
            ("email", "danil-at-mail"),
            ("password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"Данил Цой\""), "the name is kept");
    assert!(
        html.contains("value=\"danil-at-mail\""),
        "the email is kept"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("role=\"alert\""));
    assert!(
        html.contains("Электронная почта"),
        "the field is named in Russian: {html}"
    );
    assert!(html.contains("Пароль"));
    assert_eq!(app.count("users").await, before);
}

#[tokio::test]
async fn a_common_password_is_refused_whatever_its_case() {
    let app = TestApp::spawn().await;
    let response = app
        .signup("Руслан Исмаилов", "ruslan@mail.kz", "PassWord123")
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = app
        .signup("Руслан Исмаилов", "ruslan@mail.kz", "Qwertyuiop")
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("users").await, 0);
}

#[tokio::test]
async fn a_taken_email_is_refused_whatever_its_case() {
    let app = TestApp::spawn().await;
    app.create_user("anna@mail.kz", "member", None).await;
    let response = app.signup("Анна Ким", "ANNA@mail.kz", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"ANNA@mail.kz\""));
    assert_eq!(app.count("users").await, 1);
}

#[tokio::test]
async fn logging_in_issues_a_new_session_id_and_logging_out_ends_it_on_the_server() {
    let app = TestApp::spawn().await;
    app.create_user("ruslan@mail.kz", "member", None).await;
    app.login("ruslan@mail.kz", PASSWORD).await;
    let first = app.cookie("ortaq_session").expect("a session cookie");
    assert!(first.len() >= 22, "128 bits, base64url");
    app.login("ruslan@mail.kz", PASSWORD).await;
    let second = app.cookie("ortaq_session").unwrap();
    assert_ne!(first, second, "a new id at every log-in");

    let response = app.post_form("/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The old cookie, replayed by another client, no longer works.
    let (client, _) = app.other_client();
    let response = client
        .get(app.url("/api/v1/me"))
        .header("Cookie", format!("ortaq_session={second}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn session_cookies_are_httponly_and_samesite_lax() {
    let app = TestApp::spawn().await;
    app.create_user("ruslan@mail.kz", "member", None).await;
    let response = app.login("ruslan@mail.kz", PASSWORD).await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("ortaq_session="))
        .unwrap();
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(cookie.contains("Path=/"));
}

#[tokio::test]
async fn over_https_cookies_are_secure_with_the_host_prefix_and_hsts_is_sent() {
    let app = TestApp::spawn_configured(|c| c.public_url = "https://ortaq.example.kz".into()).await;
    app.create_user("ruslan@mail.kz", "member", None).await;
    let html = app.get_html("/login").await;
    let csrf = app
        .cookie("__Host-ortaq_csrf")
        .expect("the anonymous CSRF cookie has the prefix");
    assert_eq!(extract_csrf(&html).unwrap(), csrf);
    let response = app
        .client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "ruslan@mail.kz"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers().contains_key("strict-transport-security"));
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("__Host-ortaq_session="))
        .expect("the session cookie has the __Host- prefix");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")
    );
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    app.get("/signup").await;
    let response = app
        .client
        .post(app.url("/signup"))
        .form(&[
            ("name", "Данил Цой"),
            ("email", "danil@mail.kz"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response.text().await.unwrap().contains("<html"),
        "a friendly page"
    );
    let response = app
        .client
        .post(app.url("/signup"))
        .form(&[
            ("csrf", "forged-token-forged-token"),
            ("name", "Данил Цой"),
            ("email", "danil@mail.kz"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("users").await, 0);
}

#[tokio::test]
async fn a_signed_in_form_needs_the_sessions_token_not_the_anonymous_one() {
    let app = TestApp::spawn().await;
    let anonymous = app.csrf().await;
    app.logged_in_as("ruslan@mail.kz", "member", None).await;
    let response = app
        .client
        .post(app.url("/account/language"))
        .form(&[("csrf", anonymous.as_str()), ("locale", "ru")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = app
        .post_form("/account/language", &[("locale", "ru")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_post_from_another_origin_is_refused() {
    let app = TestApp::spawn().await;
    app.logged_in_as("ruslan@mail.kz", "member", None).await;
    let csrf = app.csrf().await;
    let response = app
        .client
        .post(app.url("/account/language"))
        .header("Origin", "https://evil.example")
        .form(&[("csrf", csrf.as_str()), ("locale", "ru")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn wrong_passwords_are_slowed_down_with_429_and_retry_after() {
    let app = TestApp::spawn().await;
    app.create_user("madina@mail.kz", "member", None).await;
    for _ in 0..5 {
        let response = app.login("madina@mail.kz", "not-her-password").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = app.login("madina@mail.kz", "not-her-password").await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry));
    // Even the right password waits while the wait runs, from a new browser.
    let response = app.login("madina@mail.kz", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_owner_on_a_known_device_is_not_locked_out_by_an_attacker() {
    let app = TestApp::spawn().await;
    app.create_user("madina@mail.kz", "member", None).await;
    // Madina logged in from her phone before: it carries a device cookie.
    let response = app.login("madina@mail.kz", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    app.post_form("/logout", &[]).await;

    // An attacker elsewhere (another address, no device cookie) hammers her account.
    let attacker = app.browser_from("203.0.113.7");
    for _ in 0..8 {
        attacker.login("madina@mail.kz", "guess-guess").await;
    }
    let blocked = attacker.login("madina@mail.kz", "guess-guess").await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);

    // Madina's phone still gets in.
    let response = app.login("madina@mail.kz", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    app.logged_in_as("ruslan@mail.kz", "member", None).await;
    let laptop = app.browser_logged_in("ruslan@mail.kz").await.client;
    assert_eq!(
        laptop
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    let response = app
        .post_form(
            "/account/password",
            &[
                ("current_password", "wrong-one-here"),
                ("new_password", "жаңа-құпиясөз-2026"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = app
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "жаңа-құпиясөз-2026"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    assert_eq!(
        laptop
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/me").await.status(),
        StatusCode::OK,
        "this session stays"
    );
    app.post_form("/logout", &[]).await;
    assert_eq!(
        app.login("ruslan@mail.kz", "жаңа-құпиясөз-2026")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_session_ends_after_its_idle_time_and_its_absolute_time() {
    let app = TestApp::spawn().await;
    app.logged_in_as("ruslan@mail.kz", "member", None).await;
    assert_eq!(app.get("/api/v1/me").await.status(), StatusCode::OK);
    let long_ago = if app.is_postgres() {
        "now() - interval '4 days'"
    } else {
        "'2020-01-01T00:00:00+00:00'"
    };
    app.execute(&format!("UPDATE sessions SET last_seen_at = {long_ago}"))
        .await;
    assert_eq!(
        app.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );

    app.login("ruslan@mail.kz", PASSWORD).await;
    assert_eq!(app.get("/api/v1/me").await.status(), StatusCode::OK);
    let old = if app.is_postgres() {
        "now() - interval '31 days'"
    } else {
        "'2020-01-01T00:00:00+00:00'"
    };
    app.execute(&format!("UPDATE sessions SET created_at = {old}"))
        .await;
    assert_eq!(
        app.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn login_returns_to_a_local_page_only() {
    let app = TestApp::spawn().await;
    app.create_user("ruslan@mail.kz", "member", None).await;
    let response = app
        .post_form(
            "/login",
            &[
                ("email", "ruslan@mail.kz"),
                ("password", PASSWORD),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/");
    let response = app
        .post_form(
            "/login",
            &[
                ("email", "ruslan@mail.kz"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/account");
}
