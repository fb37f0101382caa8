//! Events on the API: capacity under concurrency and the waitlist in arrival order, the
//! hall booked with the event through the no-overlap guard, Markdown kept inert, guests,
//! check-in once, ratings, permissions — on both backends.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use ortaq::i18n::Text;
use ortaq::org::UnitKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::bookings::{Center, seed_center};
use crate::helpers::{TestApp, problem};

/// A center with a hall, two units under its root, a coordinator of the first.
pub struct Setup {
    pub center: Center,
    pub club: i64,
    pub assembly: i64,
    pub coordinator: i64,
    pub coordinator_token: String,
}

pub async fn setup(app: &TestApp) -> Setup {
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let root = ortaq::org::storage::root(&app.db).await.unwrap().unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let club = ortaq::org::storage::insert(
        &mut tx,
        Some(root),
        UnitKind::DostyqClub,
        &Text::both("«Достық» клубы", "Клуб «Достық»"),
    )
    .await
    .unwrap();
    let assembly = ortaq::org::storage::insert(
        &mut tx,
        Some(root),
        UnitKind::StudentAssembly,
        &Text::both("Студенттік ассамблея", "Студенческая ассамблея"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let coordinator = app
        .create_user("coordinator@example.kz", "coordinator", Some(club))
        .await;
    let coordinator_token = app.token(coordinator).await;
    Setup {
        center,
        club,
        assembly,
        coordinator,
        coordinator_token,
    }
}

/// Hours from now, whole seconds.
pub fn hours(h: i64) -> DateTime<Utc> {
    ortaq::clock::now() + Duration::hours(h)
}

pub fn event_body(unit: i64, start: DateTime<Utc>, end: DateTime<Utc>, capacity: i64) -> Value {
    json!({
        "unit_id": unit,
        "title": {"kk": "Қазақ тілі клубы", "ru": "Разговорный клуб казахского языка"},
        "description": {"kk": "Сөйлесу клубы", "ru": "Разговорный клуб"},
        "category": "language_club",
        "languages": ["kk", "ru"],
        "place": "online",
        "online_url": "https://meet.example.kz/club",
        "start": start.to_rfc3339(),
        "end": end.to_rfc3339(),
        "capacity": capacity,
        "publish": true,
    })
}

pub async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

pub async fn get(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// Creates a published event and answers its id.
pub async fn create_event(app: &TestApp, s: &Setup, body: Value) -> i64 {
    let response = post(app, &s.coordinator_token, "/api/v1/events", body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let v: Value = response.json().await.unwrap();
    v["id"].as_i64().unwrap()
}

/// Members with API tokens.
pub async fn members(app: &TestApp, prefix: &str, n: usize) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for i in 0..n {
        let id = app
            .create_user(&format!("{prefix}{i}@example.kz"), "member", None)
            .await;
        out.push((id, app.token(id).await));
    }
    out
}

async fn register(app: &TestApp, token: &str, event: i64) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/events/{event}/registrations")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn status_of(app: &TestApp, event: i64, user: i64) -> String {
    let sql = format!(
        "SELECT status FROM event_registrations WHERE event_id = {event} AND user_id = {user}"
    );
    ortaq::on_db!(&app.db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
        .unwrap()
}

#[tokio::test]
async fn concurrent_registrations_for_the_last_places_never_exceed_capacity() {
    let app = Arc::new(TestApp::spawn().await);
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(48), hours(50), 5)).await;
    let people = members(&app, "racer", 14).await;
    // Three places go before the race; two are left for fourteen people at once.
    for (_, token) in &people[..3] {
        let r = register(&app, token, event).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["status"], "registered");
    }
    let racers: Vec<_> = people[3..].to_vec();
    let handles: Vec<_> = racers
        .iter()
        .map(|(_, token)| {
            let app = app.clone();
            let token = token.clone();
            tokio::spawn(async move {
                let r = register(&app, &token, event).await;
                assert_eq!(r.status(), StatusCode::CREATED);
                let v: Value = r.json().await.unwrap();
                v["status"].as_str().unwrap().to_string()
            })
        })
        .collect();
    let mut answers = Vec::new();
    for h in handles {
        answers.push(h.await.unwrap());
    }
    assert_eq!(answers.iter().filter(|a| *a == "registered").count(), 2);
    assert_eq!(answers.iter().filter(|a| *a == "waitlisted").count(), 9);
    let where_ = format!("event_registrations WHERE event_id = {event}");
    assert_eq!(
        app.count(&format!("{where_} AND status = 'registered'"))
            .await,
        5
    );
    assert_eq!(
        app.count(&format!("{where_} AND status = 'waitlisted'"))
            .await,
        9
    );
    // The organisers' list: waitlist positions 1..9 in arrival order.
    let list: Vec<Value> = get(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{event}/registrations"),
    )
    .await
    .json()
    .await
    .unwrap();
    let positions: Vec<i64> = list
        .iter()
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    assert_eq!(positions, (1..=9).collect::<Vec<_>>());
    let queue: Vec<i64> = list
        .iter()
        .map(|r| r["queue_no"].as_i64().unwrap())
        .collect();
    let mut sorted = queue.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(queue, sorted, "arrival numbers are distinct and in order");
    // Everyone registered holds an earlier arrival number than anyone waiting.
    let last_registered = list
        .iter()
        .filter(|r| r["status"] == "registered")
        .map(|r| r["queue_no"].as_i64().unwrap())
        .max()
        .unwrap();
    let first_waiting = list
        .iter()
        .filter(|r| r["status"] == "waitlisted")
        .map(|r| r["queue_no"].as_i64().unwrap())
        .min()
        .unwrap();
    assert!(last_registered < first_waiting);
}

