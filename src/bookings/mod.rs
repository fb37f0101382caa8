//! Bookings: a member holds one resource over `[start, end)`. Two live bookings of one
//! resource never overlap — the database refuses it on both backends (see the first
//! migration) — and the rules of each resource (`rules.rs`) are judged inside the same
//! write transaction. Series (`series.rs`), approval, check-in by code or QR, and the
//! background sweep that releases no-shows (`sweeper.rs`) build on that.

pub mod availability;
pub mod book;
pub mod busy_cache;
pub mod commit;
pub mod desk;
pub mod grid;
pub mod mine;
pub mod model;
pub mod resource_page;
pub mod routes;
pub mod rules;
pub mod series;
pub mod storage;
pub mod sweeper;
pub mod view;

pub use model::{Booking, Status};
pub use rules::Rules;

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    routes::router()
        .merge(grid::router())
        .merge(resource_page::router())
        .merge(mine::router())
        .merge(desk::router())
}
