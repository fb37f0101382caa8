//! The booking pages as people use them: the spaces grid, a resource's page and its form
//! (once and repeating), "book now", the ticket with its QR code, cancelling, checking in
//! at the resource and at the front desk, and the space manager's decisions.

use chrono::{Duration, Utc};
use ortaq::bookings::Rules;
use ortaq::bookings::rules::floor_to_slot;
use reqwest::StatusCode;
use serde_json::json;

use crate::bookings::{Center, local, seed_center, set_rules};
use crate::helpers::{Browser, TestApp};

/// Rules that hold at any hour of the day the test runs: no opening hours, a wide
/// check-in window, no quota.
fn any_hour() -> Rules {
    Rules {
        within_hours: false,
        per_day: None,
        per_week: None,
        check_in_minutes: Some(60),
        ..Rules::defaults("desk")
    }
}

async fn member(app: &TestApp, email: &str) -> Browser {
    app.create_user(email, "member", None).await;
    app.browser_logged_in(email).await
}

fn location_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_string()
}

async fn send(b: &Browser, page: &str, fields: Vec<(&'static str, String)>) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post_form(page, "/bookings/new", &fields).await
}

async fn bookings_in_db(app: &TestApp) -> i64 {
    app.count("bookings").await
}

#[tokio::test]
async fn a_member_books_a_desk_on_its_page_and_gets_a_ticket_with_a_qr_code() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 3).await;
    let aigerim = member(&app, "aigerim@example.kz").await;

    let grid = aigerim.get("/spaces?lang=ru").await.text().await.unwrap();
    assert!(
        grid.contains("Место 0") && grid.contains("Комната"),
        "{grid}"
    );
    let tomorrow = local(&center, 1, 10, 0)
        .with_timezone(&center.tz)
        .date_naive();
    let page = format!("/resources/{}?date={tomorrow}&lang=ru", center.desks[0]);
    let html = aigerim.get(&page).await.text().await.unwrap();
    assert!(html.contains("name=\"start\"") && html.contains("<option value=\"10:00\""));

    let date = tomorrow.to_string();
    let desk = center.desks[0].to_string();
    let response = aigerim
        .post_form(
            &page,
            "/bookings/new",
            &[
                ("resource_id", &desk),
                ("date", &date),
                ("start", "10:00"),
                ("minutes", "90"),
                ("purpose", "Подготовка к форуму «Достық»"),
                ("repeat", "none"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let ticket = location_of(&response);
    assert!(ticket.starts_with("/bookings/") && ticket.ends_with("?booked=1"));

    let html = aigerim
        .get(&format!("{ticket}&lang=ru"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<svg role=\"img\""),
        "the ticket carries a QR code"
    );
    assert!(html.contains("10:00–11:30"), "{html}");
    assert!(html.contains("Подготовка к форуму «Достық»"));
    let code: String = sqlx_code(&app).await;
    assert!(html.contains(&format!("{}-{}", &code[..4], &code[4..])));

    let mine = aigerim.get("/bookings?lang=kk").await.text().await.unwrap();
    assert!(mine.contains("Орын 0") && mine.contains("10:00–11:30"));
    // The grid now shows the time as taken, without saying by whom.
    let day = aigerim
        .get(&format!("/spaces?date={tomorrow}&lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(day.contains("10:00 booked") && !day.contains("aigerim"));
}

async fn sqlx_code(app: &TestApp) -> String {
    ortaq::on_db!(&app.db, pool => sqlx::query_scalar("SELECT code FROM bookings LIMIT 1")
        .fetch_one(pool)
        .await)
    .unwrap()
}

#[tokio::test]
async fn a_refused_form_comes_back_with_the_reason_and_what_was_typed() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let first = member(&app, "first@example.kz").await;
    let second = member(&app, "second@example.kz").await;
    let date = local(&center, 1, 10, 0)
        .with_timezone(&center.tz)
        .date_naive()
        .to_string();
    let desk = center.desks[0].to_string();
    let page = format!("/resources/{desk}?lang=ru");
    let form = |start: &'static str, minutes: &'static str, purpose: &'static str| {
        vec![
            ("resource_id", desk.clone()),
            ("date", date.clone()),
            ("start", start.to_string()),
            ("minutes", minutes.to_string()),
            ("purpose", purpose.to_string()),
        ]
    };
    let ok = send(&first, &page, form("10:00", "120", "")).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);

    // The same desk at an overlapping time: 409, the taken time named, the purpose kept.
    let taken = send(&second, &page, form("11:00", "60", "Жиналыс «Жаңа толқын»")).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let html = taken.text().await.unwrap();
    assert!(html.contains("Это время занято"), "{html}");
    assert!(html.contains("10:00–12:00"));
    assert!(html.contains("value=\"Жиналыс «Жаңа толқын»\""));

    // A broken rule answers its own message.
    let too_long = send(&second, &page, form("13:00", "900", "")).await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long.text().await.unwrap().contains("Слишком долго"));

    // Unreadable input is named field by field.
    let bad = second
        .post_form(
            &page,
            "/bookings/new",
            &[
                ("resource_id", &desk),
                ("date", "31.12.2026"),
                ("start", ""),
                ("minutes", "x"),
                ("repeat", "weekly"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text().await.unwrap();
    for field in [
        "href=\"#date\"",
        "href=\"#start\"",
        "href=\"#minutes\"",
        "href=\"#until\"",
    ] {
        assert!(html.contains(field), "{field} is named in {html}");
    }
    assert_eq!(bookings_in_db(&app).await, 1, "nothing refused was stored");
}

#[tokio::test]
async fn a_weekly_series_is_previewed_then_booked_without_the_taken_week() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 0).await;
    let mut rules = Rules::defaults("meeting_room");
    rules.per_week = None;
    rules.per_day = None;
    rules.horizon_days = 60;
    set_rules(&app.db, &center, "meeting_room", &rules).await;
    let other = app.create_user("other@example.kz", "member", None).await;
    let token = app.token(other).await;
    // Someone holds the room in the second week.
    let second_week = local(&center, 8, 18, 0);
    let response = app
        .client
        .post(app.url("/api/v1/bookings"))
        .bearer_auth(&token)
        .json(
            &json!({"resource_id": center.room, "start": second_week.to_rfc3339(),
                      "end": (second_week + Duration::hours(1)).to_rfc3339()}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);

    let club = member(&app, "club@example.kz").await;
    let first = local(&center, 1, 18, 0)
        .with_timezone(&center.tz)
        .date_naive();
    let until = (first + Duration::days(21)).to_string();
    let (room, date) = (center.room.to_string(), first.to_string());
    let page = format!("/resources/{room}?lang=kk");
    let fields = [
        ("resource_id", room.as_str()),
        ("date", date.as_str()),
        ("start", "18:00"),
        ("minutes", "60"),
        ("purpose", "«Достық» клубының кездесуі"),
        ("repeat", "weekly"),
        ("until", until.as_str()),
    ];
    let preview = club.post_form(&page, "/bookings/new", &fields).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let html = preview.text().await.unwrap();
    assert!(html.contains("3 күн бос"), "{html}");
    assert!(
        html.contains("Бұл уақыт бос емес"),
        "the taken week is named"
    );
    assert!(html.contains("name=\"confirm\" value=\"1\""));
    assert_eq!(bookings_in_db(&app).await, 1, "a preview books nothing");

    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm", "1"));
    let booked = club.post_form(&page, "/bookings/new", &confirmed).await;
    assert_eq!(booked.status(), StatusCode::SEE_OTHER);
    assert!(location_of(&booked).contains("booked=3&skipped=1"));
    assert_eq!(bookings_in_db(&app).await, 4);

    // Cancelling from the second occurrence on ends the rest of the series.
    let ids: Vec<i64> = club_bookings(&app, "club@example.kz").await;
    assert_eq!(ids.len(), 3);
    let ticket = format!("/bookings/{}", ids[1]);
    let html = club.get(&ticket).await.text().await.unwrap();
    assert!(html.contains("value=\"following\""));
    let cancelled = club
        .post_form(
            &ticket,
            &format!("{ticket}/cancel"),
            &[("scope", "following")],
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
    let live = count_where(&app, "status = 'confirmed'").await;
    assert_eq!(
        live, 2,
        "the other member's booking and the first occurrence stay"
    );
}

async fn club_bookings(app: &TestApp, email: &str) -> Vec<i64> {
    ortaq::on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT b.id FROM bookings b JOIN users u ON u.id = b.user_id WHERE u.email = $1 ORDER BY b.start_at")
        .bind(email)
        .fetch_all(pool)
        .await)
    .unwrap()
}

async fn count_where(app: &TestApp, condition: &str) -> i64 {
    app.count(&format!("bookings WHERE {condition}")).await
}

#[tokio::test]
async fn book_now_takes_the_first_free_desk_and_says_when_none_is_left() {
    let app = TestApp::spawn().await;
    let center: Center = seed_center(&app.db, "Asia/Aqtobe", 2).await;
    set_rules(&app.db, &center, "desk", &any_hour()).await;
    let mut people = Vec::new();
    for n in 0..3 {
        people.push(member(&app, &format!("m{n}@example.kz")).await);
    }
    for (n, person) in people.iter().take(2).enumerate() {
        let response = person
            .post_form("/spaces", "/book-now", &[("minutes", "60")])
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "member {n}");
        assert!(location_of(&response).starts_with("/bookings/"));
    }
    let desks = count_where(&app, "status = 'confirmed'").await;
    assert_eq!(desks, 2, "two desks, one each");
    let none = people[2]
        .post_form("/spaces?lang=en", "/book-now", &[("minutes", "60")])
        .await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.text().await.unwrap().contains("No desk is free now"));
    let bad = people[2]
        .post_form("/spaces", "/book-now", &[("minutes", "45")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bookings_in_db(&app).await, 2);
}

/// A booking of `desk` from the current slot, made through the API, and its code.
async fn booking_now(app: &TestApp, center: &Center, user: i64) -> (i64, String) {
    let token = app.token(user).await;
    let start = floor_to_slot(Utc::now(), center.tz, 30);
    let response = app
        .client
        .post(app.url("/api/v1/bookings"))
        .bearer_auth(&token)
        .json(
            &json!({"resource_id": center.desks[0], "start": start.to_rfc3339(),
                      "end": (start + Duration::hours(2)).to_rfc3339()}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: serde_json::Value = response.json().await.unwrap();
    (
        body["id"].as_i64().unwrap(),
        body["code"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn a_member_checks_in_by_scanning_the_code_posted_on_the_desk() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    set_rules(&app.db, &center, "desk", &any_hour()).await;
    let id = app.create_user("dana@example.kz", "member", None).await;
    booking_now(&app, &center, id).await;
    let dana = app.browser_logged_in("dana@example.kz").await;
    let page = format!("/resources/{}/check-in", center.desks[0]);

    // Someone else scanning the same poster finds no booking of theirs.
    let stranger = member(&app, "stranger@example.kz").await;
    let html = stranger
        .get(&format!("{page}?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("You have no booking of this resource now"));
    assert!(!html.contains("I am here"));

    let html = dana
        .get(&format!("{page}?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("I am here: check in"), "{html}");
    assert_eq!(
        count_where(&app, "status = 'checked_in'").await,
        0,
        "a GET changes nothing"
    );
    let response = dana.post_form(&page, &page, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(count_where(&app, "status = 'checked_in'").await, 1);
    let html = dana
        .get(&format!("{page}?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("You are checked in"));
}

#[tokio::test]
async fn the_front_desk_checks_in_by_code_and_is_for_staff_only() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    set_rules(&app.db, &center, "desk", &any_hour()).await;
    let member_id = app.create_user("arman@example.kz", "member", None).await;
    let (_, code) = booking_now(&app, &center, member_id).await;

    let arman = app.browser_logged_in("arman@example.kz").await;
    assert_eq!(
        arman.get("/front-desk").await.status(),
        StatusCode::FORBIDDEN
    );

    app.create_user("desk@example.kz", "space_manager", None)
        .await;
    let desk = app.browser_logged_in("desk@example.kz").await;
    let today = desk.get("/front-desk?lang=ru").await.text().await.unwrap();
    assert!(
        today.contains("Тест Қолданушы"),
        "today's list names the member: {today}"
    );

    // A scanned ticket opens the page with the booking shown, nothing changed yet.
    let scanned = desk
        .get(&format!("/front-desk?code={code}&lang=ru"))
        .await
        .text()
        .await
        .unwrap();
    assert!(scanned.contains("Место 0"));
    assert_eq!(count_where(&app, "status = 'checked_in'").await, 0);

    let bad = desk
        .post_form("/front-desk?lang=ru", "/front-desk", &[("code", "ABC")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text().await.unwrap().contains("value=\"ABC\""),
        "what was typed stays"
    );
    let unknown = desk
        .post_form(
            "/front-desk?lang=ru",
            "/front-desk",
            &[("code", "ZZZZ-ZZZZ")],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let done = desk
        .post_form("/front-desk?lang=ru", "/front-desk", &[("code", &typed)])
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(
        done.text()
            .await
            .unwrap()
            .contains("Отмечен(а): Тест Қолданушы")
    );
    assert_eq!(count_where(&app, "status = 'checked_in'").await, 1);
    let again = desk
        .post_form("/front-desk?lang=ru", "/front-desk", &[("code", &code)])
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(again.text().await.unwrap().contains("Уже отмечено"));
}

#[tokio::test]
async fn a_space_manager_declines_a_hall_request_with_a_reason_the_member_reads() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 0).await;
    let member_id = app.create_user("zhanna@example.kz", "member", None).await;
    let zhanna = app.browser_logged_in("zhanna@example.kz").await;
    let date = local(&center, 3, 15, 0)
        .with_timezone(&center.tz)
        .date_naive()
        .to_string();
    let hall = center.hall.to_string();
    let page = format!("/resources/{hall}");
    let response = zhanna
        .post_form(
            &page,
            "/bookings/new",
            &[
                ("resource_id", &hall),
                ("date", &date),
                ("start", "15:00"),
                ("minutes", "120"),
                ("purpose", "Наурыз кеші"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let ticket = location_of(&response).replace("?booked=1", "");
    let html = zhanna
        .get(&format!("{ticket}?lang=kk"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Растауды күтуде"));
    assert!(!html.contains("/decision"), "members do not decide");
    let refused = zhanna
        .post_form(
            &ticket,
            &format!("{ticket}/decision"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    app.create_user("manager@example.kz", "space_manager", None)
        .await;
    let manager = app.browser_logged_in("manager@example.kz").await;
    let list = manager
        .get("/staff/bookings?status=pending&lang=ru")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("Наурыз кеші") && list.contains("1 бронирование"),
        "{list}"
    );
    let no_reason = manager
        .post_form(
            &ticket,
            &format!("{ticket}/decision"),
            &[("decision", "decline")],
        )
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count_where(&app, "status = 'pending'").await, 1);
    let declined = manager
        .post_form(
            &ticket,
            &format!("{ticket}/decision"),
            &[
                ("decision", "decline"),
                ("reason", "Залда жөндеу жұмыстары жүреді"),
            ],
        )
        .await;
    assert_eq!(declined.status(), StatusCode::SEE_OTHER);
    let html = zhanna.get("/bookings?lang=kk").await.text().await.unwrap();
    assert!(html.contains("Залда жөндеу жұмыстары жүреді") && html.contains("Қабылданбады"));
    let _ = member_id;
}

#[tokio::test]
async fn pages_need_the_right_person() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    set_rules(&app.db, &center, "desk", &any_hour()).await;
    let owner = app.create_user("owner@example.kz", "member", None).await;
    let (id, _) = booking_now(&app, &center, owner).await;
    // Anonymous people are sent to log in; another member sees nothing of it.
    let (anonymous, _) = app.other_client();
    let response = anonymous
        .get(app.url(&format!("/bookings/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let other = member(&app, "other@example.kz").await;
    assert_eq!(
        other.get(&format!("/bookings/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let cancel = other
        .post_form("/bookings", &format!("/bookings/{id}/cancel"), &[])
        .await;
    assert_eq!(cancel.status(), StatusCode::NOT_FOUND);
    assert_eq!(count_where(&app, "status = 'confirmed'").await, 1);
    assert_eq!(
        other.get("/staff/bookings").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn staff_book_for_a_member_past_a_rule_with_a_reason_that_is_kept_and_audited() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    app.create_user("member@example.kz", "member", None).await;
    app.create_user("manager@example.kz", "space_manager", None)
        .await;
    let manager = app.browser_logged_in("manager@example.kz").await;
    let date = local(&center, 2, 9, 0)
        .with_timezone(&center.tz)
        .date_naive()
        .to_string();
    let desk = center.desks[0].to_string();
    let page = format!("/resources/{desk}?lang=en");
    let html = manager.get(&page).await.text().await.unwrap();
    assert!(
        html.contains("name=\"override_reason\""),
        "staff see the override"
    );
    let fields = |email: &'static str| {
        vec![
            ("resource_id", desk.clone()),
            ("date", date.clone()),
            ("start", "08:00".to_string()),
            // 13 hours: past the desks' 12-hour maximum.
            ("minutes", "780".to_string()),
            ("for_email", email.to_string()),
            ("override_reason", "Хакатон «Жаңа толқын»".to_string()),
        ]
    };
    let unknown = send(&manager, &page, fields("nobody@example.kz")).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("value=\"nobody@example.kz\"")
    );
    let booked = send(&manager, &page, fields("member@example.kz")).await;
    assert_eq!(booked.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count_where(
            &app,
            "override_reason = 'Хакатон «Жаңа толқын»' AND booked_by IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'booking.create'").await,
        1
    );

    // A member sees no override and cannot send one.
    let member = app.browser_logged_in("member@example.kz").await;
    assert!(
        !member
            .get(&page)
            .await
            .text()
            .await
            .unwrap()
            .contains("override_reason")
    );
    let refused = send(&member, &page, fields("")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(bookings_in_db(&app).await, 1);
}

#[tokio::test]
async fn deleting_an_account_frees_its_coming_bookings_and_erases_their_purposes() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let id = app.logged_in_as("leaving@example.kz", "member", None).await;
    let token = app.token(id).await;
    let start = local(&center, 2, 10, 0);
    let response = app
        .client
        .post(app.url("/api/v1/bookings"))
        .bearer_auth(&token)
        .json(
            &json!({"resource_id": center.desks[0], "start": start.to_rfc3339(),
                      "end": (start + Duration::hours(1)).to_rfc3339(),
                      "purpose": "Әлия Бекова: диплом жұмысы"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let csrf = crate::helpers::extract_csrf(&app.get_html("/account").await).unwrap();
    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"password": crate::helpers::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        count_where(&app, "status = 'cancelled' AND purpose IS NULL").await,
        1
    );
    assert_eq!(count_where(&app, "purpose LIKE '%Бекова%'").await, 0);
}

#[tokio::test]
async fn an_override_cannot_make_a_booking_longer_than_two_weeks() {
    let app = TestApp::spawn().await;
    let center = seed_center(&app.db, "Asia/Aqtobe", 1).await;
    let manager = app
        .create_user("manager@example.kz", "space_manager", None)
        .await;
    let token = app.token(manager).await;
    let start = local(&center, 1, 9, 0);
    let desk = center.desks[0];
    let book = |days: i64| {
        let (app, token) = (&app, &token);
        async move {
            app.client
                .post(app.url("/api/v1/bookings"))
                .bearer_auth(token)
                .json(&json!({"resource_id": desk, "start": start.to_rfc3339(),
                              "end": (start + Duration::days(days)).to_rfc3339(),
                              "override_reason": "Жазғы мектеп"}))
                .send()
                .await
                .unwrap()
        }
    };
    crate::helpers::problem(
        book(15).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "booking_too_long",
    )
    .await;
    assert_eq!(book(14).await.status(), StatusCode::CREATED);
}
