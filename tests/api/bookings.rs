//! Bookings: the no-overlap guarantee under concurrency (and proof that the test can
//! fail without it), a property test against a brute-force model, every rule's code,
//! series, approval, check-in and the no-show sweep, on both backends.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use ortaq::bookings::Rules;
use ortaq::bookings::rules::local_instant;
use ortaq::db::Db;
use ortaq::i18n::Text;
use ortaq::spaces::OpeningHours;
use ortaq::spaces::storage::{self as spaces, NewLocation, RulesTarget};
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, problem};

/// A location open every day 08:00–22:00 with desks, a room and a hall.
#[derive(Clone)]
pub struct Center {
    pub location: i64,
    pub desks: Vec<i64>,
    pub room: i64,
    pub hall: i64,
    pub tz: chrono_tz::Tz,
}

pub async fn seed_center(db: &Db, zone: &str, desks: usize) -> Center {
    let mut tx = db.begin().await.unwrap();
    let unit = ortaq::org::storage::insert_root(&mut tx).await.unwrap();
    let location = spaces::insert_location(
        &mut tx,
        &NewLocation {
            unit_id: unit,
            name: &Text::both("Орталық", "Центр"),
            address: &Text::both("Ақтөбе", "Актобе"),
            phone: None,
            time_zone: zone,
        },
    )
    .await
    .unwrap();
    let hours: Vec<OpeningHours> = (1..=7)
        .map(|weekday| OpeningHours {
            weekday,
            opens: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        })
        .collect();
    spaces::set_hours(&mut tx, location, &hours).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..desks {
        ids.push(
            spaces::insert_resource(
                &mut tx,
                location,
                "desk",
                &Text::both(&format!("Орын {n}"), &format!("Место {n}")),
                1,
            )
            .await
            .unwrap(),
        );
    }
    let room = spaces::insert_resource(
        &mut tx,
        location,
        "meeting_room",
        &Text::both("Бөлме", "Комната"),
        8,
    )
    .await
    .unwrap();
    let hall = spaces::insert_resource(
        &mut tx,
        location,
        "event_hall",
        &Text::both("Зал", "Зал"),
        80,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    Center {
        location,
        desks: ids,
        room,
        hall,
        tz: zone.parse().unwrap(),
    }
}

/// Sets the rules of a kind of resource at the center.
pub async fn set_rules(db: &Db, center: &Center, kind: &str, rules: &Rules) {
    let mut tx = db.begin().await.unwrap();
    spaces::save_rules(&mut tx, center.location, RulesTarget::Kind(kind), rules)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// Local `day` days from today at `h:m`, in the center's zone, as RFC 3339.
pub fn local(center: &Center, day: i64, h: u32, m: u32) -> DateTime<Utc> {
    let today: NaiveDate = Utc::now().with_timezone(&center.tz).date_naive();
    local_instant(
        center.tz,
        today + Duration::days(day),
        NaiveTime::from_hms_opt(h, m, 0).unwrap(),
    )
    .unwrap()
}

/// Members with API tokens.
pub(crate) async fn members(app: &TestApp, n: usize) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for i in 0..n {
        let id = app
            .create_user(&format!("member{i}@example.kz"), "member", None)
            .await;
        out.push((id, app.token(id).await));
    }
    out
}

pub(crate) async fn book(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/bookings"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

pub(crate) fn body(resource: i64, start: DateTime<Utc>, end: DateTime<Utc>) -> Value {
    json!({"resource_id": resource, "start": start.to_rfc3339(), "end": end.to_rfc3339()})
}

/// Live bookings of the same resource that overlap, as counted by the database.
async fn overlaps(app: &TestApp) -> i64 {
    let sql = "SELECT COUNT(*) FROM bookings a JOIN bookings b
        ON a.resource_id = b.resource_id AND a.id < b.id
        AND a.start_at < b.end_at AND b.start_at < a.end_at
        WHERE a.status IN ('pending', 'confirmed', 'checked_in')
          AND b.status IN ('pending', 'confirmed', 'checked_in')";
    match &app.db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
    }
}

/// Rounds of `members` requests for one slot at once; per round, how many won.
async fn race(
    app: &Arc<TestApp>,
    center: &Center,
    members: &[(i64, String)],
    rounds: usize,
) -> Vec<usize> {
    let mut winners = Vec::new();
    for round in 0..rounds {
        // Partly overlapping requests: the same desk, starts 30 min apart around one hour.
        let desk = center.desks[round % center.desks.len()];
        let day = 1 + (round / 10) as i64;
        let hour = 9 + (round % 10) as u32;
        let tasks: Vec<_> = members
            .iter()
            .enumerate()
            .map(|(i, (_, token))| {
                let app = app.clone();
                let token = token.clone();
                let start = local(center, day, hour, 0) + Duration::minutes(30 * (i % 2) as i64);
                let end = start + Duration::hours(1);
                tokio::spawn(async move {
                    let r = book(&app, &token, body(desk, start, end)).await;
                    let status = r.status();
                    let json: Value = r.json().await.unwrap();
                    (status, json)
                })
            })
            .collect();
        let mut won = 0;
        for task in tasks {
            let (status, json) = task.await.unwrap();
            match status {
                StatusCode::CREATED => won += 1,
                StatusCode::CONFLICT => {
                    assert_eq!(json["code"], "booking_conflict", "{json}");
                    assert!(json["conflict"]["start"].is_string(), "{json}");
                }
                other => panic!("unexpected {other}: {json}"),
            }
        }
        winners.push(won);
    }
    winners
}

fn open_rules() -> Rules {
    Rules {
        per_day: None,
        per_week: None,
        ..Rules::defaults("desk")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_for_one_slot_have_exactly_one_winner() {
    let app = Arc::new(TestApp::spawn().await);
    let center = seed_center(&app.db, "Asia/Aqtobe", 3).await;
    set_rules(&app.db, &center, "desk", &open_rules()).await;
    let members = members(&app, 8).await;
    let winners = race(&app, &center, &members, 20).await;
    assert!(
        winners.iter().all(|w| *w == 1),
        "winners per round: {winners:?}"
    );
    assert_eq!(overlaps(&app).await, 0);
    assert_eq!(app.count("bookings").await, 20);
}

/// One member's daily quota under concurrency: many requests for different desks on the
/// same day at once; exactly the quota's number win, the rest are told the quota.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_quota_holds_when_one_member_books_many_desks_at_once() {
    let app = Arc::new(TestApp::spawn().await);
    let center = seed_center(&app.db, "Asia/Aqtobe", 8).await;
    set_rules(
        &app.db,
        &center,
        "desk",
        &Rules {
            per_day: Some(2),
            per_week: None,
            ..Rules::defaults("desk")
        },
    )
    .await;
    let members = members(&app, 1).await;
    let token = members[0].1.clone();
    for round in 0..5 {
        let tasks: Vec<_> = center
            .desks
            .iter()
            .map(|&desk| {
                let (app, token) = (app.clone(), token.clone());
                let start = local(&center, 1 + round, 10, 0);
                tokio::spawn(async move {
                    let r = book(&app, &token, body(desk, start, start + Duration::hours(1))).await;
                    let status = r.status();
                    (status, r.json::<Value>().await.unwrap())
                })
            })
            .collect();
        let mut won = 0;
        for task in tasks {
            let (status, json) = task.await.unwrap();
            match status {
                StatusCode::CREATED => won += 1,
                StatusCode::UNPROCESSABLE_ENTITY => {
                    assert_eq!(json["code"], "booking_quota_day", "{json}")
                }
                other => panic!("unexpected {other}: {json}"),
            }
        }
        assert_eq!(won, 2, "round {round}");
    }
    assert_eq!(app.count("bookings").await, 10);
}

/// The same race with the database's guard removed: the test sees the double booking.
/// (Ortaq's insert relies on the guard alone, so without it every request wins.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_the_database_guard_the_race_double_books() {
    let app = Arc::new(TestApp::spawn().await);
    drop_guard(&app).await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 3).await;
    set_rules(&app.db, &center, "desk", &open_rules()).await;
    let members = members(&app, 8).await;
    let winners = race(&app, &center, &members, 5).await;
    assert!(
        winners.iter().any(|w| *w > 1),
        "winners per round: {winners:?}"
    );
    assert!(overlaps(&app).await > 0);
}

