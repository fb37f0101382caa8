//! Authorization proven for every route: the router's full route list (read from the
//! source, `routes.rs`) against a policy table that names, for every (method, path), who
//! may use it. Each of six roles — guest, member, coordinator of another unit, space
//! manager, admin, observer — calls every route, pages and API, on objects that belong to
//! someone else (an owner member and the owner's unit). A refused role gets 401/403/404
//! (problem+json on the API; on pages, or a redirect to the log-in page for a guest) and the
//! database does not change; an allowed one is not refused; nobody gets a 5xx. A route
//! missing from the table fails the test by name: a new route cannot be added without
//! deciding who may use it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveTime};
use ortaq::bookings::Rules;
use ortaq::db::Db;
use ortaq::i18n::Text;
use ortaq::org::UnitKind;
use ortaq::spaces::OpeningHours;
use ortaq::spaces::storage::{self as spaces, NewLocation, RulesTarget};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::events::event_body;
use crate::helpers::{TestApp, extract_csrf};
use crate::initiatives::{new_initiative, person, unit};
use crate::routes::routes;

/// The six roles, each a bit of a [`May`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Guest = 0,
    Member = 1,
    /// A coordinator of a sibling unit: staff, but not over the owner's unit.
    Coordinator = 2,
    /// A space manager of the center's unit, which is not the owner's unit.
    SpaceManager = 3,
    /// An admin at the root: over everything.
    Admin = 4,
    /// An observer at the root: reads reports, changes nothing.
    Observer = 5,
}

const ROLES: [Role; 6] = [
    Role::Guest,
    Role::Member,
    Role::Coordinator,
    Role::SpaceManager,
    Role::Admin,
    Role::Observer,
];

/// The roles that may use a route (a bit per [`Role`]).
type May = u8;

const fn bit(role: Role) -> May {
    1 << role as u8
}

/// Anyone, signed in or not.
const PUBLIC: May = 0b11_1111;
/// Anyone signed in, acting on their own account or on what every member may do.
const SIGNED_IN: May = PUBLIC & !bit(Role::Guest);
/// Only the object's owner (the owner member, an author, an invitee): none of
/// the tested roles.
const OWNER: May = 0;
/// A secret in the address (calendar feed, ticket, welcome link): the world fills in a
/// wrong one, which everyone must be refused.
const SECRET: May = 0;
/// Staff over the object's unit (coordinators and admins above it): of the tested roles,
/// only the admin.
const UNIT_STAFF: May = bit(Role::Admin);
/// Staff of some unit, where the unit is chosen in the request (a form to create a thing):
/// any coordinator or admin gets past the door; the unit is checked once it is named.
const STAFF: May = bit(Role::Coordinator) | bit(Role::Admin);
/// The space manager over the location, and admins.
const SPACES: May = bit(Role::SpaceManager) | bit(Role::Admin);
const ADMIN: May = bit(Role::Admin);
/// Leadership's read-only reports: observers and admins.
const OBSERVER: May = bit(Role::Observer) | bit(Role::Admin);

