//! `cargo bench`: Ortaq's own figures, measured over loopback HTTP against the real server.
//!
//! - cold start: connect, migrate and fill the demo into an empty database, bind, answer `/healthz`;
//! - first-page weight: the home page and its stylesheet, raw and gzip-compressed;
//! - throughput and latency of `/healthz` (the ceiling), the home page, the API's reads
//!   (`/api/v1/me`, `/api/v1/events`, `/api/v1/resources`) with a token, and log-in
//!   (bounded by Argon2id, on purpose);
//! - registrations: every demo member (about 300, each with a token) registers for each of
//!   10 published events of 100 places at once, 16 clients: 100 registered and the rest
//!   waitlisted in each, which is checked afterwards;
//! - the process's resident memory after the load.
//!
//! Targets where no issue sets one are Ortaq's own budget (said so in the table): API reads
//! p99 ≤ 20 ms and registrations ≥ 1,000/s with p99 ≤ 50 ms, with 16 clients.
//!
//! SQLite by default; `ORTAQ_BENCH_DATABASE_URL=postgres://…/postgres` runs it on a fresh
//! PostgreSQL database. With `ORTAQ_BENCH_REPORT=dir` the table also goes to
//! `dir/api-{backend}.md`. Bounded: a few thousand requests per figure.

#[path = "common/database.rs"]
mod database;
#[allow(dead_code)]
#[path = "common/report.rs"]
mod report;

use std::time::{Duration, Instant};

use ortaq::app::Application;
use ortaq::config::Config;
use ortaq::on_db;
use report::Report;

const CONCURRENCY: usize = 16;

