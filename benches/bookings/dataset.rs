//! The benchmark's dataset: one location of 200 resources, a few hundred members with API
//! tokens, and 1,000,000 bookings over the past and the next weeks, written straight into the
//! database (multi-row INSERTs in large transactions) through the real schema: the
//! no-overlap guard (exclusion constraint, SQLite triggers) stays on while it loads.

use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use ortaq::bookings::Rules;
use ortaq::bookings::rules::{day_start, local_instant};
use ortaq::db::{Db, Tx};
use ortaq::i18n::Text;
use ortaq::spaces::OpeningHours;
use ortaq::spaces::storage::{self as spaces, NewLocation, RulesTarget};
use ortaq::{on_db, on_tx};

pub const TZ: Tz = chrono_tz::Asia::Aqtobe;
pub const RESOURCES: usize = 200;
pub const MEETING_ROOMS: usize = 16;
pub const MEMBERS: usize = 400;
pub const BOOKINGS: usize = 1_000_000;
/// Each resource has this many one-hour bookings a day, among the 14 hours 08:00–22:00.
pub const PER_DAY: usize = 8;
/// Days of bookings from today on; the rest of the history lies before today.
pub const FUTURE_DAYS: i64 = 30;
/// The benchmark books new intervals from this many days ahead, after the dataset's future.
pub const FREE_FROM_DAY: i64 = 40;
pub const FREE_DAYS: i64 = 60;
/// Hours a day is open (and the first of them).
pub const OPENS: u32 = 8;
pub const HOURS: u32 = 14;

/// What the benchmark needs to know about the loaded data.
pub struct Dataset {
    pub location_id: i64,
    /// Desks first, then meeting rooms.
    pub resources: Vec<i64>,
    pub tokens: Vec<String>,
    pub today: NaiveDate,
}

