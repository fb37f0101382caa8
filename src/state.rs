//! What every handler can reach.

use std::sync::Arc;

use crate::bookings::commit::Writer;
use crate::config::Config;
use crate::db::Db;
use crate::spaces::cache::Cache;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Spaces as the database has them, checked at each use (`spaces::cache`).
    pub spaces: Cache,
    /// Recent availability answers, dropped by the database's notifications
    /// (`bookings::busy_cache`; PostgreSQL only).
    pub busy: crate::bookings::busy_cache::BusyCache,
    /// Where bookings are written (group commit on SQLite; `bookings::commit`).
    pub bookings: Writer,
    /// API tokens' last use, written in batches (`auth::tokens::UseMarks`).
    pub token_marks: crate::auth::tokens::UseMarks,
    /// Rate limits kept in memory (`http::limits`).
    pub limits: crate::http::limits::Limits,
}
