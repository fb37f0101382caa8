//! Events in calendars: one event's `.ics` (add to calendar), the feed of every published
//! public event (`/calendar/events.ics`), and the entries a member's own feed gains for the
//! events they hold a place at (`calendar::routes::member_feed`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use super::model::{Audience, Event, RegStatus, Status};
use super::storage::{self, Filter};
use super::text;
use super::view::Places;
use crate::calendar::ics::{self, Entry, Shown};
use crate::clock;
use crate::db::Db;
use crate::error::Error;
use crate::http::Ctx;
use crate::i18n::{Locale, translate};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/calendar.ics", get(one))
        .route("/calendar/events.ics", get(feed))
}

/// How far back the public feed reaches.
pub const FEED_PAST: Duration = Duration::days(30);

fn respond(text: String, filename: &str, disposition: &str) -> Response {
    let mut response = (StatusCode::OK, text).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("{disposition}; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// An event as a calendar entry in the given languages (side by side when several).
pub fn entry(
    event: &Event,
    places: &Places,
    locales: &[Locale],
    host: &str,
    public_url: &str,
) -> Entry {
    let both = |f: &dyn Fn(Locale) -> String| {
        let mut parts: Vec<String> = Vec::new();
        for l in locales {
            let p = f(*l);
            if !p.is_empty() && !parts.contains(&p) {
                parts.push(p);
            }
        }
        parts.join(" / ")
    };
    let summary = both(&|l| event.title.show(l).text);
    let location = both(&|l| places.address(l, event));
    let link = format!("{}/events/{}", public_url.trim_end_matches('/'), event.id);
    let about = both(&|l| text::excerpt(&event.description.show(l).text, 300));
    let description = if about.is_empty() {
        link
    } else {
        format!("{about}\n{link}")
    };
    Entry {
        uid: format!("event-{}@{host}", event.id),
        start: event.start,
        end: event.end,
        changed: event.updated_at,
        created: event.created_at,
        summary,
        location,
        description: Some(description),
        status: match event.status {
            Status::Cancelled => Shown::Cancelled,
            Status::Draft => Shown::Tentative,
            Status::Published | Status::Finished => Shown::Confirmed,
        },
    }
}

/// `GET /events/{id}/calendar.ics`: the one event, in the reader's language, to add to a calendar.
async fn one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let event = super::routes::visible_event(&state, &ctx, id).await?;
    let places = Places::load(&state.db).await?;
    let host = ics::uid_host(&state.config.public_url);
    let e = entry(
        &event,
        &places,
        &[ctx.locale],
        &host,
        &state.config.public_url,
    );
    Ok(respond(
        ics::document(&e.summary.clone(), &[e]),
        &format!("ortaq-event-{id}.ics"),
        "attachment",
    ))
}

#[derive(Debug, Default, Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// `GET /calendar/events.ics`: every published event open to everyone, from 30 days back;
/// cancelled ones stay as `STATUS:CANCELLED` so that subscribed clients remove them.
/// Kazakh and Russian side by side unless `?lang=` asks for one.
async fn feed(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
) -> Result<Response, Error> {
    let locales = match q.lang.as_deref().and_then(Locale::parse) {
        Some(l) => vec![l],
        None => vec![Locale::Kk, Locale::Ru],
    };
    let events = storage::list(
        &state.db,
        &Filter {
            statuses: vec![Status::Published, Status::Cancelled],
            ends_after: Some(clock::now() - FEED_PAST),
            public_only: true,
            limit: 2000,
            ..Filter::default()
        },
    )
    .await?;
    let places = Places::load(&state.db).await?;
    let host = ics::uid_host(&state.config.public_url);
    let entries: Vec<Entry> = events
        .iter()
        .filter(|e| e.audience == Audience::Everyone)
        .map(|e| entry(e, &places, &locales, &host, &state.config.public_url))
        .collect();
    let name = locales
        .iter()
        .map(|l| translate(*l, "event-feed-name", None))
        .collect::<Vec<_>>()
        .join(" / ");
    Ok(respond(
        ics::document(&name, &entries),
        "ortaq-events.ics",
        "inline",
    ))
}

/// The events a member holds a place at (registered, not waitlisted or cancelled), from
/// `since` on, for their own feed. An event they gave up stays as cancelled, so that a
/// subscribed client removes it.
pub async fn member_entries(
    db: &Db,
    user_id: i64,
    locale: Locale,
    since: DateTime<Utc>,
    public_url: &str,
) -> Result<Vec<Entry>, Error> {
    let places = Places::load(db).await?;
    let host = ics::uid_host(public_url);
    let mut out = Vec::new();
    for (event, r) in storage::of_member_all(db, user_id, since).await? {
        if event.status == Status::Draft || r.status == RegStatus::Waitlisted {
            continue;
        }
        let mut e = entry(&event, &places, &[locale], &host, public_url);
        if r.status == RegStatus::Cancelled {
            e.status = Shown::Cancelled;
        }
        out.push(e);
    }
    Ok(out)
}
