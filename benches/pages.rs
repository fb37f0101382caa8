//! `cargo bench --bench pages`: what a phone gets from each main page of the Aktobe demo,
//! measured in real Chromium (Debian's `chromium` through `chromedriver`, as the browser
//! tests use it) against the real server on loopback.
//!
//! - For each page: bytes transferred (compressed, headers included, as the browser's
//!   Resource Timing counts them) and the number of requests, on a cold load (cache off);
//!   first and largest contentful paint (the browser's own `paint` and
//!   `largest-contentful-paint` entries), the median of three cold loads.
//! - Two throttling profiles, applied by Chromium itself (DevTools protocol, as Lighthouse's
//!   "devtools" throttling does), at 412×915 with a device pixel ratio of 2.625 (Chromium's
//!   mobile emulation, as Lighthouse's Moto G Power):
//!   - **mid-range phone**: DevTools' "Fast 4G" (165 ms per request, 9 Mbit/s down,
//!     1.5 Mbit/s up, both ×0.9) and the CPU slowed 4× (DevTools' "mid-tier mobile").
//!     The targets apply here: FCP ≤ 1 s, LCP ≤ 1.5 s, ≤ 100 KB transferred.
//!   - **slow 4G** (for reference): DevTools' "Slow 4G" (562.5 ms per request, 1.6 Mbit/s
//!     down, 750 kbit/s up, ×0.9), CPU ×4: Lighthouse's mobile profile.
//! - The ceiling of each profile: `/healthz`, the server's trivial endpoint, loaded the
//!   same way (one request, a few bytes of text).
//!
//! SQLite by default; `ORTAQ_BENCH_DATABASE_URL=postgres://…/postgres` runs it on a fresh
//! PostgreSQL database. With `ORTAQ_BENCH_REPORT=dir` the table is also written, as
//! Markdown, to `dir/pages-{backend}.md` for `scripts/performance-report`. Without Chromium
//! it says so and measures nothing. Under `cargo test --benches` (no `--bench`) it does
//! nothing.

#[allow(dead_code)]
#[path = "../tests/api/chromium.rs"]
mod chromium;
#[path = "common/database.rs"]
mod database;
#[allow(dead_code)]
#[path = "common/report.rs"]
mod report;

use fantoccini::Client;
use ortaq::app::Application;
use ortaq::config::Config;
use serde_json::{Value, json};

use report::Report;

/// Target: first contentful paint on the mid-range phone, in milliseconds.
const FCP_MS: f64 = 1_000.0;
/// Target: largest contentful paint on the mid-range phone, in milliseconds.
const LCP_MS: f64 = 1_500.0;
/// Target: bytes transferred for a page and everything it loads.
const PAGE_BYTES: f64 = 100_000.0;
/// Cold loads per page and profile; the median is reported.
const LOADS: usize = 3;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(run());
}

/// A DevTools protocol command through chromedriver (`goog/cdp/execute`).
async fn cdp(client: &Client, cmd: &str, params: Value) {
    client
        .issue_cmd(chromium::Post(
            "goog/cdp/execute",
            json!({"cmd": cmd, "params": params}),
        ))
        .await
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
}

struct Profile {
    name: &'static str,
    latency_ms: f64,
    down_bits: f64,
    up_bits: f64,
    cpu: f64,
    targets: bool,
}

const PROFILES: [Profile; 2] = [
    Profile {
        name: "mid-range phone (Fast 4G, CPU ×4)",
        latency_ms: 165.0,
        down_bits: 9_000_000.0,
        up_bits: 1_500_000.0,
        cpu: 4.0,
        targets: true,
    },
    Profile {
        name: "slow 4G (Lighthouse mobile, CPU ×4)",
        latency_ms: 562.5,
        down_bits: 1_600_000.0,
        up_bits: 750_000.0,
        cpu: 4.0,
        targets: false,
    },
];

async fn throttle(client: &Client, p: &Profile) {
    cdp(client, "Network.enable", json!({})).await;
    cdp(
        client,
        "Network.setCacheDisabled",
        json!({"cacheDisabled": true}),
    )
    .await;
    cdp(
        client,
        "Network.emulateNetworkConditions",
        json!({
            "offline": false,
            "latency": p.latency_ms,
            "downloadThroughput": p.down_bits / 8.0 * 0.9,
            "uploadThroughput": p.up_bits / 8.0 * 0.9,
        }),
    )
    .await;
    cdp(
        client,
        "Emulation.setCPUThrottlingRate",
        json!({"rate": p.cpu}),
    )
    .await;
}

/// One cold load's figures, read from the browser's own performance entries.
#[derive(Clone, Copy)]
struct Load {
    fcp: f64,
    lcp: f64,
    bytes: f64,
    requests: usize,
}

