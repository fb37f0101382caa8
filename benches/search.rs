//! `cargo bench --bench search`: search latency and the dashboard's render time over the
//! Aktobe demo scaled ×100, over loopback HTTP against the real server (issue 8).
//!
//! - Dataset: the demo (`ortaq::demo::seed_if_empty`: the tree, the center, ~300 members,
//!   ten weeks of bookings), then, inserted directly: 29,700 more members (30,000 in all;
//!   half of them in the directory, each with tags and a membership over the last three
//!   years), 2,000 more units, 99 more news posts, 10,000 events (two years back, one
//!   ahead) and 5,000 initiatives in every status, titles from word lists. The search index
//!   is rebuilt from all of it by the server's own code (`search::index::ensure_fresh`,
//!   timed): ~47,000 entries, the size the issue names; the dashboard counts the same rows.
//! - The server is the `ortaq` binary in its own process on a loopback port (as in
//!   `benches/bookings.rs`, whose server and load generator this reuses).
//! - Figures: `GET /api/v1/search?q=…` p50/p99 over a fixed list of queries in every
//!   script (Kazakh Cyrillic, 2021 Latin, informal Latin, Cyrillic without Kazakh letters,
//!   two-letter prefixes, names, tags), as a signed-in member (who finds members too) and
//!   as a guest, 4 clients; target p99 ≤ 20 ms. The dashboard page
//!   (`/reports/dashboard`, the regional observer, the default 12 months) and its API,
//!   one client, p50/p99.
//! - Backends: SQLite always; PostgreSQL too with `ORTAQ_BENCH_DATABASE_URL=postgres://…`.
//! - Bounded: fixed request counts, traffic only to 127.0.0.1.
//!
//! Under `cargo test --benches` (no `--bench` argument) it does nothing.

#[allow(dead_code)]
#[path = "common/database.rs"]
mod database;
#[allow(dead_code)]
#[path = "bookings/dataset.rs"]
mod dataset;
#[allow(dead_code)]
#[path = "bookings/load.rs"]
mod load;
#[path = "common/report.rs"]
mod report;

use std::time::Instant;

use load::{Server, thousands};
use ortaq::db::{Db, Tx};
use ortaq::{on_db, on_tx};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use report::Report;

const MEMBERS: usize = 30_000;
const UNITS: usize = 2_000;
const NEWS: usize = 99;
const EVENTS: usize = 10_000;
const INITIATIVES: usize = 5_000;
const CLIENTS: usize = 4;
const SEARCHES: usize = 4_000;
const DASHBOARDS: usize = 20;

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
        "machine: {} cores; load average before: {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        load_average()
    );
    let mut tables = vec![backend(None).await];
    if let Ok(admin) = std::env::var("ORTAQ_BENCH_DATABASE_URL")
        && admin.starts_with("postgres")
    {
        tables.push(backend(Some(&admin)).await);
    }
    println!("\nload average after: {}\n", load_average());
    for table in tables {
        let file = format!("search-{}", table_file(&table));
        table.finish(&file);
    }
}

/// `sqlite` or `postgresql`, from the table's title.
fn table_file(table: &Report) -> String {
    if table.title().contains("PostgreSQL") {
        "postgresql".into()
    } else {
        "sqlite".into()
    }
}

