//! What registrants are told in-app (`crate::notifications`), inside the write
//! transaction that made the change: a promotion from the waitlist, a cancelled event.

use super::model::Event;
use crate::db::Tx;
use crate::error::Error;

/// The first of the waitlist got a place.
pub async fn promoted(tx: &mut Tx, user_id: i64, event: &Event) -> Result<(), Error> {
    send(tx, user_id, event, "event-promoted").await
}

/// The event the member registered for is cancelled.
pub async fn cancelled(tx: &mut Tx, user_id: i64, event: &Event) -> Result<(), Error> {
    send(tx, user_id, event, "event-cancelled").await
}

async fn send(_tx: &mut Tx, _user_id: i64, _event: &Event, _kind: &str) -> Result<(), Error> {
    // Wired to `crate::notifications::send` once it is on main.
    Ok(())
}
