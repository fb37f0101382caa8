//! Search: one box across units, members of the directory and news, whatever the script
//! the query is typed in, scoped by what the caller may see; the index follows every write.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, extract_csrf};

/// The hits of `kind` for `q`, as (id, title), best first.
async fn hits(client: &reqwest::Client, app: &TestApp, q: &str, kind: &str) -> Vec<(i64, String)> {
    let response = client
        .get(app.url("/api/v1/search"))
        .query(&[("q", q)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == kind)
        .flat_map(|g| g["hits"].as_array().unwrap().clone())
        .map(|h| {
            (
                h["id"].as_i64().unwrap(),
                h["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn ids(hits: &[(i64, String)]) -> Vec<i64> {
    hits.iter().map(|h| h.0).collect()
}

struct Units {
    app: TestApp,
    token: String,
    root: i64,
}

impl Units {
    async fn new() -> Units {
        let app = TestApp::spawn().await;
        let admin = app.create_user("admin@mail.kz", "admin", None).await;
        let token = app.token(admin).await;
        let root = ortaq::org::storage::root(&app.db).await.unwrap().unwrap();
        Units { app, token, root }
    }

    async fn create(&self, kind: &str, kk: &str, ru: &str, description: Value) -> i64 {
        let response = self
            .app
            .client
            .post(self.app.url("/api/v1/units"))
            .bearer_auth(&self.token)
            .json(&json!({"parent_id": self.root, "kind": kind, "name": {"kk": kk, "ru": ru}, "description": description}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap()
    }
}

#[tokio::test]
async fn units_are_found_whatever_the_script_and_informal_spelling() {
    let units = Units::new().await;
    let app = &units.app;
    let club = units
        .create("dostyq_club", "«Достық» клубы", "Клуб «Достық»", json!({}))
        .await;
    let city = units
        .create(
            "city_branch",
            "Ақтөбе қалалық филиалы",
            "Актюбинский городской филиал",
            json!({}),
        )
        .await;
    let assembly = units
        .create(
            "student_assembly",
            "Қ. Жұбанов атындағы университеттің студенттік ассамблеясы",
            "Студенческая ассамблея университета имени К. Жубанова",
            json!({}),
        )
        .await;
    // Words that look alike and must not be found by the ones above.
    let dastan = units
        .create("project", "«Дастан» жобасы", "Проект «Дастан»", json!({}))
        .await;
    let aktau = units
        .create(
            "city_branch",
            "Ақтау қалалық филиалы",
            "Актауский городской филиал",
            json!({}),
        )
        .await;
    let janbaev = units
        .create(
            "student_assembly",
            "Жанбаев колледжі",
            "Колледж Жанбаева",
            json!({}),
        )
        .await;
    // «Достық» only in its description: found, but below the club whose name it is.
    let mentions = units
        .create(
            "project",
            "Жастар жобасы",
            "Молодёжный проект",
            json!({"kk": "«Достық» клубтарымен бірге"}),
        )
        .await;

    let guest = &app.client;
    for q in [
        "Достық",
        "Dostyq",
        "Dostyk",
        "Достык",
        "ДОСТЫҚ",
        "dosty",
        "Дост",
    ] {
        let found = ids(&hits(guest, app, q, "unit").await);
        assert_eq!(
            found.first(),
            Some(&club),
            "{q} finds the club first: {found:?}"
        );
        assert!(found.contains(&mentions), "{q} also finds the description");
        assert!(!found.contains(&dastan), "{q} must not find «Дастан»");
    }
    for q in ["Ақтөбе", "Aqtöbe", "Aktobe", "Актобе", "aqtobe", "Ақтө"] {
        let found = ids(&hits(guest, app, q, "unit").await);
        assert!(found.contains(&city), "{q} finds Ақтөбе: {found:?}");
        assert!(!found.contains(&aktau), "{q} must not find Ақтау");
    }
    for q in ["Жұбанов", "Jūbanov", "Zhubanov", "Жубанов", "jubanov"] {
        let found = ids(&hits(guest, app, q, "unit").await);
        assert_eq!(found, vec![assembly], "{q} finds only the assembly");
        assert!(!found.contains(&janbaev));
    }
    for q in [
        "Dostar",
        "Aktau qalasy",
        "Жанбаев",
        "zhubanovich",
        "Ақтөбеде",
    ] {
        let found = ids(&hits(guest, app, q, "unit").await);
        assert!(
            !found.contains(&club) && !found.contains(&city) && !found.contains(&assembly),
            "{q} must not find the club, the city or the assembly: {found:?}"
        );
    }
    // Two words: both must match.
    assert_eq!(
        ids(&hits(guest, app, "aktobe filial", "unit").await),
        vec![city]
    );
    // One letter finds nothing.
    assert!(hits(guest, app, "Д", "unit").await.is_empty());

    // The title comes in the reader's language and script.
    let kk: Value = app
        .client
        .get(app.url("/api/v1/search?q=Aktobe&lang=kk-Latn"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let group = &kk["groups"][0];
    assert_eq!(group["kind"], "unit");
    assert_eq!(group["label"], "Bölımşeler");
    assert_eq!(group["hits"][0]["title"], "Aqtöbe qalalyq filialy");
    assert_eq!(group["hits"][0]["url"], format!("/units/{city}"));

    // An edit renames the branch: the old name no longer finds it, the new one does.
    let response = app
        .client
        .post(app.url(&format!("/api/v1/units/{city}/details")))
        .bearer_auth(&units.token)
        .json(&json!({"name": {"kk": "Хромтау қалалық филиалы", "ru": "Хромтауский городской филиал"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!ids(&hits(guest, app, "Aktobe", "unit").await).contains(&city));
    for q in ["Хромтау", "Hromtau", "Khromtau", "Хромтауский"] {
        assert_eq!(ids(&hits(guest, app, q, "unit").await), vec![city], "{q}");
    }
}

#[tokio::test]
async fn members_are_found_by_signed_in_people_only_and_only_while_they_opt_in() {
    let app = TestApp::spawn().await;
    let signup = |name: &'static str, email: &'static str, phone: &'static str, directory: bool| {
        let browser = app.browser_from("127.0.0.1");
        async move {
            let response = browser
                .post_form(
                    "/signup",
                    "/signup",
                    &[
                        ("name", name),
                        ("email", email),
                        ("password", PASSWORD),
                        ("birth_date", "2002-05-05"),
                        ("phone", phone),
                        ("skills", "дизайн"),
                        ("in_directory", if directory { "on" } else { "" }),
                        ("consent", "on"),
                    ],
                )
                .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            browser
        }
    };
    let asel = signup("Әсел Жұбанова", "asel@mail.kz", "+7 707 111 22 33", true).await;
    let erlan = signup("Ерлан Жұбанов", "erlan@mail.kz", "+7 707 111 22 34", false).await;
    let asel_id: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM users WHERE email = 'asel@mail.kz'").fetch_one(pool).await).unwrap();
    let erlan_id: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM users WHERE email = 'erlan@mail.kz'").fetch_one(pool).await).unwrap();

    // A guest sees no members at all.
    assert!(
        hits(&app.client, &app, "Zhubanova", "member")
            .await
            .is_empty()
    );
    let page = app.get_html("/search?q=Zhubanov").await;
    assert!(!page.contains("Әсел"), "a guest's page shows no member");

    app.logged_in_as("reader@mail.kz", "member", None).await;
    for q in [
        "Jūbanova",
        "Zhubanova",
        "Жубанова",
        "Асел",
        "Äsel",
        "дизайн",
    ] {
        let found = ids(&hits(&app.client, &app, q, "member").await);
        assert_eq!(
            found,
            vec![asel_id],
            "{q} finds only the member who opted in"
        );
    }
    let page = app.get_html("/search?q=Zhubanova").await;
    assert!(page.contains("Әсел Жұбанова"));
    // He opts in: found; he opts out again: gone.
    let opt = |on: bool| {
        let fields = vec![
            ("phone", "+7 707 111 22 34"),
            ("skills", "дизайн"),
            ("in_directory", if on { "on" } else { "" }),
        ];
        let erlan = &erlan;
        async move {
            erlan
                .post_form("/account/profile", "/account/profile", &fields)
                .await
        }
    };
    assert_eq!(opt(true).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        ids(&hits(&app.client, &app, "Erlan", "member").await),
        vec![erlan_id]
    );
    assert_eq!(opt(false).await.status(), StatusCode::SEE_OTHER);
    assert!(hits(&app.client, &app, "Erlan", "member").await.is_empty());

    // She deletes her account: never found again.
    let html = asel.get("/account").await.text().await.unwrap();
    let csrf = extract_csrf(&html).unwrap();
    let response = asel
        .client
        .delete(app.url("/api/v1/me"))
        .header("X-CSRF-Token", csrf)
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(
        hits(&app.client, &app, "Zhubanova", "member")
            .await
            .is_empty()
    );
    assert_eq!(
        app.count("search_entries WHERE kind = 'member'").await,
        0,
        "no entry is left behind"
    );
}

#[tokio::test]
async fn the_search_page_groups_hits_and_asks_for_two_letters() {
    let units = Units::new().await;
    let app = &units.app;
    units
        .create("dostyq_club", "«Достық» клубы", "Клуб «Достық»", json!({}))
        .await;
    let page = app.get_html("/search?q=Dostyk&lang=ru").await;
    assert!(
        page.contains("<h3 id=\"search-unit\">Подразделения</h3>"),
        "{page}"
    );
    assert!(page.contains("Клуб «Достық»"));
    let short = app.get_html("/search?q=%D0%94&lang=en").await;
    assert!(short.contains("Type at least two letters."));
    let none = app.get_html("/search?q=qwxv&lang=en").await;
    assert!(none.contains("Nothing found."));
    // The home page carries the box.
    assert!(app.get_html("/").await.contains("action=\"/search\""));
}

/// The hits of `kind` for `q` as the holder of `token` sees them (anonymous without one).
async fn ids_as(app: &TestApp, token: Option<&str>, q: &str, kind: &str) -> Vec<i64> {
    let mut request = app.client.get(app.url("/api/v1/search")).query(&[("q", q)]);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == kind)
        .flat_map(|g| g["hits"].as_array().unwrap().clone())
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn events_are_found_once_published_and_follow_every_edit() {
    use crate::events::{event_body, hours, post, setup};
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let mut body = event_body(s.club, hours(48), hours(50), 30);
    body["title"] = json!({"kk": "Достық кеші", "ru": "Вечер дружбы"});
    body["publish"] = json!(false);
    let response = post(&app, &s.coordinator_token, "/api/v1/events", body.clone()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();

    // A draft: its organiser finds it, nobody else does.
    assert_eq!(
        ids_as(&app, Some(&s.coordinator_token), "Dostyq", "event").await,
        vec![id]
    );
    assert!(ids_as(&app, None, "Dostyq", "event").await.is_empty());

    // Published: anyone finds it, in any script, by a prefix typed so far.
    let response = post(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{id}/publish"),
        json!({}),
    )
    .await;
    assert!(response.status().is_success(), "{}", response.status());
    for q in ["Достық", "достык", "Dostyk", "dostyq kesh", "вечер друж"] {
        assert_eq!(ids_as(&app, None, q, "event").await, vec![id], "{q}");
    }
    assert!(ids_as(&app, None, "Жұбанов", "event").await.is_empty());

    // Renamed: the old words no longer find it, the new ones do.
    body["title"] = json!({"kk": "Наурыз тойы", "ru": "Праздник Наурыз"});
    let response = app
        .client
        .put(app.url(&format!("/api/v1/events/{id}")))
        .bearer_auth(&s.coordinator_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert!(ids_as(&app, None, "Dostyq", "event").await.is_empty());
    assert_eq!(ids_as(&app, None, "Nauryz", "event").await, vec![id]);
}

#[tokio::test]
async fn initiatives_are_found_once_submitted_and_drafts_only_by_their_author() {
    use crate::initiatives::{call, create, world};
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = create(&app, &w).await; // «Достық кештері» / «Вечера дружбы», a draft

    assert_eq!(
        ids_as(&app, Some(&w.author.token), "Dostyq keshteri", "initiative").await,
        vec![id]
    );
    assert!(
        ids_as(&app, Some(&w.member.token), "Dostyq", "initiative")
            .await
            .is_empty()
    );
    assert!(ids_as(&app, None, "Dostyq", "initiative").await.is_empty());

    let response = call(
        &app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{id}/submit"),
        None,
    )
    .await;
    assert!(response.status().is_success(), "{}", response.status());
    for q in ["Достык", "dostyk", "вечера дружбы", "этномәдени"] {
        assert_eq!(ids_as(&app, None, q, "initiative").await, vec![id], "{q}");
    }
    assert!(ids_as(&app, None, "Наурыз", "initiative").await.is_empty());
}

#[tokio::test]
async fn the_drafts_of_other_units_never_crowd_out_a_coordinators_own() {
    use crate::events::{event_body, hours, post, setup};
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    // The student assembly's coordinator writes more drafts than one lookup reads (30),
    // all with the same words; they are not the club coordinator's to see.
    let other = app
        .create_user("assembly@example.kz", "coordinator", Some(s.assembly))
        .await;
    let other_token = app.token(other).await;
    let mut body = event_body(s.assembly, hours(48), hours(50), 30);
    body["title"] = json!({"kk": "Достық кеші", "ru": "Вечер дружбы"});
    body["publish"] = json!(false);
    body["place"] = json!("online");
    for _ in 0..35 {
        let response = post(&app, &other_token, "/api/v1/events", body.clone()).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    body["unit_id"] = json!(s.club);
    let response = post(&app, &s.coordinator_token, "/api/v1/events", body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let mine = response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();

    for q in ["Dostyq", "достық кеші", "вечер"] {
        assert_eq!(
            ids_as(&app, Some(&s.coordinator_token), q, "event").await,
            vec![mine],
            "{q}"
        );
    }
    // The other coordinator finds their own (at most ten shown), and never the club's.
    let theirs = ids_as(&app, Some(&other_token), "Dostyq", "event").await;
    assert_eq!(theirs.len(), 10);
    assert!(!theirs.contains(&mine));
}