async fn drop_guard(app: &TestApp) {
    if app.is_postgres() {
        app.execute("ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap")
            .await;
    } else {
        app.execute("DROP TRIGGER bookings_no_overlap_insert").await;
        app.execute("DROP TRIGGER bookings_no_overlap_update").await;
    }
}

/// A check-then-insert (what Seatsurfing and LibreBooking do): every writer first looks for
/// a conflict, then inserts. With all checks done before any insert — the interleaving that
/// concurrency allows — it double-books without the guard; with the guard, the database
/// refuses every insert but one.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn check_then_insert_double_books_unless_the_database_refuses() {
    for guarded in [false, true] {
        let app = TestApp::spawn().await;
        if !guarded {
            drop_guard(&app).await;
        }
        let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
        let user = app.create_user("member@example.kz", "member", None).await;
        let start = local(&center, 1, 10, 0);
        let end = start + Duration::hours(1);
        let writers = 6;
        let barrier = Arc::new(tokio::sync::Barrier::new(writers));
        let tasks: Vec<_> = (0..writers)
            .map(|_| {
                let db = app.db.clone();
                let barrier = barrier.clone();
                let desk = center.desks[0];
                tokio::spawn(async move { naive_book(&db, &barrier, desk, user, start, end).await })
            })
            .collect();
        let mut inserted = 0;
        for t in tasks {
            inserted += usize::from(t.await.unwrap());
        }
        if guarded {
            assert_eq!(inserted, 1);
            assert_eq!(overlaps(&app).await, 0);
        } else {
            assert_eq!(inserted, writers, "every check saw a free slot");
            assert!(overlaps(&app).await > 0);
        }
    }
}

