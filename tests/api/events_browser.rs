//! Chromium on a phone-sized window: a guest registers for a public event in Kazakh and
//! lands on a ticket with its QR code; a member joins the waitlist. Skips without Chromium
//! (see `browser.rs`).

use std::time::Duration;

use fantoccini::Locator;

use crate::browser::{assert_clean, driver_or_skip, fill, screenshot, session};
use crate::events::{create_event, event_body, hours, setup};
use crate::helpers::TestApp;

#[tokio::test]
async fn a_guest_registers_for_an_event_on_a_phone_in_chromium() {
    let Some(driver) = driver_or_skip().await else {
        return;
    };
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let event = create_event(&app, &s, event_body(s.club, hours(30), hours(32), 1)).await;

    let phone = session(&driver, 412, 915, "kk").await;
    phone.goto(&app.url("/events?lang=kk")).await.unwrap();
    screenshot(&phone, "events-list-kk-phone").await;
    assert_clean(&phone, "the events list").await;
    phone
        .find(Locator::Css(&format!("a.tile[href='/events/{event}']")))
        .await
        .expect("the event's card")
        .click()
        .await
        .unwrap();
    for _ in 0..50 {
        if phone.current_url().await.unwrap().path() == format!("/events/{event}") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fill(&phone, "name", "Әлия Нұрланқызы").await;
    fill(&phone, "email", "aliya@example.kz").await;
    fill(&phone, "phone", "+7 702 345 67 89").await;
    phone
        .find(Locator::Id("consent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    screenshot(&phone, "event-guest-form-kk-phone").await;
    phone
        .find(Locator::Css(&format!(
            "form[action='/events/{event}/guest'] button[type=submit]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for _ in 0..50 {
        if phone
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/events/tickets/")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        phone
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/events/tickets/")
    );
    phone
        .find(Locator::Css("svg.qr"))
        .await
        .expect("the ticket's QR code");
    screenshot(&phone, "event-guest-ticket-kk-phone").await;
    assert_clean(&phone, "the guest's ticket").await;
    // The page fits the phone: nothing scrolls sideways.
    let wide: bool = phone
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth + 1;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!wide, "the ticket page scrolls sideways on a phone");
    phone.close().await.unwrap();
}