/// Who may use each route. Every route the source declares must be here.
const POLICY: &[(&str, &str, May)] = &[
    ("GET", "/", PUBLIC),
    ("GET", "/account", SIGNED_IN),
    ("GET", "/account/consent", SIGNED_IN),
    ("POST", "/account/consent", SIGNED_IN),
    ("POST", "/account/consent/ethnocultural/withdraw", SIGNED_IN),
    ("GET", "/account/data", SIGNED_IN),
    ("POST", "/account/delete", SIGNED_IN),
    ("POST", "/account/language", SIGNED_IN),
    ("POST", "/account/password", SIGNED_IN),
    ("POST", "/account/photo", SIGNED_IN),
    ("POST", "/account/photo/delete", SIGNED_IN),
    ("GET", "/account/profile", SIGNED_IN),
    ("POST", "/account/profile", SIGNED_IN),
    ("GET", "/admin", ADMIN),
    ("GET", "/admin/audit", ADMIN),
    ("GET", "/admin/data-register", ADMIN),
    ("GET", "/admin/users", ADMIN),
    ("GET", "/admin/users/{id}", ADMIN),
    ("POST", "/admin/users/{id}/disable", ADMIN),
    ("POST", "/admin/users/{id}/enable", ADMIN),
    ("POST", "/admin/users/{id}/roles", ADMIN),
    ("POST", "/admin/users/{id}/roles/{grant_id}/revoke", ADMIN),
    ("POST", "/api/v1/accounts", PUBLIC),
    ("GET", "/api/v1/bookings", SIGNED_IN),
    ("POST", "/api/v1/bookings", SIGNED_IN),
    ("GET", "/api/v1/bookings/{id}", SPACES),
    ("POST", "/api/v1/bookings/{id}/cancel", SPACES),
    ("POST", "/api/v1/bookings/{id}/check-in", SPACES),
    ("POST", "/api/v1/bookings/{id}/decision", SPACES),
    ("POST", "/api/v1/check-in", SIGNED_IN),
    ("GET", "/api/v1/directory", SIGNED_IN),
    ("GET", "/api/v1/events", PUBLIC),
    ("POST", "/api/v1/events", STAFF),
    ("GET", "/api/v1/events/{id}", PUBLIC),
    ("PUT", "/api/v1/events/{id}", UNIT_STAFF),
    ("POST", "/api/v1/events/{id}/cancel", UNIT_STAFF),
    ("POST", "/api/v1/events/{id}/check-in", UNIT_STAFF),
    ("POST", "/api/v1/events/{id}/publish", UNIT_STAFF),
    ("GET", "/api/v1/events/{id}/ratings", UNIT_STAFF),
    ("POST", "/api/v1/events/{id}/ratings", SIGNED_IN),
    (
        "POST",
        "/api/v1/events/{id}/registration-closed",
        UNIT_STAFF,
    ),
    ("GET", "/api/v1/events/{id}/registrations", UNIT_STAFF),
    ("POST", "/api/v1/events/{id}/registrations", SIGNED_IN),
    (
        "POST",
        "/api/v1/events/{id}/registrations/cancel",
        SIGNED_IN,
    ),
    ("PUT", "/api/v1/initiative-comments/{cid}", OWNER),
    (
        "GET",
        "/api/v1/initiative-comments/{cid}/history",
        UNIT_STAFF,
    ),
    (
        "POST",
        "/api/v1/initiative-comments/{cid}/moderate",
        UNIT_STAFF,
    ),
    (
        "POST",
        "/api/v1/initiative-comments/{cid}/report",
        SIGNED_IN,
    ),
    ("GET", "/api/v1/initiatives", PUBLIC),
    ("POST", "/api/v1/initiatives", SIGNED_IN),
    ("GET", "/api/v1/initiatives/overdue", PUBLIC),
    ("GET", "/api/v1/initiatives/{id}", PUBLIC),
    ("PUT", "/api/v1/initiatives/{id}", OWNER),
    ("POST", "/api/v1/initiatives/{id}/answer", UNIT_STAFF),
    ("GET", "/api/v1/initiatives/{id}/attachments", PUBLIC),
    ("POST", "/api/v1/initiatives/{id}/attachments", UNIT_STAFF),
    ("GET", "/api/v1/initiatives/{id}/comments", PUBLIC),
    ("POST", "/api/v1/initiatives/{id}/comments", SIGNED_IN),
    ("POST", "/api/v1/initiatives/{id}/links", UNIT_STAFF),
    ("GET", "/api/v1/initiatives/{id}/milestones", PUBLIC),
    ("POST", "/api/v1/initiatives/{id}/milestones", UNIT_STAFF),
    (
        "POST",
        "/api/v1/initiatives/{id}/milestones/{mid}/done",
        UNIT_STAFF,
    ),
    ("POST", "/api/v1/initiatives/{id}/report", UNIT_STAFF),
    // The author's step; staff over the unit are actors of the initiative and pass the
    // door, then the lifecycle table answers 409 (the step is not theirs from here).
    ("POST", "/api/v1/initiatives/{id}/submit", UNIT_STAFF),
    ("POST", "/api/v1/initiatives/{id}/support", SIGNED_IN),
    (
        "POST",
        "/api/v1/initiatives/{id}/support/withdraw",
        SIGNED_IN,
    ),
    ("POST", "/api/v1/initiatives/{id}/team", OWNER),
    ("POST", "/api/v1/initiatives/{id}/team/accept", OWNER),
    ("POST", "/api/v1/initiatives/{id}/team/decline", OWNER),
    ("POST", "/api/v1/initiatives/{id}/transition", UNIT_STAFF),
    ("POST", "/api/v1/join-requests/{id}/decision", UNIT_STAFF),
    ("GET", "/api/v1/locations", PUBLIC),
    ("PATCH", "/api/v1/locations/{id}", SPACES),
    ("GET", "/api/v1/locations/{id}/availability", PUBLIC),
    ("GET", "/api/v1/locations/{id}/closures", SPACES),
    ("POST", "/api/v1/locations/{id}/closures", SPACES),
    (
        "DELETE",
        "/api/v1/locations/{id}/closures/{closure_id}",
        SPACES,
    ),
    ("PUT", "/api/v1/locations/{id}/hours", SPACES),
    ("PUT", "/api/v1/locations/{id}/rules/{kind}", SPACES),
    ("DELETE", "/api/v1/me", SIGNED_IN),
    ("GET", "/api/v1/me", SIGNED_IN),
    ("DELETE", "/api/v1/me/calendar-feed", SIGNED_IN),
    ("POST", "/api/v1/me/calendar-feed", SIGNED_IN),
    ("GET", "/api/v1/me/data", SIGNED_IN),
    ("GET", "/api/v1/me/join-requests", SIGNED_IN),
    ("POST", "/api/v1/me/password", SIGNED_IN),
    ("GET", "/api/v1/meetings", PUBLIC),
    ("POST", "/api/v1/meetings", STAFF),
    ("GET", "/api/v1/meetings/{id}", PUBLIC),
    ("POST", "/api/v1/meetings/{id}/items", UNIT_STAFF),
    ("POST", "/api/v1/members/{id}/profile", UNIT_STAFF),
    ("POST", "/api/v1/members/{id}/sign-in-link", UNIT_STAFF),
    ("POST", "/api/v1/memberships/{id}/confirm", UNIT_STAFF),
    ("POST", "/api/v1/memberships/{id}/end", UNIT_STAFF),
    ("GET", "/api/v1/news", PUBLIC),
    ("POST", "/api/v1/news", ADMIN),
    ("DELETE", "/api/v1/news/{id}", ADMIN),
    ("GET", "/api/v1/news/{id}", PUBLIC),
    ("PATCH", "/api/v1/news/{id}", ADMIN),
    ("GET", "/api/v1/notifications", SIGNED_IN),
    ("POST", "/api/v1/notifications/read", SIGNED_IN),
    ("GET", "/api/v1/openapi.json", PUBLIC),
    ("GET", "/api/v1/reports/dashboard", STAFF | OBSERVER),
    ("GET", "/api/v1/reports/occupancy", SPACES | OBSERVER),
    ("GET", "/api/v1/reports/youth-share", STAFF | OBSERVER),
    ("GET", "/api/v1/resources", PUBLIC),
    ("POST", "/api/v1/resources", SPACES),
    ("GET", "/api/v1/resources/{id}", PUBLIC),
    ("PATCH", "/api/v1/resources/{id}", SPACES),
    ("PUT", "/api/v1/resources/{id}/access", SPACES),
    ("GET", "/api/v1/resources/{id}/availability", PUBLIC),
    ("DELETE", "/api/v1/resources/{id}/rules", SPACES),
    ("PUT", "/api/v1/resources/{id}/rules", SPACES),
    ("GET", "/api/v1/search", PUBLIC),
    ("POST", "/api/v1/series", SIGNED_IN),
    ("POST", "/api/v1/series/preview", SIGNED_IN),
    ("DELETE", "/api/v1/session", PUBLIC),
    ("POST", "/api/v1/session", PUBLIC),
    ("GET", "/api/v1/units", PUBLIC),
    ("POST", "/api/v1/units", ADMIN),
    ("GET", "/api/v1/units/{id}", PUBLIC),
    ("POST", "/api/v1/units/{id}/details", ADMIN),
    ("GET", "/api/v1/units/{id}/directions", PUBLIC),
    ("POST", "/api/v1/units/{id}/directions", UNIT_STAFF),
    (
        "POST",
        "/api/v1/units/{id}/directions/{direction}/end",
        UNIT_STAFF,
    ),
    ("GET", "/api/v1/units/{id}/initiative-threshold", PUBLIC),
    ("PUT", "/api/v1/units/{id}/initiative-threshold", ADMIN),
    ("GET", "/api/v1/units/{id}/join-requests", UNIT_STAFF),
    ("POST", "/api/v1/units/{id}/join-requests", SIGNED_IN),
    ("GET", "/api/v1/units/{id}/members", UNIT_STAFF),
    ("POST", "/api/v1/units/{id}/memberships", UNIT_STAFF),
    ("GET", "/api/v1/users", ADMIN),
    ("POST", "/api/v1/users/{id}/roles", ADMIN),
    ("DELETE", "/api/v1/users/{id}/roles/{grant_id}", ADMIN),
    ("POST", "/book-now", SIGNED_IN),
    ("GET", "/bookings", SIGNED_IN),
    ("POST", "/bookings/new", SIGNED_IN),
    ("GET", "/bookings/{id}", SPACES),
    ("POST", "/bookings/{id}/cancel", SPACES),
    ("POST", "/bookings/{id}/check-in", SPACES),
    ("POST", "/bookings/{id}/decision", SPACES),
    ("GET", "/calendar", SIGNED_IN),
    ("GET", "/calendar/events.ics", PUBLIC),
    ("POST", "/calendar/feed", SIGNED_IN),
    ("POST", "/calendar/feed/revoke", SIGNED_IN),
    ("GET", "/calendar/members/{file}", SECRET),
    ("GET", "/calendar/resources/{file}", PUBLIC),
    ("GET", "/directory", SIGNED_IN),
    ("GET", "/events", PUBLIC),
    ("GET", "/events/mine", SIGNED_IN),
    ("GET", "/events/new", STAFF),
    ("POST", "/events/new", STAFF),
    ("GET", "/events/tickets/{token}", SECRET),
    ("POST", "/events/tickets/{token}/cancel", SECRET),
    ("GET", "/events/{id}", PUBLIC),
    ("GET", "/events/{id}/calendar.ics", PUBLIC),
    ("POST", "/events/{id}/cancel", UNIT_STAFF),
    ("GET", "/events/{id}/check-in", UNIT_STAFF),
    ("POST", "/events/{id}/check-in", UNIT_STAFF),
    ("GET", "/events/{id}/edit", UNIT_STAFF),
    ("POST", "/events/{id}/edit", UNIT_STAFF),
    ("POST", "/events/{id}/guest", PUBLIC),
    ("POST", "/events/{id}/leave", SIGNED_IN),
    ("POST", "/events/{id}/publish", UNIT_STAFF),
    ("POST", "/events/{id}/rate", SIGNED_IN),
    ("GET", "/events/{id}/ratings", UNIT_STAFF),
    ("POST", "/events/{id}/register", SIGNED_IN),
    ("POST", "/events/{id}/registration-closed", UNIT_STAFF),
    ("GET", "/events/{id}/registrations", UNIT_STAFF),
    ("POST", "/events/{id}/registrations", UNIT_STAFF),
    ("GET", "/events/{id}/registrations.csv", UNIT_STAFF),
    ("GET", "/events/{id}/registrations.xlsx", UNIT_STAFF),
    ("GET", "/events/{id}/ticket", SIGNED_IN),
    ("GET", "/favicon.ico", PUBLIC),
    ("GET", "/front-desk", SPACES),
    ("POST", "/front-desk", SPACES),
    ("GET", "/healthz", PUBLIC),
    ("GET", "/initiatives", PUBLIC),
    ("POST", "/initiatives/comments/{cid}/edit", OWNER),
    ("POST", "/initiatives/comments/{cid}/moderate", UNIT_STAFF),
    ("POST", "/initiatives/comments/{cid}/report", SIGNED_IN),
    ("GET", "/initiatives/mine", SIGNED_IN),
    ("GET", "/initiatives/new", SIGNED_IN),
    ("POST", "/initiatives/new", SIGNED_IN),
    ("GET", "/initiatives/settings", ADMIN),
    ("POST", "/initiatives/settings", ADMIN),
    ("GET", "/initiatives/{id}", PUBLIC),
    ("POST", "/initiatives/{id}/answer", UNIT_STAFF),
    ("POST", "/initiatives/{id}/attachments", UNIT_STAFF),
    ("GET", "/initiatives/{id}/attachments/{aid}", PUBLIC),
    (
        "POST",
        "/initiatives/{id}/attachments/{aid}/delete",
        UNIT_STAFF,
    ),
    // Only a redirect to the resource's booking form with `?initiative=`; the booking
    // itself is judged there (`milestones::require_keeper`).
    ("GET", "/initiatives/{id}/book", PUBLIC),
    ("POST", "/initiatives/{id}/comments", SIGNED_IN),
    ("GET", "/initiatives/{id}/edit", OWNER),
    ("POST", "/initiatives/{id}/edit", OWNER),
    ("POST", "/initiatives/{id}/links", UNIT_STAFF),
    ("POST", "/initiatives/{id}/milestones", UNIT_STAFF),
    (
        "POST",
        "/initiatives/{id}/milestones/{mid}/done",
        UNIT_STAFF,
    ),
    ("POST", "/initiatives/{id}/report", UNIT_STAFF),
    ("POST", "/initiatives/{id}/support", SIGNED_IN),
    ("POST", "/initiatives/{id}/support/withdraw", SIGNED_IN),
    ("POST", "/initiatives/{id}/team", OWNER),
    ("POST", "/initiatives/{id}/team/accept", OWNER),
    ("POST", "/initiatives/{id}/team/decline", OWNER),
    ("POST", "/initiatives/{id}/transition", UNIT_STAFF),
    ("POST", "/join-requests/{id}/decision", UNIT_STAFF),
    ("GET", "/login", PUBLIC),
    ("POST", "/login", PUBLIC),
    ("POST", "/logout", PUBLIC),
    ("GET", "/manage", SPACES),
    ("GET", "/manage/locations/{id}", SPACES),
    ("POST", "/manage/locations/{id}", SPACES),
    ("POST", "/manage/locations/{id}/closures", SPACES),
    (
        "POST",
        "/manage/locations/{id}/closures/{closure_id}/delete",
        SPACES,
    ),
    ("POST", "/manage/locations/{id}/hours", SPACES),
    ("GET", "/manage/locations/{id}/resources", SPACES),
    ("GET", "/manage/locations/{id}/resources/new", SPACES),
    ("POST", "/manage/locations/{id}/resources/new", SPACES),
    ("GET", "/manage/locations/{id}/rules/{kind}", SPACES),
    ("POST", "/manage/locations/{id}/rules/{kind}", SPACES),
    ("GET", "/manage/resources/{id}", SPACES),
    ("POST", "/manage/resources/{id}", SPACES),
    ("POST", "/manage/resources/{id}/access", SPACES),
    ("POST", "/manage/resources/{id}/active", SPACES),
    ("POST", "/manage/resources/{id}/photo", SPACES),
    ("POST", "/manage/resources/{id}/photo/delete", SPACES),
    ("GET", "/manage/resources/{id}/poster", SPACES),
    ("GET", "/manage/resources/{id}/rules", SPACES),
    ("POST", "/manage/resources/{id}/rules", SPACES),
    ("POST", "/manage/resources/{id}/rules/clear", SPACES),
    ("GET", "/meetings", PUBLIC),
    ("GET", "/meetings/new", STAFF),
    ("POST", "/meetings/new", STAFF),
    ("GET", "/meetings/{id}", PUBLIC),
    ("GET", "/meetings/{id}/edit", UNIT_STAFF),
    ("POST", "/meetings/{id}/edit", UNIT_STAFF),
    ("GET", "/members/{id}/photo", UNIT_STAFF),
    ("POST", "/members/{id}/sign-in-link", UNIT_STAFF),
    ("POST", "/memberships/{id}/confirm", UNIT_STAFF),
    ("POST", "/memberships/{id}/end", UNIT_STAFF),
    ("GET", "/news", PUBLIC),
    ("POST", "/news", ADMIN),
    ("GET", "/news.atom", PUBLIC),
    ("GET", "/news/new", ADMIN),
    ("GET", "/news/{id}", PUBLIC),
    ("POST", "/news/{id}/delete", ADMIN),
    ("GET", "/news/{id}/edit", ADMIN),
    ("POST", "/news/{id}/edit", ADMIN),
    ("GET", "/notifications", SIGNED_IN),
    ("POST", "/notifications/read", SIGNED_IN),
    ("GET", "/notifications/{id}", OWNER),
    ("GET", "/reports/dashboard", STAFF | OBSERVER),
    ("GET", "/reports/dashboard/{file}", STAFF | OBSERVER),
    ("GET", "/reports/monthly", STAFF | OBSERVER),
    ("GET", "/reports/occupancy", SPACES | OBSERVER),
    ("GET", "/reports/youth-share", STAFF | OBSERVER),
    ("GET", "/resources/{id}", PUBLIC),
    ("GET", "/resources/{id}/check-in", SIGNED_IN),
    ("POST", "/resources/{id}/check-in", SIGNED_IN),
    ("GET", "/resources/{id}/photo", PUBLIC),
    ("GET", "/search", PUBLIC),
    ("GET", "/signup", PUBLIC),
    ("POST", "/signup", PUBLIC),
    ("GET", "/spaces", PUBLIC),
    ("GET", "/staff/bookings", SPACES),
    ("GET", "/static/{version}/{name}", PUBLIC),
    ("GET", "/units", PUBLIC),
    ("GET", "/units/{id}", PUBLIC),
    ("GET", "/units/{id}/import", UNIT_STAFF),
    ("POST", "/units/{id}/import/commit", UNIT_STAFF),
    ("POST", "/units/{id}/import/preview", UNIT_STAFF),
    ("POST", "/units/{id}/join", SIGNED_IN),
    ("GET", "/units/{id}/members", UNIT_STAFF),
    ("POST", "/units/{id}/members", UNIT_STAFF),
    ("GET", "/units/{id}/members.csv", UNIT_STAFF),
    ("GET", "/units/{id}/members.xlsx", UNIT_STAFF),
    ("GET", "/welcome/{token}", SECRET),
    ("POST", "/welcome/{token}", SECRET),
];

