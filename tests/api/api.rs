//! The JSON API: problem+json errors, tokens, CSRF for cookies, OpenAPI.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, problem};

#[tokio::test]
async fn me_needs_authentication_and_says_so_in_problem_json() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .header("Accept-Language", "ru")
        .send()
        .await
        .unwrap();
    let body = problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    assert_eq!(body["title"], "Войдите в аккаунт", "{body}");
    assert_eq!(body["instance"], "/api/v1/me");
}

#[tokio::test]
async fn a_personal_token_authenticates_api_calls_without_csrf() {
    let app = TestApp::spawn().await;
    let id = app.create_user("admin@mail.kz", "admin", None).await;
    let token = app.token(id).await;
    let (client, _) = app.other_client();
    let response = client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let me: serde_json::Value = response.json().await.unwrap();
    assert_eq!(me["email"], "admin@mail.kz");
    assert_eq!(me["roles"][0]["role"], "admin");
    // A write with a bearer token needs no CSRF token.
    let other = app.create_user("anna@mail.kz", "member", None).await;
    let unit = ortaq::org::storage::root(&app.db).await.unwrap().unwrap();
    let response = client
        .post(app.url(&format!("/api/v1/users/{other}/roles")))
        .bearer_auth(&token)
        .json(&json!({"role": "coordinator", "unit_id": unit}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    // A wrong token is 401, not anonymous.
    let response = client
        .get(app.url("/api/v1/me"))
        .bearer_auth("ortaq_not-a-real-token")
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn api_sign_up_answers_every_wrong_field_at_once_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/api/v1/accounts"))
        .header("Accept-Language", "kk")
        .json(&json!({"name": "", "email": "not-an-email", "password": "123"}))
        .send()
        .await
        .unwrap();
    let body = problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "name",
            "email",
            "password",
            "birth_date",
            "phone",
            "consent"
        ]
    );
    assert_eq!(body["errors"][2]["code"], "password_too_short");
    assert!(
        body["errors"][2]["message"]
            .as_str()
            .unwrap()
            .contains("Құпиясөз"),
        "{body}"
    );
    assert_eq!(app.count("users").await, 0);
}

