//! Space administration: a space manager of the center edits hours, rules, resources,
//! who may book and closures through the API and the pages; the booking API then obeys
//! the new rules; everyone else is refused and changes nothing; bad input is refused
//! with localized field errors; every change is audited with old and new values.

use chrono::{DateTime, Utc};
use ortaq::db::Db;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::bookings::{Center, local, seed_center};
use crate::helpers::{Browser, TestApp, problem};

struct Setup {
    app: TestApp,
    center: Center,
    unit: i64,
    manager: String,
    member: String,
}

/// The center, its space manager and a member, with API tokens.
async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    let unit = ortaq::spaces::storage::location(&app.db, center.location)
        .await
        .unwrap()
        .unwrap()
        .unit_id;
    let manager = app
        .create_user("manager@example.kz", "space_manager", Some(unit))
        .await;
    let manager = app.token(manager).await;
    let member = app.create_user("member@example.kz", "member", None).await;
    let member = app.token(member).await;
    Setup {
        app,
        center,
        unit,
        manager,
        member,
    }
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = app
        .client
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("Accept-Language", "ru");
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn book(
    app: &TestApp,
    token: &str,
    resource: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> reqwest::Response {
    send(
        app,
        reqwest::Method::POST,
        token,
        "/api/v1/bookings",
        Some(
            json!({"resource_id": resource, "start": start.to_rfc3339(), "end": end.to_rfc3339()}),
        ),
    )
    .await
}

async fn scalar(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(pool)
            .await
            .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(pool)
            .await
            .unwrap(),
    }
}

/// The audit entries of an action, newest first, as JSON details.
async fn audit(db: &Db, action: &str) -> Vec<Value> {
    let sql = "SELECT detail FROM audit_log WHERE action = $1 ORDER BY id DESC";
    let rows: Vec<String> = match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql)
            .bind(action)
            .fetch_all(pool)
            .await
            .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql)
            .bind(action)
            .fetch_all(pool)
            .await
            .unwrap(),
    };
    rows.iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect()
}

fn rules(per_day: Option<i32>) -> Value {
    json!({"slot_minutes": 30, "min_minutes": 30, "max_minutes": 240, "lead_minutes": 0,
           "horizon_days": 14, "per_day": per_day, "per_week": null, "buffer_minutes": 0,
           "needs_approval": false, "check_in_minutes": 15, "within_hours": true})
}

