//! Events: organised by a unit with partner units, bilingual, at a resource of the center
//! (booked with the event), an outside venue or online; registration with capacity and a
//! waitlist in arrival order, guests, QR tickets and check-in, ratings, calendars.
//!
//! `model.rs` the domain types and the parsing of input; `storage.rs` the rows;
//! `manage.rs` what organisers do (create, edit, publish, cancel, close registration, with
//! the hall booking in the same transaction); `registration.rs` registering, cancelling,
//! the waitlist; `checkin.rs` the door; `ratings.rs` after the event; `notify.rs` the
//! in-app notices; `routes.rs` the API; `pages.rs`, `organiser_pages.rs`, `ticket.rs` the
//! pages; `export.rs` the list as CSV and XLSX; `calendar.rs` the iCalendar files; `search.rs` the event's search entry.

pub mod calendar;
pub mod checkin;
pub mod export;
pub mod manage;
pub mod model;
pub mod notify;
pub mod organiser_pages;
pub mod pages;
pub mod ratings;
pub mod registration;
pub mod routes;
pub mod search;
pub mod storage;
pub mod text;
pub mod ticket;
pub mod view;

use axum::Router;

pub use model::{Event, Registration};

use crate::accounts::CurrentUser;
use crate::db::Db;
use crate::error::Error;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    routes::router()
        .merge(pages::router())
        .merge(organiser_pages::router())
        .merge(ticket::router())
        .merge(calendar::router())
        .merge(export::router())
}

/// Whether `user` organises the event: a coordinator or an admin over its unit or over
/// one of its partner units (`org::holds_over`).
pub async fn organises(db: &Db, user: &CurrentUser, event: &Event) -> Result<bool, Error> {
    for unit in std::iter::once(event.unit_id).chain(event.partner_unit_ids.iter().copied()) {
        if crate::org::holds_over(db, user, &manage::ORGANISER_ROLES, unit).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The units whose events the user may organise (where they coordinate or administer).
pub fn organiser_units(user: &CurrentUser) -> Vec<i64> {
    let mut units: Vec<i64> = manage::ORGANISER_ROLES
        .iter()
        .flat_map(|r| user.units_with(*r))
        .collect();
    units.sort_unstable();
    units.dedup();
    units
}
