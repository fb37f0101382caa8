//! What the database itself guarantees, whichever backend.

use chrono::{Duration, TimeZone, Utc};
use ortaq::db::Db;
use ortaq::error::{Error, ResultExt};
use ortaq::i18n::Text;
use ortaq::on_db;

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
