//! In-app notices: a space manager's answer reaches the member's list, in the member's
//! language, with the menu's unread count; opening it marks it read.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::bookings::{body, book, local, members, post, seed_center};
use crate::helpers::TestApp;

#[tokio::test]
async fn a_declined_hall_booking_reaches_the_member_in_their_language() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let members = members(&app, 1).await;
    let unit = ortaq::spaces::storage::location(&app.db, center.location)
        .await
        .unwrap()
        .unwrap()
        .unit_id;
    let manager = app
        .create_user("manager@example.kz", "space_manager", Some(unit))
        .await;
    let manager = app.token(manager).await;
    let (s, e) = (local(&center, 3, 10, 0), local(&center, 3, 13, 0));
    let booking: Value = book(&app, &members[0].1, body(center.hall, s, e))
        .await
        .json()
        .await
        .unwrap();
    let id = booking["id"].as_i64().unwrap();
    assert_eq!(app.count("notifications").await, 0, "pending tells nobody");
    let r = post(
        &app,
        &manager,
        &format!("/api/v1/bookings/{id}/decision"),
        json!({"approve": false, "reason": "Зал жөндеуде"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);

    // The API lists it in the caller's language, unread.
    let list: Value = app
        .client
        .get(app.url("/api/v1/notifications?lang=ru"))
        .bearer_auth(&members[0].1)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let notice = &list[0];
    assert_eq!(notice["kind"], "booking-declined");
    assert_eq!(notice["read"], false);
    assert_eq!(notice["link"], format!("/bookings/{id}"));
    let message = notice["message"].as_str().unwrap();
    assert!(message.starts_with("Ваше бронирование"), "{message}");
    assert!(message.contains("Зал жөндеуде"), "{message}");
    // Nobody else hears of it.
    let other: Value = app
        .client
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(&manager)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(other, json!([]));

    // In the browser: the menu counts it, the page shows it in Kazakh, opening it marks
    // it read and leads to the booking.
    let browser = app.browser_logged_in("member0@example.kz").await;
    let home = browser.get("/?lang=kk").await.text().await.unwrap();
    assert!(home.contains(r#"<span class="badge">1"#), "{home}");
    let page = browser.get("/notifications").await.text().await.unwrap();
    assert!(page.contains("брондауыңыз"), "{page}");
    assert!(page.contains("қабылданбады"), "{page}");
    let notice_id = notice["id"].as_i64().unwrap();
    let r = browser.get(&format!("/notifications/{notice_id}")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/bookings/{id}")
    );
    let home = browser.get("/").await.text().await.unwrap();
    assert!(!home.contains(r#"class="badge""#), "{home}");
    // Someone else's notice is not theirs to open.
    let stranger = app.create_user("stranger@example.kz", "member", None).await;
    let _ = stranger;
    let browser = app.browser_logged_in("stranger@example.kz").await;
    let r = browser.get(&format!("/notifications/{notice_id}")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn marking_read_leaves_newer_notices_unread() {
    let app = TestApp::spawn().await;
    let user = app.create_user("aliya@example.kz", "member", None).await;
    let token = app.token(user).await;
    let notice = ortaq::notifications::Notice::new("booking-confirmed")
        .text(
            "resource",
            ortaq::i18n::Text::both("Жиын залы", "Актовый зал"),
        )
        .at("start", "2027-03-21T13:00:00Z".parse().unwrap())
        .link("/bookings/1");
    for _ in 0..2 {
        let mut tx = app.db.begin().await.unwrap();
        ortaq::notifications::send(&mut tx, user, &notice)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let list: Value = app
        .client
        .get(app.url("/api/v1/notifications?lang=kk"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The time is in the center's zone (UTC+5), the resource's Kazakh name.
    assert!(
        list[0]["message"].as_str().unwrap().contains("«Жиын залы»"),
        "{list}"
    );
    assert!(
        list[0]["message"].as_str().unwrap().contains("18:00"),
        "{list}"
    );
    let oldest = list[1]["id"].as_i64().unwrap();
    let r = post(
        &app,
        &token,
        "/api/v1/notifications/read",
        json!({"up_to": oldest}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.count("notifications WHERE read_at IS NULL").await,
        1,
        "the newer one stays unread"
    );
    // A link outside Ortaq cannot be stored.
    let mut tx = app.db.begin().await.unwrap();
    let refused = ortaq::notifications::send(
        &mut tx,
        user,
        &ortaq::notifications::Notice::new("booking-confirmed").link("https://evil.example"),
    )
    .await;
    assert!(refused.is_err());
}
