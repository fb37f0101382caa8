//! Calendar feeds: a member's bookings at a secret address, strict iCalendar that
//! calendar clients accept; replacing, revoking and deleting the account end the old
//! address; a resource's public feed tells when, never who or why.

use chrono::{DateTime, Utc};
use icalendar::{Component, EventLike, EventStatus};
use ortaq::bookings::Rules;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::bookings::{Center, local, seed_center, set_rules};
use crate::helpers::{PASSWORD, TestApp, problem};

/// A member with an API token.
async fn member(app: &TestApp, email: &str) -> (i64, String) {
    let id = app.create_user(email, "member", None).await;
    (id, app.token(id).await)
}

async fn book(
    app: &TestApp,
    token: &str,
    resource: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    purpose: &str,
) -> Value {
    let r = app
        .client
        .post(app.url("/api/v1/bookings"))
        .bearer_auth(token)
        .json(
            &json!({"resource_id": resource, "start": start.to_rfc3339(),
            "end": end.to_rfc3339(), "purpose": purpose}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

/// Makes (or replaces) the member's feed; answers the path of its address on this server.
async fn make_feed(app: &TestApp, token: &str) -> String {
    let r = app
        .client
        .post(app.url("/api/v1/me/calendar-feed"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let body: Value = r.json().await.unwrap();
    let url = body["url"].as_str().unwrap();
    // The address is under the configured public URL, not the test server's port.
    let path = url.strip_prefix("http://127.0.0.1").unwrap();
    assert!(path.starts_with("/calendar/members/") && path.ends_with(".ics"));
    path.to_string()
}

/// Fetches a feed as a calendar client does: no cookies, no token.
async fn fetch(app: &TestApp, path: &str) -> reqwest::Response {
    app.other_client()
        .0
        .get(app.url(path))
        .send()
        .await
        .unwrap()
}

async fn feed_text(app: &TestApp, path: &str) -> String {
    let r = fetch(app, path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
    r.text().await.unwrap()
}

/// RFC 5545 as a strict client reads it: CRLF line ends, lines folded at 75 octets, every
/// BEGIN closed by its END, VERSION and PRODID, and every event with UID, DTSTAMP and
/// DTSTART/DTEND in UTC. Answers the unfolded lines.
fn strict_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "the last line ends with CRLF");
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "no bare CR or LF"
    );
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split_terminator("\r\n") {
        assert!(raw.len() <= 75, "folded at 75 octets: {raw:?}");
        match raw.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a line to continue").push_str(rest),
            None => lines.push(raw.to_string()),
        }
    }
    let mut open: Vec<&str> = Vec::new();
    let mut event: Vec<&str> = Vec::new();
    for line in &lines {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            open.push(name);
            if name == "VEVENT" {
                event.clear();
            }
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(open.pop(), Some(name), "END matches its BEGIN");
            if name == "VEVENT" {
                for key in ["UID:", "DTSTAMP:", "DTSTART:", "DTEND:"] {
                    let value = event
                        .iter()
                        .find_map(|l| l.strip_prefix(key))
                        .unwrap_or_else(|| panic!("an event without {key}"));
                    if key != "UID:" {
                        assert!(
                            value.len() == 16 && value.ends_with('Z'),
                            "{key}{value} in UTC"
                        );
                    }
                }
            }
        } else if open.last() == Some(&"VEVENT") {
            event.push(line);
        }
    }
    assert!(open.is_empty(), "every BEGIN is closed");
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    lines
}

fn calendar(text: &str) -> icalendar::Calendar {
    text.parse::<icalendar::Calendar>()
        .expect("the icalendar parser reads the feed")
}

fn uids(cal: &icalendar::Calendar) -> Vec<String> {
    cal.events()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect()
}

fn event<'a>(cal: &'a icalendar::Calendar, booking: &Value) -> &'a icalendar::Event {
    let uid = format!("booking-{}@127.0.0.1", booking["id"]);
    cal.events()
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .unwrap_or_else(|| panic!("{uid} is in the feed"))
}

async fn open_center(app: &TestApp) -> Center {
    let center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    set_rules(
        &app.db,
        &center,
        "desk",
        &Rules {
            per_day: None,
            per_week: None,
            ..Rules::defaults("desk")
        },
    )
    .await;
    center
}

