//! Occupancy: exact figures on a small hand-made week (a booking across opening time, a
//! closure, a no-show overlapped after its release, a booking from before the range), local
//! hours across both daylight-saving nights in Berlin, who may read it, and bad ranges.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use ortaq::bookings::rules::local_instant;
use ortaq::i18n::Text;
use ortaq::spaces::OpeningHours;
use reqwest::StatusCode;
use serde_json::Value;

use crate::bookings::{Center, seed_center};
use crate::helpers::{TestApp, problem};

fn at(tz: Tz, date: &str, h: u32, m: u32) -> DateTime<Utc> {
    local_instant(
        tz,
        date.parse::<NaiveDate>().unwrap(),
        NaiveTime::from_hms_opt(h, m, 0).unwrap(),
    )
    .unwrap()
}

/// Writes a past booking as the sweeper would have left it.
async fn past(
    app: &TestApp,
    resource: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    status: &str,
    check_in: bool,
) {
    let check_in_by = check_in.then(|| start + chrono::Duration::minutes(15));
    ortaq::on_db!(&app.db, pool => sqlx::query(
        "INSERT INTO bookings (resource_id, status, start_at, end_at, check_in_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(resource)
        .bind(status)
        .bind(start)
        .bind(end)
        .bind(check_in_by)
        .bind(start - chrono::Duration::days(1))
        .execute(pool)
        .await
        .map(|_| ()))
    .unwrap();
}

async fn report(app: &TestApp, token: &str, query: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/v1/reports/occupancy?{query}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn manager(app: &TestApp, center: &Center, email: &str, role: &str) -> String {
    let location = ortaq::spaces::storage::location(&app.db, center.location)
        .await
        .unwrap()
        .unwrap();
    let id = app.create_user(email, role, Some(location.unit_id)).await;
    app.token(id).await
}

fn of<'a>(list: &'a Value, key: &str, value: i64) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap()
}

