//! `cargo bench --bench bookings`: the bookings figures of issue 5, over loopback HTTP
//! against the real server, on a dataset of production size.
//!
//! - Dataset (`bookings/dataset.rs`): one location (Asia/Aqtobe, open 08–22) with 200
//!   resources (184 desks, 16 meeting rooms), 400 members with API tokens, and 1,000,000
//!   one-hour bookings (about 595 days of history, mostly completed, some cancelled or
//!   no-shows; the next 30 days mostly confirmed), inserted directly in multi-row INSERTs
//!   with the no-overlap guard on. The load time is printed.
//! - The server is the `ortaq` binary (`ortaq serve`, built by cargo for the bench, same
//!   profile) in its own process on a free loopback port, so its peak RSS (`VmHWM` from
//!   `/proc/<pid>/status`) is its own, not the load generator's. `ORTAQ_BENCH_SERVER=path`
//!   serves another build instead (before/after comparisons on the same machine).
//! - Figures, each beside `/healthz` of the same server with the same number of clients
//!   (the ceiling of HTTP + this machine):
//!   - availability: `GET /api/v1/resources/{id}/availability` for tomorrow, round-robin
//!     over 50 resources; latency with 4 clients, throughput with 32; and, for reference,
//!     the whole location's day (`GET /api/v1/locations/{id}/availability`, 200 resources);
//!   - creation: 10,000 `POST /api/v1/bookings` with bearer tokens from 32 clients, 15% of
//!     them deliberate conflicts (the same interval as the request just before it, from
//!     another member, sent at the same moment by another client). Exactly 8,500 must
//!     answer 201 and 1,500 answer 409 `booking_conflict`; any other answer fails the
//!     bench, and afterwards the database must hold no overlap;
//!   - peak RSS of the server.
//! - Backends: SQLite always; then PostgreSQL too when `ORTAQ_BENCH_DATABASE_URL=postgres://…`
//!   names a server where a fresh database can be created (dropped at the end).
//!   `ORTAQ_BENCH_ONLY=postgresql` skips SQLite.
//! - Bounded: fixed request counts, traffic only to 127.0.0.1; a few minutes per backend,
//!   most of it loading the dataset.
//!
//! Under `cargo test --benches` (no `--bench` argument) it does nothing.

#[allow(dead_code)]
#[path = "common/database.rs"]
mod database;
#[path = "bookings/dataset.rs"]
mod dataset;
#[path = "bookings/load.rs"]
mod load;
#[path = "common/report.rs"]
mod report;

use std::time::Instant;

use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use dataset::Dataset;
use load::{Run, Server, thousands};
use ortaq::db::Db;
use ortaq::on_db;
use report::Report;

/// Resources in one availability question set.
const AVAILABILITY_RESOURCES: usize = 50;
const FEW_CLIENTS: usize = 4;
const MANY_CLIENTS: usize = 32;
const CREATE_REQUESTS: usize = 10_000;
const CREATE_CONFLICTS: usize = 1_500;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    println!(
        "machine: {} cores, {}; load average before: {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        cpu_model(),
        load_average()
    );
    // `ORTAQ_BENCH_ONLY=postgresql` skips SQLite (profiling one backend).
    let only = std::env::var("ORTAQ_BENCH_ONLY").unwrap_or_default();
    let mut tables = Vec::new();
    if only != "postgresql" {
        tables.push(backend(None).await);
    }
    if let Ok(admin) = std::env::var("ORTAQ_BENCH_DATABASE_URL")
        && admin.starts_with("postgres")
    {
        tables.push(backend(Some(&admin)).await);
    }
    println!();
    for table in tables {
        let file = if table.title().contains("PostgreSQL") {
            "bookings-postgresql"
        } else {
            "bookings-sqlite"
        };
        table.finish(file);
    }
}

