//! What the database itself guarantees, whichever backend.

use chrono::{Duration, TimeZone, Utc};
use ortaq::db::Db;
use ortaq::error::{Error, ResultExt};
use ortaq::i18n::Text;
use ortaq::on_db;

use crate::bookings::Modelled;
use crate::helpers::TestApp;

async fn a_resource(app: &TestApp) -> i64 {
    let root = ortaq::org::storage::ensure_root(&app.db).await.unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let location = ortaq::spaces::storage::insert_location(
        &mut tx,
        &ortaq::spaces::storage::NewLocation {
            unit_id: root,
            name: &Text::both("Коворкинг", "Коворкинг"),
            address: &Text::default(),
            phone: None,
            time_zone: "Asia/Aqtobe",
        },
    )
    .await
    .unwrap();
    let hall = ortaq::spaces::storage::insert_resource(
        &mut tx,
        location,
        "event_hall",
        &Text::both("Іс-шаралар залы", "Зал"),
        80,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    hall
}

async fn book(
    db: &Db,
    resource: i64,
    start: chrono::DateTime<Utc>,
    end: chrono::DateTime<Utc>,
    status: &str,
) -> Result<i64, Error> {
    let mut tx = db.begin().await?;
    let id = ortaq::on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO bookings (resource_id, status, start_at, end_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(resource)
        .bind(status)
        .bind(start)
        .bind(end)
        .bind(ortaq::clock::now())
        .fetch_one(conn)
        .await)
    .on_constraint("bookings_no_overlap", || Error::Conflict("booking_conflict"))?;
    tx.commit().await?;
    Ok(id)
}

#[tokio::test]
async fn two_live_bookings_of_one_resource_never_overlap_even_when_sent_at_once() {
    let app = TestApp::spawn().await;
    let hall = a_resource(&app).await;
    let start = Utc.with_ymd_and_hms(2026, 12, 16, 10, 0, 0).unwrap();
    // Twenty people try to take overlapping slots of the hall at the same moment.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let db = app.db.clone();
        let s = start + Duration::minutes(i * 5);
        tasks.push(tokio::spawn(async move {
            book(&db, hall, s, s + Duration::hours(2), "confirmed").await
        }));
    }
    let mut won = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => won += 1,
            Err(Error::Conflict("booking_conflict")) => {}
            Err(other) => panic!("unexpected error {other:?}"),
        }
    }
    assert!(won >= 1);
    let rows: Vec<(chrono::DateTime<Utc>, chrono::DateTime<Utc>)> = on_db!(&app.db, pool => sqlx::query_as(
        "SELECT start_at, end_at FROM bookings WHERE status IN ('pending', 'confirmed', 'checked_in') ORDER BY start_at")
        .fetch_all(pool)
        .await)
    .unwrap();
    assert_eq!(rows.len(), won);
    for pair in rows.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "overlap: {pair:?}");
    }
}