/// Routes that end the caller's own session or account: called last in a sweep.
const ENDS_THE_CALLER: &[(&str, &str)] = &[
    ("POST", "/logout"),
    ("DELETE", "/api/v1/session"),
    ("POST", "/account/delete"),
    ("DELETE", "/api/v1/me"),
];

/// Page forms that take `multipart/form-data` (uploads).
const MULTIPART: &[&str] = &[
    "/account/photo",
    "/manage/resources/{id}/photo",
    "/initiatives/{id}/attachments",
    "/api/v1/initiatives/{id}/attachments",
];

/// Tables whose rows move with every request whoever makes it (a session's last use, a
/// token's last use, log-in throttling): left out of the fingerprint.
const VOLATILE: &[&str] = &["sessions", "api_tokens", "known_devices", "login_failures"];

/// The world: an owner member and the owner's unit with one of everything, and the six
/// callers, none of whom (but the admin, and the space manager for spaces) is over them.
struct World {
    ids: BTreeMap<&'static str, String>,
    /// Session cookie and CSRF token of each signed-in caller, and their API token.
    sessions: BTreeMap<u8, (String, String, String)>,
}

async fn json_id(response: reqwest::Response, what: &str) -> i64 {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "creating {what}: {status} {body}");
    body["id"]
        .as_i64()
        .or_else(|| body[0]["id"].as_i64())
        .unwrap_or_else(|| panic!("creating {what}: no id in {body}"))
}