/// Loads everything into a database the server under test has migrated; prints how long
/// each part took.
pub async fn load(url: &str) -> Dataset {
    let started = Instant::now();
    let db = Db::connect(url).await.unwrap();
    let today = Utc::now().with_timezone(&TZ).date_naive();
    let (location_id, resources) = spaces_and_rules(&db).await;
    let tokens = members(&db).await;
    println!(
        "  schema, location, {RESOURCES} resources, {MEMBERS} members with tokens: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    bookings(&db, &resources, today).await;
    let count: i64 = on_db!(&db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM bookings")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(count, BOOKINGS as i64);
    println!(
        "  {count} bookings loaded in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if let Db::Postgres(pool) = &db {
        // What autovacuum does after such a load, done now rather than during the
        // measurements (on two cores, its run beside them halved even /healthz); SQLite
        // gets no ANALYZE, as in a deployment (the server never runs one).
        let started = Instant::now();
        sqlx::raw_sql("VACUUM ANALYZE").execute(pool).await.unwrap();
        println!("  VACUUM ANALYZE: {:.1} s", started.elapsed().as_secs_f64());
    }
    db.close().await;
    Dataset {
        location_id,
        resources,
        tokens,
        today,
    }
}

/// The rules the center would set for a busy location: a far horizon and generous quotas
/// (the quota counts still run on every request).
fn rules(kind: &str) -> Rules {
    Rules {
        horizon_days: (FREE_FROM_DAY + FREE_DAYS + 10) as i32,
        per_day: Some(1000),
        per_week: Some(1000),
        ..Rules::defaults(kind)
    }
}

async fn spaces_and_rules(db: &Db) -> (i64, Vec<i64>) {
    let unit = ortaq::org::storage::ensure_root(db).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let name = Text {
        kk: Some("Бенчмарк орталығы".into()),
        ru: Some("Центр для замеров".into()),
    };
    let address = Text {
        kk: Some("Ақтөбе".into()),
        ru: Some("Актобе".into()),
    };
    let location_id = spaces::insert_location(
        &mut tx,
        &NewLocation {
            unit_id: unit,
            name: &name,
            address: &address,
            phone: None,
            time_zone: TZ.name(),
        },
    )
    .await
    .unwrap();
    let hours: Vec<OpeningHours> = (1..=7)
        .map(|weekday| OpeningHours {
            weekday,
            opens: NaiveTime::from_hms_opt(OPENS, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(OPENS + HOURS, 0, 0).unwrap(),
        })
        .collect();
    spaces::set_hours(&mut tx, location_id, &hours)
        .await
        .unwrap();
    let mut resources = Vec::new();
    for i in 0..RESOURCES {
        let (kind, name) = if i < RESOURCES - MEETING_ROOMS {
            ("desk", format!("Жұмыс орны {}", i + 1))
        } else {
            (
                "meeting_room",
                format!("Мәжіліс залы {}", i + 1 - (RESOURCES - MEETING_ROOMS)),
            )
        };
        let text = Text {
            kk: Some(name.clone()),
            ru: Some(name),
        };
        let capacity = if kind == "desk" { 1 } else { 8 };
        resources.push(
            spaces::insert_resource(&mut tx, location_id, kind, &text, capacity)
                .await
                .unwrap(),
        );
    }
    for kind in ["desk", "meeting_room"] {
        spaces::save_rules(&mut tx, location_id, RulesTarget::Kind(kind), &rules(kind))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    (location_id, resources)
}

/// Members and their personal API tokens (only the hashes are stored, as the server does).
async fn members(db: &Db) -> Vec<String> {
    let now = stamp(ortaq::clock::now());
    let mut values = Vec::new();
    let mut tokens = Vec::new();
    for i in 0..MEMBERS {
        values.push(format!(
            "('bench{i}@mail.kz', 'Bench Member {i}', '!', 'kk', '{now}', '{now}')"
        ));
    }
    let mut tx = db.begin().await.unwrap();
    execute(
        &mut tx,
        format!(
            "INSERT INTO users (email, display_name, password_hash, locale, created_at, password_changed_at)
             VALUES {}",
            values.join(", ")
        ),
    )
    .await;
    let ids: Vec<i64> = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "SELECT id FROM users WHERE email LIKE 'bench%@mail.kz' ORDER BY id")
        .fetch_all(conn)
        .await)
    .unwrap();
    let mut rows = Vec::new();
    for id in ids {
        let token = format!(
            "{}{}",
            ortaq::auth::tokens::PREFIX,
            ortaq::auth::random_token(32)
        );
        rows.push(format!(
            "({id}, '{}', '{now}')",
            ortaq::auth::secret_hash(&token)
        ));
        tokens.push(token);
    }
    execute(
        &mut tx,
        format!(
            "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES {}",
            rows.join(", ")
        ),
    )
    .await;
    tx.commit().await.unwrap();
    tokens
}

/// One row of the dataset.
struct Row {
    resource_id: i64,
    user_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    status: &'static str,
}

/// The 1,000,000 bookings: for each resource and day, [`PER_DAY`] of the open hours, chosen
/// at random (seeded). Over: mostly completed, some cancelled or no-shows; to come: mostly
/// confirmed, some cancelled; under way: checked in.
///
/// Rows go in by descending start: SQLite's no-overlap trigger then finds nothing to look
/// at for each new live row (every row already there starts later), so the load stays
/// linear while the guard stays on.
async fn bookings(db: &Db, resources: &[i64], today: NaiveDate) {
    let users: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM users WHERE email LIKE 'bench%@mail.kz' ORDER BY id")
        .fetch_all(pool)
        .await)
    .unwrap();
    let days = (BOOKINGS / (RESOURCES * PER_DAY)) as i64;
    let first = today - Duration::days(days - FUTURE_DAYS);
    let now = Utc::now();
    let mut rng = StdRng::seed_from_u64(2026);
    let hours: Vec<u32> = (0..HOURS).map(|h| OPENS + h).collect();
    let mut tx = db.begin().await.unwrap();
    let mut batch: Vec<Row> = Vec::with_capacity(BATCH);
    let mut written = 0usize;
    for d in (0..days).rev() {
        let date = first + Duration::days(d);
        for (r, &resource_id) in resources.iter().enumerate().rev() {
            let mut chosen: Vec<u32> = hours.choose_multiple(&mut rng, PER_DAY).copied().collect();
            chosen.sort_unstable_by(|a, b| b.cmp(a));
            for hour in chosen {
                let start =
                    local_instant(TZ, date, NaiveTime::from_hms_opt(hour, 0, 0).unwrap()).unwrap();
                let end = start + Duration::hours(1);
                let roll: f64 = rng.r#gen();
                let status = if end <= now {
                    match roll {
                        x if x < 0.82 => "completed",
                        x if x < 0.94 => "cancelled",
                        _ => "no_show",
                    }
                } else if start <= now {
                    "checked_in"
                } else if roll < 0.9 {
                    "confirmed"
                } else {
                    "cancelled"
                };
                batch.push(Row {
                    resource_id,
                    user_id: users[(written + r * 31) % users.len()],
                    start,
                    end,
                    status,
                });
                written += 1;
                if batch.len() == BATCH {
                    insert(&mut tx, &batch, written - batch.len()).await;
                    batch.clear();
                    if written.is_multiple_of(PER_TRANSACTION) {
                        tx.commit().await.unwrap();
                        tx = db.begin().await.unwrap();
                    }
                }
            }
        }
    }
    if !batch.is_empty() {
        insert(&mut tx, &batch, written - batch.len()).await;
    }
    tx.commit().await.unwrap();
}

const BATCH: usize = 1_000;
const PER_TRANSACTION: usize = 100_000;

/// One multi-row INSERT. Every value is generated here (integers, canonical UTC instants,
/// fixed words), so they are written as literals. Codes start with `0`, which the server's
/// own codes never contain.
async fn insert(tx: &mut Tx, rows: &[Row], offset: usize) {
    let mut sql = String::with_capacity(rows.len() * 260);
    sql.push_str(
        "INSERT INTO bookings (resource_id, user_id, status, start_at, end_at, created_at,
             code, check_in_by, checked_in_at, cancelled_at, updated_at) VALUES ",
    );
    for (i, row) in rows.iter().enumerate() {
        let (start, end) = (stamp(row.start), stamp(row.end));
        let created = stamp(row.start - Duration::days(3));
        let check_in_by = stamp(row.start + Duration::minutes(15));
        let checked_in = stamp(row.start + Duration::minutes(4));
        let cancelled = stamp(row.start - Duration::days(1));
        let (check_in_by, checked_in_at, cancelled_at) = match row.status {
            "completed" | "checked_in" => ("NULL".into(), format!("'{checked_in}'"), "NULL".into()),
            "cancelled" => ("NULL".into(), "NULL".into(), format!("'{cancelled}'")),
            "no_show" | "confirmed" => (format!("'{check_in_by}'"), "NULL".into(), "NULL".into()),
            other => unreachable!("{other}"),
        };
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "({}, {}, '{}', '{start}', '{end}', '{created}', '0{:07}', {check_in_by}, {checked_in_at}, {cancelled_at}, '{created}')",
            row.resource_id,
            row.user_id,
            row.status,
            offset + i,
        ));
    }
    execute(tx, sql).await;
}

async fn execute(tx: &mut Tx, sql: String) {
    on_tx!(tx, conn => sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(conn).await.map(|r| r.rows_affected())).unwrap();
}

/// An instant in the canonical form both backends store (SQLite's CHECK wants exactly it).
pub fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// The first instant of a local day `days` after today.
pub fn day(data: &Dataset, days: i64) -> DateTime<Utc> {
    day_start(TZ, data.today + Duration::days(days))
}

/// A fresh interval for the creation phase: resource index, day offset, hour.
pub fn free_slot(data: &Dataset, resource: usize, day: i64, hour: u32) -> (i64, DateTime<Utc>) {
    let date = data.today + Duration::days(FREE_FROM_DAY + day);
    (
        data.resources[resource],
        local_instant(
            TZ,
            date,
            NaiveTime::from_hms_opt(OPENS + hour, 0, 0).unwrap(),
        )
        .unwrap(),
    )
}