const GIVEN: [&str; 24] = [
    "Айгерім",
    "Данияр",
    "Аружан",
    "Нұрсұлтан",
    "Мадина",
    "Ерлан",
    "Әсел",
    "Жансая",
    "Ілияс",
    "Руслан",
    "Анна",
    "Екатерина",
    "Артём",
    "Виктория",
    "Тимур",
    "Гүлнар",
    "Бауыржан",
    "Дина",
    "Ұлан",
    "Үміт",
    "Қайрат",
    "Ольга",
    "Сергей",
    "Мария",
];
const FAMILY: [&str; 24] = [
    "Сапарова",
    "Жұмабаев",
    "Қайратқызы",
    "Ержанов",
    "Төлегенова",
    "Жұбанов",
    "Ким",
    "Шевченко",
    "Белова",
    "Исмаилов",
    "Серікбаев",
    "Оспанова",
    "Ахметов",
    "Нұрланова",
    "Цой",
    "Пак",
    "Әбілқайыров",
    "Досжанов",
    "Құрманова",
    "Иванова",
    "Бекова",
    "Мұхтарұлы",
    "Ли",
    "Абенова",
];
const TAGS: [&str; 16] = [
    "футбол",
    "дизайн",
    "SMM",
    "волонтёрлік",
    "домбыра",
    "шахматы",
    "программирование",
    "фотография",
    "кітап",
    "театр",
    "English",
    "робототехника",
    "танцы",
    "журналистика",
    "медиа",
    "экология",
];
const PLACES: [&str; 12] = [
    "Ақтөбе",
    "Хромтау",
    "Қандыағаш",
    "Шалқар",
    "Ембі",
    "Алға",
    "Темір",
    "Мұғалжар",
    "Ойыл",
    "Байғанин",
    "Қарғалы",
    "Мәртөк",
];
const EVENT_WORDS: [&str; 16] = [
    "Достық кеші",
    "Тіл клубы",
    "Домбыра сабағы",
    "Жастар форумы",
    "Волонтёрлік акция",
    "Шахмат турнирі",
    "Наурыз мерекесі",
    "Кітап клубы",
    "Диалог алаңы",
    "Спорт күні",
    "Вечер дружбы",
    "Языковой клуб",
    "Молодёжный форум",
    "Турнир по шахматам",
    "Қазақ тілі курсы",
    "Мәдени кеш",
];
const INITIATIVE_WORDS: [&str; 10] = [
    "Жаңа коворкинг",
    "Велосипед жолы",
    "Кітапхана",
    "Спорт алаңы",
    "Жастар орталығы",
    "Экологиялық акция",
    "Бесплатные курсы",
    "Студенческий театр",
    "Медиа мектебі",
    "Достық саябағы",
];

/// The queries, in the scripts people type (the same list for every backend).
const QUERIES: [&str; 24] = [
    "Достық",
    "Dostyq",
    "Dostyk",
    "Достык",
    "Ақтөбе",
    "Aktobe",
    "Aqtöbe",
    "Жұбанов",
    "Zhubanov",
    "Jūbanov",
    "Айгерім",
    "aigerim",
    "Ким",
    "Tsoi",
    "футбол",
    "домбыра",
    "ak",
    "до",
    "жастар форумы",
    "клуб",
    "Жаңа толқын",
    "kitap",
    "Сапарова",
    "nauryz",
];

