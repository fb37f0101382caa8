//! What made bookings fast must not change what they answer: group commit (one
//! transaction for many bookings, each in its own savepoint), the spaces cache checked
//! against the database's version, and the availability answer read in one statement.
//! On both backends (PostgreSQL writes one booking per transaction, but the batch
//! function is the same code and is checked there too).

use chrono::{DateTime, Utc};
use ortaq::accounts::CurrentUser;
use ortaq::bookings::Rules;
use ortaq::bookings::book::{self, Job, Request};
use ortaq::bookings::commit::{self, Writer};
use ortaq::db::Db;
use ortaq::error::Error;
use ortaq::i18n::Text;
use ortaq::spaces::cache::Cache;
use ortaq::spaces::storage as spaces;
use serde_json::Value;

use crate::bookings::{Center, local, seed_center, set_rules};
use crate::helpers::TestApp;

async fn member(app: &TestApp, email: &str) -> CurrentUser {
    let id = app.create_user(email, "member", None).await;
    ortaq::accounts::storage::current_user(&app.db, id)
        .await
        .unwrap()
        .unwrap()
}

/// A request judged against its setting, ready for the writer.
async fn job(
    db: &Db,
    spaces: &Cache,
    who: &CurrentUser,
    resource_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Job {
    let req = Request {
        resource_id,
        start,
        end,
        purpose: None,
        for_user: None,
        override_reason: None,
        initiative_id: None,
    };
    Job {
        setting: book::setting(db, spaces, who, &req).await.unwrap(),
        actor_id: who.id,
        ip: [127, 0, 0, 1].into(),
        now: ortaq::clock::now(),
        start,
        end,
        purpose: None,
        initiative_id: None,
    }
}

async fn live_bookings(db: &Db) -> Vec<(i64, i64, DateTime<Utc>)> {
    ortaq::on_db!(db, pool => sqlx::query_as(
        "SELECT user_id, resource_id, start_at FROM bookings
         WHERE status IN ('pending', 'confirmed', 'checked_in') ORDER BY resource_id, start_at")
        .fetch_all(pool)
        .await)
    .unwrap()
}

#[tokio::test]
async fn one_batch_answers_each_booking_on_its_own_and_keeps_the_good_ones() {
    let app = TestApp::spawn().await;
    let c: Center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    // Two desk bookings a member a day.
    set_rules(
        &app.db,
        &c,
        "desk",
        &Rules {
            per_day: Some(2),
            ..Rules::defaults("desk")
        },
    )
    .await;
    let (a, b) = (
        member(&app, "aigerim@example.kz").await,
        member(&app, "bolat@example.kz").await,
    );
    let spaces = Cache::new();
    let (d0, d1) = (c.desks[0], c.desks[1]);
    let t = |h: u32, m: u32| local(&c, 1, h, m);
    let jobs = vec![
        job(&app.db, &spaces, &a, d0, t(10, 0), t(11, 0)).await,
        // Taken by the first one, in this same batch.
        job(&app.db, &spaces, &b, d0, t(10, 30), t(11, 30)).await,
        job(&app.db, &spaces, &b, d1, t(10, 0), t(11, 0)).await,
        job(&app.db, &spaces, &a, d1, t(12, 0), t(13, 0)).await,
        // Aigerim's third desk of the day: her first two are in this batch.
        job(&app.db, &spaces, &a, d0, t(14, 0), t(15, 0)).await,
        // Off the half-hour grid.
        job(&app.db, &spaces, &b, d0, t(16, 10), t(17, 0)).await,
        job(&app.db, &spaces, &b, d0, t(17, 0), t(18, 0)).await,
    ];
    let results = commit::write_batch(&app.db, &jobs).await;
    assert_eq!(results.len(), jobs.len());

    let booked: Vec<i64> = results
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|b| b.id))
        .collect();
    assert_eq!(booked.len(), 4, "{results:?}");
    assert!(results[0].is_ok() && results[2].is_ok() && results[3].is_ok());
    assert!(results[6].is_ok());
    match &results[1] {
        Err(Error::BookingConflict { start, end }) => {
            assert_eq!(
                (*start, *end),
                (t(10, 0), t(11, 0)),
                "the booking in the way"
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    match &results[4] {
        Err(Error::Rule { code, limit }) => {
            assert_eq!((*code, *limit), ("booking_quota_day", Some(2)));
        }
        other => panic!("expected the daily quota, got {other:?}"),
    }
    assert!(
        matches!(
            &results[5],
            Err(Error::Rule {
                code: "booking_off_grid",
                ..
            })
        ),
        "{:?}",
        results[5]
    );

    // Committed: exactly the four answered 201, whoever reads the database now.
    assert_eq!(
        live_bookings(&app.db).await,
        vec![
            (a.id, d0, t(10, 0)),
            (b.id, d0, t(17, 0)),
            (b.id, d1, t(10, 0)),
            (a.id, d1, t(12, 0)),
        ]
    );
    let r = results[0].as_ref().unwrap();
    assert_eq!((r.user_id, r.resource_id), (Some(a.id), d0));
}

#[tokio::test]
async fn bookings_made_for_someone_else_have_their_own_savepoint_inside_a_batch() {
    let app = TestApp::spawn().await;
    let c = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    let (a, b) = (
        member(&app, "aigerim@example.kz").await,
        member(&app, "bolat@example.kz").await,
    );
    let spaces = Cache::new();
    let (d0, d1) = (c.desks[0], c.desks[1]);
    let t = |h: u32, m: u32| local(&c, 1, h, m);
    // Made by someone else (`by`): the booking and an audit entry, in a savepoint.
    let on_behalf = |mut job: Job, by: &CurrentUser| {
        job.actor_id = by.id;
        assert!(!job.writes_once());
        job
    };
    let jobs = vec![
        job(&app.db, &spaces, &a, d0, t(10, 0), t(11, 0)).await,
        on_behalf(
            job(&app.db, &spaces, &a, d0, t(10, 30), t(11, 30)).await,
            &b,
        ),
        job(&app.db, &spaces, &a, d1, t(12, 0), t(13, 0)).await,
        on_behalf(job(&app.db, &spaces, &b, d1, t(14, 0), t(15, 0)).await, &a),
        job(&app.db, &spaces, &b, d1, t(14, 30), t(15, 30)).await,
    ];
    let results = commit::write_batch(&app.db, &jobs).await;
    let ok: Vec<bool> = results.iter().map(|r| r.is_ok()).collect();
    assert_eq!(ok, vec![true, false, true, true, false], "{results:?}");
    assert!(matches!(results[1], Err(Error::BookingConflict { .. })));
    assert!(matches!(results[4], Err(Error::BookingConflict { .. })));
    assert_eq!(
        live_bookings(&app.db).await,
        vec![
            (a.id, d0, t(10, 0)),
            (a.id, d1, t(12, 0)),
            (b.id, d1, t(14, 0))
        ]
    );
    // One audit entry: the booking made for Bolat, which stands.
    let entries: i64 = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'booking.create'")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(entries, 1);
}

#[tokio::test]
async fn a_batch_whose_bookings_are_all_refused_writes_nothing() {
    let app = TestApp::spawn().await;
    let c = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let a = member(&app, "aigerim@example.kz").await;
    let spaces = Cache::new();
    let d = c.desks[0];
    let first = vec![
        job(
            &app.db,
            &spaces,
            &a,
            d,
            local(&c, 1, 9, 0),
            local(&c, 1, 10, 0),
        )
        .await,
    ];
    assert!(commit::write_batch(&app.db, &first).await[0].is_ok());
    let jobs = vec![
        job(
            &app.db,
            &spaces,
            &a,
            d,
            local(&c, 1, 9, 30),
            local(&c, 1, 10, 30),
        )
        .await,
        job(
            &app.db,
            &spaces,
            &a,
            d,
            local(&c, 1, 9, 0),
            local(&c, 1, 9, 0),
        )
        .await,
    ];
    let results = commit::write_batch(&app.db, &jobs).await;
    assert!(matches!(results[0], Err(Error::BookingConflict { .. })));
    assert!(matches!(
        results[1],
        Err(Error::Rule {
            code: "booking_empty",
            ..
        })
    ));
    assert_eq!(live_bookings(&app.db).await.len(), 1);
}

#[tokio::test]
async fn the_writer_answers_many_waiting_bookings_each_with_its_own_result() {
    let app = TestApp::spawn().await;
    let c = seed_center(&app.db, "Asia/Aqtobe", 4).await;
    set_rules(
        &app.db,
        &c,
        "desk",
        &Rules {
            per_day: None,
            per_week: None,
            ..Rules::defaults("desk")
        },
    )
    .await;
    let mut people = Vec::new();
    for i in 0..6 {
        people.push(member(&app, &format!("member{i}@example.kz")).await);
    }
    let spaces = Cache::new();
    let writer = Writer::start(&app.db);
    // Every member asks for every desk at 10:00 and at 11:00, all at once: each of the
    // eight intervals is won exactly once, every other request is a conflict.
    let mut jobs = Vec::new();
    for desk in &c.desks {
        for hour in [10, 11] {
            for who in &people {
                jobs.push(
                    job(
                        &app.db,
                        &spaces,
                        who,
                        *desk,
                        local(&c, 2, hour, 0),
                        local(&c, 2, hour + 1, 0),
                    )
                    .await,
                );
            }
        }
    }
    let total = jobs.len();
    let answers =
        futures_util::future::join_all(jobs.into_iter().map(|j| writer.book(&app.db, j))).await;
    let won = answers.iter().filter(|a| a.is_ok()).count();
    let lost = answers
        .iter()
        .filter(|a| matches!(a, Err(Error::BookingConflict { .. })))
        .count();
    assert_eq!((won, lost), (8, total - 8), "{answers:?}");
    assert_eq!(live_bookings(&app.db).await.len(), 8);
}

#[tokio::test]
async fn spaces_changed_by_another_instance_are_seen() {
    let app = TestApp::spawn().await;
    let c = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let d = c.desks[0];
    // This test's own copy, as a second instance would have it.
    let ours = Cache::new();
    let before = ours.fresh(&app.db).await.unwrap();
    assert_eq!(before.resource(d).unwrap().rules, Rules::defaults("desk"));
    // The app (another instance, for `ours`) changes the rules, closes a day, retires
    // the desk — straight in the database, as any instance would.
    let stricter = Rules {
        max_minutes: 60,
        ..Rules::defaults("desk")
    };
    set_rules(&app.db, &c, "desk", &stricter).await;
    let after = ours.fresh(&app.db).await.unwrap();
    assert!(after.version > before.version);
    assert_eq!(after.resource(d).unwrap().rules, stricter);

    // The app's own cache, loaded by an answer, sees a closure made behind its back.
    let path = format!(
        "/api/v1/resources/{d}/availability?from={}&to={}",
        local(&c, 3, 0, 0).to_rfc3339().replace('+', "%2B"),
        local(&c, 4, 0, 0).to_rfc3339().replace('+', "%2B")
    );
    let open: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(open["busy"].as_array().unwrap().len(), 0, "{open}");
    let mut tx = app.db.begin().await.unwrap();
    spaces::insert_closure(
        &mut tx,
        c.location,
        local(&c, 3, 12, 0),
        local(&c, 3, 14, 0),
        &Text::both("Жөндеу", "Ремонт"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    // On PostgreSQL the answer comes from memory (`bookings::busy_cache`) and the closure
    // is heard of through the spaces version's notification, a moment after the commit.
    let started = std::time::Instant::now();
    let closed = loop {
        let closed: Value = app.get(&path).await.json().await.unwrap();
        if closed["busy"][0]["kind"] == "closed" || started.elapsed().as_secs() >= 5 {
            break closed;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    };
    assert_eq!(closed["busy"][0]["kind"], "closed", "{closed}");
    assert_eq!(closed["free"].as_array().unwrap().len(), 2, "{closed}");

    // A booking request judged after the change meets the new rule.
    let a = member(&app, "aigerim@example.kz").await;
    let req = Request {
        resource_id: d,
        start: local(&c, 1, 10, 0),
        end: local(&c, 1, 12, 0),
        purpose: None,
        for_user: None,
        override_reason: None,
        initiative_id: None,
    };
    let writer = Writer::start(&app.db);
    let answer = book::book(&app.db, &ours, &writer, &a, [127, 0, 0, 1].into(), &req).await;
    assert!(
        matches!(
            answer,
            Err(Error::Rule {
                code: "booking_too_long",
                limit: Some(60)
            })
        ),
        "{answer:?}"
    );
}
