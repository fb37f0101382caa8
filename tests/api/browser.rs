//! Real Chromium (Debian's `chromium` driven through `chromedriver`): the home page in
//! Kazakh and Russian, the language switch, sign up, log out and log in. Any console
//! error or failed request fails the test. Screenshots go to `target/screenshots/`.
//!
//! Without Chromium the test says so and passes, so that `cargo test` works on a fresh
//! machine; CI sets `ORTAQ_REQUIRE_BROWSER=1`, which turns a missing browser into a failure.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

pub(crate) use crate::chromium::{Driver, Post, session, start_driver};
use crate::helpers::{PASSWORD, TestApp};

/// The browser for a test: `None` (the test skips) where Chromium is missing, unless CI
/// requires it (`ORTAQ_REQUIRE_BROWSER`), where a missing browser fails the test.
pub(crate) async fn driver_or_skip() -> Option<Driver> {
    let driver = start_driver().await;
    if driver.is_none() {
        if std::env::var("ORTAQ_REQUIRE_BROWSER").is_ok() {
            panic!("ORTAQ_REQUIRE_BROWSER is set but chromium or chromedriver is missing");
        }
        eprintln!("SKIPPED: no chromium/chromedriver on this machine (CI installs them)");
    }
    // reqwest and fantoccini both bring rustls; say which crypto it uses.
    let _ = rustls::crypto::ring::default_provider().install_default();
    driver
}

pub(crate) async fn console_errors(client: &Client) -> Vec<String> {
    // chromedriver's `goog:loggingPrefs` log, emptied on each read.
    let log = client
        .issue_cmd(Post("se/log", json!({"type": "browser"})))
        .await
        .expect("reading the browser log");
    log.as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["level"] == "SEVERE" || e["level"] == "WARNING")
                .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                // The sign-up and log-in forms answer 422/401 on purpose in other tests; here none is expected.
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

async fn html_lang(client: &Client) -> String {
    client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap()
        .unwrap_or_default()
}

pub(crate) async fn assert_clean(client: &Client, step: &str) {
    let errors = console_errors(client).await;
    assert!(errors.is_empty(), "console errors after {step}: {errors:?}");
}

