//! Pages, languages and the friendly errors.

use reqwest::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_home_page_is_in_kazakh_when_nothing_says_otherwise() {
    let app = TestApp::spawn().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"kk\">"));
    assert!(html.contains("Ақтөбе"), "Kazakh text expected");
    for tag in ["kk", "kk-Latn", "ru", "en"] {
        assert!(
            html.contains(&format!("?lang={tag}\"")),
            "the switch offers {tag}"
        );
    }
}

#[tokio::test]
async fn accept_language_chooses_russian() {
    let app = TestApp::spawn().await;
    let html = app
        .client
        .get(app.url("/"))
        .header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"ru\">"));
    assert!(html.contains("Войти"));
}

#[tokio::test]
async fn the_language_switch_is_remembered_in_a_cookie() {
    let app = TestApp::spawn().await;
    let html = app.get_html("/?lang=en").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(app.cookie("ortaq_lang").as_deref(), Some("en"));
    // The next page, without ?lang=, keeps English even against the browser's wish.
    let html = app
        .client
        .get(app.url("/login"))
        .header("Accept-Language", "ru")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Log in"));
}

#[tokio::test]
async fn the_account_language_applies_where_no_query_or_cookie_says_otherwise() {
    let app = TestApp::spawn().await;
    app.logged_in_as("aigerim@mail.kz", "member", None).await;
    let response = app
        .post_form("/account/language", &[("locale", "ru")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Another browser of the same account, with no language cookie, logs in and gets Russian.
    let client = app.browser_logged_in("aigerim@mail.kz").await.client;
    let html = client
        .get(app.url("/account"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"ru\">"), "{html}");
}

#[tokio::test]
async fn kazakh_latin_transliterates_the_interface_and_the_content() {
    let app = TestApp::spawn_demo().await;
    let html = app.get_html("/?lang=kk-Latn").await;
    assert!(html.contains("<html lang=\"kk-Latn\">"));
    assert!(html.contains("Aqtöbe"), "the address is transliterated");
    assert!(
        html.contains("Kıru") || html.contains("Kіru") || html.contains("Kiru"),
        "the menu is in Latin: {}",
        &html[..2000]
    );
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let cyrillic = main
        .chars()
        .filter(|c| ('\u{400}'..='\u{4ff}').contains(c))
        .count();
    assert_eq!(cyrillic, 0, "no Cyrillic letter is left in the page body");
}

#[tokio::test]
async fn the_home_page_shows_the_center_with_hours_in_aktobe_time() {
    let app = TestApp::spawn_demo().await;
    let html = app.get_html("/?lang=ru").await;
    assert!(html.contains("Коворкинг-центр «Ассамблея жастары»"));
    assert!(html.contains("проспект Абилкайыр хана"));
    assert!(html.contains("09:00–21:00"));
    assert!(html.contains("понедельник"));
    assert!(
        html.contains("20 рабочих мест"),
        "resources are counted with Russian plurals"
    );
    let kk = app.get_html("/?lang=kk").await;
    assert!(kk.contains("дүйсенбі"));
}

#[tokio::test]
async fn the_first_page_weighs_less_than_100_kb_and_requests_nothing_from_elsewhere() {
    let app = TestApp::spawn_demo().await;
    let html = app.get_html("/").await;
    let css = app
        .get(&format!("/static/{}/ortaq.css", env!("CARGO_PKG_VERSION")))
        .await;
    assert_eq!(css.status(), StatusCode::OK);
    let css = css.bytes().await.unwrap();
    let total = html.len() + css.len() + 300;
    assert!(total < 100 * 1024, "{total} bytes");
    for needle in ["http://", "https://", "//cdn", "<script>"] {
        assert!(
            !html.contains(needle),
            "the page must not reference {needle}"
        );
    }
}

#[tokio::test]
async fn static_files_are_served_with_long_caching() {
    let app = TestApp::spawn().await;
    let response = app
        .get(&format!(
            "/static/{}/htmx.min.js",
            env!("CARGO_PKG_VERSION")
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(
        app.get("/static/x/nothing.js").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_unknown_page_is_a_friendly_localized_404() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/no/such/page"))
        .header("Accept-Language", "ru")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("Страница не найдена"), "{html}");
    assert!(html.contains("href=\"/\""));
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/login",
        "/signup",
        "/nothing",
        "/api/v1/me",
        "/healthz",
    ] {
        let response = app.get(path).await;
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            csp.contains("object-src 'none'")
                && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(
            response.headers()["x-content-type-options"],
            "nosniff",
            "{path}"
        );
        assert!(response.headers().contains_key("referrer-policy"), "{path}");
    }
}

#[tokio::test]
async fn healthz_answers_ok_while_the_database_answers_and_503_when_it_is_gone() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "ok");
    app.db.close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
}
