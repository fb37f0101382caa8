//! The feeds themselves, and the API that makes and revokes a member's feed.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::feeds;
use super::ics::{self, Entry, Shown};
use crate::bookings::Status;
use crate::bookings::model::display_code;
use crate::bookings::storage::{LIVE, SETTLED};
use crate::clock;
use crate::db::Db;
use crate::error::Error;
use crate::http::{Ctx, Json};
use crate::i18n::{self, Args, Locale};
use crate::on_db;
use crate::spaces::{Location, Resource, storage as spaces};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendar/members/{file}", get(member_feed))
        .route("/calendar/resources/{file}", get(resource_feed))
        .route(
            "/api/v1/me/calendar-feed",
            post(create_api).delete(revoke_api),
        )
}

/// How far back a member's feed reaches.
pub const MEMBER_PAST: Duration = Duration::days(60);
/// How far back a resource's feed reaches.
pub const RESOURCE_PAST: Duration = Duration::days(7);
/// How far ahead a resource's feed reaches (the hall is booked months ahead).
pub const RESOURCE_AHEAD: Duration = Duration::days(366);
/// At most this many events in one feed.
const MAX_EVENTS: i64 = 2000;

/// `{name}.ics` → `name`; anything else is no feed.
fn feed_name(file: &str) -> Result<&str, Error> {
    file.strip_suffix(".ics")
        .filter(|name| !name.is_empty())
        .ok_or(Error::NotFound)
}

/// What a feed answers: the document as `text/calendar`.
fn calendar_response(text: String, filename: &str) -> Response {
    let mut response = (StatusCode::OK, text).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // Clients poll; the address itself is the secret, so nothing may keep a copy on the way.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    response
}

#[derive(sqlx::FromRow)]
struct FeedRow {
    id: i64,
    resource_id: i64,
    status: String,
    start_at: DateTime<Utc>,
    end_at: DateTime<Utc>,
    purpose: Option<String>,
    code: Option<String>,
    decline_reason: Option<String>,
    created_at: DateTime<Utc>,
    changed_at: DateTime<Utc>,
}

const FEED_COLUMNS: &str =
    "id, resource_id, status, start_at, end_at, purpose, code, decline_reason,
    created_at, COALESCE(updated_at, created_at) AS changed_at";

/// The places of resources, for LOCATION: resource id → (resource, its location).
async fn places(db: &Db) -> Result<HashMap<i64, (Resource, Location)>, Error> {
    let locations = spaces::locations(db).await?;
    Ok(spaces::resources(db, None)
        .await?
        .into_iter()
        .filter_map(|r| {
            let location = locations.iter().find(|l| l.id == r.location_id)?.clone();
            Some((r.id, (r, location)))
        })
        .collect())
}

fn place(location: &Location, locale: Locale) -> String {
    let name = location.name.show(locale).text;
    let address = location.address.show(locale).text;
    if address.is_empty() {
        name
    } else {
        format!("{name}, {address}")
    }
}

/// `GET /calendar/members/{secret}.ics`: the member's bookings from 60 days back on, in
/// their account's language (Kazakh when they chose none). Cancelled, declined and
/// released ones stay as `STATUS:CANCELLED`, so that subscribed clients remove them.
#[tracing::instrument(skip_all)]
async fn member_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, Error> {
    let token = feed_name(&file)?;
    let (user_id, locale) = feeds::owner(&state.db, token)
        .await?
        .ok_or(Error::NotFound)?;
    let locale = locale
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or(Locale::Kk);
    let since = clock::now() - MEMBER_PAST;
    let sql = format!(
        "SELECT {FEED_COLUMNS} FROM bookings
         WHERE user_id = $1 AND start_at >= $2 AND end_at > $3
         ORDER BY start_at, id LIMIT $4"
    );
    let rows: Vec<FeedRow> = on_db!(&state.db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(user_id)
        .bind(since - crate::bookings::storage::LONGEST)
        .bind(since)
        .bind(MAX_EVENTS)
        .fetch_all(pool)
        .await)?;
    let places = places(&state.db).await?;
    let host = ics::uid_host(&state.config.public_url);
    let t = |id: &str, args: Option<&Args>| i18n::translate(locale, id, args);
    let mut entries: Vec<Entry> = rows
        .into_iter()
        .filter_map(|row| {
            let (resource, location) = places.get(&row.resource_id)?;
            let status = Status::parse(&row.status)?;
            let name = resource.name.show(locale).text;
            let summary = match row.purpose.as_deref().map(str::trim) {
                Some(purpose) if !purpose.is_empty() => format!("{name} — {purpose}"),
                _ => name,
            };
            let mut description = vec![t(
                "calendar-feed-status",
                Some(&Args::new().set("status", t(&status.message_id(), None))),
            )];
            if let Some(code) = row.code.as_deref().filter(|_| status.is_live()) {
                description.push(t(
                    "calendar-feed-code",
                    Some(&Args::new().set("code", display_code(code))),
                ));
            }
            if let Some(reason) = row.decline_reason.as_deref() {
                description.push(t(
                    "calendar-feed-reason",
                    Some(&Args::new().set("reason", reason.to_string())),
                ));
            }
            Some(Entry {
                uid: format!("booking-{}@{host}", row.id),
                start: row.start_at,
                end: row.end_at,
                changed: row.changed_at,
                created: row.created_at,
                summary,
                location: place(location, locale),
                description: Some(description.join("\n")),
                status: match status {
                    Status::Pending => Shown::Tentative,
                    Status::Confirmed | Status::CheckedIn | Status::Completed => Shown::Confirmed,
                    Status::Cancelled | Status::Declined | Status::NoShow => Shown::Cancelled,
                },
            })
        })
        .collect();
    // The events the member holds a place at (issue 6).
    entries.extend(
        crate::events::calendar::member_entries(
            &state.db,
            user_id,
            locale,
            since,
            &state.config.public_url,
        )
        .await?,
    );
    Ok(calendar_response(
        ics::document(&t("calendar-feed-name", None), &entries),
        "ortaq.ics",
    ))
}

