//! axe-core in real Chromium on every main page of the Aktobe demo, in each language
//! (kk, kk-Latn, ru, en), logged out and logged in as each kind of user: no WCAG 2.1 A or
//! AA violation. axe-core 4.14.1 is vendored from npm in `tests/vendor/` (MPL-2.0), so the
//! test needs no network. Skips without Chromium, as `browser.rs` says.

use fantoccini::Client;
use serde_json::Value;

use crate::browser::{assert_clean, driver_or_skip, log_in, screenshot, session};
use crate::chromium::first_id;
use crate::helpers::{PASSWORD, TestApp};

const AXE: &str = include_str!("../vendor/axe.min.js");
const LANGS: [&str; 4] = ["kk", "kk-Latn", "ru", "en"];

/// Runs axe-core on the page the browser shows and answers its WCAG 2.1 A/AA violations,
/// one line each: rule, impact, what it asks, and the first elements it found.
pub(crate) async fn axe_violations(client: &Client) -> Vec<String> {
    client.execute(AXE, vec![]).await.expect("loading axe-core");
    let found = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, {
                 runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                 resultTypes: ['violations'],
               }).then(r => done(r.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + n.failureSummary),
               }))), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"#,
            vec![],
        )
        .await
        .expect("running axe-core");
    found
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v: &Value| {
            format!(
                "{} ({}): {} — {}",
                v["id"].as_str().unwrap_or_default(),
                v["impact"].as_str().unwrap_or_default(),
                v["help"].as_str().unwrap_or_default(),
                v["nodes"]
                    .as_array()
                    .map(|n| n
                        .iter()
                        .filter_map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "))
                    .unwrap_or_default()
            )
        })
        .collect()
}

/// Visits each page in each language and collects every violation, so one run names all.
/// A page with a name is also photographed in kk and ru at phone size for the README
/// (`screenshot_for_docs`).
async fn check_pages(client: &Client, who: &str, pages: &[(String, &str)]) -> Vec<String> {
    // The screen, not the layout viewport: a blank page is laid out 980 pixels wide.
    let phone = client
        .execute("return window.screen.width < 600;", vec![])
        .await
        .unwrap()
        == Value::Bool(true);
    let mut all = Vec::new();
    for (page, name) in pages {
        for lang in LANGS {
            let sep = if page.contains('?') { '&' } else { '?' };
            client
                .goto(&format!("{page}{sep}lang={lang}"))
                .await
                .unwrap();
            for v in axe_violations(client).await {
                all.push(format!("{who} {page} [{lang}]: {v}"));
            }
            if phone {
                // Usable on a phone: only tables scroll sideways, never the page.
                let wide = client
                    .execute(
                        r#"const w = document.documentElement.clientWidth;
                           if (document.documentElement.scrollWidth <= w) return [];
                           return [...document.querySelectorAll('body *')]
                             .filter(e => e.getBoundingClientRect().right > w + 0.5 && !e.closest('.table-wrap'))
                             .slice(0, 3)
                             .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40));"#,
                        vec![],
                    )
                    .await
                    .unwrap();
                if wide.as_array().is_some_and(|w| !w.is_empty()) {
                    all.push(format!(
                        "{who} {page} [{lang}]: wider than the phone: {wide}"
                    ));
                }
            }
            if phone && !name.is_empty() && (lang == "kk" || lang == "ru") {
                screenshot_for_docs(client, &format!("{name}-{lang}-phone")).await;
            }
        }
        assert_clean(client, &format!("{who} on {page}")).await;
    }
    all
}