/// Loads the dataset into a fresh database of one backend, serves it, measures; the table.
async fn backend(admin: Option<&str>) -> Report {
    let name = if admin.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("\n== {name}: loading the dataset");
    let (url, _dir) = database::fresh_on(admin, "bookings").await;
    // The server under test migrates the empty database (its own migrations, so another
    // build can be compared on the same dataset), then stops while the data goes in.
    drop(Server::start(&url).await);
    let data = dataset::load(&url).await;
    let server = Server::start(&url).await;
    println!(
        "  server: {} (pid {}), RSS after start {:.1} MiB",
        load::binary(),
        server.pid(),
        server.memory_mib().1
    );
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(MANY_CLIENTS)
        .build()
        .unwrap();

    let healthz = |n: usize| -> Vec<reqwest::Request> {
        (0..n)
            .map(|_| client.get(server.url("/healthz")).build().unwrap())
            .collect()
    };
    let availability = |n: usize| availability_requests(&client, &server, &data, n);

    println!("  availability, {AVAILABILITY_RESOURCES} resources, tomorrow:");
    // Warm both paths (connections, caches) before measuring.
    load::run(&client, MANY_CLIENTS, availability(2_000), &[200]).await;
    let ceiling_few = load::run(&client, FEW_CLIENTS, healthz(10_000), &[200]).await;
    let avail_few = load::run(&client, FEW_CLIENTS, availability(10_000), &[200]).await;
    line("availability", &avail_few, &ceiling_few);
    let ceiling_many = load::run(&client, MANY_CLIENTS, healthz(30_000), &[200]).await;
    let avail_many = load::run(&client, MANY_CLIENTS, availability(30_000), &[200]).await;
    line("availability", &avail_many, &ceiling_many);
    let day = (0..500)
        .map(|_| {
            client
                .get(server.url(&format!(
                    "/api/v1/locations/{}/availability?date={}",
                    data.location_id,
                    data.today + chrono::Duration::days(1)
                )))
                .build()
                .unwrap()
        })
        .collect();
    let location_day = load::run(&client, MANY_CLIENTS, day, &[200]).await;
    line("location day (200 resources)", &location_day, &ceiling_many);

    println!(
        "  creation, {CREATE_REQUESTS} requests, {CREATE_CONFLICTS} of them deliberate conflicts:"
    );
    let (requests, unique) = create_requests(&client, &server, &data);
    let started_at = Utc::now();
    let create = load::run(&client, MANY_CLIENTS, requests, &[201, 409]).await;
    line("POST /api/v1/bookings", &create, &ceiling_many);
    let conflicts = create.answers.get(&(409, "booking_conflict".to_string()));
    assert_eq!(
        (create.count(201), create.count(409), conflicts),
        (unique, CREATE_CONFLICTS, Some(&CREATE_CONFLICTS)),
        "each interval must be won exactly once: {:?}",
        create.answers
    );
    verify_no_overlap(&url, &data, unique, started_at).await;
    println!(
        "    every interval won once, every other request 409 booking_conflict; no overlap in the database"
    );

    let (peak, now) = server.memory_mib();
    println!("  server memory: peak (VmHWM) {peak:.1} MiB, now {now:.1} MiB");
    drop(server);
    if let Some(admin) = admin {
        database::drop_on(Some(admin), &url).await;
    }

    let create_target = if admin.is_some() { 1_500.0 } else { 3_000.0 };
    let mut t = Report::new(format!(
        "Bookings, {name}: 200 resources, 1,000,000 bookings; the ceiling is /healthz with the same clients"
    ));
    let mut row = |figure: &str, measured: String, ceiling: String, target: String, met: bool| {
        t.row(figure, measured, ceiling, target, met)
    };
    row(
        &format!("create, {MANY_CLIENTS} clients, 15% conflicts"),
        format!(
            "{}/s (201: {}, 409: {})",
            thousands(create.per_second()),
            create.count(201),
            create.count(409)
        ),
        format!("{}/s", thousands(ceiling_many.per_second())),
        format!("≥ {}/s", thousands(create_target)),
        create.per_second() >= create_target,
    );
    row(
        &format!("availability p99, {FEW_CLIENTS} clients"),
        format!(
            "{:.2} ms (p50 {:.2})",
            avail_few.ms(0.99),
            avail_few.ms(0.5)
        ),
        format!(
            "{:.2} ms (p50 {:.2})",
            ceiling_few.ms(0.99),
            ceiling_few.ms(0.5)
        ),
        "≤ 5 ms".into(),
        avail_few.ms(0.99) <= 5.0,
    );
    row(
        &format!("availability p99, {MANY_CLIENTS} clients"),
        format!(
            "{:.2} ms (p50 {:.2})",
            avail_many.ms(0.99),
            avail_many.ms(0.5)
        ),
        format!(
            "{:.2} ms (p50 {:.2})",
            ceiling_many.ms(0.99),
            ceiling_many.ms(0.5)
        ),
        "≤ 5 ms".into(),
        avail_many.ms(0.99) <= 5.0,
    );
    row(
        &format!("availability throughput, {MANY_CLIENTS} clients"),
        format!("{}/s", thousands(avail_many.per_second())),
        format!("{}/s", thousands(ceiling_many.per_second())),
        "≥ 10,000/s".into(),
        avail_many.per_second() >= 10_000.0,
    );
    row(
        "server peak RSS (VmHWM, own process)",
        format!("{peak:.1} MiB"),
        "—".into(),
        "≤ 100 MB".into(),
        peak * 1024.0 * 1024.0 <= 100e6,
    );
    t
}

