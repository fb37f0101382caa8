//! The living demo: the Aktobe center's spaces and rules, and ten weeks of bookings that
//! keep every invariant and look like a real center's.

use chrono::{Datelike, Duration, Utc};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::TestApp;

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    ortaq::on_db!(&app.db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
        .unwrap()
}

#[tokio::test]
async fn the_demo_center_has_its_spaces_and_rules() {
    let app = TestApp::spawn_demo().await;
    let resources: Vec<Value> = app.get("/api/v1/resources").await.json().await.unwrap();
    let count = |kind: &str| resources.iter().filter(|r| r["kind"] == kind).count();
    assert_eq!(
        (
            count("desk"),
            count("meeting_room"),
            count("event_hall"),
            count("equipment")
        ),
        (20, 3, 1, 1)
    );
    let with = |amenity: &str| {
        resources
            .iter()
            .filter(|r| {
                r["amenities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a == amenity)
            })
            .count()
    };
    assert_eq!(with("monitor"), 6);
    assert!(
        resources
            .iter()
            .filter(|r| r["description"]["kk"]
                .as_str()
                .unwrap_or("")
                .contains("Терезе"))
            .count()
            >= 5,
        "desks by the window"
    );
    for r in &resources {
        assert!(r["name"]["kk"].is_string() && r["name"]["ru"].is_string());
        assert!(r["description"]["kk"].is_string() && r["description"]["ru"].is_string());
    }
    let rules = |kind: &str| &resources.iter().find(|r| r["kind"] == kind).unwrap()["rules"];
    assert_eq!(rules("desk")["check_in_minutes"], 15);
    assert_eq!(rules("desk")["per_day"], 1);
    assert_eq!(rules("meeting_room")["min_minutes"], 30);
    assert_eq!(rules("meeting_room")["max_minutes"], 180);
    assert_eq!(rules("event_hall")["needs_approval"], true);
    assert_eq!(rules("event_hall")["buffer_minutes"], 30);
}

#[tokio::test]
async fn the_demo_bookings_keep_every_invariant_and_look_alive() {
    let app = TestApp::spawn_demo().await;
    let total = app.count("bookings").await;
    assert!((1500..6000).contains(&total), "{total} bookings");
    // No two live bookings of a resource overlap (the database would have refused).
    let overlaps = scalar(
        &app,
        "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id
         AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at
         WHERE a.status IN ('pending', 'confirmed', 'checked_in')
           AND b.status IN ('pending', 'confirmed', 'checked_in')",
    )
    .await;
    assert_eq!(overlaps, 0);
    // Eight weeks back, two ahead.
    let now = ortaq::clock::now();
    let q = |sql: &str| sql.replace("{now}", &now.to_rfc3339());
    let past = scalar(
        &app,
        &q("SELECT COUNT(*) FROM bookings WHERE end_at <= '{now}'"),
    )
    .await;
    let future = scalar(
        &app,
        &q("SELECT COUNT(*) FROM bookings WHERE start_at > '{now}'"),
    )
    .await;
    assert!(past > 1000 && future > 100, "{past} past, {future} ahead");
    let bookings: Vec<(String, chrono::DateTime<Utc>, Option<chrono::DateTime<Utc>>)> =
        ortaq::on_db!(&app.db, pool => sqlx::query_as(
            // The halls booked with the demo's events follow the events' season instead.
            "SELECT status, start_at, check_in_by FROM bookings WHERE event_id IS NULL")
            .fetch_all(pool)
            .await)
        .unwrap();
    let earliest = bookings.iter().map(|b| b.1).min().unwrap();
    let latest = bookings.iter().map(|b| b.1).max().unwrap();
    assert!(earliest >= now - Duration::weeks(8) - Duration::days(1));
    assert!(earliest < now - Duration::weeks(7));
    assert!(latest > now + Duration::days(10) && latest < now + Duration::days(14));
    // Nothing past is left confirmed or pending: the sweeper would have nothing to do.
    assert_eq!(
        scalar(
            &app,
            &q("SELECT COUNT(*) FROM bookings WHERE status IN ('confirmed', 'pending')
                AND (end_at <= '{now}' OR (check_in_by IS NOT NULL AND check_in_by <= '{now}' AND status = 'confirmed'))")
        )
        .await,
        0
    );
    // About 8 % of the past bookings that needed check-in are no-shows.
    let needed: Vec<&String> = bookings
        .iter()
        .filter(|b| b.2.is_some_and(|by| by <= now) && b.0 != "cancelled")
        .map(|b| &b.0)
        .collect();
    let no_shows = needed.iter().filter(|s| s.as_str() == "no_show").count();
    let share = no_shows as f64 / needed.len() as f64;
    assert!((0.04..0.12).contains(&share), "no-show share {share}");
    assert!(bookings.iter().any(|b| b.0 == "cancelled"));
    // Closed on Sundays (Aktobe time).
    assert!(
        bookings
            .iter()
            .all(|b| b.1.with_timezone(&chrono_tz::Asia::Aqtobe).weekday() != chrono::Weekday::Sun)
    );
    // Busier on weekday afternoons than on Saturdays.
    let local = |b: &&(String, chrono::DateTime<Utc>, Option<chrono::DateTime<Utc>>)| {
        b.1.with_timezone(&chrono_tz::Asia::Aqtobe)
    };
    let saturday = bookings
        .iter()
        .filter(|b| local(b).weekday() == chrono::Weekday::Sat)
        .count();
    let tuesday = bookings
        .iter()
        .filter(|b| local(b).weekday() == chrono::Weekday::Tue)
        .count();
    assert!(
        tuesday > 2 * saturday,
        "{tuesday} on Tuesdays, {saturday} on Saturdays"
    );
    // Hall requests wait for the space manager; weekly series run.
    let pending = scalar(
        &app,
        "SELECT COUNT(*) FROM bookings WHERE status = 'pending'",
    )
    .await;
    assert!((3..=6).contains(&pending), "{pending} hall requests");
    let series = scalar(
        &app,
        "SELECT COUNT(*) FROM booking_series WHERE frequency = 'weekly'",
    )
    .await;
    assert!(series >= 3);
    let tuesdays = scalar(
        &app,
        "SELECT COUNT(*) FROM bookings b JOIN booking_series s ON s.id = b.series_id
         JOIN resources r ON r.id = b.resource_id WHERE r.name_ru = 'Переговорная «Бірлік»'",
    )
    .await;
    assert!(tuesdays >= 9, "{tuesdays} Tuesday meetings");

    // The occupancy report reads it: something in every kind.
    let observer = app.browser_logged_in_demo("observer@ortaq.local").await;
    let r = observer.get("/api/v1/reports/occupancy").await;
    assert_eq!(r.status(), StatusCode::OK);
    let report: Value = r.json().await.unwrap();
    for kind in report["kinds"].as_array().unwrap() {
        let u = kind["utilisation"].as_f64().unwrap();
        assert!(u > 0.5 && u < 90.0, "{}: {u} %", kind["kind"]);
    }
    let rate = report["total"]["no_shows"]["rate"].as_f64().unwrap();
    assert!((2.0..15.0).contains(&rate), "no-show rate {rate}");
}