pub(crate) async fn fill(client: &Client, id: &str, value: &str) {
    let field = client.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

pub(crate) async fn wait_for_path(client: &Client, path: &str) {
    for _ in 0..50 {
        if client.current_url().await.unwrap().path() == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the browser did not reach {path}: {}",
        client.current_url().await.unwrap()
    );
}

/// Logs the browser in through the log-in page and waits until it has left it.
pub(crate) async fn log_in(client: &Client, app: &TestApp, email: &str, password: &str) {
    crate::chromium::log_in(client, &app.address, email, password).await;
}

#[tokio::test]
async fn a_visitor_reads_kazakh_switches_to_russian_signs_up_and_logs_in_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    for (viewport, width, height) in [("phone", 412, 915), ("desktop", 1280, 900)] {
        let client = session(&driver, width, height, "kk").await;

        client.goto(&app.url("/?lang=kk")).await.unwrap();
        assert_eq!(html_lang(&client).await, "kk");
        let heading = client
            .find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!heading.is_empty());
        screenshot(&client, &format!("home-kk-{viewport}")).await;
        assert_clean(&client, "the Kazakh home page").await;

        client
            .find(Locator::Css("a[hreflang='ru']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_path(&client, "/").await;
        assert_eq!(html_lang(&client).await, "ru");
        screenshot(&client, &format!("home-ru-{viewport}")).await;
        assert_clean(&client, "switching to Russian").await;

        // Sign up through the form.
        client.goto(&app.url("/signup")).await.unwrap();
        assert_eq!(html_lang(&client).await, "ru", "the language is remembered");
        let email = format!("{viewport}@mail.kz");
        fill(&client, "name", "Данил Цой").await;
        fill(&client, "email", &email).await;
        fill(&client, "password", PASSWORD).await;
        // A date input takes keys in the browser's own order; set its value as the picker would.
        client
            .execute(
                "document.getElementById('birth_date').value = '2002-03-21'",
                vec![],
            )
            .await
            .unwrap();
        fill(
            &client,
            "phone",
            if viewport == "phone" {
                "87011112233"
            } else {
                "+7 702 111 22 33"
            },
        )
        .await;
        client
            .find(Locator::Id("consent"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .find(Locator::Css("main form button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_path(&client, "/account").await;
        let page = client.source().await.unwrap();
        assert!(page.contains("Данил Цой"));
        screenshot(&client, &format!("account-ru-{viewport}")).await;
        assert_clean(&client, "signing up").await;

        // Log out, then log in again.
        client
            .find(Locator::Css("form[action='/logout'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_path(&client, "/").await;
        client.goto(&app.url("/login")).await.unwrap();
        fill(&client, "email", &email).await;
        fill(&client, "password", PASSWORD).await;
        client
            .find(Locator::Css("main form button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_path(&client, "/").await;
        let menu = client
            .find(Locator::Css("nav.menu"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(menu.contains("Данил Цой"), "logged in: {menu}");
        assert_clean(&client, "logging in").await;

        client.close().await.unwrap();
    }
}

/// Windows-1251 bytes of a text of ASCII and Russian letters (what Excel saves as "CSV" in Russian).
fn windows_1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А'..='я' => (0xC0 + (c as u32 - 'А' as u32)) as u8,
            c if c.is_ascii() => c as u8,
            other => panic!("{other} is not in this test's Windows-1251"),
        })
        .collect()
}

#[tokio::test]
async fn an_admin_imports_a_windows_1251_csv_file_through_the_file_picker_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let city = app.unit_id("Актюбинский городской филиал").await;
    app.create_user("city-admin@mail.kz", "admin", Some(city))
        .await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("members.csv");
    std::fs::write(
        &file,
        windows_1251(
            "ФИО;Электронная почта;Телефон;Дата рождения;Должность\r\nДанил Цой;danil@mail.kz;87471000002;15.01.2003;координатор\r\n",
        ),
    )
    .unwrap();

    let client = session(&driver, 1280, 900, "ru").await;
    client.goto(&app.url("/login?lang=ru")).await.unwrap();
    fill(&client, "email", "city-admin@mail.kz").await;
    fill(&client, "password", PASSWORD).await;
    client
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&client, "/").await;

    // A pasted file with errors: the rows to fix, with their reasons.
    client
        .goto(&app.url(&format!("/units/{city}/import")))
        .await
        .unwrap();
    fill(
        &client,
        "csv",
        "ФИО,email,телефон,дата рождения,подразделение\nА,not-an-email,+7 912 345 67 89,01.01.1980,Нет такого\n",
    )
    .await;
    client
        .find(Locator::Css(
            "form[action$='/import/preview'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&client, &format!("/units/{city}/import/preview")).await;
    let page = client.source().await.unwrap();
    assert!(page.contains("Строк с ошибками: 1."), "{page}");
    screenshot(&client, "import-errors-ru").await;

    client
        .goto(&app.url(&format!("/units/{city}/import")))
        .await
        .unwrap();
    // The script shows the file picker (hidden without it) and reads the file into the text area.
    let picker = client.find(Locator::Id("csv-file")).await.unwrap();
    assert!(picker.is_displayed().await.unwrap(), "ortaq.js ran");
    picker.send_keys(&file.display().to_string()).await.unwrap();
    let mut text = String::new();
    for _ in 0..50 {
        text = client
            .find(Locator::Id("csv"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        if !text.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        text.starts_with("ФИО;Электронная почта"),
        "decoded: {text:?}"
    );
    client
        .find(Locator::Css(
            "form[action$='/import/preview'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&client, &format!("/units/{city}/import/preview")).await;
    let page = client.source().await.unwrap();
    assert!(page.contains("Строк готово к импорту: 1."), "{page}");
    screenshot(&client, "import-preview-ru").await;
    client
        .find(Locator::Css(
            "form[action$='/import/commit'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&client, &format!("/units/{city}/members")).await;
    let page = client.source().await.unwrap();
    assert!(page.contains("Данил Цой"), "{page}");
    screenshot(&client, "import-done-ru").await;
    client
        .goto(&app.url(&format!("/units/{city}/import?lang=kk")))
        .await
        .unwrap();
    screenshot(&client, "import-form-kk").await;
    assert_clean(&client, "importing a file").await;
    client.close().await.unwrap();
}

/// Waits until the browser's path starts with `prefix`.
async fn wait_for_prefix(client: &Client, prefix: &str) -> String {
    for _ in 0..50 {
        let path = client.current_url().await.unwrap().path().to_string();
        if path.starts_with(prefix) {
            return path;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the browser did not reach {prefix}…: {}",
        client.current_url().await.unwrap()
    );
}

#[tokio::test]
async fn a_member_books_a_desk_from_the_grid_on_a_phone_and_staff_see_it_at_the_front_desk_in_chromium()
 {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let center = crate::bookings::seed_center(&app.db, "Asia/Aqtobe", 4).await;
    app.create_user("aruzhan@mail.kz", "member", None).await;
    app.create_user("desk@mail.kz", "space_manager", None).await;
    let tomorrow = crate::bookings::local(&center, 1, 12, 0)
        .with_timezone(&center.tz)
        .date_naive();

    // A member on a phone, in Kazakh: the day's grid, a free half hour, the form, the ticket.
    let phone = session(&driver, 412, 915, "kk").await;
    log_in(&phone, &app, "aruzhan@mail.kz", PASSWORD).await;
    phone
        .goto(&app.url(&format!("/spaces?date={tomorrow}")))
        .await
        .unwrap();
    screenshot(&phone, "spaces-day-kk-phone").await;
    assert_clean(&phone, "the spaces grid").await;
    let cell = format!(
        "td.free a[href='/resources/{}?date={tomorrow}&start=12:00']",
        center.desks[1]
    );
    phone
        .find(Locator::Css(&cell))
        .await
        .expect("a free cell at 12:00 for the second desk")
        .click()
        .await
        .unwrap();
    wait_for_prefix(&phone, "/resources/").await;
    let start = phone.find(Locator::Id("start")).await.unwrap();
    assert_eq!(start.prop("value").await.unwrap().as_deref(), Some("12:00"));
    fill(&phone, "purpose", "Курстық жұмыс").await;
    screenshot(&phone, "resource-form-kk-phone").await;
    phone
        .find(Locator::Css(
            "form[action='/bookings/new'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let ticket = wait_for_prefix(&phone, "/bookings/").await;
    phone
        .find(Locator::Css("svg.qr"))
        .await
        .expect("the QR code");
    let code = phone
        .find(Locator::Css(".qr-box .code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(code.len(), 9, "ABCD-EFGH: {code}");
    screenshot(&phone, "ticket-kk-phone").await;
    assert_clean(&phone, "booking from the grid").await;

    // The front desk, in Russian on a desktop, finds the booking by its code.
    let desk = session(&driver, 1280, 900, "ru").await;
    log_in(&desk, &app, "desk@mail.kz", PASSWORD).await;
    desk.goto(&app.url(&format!("/front-desk?code={code}")))
        .await
        .unwrap();
    let found = desk
        .find(Locator::Css(".found"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(found.contains("Место 1"), "{found}");
    screenshot(&desk, "front-desk-ru-desktop").await;
    desk.goto(&app.url("/staff/bookings")).await.unwrap();
    let list = desk.source().await.unwrap();
    assert!(list.contains("Курстық жұмыс") && list.contains(&ticket));
    screenshot(&desk, "staff-bookings-ru-desktop").await;
    assert_clean(&desk, "the front desk").await;
    phone.close().await.unwrap();
    desk.close().await.unwrap();
}

/// A PNG of `side`×`side` noisy pixels: several megabytes, as a phone's photo is.
fn large_png(side: u32) -> Vec<u8> {
    use std::io::Write;
    let mut raw = Vec::with_capacity((side * (side * 3 + 1)) as usize);
    let mut seed: u32 = 2026;
    for _ in 0..side {
        // Each row starts with its filter byte (none), then noisy RGB.
        raw.extend(std::iter::once(0).chain((0..side * 3).map(|_| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 24) as u8
        })));
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&raw).unwrap();
    let data = z.finish().unwrap();
    let chunk = |out: &mut Vec<u8>, kind: &[u8], body: &[u8]| {
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(body);
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &data);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[tokio::test]
async fn a_large_phone_photo_is_scaled_down_in_the_browser_before_upload_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("camera.png");
    let png = large_png(2400);
    assert!(
        png.len() > 4 * 1024 * 1024,
        "the photo is larger than any limit"
    );
    std::fs::write(&file, &png).unwrap();
    let client = session(&driver, 412, 915, "kk").await;
    client.goto(&app.url("/login?lang=kk")).await.unwrap();
    fill(&client, "email", "aigerim@ortaq.local").await;
    fill(&client, "password", ortaq::demo::MEMBER_PASSWORD).await;
    client
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    client.goto(&app.url("/account/profile")).await.unwrap();
    let picker = client.find(Locator::Id("photo")).await.unwrap();
    picker.send_keys(&file.display().to_string()).await.unwrap();
    // The script replaces the chosen file with a JPEG of at most 1280 pixels a side.
    let mut size = 0;
    for _ in 0..100 {
        let value = client
            .execute(
                "const f = document.getElementById('photo').files[0]; return f && f.type === 'image/jpeg' ? f.size : 0;",
                vec![],
            )
            .await
            .unwrap();
        size = value.as_u64().unwrap_or(0);
        if size > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(size > 0, "the photo was converted to JPEG in the browser");
    assert!(size <= 900 * 1024, "and fits the limit: {size} bytes");
    client
        .find(Locator::Css(
            "form[action^='/account/photo'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The upload answers with a redirect back to the profile; wait for the stored photo.
    let mut stored: i64 = 0;
    for _ in 0..100 {
        stored = ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM profile_photos p JOIN users u ON u.id = p.user_id
             WHERE u.email = 'aigerim@ortaq.local' AND p.content_type = 'image/jpeg'")
            .fetch_one(pool)
            .await)
        .unwrap();
        if stored == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_for_path(&client, "/account/profile").await;
    assert_eq!(stored, 1, "the scaled photo is stored");
    screenshot(&client, "profile-photo-kk-phone").await;
    assert_clean(&client, "uploading a large photo").await;
    client.close().await.unwrap();
}
