//! Checking people in at the door: a ticket's short code (typed, or read from its QR by a
//! scanner or the camera) marks attendance once; a repeat says who and when.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::model::{Event, RegStatus, Registration, Status};
use super::{organises, storage};
use crate::accounts::{CurrentUser, Role};
use crate::bookings::model::normalize_code;
use crate::clock;
use crate::db::Db;
use crate::error::Error;

/// Check-in opens this long before the start…
pub const EARLY: Duration = Duration::hours(2);
/// …and closes this long after the end.
pub const LATE: Duration = Duration::hours(2);

/// What a scan did.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CheckIn {
    /// `checked_in` now, or `already` (checked in before, at `checked_in_at`).
    pub result: CheckInResult,
    pub registration: Registration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckInResult {
    CheckedIn,
    Already,
}

/// Whether the caller may check people in: the event's organisers, and the space
/// managers of the location whose resource it is held at (the front desk helps at the door).
pub async fn may_check_in(db: &Db, user: &CurrentUser, event: &Event) -> Result<bool, Error> {
    if organises(db, user, event).await? {
        return Ok(true);
    }
    let Some(resource) = event.place.resource_id() else {
        return Ok(false);
    };
    let Some(resource) = crate::spaces::storage::resource(db, resource).await? else {
        return Ok(false);
    };
    let Some(location) = crate::spaces::storage::location(db, resource.location_id).await? else {
        return Ok(false);
    };
    crate::org::holds_over(db, user, &[Role::SpaceManager], location.unit_id).await
}

/// Whether the door is open at `now`.
pub fn window_open(event: &Event, now: DateTime<Utc>) -> bool {
    now >= event.start - EARLY && now < event.end + LATE
}

/// Checks in the ticket with this code at this event.
pub async fn check_in(
    db: &Db,
    actor: &CurrentUser,
    event: &Event,
    raw_code: &str,
) -> Result<CheckIn, Error> {
    if !may_check_in(db, actor, event).await? {
        return Err(Error::Forbidden);
    }
    let code = normalize_code(raw_code).ok_or_else(|| Error::invalid("code", "invalid_code"))?;
    let found = storage::registration_by_code(db, &code)
        .await?
        .filter(|r| r.event_id == event.id)
        .ok_or(Error::Conflict("event_ticket_unknown"))?;
    if event.status == Status::Cancelled {
        return Err(Error::Conflict("event_cancelled"));
    }
    if found.checked_in_at.is_some() {
        return Ok(CheckIn {
            result: CheckInResult::Already,
            registration: found,
        });
    }
    match found.status {
        RegStatus::Registered => {}
        RegStatus::Waitlisted => return Err(Error::Conflict("event_ticket_waitlisted")),
        RegStatus::Cancelled => return Err(Error::Conflict("event_ticket_cancelled")),
    }
    if !window_open(event, clock::now()) {
        return Err(Error::Conflict("event_check_in_closed"));
    }
    let mut tx = db.begin().await?;
    let moved = storage::check_in(&mut tx, found.id, actor.id).await?;
    tx.commit().await?;
    let fresh = storage::registration(db, found.id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(CheckIn {
        result: if moved {
            CheckInResult::CheckedIn
        } else {
            CheckInResult::Already
        },
        registration: fresh,
    })
}