#[tokio::test]
async fn the_waitlist_is_in_arrival_order_and_a_cancellation_promotes_exactly_one() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;
    let people = members(&app, "queue", 4).await;
    let mut answers = Vec::new();
    for (_, token) in &people {
        let v: Value = register(&app, token, event).await.json().await.unwrap();
        answers.push((
            v["status"].as_str().unwrap().to_string(),
            v["registration"]["waitlist_position"].as_i64(),
        ));
    }
    assert_eq!(
        answers,
        vec![
            ("registered".to_string(), None),
            ("waitlisted".to_string(), Some(1)),
            ("waitlisted".to_string(), Some(2)),
            ("waitlisted".to_string(), Some(3)),
        ]
    );
    // A second registration of the same person is refused.
    let again = register(&app, &people[1].1, event).await;
    problem(again, StatusCode::CONFLICT, "event_already_registered").await;

    let r = post(
        &app,
        &people[0].1,
        &format!("/api/v1/events/{event}/registrations/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["promoted"], true);
    assert_eq!(status_of(&app, event, people[1].0).await, "registered");
    assert_eq!(status_of(&app, event, people[2].0).await, "waitlisted");
    // The promoted member is told in-app, and no one else.
    assert_eq!(
        app.count(&format!(
            "notifications WHERE user_id = {} AND kind = 'event-promoted' AND link = '/events/{event}'",
            people[1].0
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("notifications WHERE kind = 'event-promoted'")
            .await,
        1
    );
    let browser = app.browser_from("127.0.0.1");
    let r = browser
        .login("queue1@example.kz", crate::helpers::PASSWORD)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = browser
        .get("/notifications?lang=ru")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Освободилось место") && html.contains("Разговорный клуб казахского языка"),
        "{html}"
    );
    assert_eq!(status_of(&app, event, people[3].0).await, "waitlisted");
    let where_ = format!("event_registrations WHERE event_id = {event}");
    assert_eq!(
        app.count(&format!("{where_} AND status = 'registered'"))
            .await,
        1
    );
    // The third is now first in line.
    let v: Value = get(&app, &people[2].1, &format!("/api/v1/events/{event}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["my_registration"]["waitlist_position"], 1);
    // Leaving the waitlist promotes no one.
    let v: Value = post(
        &app,
        &people[3].1,
        &format!("/api/v1/events/{event}/registrations/cancel"),
        json!({}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v["promoted"], false);
    assert_eq!(
        app.count(&format!("{where_} AND status = 'registered'"))
            .await,
        1
    );
    // Registering again after cancelling goes to the end of the line.
    let v: Value = register(&app, &people[0].1, event)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["status"], "waitlisted");
    assert_eq!(v["registration"]["waitlist_position"], 2);
}

/// The list reads every listed event's figures and the caller's registrations together
/// (two reads for the page); each entry must still be that event's own.
#[tokio::test]
async fn the_list_shows_each_events_own_figures_and_the_callers_own_registration() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let full = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;
    let roomy = create_event(&app, &s, event_body(s.club, hours(40), hours(42), 10)).await;
    let empty = create_event(&app, &s, event_body(s.club, hours(50), hours(52), 10)).await;
    let people = members(&app, "lister", 3).await;
    for (_, token) in &people {
        assert_eq!(
            register(&app, token, full).await.status(),
            StatusCode::CREATED
        );
    }
    assert_eq!(
        register(&app, &people[0].1, roomy).await.status(),
        StatusCode::CREATED
    );
    // The third member: waiting second at the full event, nothing at the others.
    let list: Value = get(&app, &people[2].1, "/api/v1/events")
        .await
        .json()
        .await
        .unwrap();
    let entry = |id: i64| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("event {id} is not listed: {list}"))
            .clone()
    };
    let figures = |e: &Value| (e["registered"].clone(), e["waitlisted"].clone());
    assert_eq!(figures(&entry(full)), (json!(1), json!(2)));
    assert_eq!(figures(&entry(roomy)), (json!(1), json!(0)));
    assert_eq!(figures(&entry(empty)), (json!(0), json!(0)));
    assert_eq!(entry(full)["my_registration"]["status"], "waitlisted");
    assert_eq!(entry(full)["my_registration"]["waitlist_position"], 2);
    assert!(entry(roomy).get("my_registration").is_none(), "{list}");
    // Each entry is what the event's own read answers.
    for id in [full, roomy, empty] {
        let own: Value = get(&app, &people[2].1, &format!("/api/v1/events/{id}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(entry(id), own);
    }
    // A guest sees the figures and no registration.
    let guest: Value = app.get("/api/v1/events").await.json().await.unwrap();
    let first = guest
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == full)
        .unwrap();
    assert_eq!(figures(first), (json!(1), json!(2)));
    assert!(first.get("my_registration").is_none());
}

#[tokio::test]
async fn concurrent_cancellations_promote_one_each_and_never_overfill() {
    let app = Arc::new(TestApp::spawn().await);
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 3)).await;
    let people = members(&app, "swap", 8).await;
    for (_, token) in &people {
        assert_eq!(
            register(&app, token, event).await.status(),
            StatusCode::CREATED
        );
    }
    // Three registered cancel at once while two more arrive.
    let mut handles = Vec::new();
    for (_, token) in people[..3].iter() {
        let app = app.clone();
        let token = token.clone();
        handles.push(tokio::spawn(async move {
            post(
                &app,
                &token,
                &format!("/api/v1/events/{event}/registrations/cancel"),
                json!({}),
            )
            .await
            .status()
        }));
    }
    let late = members(&app, "late", 2).await;
    for (_, token) in late {
        let app = app.clone();
        handles.push(tokio::spawn(async move {
            register(&app, &token, event).await.status()
        }));
    }
    for h in handles {
        assert!(h.await.unwrap().is_success());
    }
    let where_ = format!("event_registrations WHERE event_id = {event}");
    assert_eq!(
        app.count(&format!("{where_} AND status = 'registered'"))
            .await,
        3
    );
    // The three promoted are the first three who waited.
    for (id, _) in &people[3..6] {
        assert_eq!(status_of(&app, event, *id).await, "registered");
    }
    for (id, _) in &people[6..] {
        assert_eq!(status_of(&app, event, *id).await, "waitlisted");
    }
}