async fn scalar(db: &Db, sql: &str) -> i64 {
    let sql = sql.to_string();
    ortaq::on_db!(db, pool => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
        .unwrap()
}

async fn build_world(app: &TestApp) -> World {
    let db = &app.db;
    let root = unit(db, None, UnitKind::Association, "Ассамблея жастары").await;
    let branch = unit(db, Some(root), UnitKind::RegionalBranch, "Ақтөбе облысы").await;
    let city = unit(db, Some(branch), UnitKind::CityBranch, "Ақтөбе қаласы").await;
    let club = unit(db, Some(city), UnitKind::DostyqClub, "«Достық» клубы").await;
    let assembly = unit(
        db,
        Some(city),
        UnitKind::StudentAssembly,
        "Студенттік ассамблея",
    )
    .await;
    let sibling = unit(db, Some(branch), UnitKind::CityBranch, "Хромтау").await;
    let center = unit(db, Some(branch), UnitKind::Project, "Коворкинг").await;

    // The owner: a plain member of the city branch; the keeper: its coordinator.
    let owner = app.create_user("owner@example.kz", "member", None).await;
    let owner_token = app.token(owner).await;
    let keeper = person(app, "keeper@example.kz", Some(("coordinator", city))).await;
    let member = person(app, "member@example.kz", None).await;
    let coordinator = person(app, "coord@example.kz", Some(("coordinator", sibling))).await;
    let manager = person(app, "spaces@example.kz", Some(("space_manager", center))).await;
    let admin = person(app, "admin@example.kz", Some(("admin", root))).await;
    let observer = person(app, "observer@example.kz", Some(("observer", root))).await;

    // The center: a location of its own unit, open every day, a desk and a room.
    let mut tx = db.begin().await.unwrap();
    let location = spaces::insert_location(
        &mut tx,
        &NewLocation {
            unit_id: center,
            name: &Text::both("Орталық", "Центр"),
            address: &Text::both("Ақтөбе", "Актобе"),
            phone: None,
            time_zone: "Asia/Aqtobe",
        },
    )
    .await
    .unwrap();
    let hours: Vec<OpeningHours> = (1..=7)
        .map(|weekday| OpeningHours {
            weekday,
            opens: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        })
        .collect();
    spaces::set_hours(&mut tx, location, &hours).await.unwrap();
    let desk = spaces::insert_resource(&mut tx, location, "desk", &Text::both("Орын", "Место"), 1)
        .await
        .unwrap();
    spaces::insert_resource(
        &mut tx,
        location,
        "meeting_room",
        &Text::both("Бөлме", "Комната"),
        8,
    )
    .await
    .unwrap();
    let open = Rules {
        per_day: None,
        per_week: None,
        ..Rules::defaults("desk")
    };
    spaces::save_rules(&mut tx, location, RulesTarget::Kind("desk"), &open)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.execute(&format!(
        "INSERT INTO closures (location_id, start_at, end_at, reason_ru, created_at)
         VALUES ({location}, '2030-01-01T00:00:00+00:00', '2030-01-02T00:00:00+00:00', 'Ремонт', '2026-01-01T00:00:00+00:00')"
    ))
    .await;
    let closure = scalar(db, "SELECT MAX(id) FROM closures").await;
    // A photo of the owner (shown to the owner and staff over them, not to other members
    // while the owner is out of the directory) and one of the desk (public).
    let png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (table, key, id) in [
        ("profile_photos", "user_id", owner),
        ("resource_photos", "resource_id", desk),
    ] {
        let sql = format!(
            "INSERT INTO {table} ({key}, content_type, bytes, updated_at) VALUES ($1, 'image/png', $2, $3)"
        );
        ortaq::on_db!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(png.clone())
            .bind(ortaq::clock::now())
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .unwrap();
    }

    let call = |token: &str, method: reqwest::Method, path: &str, body: Value| {
        app.client
            .request(method, app.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let post = reqwest::Method::POST;

    // The owner's membership in the city branch (which stays: staff over it manage the
    // owner), one in its student assembly (the one the routes end or confirm), and a join
    // request to its club.
    json_id(
        call(
            &admin.token,
            post.clone(),
            &format!("/api/v1/units/{city}/memberships"),
            json!({"user_id": owner, "position": "member"}),
        )
        .await
        .unwrap(),
        "a membership",
    )
    .await;
    let membership = json_id(
        call(
            &admin.token,
            post.clone(),
            &format!("/api/v1/units/{assembly}/memberships"),
            json!({"user_id": owner, "position": "member"}),
        )
        .await
        .unwrap(),
        "a membership",
    )
    .await;
    let join_request = json_id(
        call(
            &owner_token,
            post.clone(),
            &format!("/api/v1/units/{club}/join-requests"),
            json!({"message": "Сәлем!"}),
        )
        .await
        .unwrap(),
        "a join request",
    )
    .await;
    app.execute(&format!(
        "INSERT INTO unit_directions (unit_id, name_kk, name_ru, started_on) VALUES ({club}, 'Би', 'Танцы', '2026-01-01')"
    ))
    .await;
    let direction = scalar(db, "SELECT MAX(id) FROM unit_directions").await;

    // The owner's booking of the desk, tomorrow.
    let tomorrow = (ortaq::clock::now() + Duration::days(1)).date_naive();
    let start = ortaq::bookings::rules::local_instant(
        "Asia/Aqtobe".parse().unwrap(),
        tomorrow,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
    )
    .unwrap();
    let booking = json_id(
        call(
            &owner_token,
            post.clone(),
            "/api/v1/bookings",
            json!({"resource_id": desk, "start": start.to_rfc3339(),
                   "end": (start + Duration::hours(1)).to_rfc3339()}),
        )
        .await
        .unwrap(),
        "a booking",
    )
    .await;

    // An event of the city branch (by its coordinator), the owner registered.
    let now = ortaq::clock::now();
    let event = json_id(
        call(
            &keeper.token,
            post.clone(),
            "/api/v1/events",
            event_body(
                city,
                now + Duration::hours(48),
                now + Duration::hours(50),
                10,
            ),
        )
        .await
        .unwrap(),
        "an event",
    )
    .await;
    let r = call(
        &owner_token,
        post.clone(),
        &format!("/api/v1/events/{event}/registrations"),
        json!({}),
    )
    .await
    .unwrap();
    assert!(r.status().is_success(), "registering: {}", r.status());

    // The owner's initiative in the city branch, submitted, with a comment, an
    // attachment and a milestone; a meeting of the city branch that raised it.
    let initiative = json_id(
        call(
            &owner_token,
            post.clone(),
            "/api/v1/initiatives",
            new_initiative(city),
        )
        .await
        .unwrap(),
        "an initiative",
    )
    .await;
    app.execute(&format!(
        "UPDATE initiatives SET status = 'submitted' WHERE id = {initiative}"
    ))
    .await;
    let comment = json_id(
        call(
            &owner_token,
            post.clone(),
            &format!("/api/v1/initiatives/{initiative}/comments"),
            json!({"body": "Бірінші пікір"}),
        )
        .await
        .unwrap(),
        "a comment",
    )
    .await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"%PDF-1.7\n1 0 obj\n".to_vec()).file_name("plan.pdf"),
    );
    let r = app
        .client
        .post(app.url(&format!("/api/v1/initiatives/{initiative}/attachments")))
        .bearer_auth(&owner_token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "attaching: {}", r.status());
    let attachment = scalar(db, "SELECT MAX(id) FROM initiative_attachments").await;
    app.execute(&format!(
        "INSERT INTO initiative_milestones (initiative_id, title_kk, due_on, created_at)
         VALUES ({initiative}, 'Зал', '2031-01-15', '2026-01-01T00:00:00+00:00')"
    ))
    .await;
    let milestone = scalar(db, "SELECT MAX(id) FROM initiative_milestones").await;
    let meeting = json_id(
        call(
            &admin.token,
            post.clone(),
            "/api/v1/meetings",
            json!({"unit_id": city, "kind": "akim_meeting",
                   "title": {"kk": "Кездесу", "ru": "Встреча"}, "held_on": "2026-11-20",
                   "participants": [{"name": "Аким", "position": "аким"}]}),
        )
        .await
        .unwrap(),
        "a meeting",
    )
    .await;

    let news = json_id(
        call(
            &admin.token,
            post.clone(),
            "/api/v1/news",
            json!({"title": {"kk": "Жаңалық", "ru": "Новость"}, "body": {"kk": "Мәтін", "ru": "Текст"}}),
        )
        .await
        .unwrap(),
        "news",
    )
    .await;
    app.execute(&format!(
        "INSERT INTO notifications (user_id, kind, args, link, created_at)
         VALUES ({owner}, 'event-promoted', '{{}}', '/events/{event}', '2026-01-01T00:00:00+00:00')"
    ))
    .await;
    let notification = scalar(db, "SELECT MAX(id) FROM notifications").await;
    let r = call(
        &owner_token,
        post.clone(),
        "/api/v1/me/calendar-feed",
        json!({}),
    )
    .await
    .unwrap();
    assert!(r.status().is_success(), "a calendar feed: {}", r.status());
    let grant = scalar(
        db,
        &format!("SELECT id FROM role_grants WHERE user_id = {}", keeper.id),
    )
    .await;

    let mut ids = BTreeMap::new();
    for (name, value) in [
        ("unit", city),
        ("club", club),
        ("owner", owner),
        ("keeper", keeper.id),
        ("grant", grant),
        ("membership", membership),
        ("join_request", join_request),
        ("direction", direction),
        ("location", location),
        ("desk", desk),
        ("closure", closure),
        ("booking", booking),
        ("event", event),
        ("initiative", initiative),
        ("comment", comment),
        ("attachment", attachment),
        ("milestone", milestone),
        ("meeting", meeting),
        ("news", news),
        ("notification", notification),
    ] {
        ids.insert(name, value.to_string());
    }
    let mut sessions = BTreeMap::new();
    for (role, who) in [
        (Role::Member, &member),
        (Role::Coordinator, &coordinator),
        (Role::SpaceManager, &manager),
        (Role::Admin, &admin),
        (Role::Observer, &observer),
    ] {
        let (cookie, csrf) = ortaq::auth::sessions::create(db, who.id).await.unwrap();
        sessions.insert(role as u8, (cookie, csrf, who.token.clone()));
    }
    World { ids, sessions }
}

/// The path with each `{param}` filled with someone else's object (or a wrong secret).
fn fill(path: &str, w: &World) -> String {
    let id = |name: &str| w.ids[name].clone();
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let Some(param) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            out.push(segment.to_string());
            continue;
        };
        let before = segments[i - 1];
        let value = match (before, param) {
            ("users", "id") => id("keeper"),
            (_, "grant_id") => id("grant"),
            ("members", "id") => id("owner"),
            ("memberships", "id") => id("membership"),
            ("join-requests", "id") => id("join_request"),
            ("units", "id") if path.contains("/directions") || path.contains("join-requests") => {
                id("club")
            }
            ("units", "id") => id("unit"),
            (_, "direction") => id("direction"),
            ("locations", "id") => id("location"),
            (_, "closure_id") => id("closure"),
            (_, "kind") => "desk".into(),
            ("resources", "id") => id("desk"),
            ("bookings", "id") => id("booking"),
            ("events", "id") => id("event"),
            ("initiatives", "id") => id("initiative"),
            (_, "mid") => id("milestone"),
            (_, "aid") => id("attachment"),
            (_, "cid") => id("comment"),
            ("meetings", "id") => id("meeting"),
            ("news", "id") => id("news"),
            ("notifications", "id") => id("notification"),
            // A secret nobody was given.
            (_, "token") => "A-wrong-secret-0123456789abcdef".into(),
            ("members", "file") => "A-wrong-secret-0123456789abcdef.ics".into(),
            ("resources", "file") => format!("{}.ics", id("desk")),
            ("dashboard", "file") => "members-by-unit.csv".into(),
            (_, "version") => env!("CARGO_PKG_VERSION").into(),
            (_, "name") => "ortaq.css".into(),
            _ => panic!("{path}: no value for {{{param}}}"),
        };
        out.push(value);
    }
    out.join("/")
}

