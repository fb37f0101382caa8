//! The background task that keeps bookings' statuses true to the clock, inside Ortaq (no
//! external cron): every minute it releases bookings not checked in within their window
//! as no-shows (the resource is free again), completes bookings that are over, and
//! declines pending ones whose start passed without a decision. Each step is one UPDATE
//! guarded by the current status, so several instances sweeping at once agree.

use std::time::Duration;

use super::busy_cache::BusyCache;
use super::storage;
use crate::clock;
use crate::db::Db;

/// How often the sweep runs.
pub const EVERY: Duration = Duration::from_secs(60);

/// Sweeps now and then every [`EVERY`], until the task is aborted. A sweep that changed
/// bookings is told to the availability cache (`busy_cache`).
pub async fn run(db: Db, busy: BusyCache) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match storage::sweep(&db, clock::now()).await {
            Ok(swept) if swept != storage::Swept::default() => {
                busy.wrote();
                tracing::info!(
                    no_shows = swept.no_shows,
                    completed = swept.completed,
                    expired = swept.expired,
                    "bookings swept"
                );
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "bookings sweep failed; retrying next minute"),
        }
    }
}