fn line(what: &str, run: &Run, ceiling: &Run) {
    println!(
        "    {what}, {} clients: {} ({} requests) | /healthz: {}",
        run.clients,
        run.summary(),
        run.latencies.len(),
        ceiling.summary()
    );
}

/// `n` availability questions for tomorrow, round-robin over 50 resources (42 desks and
/// the 8 last meeting rooms).
fn availability_requests(
    client: &reqwest::Client,
    server: &Server,
    data: &Dataset,
    n: usize,
) -> Vec<reqwest::Request> {
    let mut ids: Vec<i64> = data.resources[..AVAILABILITY_RESOURCES - 8].to_vec();
    ids.extend(&data.resources[data.resources.len() - 8..]);
    let (from, to) = (dataset::day(data, 1), dataset::day(data, 2));
    (0..n)
        .map(|i| {
            client
                .get(server.url(&format!(
                    "/api/v1/resources/{}/availability?from={}&to={}",
                    ids[i % ids.len()],
                    zulu(from),
                    zulu(to)
                )))
                .build()
                .unwrap()
        })
        .collect()
}

/// The creation requests (seeded): distinct free intervals, each of the conflicting ones
/// followed at once by the same interval for another member. Returns them and how many
/// distinct intervals they ask for.
fn create_requests(
    client: &reqwest::Client,
    server: &Server,
    data: &Dataset,
) -> (Vec<reqwest::Request>, usize) {
    let unique = CREATE_REQUESTS - CREATE_CONFLICTS;
    let mut rng = StdRng::seed_from_u64(5);
    let mut slots = std::collections::BTreeSet::new();
    let mut order = Vec::new();
    while order.len() < unique {
        let slot = (
            rng.gen_range(0..dataset::RESOURCES),
            rng.gen_range(0..dataset::FREE_DAYS),
            rng.gen_range(0..dataset::HOURS - 1),
        );
        if slots.insert(slot) {
            order.push(slot);
        }
    }
    let mut twice: Vec<usize> = (0..unique).collect();
    twice.shuffle(&mut rng);
    twice.truncate(CREATE_CONFLICTS);
    let twice: std::collections::HashSet<usize> = twice.into_iter().collect();
    let mut requests = Vec::with_capacity(CREATE_REQUESTS);
    for (i, &(resource, day, hour)) in order.iter().enumerate() {
        let (resource_id, start) = dataset::free_slot(data, resource, day, hour);
        let body = serde_json::json!({
            "resource_id": resource_id,
            "start": zulu(start),
            "end": zulu(start + chrono::Duration::hours(1)),
            "purpose": "bench",
        });
        let copies = if twice.contains(&i) { 2 } else { 1 };
        for copy in 0..copies {
            let token = &data.tokens[(requests.len() + copy) % data.tokens.len()];
            requests.push(
                client
                    .post(server.url("/api/v1/bookings"))
                    .bearer_auth(token)
                    .json(&body)
                    .build()
                    .unwrap(),
            );
        }
    }
    (requests, unique)
}

/// The bookings the run made are all there, and no two live bookings of a resource meet.
async fn verify_no_overlap(url: &str, data: &Dataset, unique: usize, since: DateTime<Utc>) {
    let started = Instant::now();
    let db = Db::connect(url).await.unwrap();
    let from = dataset::day(data, dataset::FREE_FROM_DAY);
    let made: i64 = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE start_at >= $1 AND created_at >= $2")
        .bind(from)
        .bind(since - chrono::Duration::seconds(1))
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(made, unique as i64, "bookings written by the run");
    let overlaps: i64 = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings a JOIN bookings b
           ON b.resource_id = a.resource_id AND b.id <> a.id
          AND b.start_at < a.end_at AND a.start_at < b.end_at
         WHERE a.status IN ('pending', 'confirmed', 'checked_in')
           AND b.status IN ('pending', 'confirmed', 'checked_in')
           AND a.start_at >= $1 AND b.start_at >= $2")
        .bind(from - chrono::Duration::days(1))
        .bind(from - chrono::Duration::days(2))
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(overlaps, 0, "live bookings that overlap");
    db.close().await;
    println!(
        "    checked in the database in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// RFC 3339 with `Z`, which needs no escaping in a query string.
fn zulu(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