#[tokio::test]
async fn a_space_manager_changes_the_rules_and_the_booking_api_obeys_them() {
    let Setup {
        app,
        center,
        manager,
        member,
        ..
    } = setup().await;
    let c = &center;
    // One desk a day per member.
    let r = send(
        &app,
        reqwest::Method::PUT,
        &manager,
        &format!("/api/v1/locations/{}/rules/desk", c.location),
        Some(rules(Some(1))),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = book(
        &app,
        &member,
        c.desks[0],
        local(c, 1, 10, 0),
        local(c, 1, 11, 0),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let first: Value = r.json().await.unwrap();
    let r = book(
        &app,
        &member,
        c.desks[1],
        local(c, 1, 12, 0),
        local(c, 1, 13, 0),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_quota_day").await;
    let entry = &audit(&app.db, "rules.set").await[0];
    assert_eq!(entry["kind"], "desk");
    assert_eq!(
        entry["old"]["per_day"], 2,
        "the defaults were in force: {entry}"
    );
    assert_eq!(entry["new"]["per_day"], 1);

    // A closure over the whole day after tomorrow: bookings in it get their own code, and
    // the one already there is listed for staff to decide about.
    let day = (chrono::Utc::now().with_timezone(&c.tz).date_naive() + chrono::Duration::days(1))
        .to_string();
    let r = send(&app, reqwest::Method::POST, &manager, &format!("/api/v1/locations/{}/closures", c.location),
        Some(json!({"start_date": day, "end_date": day, "reason": {"kk": "Мереке", "ru": "Праздник"}}))).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let added: Value = r.json().await.unwrap();
    assert_eq!(added["affected"].as_array().unwrap().len(), 1);
    assert_eq!(added["affected"][0]["id"], first["id"]);
    assert_eq!(
        added["closure"]["start"],
        local(c, 1, 0, 0).to_rfc3339().replace("+00:00", "Z")
    );
    let r = book(
        &app,
        &member,
        c.room,
        local(c, 1, 15, 0),
        local(c, 1, 16, 0),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_closed").await;
    let closure = added["closure"]["id"].as_i64().unwrap();
    let listed: Value = send(
        &app,
        reqwest::Method::GET,
        &manager,
        &format!("/api/v1/locations/{}/closures", c.location),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(listed[0]["reason"]["kk"], "Мереке");
    let r = send(
        &app,
        reqwest::Method::DELETE,
        &manager,
        &format!("/api/v1/locations/{}/closures/{closure}", c.location),
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.count("closures").await, 0);
    let deleted = &audit(&app.db, "closure.delete").await[0];
    assert_eq!(deleted["old"]["reason"]["ru"], "Праздник");
    assert!(deleted["new"].is_null());

    // The location's details; the answer shows them.
    let r = send(&app, reqwest::Method::PATCH, &manager, &format!("/api/v1/locations/{}", c.location),
        Some(json!({"name": {"kk": "Орталық", "ru": "Центр"}, "address": {"ru": "Актобе, пр. Абилкайыр хана, 40"},
                    "phone": "+7 7132 55 00 40", "time_zone": "Asia/Aqtobe"}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let location: Value = r.json().await.unwrap();
    assert_eq!(location["phone"], "+7 7132 55 00 40");
    let entry = &audit(&app.db, "location.edit").await[0];
    assert_eq!(entry["old"]["address"]["kk"], "Ақтөбе");
    assert!(entry["new"]["address"].get("kk").is_none());

    // Shorter hours: 10:00–12:00 every day.
    let hours: Vec<Value> = (1..=7)
        .map(|d| json!({"weekday": d, "opens": "10:00", "closes": "12:00"}))
        .collect();
    let r = send(
        &app,
        reqwest::Method::PUT,
        &manager,
        &format!("/api/v1/locations/{}/hours", c.location),
        Some(json!({"hours": hours})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let location: Value = r.json().await.unwrap();
    assert_eq!(location["hours"][0]["closes"], "12:00");
    let r = book(
        &app,
        &member,
        c.room,
        local(c, 2, 13, 0),
        local(c, 2, 14, 0),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_outside_hours").await;
    let entry = &audit(&app.db, "location.hours").await[0];
    assert_eq!(entry["old"][0]["opens"], "08:00");
    assert_eq!(entry["new"][0]["opens"], "10:00");

    // A retired desk takes no new bookings, and keeps its old one.
    let r = send(
        &app,
        reqwest::Method::PATCH,
        &manager,
        &format!("/api/v1/resources/{}", c.desks[1]),
        Some(json!({"active": false})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = book(
        &app,
        &member,
        c.desks[1],
        local(c, 2, 10, 0),
        local(c, 2, 11, 0),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "resource_inactive").await;
    let entry = &audit(&app.db, "resource.retire").await[0];
    assert_eq!(
        (
            entry["old"]["active"].clone(),
            entry["new"]["active"].clone()
        ),
        (json!(true), json!(false))
    );

    // A new meeting room whose own rules need approval; removing them brings back the kind's.
    let r = send(&app, reqwest::Method::POST, &manager, "/api/v1/resources", Some(json!({
        "location_id": c.location, "kind": "meeting_room", "name": {"kk": "«Бірлік» мәжіліс залы", "ru": "Переговорная «Бірлік»"},
        "description": {"ru": "Экран и доска"}, "capacity": 8, "amenities": ["screen", "whiteboard", "wifi"]}))).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let room: Value = r.json().await.unwrap();
    assert_eq!(room["amenities"], json!(["wifi", "whiteboard", "screen"]));
    let room_id = room["id"].as_i64().unwrap();
    let mut own = rules(None);
    own["needs_approval"] = json!(true);
    let r = send(
        &app,
        reqwest::Method::PUT,
        &manager,
        &format!("/api/v1/resources/{room_id}/rules"),
        Some(own),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let viewed: Value = r.json().await.unwrap();
    assert_eq!(viewed["rules"]["needs_approval"], true);
    let pending: Value = book(
        &app,
        &member,
        room_id,
        local(c, 2, 10, 0),
        local(c, 2, 11, 0),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(pending["status"], "pending");
    let r = send(
        &app,
        reqwest::Method::DELETE,
        &manager,
        &format!("/api/v1/resources/{room_id}/rules"),
        None,
    )
    .await;
    let viewed: Value = r.json().await.unwrap();
    assert_eq!(viewed["rules"]["needs_approval"], false);
    assert!(audit(&app.db, "rules.clear").await[0]["old"]["needs_approval"] == true);

    // Only coordinators may book the room now; the member is refused.
    let r = send(
        &app,
        reqwest::Method::PUT,
        &manager,
        &format!("/api/v1/resources/{room_id}/access"),
        Some(json!({"roles": ["coordinator"]})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = book(
        &app,
        &member,
        room_id,
        local(c, 2, 11, 0),
        local(c, 2, 12, 0),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "booking_not_allowed").await;
    let entry = &audit(&app.db, "resource.access").await[0];
    assert_eq!(entry["old"]["roles"], json!([]));
    assert_eq!(entry["new"]["roles"], json!(["coordinator"]));
    assert!(audit(&app.db, "resource.create").await[0]["new"]["name"]["kk"].is_string());
}

#[tokio::test]
async fn a_coordinator_or_a_member_cannot_change_spaces() {
    let s = setup().await;
    let (app, c) = (&s.app, &s.center);
    let coordinator = app
        .create_user("coord@example.kz", "coordinator", Some(s.unit))
        .await;
    let coordinator = app.token(coordinator).await;
    let before = (
        app.count("booking_rules").await,
        app.count("closures").await,
        app.count("resources").await,
        app.count("opening_hours").await,
        app.count("resource_access").await,
        app.count("audit_log").await,
    );
    for token in [&coordinator, &s.member] {
        let hours = json!({"hours": [{"weekday": 1, "opens": "10:00", "closes": "11:00"}]});
        let calls: Vec<(reqwest::Method, String, Option<Value>)> = vec![
            (
                reqwest::Method::PUT,
                format!("/api/v1/locations/{}/hours", c.location),
                Some(hours),
            ),
            (
                reqwest::Method::PUT,
                format!("/api/v1/locations/{}/rules/desk", c.location),
                Some(rules(Some(1))),
            ),
            (
                reqwest::Method::PUT,
                format!("/api/v1/resources/{}/rules", c.room),
                Some(rules(Some(1))),
            ),
            (
                reqwest::Method::DELETE,
                format!("/api/v1/resources/{}/rules", c.room),
                None,
            ),
            (
                reqwest::Method::PATCH,
                format!("/api/v1/resources/{}", c.room),
                Some(json!({"active": false})),
            ),
            (
                reqwest::Method::POST,
                "/api/v1/resources".into(),
                Some(
                    json!({"location_id": c.location, "kind": "desk", "name": {"ru": "Место"}, "capacity": 1}),
                ),
            ),
            (
                reqwest::Method::PUT,
                format!("/api/v1/resources/{}/access", c.room),
                Some(json!({"roles": ["admin"]})),
            ),
            (
                reqwest::Method::POST,
                format!("/api/v1/locations/{}/closures", c.location),
                Some(json!({"start_date": "2030-01-01", "end_date": "2030-01-01"})),
            ),
            (
                reqwest::Method::GET,
                format!("/api/v1/locations/{}/closures", c.location),
                None,
            ),
        ];
        for (method, path, body) in calls {
            let r = send(app, method.clone(), token, &path, body).await;
            problem(r, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
    // The pages too.
    let browser = app.browser_logged_in("coord@example.kz").await;
    for page in [
        "/manage".to_string(),
        format!("/manage/locations/{}", c.location),
        format!("/manage/resources/{}", c.room),
        format!("/manage/resources/{}/poster", c.room),
        format!("/manage/locations/{}/rules/desk", c.location),
    ] {
        assert_eq!(
            browser.get(&page).await.status(),
            StatusCode::FORBIDDEN,
            "{page}"
        );
    }
    let r = browser
        .post_form(
            "/account",
            &format!("/manage/locations/{}/hours", c.location),
            &[
                ("open_1", "on"),
                ("opens_1", "10:00"),
                ("closes_1", "11:00"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let after = (
        app.count("booking_rules").await,
        app.count("closures").await,
        app.count("resources").await,
        app.count("opening_hours").await,
        app.count("resource_access").await,
        app.count("audit_log").await,
    );
    assert_eq!(before, after);
    let active = scalar(
        &app.db,
        &format!(
            "SELECT COUNT(*) FROM resources WHERE active = TRUE AND id = {}",
            c.room
        ),
    )
    .await;
    assert_eq!(active, 1);
}

#[tokio::test]
async fn bad_input_is_refused_in_the_readers_language_and_changes_nothing() {
    let s = setup().await;
    let (app, c) = (&s.app, &s.center);
    let before = (
        app.count("booking_rules").await,
        app.count("opening_hours").await,
        app.count("audit_log").await,
    );

    let hours = json!({"hours": [{"weekday": 1, "opens": "18:00", "closes": "09:00"}, {"weekday": 2, "opens": "9am", "closes": "18:00"}]});
    let r = send(
        app,
        reqwest::Method::PUT,
        &s.manager,
        &format!("/api/v1/locations/{}/hours", c.location),
        Some(hours),
    )
    .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "closes_1");
    assert_eq!(body["errors"][0]["code"], "closes_before_opens");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("закрытие должно быть позже открытия"),
        "{body}"
    );
    assert_eq!(body["errors"][1]["code"], "invalid_hour");

    let mut bad = rules(None);
    bad["min_minutes"] = json!(120);
    bad["max_minutes"] = json!(60);
    let r = send(
        app,
        reqwest::Method::PUT,
        &s.manager,
        &format!("/api/v1/resources/{}/rules", c.room),
        Some(bad),
    )
    .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "max_minutes");
    assert_eq!(body["errors"][0]["code"], "too_small");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Самое долгое бронирование"),
        "{body}"
    );

    let r = send(app, reqwest::Method::POST, &s.manager, "/api/v1/resources",
        Some(json!({"location_id": c.location, "kind": "sofa", "name": {}, "capacity": 0, "amenities": ["jacuzzi"]}))).await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["kind", "name", "capacity", "amenities"]);

    let r = send(
        app,
        reqwest::Method::POST,
        &s.manager,
        &format!("/api/v1/locations/{}/closures", c.location),
        Some(json!({"start_date": "2030-01-05", "end_date": "2030-01-04"})),
    )
    .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(body["errors"][0]["code"], "before_start");

    let r = send(
        app,
        reqwest::Method::PATCH,
        &s.manager,
        &format!("/api/v1/locations/{}", c.location),
        Some(json!({"name": {"kk": "Орталық"}, "time_zone": "Mars/Olympus"})),
    )
    .await;
    let body = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(body["errors"][0]["code"], "unknown_time_zone");

    // The pages: an unknown time zone and a PDF dressed as a photo.
    let browser = app.browser_from("127.0.0.1");
    browser
        .login("manager@example.kz", crate::helpers::PASSWORD)
        .await;
    let page = format!("/manage/locations/{}", c.location);
    let r = browser
        .post_form(
            &format!("{page}?lang=kk"),
            &page,
            &[
                ("name_kk", "Орталық"),
                ("name_ru", "Центр"),
                ("time_zone", "Asia/Aktobe-City"),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("мұндай уақыт белдеуі жоқ"),
        "the Kazakh message"
    );
    assert!(
        html.contains("value=\"Asia/Aktobe-City\""),
        "what was typed stays"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    let tz: String = match &app.db {
        Db::Sqlite(pool) => sqlx::query_scalar("SELECT time_zone FROM locations")
            .fetch_one(pool)
            .await
            .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar("SELECT time_zone FROM locations")
            .fetch_one(pool)
            .await
            .unwrap(),
    };
    assert_eq!(tz, "Asia/Aqtobe");

    let r = upload(
        &browser,
        app,
        c.room,
        b"%PDF-1.7\n1 0 obj\n".to_vec(),
        "plan.jpg",
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("JPEG, PNG"), "the photo's error is shown");
    assert_eq!(app.count("resource_photos").await, 0);

    let after = (
        app.count("booking_rules").await,
        app.count("opening_hours").await,
        app.count("audit_log").await,
    );
    assert_eq!(before, after);
    assert_eq!(app.count("resources").await, 4);
    assert_eq!(app.count("closures").await, 0);
}

async fn upload(
    browser: &Browser,
    app: &TestApp,
    resource: i64,
    bytes: Vec<u8>,
    name: &str,
) -> reqwest::Response {
    let html = browser
        .get(&format!("/manage/resources/{resource}"))
        .await
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::extract_csrf(&html).unwrap();
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str("image/jpeg")
        .unwrap();
    browser
        .client
        .post(app.url(&format!("/manage/resources/{resource}/photo?csrf={csrf}")))
        .header("X-Forwarded-For", "127.0.0.1")
        .multipart(reqwest::multipart::Form::new().part("photo", part))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_space_manager_runs_the_center_from_the_pages() {
    let s = setup().await;
    let (app, c) = (&s.app, &s.center);
    let browser = app.browser_from("127.0.0.1");
    browser
        .login("manager@example.kz", crate::helpers::PASSWORD)
        .await;
    let index = browser.get("/manage").await.text().await.unwrap();
    assert!(index.contains(&format!("/manage/locations/{}/resources", c.location)));

    let page = format!("/manage/locations/{}", c.location);
    let r = browser
        .post_form(
            &page,
            &page,
            &[
                ("name_kk", "Жаңа орталық"),
                ("name_ru", "Новый центр"),
                ("address_kk", ""),
                ("address_ru", "Актобе"),
                ("phone", "+7 7132 55 00 40"),
                ("time_zone", "Europe/Berlin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = ortaq::spaces::storage::location(&app.db, c.location)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(location.time_zone.name(), "Europe/Berlin");
    assert_eq!(location.name.kk.as_deref(), Some("Жаңа орталық"));
    let entry = &audit(&app.db, "location.edit").await[0];
    assert_eq!(entry["old"]["time_zone"], "Asia/Aqtobe");
    assert_eq!(entry["new"]["time_zone"], "Europe/Berlin");

    // Hours: closed on Sunday, and a Monday that closes before it opens is sent back.
    let mut hours: Vec<(String, String)> = Vec::new();
    for d in 1..=6 {
        hours.push((format!("open_{d}"), "on".into()));
        hours.push((format!("opens_{d}"), "09:00".into()));
        hours.push((
            format!("closes_{d}"),
            if d == 1 {
                "08:00".into()
            } else {
                "21:00".into()
            },
        ));
    }
    let fields: Vec<(&str, &str)> = hours
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = browser
        .post_form(
            &format!("{page}?lang=en"),
            &format!("{page}/hours"),
            &fields,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Monday, closes: closing must be after opening."),
        "the error names the day"
    );
    assert!(
        html.contains("id=\"closes_1\" name=\"closes_1\" value=\"08:00\""),
        "what was typed stays"
    );
    assert_eq!(app.count("opening_hours").await, 7);
    hours[2].1 = "21:00".into();
    let fields: Vec<(&str, &str)> = hours
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = browser
        .post_form(&page, &format!("{page}/hours"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("opening_hours").await, 6);

    // A closure over a member's booking: saved, and the booking is listed with its link.
    let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let monday = {
        let today = chrono::Utc::now().with_timezone(&tz).date_naive();
        let mut d = today + chrono::Duration::days(1);
        while chrono::Datelike::weekday(&d) != chrono::Weekday::Mon {
            d += chrono::Duration::days(1);
        }
        d
    };
    let at = |h| {
        ortaq::bookings::rules::local_instant(
            tz,
            monday,
            chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
        )
        .unwrap()
    };
    let booked: Value = book(app, &s.member, c.room, at(10), at(11))
        .await
        .json()
        .await
        .unwrap();
    let id = booked["id"].as_i64().expect("booked");
    let date = monday.to_string();
    let r = browser
        .post_form(
            &page,
            &format!("{page}/closures"),
            &[
                ("start_date", &date),
                ("start_time", "09:30"),
                ("end_date", &date),
                ("end_time", "12:00"),
                ("reason_kk", "Жөндеу"),
                ("reason_ru", "Ремонт"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let html = browser.get(&to).await.text().await.unwrap();
    assert!(
        html.contains(&format!("href=\"/bookings/{id}\"")),
        "the affected booking is linked"
    );
    assert!(html.contains("Жөндеу") || html.contains("Ремонт"));
    let closure = ortaq::spaces::storage::closures(&app.db, c.location, at(0), at(23))
        .await
        .unwrap();
    assert_eq!(
        (closure[0].start, closure[0].end),
        (at(9) + chrono::Duration::minutes(30), at(12))
    );
    let r = book(app, &s.member, c.desks[0], at(11), at(12)).await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_closed").await;

    // A resource made through the form, its rules, who may book it, its photo.
    let new = format!("/manage/locations/{}/resources/new", c.location);
    let r = browser
        .post_form(
            &new,
            &new,
            &[
                ("kind", "equipment"),
                ("name_kk", "Проектор"),
                ("name_ru", "Проектор"),
                ("description_kk", ""),
                ("description_ru", "Full HD"),
                ("capacity", "1"),
                ("amenities", "projector"),
                ("amenities", "socket"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let created = r.headers()["location"].to_str().unwrap().to_string();
    let rid: i64 = created
        .trim_start_matches("/manage/resources/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let projector = ortaq::spaces::storage::resource(&app.db, rid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(projector.amenities, ["socket", "projector"]);
    assert_eq!(projector.description.ru.as_deref(), Some("Full HD"));

    let rules_page = format!("/manage/resources/{rid}/rules");
    let mut form = vec![
        ("slot_minutes", "60"),
        ("min_minutes", "60"),
        ("max_minutes", "480"),
        ("lead_minutes", "0"),
        ("horizon_days", "30"),
        ("per_day", "1"),
        ("per_week", ""),
        ("buffer_minutes", "15"),
        ("check_in_minutes", ""),
        ("within_hours", "on"),
    ];
    form[1].1 = "600";
    let r = browser.post_form(&rules_page, &rules_page, &form).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("value=\"600\""));
    form[1].1 = "60";
    let r = browser.post_form(&rules_page, &rules_page, &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (rules, _) = ortaq::spaces::storage::rules(&app.db, &projector)
        .await
        .unwrap();
    assert_eq!(
        (
            rules.slot_minutes,
            rules.per_day,
            rules.per_week,
            rules.check_in_minutes,
            rules.buffer_minutes
        ),
        (60, Some(1), None, None, 15)
    );
    let html = browser
        .get(&format!("{rules_page}?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("15 minutes kept free between bookings."),
        "the rules in words"
    );
    assert!(html.contains("No check-in needed."));

    let r = browser
        .post_form(
            &created,
            &format!("/manage/resources/{rid}/access"),
            &[("roles", "coordinator"), ("unit_ids", &s.unit.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        ortaq::spaces::storage::access(&app.db, rid)
            .await
            .unwrap()
            .len(),
        2
    );

    let png = [
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0u8; 32][..],
    ]
    .concat();
    let r = upload(&browser, app, rid, png, "projector.png").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let photo = app.get(&format!("/resources/{rid}/photo")).await;
    assert_eq!(photo.headers()["content-type"], "image/png");
    assert!(!audit(&app.db, "resource.photo").await.is_empty());

    let r = browser
        .post_form(
            &created,
            &format!("/manage/resources/{rid}/active"),
            &[("active", "false")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let list = browser
        .get(&format!("/manage/locations/{}/resources", c.location))
        .await
        .text()
        .await
        .unwrap();
    let retired_at = list.find(&format!("/manage/resources/{rid}\"")).unwrap();
    let desk_at = list
        .find(&format!("/manage/resources/{}\"", c.desks[0]))
        .unwrap();
    assert!(
        retired_at > desk_at,
        "the retired one is listed apart, after those in use"
    );

    // Every change the pages made is in the audit log, by the manager, with old and new values.
    let sql = "SELECT a.action, a.detail FROM audit_log a JOIN users u ON u.id = a.actor_id
               WHERE u.email = 'manager@example.kz' ORDER BY a.id";
    let rows: Vec<(String, String)> = match &app.db {
        Db::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
    };
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "location.edit",
            "location.hours",
            "closure.add",
            "resource.create",
            "rules.set",
            "resource.access",
            "resource.photo",
            "resource.retire"
        ]
    );
    for (action, detail) in &rows {
        let detail: Value = serde_json::from_str(detail).unwrap();
        assert!(
            detail.get("old").is_some() && detail.get("new").is_some(),
            "{action}: {detail}"
        );
    }
}

#[tokio::test]
async fn the_poster_carries_a_qr_code_of_the_resources_check_in_address() {
    let s = setup().await;
    let (app, c) = (&s.app, &s.center);
    let browser = app.browser_from("127.0.0.1");
    browser
        .login("manager@example.kz", crate::helpers::PASSWORD)
        .await;
    let r = browser
        .get(&format!("/manage/resources/{}/poster?lang=en", c.room))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let url = format!("http://127.0.0.1/resources/{}/check-in", c.room);
    assert!(html.contains(&url));
    // The same QR as one made of that address: the code encodes it.
    let expected = ortaq::http::qr::svg(&url, "QR code to check in at Комната");
    assert!(expected.starts_with("<svg"));
    assert!(
        html.contains(&expected),
        "the inline SVG encodes the check-in address"
    );
    assert!(
        html.contains("<span lang=\"kk\">Бөлме</span>")
            && html.contains("<span lang=\"ru\">Комната</span>")
    );
    assert!(
        html.contains("телефон камерасын") && html.contains("камеру телефона"),
        "instructions in kk and ru"
    );
}

#[tokio::test]
async fn the_database_itself_refuses_incoherent_rules_and_hours_as_field_errors() {
    use ortaq::error::Error;
    use ortaq::spaces::storage::{self, RulesTarget};
    let s = setup().await;
    let (app, c) = (&s.app, &s.center);
    // Past the checks of the forms and the API, straight to the storage.
    let rules = ortaq::bookings::Rules {
        min_minutes: 120,
        max_minutes: 60,
        ..ortaq::bookings::Rules::defaults("desk")
    };
    let mut tx = app.db.begin().await.unwrap();
    match storage::save_rules(&mut tx, c.location, RulesTarget::Kind("desk"), &rules).await {
        Err(Error::Invalid(fields)) => assert_eq!(
            (fields[0].field, fields[0].code),
            ("max_minutes", "too_small")
        ),
        other => panic!("expected a field error, got {other:?}"),
    }
    drop(tx);
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let hours = [ortaq::spaces::OpeningHours {
        weekday: 3,
        opens: at(18),
        closes: at(9),
    }];
    let mut tx = app.db.begin().await.unwrap();
    match storage::set_hours(&mut tx, c.location, &hours).await {
        Err(Error::Invalid(fields)) => assert_eq!(
            (fields[0].field, fields[0].code),
            ("closes_3", "closes_before_opens")
        ),
        other => panic!("expected a field error, got {other:?}"),
    }
    drop(tx);
    assert_eq!(app.count("booking_rules").await, 0);
    assert_eq!(app.count("opening_hours").await, 7);
}

#[tokio::test]
async fn a_guest_is_sent_to_log_in_and_the_api_asks_who_is_calling() {
    let s = setup().await;
    let (app, c) = (&s.app, &s.center);
    let r = app.get("/manage").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login?next=/manage");
    let r = app
        .client
        .put(app.url(&format!("/api/v1/locations/{}/hours", c.location)))
        .json(&json!({"hours": []}))
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    assert_eq!(app.count("opening_hours").await, 7);
}