/// Random moves, stretches and revivals of bookings (UPDATEs, which the no-overlap guard
/// judges with the row itself left out), straight against the database, compared with a
/// brute-force model: each update is taken exactly when the model says the new interval
/// meets no other live booking of that resource, and the live bookings at the end are the
/// model's. Two resources, intervals of one to eight quarter hours over ten hours, so that
/// an update often spans several bookings, ends where another starts, or only grows.
#[tokio::test]
async fn random_updates_match_a_brute_force_model_of_overlaps() {
    use rand::{Rng, SeedableRng};
    let app = TestApp::spawn().await;
    let resources = [a_resource(&app).await, a_resource(&app).await];
    let day = Utc.with_ymd_and_hms(2026, 12, 16, 3, 0, 0).unwrap();
    let quarter = |n: i64| day + Duration::minutes(15 * n);
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    // (id, resource, start, end, live), every booking ever written.
    let mut model: Vec<Modelled> = Vec::new();
    let meets = |model: &[Modelled], id: i64, resource: i64, start, end| {
        model
            .iter()
            .any(|(i, r, s, e, live)| *i != id && *live && *r == resource && *s < end && start < *e)
    };
    // Some bookings to move about: those the model says are free are written live, the
    // others cancelled (a cancelled booking holds nothing and can be revived later).
    for _ in 0..40 {
        let resource = resources[rng.gen_range(0..2)];
        let start = quarter(rng.gen_range(0..40));
        let end = start + Duration::minutes(15 * rng.gen_range(1..9));
        let live = !meets(&model, 0, resource, start, end);
        let status = if live { "confirmed" } else { "cancelled" };
        let id = book(&app.db, resource, start, end, status).await.unwrap();
        model.push((id, resource, start, end, live));
    }
    let (mut taken, mut refused) = (0, 0);
    for _ in 0..300 {
        let pick = rng.gen_range(0..model.len());
        let (id, resource, old_start, old_end, _) = model[pick];
        let (resource, start, end, live) = match rng.gen_range(0..4) {
            // Moved to another time, perhaps to the other resource.
            0 => {
                let start = quarter(rng.gen_range(0..40));
                let resource = resources[rng.gen_range(0..2)];
                (
                    resource,
                    start,
                    start + Duration::minutes(15 * rng.gen_range(1..9)),
                    true,
                )
            }
            // Stretched or shortened at its end (it must not be refused for meeting itself).
            1 => {
                let end = old_end + Duration::minutes(15 * rng.gen_range(-2..5));
                (
                    resource,
                    old_start,
                    end.max(old_start + Duration::minutes(15)),
                    true,
                )
            }
            // Revived as it was, or cancelled.
            2 => (resource, old_start, old_end, true),
            _ => (resource, old_start, old_end, false),
        };
        let status = if live { "confirmed" } else { "cancelled" };
        let free = !live || !meets(&model, id, resource, start, end);
        let updated: Result<u64, sqlx::Error> = on_db!(&app.db, pool => sqlx::query(
            "UPDATE bookings SET resource_id = $2, status = $3, start_at = $4, end_at = $5 WHERE id = $1")
            .bind(id)
            .bind(resource)
            .bind(status)
            .bind(start)
            .bind(end)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()));
        match updated {
            Ok(1) => {
                assert!(
                    free,
                    "the database moved {id} onto a taken {start}–{end} of {resource}"
                );
                model[pick] = (id, resource, start, end, live);
                taken += 1;
            }
            Err(err) => {
                assert_eq!(
                    ortaq::db::constraint_name(&err).as_deref(),
                    Some("bookings_no_overlap"),
                    "{err}"
                );
                assert!(
                    !free,
                    "the database refused {start}–{end} of {resource} for {id}, which is free"
                );
                refused += 1;
            }
            Ok(n) => panic!("{n} rows updated"),
        }
    }
    assert!(
        taken > 50 && refused > 50,
        "taken {taken}, refused {refused}"
    );
    let mut live: Vec<(i64, i64, chrono::DateTime<Utc>, chrono::DateTime<Utc>)> =
        on_db!(&app.db, pool => sqlx::query_as(
        "SELECT id, resource_id, start_at, end_at FROM bookings
         WHERE status IN ('pending', 'confirmed', 'checked_in') ORDER BY id")
        .fetch_all(pool)
        .await)
        .unwrap();
    live.sort();
    let mut expected: Vec<_> = model
        .iter()
        .filter(|b| b.4)
        .map(|&(i, r, s, e, _)| (i, r, s, e))
        .collect();
    expected.sort();
    assert_eq!(live, expected);
}

#[tokio::test]
async fn back_to_back_and_cancelled_bookings_do_not_conflict() {
    let app = TestApp::spawn().await;
    let hall = a_resource(&app).await;
    let nine = Utc.with_ymd_and_hms(2026, 12, 16, 4, 0, 0).unwrap();
    let ten = nine + Duration::hours(1);
    let eleven = ten + Duration::hours(1);
    book(&app.db, hall, nine, ten, "confirmed").await.unwrap();
    book(&app.db, hall, ten, eleven, "pending")
        .await
        .expect("[start, end) is half-open");
    book(&app.db, hall, nine, eleven, "cancelled")
        .await
        .expect("a cancelled booking holds nothing");
    let err = book(
        &app.db,
        hall,
        nine + Duration::minutes(30),
        ten,
        "checked_in",
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Conflict("booking_conflict")));
    // Reviving a cancelled booking over a live one is refused too.
    let revive: Result<u64, sqlx::Error> = on_db!(&app.db, pool => sqlx::query("UPDATE bookings SET status = 'confirmed' WHERE status = 'cancelled'")
        .execute(pool)
        .await
        .map(|r| r.rows_affected()));
    assert_eq!(
        ortaq::db::constraint_name(&revive.unwrap_err()).as_deref(),
        Some("bookings_no_overlap")
    );
    // An empty or reversed interval is refused by the database as well.
    let err = book(&app.db, hall, eleven, ten, "confirmed")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Internal(_)));
}