/// A screenshot under `target/screenshots/`, and under `docs/screenshots/` (which the
/// README shows) when `ORTAQ_DOCS_SCREENSHOTS=1`: `ORTAQ_DOCS_SCREENSHOTS=1 cargo test
/// a11y` renews the README's pictures.
async fn screenshot_for_docs(client: &Client, name: &str) {
    screenshot(client, name).await;
    if std::env::var("ORTAQ_DOCS_SCREENSHOTS").is_ok_and(|v| v == "1") {
        let png = client.screenshot().await.expect("a screenshot");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// Pages anyone can read, and the ids that the logged-in pages need.
struct Demo {
    resource: String,
    event: String,
    initiative: String,
    news: String,
    unit: String,
}

async fn demo_ids(app: &TestApp) -> Demo {
    Demo {
        resource: first_id(&app.get_html("/spaces").await, "/resources/"),
        event: first_id(&app.get_html("/events").await, "/events/"),
        initiative: first_id(&app.get_html("/initiatives").await, "/initiatives/"),
        news: first_id(&app.get_html("/news").await, "/news/"),
        unit: first_id(&app.get_html("/units").await, "/units/"),
    }
}

#[tokio::test]
async fn every_public_page_is_free_of_wcag_violations_in_every_language_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let d = demo_ids(&app).await;
    let pages: Vec<(String, &str)> = [
        ("/".to_string(), "home"),
        ("/login".into(), ""),
        ("/signup".into(), "signup"),
        ("/spaces".into(), "spaces"),
        (format!("/resources/{}", d.resource), ""),
        ("/events".into(), "events"),
        (format!("/events/{}", d.event), "event"),
        ("/initiatives".into(), "initiatives"),
        (format!("/initiatives/{}", d.initiative), "initiative"),
        ("/news".into(), ""),
        (format!("/news/{}", d.news), ""),
        ("/units".into(), ""),
        (format!("/units/{}", d.unit), ""),
        ("/search?q=достық".into(), ""),
        ("/no-such-page".into(), ""),
    ]
    .into_iter()
    .map(|(p, name)| (app.url(&p), name))
    .collect();
    let mut found = Vec::new();
    for (width, height) in [(412, 915), (1280, 900)] {
        let client = session(&driver, width, height, "kk").await;
        // The missing page answers 404 on purpose; its console line is not a fault.
        for v in check_pages(&client, "guest", &pages[..pages.len() - 1]).await {
            found.push(format!("{width}px {v}"));
        }
        client.goto(&pages.last().unwrap().0).await.unwrap();
        for v in axe_violations(&client).await {
            found.push(format!("{width}px guest 404: {v}"));
        }
        client.close().await.unwrap();
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[tokio::test]
async fn every_members_page_is_free_of_wcag_violations_in_every_language_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let d = demo_ids(&app).await;
    let member = app.browser_logged_in_demo("aigerim@ortaq.local").await;
    // The demo's named members book nothing ahead (so a presenter can); a past ticket.
    let bookings = member
        .get("/bookings?when=past")
        .await
        .text()
        .await
        .unwrap();
    let ticket = first_id(&bookings, "/bookings/");
    let pages: Vec<(String, &str)> = [
        ("/".to_string(), ""),
        ("/spaces".into(), ""),
        (format!("/resources/{}", d.resource), "resource"),
        ("/bookings".into(), "bookings"),
        (format!("/bookings/{ticket}"), "ticket"),
        ("/events/mine".into(), ""),
        (format!("/events/{}", d.event), ""),
        ("/initiatives/mine".into(), ""),
        ("/initiatives/new".into(), "initiative-new"),
        (format!("/initiatives/{}", d.initiative), ""),
        ("/notifications".into(), ""),
        ("/directory".into(), ""),
        ("/calendar".into(), ""),
        ("/account".into(), "account"),
        ("/account/profile".into(), ""),
        ("/search?q=Ақтөбе".into(), ""),
    ]
    .into_iter()
    .map(|(p, name)| (app.url(&p), name))
    .collect();
    let client = session(&driver, 412, 915, "kk").await;
    log_in(
        &client,
        &app,
        "aigerim@ortaq.local",
        ortaq::demo::MEMBER_PASSWORD,
    )
    .await;
    let found = check_pages(&client, "member", &pages).await;
    client.close().await.unwrap();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[tokio::test]
async fn every_staff_page_is_free_of_wcag_violations_in_every_language_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let d = demo_ids(&app).await;
    app.create_user("a11y-admin@mail.kz", "admin", None).await;
    let coordinator: Vec<(String, &str)> = [
        "/events/new".to_string(),
        "/meetings".into(),
        "/meetings/new".into(),
        format!("/units/{}", d.unit),
    ]
    .into_iter()
    .map(|p| (app.url(&p), ""))
    .collect();
    let manager: Vec<(String, &str)> = [
        "/front-desk".to_string(),
        "/staff/bookings".into(),
        "/manage".into(),
        format!("/manage/resources/{}", d.resource),
        "/reports/occupancy".into(),
    ]
    .into_iter()
    .map(|p| (app.url(&p), ""))
    .collect();
    let admin: Vec<(String, &str)> = [
        "/admin".to_string(),
        "/admin/users".into(),
        "/admin/audit".into(),
        "/admin/data-register".into(),
        "/reports/dashboard".into(),
        "/reports/monthly".into(),
        "/news/new".into(),
        "/initiatives/settings".into(),
    ]
    .into_iter()
    .map(|p| (app.url(&p), ""))
    .collect();
    let mut found = Vec::new();
    for (who, email, password, pages) in [
        (
            "coordinator",
            "daniyar@ortaq.local",
            ortaq::demo::MEMBER_PASSWORD,
            &coordinator,
        ),
        (
            "manager",
            "madina@ortaq.local",
            ortaq::demo::MEMBER_PASSWORD,
            &manager,
        ),
        ("admin", "a11y-admin@mail.kz", PASSWORD, &admin),
    ] {
        let client = session(&driver, 1280, 900, "ru").await;
        log_in(&client, &app, email, password).await;
        found.extend(check_pages(&client, who, pages).await);
        client.close().await.unwrap();
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
