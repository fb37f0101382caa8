//! The main flows in real Chromium, start to end, as young people and staff go through
//! them: an under-18 member signs up with a guardian's consent; a member books a desk and
//! staff check it in by its code, using only the keyboard; a member registers for a full
//! event and is promoted from the waitlist, again by keyboard; an initiative is proposed,
//! supported and answered. Any console error or failed request fails a test (each step
//! ends with `assert_clean`). Forms that refuse input must say so to a screen reader: the
//! error summary takes the focus, and each refused field points at its message. Skips
//! without Chromium, as `browser.rs` says.

use std::time::Duration;

use chrono::Datelike;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::bookings::{seed_center, set_rules};
use crate::browser::{
    assert_clean, console_errors, driver_or_skip, fill, log_in, screenshot, session, wait_for_path,
};
use crate::events::{create_event, event_body, hours, setup};
use crate::helpers::{PASSWORD, TestApp};

/// Presses and releases one key, as a keyboard does (no element is targeted).
pub(crate) async fn press(client: &Client, key: Key) {
    let c: char = key.into();
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: c })
        .then(KeyAction::Up { value: c });
    client.perform_actions(keys).await.expect("a key press");
}

/// Types text into whatever has the focus.
async fn type_text(client: &Client, text: &str) {
    let mut keys = KeyActions::new("keyboard".to_string());
    for c in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    client.perform_actions(keys).await.expect("typing");
}

/// Whether the focused element matches `css`.
async fn focused(client: &Client, css: &str) -> bool {
    client
        .execute(
            "const e = document.activeElement; return !!e && e.matches(arguments[0]);",
            vec![json!(css)],
        )
        .await
        .unwrap()
        == Value::Bool(true)
}

/// Presses Tab until the element matching `css` has the focus, as a keyboard user moves
/// through a page; fails when Tab never reaches it (it is not keyboard-operable).
pub(crate) async fn tab_to(client: &Client, css: &str) {
    for _ in 0..200 {
        if focused(client, css).await {
            return;
        }
        press(client, Key::Tab).await;
    }
    panic!("Tab never reached {css}");
}