/// A fingerprint of the database: every row of every table but the volatile ones, in one
/// query (changes to any column count, not only the number of rows).
struct Fingerprint {
    sql: String,
}

impl Fingerprint {
    async fn new(db: &Db) -> Fingerprint {
        let parts: Vec<String> = match db {
            Db::Sqlite(pool) => {
                let names: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                     AND name NOT LIKE 'search_fts%' ORDER BY name",
                )
                .fetch_all(pool)
                .await
                .unwrap();
                let mut parts = Vec::new();
                for name in names.iter().filter(|n| !VOLATILE.contains(&n.as_str())) {
                    let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT name FROM pragma_table_info('{name}') ORDER BY cid"
                    )))
                    .fetch_all(pool)
                    .await
                    .unwrap();
                    if columns.is_empty() {
                        continue;
                    }
                    let row = columns
                        .iter()
                        .map(|c| format!("quote(\"{c}\")"))
                        .collect::<Vec<_>>()
                        .join(" || ',' || ");
                    parts.push(format!(
                        "'{name}:' || COALESCE((SELECT group_concat(r, ';') FROM (SELECT {row} AS r FROM \"{name}\" ORDER BY 1)), '')"
                    ));
                }
                parts
            }
            Db::Postgres(pool) => {
                let names: Vec<String> = sqlx::query_scalar(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
                )
                .fetch_all(pool)
                .await
                .unwrap();
                names
                    .iter()
                    .filter(|n| !VOLATILE.contains(&n.as_str()))
                    .map(|name| {
                        format!(
                            "'{name}:' || COALESCE((SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) FROM \"{name}\" AS t), '')"
                        )
                    })
                    .collect()
            }
        };
        Fingerprint {
            sql: format!("SELECT {}", parts.join(" || '|' || ")),
        }
    }

    async fn take(&self, db: &Db) -> String {
        let sql = self.sql.clone();
        ortaq::on_db!(db, pool => sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
            .unwrap()
    }
}

