//! Occupancy: how much of its open time each resource of a location was booked, by
//! weekday and hour, and how often bookings that needed check-in ended as no-shows. The
//! figures for issue 8's charts; `tally.rs` holds the arithmetic, `storage.rs` the one
//! streamed query, `report.rs` the figures, `routes.rs` the API and the page.

pub mod report;
pub mod routes;
pub mod storage;
pub mod tally;

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    routes::router()
}
