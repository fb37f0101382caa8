//! The crash test: the `ortaq` binary under concurrent booking and registration load is
//! killed with SIGKILL at random moments, again and again, and restarted each time.
//! Afterwards every write it acknowledged with 2xx is there, no booking overlaps and (on
//! SQLite) the file passes `PRAGMA integrity_check`. Rounds: `ORTAQ_CRASH_ROUNDS` (50).

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ortaq::db::Db;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::bookings::{Center, local, seed_center};
use crate::helpers::fresh_database;

const DESKS: usize = 20;
const MEMBERS: usize = 24;
const EVENTS: usize = 4;

fn rounds() -> usize {
    std::env::var("ORTAQ_CRASH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50)
}

/// Starts the server and answers it with its address, once it serves.
fn start(url: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ortaq"))
        .env("ORTAQ_DATABASE_URL", url)
        .env("ORTAQ_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting ortaq");
    let stdout = child.stdout.take().unwrap();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("reading the server's output");
        if let Some(address) = line.strip_prefix("Ortaq is serving on ") {
            return (child, address.to_string());
        }
    }
    panic!("the server stopped before serving: {:?}", child.wait());
}

/// Members with tokens (no password: they only use the API), and a coordinator.
async fn people(db: &Db, unit: i64) -> (Vec<(i64, String)>, String) {
    let now = ortaq::clock::now();
    let mut members = Vec::new();
    for n in 0..=MEMBERS {
        let id: i64 = ortaq::on_db!(db, pool => sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at, password_changed_at)
             VALUES ($1, $2, '!', $3, $3) RETURNING id")
            .bind(format!("crash{n}@example.kz"))
            .bind(format!("Қатысушы {n}"))
            .bind(now)
            .fetch_one(pool)
            .await)
        .unwrap();
        members.push((id, ortaq::auth::tokens::create(db, id).await.unwrap()));
    }
    let (coordinator, token) = members.pop().unwrap();
    ortaq::on_db!(db, pool => sqlx::query(
        "INSERT INTO role_grants (user_id, role, unit_id, created_at) VALUES ($1, 'coordinator', $2, $3)")
        .bind(coordinator)
        .bind(unit)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    (members, token)
}