async fn load(client: &Client, url: &str) -> Load {
    client.goto("about:blank").await.unwrap();
    client.goto(url).await.unwrap();
    let v = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               let lcp = 0;
               try {
                 new PerformanceObserver(l => { for (const e of l.getEntries()) lcp = Math.max(lcp, e.startTime); })
                   .observe({type: 'largest-contentful-paint', buffered: true});
               } catch (e) {}
               const finish = () => setTimeout(() => {
                 const paint = performance.getEntriesByName('first-contentful-paint')[0];
                 const nav = performance.getEntriesByType('navigation')[0];
                 const res = performance.getEntriesByType('resource');
                 done({
                   fcp: paint ? paint.startTime : null,
                   lcp: lcp || (paint ? paint.startTime : null),
                   bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0),
                   requests: 1 + res.length,
                 });
               }, 300);
               if (document.readyState === 'complete') finish(); else addEventListener('load', finish);"#,
            vec![],
        )
        .await
        .unwrap();
    Load {
        fcp: v["fcp"].as_f64().unwrap_or(f64::NAN),
        lcp: v["lcp"].as_f64().unwrap_or(f64::NAN),
        bytes: v["bytes"].as_f64().unwrap_or(f64::NAN),
        requests: v["requests"].as_u64().unwrap_or(0) as usize,
    }
}

/// The median of [`LOADS`] cold loads (paints); weight and requests of the last.
async fn measure(client: &Client, url: &str) -> Load {
    let mut loads = Vec::new();
    for _ in 0..LOADS {
        loads.push(load(client, url).await);
    }
    let median = |f: fn(&Load) -> f64| {
        let mut v: Vec<f64> = loads.iter().map(f).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    Load {
        fcp: median(|l| l.fcp),
        lcp: median(|l| l.lcp),
        ..*loads.last().unwrap()
    }
}

/// The first `/prefix{id}` link's id in the page at `path`.
async fn first_id(http: &reqwest::Client, address: &str, path: &str, prefix: &str) -> String {
    let html = http
        .get(format!("{address}{path}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    chromium::first_id(&html, prefix)
}

async fn run() {
    let (url, _dir) = database::fresh("pages").await;
    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let Some(driver) = chromium::start_driver().await else {
        println!("pages ({backend}): no chromium/chromedriver on this machine; nothing measured");
        return;
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut config = Config::for_tests(url.clone());
    config.demo = true;
    let app = Application::build(config).await.unwrap();
    let address = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until(std::future::pending()));

    let http = reqwest::Client::new();
    let event = first_id(&http, &address, "/events", "/events/").await;
    let initiative = first_id(&http, &address, "/initiatives", "/initiatives/").await;
    let news = first_id(&http, &address, "/news", "/news/").await;
    let guest: Vec<String> = [
        "/?lang=kk".to_string(),
        "/?lang=ru".into(),
        "/spaces?lang=kk".into(),
        "/events?lang=kk".into(),
        format!("/events/{event}?lang=kk"),
        "/initiatives?lang=kk".into(),
        format!("/initiatives/{initiative}?lang=ru"),
        format!("/news/{news}?lang=kk"),
        "/units?lang=ru".into(),
        "/search?q=%D0%B4%D0%BE%D1%81%D1%82%D1%8B%D2%9B&lang=kk".into(),
        "/login?lang=kk".into(),
        "/signup?lang=kk".into(),
    ]
    .into();
    let member: Vec<String> = [
        "/bookings?lang=kk".to_string(),
        "/events/mine?lang=kk".into(),
        "/account?lang=ru".into(),
        "/notifications?lang=kk".into(),
    ]
    .into();
    let observer: Vec<String> = ["/reports/dashboard?lang=ru".to_string()].into();

    for profile in &PROFILES {
        let mut report = Report::new(format!(
            "Pages, {backend}, {}: cold loads at 412×915, median of {LOADS}",
            profile.name
        ));
        let mut rows: Vec<(String, Load)> = Vec::new();
        for (who, pages) in [
            (None, &guest),
            (Some("aigerim@ortaq.local"), &member),
            (Some("observer@ortaq.local"), &observer),
        ] {
            let client = chromium::session_with(&driver, 412, 915, "kk", 2.625).await;
            if let Some(email) = who {
                chromium::log_in(&client, &address, email, ortaq::demo::MEMBER_PASSWORD).await;
            }
            throttle(&client, profile).await;
            if who.is_none() {
                let ceiling = measure(&client, &format!("{address}/healthz")).await;
                rows.push(("/healthz (ceiling)".into(), ceiling));
            }
            for page in pages.iter() {
                let figures = measure(&client, &format!("{address}{page}")).await;
                let name = match who {
                    Some(email) => format!("{page} ({})", email.split('@').next().unwrap()),
                    None => page.clone(),
                };
                rows.push((name, figures));
            }
            client.close().await.unwrap();
        }
        let ceiling = rows[0].1;
        for (page, l) in &rows {
            let is_ceiling = page.starts_with("/healthz");
            let met = !profile.targets
                || is_ceiling
                || (l.fcp <= FCP_MS && l.lcp <= LCP_MS && l.bytes <= PAGE_BYTES);
            report.row(
                page,
                format!(
                    "FCP {:.0} ms, LCP {:.0} ms, {:.1} KB in {} requests",
                    l.fcp,
                    l.lcp,
                    l.bytes / 1000.0,
                    l.requests
                ),
                if is_ceiling {
                    "—".into()
                } else {
                    format!("FCP {:.0} ms", ceiling.fcp)
                },
                if profile.targets && !is_ceiling {
                    "FCP ≤ 1,000 ms, LCP ≤ 1,500 ms, ≤ 100 KB".into()
                } else {
                    "—".into()
                },
                met,
            );
        }
        report.finish(&format!("pages-{}", backend.to_lowercase()));
    }
    drop(driver);
    database::drop(&url).await;
}
