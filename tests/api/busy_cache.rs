//! The availability cache (`bookings::busy_cache`, PostgreSQL): answers come from memory,
//! yet whoever wrote reads what they wrote at once, another instance's write is heard
//! promptly, and a lost listening connection empties the cache. On SQLite there is no
//! cache and the same answers hold.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::bookings::{Center, body, book, local, members, seed_center};
use crate::helpers::TestApp;

fn path(c: &Center, desk: i64) -> String {
    format!(
        "/api/v1/resources/{desk}/availability?from={}&to={}",
        local(c, 3, 0, 0).to_rfc3339().replace('+', "%2B"),
        local(c, 4, 0, 0).to_rfc3339().replace('+', "%2B")
    )
}

/// The starts of the busy spans `app` answers for `desk` on day 3.
async fn busy(app: &TestApp, c: &Center, desk: i64) -> Vec<DateTime<Utc>> {
    let answer: Value = app.get(&path(c, desk)).await.json().await.unwrap();
    answer["busy"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|b| b["start"].as_str().unwrap().parse().unwrap())
        .collect()
}

/// Asks `app` until its answer is `expected`, for at most 5 s; how long that took.
async fn heard(app: &TestApp, c: &Center, desk: i64, expected: &[DateTime<Utc>]) -> Duration {
    let started = Instant::now();
    loop {
        let seen = busy(app, c, desk).await;
        if seen == expected {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still {seen:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Asks `app` twice for the first desk's day 3 (so the answer is in its cache), expecting
/// `expected`, then books an hour from `start` on `on`; the booking.
async fn cached_then_booked(
    app: &TestApp,
    on: &TestApp,
    c: &Center,
    token: &str,
    expected: &[DateTime<Utc>],
    start: DateTime<Utc>,
) -> Value {
    let d = c.desks[0];
    assert_eq!(busy(app, c, d).await, expected);
    assert_eq!(busy(app, c, d).await, expected);
    let r = book(
        on,
        token,
        body(d, start, start + chrono::Duration::hours(1)),
    )
    .await;
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

#[tokio::test]
async fn whoever_books_or_cancels_sees_it_in_the_next_answer() {
    let app = TestApp::spawn().await;
    let c = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let d = c.desks[0];
    let people = members(&app, 10).await;
    let mut expected = Vec::new();
    let mut ids = Vec::new();
    for (i, (_, token)) in people.iter().enumerate() {
        let start = local(&c, 3, 9 + i as u32, 0);
        let booking = cached_then_booked(&app, &app, &c, token, &expected, start).await;
        ids.push(booking["id"].as_i64().unwrap());
        expected.push(start);
        assert_eq!(busy(&app, &c, d).await, expected, "after booking {i}");
    }
    let r = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{}/cancel", ids[0])))
        .bearer_auth(&people[0].1)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    expected.remove(0);
    assert_eq!(busy(&app, &c, d).await, expected, "after the cancel");
}

#[tokio::test]
async fn another_instances_booking_is_heard_promptly() {
    let app = TestApp::spawn().await;
    if !app.is_postgres() {
        // One server per SQLite file.
        return;
    }
    let other = app.second_instance().await;
    let c = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let d = c.desks[0];
    let people = members(&app, 3).await;
    let mut expected = Vec::new();
    for (i, (_, token)) in people.iter().enumerate() {
        let start = local(&c, 3, 9 + i as u32, 0);
        cached_then_booked(&app, &other, &c, token, &expected, start).await;
        expected.push(start);
        let took = heard(&app, &c, d, &expected).await;
        println!("heard another instance's booking after {took:?}");
    }
}

#[tokio::test]
async fn a_lost_listening_connection_empties_the_cache() {
    let app = TestApp::spawn().await;
    if !app.is_postgres() {
        return;
    }
    let c = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let d = c.desks[0];
    let people = members(&app, 1).await;
    assert!(busy(&app, &c, d).await.is_empty());
    assert!(busy(&app, &c, d).await.is_empty());
    // The listener's connection is cut, and a booking is written straight into the
    // database meanwhile, with no marker: nothing announces it.
    app.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .await;
    let start = local(&c, 3, 10, 0);
    app.execute(&format!(
        "INSERT INTO bookings (resource_id, user_id, status, start_at, end_at, code, created_at, updated_at)
         VALUES ({d}, {}, 'confirmed', '{}', '{}', 'LOSTCONN', now(), now())",
        people[0].0,
        start.to_rfc3339(),
        (start + chrono::Duration::hours(1)).to_rfc3339()
    ))
    .await;
    // The booking is seen once the loss is noticed (the cache is not used while the
    // listener is away), and still once the listener is back (~1 s): what it kept before
    // the loss is gone.
    heard(&app, &c, d, &[start]).await;
    let until = Instant::now() + Duration::from_millis(2500);
    while Instant::now() < until {
        assert_eq!(busy(&app, &c, d).await, [start], "a stale answer came back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