async fn backend(admin: Option<&str>) -> Report {
    let name = if admin.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("\n== {name}: the demo ×100");
    let (url, _dir) = database::fresh_on(admin, "search").await;
    let started = Instant::now();
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    ortaq::demo::seed_if_empty(&db).await.unwrap();
    println!("  demo: {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    scale_up(&db).await;
    println!(
        "  + {} members, {UNITS} units, {NEWS} news: {:.1} s",
        MEMBERS - 300,
        started.elapsed().as_secs_f64()
    );
    // The index from everything, by the server's own rebuild.
    execute_db(&db, "UPDATE search_meta SET fold_version = 0").await;
    let started = Instant::now();
    ortaq::search::index::ensure_fresh(&db).await.unwrap();
    let rebuilt = started.elapsed().as_secs_f64();
    let entries: Vec<(String, i64)> = on_db!(&db, pool => sqlx::query_as(
        "SELECT kind, COUNT(*) FROM search_entries GROUP BY kind ORDER BY kind")
        .fetch_all(pool)
        .await)
    .unwrap();
    println!("  index rebuilt in {rebuilt:.1} s; entries by kind: {entries:?}");
    if let Db::Postgres(pool) = &db {
        sqlx::query("ANALYZE").execute(pool).await.unwrap();
    }
    let member_id: i64 = on_db!(&db, pool => sqlx::query_scalar("SELECT id FROM users WHERE email = 'aigerim@ortaq.local'").fetch_one(pool).await).unwrap();
    let observer_id: i64 = on_db!(&db, pool => sqlx::query_scalar("SELECT id FROM users WHERE email = 'observer@ortaq.local'").fetch_one(pool).await).unwrap();
    let member = ortaq::auth::tokens::create(&db, member_id).await.unwrap();
    let observer = ortaq::auth::tokens::create(&db, observer_id).await.unwrap();
    db.close().await;

    let server = Server::start(&url).await;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let searches = |n: usize, token: Option<&str>| -> Vec<reqwest::Request> {
        (0..n)
            .map(|i| {
                let mut r = client
                    .get(server.url("/api/v1/search"))
                    .query(&[("q", QUERIES[i % QUERIES.len()])]);
                if let Some(t) = token {
                    r = r.bearer_auth(t);
                }
                r.build().unwrap()
            })
            .collect()
    };
    // Warm the connections and caches.
    load::run(&client, CLIENTS, searches(500, Some(&member)), &[200]).await;
    let healthz = (0..SEARCHES)
        .map(|_| client.get(server.url("/healthz")).build().unwrap())
        .collect();
    let ceiling = load::run(&client, CLIENTS, healthz, &[200]).await;
    let signed_in = load::run(&client, CLIENTS, searches(SEARCHES, Some(&member)), &[200]).await;
    let guest = load::run(&client, CLIENTS, searches(SEARCHES, None), &[200]).await;
    println!("  /healthz, {CLIENTS} clients: {}", ceiling.summary());
    println!(
        "  search as a member, {CLIENTS} clients: {}",
        signed_in.summary()
    );
    println!(
        "  search as a guest, {CLIENTS} clients: {}",
        guest.summary()
    );
    // The slowest query, alone: a two-letter prefix that matches thousands.
    let worst = load::run(
        &client,
        1,
        (0..200)
            .map(|_| {
                client
                    .get(server.url("/api/v1/search?q=ak"))
                    .bearer_auth(&member)
                    .build()
                    .unwrap()
            })
            .collect(),
        &[200],
    )
    .await;
    println!("  search «ak» alone, 1 client: {}", worst.summary());
    // Each query alone, as a member: the slowest ones name themselves.
    let mut alone = Vec::new();
    for q in QUERIES {
        let requests = (0..20)
            .map(|_| {
                client
                    .get(server.url("/api/v1/search"))
                    .query(&[("q", q)])
                    .bearer_auth(&member)
                    .build()
                    .unwrap()
            })
            .collect();
        let run = load::run(&client, 1, requests, &[200]).await;
        alone.push((run.ms(0.5), run.ms(0.99), q));
    }
    alone.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<String> = alone
        .iter()
        .take(5)
        .map(|(p50, p99, q)| format!("«{q}» {p50:.2}/{p99:.2}"))
        .collect();
    println!(
        "  slowest alone as a member (p50/p99 ms): {}",
        slowest.join(", ")
    );

    let dashboard = |path: &str| -> Vec<reqwest::Request> {
        (0..DASHBOARDS)
            .map(|_| {
                client
                    .get(server.url(path))
                    .bearer_auth(&observer)
                    .build()
                    .unwrap()
            })
            .collect()
    };
    load::run(&client, 1, dashboard("/reports/dashboard"), &[200]).await;
    let page = load::run(&client, 1, dashboard("/reports/dashboard"), &[200]).await;
    let api = load::run(&client, 1, dashboard("/api/v1/reports/dashboard"), &[200]).await;
    println!("  dashboard page, 1 client: {}", page.summary());
    println!("  dashboard API, 1 client: {}", api.summary());
    let (peak, _) = server.memory_mib();
    drop(server);
    if let Some(admin) = admin {
        database::drop_on(Some(admin), &url).await;
    }

    let mut t = Report::new(format!(
        "Search and dashboard, {name}: the demo ×100 (30,000 members, ~47,000 index entries)"
    ));
    let ms = |r: &load::Run| format!("p50 {:.2} ms, p99 {:.2} ms", r.ms(0.5), r.ms(0.99));
    let ceiling_ms = |clients: usize| {
        if clients == CLIENTS {
            ms(&ceiling)
        } else {
            format!("{} ({CLIENTS} clients)", ms(&ceiling))
        }
    };
    t.row(
        "/healthz (the ceiling)",
        format!("{}, {}/s", ms(&ceiling), thousands(ceiling.per_second())),
        "—".into(),
        "—".into(),
        true,
    );
    t.row(
        &format!("search, member, {CLIENTS} clients"),
        format!(
            "{}, {}/s",
            ms(&signed_in),
            thousands(signed_in.per_second())
        ),
        ceiling_ms(CLIENTS),
        "p99 ≤ 20 ms".into(),
        signed_in.ms(0.99) <= 20.0,
    );
    t.row(
        &format!("search, guest, {CLIENTS} clients"),
        ms(&guest),
        ceiling_ms(CLIENTS),
        "p99 ≤ 20 ms".into(),
        guest.ms(0.99) <= 20.0,
    );
    t.row(
        "search «ak», 1 client",
        ms(&worst),
        ceiling_ms(1),
        "p99 ≤ 20 ms".into(),
        worst.ms(0.99) <= 20.0,
    );
    t.row(
        "slowest queries alone, member (p50/p99 ms)",
        slowest.join(", "),
        ceiling_ms(1),
        "—".into(),
        true,
    );
    t.row(
        "dashboard page (12 months, 10 charts), 1 client",
        ms(&page),
        ceiling_ms(1),
        "p99 ≤ 1,000 ms (Ortaq's budget)".into(),
        page.ms(0.99) <= 1_000.0,
    );
    t.row(
        "dashboard API (12 months), 1 client",
        ms(&api),
        ceiling_ms(1),
        "p99 ≤ 1,000 ms (Ortaq's budget)".into(),
        api.ms(0.99) <= 1_000.0,
    );
    t.row(
        "search index rebuild at start",
        format!("{rebuilt:.1} s"),
        "—".into(),
        "—".into(),
        true,
    );
    t.row(
        "server peak RSS (VmHWM, own process)",
        format!("{peak:.1} MiB"),
        "—".into(),
        "≤ 100 MB".into(),
        peak * 1024.0 * 1024.0 <= 100e6,
    );
    t
}

async fn execute(tx: &mut Tx, sql: String) {
    on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await.map(|_| ()))
        .unwrap();
}