/// `?lang=` of a resource feed: one language instead of Kazakh and Russian side by side.
#[derive(Debug, Default, Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The languages a public feed speaks: the one asked for, else Kazakh and Russian.
fn feed_locales(q: &LangQuery) -> Vec<Locale> {
    match q.lang.as_deref().and_then(Locale::parse) {
        Some(locale) => vec![locale],
        None => vec![Locale::Kk, Locale::Ru],
    }
}

/// Texts in each of the feed's languages, side by side, without repeating equal ones.
fn side_by_side(locales: &[Locale], text: impl Fn(Locale) -> String) -> String {
    let mut parts: Vec<String> = Vec::new();
    for locale in locales {
        let part = text(*locale);
        if !part.is_empty() && !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join(" / ")
}

/// `GET /calendar/resources/{id}.ics`: when a resource is taken, from 7 days back on —
/// never by whom or what for. Public, as the availability grid is.
#[tracing::instrument(skip_all)]
async fn resource_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, Error> {
    let id: i64 = feed_name(&file)?.parse().map_err(|_| Error::NotFound)?;
    let resource = spaces::resource(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let location = spaces::location(&state.db, resource.location_id)
        .await?
        .ok_or(Error::NotFound)?;
    let now = clock::now();
    let since = now - RESOURCE_PAST;
    // The live bookings and the completed ones are in two indexes (`bookings_live`,
    // `bookings_settled`); each part names its index's condition.
    let part = |index_condition: &str, statuses: &str| {
        format!(
            "SELECT {FEED_COLUMNS} FROM bookings
             WHERE resource_id = $1 AND status {index_condition} AND status IN ({statuses})
               AND start_at >= $2 AND start_at < $3 AND end_at > $4"
        )
    };
    let sql = format!(
        "{} UNION ALL {} ORDER BY start_at, id LIMIT $5",
        part(LIVE, "'pending', 'confirmed', 'checked_in'"),
        part(SETTLED, "'completed'"),
    );
    let rows: Vec<FeedRow> = on_db!(&state.db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id)
        .bind(since - crate::bookings::storage::LONGEST)
        .bind(now + RESOURCE_AHEAD)
        .bind(since)
        .bind(MAX_EVENTS)
        .fetch_all(pool)
        .await)?;
    let locales = feed_locales(&q);
    let host = ics::uid_host(&state.config.public_url);
    let busy = side_by_side(&locales, |l| i18n::translate(l, "calendar-busy", None));
    let pending = side_by_side(&locales, |l| {
        i18n::translate(l, "calendar-busy-pending", None)
    });
    let where_ = side_by_side(&locales, |l| place(&location, l));
    let entries: Vec<Entry> = rows
        .into_iter()
        .map(|row| {
            let is_pending = row.status == "pending";
            Entry {
                uid: format!("busy-{}@{host}", row.id),
                start: row.start_at,
                end: row.end_at,
                changed: row.changed_at,
                created: row.created_at,
                summary: if is_pending {
                    pending.clone()
                } else {
                    busy.clone()
                },
                location: where_.clone(),
                description: None,
                status: if is_pending {
                    Shown::Tentative
                } else {
                    Shown::Confirmed
                },
            }
        })
        .collect();
    let name = side_by_side(&locales, |l| resource.name.show(l).text);
    Ok(calendar_response(
        ics::document(&format!("Ortaq: {name}"), &entries),
        &format!("ortaq-resource-{id}.ics"),
    ))
}

/// A member's calendar feed, just made.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CalendarFeed {
    /// The address to subscribe to. Shown only now: Ortaq keeps only its hash.
    pub url: String,
    pub created_at: DateTime<Utc>,
}

/// Makes the caller's calendar feed, replacing any older one (whose address stops working).
#[utoipa::path(post, path = "/api/v1/me/calendar-feed", tag = "calendar",
    responses((status = 201, body = CalendarFeed), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = ctx.user()?;
    let feed = feeds::replace(&state.db, user.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(CalendarFeed {
            url: feeds::url(&state.config.public_url, &feed.token),
            created_at: feed.created_at,
        }),
    )
        .into_response())
}

/// Revokes the caller's calendar feed (its address stops working). Answers 204 whether or
/// not there was one.
#[utoipa::path(delete, path = "/api/v1/me/calendar-feed", tag = "calendar",
    responses((status = 204), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn revoke_api(State(state): State<AppState>, ctx: Ctx) -> Result<StatusCode, Error> {
    let user = ctx.user()?;
    feeds::revoke(&state.db, user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ics_files_are_feeds() {
        assert_eq!(feed_name("abc.ics").unwrap(), "abc");
        assert!(feed_name(".ics").is_err());
        assert!(feed_name("abc").is_err());
        assert!(feed_name("abc.ics.txt").is_err());
    }

    #[test]
    fn public_feeds_speak_kazakh_and_russian_unless_asked() {
        let both = feed_locales(&LangQuery::default());
        assert_eq!(
            side_by_side(&both, |l| i18n::translate(l, "calendar-busy", None)),
            "Бос емес / Занято"
        );
        let ru = feed_locales(&LangQuery {
            lang: Some("ru".into()),
        });
        assert_eq!(
            side_by_side(&ru, |l| i18n::translate(l, "calendar-busy", None)),
            "Занято"
        );
        assert_eq!(side_by_side(&both, |_| "Проектор".to_string()), "Проектор");
    }
}