#[tokio::test]
async fn an_event_over_a_taken_hall_is_refused_and_cancelling_an_event_releases_its_hall() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let (start, end) = (hours(72), hours(75));
    let mut body = event_body(s.club, start, end, 50);
    body["place"] = json!("resource");
    body["resource_id"] = json!(s.center.hall);
    let event = create_event(&app, &s, body.clone()).await;
    let booked = format!(
        "bookings WHERE event_id = {event} AND resource_id = {} AND status = 'confirmed' AND user_id = {}",
        s.center.hall, s.coordinator
    );
    assert_eq!(app.count(&booked).await, 1);

    // Another event over the same hour meets the database's guard.
    body["start"] = json!((start + Duration::hours(1)).to_rfc3339());
    body["end"] = json!((end + Duration::hours(1)).to_rfc3339());
    let refused = post(&app, &s.coordinator_token, "/api/v1/events", body.clone()).await;
    let p = problem(refused, StatusCode::CONFLICT, "booking_conflict").await;
    assert_eq!(p["conflict"]["start"], json!(start));
    assert_eq!(app.count("events").await, 1);

    // The hall is held once, by the event's booking.
    let live = format!(
        "bookings WHERE resource_id = {} AND status IN ('pending', 'confirmed', 'checked_in')",
        s.center.hall
    );
    assert_eq!(app.count(&live).await, 1);
    let member = app.create_user("m@example.kz", "member", None).await;
    let token = app.token(member).await;
    // Cancelling the event releases the hall: the other event now fits.
    let r = post(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{event}/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.count(&booked).await, 0);
    assert_eq!(app.count(&live).await, 0);
    let r = post(&app, &s.coordinator_token, "/api/v1/events", body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Cancelled: no one may register any more.
    let r = register(&app, &token, event).await;
    problem(r, StatusCode::CONFLICT, "event_cancelled").await;
}