/// Sends one request as `role`: the API with the role's bearer token and a JSON body, a page
/// with the session cookie and the CSRF token in a form body (or multipart for uploads).
async fn send(
    app: &TestApp,
    w: &World,
    guest_csrf: &str,
    role: Role,
    method: &str,
    route: &str,
    url: &str,
) -> reqwest::Response {
    let m: reqwest::Method = method.parse().unwrap();
    let session = w.sessions.get(&(role as u8));
    let csrf = session.map(|s| s.1.as_str()).unwrap_or(guest_csrf);
    let api = route.starts_with("/api/");
    let multipart = MULTIPART.contains(&route) && method != "GET";
    // A page's upload carries its CSRF token in the query (the file is not buffered).
    let url = if multipart && !api {
        format!("{url}?csrf={csrf}")
    } else {
        url.to_string()
    };
    let mut request = app.client.request(m, app.url(&url));
    if api {
        if let Some((_, _, token)) = session {
            request = request.bearer_auth(token);
        }
    } else if let Some((cookie, _, _)) = session {
        request = request.header(
            "Cookie",
            format!("{}={cookie}", ortaq::http::cookies::SESSION),
        );
    } else {
        request = request.header(
            "Cookie",
            format!("{}={guest_csrf}", ortaq::http::cookies::CSRF),
        );
    }
    if method != "GET" {
        if multipart {
            request = request.multipart(reqwest::multipart::Form::new().text("note", "empty"));
        } else if api {
            request = request.json(&json!({}));
        } else {
            request = request.form(&[("csrf", csrf)]);
        }
    }
    request.send().await.expect("a response")
}

