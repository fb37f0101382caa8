//! `cargo bench`: Ortaq's own figures, measured over loopback HTTP against the real server.
//!
//! - cold start: connect, migrate and fill the demo into an empty database, bind, answer `/healthz`;
//! - first-page weight: the home page and its stylesheet, raw and gzip-compressed;
//! - throughput and latency of `/healthz` (the ceiling), the home page, `/api/v1/me` with a
//!   token, and log-in (bounded by Argon2id, on purpose);
//! - the process's resident memory after the load.
//!
//! SQLite by default; `ORTAQ_BENCH_DATABASE_URL=postgres://…/postgres` runs it on a fresh
//! PostgreSQL database. Bounded: a few thousand requests per figure.

use std::time::{Duration, Instant};

use ortaq::app::Application;
use ortaq::config::Config;

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

async fn fresh_url() -> (String, Option<tempfile::TempDir>) {
    match std::env::var("ORTAQ_BENCH_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!("ortaq_bench_{}", std::process::id());
            let pool = sqlx::PgPool::connect(&admin).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&pool)
            .await
            .unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&pool)
                .await
                .unwrap();
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            (url.to_string(), None)
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            (
                format!("sqlite://{}/bench.db", dir.path().display()),
                Some(dir),
            )
        }
    }
}

async fn run() {
    let (url, _dir) = fresh_url().await;
    println!(
        "backend: {}",
        if url.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    println!(
        "machine: {} cores, {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        cpu_model()
    );

    let started = Instant::now();
    let mut config = Config::for_tests(url);
    config.demo = true;
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
    measure(&client, "GET /healthz (ceiling)", 4000, |c| {
        c.get(format!("{address}/healthz"))
    })
    .await;
    measure(&client, "GET / (home page, demo)", 2000, |c| {
        c.get(format!("{address}/"))
    })
    .await;
    measure(&client, "GET /api/v1/me (bearer token)", 2000, |c| {
        c.get(format!("{address}/api/v1/me")).bearer_auth(&token)
    })
    .await;
    measure(&client, "POST /api/v1/session (Argon2id log-in)", 64, |c| {
        c.post(format!("{address}/api/v1/session"))
            .json(&serde_json::json!({"email": "bench@mail.kz", "password": "bench-password-2026"}))
    })
    .await;
    println!(
        "resident memory after the load (server and load generator share this process): {:.1} MiB",
        rss_mib()
    );
}

async fn measure(
    client: &reqwest::Client,
    name: &str,
    total: usize,
    request: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
) {
    let per_worker = total / CONCURRENCY;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let requests: Vec<_> = (0..per_worker).map(|_| request(client)).collect();
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
    println!(
        "{name}: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms ({} requests, {CONCURRENCY} concurrent; RSS then {:.0} MiB)",
        all.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        all.len(),
        rss_mib()
    );
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
