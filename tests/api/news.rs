//! News: admins publish bilingual posts with a source link; everyone reads them on the
//! home page, the list, the post page and the Atom feed; search finds them.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, problem};

async fn search_news(app: &TestApp, q: &str) -> Vec<i64> {
    let body: Value = app
        .client
        .get(app.url("/api/v1/search"))
        .query(&[("q", q)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == "news")
        .flat_map(|g| g["hits"].as_array().unwrap().clone())
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

fn post_body() -> Value {
    json!({
        "title": {"kk": "«Достық» клубының кеші", "ru": "Вечер клуба «Достық»"},
        "body": {"kk": "Кеш **сенбіде** өтеді.", "ru": "Вечер пройдёт **в субботу**.\n\n- музыка\n- чай"},
        "source_url": "https://t.me/aqtobe_oblysy_akimdigi"
    })
}

#[tokio::test]
async fn an_admin_publishes_edits_and_deletes_news_and_the_audit_keeps_each_change() {
    let app = TestApp::spawn().await;
    let admin = app.create_user("admin@mail.kz", "admin", None).await;
    let token = app.token(admin).await;
    let member = app.create_user("member@mail.kz", "member", None).await;
    let member_token = app.token(member).await;

    // Guests and members do not publish.
    let guest = app
        .client
        .post(app.url("/api/v1/news"))
        .json(&post_body())
        .send()
        .await
        .unwrap();
    problem(guest, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let refused = app
        .client
        .post(app.url("/api/v1/news"))
        .bearer_auth(&member_token)
        .json(&post_body())
        .send()
        .await
        .unwrap();
    problem(refused, StatusCode::FORBIDDEN, "forbidden").await;

    // A bad source and no title are refused, each named.
    let bad = app
        .client
        .post(app.url("/api/v1/news"))
        .bearer_auth(&token)
        .json(&json!({"body": {"ru": "текст"}, "source_url": "javascript:alert(1)"}))
        .send()
        .await
        .unwrap();
    let body = problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["news_title", "news_source_url"]);
    assert_eq!(app.count("news_posts").await, 0);

    let created = app
        .client
        .post(app.url("/api/v1/news"))
        .bearer_auth(&token)
        .json(&post_body())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let post: Value = created.json().await.unwrap();
    let id = post["id"].as_i64().unwrap();
    assert_eq!(post["title"]["ru"], "Вечер клуба «Достық»");
    assert_eq!(post["source_url"], "https://t.me/aqtobe_oblysy_akimdigi");

    // Everyone reads it: the list, the page (Markdown rendered, the source linked), search.
    let list: Value = app.get("/api/v1/news").await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let page = app.get_html(&format!("/news/{id}?lang=ru")).await;
    assert!(page.contains("<strong>в субботу</strong>"), "{page}");
    assert!(page.contains("<li>музыка</li>"));
    assert!(page.contains("href=\"https://t.me/aqtobe_oblysy_akimdigi\""));
    assert!(app.get_html("/news").await.contains("Вечер клуба «Достық»"));
    assert!(
        app.get_html("/")
            .await
            .contains(&format!("href=\"/news/{id}\""))
    );
    for q in ["Dostyq", "Достык", "субботу", "senbide"] {
        assert_eq!(search_news(&app, q).await, vec![id], "{q}");
    }

    // An edit: the old words no longer find it; the audit keeps the old title.
    let edited = app
        .client
        .patch(app.url(&format!("/api/v1/news/{id}")))
        .bearer_auth(&token)
        .json(&json!({"title": {"kk": "Бірлік кеші", "ru": "Вечер единства"}, "body": {"ru": "Вечер пройдёт в воскресенье."}}))
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert!(edited["source_url"].is_null());
    assert!(search_news(&app, "Dostyq").await.is_empty());
    assert_eq!(search_news(&app, "Birlik").await, vec![id]);
    assert_eq!(
        app.count("audit_log WHERE action = 'news.edit' AND detail LIKE '%Вечер клуба%'")
            .await,
        1
    );

    // Deleted: gone from the pages, the API and the index; the audit remembers.
    let deleted = app
        .client
        .delete(app.url(&format!("/api/v1/news/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&format!("/news/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(search_news(&app, "Birlik").await.is_empty());
    assert_eq!(app.count("search_entries WHERE kind = 'news'").await, 0);
    assert_eq!(
        app.count("audit_log WHERE action IN ('news.create', 'news.edit', 'news.delete')")
            .await,
        3
    );
}

#[tokio::test]
async fn an_admin_publishes_through_the_form_and_a_refused_form_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    app.logged_in_as("admin@mail.kz", "admin", None).await;
    let form = app.get_html("/news/new?lang=en").await;
    assert!(form.contains("Title (Kazakh)"));
    let refused = app
        .post_form(
            "/news",
            &[
                ("title_kk", "Жаңалық"),
                ("body_kk", ""),
                ("source_url", "not a link"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("value=\"Жаңалық\""), "what was typed stays");
    assert!(html.contains("id=\"news_source_url-error\""));
    assert!(html.contains("id=\"news_body-error\""));

    let done = app
        .post_form(
            "/news",
            &[
                ("title_kk", "Жаңалық"),
                ("body_kk", "Мәтін"),
                ("source_url", ""),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let location = done.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/news/"));
    assert!(app.get_html(&location).await.contains("Мәтін"));
    assert_eq!(app.count("audit_log WHERE action = 'news.create'").await, 1);

    // A member sees no form.
    app.create_user("member@mail.kz", "member", None).await;
    let browser = app.browser_logged_in("member@mail.kz").await;
    assert_eq!(
        browser.get("/news/new").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_atom_feed_parses_and_lists_the_newest_posts_first() {
    let app = TestApp::spawn().await;
    let admin = app.create_user("admin@mail.kz", "admin", None).await;
    let token = app.token(admin).await;
    let mut ids = Vec::new();
    for title in ["Бірінші", "Екінші <сынақ> & «тырнақша»"] {
        let response = app
            .client
            .post(app.url("/api/v1/news"))
            .bearer_auth(&token)
            .json(&json!({"title": {"kk": title}, "body": {"kk": "**Мәтін** <script>alert(1)</script>"}, "source_url": "https://example.kz/a?b=1&c=2"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        ids.push(
            response.json::<Value>().await.unwrap()["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let response = app.get("/news.atom?lang=kk").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let xml = response.text().await.unwrap();
    let feed = atom_syndication::Feed::read_from(xml.as_bytes()).expect("a valid Atom feed");
    assert_eq!(feed.title().as_str(), "Ortaq жаңалықтары");
    assert_eq!(feed.entries().len(), 2);
    let newest = &feed.entries()[0];
    assert_eq!(newest.title().as_str(), "Екінші <сынақ> & «тырнақша»");
    assert!(newest.id().ends_with(&format!("/news/{}", ids[1])));
    let content = newest.content().unwrap().value().unwrap();
    assert!(content.contains("<strong>Мәтін</strong>"));
    assert!(!content.contains("<script>"), "raw HTML stays escaped");
    assert!(
        newest
            .links()
            .iter()
            .any(|l| l.rel() == "via" && l.href() == "https://example.kz/a?b=1&c=2")
    );
    assert!(feed.links().iter().any(|l| l.rel() == "self"));
}

#[tokio::test]
async fn the_demo_announcement_is_the_first_news_item_in_both_languages() {
    let app = TestApp::spawn_demo().await;
    let news: Value = app.get("/api/v1/news").await.json().await.unwrap();
    let news = news.as_array().unwrap();
    assert_eq!(news.len(), 1);
    let post = &news[0];
    assert_eq!(post["source_url"], "http://t.me/aqtobe_oblysy_akimdigi");
    assert!(
        post["body"]["kk"]
            .as_str()
            .unwrap()
            .starts_with("Коворкинг орталық ашу туралы бастаманы")
    );
    assert!(
        post["body"]["ru"]
            .as_str()
            .unwrap()
            .starts_with("Инициативу по созданию коворкинг-центра")
    );
    let home = app.get_html("/?lang=ru").await;
    assert!(home.contains("В Актобе откроется коворкинг-центр для молодёжи"));
    let home = app.get_html("/?lang=kk").await;
    assert!(home.contains("Ақтөбеде жастарға арналған коворкинг орталығы ашылады"));
    let id = post["id"].as_i64().unwrap();
    for q in ["Цой", "Tsoi", "коворкинг", "kovorking ortalygy", "Шахаров"] {
        assert_eq!(search_news(&app, q).await, vec![id], "{q}");
    }
}
