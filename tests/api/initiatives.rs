//! Initiatives on the API, on both backends: every step of the lifecycle allowed and refused
//! by role (table-driven), supports exact under concurrency, the threshold firing once,
//! the official answer, comments hidden at three reports, attachments checked by content
//! and size, Markdown made inert.

use ortaq::db::Db;
use ortaq::i18n::Text;
use ortaq::org::UnitKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, problem};

/// A small tree and the people around one initiative.
pub struct World {
    pub root: i64,
    pub branch: i64,
    pub city: i64,
    pub sibling: i64,
    pub author: Person,
    pub teammate: Person,
    pub member: Person,
    pub coordinator: Person,
    pub admin: Person,
    /// A coordinator of a sibling unit: no power over the initiative.
    pub outsider: Person,
}

#[derive(Clone)]
pub struct Person {
    pub id: i64,
    pub token: String,
}

/// An account without a password hash worth anything (tests use tokens), fast to make.
pub async fn person(app: &TestApp, email: &str, role: Option<(&str, i64)>) -> Person {
    let now = ortaq::clock::now();
    let id: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, created_at, password_changed_at)
         VALUES ($1, $2, '!', $3, $3) RETURNING id")
        .bind(email)
        .bind(format!("Қатысушы {email}"))
        .bind(now)
        .fetch_one(pool)
        .await)
    .unwrap();
    if let Some((role, unit)) = role {
        ortaq::on_db!(&app.db, pool => sqlx::query(
            "INSERT INTO role_grants (user_id, role, unit_id, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(role)
            .bind(unit)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .unwrap();
    }
    Person {
        id,
        token: app.token(id).await,
    }
}

pub async fn unit(db: &Db, parent: Option<i64>, kind: UnitKind, name: &str) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let id = ortaq::org::storage::insert(&mut tx, parent, kind, &Text::both(name, name))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn world(app: &TestApp) -> World {
    let root = unit(&app.db, None, UnitKind::Association, "Ассамблея жастары").await;
    let branch = unit(
        &app.db,
        Some(root),
        UnitKind::RegionalBranch,
        "Ақтөбе облысы",
    )
    .await;
    let city = unit(&app.db, Some(branch), UnitKind::CityBranch, "Ақтөбе қаласы").await;
    let sibling = unit(&app.db, Some(branch), UnitKind::CityBranch, "Хромтау").await;
    World {
        root,
        branch,
        city,
        sibling,
        author: person(app, "author@example.kz", None).await,
        teammate: person(app, "team@example.kz", None).await,
        member: person(app, "member@example.kz", None).await,
        coordinator: person(app, "coord@example.kz", Some(("coordinator", city))).await,
        admin: person(app, "admin@example.kz", Some(("admin", root))).await,
        outsider: person(app, "outsider@example.kz", Some(("coordinator", sibling))).await,
    }
}

pub async fn call(
    app: &TestApp,
    who: &Person,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = match method {
        "GET" => app.client.get(app.url(path)),
        "PUT" => app.client.put(app.url(path)),
        _ => app.client.post(app.url(path)),
    }
    .bearer_auth(&who.token);
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.send().await.expect("request")
}

pub fn new_initiative(unit: i64) -> Value {
    json!({
        "unit_id": unit,
        "category": "dialogue",
        "title": {"kk": "Достық кештері", "ru": "Вечера дружбы"},
        "summary": {"kk": "Ай сайын этномәдени бірлестіктердің жастарымен кеш", "ru": "Ежемесячный вечер с молодежью этнокультурных объединений"},
        "description": {"ru": "Мы предлагаем **ежемесячные** вечера."},
        "needs": {"space": "Зал на 80 мест", "budget_kzt": 150000, "partners": "Дом дружбы"}
    })
}

/// Creates an initiative of the author and answers its id.
pub async fn create(app: &TestApp, w: &World) -> i64 {
    let response = call(
        app,
        &w.author,
        "POST",
        "/api/v1/initiatives",
        Some(new_initiative(w.city)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "draft");
    assert_eq!(body["supports"], 0);
    body["id"].as_i64().unwrap()
}

/// The shared set-up: a server, the world around it, and the author's initiative (moved
/// to `status` when given; a draft otherwise).
pub async fn fixture(status: Option<&str>) -> (TestApp, World, i64) {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = create(&app, &w).await;
    if let Some(status) = status {
        set_status(&app, id, status).await;
    }
    (app, w, id)
}

async fn set_status(app: &TestApp, id: i64, status: &str) {
    app.execute(&format!(
        "UPDATE initiatives SET status = '{status}' WHERE id = {id}"
    ))
    .await;
}

async fn status_of(app: &TestApp, id: i64) -> String {
    ortaq::on_db!(&app.db, pool => sqlx::query_scalar::<_, String>("SELECT status FROM initiatives WHERE id = $1")
        .bind(id).fetch_one(pool).await)
    .unwrap()
}

/// The teammate joins the author's initiative (invited, then accepting).
async fn join_team(app: &TestApp, w: &World, id: i64) {
    let r = call(
        app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{id}/team"),
        Some(json!({"email": "team@example.kz"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = call(
        app,
        &w.teammate,
        "POST",
        &format!("/api/v1/initiatives/{id}/team/accept"),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let team: Value = r.json().await.unwrap();
    assert_eq!(team[0]["status"], "accepted");
}

fn accept_body() -> Value {
    json!({"decision": "accepted", "text": {"kk": "Қолдаймыз", "ru": "Поддерживаем"},
        "responsible_name": "Жастар ресурстық орталығы", "deadline": "2031-06-01"})
}

fn decline_body() -> Value {
    json!({"decision": "declined", "text": {"ru": "Не в этом году"}, "reason": "Нет бюджета"})
}

#[tokio::test]
async fn every_step_is_allowed_or_refused_by_role_as_the_table_says() {
    let (app, w, id) = fixture(None).await;
    join_team(&app, &w, id).await;

    // The expected lifecycle, written out independently of the model's table.
    let allowed: &[(&str, &str, &[&str])] = &[
        ("draft", "submitted", &["author"]),
        ("submitted", "under_review", &["coordinator", "admin"]),
        ("under_review", "accepted", &["coordinator", "admin"]),
        ("under_review", "declined", &["coordinator", "admin"]),
        (
            "accepted",
            "in_progress",
            &["author", "teammate", "coordinator", "admin"],
        ),
        ("in_progress", "implemented", &["coordinator", "admin"]),
        ("draft", "withdrawn", &["author"]),
        ("submitted", "withdrawn", &["author"]),
        ("under_review", "withdrawn", &["author"]),
    ];
    let statuses = [
        "draft",
        "submitted",
        "under_review",
        "accepted",
        "declined",
        "in_progress",
        "implemented",
        "withdrawn",
    ];
    let people: [(&str, &Person); 6] = [
        ("author", &w.author),
        ("teammate", &w.teammate),
        ("member", &w.member),
        ("coordinator", &w.coordinator),
        ("admin", &w.admin),
        ("outsider", &w.outsider),
    ];
    let mut checked = 0;
    for from in statuses {
        for to in statuses.iter().filter(|t| **t != "draft") {
            for (role, who) in &people {
                set_status(&app, id, from).await;
                let edge = allowed.iter().find(|(f, t, _)| *f == from && t == to);
                let by_answer = matches!(*to, "accepted" | "declined");
                let response = if by_answer {
                    let body = if *to == "accepted" {
                        accept_body()
                    } else {
                        decline_body()
                    };
                    call(
                        &app,
                        who,
                        "POST",
                        &format!("/api/v1/initiatives/{id}/answer"),
                        Some(body),
                    )
                    .await
                } else {
                    call(
                        &app,
                        who,
                        "POST",
                        &format!("/api/v1/initiatives/{id}/transition"),
                        Some(json!({"to": to, "comment": "тест"})),
                    )
                    .await
                };
                let sees_draft = !matches!(*role, "member" | "outsider");
                // Rights before the step: only staff answer, and someone who is nothing
                // to the initiative takes no step, whatever the table says of the move.
                let staff = matches!(*role, "coordinator" | "admin");
                let expected = if from == "draft" && !sees_draft {
                    (StatusCode::NOT_FOUND, "not_found")
                } else if (by_answer && !staff) || !sees_draft {
                    (StatusCode::FORBIDDEN, "forbidden")
                } else if let Some((_, _, by)) = edge {
                    if by.contains(role) {
                        (StatusCode::OK, "")
                    } else {
                        (StatusCode::FORBIDDEN, "forbidden")
                    }
                } else {
                    (StatusCode::CONFLICT, "initiative_transition_not_allowed")
                };
                let got = response.status();
                assert_eq!(got, expected.0, "{role}: {from} → {to}");
                if expected.0 == StatusCode::OK {
                    assert_eq!(status_of(&app, id).await, *to, "{role}: {from} → {to}");
                } else {
                    problem(response, expected.0, expected.1).await;
                    assert_eq!(
                        status_of(&app, id).await,
                        from,
                        "{role}: {from} → {to} refused yet moved"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 8 * 7 * 6);

    // Accepting needs the answer: the plain step is refused even to staff.
    set_status(&app, id, "under_review").await;
    let r = call(
        &app,
        &w.coordinator,
        "POST",
        &format!("/api/v1/initiatives/{id}/transition"),
        Some(json!({"to": "accepted"})),
    )
    .await;
    problem(r, StatusCode::CONFLICT, "initiative_answer_required").await;

    // Every allowed step above left a public timeline entry with its actor and comment.
    let detail: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let timeline = detail["timeline"].as_array().unwrap();
    // The draft's creation and the 16 allowed (step, role) pairs.
    assert_eq!(timeline.len(), 17);
    assert!(timeline.iter().any(|e| e["to"] == "implemented"
        && e["actor_id"] == w.admin.id
        && e["comment"] == "тест"));
}

#[tokio::test]
async fn submitting_makes_a_draft_public_and_the_answer_needs_its_parts() {
    let (app, w, id) = fixture(None).await;
    // A draft is the author's: invisible to others and absent from the public list.
    let r = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}")))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::NOT_FOUND, "not_found").await;
    let list: Value = app
        .client
        .get(app.url("/api/v1/initiatives"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0);

    let r = call(
        &app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{id}/submit"),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "submitted");
    let list: Value = app
        .client
        .get(app.url("/api/v1/initiatives?status=submitted&category=dialogue"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let list: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives?unit_id={}", w.sibling)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0);
    let list: Value = app
        .client
        .get(app.url(&format!(
            "/api/v1/initiatives?unit_id={}&sort=supports",
            w.root
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);

    set_status(&app, id, "under_review").await;
    // A decline without a reason, an acceptance without deadline and responsible person.
    let r = call(
        &app,
        &w.coordinator,
        "POST",
        &format!("/api/v1/initiatives/{id}/answer"),
        Some(json!({"decision": "declined", "text": {"kk": "Жоқ"}})),
    )
    .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "reason");
    let r = call(
        &app,
        &w.coordinator,
        "POST",
        &format!("/api/v1/initiatives/{id}/answer"),
        Some(json!({"decision": "accepted", "text": {"kk": "Иә"}})),
    )
    .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["responsible", "deadline"]);
    // The coordinator of another city has no say.
    let r = call(
        &app,
        &w.outsider,
        "POST",
        &format!("/api/v1/initiatives/{id}/answer"),
        Some(accept_body()),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;

    let r = call(
        &app,
        &w.coordinator,
        "POST",
        &format!("/api/v1/initiatives/{id}/answer"),
        Some(decline_body()),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "declined");
    assert_eq!(body["answer"]["reason"], "Нет бюджета");
    assert_eq!(body["answer"]["text"]["ru"], "Не в этом году");
}

#[tokio::test]
async fn concurrent_supports_count_exactly_and_a_repeat_changes_nothing() {
    let (app, w, id) = fixture(Some("under_review")).await;
    let n = 24;
    let mut people = Vec::new();
    for i in 0..n {
        people.push(person(&app, &format!("s{i}@example.kz"), None).await);
    }
    // Each member supports twice, all at once.
    let mut tasks = Vec::new();
    for p in people.iter().chain(people.iter()) {
        let client = app.client.clone();
        let url = app.url(&format!("/api/v1/initiatives/{id}/support"));
        let token = p.token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    let body: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["supports"], n);
    assert_eq!(
        app.count(&format!("initiative_supports WHERE initiative_id = {id}"))
            .await,
        n
    );

    // One more support by the same member changes nothing.
    let r = call(
        &app,
        &people[0],
        "POST",
        &format!("/api/v1/initiatives/{id}/support"),
        None,
    )
    .await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["supports"], n);
    assert_eq!(body["changed"], false);
    assert_eq!(body["supported"], true);

    // Withdrawals, concurrent too, each count once.
    let mut tasks = Vec::new();
    for p in people.iter().take(10).chain(people.iter().take(10)) {
        let client = app.client.clone();
        let url = app.url(&format!("/api/v1/initiatives/{id}/support/withdraw"));
        let token = p.token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    let body: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["supports"], n - 10);
    assert_eq!(
        app.count(&format!("initiative_supports WHERE initiative_id = {id}"))
            .await,
        n - 10
    );

    // A draft takes no supports.
    let draft = create(&app, &w).await;
    let r = call(
        &app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{draft}/support"),
        None,
    )
    .await;
    problem(r, StatusCode::CONFLICT, "initiative_not_open_for_support").await;
}

#[tokio::test]
async fn the_threshold_moves_a_submitted_initiative_to_review_exactly_once() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    // Set at the regional branch, inherited by the city below it; only admins set it.
    let r = call(
        &app,
        &w.coordinator,
        "PUT",
        &format!("/api/v1/units/{}/initiative-threshold", w.branch),
        Some(json!({"supports": 5})),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = call(
        &app,
        &w.admin,
        "PUT",
        &format!("/api/v1/units/{}/initiative-threshold", w.branch),
        Some(json!({"supports": 5})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let t: Value = app
        .client
        .get(app.url(&format!("/api/v1/units/{}/initiative-threshold", w.city)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(t["effective"], 5);
    assert_eq!(t["supports"], Value::Null);
    let t: Value = app
        .client
        .get(app.url(&format!("/api/v1/units/{}/initiative-threshold", w.root)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        t["effective"], 25,
        "the default above the unit that sets one"
    );

    let id = create(&app, &w).await;
    join_team(&app, &w, id).await;
    let r = call(
        &app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{id}/submit"),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut people = Vec::new();
    for i in 0..20 {
        people.push(person(&app, &format!("t{i}@example.kz"), None).await);
    }
    let mut tasks = Vec::new();
    for p in &people {
        let client = app.client.clone();
        let url = app.url(&format!("/api/v1/initiatives/{id}/support"));
        let token = p.token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(status_of(&app, id).await, "under_review");
    assert_eq!(
        app.count(&format!(
            "initiative_transitions WHERE initiative_id = {id} AND to_status = 'under_review'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!("initiative_transitions WHERE initiative_id = {id} AND to_status = 'under_review' AND actor_id IS NULL")).await,
        1,
        "Ortaq itself moved it"
    );
    let body: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["supports"], 20);
    // The five supporters who reached the threshold, the author and the team were told
    // in-app.
    assert_eq!(
        app.count("notifications WHERE kind = 'initiative-status-under-review'")
            .await,
        5 + 2
    );
}

#[tokio::test]
async fn three_reports_hide_a_comment_until_a_moderator_decides() {
    let (app, w, id) = fixture(Some("submitted")).await;
    let r = call(
        &app,
        &w.member,
        "POST",
        &format!("/api/v1/initiatives/{id}/comments"),
        Some(json!({"body": "Керемет идея!"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let comments: Value = r.json().await.unwrap();
    let cid = comments[0]["id"].as_i64().unwrap();
    // One level of replies.
    let r = call(
        &app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{id}/comments"),
        Some(json!({"body": "Рақмет!", "parent_id": cid})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let comments: Value = r.json().await.unwrap();
    let reply = comments[0]["replies"][0]["id"].as_i64().unwrap();
    let r = call(
        &app,
        &w.member,
        "POST",
        &format!("/api/v1/initiatives/{id}/comments"),
        Some(json!({"body": "Ответ на ответ", "parent_id": reply})),
    )
    .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(body["errors"][0]["code"], "reply_to_reply");
    assert_eq!(body["errors"][0]["field"], "reply_to");

    // Edits keep the earlier text.
    let r = call(
        &app,
        &w.member,
        "PUT",
        &format!("/api/v1/initiative-comments/{cid}"),
        Some(json!({"body": "Керемет идея! Қолдаймын."})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = call(
        &app,
        &w.author,
        "PUT",
        &format!("/api/v1/initiative-comments/{cid}"),
        Some(json!({"body": "бөтен"})),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let history: Value = call(
        &app,
        &w.member,
        "GET",
        &format!("/api/v1/initiative-comments/{cid}/history"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(history[0]["body"], "Керемет идея!");

    let reporters = [&w.author, &w.teammate, &w.outsider];
    for (n, who) in reporters.iter().enumerate() {
        let r = call(
            &app,
            who,
            "POST",
            &format!("/api/v1/initiative-comments/{cid}/report"),
            Some(json!({"reason": "спам"})),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["hidden"], n == 2, "hidden at the third report");
        if n == 0 {
            let again = call(
                &app,
                who,
                "POST",
                &format!("/api/v1/initiative-comments/{cid}/report"),
                None,
            )
            .await;
            problem(again, StatusCode::CONFLICT, "comment_already_reported").await;
        }
    }
    let public: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}/comments")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public[0]["state"], "reported");
    assert_eq!(public[0]["body"], Value::Null);

    // Only moderators over the unit decide, and they give a reason.
    let r = call(
        &app,
        &w.outsider,
        "POST",
        &format!("/api/v1/initiative-comments/{cid}/moderate"),
        Some(json!({"action": "restore", "reason": "ok"})),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = call(
        &app,
        &w.coordinator,
        "POST",
        &format!("/api/v1/initiative-comments/{cid}/moderate"),
        Some(json!({"action": "restore"})),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let r = call(
        &app,
        &w.coordinator,
        "POST",
        &format!("/api/v1/initiative-comments/{cid}/moderate"),
        Some(json!({"action": "restore", "reason": "Пікір ережеге сай"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let public: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}/comments")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public[0]["state"], "cleared");
    assert_eq!(public[0]["body"], "Керемет идея! Қолдаймын.");
    // A fourth report no longer hides what a moderator cleared.
    let r = call(
        &app,
        &w.admin,
        "POST",
        &format!("/api/v1/initiative-comments/{cid}/report"),
        None,
    )
    .await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["hidden"], false);
    // A moderator hides with a reason.
    let r = call(
        &app,
        &w.admin,
        "POST",
        &format!("/api/v1/initiative-comments/{reply}/moderate"),
        Some(json!({"action": "hide", "reason": "Жеке дерек"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let public: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}/comments")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public[0]["replies"][0]["state"], "hidden");
    assert_eq!(public[0]["replies"][0]["body"], Value::Null);
}

fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend_from_slice(&[0u8; 64]);
    b
}

async fn upload(
    app: &TestApp,
    who: &Person,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    app.client
        .post(app.url(&format!("/api/v1/initiatives/{id}/attachments")))
        .bearer_auth(&who.token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_size_and_served_safely() {
    let (app, w, id) = fixture(Some("submitted")).await;

    let r = upload(
        &app,
        &w.author,
        id,
        "plan.pdf",
        b"%PDF-1.7\n1 0 obj\n".to_vec(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = upload(&app, &w.author, id, "poster.png", png()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let files: Value = r.json().await.unwrap();
    assert_eq!(files[0]["content_type"], "application/pdf");
    assert_eq!(files[1]["content_type"], "image/png");

    // An HTML page named like an image, an SVG, and a file over 900 KB are refused.
    for (name, bytes) in [
        ("x.png", b"<html><script>alert(1)</script>".to_vec()),
        ("x.svg", b"<svg onload=alert(1)>".to_vec()),
    ] {
        let r = upload(&app, &w.author, id, name, bytes).await;
        let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "attachment_type");
    }
    let mut big = png();
    big.resize(901 * 1024, 0);
    let r = upload(&app, &w.author, id, "big.png", big).await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(body["errors"][0]["code"], "attachment_too_large");
    // A stranger may not attach.
    let r = upload(&app, &w.member, id, "p.png", png()).await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;

    let pdf = app
        .client
        .get(app.url(files[0]["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert_eq!(pdf.headers()["x-content-type-options"], "nosniff");
    assert!(
        pdf.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let image = app
        .client
        .get(app.url(files[1]["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(image.headers()["content-type"], "image/png");
    assert!(
        image.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline;")
    );
}

#[tokio::test]
async fn markdown_with_script_is_inert_in_the_api_and_on_the_page() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let mut body = new_initiative(w.city);
    body["description"] = json!({"ru": "<script>alert('x')</script>\n\n**жирный** [ссылка](javascript:alert(1)) <img src=x onerror=alert(1)>"});
    let r = call(&app, &w.author, "POST", "/api/v1/initiatives", Some(body)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let detail: Value = r.json().await.unwrap();
    let id = detail["id"].as_i64().unwrap();
    let html = detail["description_html"]["ru"].as_str().unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("<strong>жирный</strong>"), "{html}");

    set_status(&app, id, "submitted").await;
    let page = app.get_html(&format!("/initiatives/{id}?lang=ru")).await;
    assert!(page.contains("<strong>жирный</strong>"));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img src=x"));
}

#[tokio::test]
async fn meetings_record_decisions_and_overdue_answers_are_flagged() {
    let (app, w, id) = fixture(Some("under_review")).await;
    let mut accept = accept_body();
    accept["deadline"] = json!("2020-01-10");
    let r = call(
        &app,
        &w.admin,
        "POST",
        &format!("/api/v1/initiatives/{id}/answer"),
        Some(accept),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["overdue"][0]["source"], "answer");

    let meeting = json!({
        "unit_id": w.branch, "kind": "akim_meeting",
        "title": {"kk": "Өңір басшысымен кездесу", "ru": "Встреча с главой региона"},
        "held_on": "2026-11-20",
        "participants": [{"name": "Асхат Шахаров", "position": "аким области"}, {"name": "Автор", "user_id": w.author.id}]
    });
    let r = call(
        &app,
        &w.member,
        "POST",
        "/api/v1/meetings",
        Some(meeting.clone()),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = call(&app, &w.admin, "POST", "/api/v1/meetings", Some(meeting)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let m: Value = r.json().await.unwrap();
    let mid = m["id"].as_i64().unwrap();
    assert_eq!(m["participants"].as_array().unwrap().len(), 2);
    let item = json!({"initiative_id": id, "decision": {"ru": "Поручить управлению молодежи"},
        "responsible_name": "Управление молодежной политики", "deadline": "2020-02-01"});
    let r = call(
        &app,
        &w.admin,
        "POST",
        &format!("/api/v1/meetings/{mid}/items"),
        Some(item.clone()),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let m: Value = r.json().await.unwrap();
    assert_eq!(m["items"][0]["overdue"], true);
    let r = call(
        &app,
        &w.admin,
        "POST",
        &format!("/api/v1/meetings/{mid}/items"),
        Some(item),
    )
    .await;
    problem(r, StatusCode::CONFLICT, "meeting_item_exists").await;

    let overdue: Value = app
        .client
        .get(app.url("/api/v1/initiatives/overdue"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(overdue.as_array().unwrap().len(), 2);
    let page = app.get_html(&format!("/meetings/{mid}?lang=ru")).await;
    assert!(page.contains("Встреча с главой региона"));
    assert!(page.contains("Асхат Шахаров"));
}

#[tokio::test]
async fn milestones_give_progress_and_bookings_stay_linked() {
    let (app, w, id) = fixture(Some("in_progress")).await;
    for title in ["Зал", "Афиша", "Кеш"] {
        let r = call(
            &app,
            &w.author,
            "POST",
            &format!("/api/v1/initiatives/{id}/milestones"),
            Some(json!({"title": {"kk": title}, "due_on": "2031-01-15"})),
        )
        .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let r = call(
        &app,
        &w.member,
        "POST",
        &format!("/api/v1/initiatives/{id}/milestones"),
        Some(json!({"title": {"kk": "бөтен"}})),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let list: Value = call(
        &app,
        &w.author,
        "GET",
        &format!("/api/v1/initiatives/{id}/milestones"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let first = list[0]["id"].as_i64().unwrap();
    let r = call(
        &app,
        &w.coordinator,
        "POST",
        &format!("/api/v1/initiatives/{id}/milestones/{first}/done"),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["progress"], 33);

    let r = call(
        &app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{id}/report"),
        Some(json!({"report": {"kk": "Үш кеш өтті, 240 қатысушы."}})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["report"]["kk"], "Үш кеш өтті, 240 қатысушы.");

    // A booking that is not the caller's cannot be linked; events link from their side.
    let r = call(
        &app,
        &w.author,
        "POST",
        &format!("/api/v1/initiatives/{id}/links"),
        Some(json!({"kind": "event", "target_id": 1})),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let mut tx = app.db.begin().await.unwrap();
    ortaq::initiatives::milestones::link_in(&mut tx, id, "event", 77, None)
        .await
        .unwrap();
    ortaq::initiatives::milestones::link_in(&mut tx, id, "event", 77, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let body: Value = app
        .client
        .get(app.url(&format!("/api/v1/initiatives/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["links"], json!([{"kind": "event", "target_id": 77}]));
}

#[tokio::test]
async fn the_api_is_in_the_openapi_document() {
    let app = TestApp::spawn().await;
    let doc: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/initiatives",
        "/api/v1/initiatives/{id}",
        "/api/v1/initiatives/{id}/submit",
        "/api/v1/initiatives/{id}/support",
        "/api/v1/initiatives/{id}/support/withdraw",
        "/api/v1/initiatives/{id}/answer",
        "/api/v1/initiatives/{id}/milestones",
        "/api/v1/initiatives/{id}/comments",
        "/api/v1/meetings",
        "/api/v1/meetings/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
}

#[tokio::test]
async fn a_member_supports_from_the_page_without_javascript() {
    let (app, _, id) = fixture(Some("submitted")).await;
    let list = app
        .get_html("/initiatives?lang=ru&status=submitted&sort=supports")
        .await;
    assert!(list.contains("Вечера дружбы"));
    let page = app.get_html(&format!("/initiatives/{id}?lang=kk")).await;
    assert!(page.contains("Достық кештері"));
    assert!(page.contains(&format!("/login?next=/initiatives/{id}")));

    app.create_user("page@example.kz", "member", None).await;
    let browser = app.browser_logged_in("page@example.kz").await;
    let path = format!("/initiatives/{id}");
    let r = browser
        .post_form(&path, &format!("{path}/support"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!("initiative_supports WHERE initiative_id = {id}"))
            .await,
        1
    );
    let page = browser
        .get(&format!("{path}?done=support&lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Withdraw my support"));
    assert!(page.contains("1 support"));
    let r = browser
        .post_form(&path, &format!("{path}/support/withdraw"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!("initiative_supports WHERE initiative_id = {id}"))
            .await,
        0
    );

    // A comment without text comes back with the message; the page stays usable.
    let r = browser
        .post_form(&path, &format!("{path}/comments"), &[("body", "  ")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = browser
        .post_form(
            &path,
            &format!("{path}/comments"),
            &[("body", "Қолдаймын!")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = browser.get(&path).await.text().await.unwrap();
    assert!(page.contains("Қолдаймын!"));
}

#[tokio::test]
async fn the_form_keeps_what_was_typed_and_saves_a_draft() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    app.create_user("writer@example.kz", "member", None).await;
    let browser = app.browser_logged_in("writer@example.kz").await;
    let city = w.city.to_string();
    let r = browser
        .post_form(
            "/initiatives/new",
            "/initiatives/new",
            &[
                ("title_kk", "Кітап алмасу сөресі"),
                ("category", "education"),
                ("unit_id", city.as_str()),
                ("budget_kzt", "көп"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("value=\"Кітап алмасу сөресі\""));
    assert!(html.contains("id=\"summary-error\""));
    assert!(html.contains("budget_kzt-error"));
    let r = browser
        .post_form(
            "/initiatives/new",
            "/initiatives/new",
            &[
                ("title_kk", "Кітап алмасу сөресі"),
                ("summary_ru", "Полка для обмена книгами в коворкинге"),
                ("category", "education"),
                ("unit_id", city.as_str()),
                ("budget_kzt", "25 000"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("initiatives WHERE status = 'draft' AND budget_kzt = 25000")
            .await,
        1
    );
    let mine = browser
        .get("/initiatives/mine?lang=kk")
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("Кітап алмасу сөресі"));
    // Others do not see a draft.
    let list = app.get_html("/initiatives").await;
    assert!(!list.contains("Кітап алмасу сөресі"));
}

#[tokio::test]
async fn the_demo_has_initiatives_in_every_state_and_the_coworking_center_raised_at_a_session() {
    let app = TestApp::spawn_demo().await;
    let total = app.count("initiatives").await;
    assert!((20..=30).contains(&total), "{total}");
    for status in [
        "draft",
        "submitted",
        "under_review",
        "accepted",
        "declined",
        "in_progress",
        "implemented",
        "withdrawn",
    ] {
        assert!(
            app.count(&format!("initiatives WHERE status = '{status}'"))
                .await
                > 0,
            "{status}"
        );
    }
    // Supports kept exact, answers where decided, timelines for all.
    assert_eq!(
        app.count("initiatives i WHERE supports <> (SELECT COUNT(*) FROM initiative_supports s WHERE s.initiative_id = i.id)").await,
        0
    );
    assert_eq!(app.count("initiatives i WHERE status IN ('accepted', 'declined', 'in_progress', 'implemented') AND NOT EXISTS (SELECT 1 FROM initiative_answers a WHERE a.initiative_id = i.id)").await, 0);
    assert_eq!(app.count("initiatives i WHERE NOT EXISTS (SELECT 1 FROM initiative_transitions t WHERE t.initiative_id = i.id)").await, 0);
    assert_eq!(
        app.count("meetings WHERE kind = 'assembly_session'").await,
        1
    );
    assert_eq!(app.count("meetings WHERE kind = 'akim_meeting'").await, 1);
    // The coworking center: raised at the Assembly session, implemented.
    assert_eq!(
        app.count("meeting_items m JOIN meetings s ON s.id = m.meeting_id JOIN initiatives i ON i.id = m.initiative_id
                   WHERE s.kind = 'assembly_session' AND i.status = 'implemented' AND i.title_ru LIKE '%оворкинг%'").await,
        1
    );
    let list = app.get_html("/initiatives?lang=kk").await;
    assert!(list.contains("Ақтөбеде жастарға арналған коворкинг орталығы"));
    let meetings = app.get_html("/meetings?lang=ru").await;
    assert!(meetings.contains("Сессия Ассамблеи народа Казахстана Актюбинской области"));
    assert!(meetings.contains("Встреча молодежи с акимом области"));
    let overdue: Value = app
        .client
        .get(app.url("/api/v1/initiatives/overdue"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !overdue.as_array().unwrap().is_empty(),
        "the demo shows a late answer"
    );
}

/// A page's form sent as a browser would (urlencoded), by `who` (a bearer token needs no
/// CSRF field); redirects are not followed.
async fn send_form(
    app: &TestApp,
    who: &Person,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(&who.token)
        .form(fields)
        .send()
        .await
        .expect("POST")
}

async fn page_as(app: &TestApp, who: &Person, path: &str) -> (StatusCode, String) {
    let r = call(app, who, "GET", path, None).await;
    (r.status(), r.text().await.unwrap())
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_string()
}

/// Makes `who` a current member of `unit` (so staff over it may link them in records).
async fn join(app: &TestApp, who: &Person, unit: i64) {
    ortaq::on_db!(&app.db, pool => sqlx::query(
        "INSERT INTO memberships (user_id, unit_id, position, status, started_on, created_at)
         VALUES ($1, $2, 'member', 'active', $3, $4)")
        .bind(who.id)
        .bind(unit)
        .bind(chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())
        .bind(ortaq::clock::now())
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
}

#[tokio::test]
async fn staff_record_a_meeting_through_the_page_form_and_edit_it() {
    let (app, w, id) = fixture(Some("under_review")).await;
    join(&app, &w.author, w.city).await;
    let (_, list) = page_as(&app, &w.admin, "/meetings?lang=ru").await;
    assert!(list.contains("href=\"/meetings/new\""), "{list}");
    let (_, list) = page_as(&app, &w.member, "/meetings?lang=ru").await;
    assert!(!list.contains("href=\"/meetings/new\""));
    let (status, _) = page_as(&app, &w.member, "/meetings/new").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, form) = page_as(&app, &w.coordinator, "/meetings/new?lang=kk").await;
    assert_eq!(status, StatusCode::OK);
    // The linked members offered: the members of the units the coordinator keeps.
    assert!(
        form.contains(&format!("value=\"{}\"", w.author.id)),
        "{form}"
    );
    assert!(form.contains("name=\"item2_initiative_id\""));
    assert!(!form.contains("name=\"item3_initiative_id\""));

    // "Add a row" comes back with one more row and saves nothing.
    let city = w.city.to_string();
    let ini = id.to_string();
    let author = w.author.id.to_string();
    let mut fields = vec![
        ("unit_id", city.as_str()),
        ("kind", "akim_meeting"),
        ("title_kk", "Облыс әкімімен кездесу"),
        ("title_ru", "Встреча с акимом области"),
        ("held_on", "2026-11-20"),
        ("place", "Ақтөбе, әкімдік"),
        (
            "participants",
            "Асхат Шахаров, аким области\nГүлнар Серікқызы",
        ),
        ("member_ids", author.as_str()),
        ("rows", "3"),
        ("item0_initiative_id", ini.as_str()),
        ("item0_decision_ru", "Поручить управлению молодежи"),
        ("item0_responsible_user_id", author.as_str()),
        ("item0_deadline", "2031-03-01"),
    ];
    let mut more = fields.clone();
    more.push(("action", "add_row"));
    let r = send_form(&app, &w.coordinator, "/meetings/new", &more).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("name=\"item3_initiative_id\""));
    assert!(html.contains("Гүлнар Серікқызы"));
    assert_eq!(app.count("meetings").await, 0);

    fields.push(("action", "save"));
    let r = send_form(&app, &w.coordinator, "/meetings/new", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(&r);
    let mid: i64 = to
        .trim_start_matches("/meetings/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(app.count("meetings WHERE kind = 'akim_meeting'").await, 1);
    assert_eq!(
        app.count(&format!(
            "meeting_participants WHERE meeting_id = {mid} AND user_id = {}",
            w.author.id
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "meeting_participants WHERE meeting_id = {mid} AND position = 'аким области'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "meeting_items WHERE meeting_id = {mid} AND initiative_id = {id} AND responsible_user_id = {}
             AND responsible_name = 'Қатысушы author@example.kz' AND deadline = '2031-03-01'",
            w.author.id
        ))
        .await,
        1
    );
    let shown = app.get_html(&format!("/meetings/{mid}?lang=ru")).await;
    assert!(shown.contains("Встреча с акимом области"));
    assert!(shown.contains("Асхат Шахаров"));
    assert!(shown.contains("Поручить управлению молодежи"));
    let ini_page = app.get_html(&format!("/initiatives/{id}?lang=ru")).await;
    assert!(ini_page.contains(&format!("/meetings/{mid}")));

    // The edit form holds the record; a change keeps one row per initiative.
    let (status, edit) = page_as(&app, &w.coordinator, &format!("/meetings/{mid}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(edit.contains("Облыс әкімімен кездесу"));
    assert!(edit.contains("Асхат Шахаров, аким области"));
    assert!(edit.contains("Поручить управлению молодежи"));
    let mut changed = fields.clone();
    for f in changed.iter_mut() {
        if f.0 == "item0_decision_ru" {
            f.1 = "Включить в план на 2031 год";
        }
    }
    let path = format!("/meetings/{mid}/edit");
    let r = send_form(&app, &w.admin, &path, &changed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!(
            "meeting_items WHERE meeting_id = {mid} AND decision_ru = 'Включить в план на 2031 год'"
        ))
        .await,
        1
    );
    assert_eq!(app.count("meeting_items").await, 1);
    assert_eq!(
        app.count(&format!("meeting_participants WHERE meeting_id = {mid}"))
            .await,
        3
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'meeting.edit'").await,
        1
    );
    // Staff of another unit may not touch it (the API's rule).
    let r = send_form(&app, &w.outsider, &path, &changed).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, _) = page_as(&app, &w.outsider, &path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_refused_meeting_form_keeps_what_was_typed_with_localized_errors() {
    let (app, w, id) = fixture(Some("under_review")).await;
    let branch = w.branch.to_string();
    let ini = id.to_string();
    let fields = [
        ("unit_id", branch.as_str()),
        ("kind", "assembly_session"),
        ("title_kk", ""),
        ("title_ru", ""),
        ("held_on", "31.02.2026"),
        ("participants", "Асхат Шахаров, аким области"),
        ("rows", "3"),
        ("item0_decision_ru", "Решение без инициативы"),
        ("item1_initiative_id", ini.as_str()),
        ("item1_deadline", "завтра"),
        ("action", "save"),
    ];
    let r = send_form(&app, &w.admin, "/meetings/new?lang=ru", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("Асхат Шахаров, аким области"), "{html}");
    assert!(html.contains("Решение без инициативы"));
    assert!(html.contains("value=\"31.02.2026\""));
    assert!(html.contains("value=\"завтра\""));
    assert!(html.contains("id=\"title-error\""));
    assert!(html.contains("id=\"held_on-error\""));
    assert!(html.contains("id=\"item0_initiative_id-error\""));
    assert!(html.contains("href=\"#item1_deadline\""));
    // In the reader's language.
    assert!(html.contains("Строка 1"));
    assert!(html.contains("Пожалуйста, исправьте следующее:"), "{html}");
    assert_eq!(app.count("meetings").await, 0);
    // The same initiative twice is refused on its row.
    let twice = [
        ("unit_id", branch.as_str()),
        ("kind", "other"),
        ("title_kk", "Кездесу"),
        ("held_on", "2026-11-20"),
        ("rows", "2"),
        ("item0_initiative_id", ini.as_str()),
        ("item1_initiative_id", ini.as_str()),
    ];
    let r = send_form(&app, &w.admin, "/meetings/new", &twice).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("id=\"item1_initiative_id-error\"")
    );
    assert_eq!(app.count("meetings").await, 0);
}

#[tokio::test]
async fn the_threshold_page_sets_a_units_threshold_and_is_refused_to_others() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (status, html) = page_as(&app, &w.admin, "/initiatives/settings?lang=ru").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Ақтөбе облысы") && html.contains("Хромтау"),
        "{html}"
    );
    let (_, list) = page_as(&app, &w.admin, "/initiatives").await;
    assert!(list.contains("href=\"/initiatives/settings\""));
    let branch = w.branch.to_string();
    let r = send_form(
        &app,
        &w.admin,
        "/initiatives/settings",
        &[("unit_id", branch.as_str()), ("supports", "3")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with("/initiatives/settings?done=saved"));
    // The city below the branch takes it, as the API tells.
    let body: Value = call(
        &app,
        &w.member,
        "GET",
        &format!("/api/v1/units/{}/initiative-threshold", w.city),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(body["effective"], 3, "{body}");
    assert_eq!(
        app.count(&format!(
            "initiative_thresholds WHERE unit_id = {} AND supports = 3",
            w.branch
        ))
        .await,
        1
    );
    // Unreadable or out of range: the page again, the value kept, nothing changed.
    for (typed, code) in [("много", 422), ("0", 422), ("100001", 422)] {
        let r = send_form(
            &app,
            &w.admin,
            "/initiatives/settings?lang=ru",
            &[("unit_id", branch.as_str()), ("supports", typed)],
        )
        .await;
        assert_eq!(r.status().as_u16(), code, "{typed}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("value=\"{typed}\"")), "{html}");
        assert!(html.contains(&format!("id=\"supports-{}-error\"", w.branch)));
    }
    // A plain member, and a coordinator, are refused (the API's rule: admins over the unit).
    for who in [&w.member, &w.coordinator] {
        let (status, _) = page_as(&app, who, "/initiatives/settings").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let r = send_form(
            &app,
            who,
            "/initiatives/settings",
            &[("unit_id", branch.as_str()), ("supports", "1")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        app.count("initiative_thresholds WHERE supports = 3").await,
        1
    );
    // Empty clears the unit's own threshold.
    let r = send_form(
        &app,
        &w.admin,
        "/initiatives/settings",
        &[("unit_id", branch.as_str()), ("supports", "")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("initiative_thresholds").await, 0);
}

#[tokio::test]
async fn an_event_created_from_the_initiative_page_is_linked_and_shown_there() {
    let (app, w, id) = fixture(Some("in_progress")).await;
    // The coordinator over the initiative's unit organises events and keeps the initiative.
    let (_, page) = page_as(&app, &w.coordinator, &format!("/initiatives/{id}")).await;
    let href = format!("/events/new?initiative={id}");
    assert!(page.contains(&href), "{page}");
    // A plain member keeps nothing here: no such button.
    let (_, page) = page_as(&app, &w.member, &format!("/initiatives/{id}")).await;
    assert!(!page.contains(&href));
    let (status, form) = page_as(&app, &w.coordinator, &format!("{href}&lang=ru")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains(&format!("name=\"initiative\" value=\"{id}\"")),
        "{form}"
    );
    assert!(form.contains("Вечера дружбы"));

    let city = w.city.to_string();
    let ini = id.to_string();
    let fields = [
        ("unit_id", city.as_str()),
        ("title_kk", "Достық кеші: бірінші кездесу"),
        ("title_ru", "Вечер дружбы: первая встреча"),
        ("category", "culture"),
        ("languages", "kk"),
        ("place", "online"),
        ("online_url", "https://meet.example.kz/dostyq"),
        ("start", "2031-05-04T18:00"),
        ("end", "2031-05-04T20:00"),
        ("capacity", "40"),
        ("audience", "everyone"),
        ("action", "publish"),
        ("initiative", ini.as_str()),
    ];
    // The coordinator of a sibling unit organises events there, but may not link this one.
    let sibling = w.sibling.to_string();
    let mut foreign = fields;
    foreign[0] = ("unit_id", sibling.as_str());
    let r = send_form(&app, &w.outsider, "/events/new", &foreign).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("events").await, 0);

    let r = send_form(&app, &w.coordinator, "/events/new", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let event: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM events")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(
        app.count(&format!(
            "initiative_links WHERE initiative_id = {id} AND kind = 'event' AND target_id = {event}"
        ))
        .await,
        1
    );
    let shown = app.get_html(&format!("/initiatives/{id}?lang=ru")).await;
    assert!(
        shown.contains(&format!("href=\"/events/{event}\"")),
        "{shown}"
    );
    assert!(shown.contains("Вечер дружбы: первая встреча"));
}

#[tokio::test]
async fn a_booking_made_from_the_initiative_page_is_linked_and_shown_there() {
    let (app, w, id) = fixture(Some("in_progress")).await;
    let center = crate::bookings::seed_center(&app.db, "Asia/Aqtobe", 2).await;
    let (_, page) = page_as(&app, &w.author, &format!("/initiatives/{id}?lang=ru")).await;
    assert!(
        page.contains(&format!("action=\"/initiatives/{id}/book\"")),
        "{page}"
    );
    assert!(page.contains("Комната"));
    let r = call(
        &app,
        &w.author,
        "GET",
        &format!("/initiatives/{id}/book?resource={}", center.room),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(&r);
    assert_eq!(to, format!("/resources/{}?initiative={id}", center.room));
    let (status, form) = page_as(&app, &w.author, &format!("{to}&lang=ru")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains(&format!("name=\"initiative\" value=\"{id}\"")),
        "{form}"
    );

    let tomorrow = crate::bookings::local(&center, 1, 10, 0)
        .with_timezone(&center.tz)
        .date_naive()
        .to_string();
    let room = center.room.to_string();
    let ini = id.to_string();
    let fields = [
        ("resource_id", room.as_str()),
        ("date", tomorrow.as_str()),
        ("start", "10:00"),
        ("minutes", "60"),
        ("purpose", "Подготовка вечера дружбы"),
        ("repeat", "none"),
        ("initiative", ini.as_str()),
    ];
    // Someone who does not keep the initiative may not book for it: nothing is booked.
    let r = send_form(&app, &w.member, "/bookings/new", &fields).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("bookings").await, 0);

    let r = send_form(&app, &w.author, "/bookings/new", &fields).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    assert_eq!(location(&r), format!("/initiatives/{id}?done=booked#links"));
    let booking: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM bookings")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(
        app.count(&format!(
            "initiative_links WHERE initiative_id = {id} AND kind = 'booking' AND target_id = {booking}"
        ))
        .await,
        1
    );
    let shown = app.get_html(&format!("/initiatives/{id}?lang=ru")).await;
    assert!(shown.contains("initiative-link-booking"), "{shown}");
    assert!(shown.contains("Комната"));
}

#[tokio::test]
async fn a_comments_edit_history_is_shown_on_the_initiative_page() {
    let (app, w, id) = fixture(Some("submitted")).await;
    let r = call(
        &app,
        &w.member,
        "POST",
        &format!("/api/v1/initiatives/{id}/comments"),
        Some(json!({"body": "Алғашқы нұсқа"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let list: Value = r.json().await.unwrap();
    let cid = list[0]["id"].as_i64().unwrap();
    for body in ["Екінші нұсқа", "Соңғы нұсқа"] {
        let r = call(
            &app,
            &w.member,
            "PUT",
            &format!("/api/v1/initiative-comments/{cid}"),
            Some(json!({ "body": body })),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    // Its author (and moderators) read the earlier versions, oldest first.
    for who in [&w.member, &w.coordinator] {
        let (_, page) = page_as(&app, who, &format!("/initiatives/{id}?lang=en")).await;
        assert!(page.contains("Соңғы нұсқа"));
        assert!(page.contains("initiative-comment-history"), "{page}");
        assert!(page.contains("Edited: 2 earlier versions"));
        let first = page.find("Алғашқы нұсқа").expect("the first version");
        let second = page.find("Екінші нұсқа").expect("the second version");
        assert!(first < second);
    }
    // Others see that it was edited, not what it said before (the API's rule).
    let guest = app.get_html(&format!("/initiatives/{id}?lang=en")).await;
    assert!(guest.contains("Соңғы нұсқа"));
    assert!(guest.contains("edited"), "{guest}");
    assert!(!guest.contains("Алғашқы нұсқа"));
    let (_, other) = page_as(&app, &w.author, &format!("/initiatives/{id}")).await;
    assert!(!other.contains("Алғашқы нұсқа"));
}

#[tokio::test]
async fn deleting_an_account_blanks_its_name_in_meeting_records_and_answers() {
    let (app, w, id) = fixture(Some("under_review")).await;
    let gone = app.create_user("asel@example.kz", "member", None).await;
    let token = app.token(gone).await;
    let name = "Тест Қолданушы";
    let r = call(
        &app,
        &w.admin,
        "POST",
        "/api/v1/meetings",
        Some(json!({
            "unit_id": w.branch, "kind": "assembly_session",
            "title": {"kk": "Ассамблея сессиясы"}, "held_on": "2026-11-20",
            "participants": [{"name": name, "position": "жастар депутаты", "user_id": gone},
                             {"name": "Асхат Шахаров", "position": "аким области"}]
        })),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mid = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = call(
        &app,
        &w.admin,
        "POST",
        &format!("/api/v1/meetings/{mid}/items"),
        Some(
            json!({"initiative_id": id, "decision": {"ru": "Рассмотреть"},
            "responsible_name": name, "responsible_user_id": gone, "deadline": "2031-01-01"}),
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mut accept = accept_body();
    accept["responsible_name"] = json!(name);
    accept["responsible_user_id"] = json!(gone);
    let r = call(
        &app,
        &w.admin,
        "POST",
        &format!("/api/v1/initiatives/{id}/answer"),
        Some(accept),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);

    let r = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"password": crate::helpers::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    for table in [
        "meeting_participants WHERE name LIKE '%Тест%' OR position = 'жастар депутаты'",
        "meeting_items WHERE responsible_name LIKE '%Тест%'",
        "initiative_answers WHERE responsible_name LIKE '%Тест%'",
    ] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
    // The records stay: the other participant, the decision and its deadline.
    assert_eq!(
        app.count("meeting_participants WHERE name = 'Асхат Шахаров'")
            .await,
        1
    );
    assert_eq!(
        app.count("meeting_items WHERE deadline = '2031-01-01'")
            .await,
        1
    );
    let shown = app.get_html(&format!("/meetings/{mid}?lang=en")).await;
    assert!(!shown.contains(name));
    assert!(shown.contains("deleted member"), "{shown}");
    let ini = app.get_html(&format!("/initiatives/{id}?lang=en")).await;
    assert!(!ini.contains(name));
}
