//! Calendar feeds (iCalendar, RFC 5545) that phones and calendar programs subscribe to:
//! a member's own bookings at a secret address (`/calendar/members/{secret}.ics`), and
//! the busy time of one resource, public and nameless (`/calendar/resources/{id}.ics`).
//! `ics.rs` writes the documents, `feeds.rs` keeps the secrets (hashed), `routes.rs`
//! serves the feeds and the API that makes and revokes a member's feed, and `page.rs`
//! is the member's page for it.

pub mod feeds;
pub mod ics;
pub mod page;
pub mod routes;

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    routes::router().merge(page::router())
}