#[tokio::test]
async fn a_members_feed_is_strict_icalendar_with_stable_uids_and_statuses() {
    let app = TestApp::spawn().await;
    let center = open_center(&app).await;
    let (_, token) = member(&app, "aliya@example.kz").await;
    let desk = book(
        &app,
        &token,
        center.desks[0],
        local(&center, 1, 10, 0),
        local(&center, 1, 13, 0),
        "Дипломдық жұмыс; 3-тарау, әдебиеттер тізімі және қорытынды бөлім",
    )
    .await;
    let later = book(
        &app,
        &token,
        center.desks[1],
        local(&center, 2, 10, 0),
        local(&center, 2, 11, 0),
        "Курстық жоба",
    )
    .await;
    let hall = book(
        &app,
        &token,
        center.hall,
        local(&center, 3, 14, 0),
        local(&center, 3, 16, 0),
        "«Достық» кеші",
    )
    .await;
    assert_eq!(hall["status"], "pending");
    let path = make_feed(&app, &token).await;

    let text = feed_text(&app, &path).await;
    let lines = strict_lines(&text);
    assert!(
        lines
            .iter()
            .any(|l| l == "X-WR-CALNAME:Ortaq: менің брондауларым")
    );
    let cal = calendar(&text);
    assert_eq!(cal.events().count(), 3);
    let e = event(&cal, &desk);
    // The member chose no language: Kazakh, with the resource and the purpose.
    assert_eq!(
        e.get_summary(),
        Some("Орын 0 — Дипломдық жұмыс; 3-тарау, әдебиеттер тізімі және қорытынды бөлім")
    );
    assert_eq!(e.get_location(), Some("Орталық, Ақтөбе"));
    let code = desk["code"].as_str().unwrap();
    let description = e.get_description().unwrap();
    assert!(
        description.contains(&format!("{}-{}", &code[..4], &code[4..])),
        "{description}"
    );
    assert!(description.contains("Мәртебесі: Расталды"));
    assert_eq!(e.get_status(), Some(EventStatus::Confirmed));
    assert_eq!(
        e.get_start(),
        Some(local(&center, 1, 10, 0).into()),
        "times in UTC"
    );
    assert_eq!(
        event(&cal, &hall).get_status(),
        Some(EventStatus::Tentative),
        "awaiting approval"
    );

    // Two fetches of an unchanged feed are the same, UIDs included.
    let again = feed_text(&app, &path).await;
    assert_eq!(again, text);

    // A cancelled booking stays, as CANCELLED, so that clients remove it.
    let r = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{}/cancel", later["id"])))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let cal = calendar(&feed_text(&app, &path).await);
    assert_eq!(uids(&cal), uids(&calendar(&text)), "the same UIDs");
    assert_eq!(
        event(&cal, &later).get_status(),
        Some(EventStatus::Cancelled)
    );
    assert_eq!(
        event(&cal, &desk).get_status(),
        Some(EventStatus::Confirmed)
    );

    // A member who chose Russian reads Russian.
    app.execute("UPDATE users SET locale = 'ru'").await;
    let cal = calendar(&feed_text(&app, &path).await);
    assert!(
        event(&cal, &desk)
            .get_description()
            .unwrap()
            .contains("Статус: Подтверждено")
    );
    assert!(
        event(&cal, &desk)
            .get_summary()
            .unwrap()
            .starts_with("Место 0 — ")
    );
}

#[tokio::test]
async fn another_members_bookings_never_appear_in_a_feed() {
    let app = TestApp::spawn().await;
    let center = open_center(&app).await;
    let (_, mine) = member(&app, "mine@example.kz").await;
    let (_, theirs) = member(&app, "theirs@example.kz").await;
    let own = book(
        &app,
        &mine,
        center.desks[0],
        local(&center, 1, 10, 0),
        local(&center, 1, 12, 0),
        "Менің жобам",
    )
    .await;
    let other = book(
        &app,
        &theirs,
        center.desks[1],
        local(&center, 1, 10, 0),
        local(&center, 1, 12, 0),
        "Бөтен жоба-уникум",
    )
    .await;
    let path = make_feed(&app, &mine).await;
    let text = feed_text(&app, &path).await;
    let cal = calendar(&text);
    assert_eq!(
        uids(&cal),
        [format!("booking-{}@127.0.0.1", own["id"])],
        "only the owner's booking"
    );
    assert!(!text.contains("уникум"));
    assert!(!text.contains(&format!("booking-{}@", other["id"])));
}