/// Checks for a conflict, waits until every writer has checked, then inserts (autocommit
/// statements, as a naive implementation would). True when the insert went through.
async fn naive_book(
    db: &Db,
    barrier: &tokio::sync::Barrier,
    desk: i64,
    user: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> bool {
    let check = "SELECT COUNT(*) FROM bookings WHERE resource_id = $1
        AND status IN ('pending', 'confirmed', 'checked_in') AND start_at < $3 AND end_at > $2";
    let insert =
        "INSERT INTO bookings (resource_id, user_id, status, start_at, end_at, created_at, code)
        VALUES ($1, $2, 'confirmed', $3, $4, $3, $5)";
    let code = ortaq::bookings::model::new_code();
    let taken: i64 = match db {
        Db::Sqlite(p) => sqlx::query_scalar(check)
            .bind(desk)
            .bind(start)
            .bind(end)
            .fetch_one(p)
            .await
            .unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(check)
            .bind(desk)
            .bind(start)
            .bind(end)
            .fetch_one(p)
            .await
            .unwrap(),
    };
    barrier.wait().await;
    if taken > 0 {
        return false;
    }
    match db {
        Db::Sqlite(p) => sqlx::query(insert)
            .bind(desk)
            .bind(user)
            .bind(start)
            .bind(end)
            .bind(code)
            .execute(p)
            .await
            .is_ok(),
        Db::Postgres(p) => sqlx::query(insert)
            .bind(desk)
            .bind(user)
            .bind(start)
            .bind(end)
            .bind(code)
            .execute(p)
            .await
            .is_ok(),
    }
}

/// (id, resource, start, end, live)
pub type Modelled = (i64, i64, DateTime<Utc>, DateTime<Utc>, bool);

/// Random bookings and cancellations, straight against storage, compared with a
/// brute-force model of overlaps: each insert succeeds exactly when the model says the
/// interval is free, and the live bookings at the end are the model's.
#[tokio::test]
async fn random_bookings_and_cancellations_match_a_brute_force_model() {
    use ortaq::bookings::Status;
    use ortaq::bookings::storage::{NewBooking, insert, transition};
    use ortaq::error::Error;
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 3).await;
    let user = app.create_user("member@example.kz", "member", None).await;
    let base = local(&center, 1, 8, 0);
    let mut expected: Vec<i64> = Vec::new();
    for seed in 0..4u64 {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        // (id, resource, start, end, live)
        let mut model: Vec<Modelled> = Vec::new();
        let day = base + Duration::days(seed as i64 * 2);
        for _ in 0..150 {
            let live: Vec<usize> = (0..model.len()).filter(|i| model[*i].4).collect();
            if !live.is_empty() && rng.gen_bool(0.3) {
                let pick = live[rng.gen_range(0..live.len())];
                let mut tx = app.db.begin().await.unwrap();
                let done = transition(
                    &mut tx,
                    model[pick].0,
                    &[Status::Confirmed],
                    Status::Cancelled,
                    None,
                    None,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                assert!(done);
                model[pick].4 = false;
                continue;
            }
            let resource = center.desks[rng.gen_range(0..center.desks.len())];
            let start = day + Duration::minutes(15 * rng.gen_range(0..40));
            let end = start + Duration::minutes(15 * rng.gen_range(1..8));
            let free = !model
                .iter()
                .any(|(_, r, s, e, live)| *live && *r == resource && *s < end && start < *e);
            let mut tx = app.db.begin().await.unwrap();
            let result = insert(
                &mut tx,
                &NewBooking {
                    resource_id: resource,
                    user_id: user,
                    status: Status::Confirmed,
                    start,
                    end,
                    purpose: None,
                    series_id: None,
                    check_in_by: None,
                    booked_by: None,
                    override_reason: None,
                },
            )
            .await;
            match result {
                Ok(b) => {
                    tx.commit().await.unwrap();
                    assert!(
                        free,
                        "the database took {start}–{end} on {resource}, which the model says is taken"
                    );
                    model.push((b.id, resource, start, end, true));
                }
                Err(Error::BookingConflict { .. }) => {
                    assert!(
                        !free,
                        "the database refused {start}–{end} on {resource}, which the model says is free"
                    );
                }
                Err(other) => panic!("{other:?}"),
            }
        }
        expected.extend(model.iter().filter(|m| m.4).map(|m| m.0));
    }
    let mut stored: Vec<i64> = ortaq::bookings::storage::list(
        &app.db,
        &ortaq::bookings::storage::Filter {
            user_id: Some(user),
            limit: 10_000,
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .into_iter()
    .filter(|(b, _)| b.status.is_live())
    .map(|(b, _)| b.id)
    .collect();
    stored.sort();
    expected.sort();
    assert_eq!(stored, expected);
    assert_eq!(overlaps(&app).await, 0);
}

/// Every rule of the rules table answers with its own code through the API, in the
/// caller's language, and changes nothing.
#[tokio::test]
async fn every_broken_rule_answers_its_own_code() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    set_rules(
        &app.db,
        &center,
        "meeting_room",
        &Rules {
            lead_minutes: 60,
            buffer_minutes: 15,
            per_day: Some(1),
            per_week: Some(2),
            ..Rules::defaults("meeting_room")
        },
    )
    .await;
    let members = members(&app, 2).await;
    let token = &members[0].1;
    let room = center.room;
    let at = |day, h, m| local(&center, day, h, m);
    let ok = book(&app, token, body(room, at(2, 10, 0), at(2, 11, 0))).await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    let before = app.count("bookings").await;
    let soon =
        ortaq::bookings::rules::floor_to_slot(Utc::now(), center.tz, 30) + Duration::minutes(30);
    let cases: Vec<(Value, &str, Option<i64>)> = vec![
        (
            body(room, at(3, 11, 0), at(3, 10, 0)),
            "booking_empty",
            None,
        ),
        (
            body(room, at(-1, 10, 0), at(-1, 11, 0)),
            "booking_in_past",
            None,
        ),
        (
            body(room, at(3, 10, 10), at(3, 11, 0)),
            "booking_off_grid",
            Some(30),
        ),
        (
            body(room, at(3, 10, 0), at(3, 10, 0) + Duration::minutes(15)),
            "booking_off_grid",
            Some(30),
        ),
        (
            body(room, at(3, 10, 0), at(3, 15, 0)),
            "booking_too_long",
            Some(240),
        ),
        (
            body(room, soon, soon + Duration::hours(1)),
            "booking_too_soon",
            Some(60),
        ),
        (
            body(room, at(40, 10, 0), at(40, 11, 0)),
            "booking_too_far",
            Some(30),
        ),
        (
            body(room, at(3, 21, 30), at(3, 22, 30)),
            "booking_outside_hours",
            None,
        ),
        (
            body(room, at(2, 11, 0), at(2, 12, 0)),
            "booking_buffer",
            Some(15),
        ),
        (
            body(room, at(2, 14, 0), at(2, 15, 0)),
            "booking_quota_day",
            Some(1),
        ),
    ];
    for (request, code, limit) in cases {
        let r = book(&app, token, request.clone()).await;
        let status = if code == "booking_not_allowed" {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let p = problem(r, status, code).await;
        assert_eq!(p["limit"].as_i64(), limit, "{request} → {p}");
    }
    // Too short: a room with a one-hour minimum.
    let mut rules = Rules::defaults("meeting_room");
    rules.min_minutes = 60;
    set_rules(&app.db, &center, "meeting_room", &rules).await;
    let r = book(&app, &members[1].1, body(room, at(4, 10, 0), at(4, 10, 30))).await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_too_short").await;
    assert_eq!(p["limit"], 60);
    // The weekly quota: two bookings this week, the third refused.
    let mut rules = Rules::defaults("meeting_room");
    rules.per_week = Some(1);
    set_rules(&app.db, &center, "meeting_room", &rules).await;
    let r = book(&app, token, body(room, at(2, 15, 0), at(2, 16, 0))).await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_quota_week").await;
    assert_eq!(p["limit"], 1);
    // A closure.
    let mut tx = app.db.begin().await.unwrap();
    spaces::insert_closure(
        &mut tx,
        center.location,
        at(5, 0, 0),
        at(6, 0, 0),
        &Text::both("Мереке", "Праздник"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let r = book(
        &app,
        &members[1].1,
        body(center.desks[0], at(5, 10, 0), at(5, 11, 0)),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_closed").await;
    // Who may book: the hall only for space managers.
    let mut tx = app.db.begin().await.unwrap();
    spaces::set_access(
        &mut tx,
        center.hall,
        &[ortaq::spaces::Access::Role(
            ortaq::accounts::Role::SpaceManager,
        )],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let r = book(&app, token, body(center.hall, at(6, 10, 0), at(6, 12, 0))).await;
    problem(r, StatusCode::FORBIDDEN, "booking_not_allowed").await;
    // Messages are localized: the same refusal in Russian and Kazakh names its limit.
    let r = app
        .client
        .post(app.url("/api/v1/bookings"))
        .bearer_auth(token)
        .header("accept-language", "ru")
        .json(&body(room, at(3, 10, 0), at(3, 15, 0)))
        .send()
        .await
        .unwrap();
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "booking_too_long").await;
    assert!(p["detail"].as_str().unwrap().contains("240 минут"), "{p}");
    assert_eq!(app.count("bookings").await, before);
    // Bad input: a clear error per field, nothing written.
    let r = book(&app, token, json!({"start": "tomorrow", "end": ""})).await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["resource_id", "start", "end"]);
    assert_eq!(app.count("bookings").await, before);
}

/// A taken interval answers 409 with the booking in the way; back-to-back is fine.
#[tokio::test]
async fn a_conflict_names_the_interval_in_the_way() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let members = members(&app, 2).await;
    let desk = center.desks[0];
    let (a, b) = (local(&center, 1, 10, 0), local(&center, 1, 12, 0));
    assert_eq!(
        book(&app, &members[0].1, body(desk, a, b)).await.status(),
        StatusCode::CREATED
    );
    let r = book(
        &app,
        &members[1].1,
        body(desk, a + Duration::hours(1), b + Duration::hours(1)),
    )
    .await;
    let p = problem(r, StatusCode::CONFLICT, "booking_conflict").await;
    assert_eq!(
        p["conflict"]["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        a
    );
    assert_eq!(
        p["conflict"]["end"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        b
    );
    assert_eq!(
        book(&app, &members[1].1, body(desk, b, b + Duration::hours(1)))
            .await
            .status(),
        StatusCode::CREATED
    );
}

pub(crate) async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A weekly series: the taken week is reported and skipped, the rest booked; "this and
/// following" cancels from one occurrence on.
#[tokio::test]
async fn a_series_books_the_free_occurrences_and_cancels_from_one_on() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    set_rules(
        &app.db,
        &center,
        "meeting_room",
        &Rules {
            horizon_days: 60,
            per_week: None,
            ..Rules::defaults("meeting_room")
        },
    )
    .await;
    let members = members(&app, 2).await;
    let (start, end) = (local(&center, 1, 18, 0), local(&center, 1, 20, 0));
    // Someone has the room in the second week.
    let taken = book(
        &app,
        &members[1].1,
        body(
            center.room,
            start + Duration::weeks(1),
            end + Duration::weeks(1),
        ),
    )
    .await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    let request = json!({"resource_id": center.room, "start": start.to_rfc3339(), "end": end.to_rfc3339(),
        "frequency": "weekly", "count": 4, "purpose": "Қазақ тілі клубы"});
    let preview: Value = post(
        &app,
        &members[0].1,
        "/api/v1/series/preview",
        request.clone(),
    )
    .await
    .json()
    .await
    .unwrap();
    let codes: Vec<Value> = preview["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].clone())
        .collect();
    assert_eq!(
        codes,
        [
            Value::Null,
            json!("booking_conflict"),
            Value::Null,
            Value::Null
        ]
    );
    assert_eq!(app.count("bookings").await, 1, "a preview books nothing");
    let r = post(&app, &members[0].1, "/api/v1/series", request).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let outcome: Value = r.json().await.unwrap();
    let ids: Vec<i64> = outcome["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["booking_id"].as_i64())
        .collect();
    assert_eq!(ids.len(), 3);
    // Cancel the second booked occurrence and the following one.
    let r = post(
        &app,
        &members[0].1,
        &format!("/api/v1/bookings/{}/cancel", ids[1]),
        json!({"scope": "following"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["cancelled"], 2);
    let first: Value = app
        .client
        .get(app.url(&format!("/api/v1/bookings/{}", ids[0])))
        .bearer_auth(&members[0].1)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first["status"], "confirmed");
    // Cancelling one occurrence leaves the others.
    let r = post(
        &app,
        &members[0].1,
        &format!("/api/v1/bookings/{}/cancel", ids[0]),
        json!({}),
    )
    .await;
    assert_eq!(r.json::<Value>().await.unwrap()["cancelled"], 1);
    let r = post(
        &app,
        &members[0].1,
        &format!("/api/v1/bookings/{}/cancel", ids[0]),
        json!({}),
    )
    .await;
    problem(r, StatusCode::CONFLICT, "booking_not_cancellable").await;
    // Someone else's booking is not theirs to see or cancel.
    let r = post(&app, &members[0].1, "/api/v1/bookings/1/cancel", json!({})).await;
    problem(r, StatusCode::NOT_FOUND, "not_found").await;
}

/// The hall needs approval: pending until a space manager confirms or declines with a
/// reason; a member cannot decide.
#[tokio::test]
async fn the_hall_waits_for_a_space_manager() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let members = members(&app, 1).await;
    let unit = ortaq::spaces::storage::location(&app.db, center.location)
        .await
        .unwrap()
        .unwrap()
        .unit_id;
    let manager = app
        .create_user("manager@example.kz", "space_manager", Some(unit))
        .await;
    let manager = app.token(manager).await;
    let (s, e) = (local(&center, 3, 10, 0), local(&center, 3, 13, 0));
    let first: Value = book(&app, &members[0].1, body(center.hall, s, e))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["status"], "pending");
    // A pending booking holds the hall.
    let r = book(&app, &manager, body(center.hall, s, e)).await;
    problem(r, StatusCode::CONFLICT, "booking_conflict").await;
    let id = first["id"].as_i64().unwrap();
    let r = post(
        &app,
        &members[0].1,
        &format!("/api/v1/bookings/{id}/decision"),
        json!({"approve": true}),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = post(
        &app,
        &manager,
        &format!("/api/v1/bookings/{id}/decision"),
        json!({"approve": false}),
    )
    .await;
    let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(p["errors"][0]["field"], "reason");
    let r = post(
        &app,
        &manager,
        &format!("/api/v1/bookings/{id}/decision"),
        json!({"approve": false, "reason": "Зал жөндеуде"}),
    )
    .await;
    let declined: Value = r.json().await.unwrap();
    assert_eq!(declined["status"], "declined");
    assert_eq!(declined["decline_reason"], "Зал жөндеуде");
    let second: Value = book(
        &app,
        &members[0].1,
        body(center.hall, s + Duration::days(1), e + Duration::days(1)),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = second["id"].as_i64().unwrap();
    let r = post(
        &app,
        &manager,
        &format!("/api/v1/bookings/{id}/decision"),
        json!({"approve": true}),
    )
    .await;
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "confirmed");
    let r = post(
        &app,
        &manager,
        &format!("/api/v1/bookings/{id}/decision"),
        json!({"approve": true}),
    )
    .await;
    problem(r, StatusCode::CONFLICT, "booking_not_pending").await;
    // Staff set a rule aside with a recorded reason: the hall tomorrow morning (one day's notice required).
    let r = book(&app, &manager, json!({"resource_id": center.hall, "start": (Utc::now() + Duration::hours(2)).format("%Y-%m-%dT%H:00:00Z").to_string(),
        "end": (Utc::now() + Duration::hours(4)).format("%Y-%m-%dT%H:00:00Z").to_string(), "override_reason": "Әкімдікпен кездесу"})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(
        r.json::<Value>().await.unwrap()["override_reason"],
        "Әкімдікпен кездесу"
    );
    assert!(app.count("audit_log").await >= 3);
    // A member cannot set rules aside.
    let r = book(
        &app,
        &members[0].1,
        json!({"resource_id": center.room, "start": local(&center, 2, 10, 0).to_rfc3339(),
        "end": local(&center, 2, 10, 0).to_rfc3339(), "override_reason": "хочу"}),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
}

/// Check-in by code at the front desk (once; a repeat says when), and the sweep releases
/// a booking nobody checked in as a no-show, freeing the resource.
#[tokio::test]
async fn check_in_once_and_release_no_shows() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    // The test books "now", whatever the hour it runs at.
    let any_hour = Rules {
        within_hours: false,
        ..Rules::defaults("desk")
    };
    set_rules(&app.db, &center, "desk", &any_hour).await;
    let members = members(&app, 2).await;
    let unit = ortaq::spaces::storage::location(&app.db, center.location)
        .await
        .unwrap()
        .unwrap()
        .unit_id;
    let staff = app
        .create_user("desk@example.kz", "space_manager", Some(unit))
        .await;
    let staff = app.token(staff).await;
    let now = Utc::now();
    let slot = ortaq::bookings::rules::floor_to_slot(now, center.tz, 30);
    // Made ahead, then moved to start now (as if booked yesterday).
    let later = local(&center, 1, 10, 0);
    let a: Value = book(
        &app,
        &members[0].1,
        body(center.desks[0], later, later + Duration::hours(2)),
    )
    .await
    .json()
    .await
    .unwrap();
    let b: Value = book(
        &app,
        &members[1].1,
        body(center.desks[1], later, later + Duration::hours(2)),
    )
    .await
    .json()
    .await
    .unwrap();
    let fmt = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    for (id, start) in [(&a["id"], slot), (&b["id"], slot - Duration::minutes(30))] {
        app.execute(&format!(
            "UPDATE bookings SET start_at = '{}', end_at = '{}', check_in_by = '{}' WHERE id = {id}",
            fmt(start), fmt(start + Duration::hours(2)), fmt(start + Duration::minutes(15))
        ))
        .await;
    }
    let code = a["code"].as_str().unwrap();
    // A member cannot use the front desk.
    let r = post(
        &app,
        &members[1].1,
        "/api/v1/check-in",
        json!({"code": code}),
    )
    .await;
    problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let r = post(&app, &staff, "/api/v1/check-in", json!({"code": typed})).await;
    let checked: Value = r.json().await.unwrap();
    if now < slot + Duration::minutes(15) {
        assert_eq!(checked["status"], "checked_in", "{checked}");
        let r = post(&app, &staff, "/api/v1/check-in", json!({"code": code})).await;
        problem(r, StatusCode::CONFLICT, "already_checked_in").await;
    }
    let r = post(
        &app,
        &staff,
        "/api/v1/check-in",
        json!({"code": "nonsense"}),
    )
    .await;
    problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    // The sweep: b's window closed 15 minutes after its start.
    let swept = ortaq::bookings::storage::sweep(&app.db, now.max(slot) + Duration::minutes(1))
        .await
        .unwrap();
    assert!(swept.no_shows >= 1, "{swept:?}");
    // Sweeping again at the same instant changes nothing (several instances may sweep at once).
    let again = ortaq::bookings::storage::sweep(&app.db, now.max(slot) + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(again, Default::default());
    let b_now: Value = app
        .client
        .get(app.url(&format!("/api/v1/bookings/{}", b["id"])))
        .bearer_auth(&members[1].1)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(b_now["status"], "no_show");
    // Released: the desk is free again for someone else now.
    let r = book(&app, &members[0].1, json!({"resource_id": center.desks[1], "start": fmt(slot), "end": fmt(slot + Duration::hours(1))})).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
}

/// A location in Berlin: a booking across the night the clocks go forward keeps local
/// hours, the skipped hour is not a start, and availability follows local days.
#[tokio::test]
async fn bookings_across_a_daylight_saving_change() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Europe/Berlin", 1).await;
    set_rules(
        &app.db,
        &center,
        "meeting_room",
        &Rules {
            horizon_days: 730,
            within_hours: false,
            max_minutes: 600,
            ..Rules::defaults("meeting_room")
        },
    )
    .await;
    let members = members(&app, 1).await;
    // The next last Sunday of March, in Berlin.
    let today = Utc::now().date_naive();
    let mut year = chrono::Datelike::year(&today);
    let change = loop {
        let last = (25..=31)
            .rev()
            .map(|d| NaiveDate::from_ymd_opt(year, 3, d).unwrap())
            .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Sun)
            .unwrap();
        if last > today + Duration::days(1) {
            break last;
        }
        year += 1;
    };
    let tz = center.tz;
    let at =
        |d: NaiveDate, h| local_instant(tz, d, NaiveTime::from_hms_opt(h, 0, 0).unwrap()).unwrap();
    let (start, end) = (at(change - Duration::days(1), 23), at(change, 4));
    assert_eq!(
        (end - start).num_hours(),
        4,
        "23:00 to 04:00 across the change is four real hours"
    );
    let r = book(&app, &members[0].1, body(center.room, start, end)).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let availability: Value = app
        .client
        .get(app.url(&format!(
            "/api/v1/locations/{}/availability?date={change}",
            center.location
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(availability["time_zone"], "Europe/Berlin");
    let room = availability["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource_id"] == center.room)
        .unwrap();
    let busy = &room["busy"][0];
    assert_eq!(
        busy["end"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        end
    );
    // The local day of the change is 23 hours long: free from 04:00 to midnight.
    let free = &room["free"][0];
    assert_eq!(
        free["start"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap(),
        end
    );
    assert_eq!(
        (free["end"]
            .as_str()
            .unwrap()
            .parse::<DateTime<Utc>>()
            .unwrap()
            - end)
            .num_hours(),
        20
    );
    // A weekly series at 18:00 local keeps 18:00 across the change.
    let s = at(change - Duration::days(7), 18);
    let r = post(
        &app,
        &members[0].1,
        "/api/v1/series/preview",
        json!({"resource_id": center.room, "start": s.to_rfc3339(),
        "end": (s + Duration::hours(1)).to_rfc3339(), "frequency": "weekly", "count": 2}),
    )
    .await;
    let preview: Value = r.json().await.unwrap();
    let starts: Vec<String> = preview["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            o["start"]
                .as_str()
                .unwrap()
                .parse::<DateTime<Utc>>()
                .unwrap()
                .with_timezone(&tz)
                .format("%H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(starts, ["18:00", "18:00"]);
}