/// What an answer says, in a few words: a problem's code, or a page's title.
fn gist(body: &str) -> String {
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        return v["code"].as_str().unwrap_or("").to_string();
    }
    body.split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(t, _)| t.to_string())
        .unwrap_or_default()
}

fn refused(role: Role, api: bool, route: &str, response: &reqwest::Response) -> bool {
    let status = response.status();
    // A welcome link answers an unknown, used or expired secret alike, 409
    // `link_not_valid` ("this link no longer works"): nothing is learnt, nothing let in.
    if route.starts_with("/welcome/") && status == StatusCode::CONFLICT {
        return true;
    }
    let denial = matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    );
    if api {
        let problem = response
            .headers()
            .get("content-type")
            .is_some_and(|v| v == "application/problem+json");
        return denial && problem;
    }
    let to_login = status.is_redirection()
        && response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.starts_with("/login"));
    denial || (role == Role::Guest && to_login)
}

#[tokio::test]
async fn every_route_refuses_every_role_it_should_and_lets_in_the_rest() {
    let routes = routes();
    assert!(
        routes.len() > 250,
        "the route list was read: {}",
        routes.len()
    );
    let policy: BTreeMap<(&str, &str), May> =
        POLICY.iter().map(|(m, p, may)| ((*m, *p), *may)).collect();
    let missing: Vec<String> = routes
        .iter()
        .filter(|(m, p)| !policy.contains_key(&(m.as_str(), p.as_str())))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without a line in the policy table (decide who may use them):\n{}",
        missing.join("\n")
    );
    let stale: Vec<String> = POLICY
        .iter()
        .filter(|(m, p, _)| !routes.contains(&(m.to_string(), p.to_string())))
        .map(|(m, p, _)| format!("{m} {p}"))
        .collect();
    assert!(
        stale.is_empty(),
        "policy lines for routes that no longer exist:\n{}",
        stale.join("\n")
    );
    // The self-ending routes last, so the caller stays signed in for the others.
    let mut order: Vec<&(String, String)> = routes.iter().collect();
    order.sort_by_key(|(m, p)| {
        (
            ENDS_THE_CALLER.contains(&(m.as_str(), p.as_str())),
            p.clone(),
            m.clone(),
        )
    });

    let mut failures = Vec::new();
    let mut checked = 0;
    let mut refusals = 0;
    let mut not_found = Vec::new();
    // Allowed requests that changed the database: proof that the fingerprint sees changes.
    let mut changes = 0;
    for role in ROLES {
        let app = TestApp::spawn_configured(|c| {
            c.limits.token_burst = 100_000;
            c.limits.links_per_minute = 100_000;
            c.limits.signups_per_hour = 100_000;
        })
        .await;
        let w = build_world(&app).await;
        let fingerprint = Fingerprint::new(&app.db).await;
        let guest_csrf = {
            let (client, _) = app.other_client();
            let response = client.get(app.url("/login")).send().await.unwrap();
            extract_csrf(&response.text().await.unwrap()).unwrap()
        };
        let mut before = fingerprint.take(&app.db).await;
        for (method, route) in &order {
            let may = policy[&(method.as_str(), route.as_str())];
            let allowed = may & bit(role) != 0;
            let url = fill(route, &w);
            let response = send(&app, &w, &guest_csrf, role, method, route, &url).await;
            let status = response.status();
            let api = route.starts_with("/api/");
            let at = format!("{role:?} {method} {route} ({url}): {status}");
            checked += 1;
            if status.is_server_error() {
                failures.push(format!("{at}: a server error"));
            } else if allowed {
                if refused(role, api, route, &response) {
                    if status == StatusCode::NOT_FOUND {
                        // Not a refusal of this role: the object may be gone (an earlier
                        // allowed request of the sweep deleted it) or not apply.
                        not_found.push(at.clone());
                    } else {
                        failures.push(format!("{at}: refused, but the table lets {role:?} in"));
                    }
                }
            } else {
                refusals += 1;
                if !refused(role, api, route, &response) {
                    let body = response.text().await.unwrap_or_default();
                    failures.push(format!("{at}: NOT refused — {}", gist(&body)));
                }
            }
            let after = fingerprint.take(&app.db).await;
            if !allowed && after != before {
                failures.push(format!("{at}: the database changed on a refused request"));
            }
            if allowed && after != before {
                changes += 1;
            }
            before = after;
        }
    }
    let routes_n = routes.len();
    println!(
        "authorization: {routes_n} routes × {} roles = {checked} requests, {refusals} of them refusals; {changes} allowed ones changed the database",
        ROLES.len()
    );
    assert!(
        changes > 20,
        "the fingerprint should see what allowed requests change: {changes}"
    );
    if std::env::var("AUTHZ_VERBOSE").is_ok() {
        println!("allowed but 404:\n{}", not_found.join("\n"));
    }
    let distinct: BTreeSet<&String> = failures.iter().collect();
    assert!(
        failures.is_empty(),
        "{} authorization failures:\n{}",
        distinct.len(),
        failures.join("\n")
    );
}