#[tokio::test]
async fn a_replaced_revoked_or_unknown_address_answers_404() {
    let app = TestApp::spawn().await;
    let (id, token) = member(&app, "renew@example.kz").await;
    let first = make_feed(&app, &token).await;
    assert_eq!(fetch(&app, &first).await.status(), StatusCode::OK);
    let second = make_feed(&app, &token).await;
    assert_ne!(first, second);
    assert_eq!(fetch(&app, &first).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &second).await.status(), StatusCode::OK);
    assert_eq!(app.count("calendar_feeds").await, 1, "one feed per member");

    // Only the hash of the secret is stored.
    let secret = second
        .trim_start_matches("/calendar/members/")
        .trim_end_matches(".ics");
    let stored: String = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT token_hash FROM calendar_feeds WHERE user_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await)
    .unwrap();
    assert!(!stored.contains(secret));
    assert_eq!(stored, ortaq::auth::secret_hash(secret));

    let r = app
        .client
        .delete(app.url("/api/v1/me/calendar-feed"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(fetch(&app, &second).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("calendar_feeds").await, 0);

    for path in [
        "/calendar/members/not-a-secret.ics",
        "/calendar/members/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
        "/calendar/members/.ics",
    ] {
        assert_eq!(fetch(&app, path).await.status(), StatusCode::NOT_FOUND);
    }
    let anonymous = app
        .other_client()
        .0
        .post(app.url("/api/v1/me/calendar-feed"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn deleting_the_account_deletes_its_feed() {
    let app = TestApp::spawn().await;
    let (_, token) = member(&app, "leaving@example.kz").await;
    let path = make_feed(&app, &token).await;
    let r = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.count("calendar_feeds").await, 0);
    assert_eq!(fetch(&app, &path).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_resource_feed_tells_when_it_is_taken_never_by_whom_or_why() {
    let app = TestApp::spawn().await;
    let center = open_center(&app).await;
    let (_, token) = member(&app, "secret.keeper@example.kz").await;
    let taken = book(
        &app,
        &token,
        center.room,
        local(&center, 1, 15, 0),
        local(&center, 1, 16, 30),
        "Құпия жоба-уникум",
    )
    .await;
    let cancelled = book(
        &app,
        &token,
        center.room,
        local(&center, 2, 15, 0),
        local(&center, 2, 16, 0),
        "Басқа жоба",
    )
    .await;
    app.client
        .post(app.url(&format!("/api/v1/bookings/{}/cancel", cancelled["id"])))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    // Yesterday's, over: read through the settled bookings' index, listed first.
    let (over_start, over_end) = (local(&center, -1, 10, 0), local(&center, -1, 11, 0));
    ortaq::on_db!(&app.db, pool => sqlx::query(
        "INSERT INTO bookings (resource_id, status, start_at, end_at, created_at)
         VALUES ($1, 'completed', $2, $3, $2)")
        .bind(center.room)
        .bind(over_start)
        .bind(over_end)
        .execute(pool)
        .await
        .map(|_| ()))
    .unwrap();
    let path = format!("/calendar/resources/{}.ics", center.room);
    let text = feed_text(&app, &path).await;
    strict_lines(&text);
    for private in ["уникум", "Басқа жоба", "Тест Қолданушы", "secret.keeper"]
    {
        assert!(!text.contains(private), "{private} is not in a public feed");
    }
    assert!(!text.contains(taken["code"].as_str().unwrap()));
    let cal = calendar(&text);
    assert_eq!(
        cal.events().count(),
        2,
        "live and completed bookings, not cancelled ones"
    );
    let over = cal.events().next().unwrap();
    assert_eq!(over.get_end(), Some(over_end.into()));
    let e = cal.events().nth(1).unwrap();
    assert_eq!(e.get_summary(), Some("Бос емес / Занято"));
    assert_eq!(e.get_location(), Some("Орталық, Ақтөбе / Центр, Актобе"));
    assert_eq!(e.get_end(), Some(local(&center, 1, 16, 30).into()));
    assert!(e.get_uid().unwrap().starts_with("busy-"));

    let ru = calendar(&feed_text(&app, &format!("{path}?lang=ru")).await);
    assert_eq!(ru.events().nth(1).unwrap().get_summary(), Some("Занято"));
    for path in [
        "/calendar/resources/999999.ics".to_string(),
        "/calendar/resources/abc.ics".to_string(),
        format!("/calendar/resources/{}.txt", center.room),
    ] {
        assert_eq!(fetch(&app, &path).await.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_calendar_page_shows_the_address_once_then_replaces_and_revokes_it() {
    let app = TestApp::spawn().await;
    let anonymous = app.get("/calendar").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()["location"], "/login?next=/calendar");

    app.logged_in_as("page@example.kz", "member", None).await;
    let html = app.get_html("/calendar?lang=ru").await;
    assert!(html.contains("У вас пока нет ссылки на календарь."));
    assert!(html.contains("Google Календарь"));

    let made = app.post_form("/calendar/feed", &[]).await;
    assert_eq!(made.status(), StatusCode::OK);
    let html = made.text().await.unwrap();
    let start = html
        .find("http://127.0.0.1/calendar/members/")
        .expect("the address");
    let url = &html[start..start + html[start..].find('"').unwrap()];
    assert!(html.contains(&format!("webcal://{}", &url["http://".len()..])));
    assert!(html.contains("aria-describedby=\"feed-url-hint\""));
    let path = url.strip_prefix("http://127.0.0.1").unwrap().to_string();
    assert_eq!(fetch(&app, &path).await.status(), StatusCode::OK);

    // Shown once: the page no longer knows it.
    let html = app.get_html("/calendar?lang=ru").await;
    assert!(!html.contains(&path));
    assert!(html.contains("Ссылка создана"));

    let revoked = app.post_form("/calendar/feed/revoke", &[]).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert_eq!(revoked.headers()["location"], "/calendar?revoked=1");
    assert_eq!(fetch(&app, &path).await.status(), StatusCode::NOT_FOUND);
    let html = app.get_html("/calendar?revoked=1&lang=kk").await;
    assert!(html.contains("Сілтеме өшірілді"));
}