/// What the load was told was written.
#[derive(Default)]
struct Acked {
    bookings: Vec<i64>,
    registrations: Vec<(i64, i64)>,
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_and_no_booking_overlaps() {
    let (url, _dir, pg) = fresh_database().await;
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let center: Center = seed_center(&db, "Asia/Aqtobe", DESKS).await;
    let unit: i64 = ortaq::on_db!(&db, pool => sqlx::query_scalar("SELECT id FROM org_units ORDER BY id LIMIT 1").fetch_one(pool).await).unwrap();
    let (members, coordinator) = people(&db, unit).await;
    db.close().await;

    let client = reqwest::Client::new();
    let (mut child, address) = start(&url);
    let mut events = Vec::new();
    for n in 0..EVENTS {
        let start = ortaq::clock::now() + chrono::Duration::days(3 + n as i64);
        let response = client
            .post(format!("{address}/api/v1/events"))
            .bearer_auth(&coordinator)
            .json(&json!({
                "unit_id": unit,
                "title": {"kk": format!("Кездесу {n}"), "ru": format!("Встреча {n}")},
                "category": "dialogue",
                "languages": ["kk", "ru"],
                "place": "online",
                "online_url": "https://meet.example.kz/crash",
                "start": start.to_rfc3339(),
                "end": (start + chrono::Duration::hours(2)).to_rfc3339(),
                "capacity": 10,
                "publish": true,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        events.push(
            response.json::<Value>().await.unwrap()["id"]
                .as_i64()
                .unwrap(),
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // Every slot (desk × day × hour) is asked for twice, by two members at once: one wins.
    let slots: Vec<(i64, i64, u32)> = (0..DESKS)
        .flat_map(|d| (1..=12).flat_map(move |day| (8..21).map(move |h| (d as i64, day, h))))
        .collect();
    let next_slot = Arc::new(AtomicUsize::new(0));
    let next_registration = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(Mutex::new(Acked::default()));
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let rounds = rounds();
    for _ in 0..rounds {
        let (mut child, address) = start(&url);
        let mut load = Vec::new();
        for worker in 0..8 {
            let (client, address, acked) = (client.clone(), address.clone(), acked.clone());
            let (next_slot, next_registration) = (next_slot.clone(), next_registration.clone());
            let (members, center, slots, events) = (
                members.clone(),
                center.clone(),
                slots.clone(),
                events.clone(),
            );
            load.push(tokio::spawn(async move {
                loop {
                    if worker < 6 {
                        let n = next_slot.fetch_add(1, Ordering::Relaxed);
                        let Some((desk, day, hour)) = slots.get(n / 2).copied() else {
                            return;
                        };
                        let (_, token) = &members[n % members.len()];
                        let Ok(response) = client
                            .post(format!("{address}/api/v1/bookings"))
                            .bearer_auth(token)
                            .json(&json!({
                                "resource_id": center.desks[desk as usize],
                                "start": local(&center, day, hour, 0).to_rfc3339(),
                                "end": local(&center, day, hour + 1, 0).to_rfc3339(),
                            }))
                            .send()
                            .await
                        else {
                            return;
                        };
                        if response.status() == StatusCode::CREATED
                            && let Ok(body) = response.json::<Value>().await
                        {
                            acked
                                .lock()
                                .await
                                .bookings
                                .push(body["id"].as_i64().unwrap());
                        }
                    } else {
                        let n = next_registration.fetch_add(1, Ordering::Relaxed);
                        if n >= members.len() * events.len() {
                            return;
                        }
                        let (user, token) = &members[n % members.len()];
                        let event = events[n / members.len()];
                        let Ok(response) = client
                            .post(format!("{address}/api/v1/events/{event}/registrations"))
                            .bearer_auth(token)
                            .send()
                            .await
                        else {
                            return;
                        };
                        if response.status().is_success() {
                            acked.lock().await.registrations.push((event, *user));
                        }
                    }
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(rng.gen_range(20..250))).await;
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        for task in load {
            task.abort();
            let _ = task.await;
        }
    }

    // After the last kill: start once more (recovery), then look at the database itself.
    let (mut child, _) = start(&url);
    child.kill().unwrap();
    child.wait().unwrap();
    let db = Db::connect(&url).await.unwrap();
    let acked = acked.lock().await;
    eprintln!(
        "crash test: {rounds} kills; {} bookings and {} registrations acknowledged",
        acked.bookings.len(),
        acked.registrations.len()
    );
    assert!(
        acked.bookings.len() > rounds,
        "the load wrote between kills: {} bookings",
        acked.bookings.len()
    );
    let stored: HashSet<i64> = ortaq::on_db!(&db, pool => sqlx::query_scalar("SELECT id FROM bookings WHERE status = 'confirmed'").fetch_all(pool).await)
        .unwrap()
        .into_iter()
        .collect();
    for id in &acked.bookings {
        assert!(stored.contains(id), "acknowledged booking {id} was lost");
    }
    let registered: HashSet<(i64, i64)> = ortaq::on_db!(&db, pool => sqlx::query_as(
        "SELECT event_id, user_id FROM event_registrations WHERE status IN ('registered', 'waitlisted')")
        .fetch_all(pool)
        .await)
    .unwrap()
    .into_iter()
    .collect();
    for pair in &acked.registrations {
        assert!(
            registered.contains(pair),
            "acknowledged registration {pair:?} was lost"
        );
    }
    let over_capacity: i64 = ortaq::on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM events e WHERE (SELECT COUNT(*) FROM event_registrations r
             WHERE r.event_id = e.id AND r.status = 'registered') > e.capacity")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(over_capacity, 0, "no event holds more than its capacity");
    let overlaps: i64 = ortaq::on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings a JOIN bookings b
             ON a.resource_id = b.resource_id AND a.id < b.id
             AND a.start_at < b.end_at AND b.start_at < a.end_at
         WHERE a.status IN ('pending', 'confirmed', 'checked_in')
           AND b.status IN ('pending', 'confirmed', 'checked_in')")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(overlaps, 0, "no booking overlaps");
    if let Db::Sqlite(pool) = &db {
        let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(verdict, "ok");
    }
    db.close().await;
    if let Some(pg) = pg {
        crate::helpers::drop_database(pg).await;
    }
}