#[tokio::test]
async fn api_sign_up_then_log_in_then_write_with_the_csrf_header() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/api/v1/accounts"))
        .json(&json!({"name": "Артём Шевченко", "email": "artem@mail.kz", "password": PASSWORD, "locale": "ru",
            "birth_date": "2003-02-14", "phone": "8 (705) 123-45-67", "consent": true, "languages": ["ru", "kk", "en"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = app
        .client
        .post(app.url("/api/v1/accounts"))
        .json(&json!({"name": "Артём", "email": "ARTEM@mail.kz", "password": PASSWORD, "birth_date": "2003-02-14", "phone": "+7 705 000 00 01", "consent": true}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::CONFLICT, "email_taken").await;

    let response = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": "artem@mail.kz", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let me: serde_json::Value = response.json().await.unwrap();
    assert_eq!(me["locale"], "ru");
    let csrf = me["csrf_token"].as_str().unwrap().to_string();

    let change = json!({"current_password": PASSWORD, "new_password": "новый-пароль-2026"});
    let response = app
        .client
        .post(app.url("/api/v1/me/password"))
        .json(&change)
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::FORBIDDEN, "csrf_failed").await;
    let response = app
        .client
        .post(app.url("/api/v1/me/password"))
        .header("X-CSRF-Token", &csrf)
        .json(&change)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let response = app
        .client
        .delete(app.url("/api/v1/session"))
        .header("X-CSRF-Token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wrong_credentials_on_the_api_are_401_and_then_429() {
    let app = TestApp::spawn().await;
    app.create_user("anna@mail.kz", "member", None).await;
    for _ in 0..5 {
        let response = app
            .client
            .post(app.url("/api/v1/session"))
            .json(&json!({"email": "anna@mail.kz", "password": "nope-nope"}))
            .send()
            .await
            .unwrap();
        problem(response, StatusCode::UNAUTHORIZED, "bad_credentials").await;
    }
    let response = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": "anna@mail.kz", "password": "nope-nope"}))
        .send()
        .await
        .unwrap();
    assert!(response.headers().contains_key("retry-after"));
    let body = problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert!(body["retry_after"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn malformed_json_wrong_methods_and_unknown_routes_are_problems_too() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/api/v1/accounts"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::BAD_REQUEST, "bad_request").await;
    // An anonymous body that is not JSON is a form, and a form needs its CSRF token.
    let response = app
        .client
        .post(app.url("/api/v1/accounts"))
        .body("name=x")
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::FORBIDDEN, "csrf_failed").await;
    let id = app.create_user("a@mail.kz", "member", None).await;
    let token = app.token(id).await;
    let response = app
        .client
        .post(app.url("/api/v1/me/password"))
        .bearer_auth(&token)
        .body("name=x")
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::BAD_REQUEST, "bad_request").await;
    let response = app
        .client
        .put(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    problem(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
    let response = app
        .client
        .get(app.url("/api/v1/nothing"))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let big = "x".repeat(2 * 1024 * 1024);
    let response = app
        .client
        .post(app.url("/api/v1/accounts"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

#[tokio::test]
async fn the_openapi_description_is_generated_from_the_code() {
    let app = TestApp::spawn().await;
    let spec: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(spec["openapi"].as_str().unwrap().chars().next(), Some('3'));
    let mut paths: Vec<String> = spec["paths"].as_object().unwrap().keys().cloned().collect();
    paths.sort();
    insta::assert_json_snapshot!("openapi_paths", paths);
    assert!(spec["components"]["schemas"]["Problem"].is_object());
}

#[tokio::test]
async fn the_unit_tree_is_public() {
    let app = TestApp::spawn_demo().await;
    let units: serde_json::Value = app.get("/api/v1/units").await.json().await.unwrap();
    let units = units.as_array().unwrap();
    assert!(units.len() >= 5);
    assert_eq!(units[0]["kind"], "association");
    assert!(units[0]["parent_id"].is_null());
    assert_eq!(units[1]["name"]["kk"], "Ақтөбе облыстық филиалы");
    insta::assert_json_snapshot!("units_first_three", units[..3], {"[].id" => "[id]", "[].parent_id" => "[id]"});
}

#[tokio::test]
async fn sign_ups_from_one_address_are_limited_with_retry_after_and_the_form_keeps_its_input() {
    let app = TestApp::spawn_configured(|c| c.limits.signups_per_hour = 2).await;
    let sign_up = |n: usize| {
        app.client
            .post(app.url("/api/v1/accounts"))
            .header("X-Forwarded-For", "203.0.113.7")
            .json(&json!({"name": format!("Жас {n}"), "email": format!("young{n}@mail.kz"), "password": PASSWORD,
                "birth_date": "2004-05-01", "phone": format!("+7 705 000 00 1{n}"), "consent": true}))
            .send()
    };
    assert_eq!(sign_up(1).await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(sign_up(2).await.unwrap().status(), StatusCode::CREATED);
    let response = sign_up(3).await.unwrap();
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(
        app.count("users").await,
        2,
        "the refused sign-up wrote nothing"
    );

    // The page: the same limit, the form comes back with what was typed.
    let csrf = app.csrf().await;
    let response = app
        .client
        .post(app.url("/signup?lang=ru"))
        .header("X-Forwarded-For", "203.0.113.7")
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Тимур Ахметов"),
            ("email", "timur@mail.kz"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key("retry-after"));
    let html = response.text().await.unwrap();
    assert!(html.contains("timur@mail.kz"), "the email typed is kept");
    assert!(html.contains("Тимур Ахметов"), "the name typed is kept");
    assert!(html.contains("Слишком много регистраций"));

    // Another address is not held back.
    let response = app
        .client
        .post(app.url("/api/v1/accounts"))
        .header("X-Forwarded-For", "198.51.100.20")
        .json(
            &json!({"name": "Дана", "email": "dana@mail.kz", "password": PASSWORD,
            "birth_date": "2004-05-01", "phone": "+7 705 000 00 99", "consent": true}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn an_api_token_past_its_burst_gets_429_with_retry_after() {
    let app = TestApp::spawn_configured(|c| {
        c.limits.token_burst = 5;
        c.limits.token_per_second = 1;
    })
    .await;
    let user = app.create_user("busy@mail.kz", "member", None).await;
    let token = app.token(user).await;
    let other = app.token(user).await;
    for _ in 0..5 {
        let response = app
            .client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(response.headers().contains_key("retry-after"));
    problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // The limit is the token's: another token of the same person still works.
    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}