async fn execute_db(db: &Db, sql: &str) {
    let sql = sql.to_string();
    on_db!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await.map(|_| ()))
        .unwrap();
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Inserts `rows` (SQL tuples) into `table (columns)`, 500 a statement.
async fn insert(tx: &mut Tx, table: &str, columns: &str, rows: &[String]) {
    for chunk in rows.chunks(500) {
        execute(
            tx,
            format!(
                "INSERT INTO {table} ({columns}) VALUES {}",
                chunk.join(", ")
            ),
        )
        .await;
    }
}

/// The demo ×100: members, units and news beside the demo's own.
async fn scale_up(db: &Db) {
    let mut rng = StdRng::seed_from_u64(8);
    let now = ortaq::clock::now();
    let stamp = now.to_rfc3339();
    let today = now.date_naive();
    let mut tx = db.begin().await.unwrap();
    let region: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar("SELECT id FROM org_units WHERE kind = 'regional_branch' ORDER BY id LIMIT 1").fetch_one(&mut *conn).await).unwrap();

    // Units: clubs, assemblies and projects across the region's places.
    let mut units = Vec::new();
    for i in 0..UNITS {
        let place = PLACES[i % PLACES.len()];
        let (kind, kk, ru) = match i % 3 {
            0 => (
                "dostyq_club",
                format!("«Достық» клубы, {place}, №{i}"),
                format!("Клуб «Достық», {place}, №{i}"),
            ),
            1 => (
                "student_assembly",
                format!("{place} колледжі №{i} студенттік ассамблеясы"),
                format!("Студенческая ассамблея колледжа №{i}, {place}"),
            ),
            _ => (
                "project",
                format!("«Жаңа толқын» жобасы, {place}, №{i}"),
                format!("Проект «Жаңа толқын», {place}, №{i}"),
            ),
        };
        units.push(format!(
            "({region}, '{kind}', {}, {}, '{stamp}')",
            quote(&kk),
            quote(&ru)
        ));
    }
    insert(
        &mut tx,
        "org_units",
        "parent_id, kind, name_kk, name_ru, created_at",
        &units,
    )
    .await;
    let unit_ids: Vec<i64> = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "SELECT id FROM org_units WHERE kind <> 'ethnocultural_association' ORDER BY id")
        .fetch_all(&mut *conn).await)
    .unwrap();

    // Members.
    let extra = MEMBERS - 300;
    let mut users = Vec::with_capacity(extra);
    for i in 0..extra {
        let name = format!(
            "{} {}",
            GIVEN[rng.gen_range(0..GIVEN.len())],
            FAMILY[rng.gen_range(0..FAMILY.len())]
        );
        users.push(format!(
            "('scale{i}@example.org', {}, '!', 'kk', '{stamp}', '{stamp}')",
            quote(&name)
        ));
    }
    insert(
        &mut tx,
        "users",
        "email, display_name, password_hash, locale, created_at, password_changed_at",
        &users,
    )
    .await;
    let ids: Vec<i64> = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "SELECT id FROM users WHERE email LIKE 'scale%@example.org' ORDER BY id")
        .fetch_all(&mut *conn).await)
    .unwrap();
    let (mut profiles, mut tags, mut memberships) = (Vec::new(), Vec::new(), Vec::new());
    for (i, id) in ids.iter().enumerate() {
        let born = today - chrono::Duration::days(rng.gen_range(15 * 365..34 * 365));
        profiles.push(format!(
            "({id}, '{born}', {}, {}, '{stamp}')",
            quote(PLACES[i % PLACES.len()]),
            if i % 2 == 0 { "TRUE" } else { "FALSE" }
        ));
        let mut mine: Vec<&str> = TAGS.choose_multiple(&mut rng, 3).copied().collect();
        mine.sort_unstable();
        for tag in mine {
            tags.push(format!("({id}, 'interest', {})", quote(tag)));
        }
        let started = today - chrono::Duration::days(rng.gen_range(0..3 * 365));
        memberships.push(format!(
            "({id}, {}, 'member', 'active', '{started}', '{stamp}')",
            unit_ids[rng.gen_range(0..unit_ids.len())]
        ));
    }
    insert(
        &mut tx,
        "profiles",
        "user_id, birth_date, city, in_directory, updated_at",
        &profiles,
    )
    .await;
    insert(&mut tx, "profile_tags", "user_id, kind, tag", &tags).await;
    insert(
        &mut tx,
        "memberships",
        "user_id, unit_id, position, status, started_on, created_at",
        &memberships,
    )
    .await;

    scale_activity(&mut tx, &unit_ids, &ids).await;

    // News.
    let mut news = Vec::new();
    for i in 0..NEWS {
        let words = EVENT_WORDS[i % EVENT_WORDS.len()];
        let published = now - chrono::Duration::days(i as i64 * 3);
        news.push(format!(
            "({}, {}, {}, NULL, '{}', '{}', '{}')",
            quote(&format!("{words}: жаңалық №{i}")),
            quote(&format!("Ақтөбеде {words} өтті. Жастар қатысты.")),
            quote(&format!("В Актобе прошло: {words}.")),
            published.to_rfc3339(),
            stamp,
            stamp
        ));
    }
    insert(
        &mut tx,
        "news_posts",
        "title_kk, body_kk, body_ru, source_url, published_at, created_at, updated_at",
        &news,
    )
    .await;
    tx.commit().await.unwrap();
}