/// Waits for a page that has `css` on it.
async fn wait_for(client: &Client, css: &str) {
    for _ in 0..50 {
        if client.find(Locator::Css(css)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no {css} on {}",
        client
            .current_url()
            .await
            .unwrap_or_else(|_| "?".parse().unwrap())
    );
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no {css}"))
        .click()
        .await
        .unwrap();
}

/// The console holds only the refusal this step asked for (`path` answered `status`);
/// anything else fails the test as `assert_clean` would.
async fn assert_refused(client: &Client, path: &str, status: u16) {
    let errors = console_errors(client).await;
    assert!(!errors.is_empty(), "{path} was refused with {status}");
    for e in &errors {
        assert!(
            e.contains(path) && e.contains(&format!("status of {status}")),
            "only the refusal of {path} ({status}) is expected: {errors:?}"
        );
    }
}

/// Empties the focused field with the keyboard (End, then Backspace).
async fn erase(client: &Client, len: usize) {
    press(client, Key::End).await;
    for _ in 0..len {
        press(client, Key::Backspace).await;
    }
}

/// The refused form says so to a screen reader: the error summary (`role=alert`) has the
/// focus, each field in `fields` is `aria-invalid` and described by a message that is on
/// the page and not empty, and the summary links to each field.
async fn assert_errors_announced(client: &Client, fields: &[&str]) {
    wait_for(client, ".alert[role=alert]").await;
    assert!(
        focused(client, ".alert[role=alert]").await,
        "the error summary has the focus"
    );
    for field in fields {
        let described = client
            .execute(
                r##"const f = document.getElementById(arguments[0]);
                   if (!f || f.getAttribute('aria-invalid') !== 'true') return 'not aria-invalid';
                   const ids = (f.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
                   const texts = ids.map(id => document.getElementById(id)).filter(Boolean)
                       .filter(e => e.classList.contains('error')).map(e => e.textContent.trim());
                   if (!texts.length || texts.some(t => !t)) return 'no error message described';
                   if (!document.querySelector('.alert[role=alert] a[href="#' + arguments[0] + '"]')) return 'not in the summary';
                   return 'ok';"##,
                vec![json!(field)],
            )
            .await
            .unwrap();
        assert_eq!(described, json!("ok"), "field {field}");
    }
}

#[tokio::test]
async fn an_under_18_member_signs_up_with_a_guardians_consent_on_a_phone_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let client = session(&driver, 412, 915, "kk").await;
    client.goto(&app.url("/signup?lang=kk")).await.unwrap();
    assert_clean(&client, "the sign-up page").await;
    let today = chrono::Utc::now().date_naive();
    let birth = today
        .with_year(today.year() - 15)
        .unwrap_or(today - chrono::Duration::days(15 * 365));
    fill(&client, "name", "Айбек Серікұлы").await;
    fill(&client, "email", "aibek.15@mail.kz").await;
    fill(&client, "password", PASSWORD).await;
    // The date picker's typed format follows the browser's locale; set the value itself.
    client
        .execute(
            "document.getElementById('birth_date').value = arguments[0];",
            vec![json!(birth.format("%Y-%m-%d").to_string())],
        )
        .await
        .unwrap();
    fill(&client, "phone", "+7 705 123 45 67").await;
    fill(&client, "city", "Ақтөбе").await;
    click(&client, "#consent").await;
    click(&client, "form[action='/signup'] button[type=submit]").await;

    // Fifteen and no guardian: refused, said to a screen reader, and nothing typed is lost
    // but the password, which is never sent back.
    assert_errors_announced(&client, &["guardian_name", "guardian_consent"]).await;
    assert_refused(&client, "/signup", 422).await;
    let kept = client
        .find(Locator::Id("name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Айбек Серікұлы"));
    screenshot(&client, "signup-guardian-errors-kk-phone").await;
    assert_eq!(app.count("users WHERE email = 'aibek.15@mail.kz'").await, 0);

    fill(&client, "password", PASSWORD).await;
    fill(&client, "guardian_name", "Серік Әбдірахманов").await;
    fill(&client, "guardian_contact", "+7 701 555 12 34").await;
    fill(&client, "guardian_how", "Қолхат, 2026-11-30").await;
    let consent = client.find(Locator::Id("consent")).await.unwrap();
    if !consent.is_selected().await.unwrap() {
        consent.click().await.unwrap();
    }
    click(&client, "#guardian_consent").await;
    click(&client, "form[action='/signup'] button[type=submit]").await;
    wait_for_path(&client, "/account").await;
    screenshot(&client, "signup-welcome-kk-phone").await;
    assert_clean(&client, "signing up with a guardian's consent").await;
    assert_eq!(
        app.count(
            "consents c JOIN users u ON u.id = c.user_id
             WHERE u.email = 'aibek.15@mail.kz' AND c.kind = 'guardian'"
        )
        .await,
        1,
        "the guardian's consent is recorded"
    );
    assert_eq!(
        app.count(
            "profiles p JOIN users u ON u.id = p.user_id
             WHERE u.email = 'aibek.15@mail.kz' AND p.guardian_name = 'Серік Әбдірахманов'"
        )
        .await,
        1
    );
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_member_books_a_desk_and_staff_check_it_in_by_code_using_only_the_keyboard_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 3).await;
    // "Now" at whatever hour the test runs: no opening hours, a short slot and a check-in
    // window longer than a slot.
    let rules = ortaq::bookings::rules::Rules {
        within_hours: false,
        slot_minutes: 15,
        min_minutes: 15,
        check_in_minutes: Some(60),
        ..ortaq::bookings::rules::Rules::defaults("desk")
    };
    set_rules(&app.db, &center, "desk", &rules).await;
    app.create_user("dana@mail.kz", "member", None).await;
    let unit = ortaq::spaces::storage::location(&app.db, center.location)
        .await
        .unwrap()
        .unwrap()
        .unit_id;
    app.create_user("desk@mail.kz", "space_manager", Some(unit))
        .await;

    // The member, on a phone, logs in and books "now" with Tab, typing and Enter.
    let phone = session(&driver, 412, 915, "kk").await;
    phone.goto(&app.url("/login?lang=kk")).await.unwrap();
    tab_to(&phone, "#email").await;
    type_text(&phone, "dana@mail.kz").await;
    tab_to(&phone, "#password").await;
    type_text(&phone, PASSWORD).await;
    press(&phone, Key::Enter).await;
    wait_for_path(&phone, "/").await;
    phone.goto(&app.url("/spaces")).await.unwrap();
    tab_to(&phone, "form[action='/book-now'] button[type=submit]").await;
    press(&phone, Key::Enter).await;
    wait_for(&phone, ".qr-box .code").await;
    let ticket = phone.current_url().await.unwrap().path().to_string();
    assert!(ticket.starts_with("/bookings/"), "{ticket}");
    let code = phone
        .find(Locator::Css(".qr-box .code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    screenshot(&phone, "book-now-ticket-kk-phone").await;
    assert_clean(&phone, "booking a desk by keyboard").await;

    // Staff at the front desk, by keyboard: a wrong code first (announced), then the code.
    let desk = session(&driver, 1280, 900, "ru").await;
    log_in(&desk, &app, "desk@mail.kz", PASSWORD).await;
    desk.goto(&app.url("/front-desk")).await.unwrap();
    tab_to(&desk, "#code").await;
    type_text(&desk, "ZZZZ").await;
    press(&desk, Key::Enter).await;
    assert_errors_announced(&desk, &["code"]).await;
    assert_refused(&desk, "/front-desk", 422).await;
    // The summary's link leads the keyboard back to the field.
    tab_to(&desk, ".alert[role=alert] a[href='#code']").await;
    press(&desk, Key::Enter).await;
    assert!(
        focused(&desk, "#code").await,
        "the link moved focus to the field"
    );
    erase(&desk, 10).await;
    type_text(&desk, &code.to_lowercase()).await;
    press(&desk, Key::Enter).await;
    wait_for(&desk, ".found").await;
    let found = desk
        .find(Locator::Css(".found"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(found.contains("Место 0"), "{found}");
    screenshot(&desk, "front-desk-checked-in-ru-desktop").await;
    assert_clean(&desk, "checking in by code").await;
    let id = ticket.trim_start_matches("/bookings/");
    assert_eq!(
        app.count(&format!(
            "bookings WHERE id = {id} AND status = 'checked_in'"
        ))
        .await,
        1,
        "the booking is checked in"
    );
    phone.goto(&app.url(&ticket)).await.unwrap();
    let page = phone.source().await.unwrap();
    assert!(
        page.contains("Келген уақыты"),
        "the member's ticket shows when they checked in"
    );
    phone.close().await.unwrap();
    desk.close().await.unwrap();
}

#[tokio::test]
async fn a_member_joins_a_full_events_waitlist_by_keyboard_and_is_promoted_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;
    app.create_user("first@mail.kz", "member", None).await;
    app.create_user("second@mail.kz", "member", None).await;
    let page = format!("/events/{event}");

    // The first member takes the only place.
    let first = session(&driver, 1280, 900, "ru").await;
    log_in(&first, &app, "first@mail.kz", PASSWORD).await;
    first.goto(&app.url(&page)).await.unwrap();
    click(&first, &format!("form[action='{page}/register'] button")).await;
    wait_for(&first, &format!("a[href='{page}/ticket']")).await;
    assert_clean(&first, "taking the last place").await;

    // The second, on a phone with the keyboard only, joins the waitlist of the full event.
    let second = session(&driver, 412, 915, "kk").await;
    second.goto(&app.url("/login?lang=kk")).await.unwrap();
    tab_to(&second, "#email").await;
    type_text(&second, "second@mail.kz").await;
    tab_to(&second, "#password").await;
    type_text(&second, PASSWORD).await;
    press(&second, Key::Enter).await;
    wait_for_path(&second, "/").await;
    second.goto(&app.url(&page)).await.unwrap();
    tab_to(&second, &format!("form[action='{page}/register'] button")).await;
    press(&second, Key::Enter).await;
    wait_for(&second, &format!("form[action='{page}/leave']")).await;
    assert!(
        second
            .find(Locator::Css(&format!("a[href='{page}/ticket']")))
            .await
            .is_err(),
        "a waitlisted member has no ticket yet"
    );
    screenshot(&second, "event-waitlist-kk-phone").await;
    assert_clean(&second, "joining the waitlist").await;

    // The first cancels; the second is promoted and now has a ticket.
    click(&first, &format!("form[action='{page}/leave'] button")).await;
    wait_for(&first, &format!("form[action='{page}/register']")).await;
    assert_clean(&first, "cancelling a registration").await;
    second.goto(&app.url(&page)).await.unwrap();
    wait_for(&second, &format!("a[href='{page}/ticket']")).await;
    second
        .goto(&app.url(&format!("{page}/ticket")))
        .await
        .unwrap();
    wait_for(&second, "svg").await;
    screenshot(&second, "event-promoted-ticket-kk-phone").await;
    assert_clean(&second, "the promoted member's ticket").await;
    assert_eq!(
        app.count(&format!(
            "event_registrations r JOIN users u ON u.id = r.user_id
             WHERE r.event_id = {event} AND u.email = 'second@mail.kz' AND r.status = 'registered'"
        ))
        .await,
        1
    );
    first.close().await.unwrap();
    second.close().await.unwrap();
}

#[tokio::test]
async fn an_initiative_is_proposed_supported_and_answered_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    app.create_user("author@mail.kz", "member", None).await;
    app.create_user("supporter@mail.kz", "member", None).await;

    // A member proposes it on a phone, in Kazakh, and submits it.
    let author = session(&driver, 412, 915, "kk").await;
    log_in(&author, &app, "author@mail.kz", PASSWORD).await;
    author.goto(&app.url("/initiatives/new")).await.unwrap();
    fill(&author, "title", "Достық кітапханасы").await;
    fill(&author, "title_ru", "Библиотека дружбы").await;
    fill(
        &author,
        "summary",
        "Орталықта халықтар тіліндегі кітаптар сөресі.",
    )
    .await;
    fill(
        &author,
        "summary_ru",
        "Полка книг на языках народов в центре.",
    )
    .await;
    author
        .find(Locator::Id("unit_id"))
        .await
        .unwrap()
        .select_by_value(&s.club.to_string())
        .await
        .unwrap();
    click(&author, "form.initiative-form button[type=submit]").await;
    wait_for(&author, "form.initiative-step").await;
    let page = author.current_url().await.unwrap().path().to_string();
    assert!(page.starts_with("/initiatives/"), "{page}");
    click(
        &author,
        "form.initiative-step:has(input[name=to][value=submitted]) button",
    )
    .await;
    let id = page.trim_start_matches("/initiatives/").to_string();
    for _ in 0..50 {
        if app
            .count(&format!(
                "initiatives WHERE id = {id} AND status = 'submitted'"
            ))
            .await
            == 1
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    author.goto(&app.url(&page)).await.unwrap();
    screenshot(&author, "initiative-submitted-kk-phone").await;
    assert_clean(&author, "proposing an initiative").await;

    // Another member supports it, in Russian on a desktop.
    let supporter = session(&driver, 1280, 900, "ru").await;
    log_in(&supporter, &app, "supporter@mail.kz", PASSWORD).await;
    supporter.goto(&app.url(&page)).await.unwrap();
    click(&supporter, &format!("form[action='{page}/support'] button")).await;
    wait_for(
        &supporter,
        &format!("form[action='{page}/support/withdraw']"),
    )
    .await;
    assert_clean(&supporter, "supporting an initiative").await;

    // The club's coordinator takes it up and answers; an answer without text is refused
    // and announced first.
    let coordinator = session(&driver, 1280, 900, "ru").await;
    log_in(&coordinator, &app, "coordinator@example.kz", PASSWORD).await;
    coordinator.goto(&app.url(&page)).await.unwrap();
    click(
        &coordinator,
        "form.initiative-step:has(input[name=to][value=under_review]) button",
    )
    .await;
    wait_for(&coordinator, "#answer-form").await;
    click(&coordinator, "#decision").await;
    click(&coordinator, "#answer-form button[type=submit]").await;
    wait_for(&coordinator, "#answer-form .alert[role=alert]").await;
    assert!(
        focused(&coordinator, "#answer-form .alert[role=alert]").await,
        "the answer's error summary has the focus"
    );
    let text_invalid = coordinator
        .find(Locator::Id("text"))
        .await
        .unwrap()
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(text_invalid.as_deref(), Some("true"));
    assert_refused(&coordinator, "/answer", 422).await;
    click(&coordinator, "#decision").await;
    fill(
        &coordinator,
        "text",
        "Қолдаймыз: сөре желтоқсанда орнатылады.",
    )
    .await;
    fill(
        &coordinator,
        "text_ru",
        "Поддерживаем: полку поставим в декабре.",
    )
    .await;
    fill(&coordinator, "responsible", "Даниияр Сейткали").await;
    let deadline = (chrono::Utc::now() + chrono::Duration::days(30)).date_naive();
    coordinator
        .execute(
            "document.getElementById('deadline').value = arguments[0];",
            vec![json!(deadline.format("%Y-%m-%d").to_string())],
        )
        .await
        .unwrap();
    click(&coordinator, "#answer-form button[type=submit]").await;
    for _ in 0..50 {
        if coordinator
            .find(Locator::Css("#answer-form"))
            .await
            .is_err()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&coordinator, "initiative-answered-ru-desktop").await;
    assert_clean(&coordinator, "answering an initiative").await;
    assert_eq!(
        app.count(&format!(
            "initiatives WHERE id = {id} AND status = 'accepted'"
        ))
        .await,
        1,
        "the initiative is accepted"
    );
    assert_eq!(
        app.count(&format!("initiative_supports WHERE initiative_id = {id}"))
            .await,
        1
    );

    // The author sees the answer in their own language.
    author.goto(&app.url(&page)).await.unwrap();
    let seen = author.source().await.unwrap();
    assert!(seen.contains("сөре желтоқсанда"), "the answer in Kazakh");
    assert_clean(&author, "reading the answer").await;
    for c in [author, supporter, coordinator] {
        c.close().await.unwrap();
    }
}

/// Whether a text has Cyrillic letters (Kazakh in Latin script must have none).
fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

#[tokio::test]
async fn the_language_switch_works_on_every_main_page_on_a_phone_and_a_desktop_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn_demo().await;
    let ids = crate::chromium::first_id;
    let event = ids(&app.get_html("/events").await, "/events/");
    let initiative = ids(&app.get_html("/initiatives").await, "/initiatives/");
    let resource = ids(&app.get_html("/spaces").await, "/resources/");
    let public = [
        "/".to_string(),
        "/spaces?date=2026-12-07".into(),
        format!("/resources/{resource}"),
        "/events".into(),
        format!("/events/{event}"),
        "/initiatives".into(),
        format!("/initiatives/{initiative}"),
        "/news".into(),
        "/units".into(),
        "/search?q=%D0%B4%D0%BE%D1%81%D1%82%D1%8B%D2%9B".into(),
        "/login".into(),
        "/signup".into(),
    ];
    let members = [
        "/bookings".to_string(),
        "/events/mine".into(),
        "/initiatives/mine".into(),
        "/notifications".into(),
        "/account".into(),
    ];
    for (viewport, width, height) in [("phone", 412, 915), ("desktop", 1280, 900)] {
        let client = session(&driver, width, height, "ru").await;
        for (logged_in, pages) in [(false, &public[..]), (true, &members[..])] {
            if logged_in {
                log_in(
                    &client,
                    &app,
                    "aigerim@ortaq.local",
                    ortaq::demo::MEMBER_PASSWORD,
                )
                .await;
            }
            for page in pages {
                client.goto(&app.url(page)).await.unwrap();
                for lang in ["kk", "kk-Latn", "ru", "en", "kk"] {
                    click(&client, &format!("nav.langs a[hreflang='{lang}']")).await;
                    let mut now = String::new();
                    for _ in 0..50 {
                        now = client
                            .find(Locator::Css("html"))
                            .await
                            .unwrap()
                            .attr("lang")
                            .await
                            .unwrap()
                            .unwrap_or_default();
                        if now == lang {
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    assert_eq!(now, lang, "{viewport}: {page} in {lang}");
                    let url = client.current_url().await.unwrap();
                    let (path, query) = page.split_once('?').unwrap_or((page, ""));
                    assert_eq!(url.path(), path, "the switch stays on the page");
                    if !query.is_empty() {
                        assert!(
                            url.query().unwrap_or_default().contains(query),
                            "{page} in {lang} keeps its query: {url}"
                        );
                    }
                    let current = client
                        .find(Locator::Css("nav.langs a[aria-current]"))
                        .await
                        .unwrap()
                        .attr("hreflang")
                        .await
                        .unwrap();
                    assert_eq!(current.as_deref(), Some(lang));
                    let home = client
                        .find(Locator::Css("nav.menu a[href='/']"))
                        .await
                        .unwrap()
                        .text()
                        .await
                        .unwrap();
                    match lang {
                        "kk-Latn" | "en" => {
                            assert!(!has_cyrillic(&home), "{page} in {lang}: {home}")
                        }
                        _ => assert!(has_cyrillic(&home), "{page} in {lang}: {home}"),
                    }
                }
                assert_clean(&client, &format!("switching languages on {page}")).await;
            }
        }
        client.close().await.unwrap();
    }
}