fn cell(figures: &Value, weekday: i64, hour: i64) -> Option<&Value> {
    figures["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["weekday"] == weekday && c["hour"] == hour)
}

/// Live and settled bookings are read through two indexes and merged: a checked-in
/// booking overlapping a released no-show still counts their union once.
#[tokio::test]
async fn live_and_settled_bookings_merge_in_order() {
    let app = TestApp::spawn().await;
    let tz: Tz = "Asia/Aqtobe".parse().unwrap();
    let center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    let token = manager(&app, &center, "madina@example.kz", "space_manager").await;
    let (desk, other) = (center.desks[0], center.desks[1]);
    let day = "2026-03-05";
    for (resource, from, to, status, check_in) in [
        (desk, 10, 12, "no_show", true),
        (desk, 11, 13, "checked_in", true),
        (other, 9, 10, "confirmed", false),
        (other, 10, 11, "completed", false),
    ] {
        let (start, end) = (at(tz, day, from, 0), at(tz, day, to, 0));
        past(&app, resource, start, end, status, check_in).await;
    }

    let r = report(
        &app,
        &token,
        &format!("location_id={}&from={day}&to={day}", center.location),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    let d = of(&body["resources"], "resource_id", desk);
    assert_eq!(d["booked_minutes"], 3 * 60, "10:00–13:00, the overlap once");
    assert_eq!(d["bookings"], 2);
    assert_eq!(cell(d, 4, 10).unwrap()["booked_minutes"], 60);
    assert_eq!(cell(d, 4, 12).unwrap()["booked_minutes"], 60);
    let o = of(&body["resources"], "resource_id", other);
    assert_eq!(o["booked_minutes"], 2 * 60);
    assert_eq!(o["bookings"], 2);
}

#[tokio::test]
async fn figures_are_exact_on_a_hand_made_week() {
    let app = TestApp::spawn().await;
    // Open every day 08:00–22:00 in Aktobe: 14 hours a day, 98 a week per resource.
    let center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    let tz = center.tz;
    let token = manager(&app, &center, "madina@example.kz", "space_manager").await;
    // Closed Wednesday 12:00–14:00: 96 open hours.
    let mut tx = app.db.begin().await.unwrap();
    ortaq::spaces::storage::insert_closure(
        &mut tx,
        center.location,
        at(tz, "2026-03-04", 12, 0),
        at(tz, "2026-03-04", 14, 0),
        &Text::both("Жөндеу", "Ремонт"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let (desk, other, room) = (center.desks[0], center.desks[1], center.room);
    // Monday 07:00–10:00: the hour before opening does not count (2 h).
    past(
        &app,
        desk,
        at(tz, "2026-03-02", 7, 0),
        at(tz, "2026-03-02", 10, 0),
        "completed",
        true,
    )
    .await;
    // Wednesday 11:00–15:00 across the closure (2 h).
    past(
        &app,
        desk,
        at(tz, "2026-03-04", 11, 0),
        at(tz, "2026-03-04", 15, 0),
        "completed",
        true,
    )
    .await;
    // Thursday: a no-show 10:00–12:00, released, then 11:00–13:00 by someone else (3 h).
    past(
        &app,
        desk,
        at(tz, "2026-03-05", 10, 0),
        at(tz, "2026-03-05", 12, 0),
        "no_show",
        true,
    )
    .await;
    past(
        &app,
        desk,
        at(tz, "2026-03-05", 11, 0),
        at(tz, "2026-03-05", 13, 0),
        "completed",
        true,
    )
    .await;
    // Cancelled and declined bookings take nothing.
    past(
        &app,
        other,
        at(tz, "2026-03-06", 9, 0),
        at(tz, "2026-03-06", 11, 0),
        "cancelled",
        true,
    )
    .await;
    past(
        &app,
        center.hall,
        at(tz, "2026-03-06", 9, 0),
        at(tz, "2026-03-06", 11, 0),
        "declined",
        true,
    )
    .await;
    // From Sunday evening before the range to Monday 09:00 (1 h in range), and Friday
    // 21:00–23:00 past closing time (1 h).
    past(
        &app,
        other,
        at(tz, "2026-03-01", 20, 0),
        at(tz, "2026-03-02", 9, 0),
        "completed",
        false,
    )
    .await;
    past(
        &app,
        other,
        at(tz, "2026-03-06", 21, 0),
        at(tz, "2026-03-06", 23, 0),
        "completed",
        true,
    )
    .await;
    // Saturday 10:00–12:00 in the room, no check-in needed (2 h).
    past(
        &app,
        room,
        at(tz, "2026-03-07", 10, 0),
        at(tz, "2026-03-07", 12, 0),
        "completed",
        false,
    )
    .await;
    // Outside the range.
    past(
        &app,
        room,
        at(tz, "2026-03-09", 10, 0),
        at(tz, "2026-03-09", 12, 0),
        "completed",
        false,
    )
    .await;

    let r = report(
        &app,
        &token,
        &format!(
            "location_id={}&from=2026-03-02&to=2026-03-08",
            center.location
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["time_zone"], "Asia/Aqtobe");
    assert_eq!(body["open_minutes"], 96 * 60);

    let d = of(&body["resources"], "resource_id", desk);
    assert_eq!(d["open_minutes"], 96 * 60);
    assert_eq!(d["booked_minutes"], 7 * 60);
    assert_eq!(d["utilisation"], 7.3);
    assert_eq!(d["bookings"], 4);
    assert_eq!(d["no_shows"]["completed"], 3);
    assert_eq!(d["no_shows"]["no_shows"], 1);
    assert_eq!(d["no_shows"]["rate"], 25.0);
    let monday_eight = cell(d, 1, 8).unwrap();
    assert_eq!(monday_eight["open_minutes"], 60);
    assert_eq!(monday_eight["booked_minutes"], 60);
    assert_eq!(monday_eight["utilisation"], 100.0);
    assert!(cell(d, 1, 7).is_none(), "not open at 07:00");
    assert!(
        cell(d, 3, 12).is_none() && cell(d, 3, 13).is_none(),
        "closed"
    );
    assert_eq!(cell(d, 3, 14).unwrap()["booked_minutes"], 60);
    assert_eq!(
        cell(d, 4, 11).unwrap()["booked_minutes"],
        60,
        "merged, not doubled"
    );

    let o = of(&body["resources"], "resource_id", other);
    assert_eq!(o["booked_minutes"], 2 * 60);
    assert_eq!(o["utilisation"], 2.1);
    assert_eq!(
        o["bookings"], 1,
        "the one from before the range is not counted"
    );
    assert_eq!(o["no_shows"]["rate"], 0.0);
    let r = of(&body["resources"], "resource_id", room);
    assert_eq!(r["booked_minutes"], 2 * 60);
    assert_eq!(r["no_shows"]["rate"], Value::Null, "no check-in needed");
    let h = of(&body["resources"], "resource_id", center.hall);
    assert_eq!(h["booked_minutes"], 0);
    assert_eq!(h["utilisation"], 0.0);

    let desks = body["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "desk")
        .unwrap();
    assert_eq!(desks["resources"], 2);
    assert_eq!(desks["open_minutes"], 2 * 96 * 60);
    assert_eq!(desks["booked_minutes"], 9 * 60);
    assert_eq!(desks["utilisation"], 4.7);
    assert_eq!(body["total"]["open_minutes"], 4 * 96 * 60);
    assert_eq!(body["total"]["booked_minutes"], 11 * 60);
    assert_eq!(body["total"]["utilisation"], 2.9);
    assert_eq!(body["total"]["no_shows"]["rate"], 20.0);

    // The page shows the same, as real tables.
    let page = app
        .client
        .get(app.url(&format!(
            "/reports/occupancy?location_id={}&from=2026-03-02&to=2026-03-08&lang=ru",
            center.location
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("7,3\u{a0}%"),
        "the desk's utilisation, in Russian"
    );
    assert!(html.contains("25\u{a0}% (1 из 4)"), "its no-show rate");
    assert!(html.contains("<th scope=\"row\">понедельник</th>"));
    assert!(html.contains("<th scope=\"col\">08:00</th>"));
    assert!(html.contains("class=\"occ-6\">100\u{a0}%</td>"));
}

/// Berlin, open around the clock: on 29 March 2026 the clocks go forward (02:00 never
/// comes), on 25 October they go back (02:00 comes twice).
#[tokio::test]
async fn hours_are_local_across_both_daylight_saving_nights() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Europe/Berlin", 1).await;
    let tz = center.tz;
    let hours: Vec<OpeningHours> = (1..=7)
        .map(|weekday| OpeningHours {
            weekday,
            opens: NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(23, 59, 0).unwrap(),
        })
        .collect();
    let mut tx = app.db.begin().await.unwrap();
    ortaq::spaces::storage::set_hours(&mut tx, center.location, &hours)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let token = manager(&app, &center, "berlin@example.kz", "admin").await;
    let room = center.room;
    // Saturday 22:00 to Sunday 04:00 local, across the spring change.
    past(
        &app,
        room,
        at(tz, "2026-03-28", 22, 0),
        at(tz, "2026-03-29", 4, 0),
        "completed",
        false,
    )
    .await;
    // Sunday 01:00–04:00 local across the autumn change: four real hours.
    past(
        &app,
        room,
        at(tz, "2026-10-25", 1, 0),
        at(tz, "2026-10-25", 4, 0),
        "completed",
        false,
    )
    .await;

    let q = |day: &str| format!("location_id={}&from={day}&to={day}", center.location);
    let spring: Value = report(&app, &token, &q("2026-03-29"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(spring["time_zone"], "Europe/Berlin");
    assert_eq!(spring["open_minutes"], 22 * 60 + 59, "a 23-hour day");
    let r = of(&spring["resources"], "resource_id", room);
    assert_eq!(
        r["booked_minutes"],
        3 * 60,
        "00:00–04:00 is three real hours"
    );
    assert!(cell(r, 7, 2).is_none(), "02:00 never came");
    assert_eq!(cell(r, 7, 3).unwrap()["booked_minutes"], 60);
    assert_eq!(r["cells"].as_array().unwrap().len(), 23);

    let autumn: Value = report(&app, &token, &q("2026-10-25"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(autumn["open_minutes"], 24 * 60 + 59, "a 25-hour day");
    let r = of(&autumn["resources"], "resource_id", room);
    assert_eq!(r["booked_minutes"], 4 * 60);
    let twice = cell(r, 7, 2).unwrap();
    assert_eq!(twice["open_minutes"], 120, "02:00 came twice");
    assert_eq!(twice["booked_minutes"], 120);
    assert_eq!(twice["utilisation"], 100.0);
}

#[tokio::test]
async fn staff_and_observers_read_it_within_their_scope_and_members_do_not() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let path = format!("location_id={}", center.location);
    let observer = manager(&app, &center, "akimat@example.kz", "observer").await;
    let r = report(&app, &observer, &path).await;
    assert_eq!(r.status(), StatusCode::OK, "an observer reads");
    let body: Value = r.json().await.unwrap();
    let today = Utc::now().with_timezone(&center.tz).date_naive();
    assert_eq!(
        body["to"],
        today.to_string(),
        "the last four weeks by default"
    );

    let member = app.create_user("member@example.kz", "member", None).await;
    let member = app.token(member).await;
    problem(
        report(&app, &member, &path).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // An observer of another branch does not reach this location's.
    let mut tx = app.db.begin().await.unwrap();
    let root = ortaq::spaces::storage::location(&app.db, center.location)
        .await
        .unwrap()
        .unwrap()
        .unit_id;
    let elsewhere = ortaq::org::storage::insert(
        &mut tx,
        Some(root),
        ortaq::org::UnitKind::CityBranch,
        &Text::both("Хромтау", "Хромтау"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let id = app
        .create_user("far@example.kz", "observer", Some(elsewhere))
        .await;
    let far = app.token(id).await;
    problem(
        report(&app, &far, &path).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let anonymous = app.get(&format!("/api/v1/reports/occupancy?{path}")).await;
    problem(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    problem(
        report(&app, &observer, "location_id=424242").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let page = app
        .client
        .get(app.url(&format!("/reports/occupancy?{path}")))
        .bearer_auth(&member)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_bad_range_answers_422_naming_each_field_and_the_page_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let token = manager(&app, &center, "staff@example.kz", "space_manager").await;
    let ask = |q: &str| {
        app.client
            .get(app.url(&format!("/api/v1/reports/occupancy?{q}")))
            .bearer_auth(&token)
            .header("Accept-Language", "ru")
            .send()
    };
    let body = problem(
        ask("from=2026-03-05&to=2026-03-01").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "to");
    assert_eq!(body["errors"][0]["code"], "before_from");
    assert_eq!(
        body["errors"][0]["message"],
        "По: не может быть раньше первого дня."
    );
    let body = problem(
        ask("from=2026-02-30&to=soon").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<(&str, &str)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, [("from", "invalid_date"), ("to", "invalid_date")]);
    // Found by fuzzing: a year at chrono's edge made "28 days before" overflow (a panic).
    for q in ["to=-262143-01-01", "from=262142-12-31", "from=1066-10-14"] {
        let body = problem(
            ask(q).await.unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["code"], "invalid_date", "{q}");
    }
    let body = problem(
        ask("from=2025-01-01&to=2026-06-30").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "window_too_long");
    assert_eq!(
        body["errors"][0]["message"],
        "По: не больше 366 дн. за раз."
    );

    let page = app
        .client
        .get(app.url("/reports/occupancy?from=2026-03-05&to=2026-03-01&lang=kk"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = page.text().await.unwrap();
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("value=\"2026-03-05\"") && html.contains("value=\"2026-03-01\""));
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("алғашқы күннен бұрын болмауы керек"));
    assert!(
        !html.contains("occupancy-summary"),
        "no figures for a wrong range"
    );
}

/// The report and the calendar page in Chromium at phone width: no console error (the
/// pages run no script, and the policy forbids inline ones), every figure reachable.
#[tokio::test]
async fn the_report_and_the_calendar_page_work_in_chromium_on_a_phone() {
    use crate::browser::{assert_clean, driver_or_skip, fill, screenshot, session, wait_for_path};
    use fantoccini::Locator;

    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let client = session(&driver, 412, 915, "kk").await;
    client.goto(&app.url("/login?lang=kk")).await.unwrap();
    fill(&client, "email", "observer@ortaq.local").await;
    fill(&client, "password", ortaq::demo::MEMBER_PASSWORD).await;
    client
        .find(Locator::Css("main button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&client, "/").await;

    client.goto(&app.url("/reports/occupancy")).await.unwrap();
    let cells = client
        .find_all(Locator::Css("table.occupancy td[class^=occ-]"))
        .await
        .unwrap();
    assert!(
        cells.len() > 100,
        "weekday x hour tables: {} cells",
        cells.len()
    );
    screenshot(&client, "occupancy-kk-phone").await;
    let widths = client
        .execute(
            r#"const w = document.documentElement.clientWidth;
               const wide = [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > w + 0.5 && !e.closest('.table-wrap'))
                 .slice(0, 5)
                 .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
               return [w, document.documentElement.scrollWidth, wide];"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        widths[0], widths[1],
        "only the tables scroll sideways, not the page; wider: {}",
        widths[2]
    );
    client
        .execute(
            "document.querySelector('.occ-legend').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    screenshot(&client, "occupancy-grid-kk-phone").await;
    assert_clean(&client, "the occupancy report").await;
    // A wrong range comes back with the error summary, in the reader's language.
    // Date pickers take keys in the browser's own order; set the values as a picker would.
    client
        .execute(
            "document.getElementById('from').value = '2026-03-05';
             document.getElementById('to').value = '2026-03-01';",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css("form.occupancy-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let alert = client
        .wait()
        .for_element(Locator::Css("[role=alert]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        alert.contains("алғашқы күннен бұрын болмауы керек"),
        "{alert}"
    );
    screenshot(&client, "occupancy-error-kk-phone").await;
    let errors = crate::browser::console_errors(&client).await;
    assert!(
        errors.iter().all(|e| e.contains("status of 422")),
        "only the refused range: {errors:?}"
    );

    client.goto(&app.url("/calendar")).await.unwrap();
    client
        .find(Locator::Css("main form[action='/calendar/feed'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let url = client
        .wait()
        .for_element(Locator::Id("feed-url"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        url.contains("/calendar/members/") && url.ends_with(".ics"),
        "{url}"
    );
    screenshot(&client, "calendar-kk-phone").await;
    assert_clean(&client, "the calendar page").await;
    client.close().await.unwrap();
}