/// Events and initiatives of the demo ×100, written as rows of their own tables (the index
/// is then rebuilt from them by the server's code, as for everything else).
async fn scale_activity(tx: &mut Tx, unit_ids: &[i64], author_ids: &[i64]) {
    const EVENT_CATEGORIES: [&str; 7] = [
        "culture",
        "language_club",
        "education",
        "volunteering",
        "sport",
        "dialogue",
        "other",
    ];
    const INITIATIVE_CATEGORIES: [&str; 8] = [
        "culture",
        "education",
        "volunteering",
        "ecology",
        "it",
        "sport",
        "dialogue",
        "other",
    ];
    const STATUSES: [&str; 8] = [
        "draft",
        "submitted",
        "under_review",
        "accepted",
        "declined",
        "in_progress",
        "implemented",
        "withdrawn",
    ];
    let instant =
        |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let mut rng = StdRng::seed_from_u64(9);
    let now = ortaq::clock::now();
    let stamp = instant(now);
    let mut events = Vec::with_capacity(EVENTS);
    for i in 0..EVENTS {
        let words = EVENT_WORDS[rng.gen_range(0..EVENT_WORDS.len())];
        let place = PLACES[rng.gen_range(0..PLACES.len())];
        // Two years back and a year ahead, on the hour.
        let start = now - chrono::Duration::hours(rng.gen_range(-24 * 365..24 * 730));
        let start = start
            - chrono::Duration::seconds(i64::from(
                chrono::Timelike::num_seconds_from_midnight(&start) % 3600,
            ));
        let status = if start < now { "finished" } else { "published" };
        events.push(format!(
            "({}, {}, {}, {}, '{}', 'kk ru', 'venue', {}, '{}', '{}', 40, 'everyone', '{status}', '{stamp}', '{stamp}', '{stamp}')",
            unit_ids[rng.gen_range(0..unit_ids.len())],
            quote(&format!("{words} — {place}")),
            quote(&format!("{words}: {place}, №{i}")),
            quote(&format!("{words}. {}", TAGS[i % TAGS.len()])),
            EVENT_CATEGORIES[i % EVENT_CATEGORIES.len()],
            quote(place),
            instant(start),
            instant(start + chrono::Duration::hours(2)),
        ));
    }
    insert(
        tx,
        "events",
        "unit_id, title_kk, title_ru, description_kk, category, languages, place, venue_kk, start_at, end_at, capacity, audience, status, created_at, updated_at, published_at",
        &events,
    )
    .await;
    let mut initiatives = Vec::with_capacity(INITIATIVES);
    for i in 0..INITIATIVES {
        let words = INITIATIVE_WORDS[rng.gen_range(0..INITIATIVE_WORDS.len())];
        let place = PLACES[rng.gen_range(0..PLACES.len())];
        let status = STATUSES[i % STATUSES.len()];
        let created = now - chrono::Duration::days(rng.gen_range(1..730));
        let submitted = if status == "draft" {
            "NULL".to_string()
        } else {
            format!("'{}'", instant(created + chrono::Duration::days(3)))
        };
        initiatives.push(format!(
            "({}, {}, '{}', '{status}', {}, {}, {}, '{}', '{stamp}', {submitted})",
            unit_ids[rng.gen_range(0..unit_ids.len())],
            author_ids[rng.gen_range(0..author_ids.len())],
            INITIATIVE_CATEGORIES[i % INITIATIVE_CATEGORIES.len()],
            quote(&format!("{words} — {place}")),
            quote(&format!("{words}: {place}")),
            quote(&format!("{words}, {place}. {}", TAGS[i % TAGS.len()])),
            instant(created),
        ));
    }
    insert(
        tx,
        "initiatives",
        "unit_id, author_id, category, status, title_kk, title_ru, summary_kk, created_at, updated_at, submitted_at",
        &initiatives,
    )
    .await;
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