#[tokio::test]
async fn cancelling_an_event_tells_everyone_registered_or_waiting() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;
    let people = members(&app, "told", 3).await;
    for (_, token) in &people {
        register(&app, token, event).await;
    }
    post(
        &app,
        &people[2].1,
        &format!("/api/v1/events/{event}/registrations/cancel"),
        json!({}),
    )
    .await;
    let r = post(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{event}/cancel"),
        json!({}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        app.count("notifications WHERE kind = 'event-cancelled'")
            .await,
        2
    );
    for (id, _) in &people[..2] {
        assert_eq!(
            app.count(&format!(
                "notifications WHERE kind = 'event-cancelled' AND user_id = {id}"
            ))
            .await,
            1
        );
    }
    assert_eq!(
        app.count(&format!(
            "audit_log WHERE action = 'event.cancel' AND object_id = {event}"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn an_event_booked_in_a_free_hall_moves_its_booking_when_its_time_changes() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let mut body = event_body(s.club, hours(100), hours(102), 50);
    body["place"] = json!("resource");
    body["resource_id"] = json!(s.center.hall);
    let event = create_event(&app, &s, body.clone()).await;
    // Someone books the hall later that day.
    let member = app.create_user("m@example.kz", "member", None).await;
    let token = app.token(member).await;
    let r = post(
        &app,
        &token,
        "/api/v1/bookings",
        json!({"resource_id": s.center.hall, "start": hours(104).to_rfc3339(), "end": hours(105).to_rfc3339()}),
    )
    .await;
    let booking_ok = r.status() == StatusCode::CREATED;
    // Moving the event onto that booking is refused; moving it elsewhere follows.
    body["start"] = json!(hours(103).to_rfc3339());
    body["end"] = json!(hours(105).to_rfc3339());
    let r = app
        .client
        .put(app.url(&format!("/api/v1/events/{event}")))
        .bearer_auth(&s.coordinator_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    if booking_ok {
        problem(r, StatusCode::CONFLICT, "booking_conflict").await;
    }
    let later = hours(110);
    body["start"] = json!(later.to_rfc3339());
    body["end"] = json!((later + Duration::hours(2)).to_rfc3339());
    let r = app
        .client
        .put(app.url(&format!("/api/v1/events/{event}")))
        .bearer_auth(&s.coordinator_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let moved = format!(
        "bookings WHERE event_id = {event} AND status = 'confirmed' AND start_at = '{}'",
        later.to_rfc3339().replace('Z', "+00:00")
    );
    if !app.is_postgres() {
        assert_eq!(app.count(&moved).await, 1);
    }
    assert_eq!(
        app.count(&format!(
            "bookings WHERE event_id = {event} AND status = 'confirmed'"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn markdown_with_script_tags_renders_inert() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let mut body = event_body(s.club, hours(30), hours(32), 10);
    body["description"] = json!({
        "ru": "**Наурыз** <script>alert('x')</script> <img src=x onerror=alert(1)> [link](javascript:alert(2))"
    });
    let event = create_event(&app, &s, body).await;
    let v: Value = app
        .get(&format!("/api/v1/events/{event}"))
        .await
        .json()
        .await
        .unwrap();
    let html = v["description_html"]["ru"].as_str().unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    // The source is kept as written.
    assert!(
        v["description"]["ru"]
            .as_str()
            .unwrap()
            .contains("<script>")
    );
    let page = app.get_html(&format!("/events/{event}?lang=ru")).await;
    assert!(!page.contains("<script>alert"), "the page keeps it inert");
}

#[tokio::test]
async fn guests_register_for_public_events_only_with_consent() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let public = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 10)).await;
    let mut members_only = event_body(s.club, hours(30), hours(32), 10);
    members_only["audience"] = json!("members");
    let members_only = create_event(&app, &s, members_only).await;
    let guest = json!({"guest": {"name": "Данияр Сейтқали", "email": "daniyar@example.kz",
                                  "phone": "+7 701 111 22 33", "consent": true}});
    let anonymous = app.other_client().0;
    let r = anonymous
        .post(app.url(&format!("/api/v1/events/{public}/registrations")))
        .json(&guest)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "registered");
    assert_eq!(v["registration"]["guest"], true);
    let ticket = v["ticket_url"].as_str().unwrap().to_string();
    assert!(ticket.contains("/events/tickets/"));
    assert_eq!(
        app.count(&format!(
            "event_registrations WHERE event_id = {public} AND kind = 'guest'
             AND consent_version = 'event-guest-v1' AND consent_at IS NOT NULL
             AND token_hash IS NOT NULL AND guest_phone LIKE '%701%111%22%33'"
        ))
        .await,
        1
    );
    // The same email again is the same person.
    let r = anonymous
        .post(app.url(&format!("/api/v1/events/{public}/registrations")))
        .json(&guest)
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::CONFLICT, "event_already_registered").await;
    // Without consent: refused, the field named.
    let mut no_consent = guest.clone();
    no_consent["guest"]["consent"] = json!(false);
    no_consent["guest"]["email"] = json!("other@example.kz");
    let r = anonymous
        .post(app.url(&format!("/api/v1/events/{public}/registrations")))
        .json(&no_consent)
        .send()
        .await
        .unwrap();
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "consent");
    // Members-only events take no guests.
    let r = anonymous
        .post(app.url(&format!("/api/v1/events/{members_only}/registrations")))
        .json(&guest)
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "event_members_only").await;
    // The guest's ticket page shows the code and a QR, without an account.
    let path = ticket.split_once("://").unwrap().1;
    let path = &path[path.find('/').unwrap()..];
    let page = anonymous.get(app.url(path)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg"), "a QR code");
    assert!(html.contains("Данияр Сейтқали"));
}

#[tokio::test]
async fn check_in_marks_attendance_once_and_a_repeat_says_who_and_when() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(1), hours(3), 1)).await;
    let people = members(&app, "door", 2).await;
    let v: Value = register(&app, &people[0].1, event)
        .await
        .json()
        .await
        .unwrap();
    let code = v["registration"]["code"].as_str().unwrap().to_string();
    let v: Value = register(&app, &people[1].1, event)
        .await
        .json()
        .await
        .unwrap();
    let waiting_code = v["registration"]["code"].as_str().unwrap().to_string();
    let path = format!("/api/v1/events/{event}/check-in");

    // A member cannot check people in.
    let r = post(&app, &people[1].1, &path, json!({"code": code})).await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;

    let scanned = format!("{}/events/{event}/check-in?code={code}", app.address);
    let r = post(&app, &s.coordinator_token, &path, json!({"code": scanned})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["result"], "checked_in");
    let first_at = v["registration"]["checked_in_at"].clone();
    assert!(first_at.is_string());

    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let v: Value = post(&app, &s.coordinator_token, &path, json!({"code": typed}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["result"], "already");
    assert_eq!(v["registration"]["checked_in_at"], first_at);
    assert_eq!(v["registration"]["name"], "Тест Қолданушы");
    assert_eq!(
        app.count(&format!(
            "event_registrations WHERE event_id = {event} AND checked_in_at IS NOT NULL"
        ))
        .await,
        1
    );
    let r = post(
        &app,
        &s.coordinator_token,
        &path,
        json!({"code": waiting_code}),
    )
    .await;
    problem(r, StatusCode::CONFLICT, "event_ticket_waitlisted").await;
    let r = post(
        &app,
        &s.coordinator_token,
        &path,
        json!({"code": "ABCD-EFGH"}),
    )
    .await;
    problem(r, StatusCode::CONFLICT, "event_ticket_unknown").await;
    let v: Value = get(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{event}"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v["checked_in"], 1);
    // Checked in: the place can no longer be given up.
    let r = post(
        &app,
        &people[0].1,
        &format!("/api/v1/events/{event}/registrations/cancel"),
        json!({}),
    )
    .await;
    problem(r, StatusCode::CONFLICT, "event_already_checked_in").await;
}

#[tokio::test]
async fn attendees_rate_once_after_the_event_and_organisers_see_the_summary() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(1), hours(3), 5)).await;
    let people = members(&app, "rater", 3).await;
    let mut codes = Vec::new();
    for (_, token) in &people {
        let v: Value = register(&app, token, event).await.json().await.unwrap();
        codes.push(v["registration"]["code"].as_str().unwrap().to_string());
    }
    for code in &codes[..2] {
        let r = post(
            &app,
            &s.coordinator_token,
            &format!("/api/v1/events/{event}/check-in"),
            json!({"code": code}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let rate = |token: String, body: Value| {
        let app = &app;
        async move {
            post(
                app,
                &token,
                &format!("/api/v1/events/{event}/ratings"),
                body,
            )
            .await
        }
    };
    let r = rate(people[0].1.clone(), json!({"stars": 5})).await;
    problem(r, StatusCode::CONFLICT, "event_not_over").await;
    // The event ends.
    let past_start = (ortaq::clock::now() - Duration::hours(3)).to_rfc3339();
    let past_end = (ortaq::clock::now() - Duration::hours(1)).to_rfc3339();
    let (ps, pe) = if app.is_postgres() {
        (past_start.clone(), past_end.clone())
    } else {
        (
            past_start.replace('Z', "+00:00"),
            past_end.replace('Z', "+00:00"),
        )
    };
    app.execute(&format!(
        "UPDATE events SET start_at = '{ps}', end_at = '{pe}' WHERE id = {event}"
    ))
    .await;
    let r = rate(
        people[0].1.clone(),
        json!({"stars": 5, "comment": "Керемет кеш!"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = rate(people[0].1.clone(), json!({"stars": 4})).await;
    problem(r, StatusCode::CONFLICT, "event_already_rated").await;
    let r = rate(people[1].1.clone(), json!({"stars": 6})).await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let r = rate(people[1].1.clone(), json!({"stars": 3})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Not checked in: no rating.
    let r = rate(people[2].1.clone(), json!({"stars": 1})).await;
    problem(r, StatusCode::CONFLICT, "event_not_attended").await;

    let r = get(
        &app,
        &people[0].1,
        &format!("/api/v1/events/{event}/ratings"),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let v: Value = get(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{event}/ratings"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v["count"], 2);
    assert_eq!(v["average"], 4.0);
    assert_eq!(v["distribution"], json!([0, 0, 1, 0, 1]));
    assert_eq!(v["comments"][0]["comment"], "Керемет кеш!");
}

#[tokio::test]
async fn a_member_cannot_create_for_a_unit_they_do_not_organise_nor_read_the_list() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let member = app.create_user("m@example.kz", "member", None).await;
    let token = app.token(member).await;
    let r = post(
        &app,
        &token,
        "/api/v1/events",
        event_body(s.club, hours(30), hours(32), 10),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    // The club's coordinator cannot organise for the student assembly beside it.
    let r = post(
        &app,
        &s.coordinator_token,
        "/api/v1/events",
        event_body(s.assembly, hours(30), hours(32), 10),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 10)).await;
    let r = get(
        &app,
        &token,
        &format!("/api/v1/events/{event}/registrations"),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = app
        .get(&format!("/api/v1/events/{event}/registrations"))
        .await;
    problem(r, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    // A draft is not seen by others at all.
    let mut draft = event_body(s.club, hours(30), hours(32), 10);
    draft["publish"] = json!(false);
    let draft = create_event(&app, &s, draft).await;
    let r = get(&app, &token, &format!("/api/v1/events/{draft}")).await;
    problem(r, StatusCode::NOT_FOUND, "not_found").await;
    let r = register(&app, &token, draft).await;
    problem(r, StatusCode::NOT_FOUND, "not_found").await;
    // Organisers add a member by hand.
    let r = post(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{event}/registrations"),
        json!({"user_id": member}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(
        app.count(&format!(
            "audit_log WHERE action = 'event.registration_add' AND object_id = {event}"
        ))
        .await,
        1
    );
    // Audience `units`: only members of those units.
    let mut units_only = event_body(s.club, hours(30), hours(32), 10);
    units_only["audience"] = json!("units");
    units_only["audience_unit_ids"] = json!([s.assembly]);
    let units_only = create_event(&app, &s, units_only).await;
    let r = register(&app, &token, units_only).await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "event_not_for_you").await;
}

#[tokio::test]
async fn events_are_listed_with_filters_and_closed_registration_refuses() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let club_event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 10)).await;
    let mut sport = event_body(s.club, hours(40), hours(42), 10);
    sport["category"] = json!("sport");
    sport["languages"] = json!(["en"]);
    let sport = create_event(&app, &s, sport).await;
    let ids = |v: Value| -> Vec<i64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    let all: Value = app.get("/api/v1/events").await.json().await.unwrap();
    assert_eq!(ids(all), vec![club_event, sport]);
    let v: Value = app
        .get("/api/v1/events?category=sport")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ids(v), vec![sport]);
    let v: Value = app
        .get("/api/v1/events?language=kk")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ids(v), vec![club_event]);
    let v: Value = app
        .get(&format!("/api/v1/events?unit_id={}", s.assembly))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ids(v), Vec::<i64>::new());
    let r = app.get("/api/v1/events?category=party").await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

    let r = post(
        &app,
        &s.coordinator_token,
        &format!("/api/v1/events/{club_event}/registration-closed"),
        json!({"closed": true}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let member = app.create_user("m@example.kz", "member", None).await;
    let token = app.token(member).await;
    let r = register(&app, &token, club_event).await;
    problem(r, StatusCode::CONFLICT, "event_registration_closed").await;
    // The OpenAPI document lists the events' paths.
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for path in [
        "/api/v1/events",
        "/api/v1/events/{id}",
        "/api/v1/events/{id}/registrations",
        "/api/v1/events/{id}/registrations/cancel",
        "/api/v1/events/{id}/check-in",
        "/api/v1/events/{id}/ratings",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
}

#[tokio::test]
async fn organisers_export_the_list_as_csv_and_xlsx_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;
    let people = members(&app, "export", 2).await;
    for (_, token) in &people {
        register(&app, token, event).await;
    }
    // A member may not download it.
    let r = get(
        &app,
        &people[0].1,
        &format!("/events/{event}/registrations.csv"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .client
        .get(app.url(&format!("/events/{event}/registrations.csv?lang=ru")))
        .bearer_auth(&s.coordinator_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("event-{event}-registrations"))
    );
    let text = r.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].contains("Статус"), "{}", lines[0]);
    assert_eq!(lines.len(), 3);
    assert!(lines[1].contains("export0@example.kz") && lines[1].contains("Зарегистрирован"));
    assert!(lines[2].contains("export1@example.kz") && lines[2].contains("В листе ожидания"));
    let r = app
        .client
        .get(app.url(&format!("/events/{event}/registrations.xlsx?lang=kk")))
        .bearer_auth(&s.coordinator_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"));
    assert_eq!(
        app.count(&format!(
            "audit_log WHERE action = 'event.export' AND object_id = {event}"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn the_pages_show_the_event_the_waitlist_position_and_the_organisers_tools() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;
    app.create_user("first@example.kz", "member", None).await;
    app.create_user("second@example.kz", "member", None).await;
    let first = app.browser_logged_in("first@example.kz").await;
    let second = app.browser_logged_in("second@example.kz").await;
    let page = format!("/events/{event}");
    let list = first.get("/events?lang=kk").await.text().await.unwrap();
    assert!(list.contains("Қазақ тілі клубы"), "{list}");
    let r = first
        .post_form(&page, &format!("/events/{event}/register"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = second
        .post_form(&page, &format!("/events/{event}/register"), &[])
        .await;
    assert_eq!(
        r.headers()["location"],
        format!("/events/{event}?done=waitlisted").as_str()
    );
    let html = second
        .get(&format!("{page}?lang=ru"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("номер в очереди: 1"), "{html}");
    assert!(html.contains("Выйти из листа ожидания"));
    let ticket = first
        .get(&format!("/events/{event}/ticket"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ticket.contains("<svg"), "the ticket has its QR code");
    let mine = first
        .get("/events/mine?lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("My ticket"), "{mine}");
    // The .ics of the one event.
    let r = first.get(&format!("/events/{event}/calendar.ics")).await;
    assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = r.text().await.unwrap();
    assert!(ics.contains(&format!("UID:event-{event}@")), "{ics}");
    // The public feed lists it; the member's own feed has it once registered.
    let feed = app.get_html("/calendar/events.ics").await;
    assert!(feed.contains(&format!("UID:event-{event}@")));
    // Organisers see their tools; members do not.
    assert!(!html.contains(&format!("/events/{event}/edit")));
    app.logged_in_as("boss@example.kz", "coordinator", Some(s.club))
        .await;
    let own = app.get_html(&format!("{page}?lang=en")).await;
    assert!(own.contains(&format!("/events/{event}/edit")));
    let list = app
        .get_html(&format!("/events/{event}/registrations?lang=en"))
        .await;
    assert!(list.contains("first@example.kz") && list.contains("second@example.kz"));
    // The form keeps what was typed when refused.
    let r = app
        .post_form(
            "/events/new",
            &[
                ("unit_id", &s.club.to_string()),
                ("title_kk", "Жаңа кездесу"),
                ("title_ru", ""),
                ("category", "culture"),
                ("languages", "kk"),
                ("place", "online"),
                ("online_url", "ftp://nope"),
                ("start", "2031-05-04T18:00"),
                ("end", "2031-05-04T17:00"),
                ("capacity", "20"),
                ("audience", "everyone"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("value=\"Жаңа кездесу\""), "{html}");
    assert!(html.contains("value=\"ftp://nope\""));
    assert!(html.contains("value=\"2031-05-04T18:00\""));
    // And saves it once right.
    let r = app
        .post_form(
            "/events/new",
            &[
                ("unit_id", &s.club.to_string()),
                ("title_kk", "Жаңа кездесу"),
                ("category", "culture"),
                ("languages", "kk"),
                ("languages", "ru"),
                ("place", "online"),
                ("online_url", "https://meet.example.kz/x"),
                ("start", "2031-05-04T18:00"),
                ("end", "2031-05-04T20:00"),
                ("capacity", "20"),
                ("audience", "everyone"),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(
            "events WHERE title_kk = 'Жаңа кездесу' AND status = 'published' AND languages = 'kk ru'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_demo_has_a_season_of_events_with_registrations_waitlists_check_ins_and_ratings() {
    let app = TestApp::spawn_demo().await;
    assert!(app.count("events").await >= 10);
    let now = ortaq::clock::now().to_rfc3339().replace('Z', "+00:00");
    let now = if app.is_postgres() {
        ortaq::clock::now().to_rfc3339()
    } else {
        now
    };
    assert!(
        app.count(&format!(
            "events WHERE end_at <= '{now}' AND status = 'published'"
        ))
        .await
            >= 3
    );
    assert!(
        app.count(&format!(
            "events WHERE start_at > '{now}' AND status = 'published'"
        ))
        .await
            >= 4
    );
    assert_eq!(app.count("events WHERE status = 'draft'").await, 1);
    assert_eq!(app.count("events WHERE status = 'cancelled'").await, 1);
    assert!(
        app.count("event_registrations WHERE status = 'waitlisted'")
            .await
            >= 3
    );
    assert!(
        app.count("event_registrations WHERE checked_in_at IS NOT NULL")
            .await
            >= 50
    );
    assert!(app.count("event_ratings").await >= 20);
    assert!(app.count("event_ratings WHERE comment IS NOT NULL").await >= 5);
    assert!(app.count("event_registrations WHERE kind = 'guest'").await >= 2);
    // Never more registered than places.
    assert_eq!(
        app.count(
            "events e WHERE (SELECT COUNT(*) FROM event_registrations r
                WHERE r.event_id = e.id AND r.status = 'registered') > e.capacity"
        )
        .await,
        0
    );
    // Every event at the center holds its resource through a booking of its own, and a
    // cancelled one holds nothing.
    assert_eq!(
        app.count(
            "events e WHERE e.place = 'resource' AND e.status = 'published' AND NOT EXISTS
                (SELECT 1 FROM bookings b WHERE b.event_id = e.id
                 AND b.status IN ('confirmed', 'completed'))"
        )
        .await,
        0
    );
    // The pages read well in Kazakh and Russian.
    let list = app.get_html("/events?lang=kk").await;
    assert!(list.contains("«Бірлік» ұлтаралық жастар форумы"), "{list}");
    let past = app.get_html("/events?when=past&lang=ru").await;
    assert!(
        past.contains("Вечер русской литературы: Абай и Пушкин"),
        "{past}"
    );
    let feed = app.get_html("/calendar/events.ics").await;
    assert!(feed.contains("BEGIN:VEVENT"));
}

#[tokio::test]
async fn the_members_own_feed_has_the_events_they_hold_a_place_at() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;
    let other = create_event(&app, &s, event_body(s.club, hours(40), hours(42), 1)).await;
    let people = members(&app, "feed", 2).await;
    register(&app, &people[0].1, event).await;
    register(&app, &people[0].1, other).await;
    register(&app, &people[1].1, event).await; // waitlisted
    let feed_of = |token: String| {
        let app = &app;
        async move {
            let v: Value = post(app, &token, "/api/v1/me/calendar-feed", json!({}))
                .await
                .json()
                .await
                .unwrap();
            let url = v["url"].as_str().unwrap().to_string();
            let path = url.split_once("/calendar/").unwrap().1;
            app.get_html(&format!("/calendar/{path}")).await
        }
    };
    let feed = feed_of(people[0].1.clone()).await;
    assert!(feed.contains(&format!("UID:event-{event}@")), "{feed}");
    assert!(feed.contains(&format!("UID:event-{other}@")));
    // Waitlisted: not in the feed.
    let waiting = feed_of(people[1].1.clone()).await;
    assert!(
        !waiting.contains(&format!("UID:event-{event}@")),
        "{waiting}"
    );
}
