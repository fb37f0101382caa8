//! What registrants are told in-app (`crate::notifications`), inside the write
//! transaction that made the change: a promotion from the waitlist, a cancelled event.
//! The messages are `notice-event-promoted` and `notice-event-cancelled` (events.ftl).

use super::model::Event;
use crate::db::Tx;
use crate::error::Error;
use crate::notifications::{self, Notice};

fn notice(kind: &str, event: &Event) -> Notice {
    Notice::new(kind)
        .text("title", event.title.clone())
        .at("when", event.start)
        .link(format!("/events/{}", event.id))
}

/// The first of the waitlist got a place.
pub async fn promoted(tx: &mut Tx, user_id: i64, event: &Event) -> Result<(), Error> {
    notifications::send(tx, user_id, &notice("event-promoted", event)).await
}

/// The event the members registered (or waited) for is cancelled.
pub async fn cancelled(tx: &mut Tx, user_ids: &[i64], event: &Event) -> Result<(), Error> {
    notifications::send_many(tx, user_ids, &notice("event-cancelled", event)).await
}