fn main() {
    // `cargo test --benches` runs this with `--bench` absent; measure only under `cargo bench`.
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
    let (url, _dir) = database::fresh("http").await;
    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("backend: {backend}");
    println!(
        "machine: {} cores, {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        cpu_model()
    );

    let started = Instant::now();
    let mut config = Config::for_tests(url.clone());
    config.demo = true;
    // One token making thousands of requests a second is what is measured here; the
    // per-token limit itself is tested in `tests/api/`.
    config.limits.token_per_second = 1_000_000;
    config.limits.token_burst = 1_000_000;
    let app = Application::build(config).await.unwrap();
    let address = format!("http://{}", app.local_addr());
    let db = app.db().clone();
    tokio::spawn(app.run_until(std::future::pending()));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONCURRENCY)
        .build()
        .unwrap();
    let ok = client
        .get(format!("{address}/healthz"))
        .send()
        .await
        .unwrap();
    assert!(ok.status().is_success());
    println!(
        "cold start (empty database → demo filled → first answer): {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let html = client
        .get(format!("{address}/"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let css_url = format!("{address}/static/{}/ortaq.css", env!("CARGO_PKG_VERSION"));
    let css = client
        .get(&css_url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let gz = |path: String| {
        let client = client.clone();
        async move {
            let response = client
                .get(path)
                .header("Accept-Encoding", "gzip")
                .send()
                .await
                .unwrap();
            response.bytes().await.unwrap().len()
        }
    };
    // reqwest is built without gzip decoding, so these are the bytes on the wire.
    let html_gz = gz(format!("{address}/")).await;
    let css_gz = gz(css_url.clone()).await;
    println!(
        "first page: HTML {:.1} KB + CSS {:.1} KB = {:.1} KB raw; {:.1} KB gzip on the wire; 2 requests (+ icon)",
        html.len() as f64 / 1024.0,
        css.len() as f64 / 1024.0,
        (html.len() + css.len()) as f64 / 1024.0,
        (html_gz + css_gz) as f64 / 1024.0
    );

    let admin = ortaq::cli::user_add(
        &db,
        "bench@mail.kz",
        "Bench User",
        "admin",
        None,
        "bench-password-2026",
    )
    .await
    .unwrap();
    let token = ortaq::auth::tokens::create(&db, admin).await.unwrap();

    println!(
        "resident memory after start (server and load generator share this process): {:.1} MiB",
        rss_mib()
    );
    let ceiling = measure(&client, "GET /healthz (ceiling)", 4000, |c| {
        c.get(format!("{address}/healthz"))
    })
    .await;
    let home = measure(&client, "GET / (home page, demo)", 2000, |c| {
        c.get(format!("{address}/"))
    })
    .await;
    let me = measure(&client, "GET /api/v1/me (bearer token)", 2000, |c| {
        c.get(format!("{address}/api/v1/me")).bearer_auth(&token)
    })
    .await;
    let events = measure(&client, "GET /api/v1/events (bearer token)", 2000, |c| {
        c.get(format!("{address}/api/v1/events"))
            .bearer_auth(&token)
    })
    .await;
    let resources = measure(&client, "GET /api/v1/resources", 2000, |c| {
        c.get(format!("{address}/api/v1/resources"))
            .bearer_auth(&token)
    })
    .await;
    let login = measure(&client, "POST /api/v1/session (Argon2id log-in)", 64, |c| {
        c.post(format!("{address}/api/v1/session"))
            .json(&serde_json::json!({"email": "bench@mail.kz", "password": "bench-password-2026"}))
    })
    .await;
    let registrations = registrations(&client, &address, &db, &token).await;
    let rss = rss_mib();
    println!(
        "resident memory after the load (server and load generator share this process): {rss:.1} MiB"
    );

    let mut report = Report::new(format!(
        "API, {backend}: {CONCURRENCY} clients over loopback HTTP, the Aktobe demo"
    ));
    let ceiling_text = ceiling.text();
    report.row(
        "GET /healthz (the ceiling)",
        ceiling.text(),
        "—".into(),
        "—".into(),
        true,
    );
    for (figure, m, target_ms) in [
        ("GET / (home page, HTML)", &home, 20.0),
        ("GET /api/v1/me", &me, 20.0),
        ("GET /api/v1/events", &events, 20.0),
        ("GET /api/v1/resources", &resources, 20.0),
    ] {
        report.row(
            figure,
            m.text(),
            ceiling_text.clone(),
            format!("p99 ≤ {target_ms:.0} ms (Ortaq's budget)"),
            m.p99 <= target_ms,
        );
    }
    report.row(
        "POST /api/v1/session (log-in, Argon2id on purpose)",
        login.text(),
        ceiling_text.clone(),
        "—".into(),
        true,
    );
    report.row(
        "POST /api/v1/events/{id}/registrations (10 events × ~300 members at once)",
        registrations.text(),
        ceiling_text,
        "≥ 1,000/s, p99 ≤ 50 ms (Ortaq's budget)".into(),
        registrations.per_second >= 1_000.0 && registrations.p99 <= 50.0,
    );
    report.row(
        "resident memory, server and load generator in one process",
        format!("{rss:.1} MiB"),
        "—".into(),
        "≤ 100 MB".into(),
        rss * 1024.0 * 1024.0 <= 100e6,
    );
    report.finish(&format!("api-{}", backend.to_lowercase()));
    database::drop(&url).await;
}

/// Every demo member registers for each of ten events of 100 places, all at once; each
/// event then holds exactly 100 registered and the rest waitlisted.
async fn registrations(
    client: &reqwest::Client,
    address: &str,
    db: &ortaq::db::Db,
    admin_token: &str,
) -> Measured {
    let unit: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM org_units WHERE parent_id IS NULL").fetch_one(pool).await)
    .unwrap();
    // Instants in whole seconds, as the API asks.
    let start = ortaq::clock::now() + chrono::Duration::days(20);
    let mut events = Vec::new();
    for n in 0..10 {
        let body = serde_json::json!({
            "unit_id": unit,
            "title": {"kk": format!("Бенчмарк кеші {n}"), "ru": format!("Вечер бенчмарка {n}")},
            "description": {"kk": "Өлшеу", "ru": "Замер"},
            "category": "language_club",
            "languages": ["kk", "ru"],
            "place": "online",
            "online_url": "https://meet.example.kz/bench",
            "start": (start + chrono::Duration::hours(n)).to_rfc3339(),
            "end": (start + chrono::Duration::hours(n + 1)).to_rfc3339(),
            "capacity": 100,
            "publish": true,
        });
        let r = client
            .post(format!("{address}/api/v1/events"))
            .bearer_auth(admin_token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        let v: serde_json::Value = r.json().await.unwrap();
        events.push(v["id"].as_i64().unwrap());
    }
    let members: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM users WHERE disabled_at IS NULL AND email <> 'bench@mail.kz' ORDER BY id")
        .fetch_all(pool).await)
    .unwrap();
    let mut tokens = Vec::new();
    for id in &members {
        tokens.push(ortaq::auth::tokens::create(db, *id).await.unwrap());
    }
    let requests: Vec<(i64, String)> = events
        .iter()
        .flat_map(|e| tokens.iter().map(move |t| (*e, t.clone())))
        .collect();
    let m = measure_each(client, requests, |c, (event, token)| {
        c.post(format!("{address}/api/v1/events/{event}/registrations"))
            .bearer_auth(token)
    })
    .await;
    println!(
        "registrations ({} members × 10 events): {}",
        members.len(),
        m.text()
    );
    for event in events {
        let registered: i64 = on_db!(db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'registered'")
            .bind(event).fetch_one(pool).await)
        .unwrap();
        assert_eq!(registered, 100.min(members.len() as i64), "event {event}");
    }
    m
}

/// Throughput and latency of one kind of request.
struct Measured {
    per_second: f64,
    p50: f64,
    p99: f64,
    count: usize,
}

impl Measured {
    fn text(&self) -> String {
        format!(
            "{:.0}/s, p50 {:.2} ms, p99 {:.2} ms ({} requests)",
            self.per_second, self.p50, self.p99, self.count
        )
    }
}

/// Sends each of `items`' requests once, from [`CONCURRENCY`] clients; every answer must
/// be a success.
async fn measure_each<T: Send + 'static>(
    client: &reqwest::Client,
    items: Vec<T>,
    request: impl Fn(&reqwest::Client, T) -> reqwest::RequestBuilder,
) -> Measured {
    let mut lanes: Vec<Vec<reqwest::RequestBuilder>> =
        (0..CONCURRENCY).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        lanes[i % CONCURRENCY].push(request(client, item));
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for requests in lanes {
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(requests.len());
            for r in requests {
                let t = Instant::now();
                let response = r.send().await.unwrap();
                assert!(response.status().is_success(), "{}", response.status());
                response.bytes().await.unwrap();
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all: Vec<Duration> = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    all.sort();
    let pct =
        |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)].as_secs_f64() * 1000.0;
    Measured {
        per_second: all.len() as f64 / elapsed.as_secs_f64(),
        p50: pct(0.50),
        p99: pct(0.99),
        count: all.len(),
    }
}

async fn measure(
    client: &reqwest::Client,
    name: &str,
    total: usize,
    request: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
) -> Measured {
    let m = measure_each(client, vec![(); total], |c, ()| request(c)).await;
    println!(
        "{name}: {} ({CONCURRENCY} concurrent; RSS then {:.0} MiB)",
        m.text(),
        rss_mib()
    );
    m
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
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
