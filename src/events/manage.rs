//! What organisers do to an event: create, edit, publish, cancel, close registration —
//! each checked once here, written with its audit entry in one transaction. An event at a
//! resource of the center holds that resource through an ordinary booking (owned by the
//! organiser, marked with `event_id`), written in the same transaction, so the bookings'
//! no-overlap guard refuses an event over a taken hall with `booking_conflict`.

use std::net::IpAddr;

use serde_json::json;

use super::model::{Draft, Event, Place, RegStatus, Status};
use super::{notify, organises, storage};
use crate::accounts::{CurrentUser, Role};
use crate::bookings::model::Status as BookingStatus;
use crate::bookings::storage::{self as bookings, NewBooking};
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, FieldError, ResultExt};
use crate::{audit, on_tx, org, spaces};

/// Roles that organise a unit's events (at the unit or above it).
pub const ORGANISER_ROLES: [Role; 2] = [Role::Coordinator, Role::Admin];

/// Checks what the database must confirm: the caller organises the unit, the units and
/// the resource exist.
async fn check(db: &Db, actor: &CurrentUser, d: &Draft) -> Result<(), Error> {
    if org::storage::find(db, d.unit_id).await?.is_none() {
        return Err(Error::invalid("unit_id", "unknown"));
    }
    if !org::holds_over(db, actor, &ORGANISER_ROLES, d.unit_id).await? {
        return Err(Error::Forbidden);
    }
    let mut errors = Vec::new();
    for unit in &d.partner_unit_ids {
        if org::storage::find(db, *unit).await?.is_none() {
            errors.push(FieldError::new("partner_unit_ids", "unknown"));
            break;
        }
    }
    for unit in &d.audience_unit_ids {
        if org::storage::find(db, *unit).await?.is_none() {
            errors.push(FieldError::new("audience_unit_ids", "unknown"));
            break;
        }
    }
    if let Place::Resource { resource_id } = d.place {
        match spaces::storage::resource(db, resource_id).await? {
            None => errors.push(FieldError::new("resource_id", "unknown")),
            Some(r) if !r.active => {
                return Err(Error::Rule {
                    code: "resource_inactive",
                    limit: None,
                });
            }
            Some(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// The purpose the hall booking carries: the event's title.
fn purpose(d: &Draft) -> String {
    let title = d
        .title
        .ru
        .as_deref()
        .or(d.title.kk.as_deref())
        .unwrap_or_default();
    title
        .chars()
        .take(crate::bookings::book::PURPOSE_MAX)
        .collect()
}

/// Books the event's resource inside `tx`; a taken interval is `booking_conflict`.
async fn book_place(
    tx: &mut Tx,
    d: &Draft,
    event_id: i64,
    owner: i64,
) -> Result<Option<i64>, Error> {
    let Place::Resource { resource_id } = d.place else {
        return Ok(None);
    };
    let purpose = purpose(d);
    let booking = bookings::insert(
        tx,
        &NewBooking {
            resource_id,
            user_id: owner,
            status: BookingStatus::Confirmed,
            start: d.start,
            end: d.end,
            purpose: Some(&purpose),
            series_id: None,
            // An event's booking is not released as a no-show: its organisers are there.
            check_in_by: None,
            booked_by: None,
            override_reason: None,
        },
    )
    .await?;
    storage::attach_booking(tx, booking.id, event_id).await?;
    Ok(Some(booking.id))
}

/// A `booking_conflict` raised inside a transaction names, once it is rolled back, the
/// booking in the way.
async fn named_conflict(db: &Db, d: &Draft, err: Error) -> Error {
    match (err, d.place.resource_id()) {
        (Error::BookingConflict { start, end }, Some(resource)) => {
            crate::bookings::book::conflict(db, resource, start, end).await
        }
        (other, _) => other,
    }
}

/// Creates an event (a draft, or published at once) with its hall booking.
pub async fn create(
    db: &Db,
    actor: &CurrentUser,
    ip: IpAddr,
    d: &Draft,
    publish: bool,
) -> Result<Event, Error> {
    create_for(db, actor, ip, d, publish, None).await
}

/// Creates an event that carries out an initiative: linked to it
/// (`initiatives::milestones::link_in`) in the same transaction as the event and its
/// booking, once the organiser may link to it (`initiatives::milestones::require_keeper`:
/// its author, team, or staff over its unit).
pub async fn create_for(
    db: &Db,
    actor: &CurrentUser,
    ip: IpAddr,
    d: &Draft,
    publish: bool,
    initiative: Option<i64>,
) -> Result<Event, Error> {
    check(db, actor, d).await?;
    if let Some(initiative) = initiative {
        crate::initiatives::milestones::require_keeper(db, actor, initiative).await?;
    }
    if publish && d.end <= clock::now() {
        return Err(Error::Conflict("event_over"));
    }
    let status = if publish {
        Status::Published
    } else {
        Status::Draft
    };
    let mut tx = db.begin().await?;
    let id = storage::insert(&mut tx, d, Some(actor.id), status).await?;
    let booking = match book_place(&mut tx, d, id, actor.id).await {
        Ok(b) => b,
        Err(err) => {
            drop(tx);
            return Err(named_conflict(db, d, err).await);
        }
    };
    if let Some(initiative) = initiative {
        crate::initiatives::milestones::link_in(&mut tx, initiative, "event", id, Some(actor.id))
            .await?;
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "event.create",
        "event",
        Some(id),
        json!({"unit": d.unit_id, "status": status.as_str(), "booking": booking,
               "start": d.start, "end": d.end, "capacity": d.capacity,
               "initiative": initiative}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// The event, if the caller organises it (404 for a draft they may not see, 403 else).
pub async fn organised(db: &Db, actor: &CurrentUser, id: i64) -> Result<Event, Error> {
    let event = storage::find(db, id).await?.ok_or(Error::NotFound)?;
    if organises(db, actor, &event).await? {
        Ok(event)
    } else if event.status == Status::Draft {
        Err(Error::NotFound)
    } else {
        Err(Error::Forbidden)
    }
}

/// Edits an event: its booking follows a new time or place; more places promote the
/// waitlist; fewer than those registered is refused.
pub async fn edit(
    db: &Db,
    actor: &CurrentUser,
    ip: IpAddr,
    id: i64,
    d: &Draft,
) -> Result<Event, Error> {
    let before = organised(db, actor, id).await?;
    check(db, actor, d).await?;
    let mut tx = db.begin().await?;
    let event = storage::lock(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if event.status == Status::Cancelled {
        return Err(Error::Conflict("event_cancelled"));
    }
    let (registered, _) = storage::tally(&mut tx, id).await?;
    if i64::from(d.capacity) < registered {
        return Err(Error::Invalid(vec![
            FieldError::new("capacity", "event_below_registered").with_limit(registered),
        ]));
    }
    storage::update(&mut tx, id, d).await?;
    if let Err(err) = move_place(&mut tx, &event, d, id, actor.id).await {
        drop(tx);
        return Err(named_conflict(db, d, err).await);
    }
    let fresh = storage::lock(&mut tx, id).await?.ok_or(Error::NotFound)?;
    fill_free_places(&mut tx, &fresh, registered).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "event.edit",
        "event",
        Some(id),
        json!({"old": {"start": before.start, "end": before.end, "capacity": before.capacity,
                       "place": before.place.kind(), "resource": before.place.resource_id()},
               "new": {"start": d.start, "end": d.end, "capacity": d.capacity,
                       "place": d.place.kind(), "resource": d.place.resource_id()}}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// The booking follows the event: same resource, new times (the guard judges the move);
/// another resource or none, the old booking is released and a new one made.
async fn move_place(
    tx: &mut Tx,
    event: &Event,
    d: &Draft,
    id: i64,
    owner: i64,
) -> Result<(), Error> {
    let current = storage::live_booking(tx, id).await?;
    match (current, d.place.resource_id()) {
        (Some((booking, resource, start, end)), Some(new_resource)) if resource == new_resource => {
            if start != d.start || end != d.end {
                let conflict = || Error::BookingConflict {
                    start: d.start,
                    end: d.end,
                };
                on_tx!(tx, conn => sqlx::query(
                    "UPDATE bookings SET start_at = $1, end_at = $2, updated_at = $3 WHERE id = $4")
                    .bind(d.start)
                    .bind(d.end)
                    .bind(clock::now())
                    .bind(booking)
                    .execute(conn)
                    .await
                    .map(|r| r.rows_affected()))
                .on_constraint("bookings_no_overlap", conflict)?;
            }
        }
        (current, _) => {
            if let Some((booking, ..)) = current {
                release(tx, booking).await?;
            }
            if event.status != Status::Cancelled {
                book_place(tx, d, id, owner).await?;
            }
        }
    }
    Ok(())
}

async fn release(tx: &mut Tx, booking: i64) -> Result<(), Error> {
    bookings::transition(
        tx,
        booking,
        &[
            BookingStatus::Pending,
            BookingStatus::Confirmed,
            BookingStatus::CheckedIn,
        ],
        BookingStatus::Cancelled,
        None,
        None,
    )
    .await?;
    Ok(())
}

/// Gives free places to the first of the waitlist, in order, and tells them.
pub async fn fill_free_places(tx: &mut Tx, event: &Event, registered: i64) -> Result<u32, Error> {
    let mut free = i64::from(event.capacity) - registered;
    let mut promoted = 0;
    if event.status == Status::Cancelled || event.end <= clock::now() {
        return Ok(0);
    }
    while free > 0 {
        let Some(next) = storage::first_waitlisted(tx, event.id).await? else {
            break;
        };
        if storage::set_reg_status(tx, next.id, RegStatus::Waitlisted, RegStatus::Registered)
            .await?
        {
            if let Some(user) = next.user_id {
                notify::promoted(tx, user, event).await?;
            }
            promoted += 1;
            free -= 1;
        }
    }
    Ok(promoted)
}

/// Publishes a draft.
pub async fn publish(db: &Db, actor: &CurrentUser, ip: IpAddr, id: i64) -> Result<Event, Error> {
    organised(db, actor, id).await?;
    let mut tx = db.begin().await?;
    let event = storage::lock(&mut tx, id).await?.ok_or(Error::NotFound)?;
    match event.status {
        Status::Draft => {}
        Status::Published => return Err(Error::Conflict("event_published")),
        Status::Cancelled => return Err(Error::Conflict("event_cancelled")),
        Status::Finished => return Err(Error::Conflict("event_over")),
    }
    if event.end <= clock::now() {
        return Err(Error::Conflict("event_over"));
    }
    storage::set_status(&mut tx, id, Status::Published).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "event.publish",
        "event",
        Some(id),
        json!({}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// Cancels an event: its hall is released and everyone registered or waiting is told.
pub async fn cancel(db: &Db, actor: &CurrentUser, ip: IpAddr, id: i64) -> Result<Event, Error> {
    organised(db, actor, id).await?;
    let mut tx = db.begin().await?;
    let event = storage::lock(&mut tx, id).await?.ok_or(Error::NotFound)?;
    match event.status_at(clock::now()) {
        Status::Cancelled => return Err(Error::Conflict("event_cancelled")),
        Status::Finished => return Err(Error::Conflict("event_over")),
        Status::Draft | Status::Published => {}
    }
    storage::set_status(&mut tx, id, Status::Cancelled).await?;
    let booking = storage::live_booking(&mut tx, id).await?;
    if let Some((booking, ..)) = booking {
        release(&mut tx, booking).await?;
    }
    let told = storage::live_members(&mut tx, id).await?;
    notify::cancelled(&mut tx, &told, &event).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "event.cancel",
        "event",
        Some(id),
        json!({"released_booking": booking.map(|b| b.0), "told": told.len()}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// Closes (or reopens) registration by hand.
pub async fn close_registration(
    db: &Db,
    actor: &CurrentUser,
    ip: IpAddr,
    id: i64,
    closed: bool,
) -> Result<Event, Error> {
    organised(db, actor, id).await?;
    let mut tx = db.begin().await?;
    storage::lock(&mut tx, id).await?.ok_or(Error::NotFound)?;
    storage::set_registration_closed(&mut tx, id, closed).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        if closed {
            "event.registration_close"
        } else {
            "event.registration_open"
        },
        "event",
        Some(id),
        json!({}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}
