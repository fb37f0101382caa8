//! Registering for an event, cancelling, the waitlist and its promotion, guests.
//!
//! Every change to an event's registrations happens in one write transaction that first
//! reads the event with [`storage::lock`]: on PostgreSQL that locks the event's row
//! (`SELECT … FOR UPDATE`), on SQLite the transaction began `IMMEDIATE`. So the count of
//! places held, the choice between a place and the waitlist, and the write are one step:
//! capacity is never exceeded, and the waitlist is in arrival order (`queue_no`).
//! The database adds one registration per person per event (unique indexes).

use std::net::IpAddr;

use serde_json::json;

use super::model::{Audience, Event, Guest, RegStatus, Registration, Status};
use super::storage::{self, NewRegistration};
use super::{notify, organises};
use crate::accounts::CurrentUser;
use crate::auth::{random_token, secret_hash};
use crate::bookings::model::new_code;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, ResultExt};
use crate::{audit, org};

/// Who is registering.
pub enum Who<'a> {
    /// The signed-in caller.
    Me(&'a CurrentUser),
    /// A guest without an account (public events only).
    Guest(&'a Guest),
    /// A member an organiser adds by hand.
    AddedBy(&'a CurrentUser, i64),
}

/// A registration just made, with a guest's ticket secret (shown once).
pub struct Registered {
    pub registration: Registration,
    pub guest_token: Option<String>,
}

/// Whether a member may register for the event (its audience).
pub async fn eligible(db: &Db, user: &CurrentUser, event: &Event) -> Result<bool, Error> {
    match event.audience {
        Audience::Everyone | Audience::Members => Ok(true),
        Audience::Units => {
            if organises(db, user, event).await? {
                return Ok(true);
            }
            let units: Vec<i64> = crate::members::storage::memberships_of(db, user.id)
                .await?
                .into_iter()
                .filter(|m| m.ended_on.is_none() && m.status == "active")
                .map(|m| m.unit_id)
                .collect();
            for unit in units {
                let mut line = org::storage::ancestors(db, unit).await?;
                line.push(unit);
                if event.audience_unit_ids.iter().any(|u| line.contains(u)) {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// Whether the caller may see the event at all: published ones are public; drafts are
/// their organisers'.
pub async fn visible(db: &Db, user: Option<&CurrentUser>, event: &Event) -> Result<bool, Error> {
    if event.status != Status::Draft {
        return Ok(true);
    }
    match user {
        Some(u) => organises(db, u, event).await,
        None => Ok(false),
    }
}

/// Registers someone; answers whether they hold a place or wait for one.
pub async fn register(
    db: &Db,
    ip: IpAddr,
    event_id: i64,
    who: Who<'_>,
) -> Result<Registered, Error> {
    let event = storage::find(db, event_id).await?.ok_or(Error::NotFound)?;
    let by_organiser = match &who {
        Who::Me(user) => {
            if !visible(db, Some(*user), &event).await? {
                return Err(Error::NotFound);
            }
            if !eligible(db, user, &event).await? {
                return Err(Error::Rule {
                    code: "event_not_for_you",
                    limit: None,
                });
            }
            None
        }
        Who::Guest(_) => {
            if event.status == Status::Draft {
                return Err(Error::NotFound);
            }
            if event.audience != Audience::Everyone {
                return Err(Error::Rule {
                    code: "event_members_only",
                    limit: None,
                });
            }
            None
        }
        Who::AddedBy(actor, _) => {
            if !organises(db, actor, &event).await? {
                return Err(Error::Forbidden);
            }
            Some(actor.id)
        }
    };
    let user_id = match &who {
        Who::Me(user) => Some(user.id),
        Who::AddedBy(_, member) => {
            crate::accounts::storage::find(db, *member)
                .await?
                .filter(|u| u.deleted_at.is_none() && u.disabled_at.is_none())
                .ok_or_else(|| Error::invalid("user_id", "unknown"))?;
            Some(*member)
        }
        Who::Guest(_) => None,
    };
    let guest = match &who {
        Who::Guest(g) => Some(*g),
        _ => None,
    };
    let now = clock::now();
    let mut tx = db.begin().await?;
    let event = storage::lock(&mut tx, event_id)
        .await?
        .ok_or(Error::NotFound)?;
    match (by_organiser, event.registration_refusal(now)) {
        (_, None) => {}
        // Organisers add people after the window closed, not to a cancelled or past event.
        (Some(_), Some("event_registration_closed" | "event_registration_not_open")) => {}
        (_, Some(code)) => return Err(Error::Conflict(code)),
    }
    let existing = match (user_id, guest) {
        (Some(user), _) => storage::registration_of(&mut tx, event_id, user).await?,
        (None, Some(g)) => storage::guest_registration(&mut tx, event_id, &g.email).await?,
        (None, None) => None,
    };
    if existing
        .as_ref()
        .is_some_and(|r| r.status != RegStatus::Cancelled)
    {
        return Err(Error::Conflict("event_already_registered"));
    }
    let (registered, next) = storage::tally(&mut tx, event_id).await?;
    let status = if registered < i64::from(event.capacity) {
        RegStatus::Registered
    } else {
        RegStatus::Waitlisted
    };
    let token = guest.map(|_| random_token(32));
    let id = match existing {
        Some(old) => {
            storage::revive(&mut tx, old.id, status, next, by_organiser).await?;
            old.id
        }
        None => {
            let code = new_code();
            let token_hash = token.as_deref().map(secret_hash);
            storage::insert_registration(
                &mut tx,
                &NewRegistration {
                    event_id,
                    user_id,
                    guest,
                    status,
                    queue_no: next,
                    code: &code,
                    token_hash: token_hash.as_deref(),
                    added_by: by_organiser,
                },
            )
            .await
            .on_constraint("event_registrations_event_id_user_id_key", || {
                Error::Conflict("event_already_registered")
            })?
        }
    };
    if let Some(actor) = by_organiser {
        audit::record(
            &mut tx,
            Some(actor),
            "event.registration_add",
            "event",
            Some(event_id),
            json!({"member": user_id, "status": status.as_str()}),
            Some(ip),
        )
        .await?;
    }
    tx.commit().await?;
    let mut registration = storage::registration(db, id)
        .await?
        .ok_or(Error::NotFound)?;
    with_position(db, &mut registration).await?;
    Ok(Registered {
        registration,
        guest_token: token,
    })
}

/// Fills in the waitlist position of a waitlisted registration.
pub async fn with_position(db: &Db, r: &mut Registration) -> Result<(), Error> {
    if r.status == RegStatus::Waitlisted {
        r.waitlist_position = Some(storage::waitlist_position(db, r.event_id, r.queue_no).await?);
    }
    Ok(())
}

/// Cancels one registration inside a transaction that locked its event; if it held a
/// place, the first of the waitlist gets it at once and is told.
async fn cancel_in(tx: &mut Tx, event: &Event, r: &Registration) -> Result<Option<i64>, Error> {
    if r.checked_in_at.is_some() {
        return Err(Error::Conflict("event_already_checked_in"));
    }
    if !storage::set_reg_status(tx, r.id, r.status, RegStatus::Cancelled).await? {
        return Err(Error::Conflict("event_not_registered"));
    }
    if r.status != RegStatus::Registered {
        return Ok(None);
    }
    if event.status_at(clock::now()) != Status::Published {
        return Ok(None);
    }
    let Some(next) = storage::first_waitlisted(tx, event.id).await? else {
        return Ok(None);
    };
    storage::set_reg_status(tx, next.id, RegStatus::Waitlisted, RegStatus::Registered).await?;
    if let Some(user) = next.user_id {
        notify::promoted(tx, user, event).await?;
    }
    Ok(Some(next.id))
}

/// The caller cancels their registration (or leaves the waitlist).
pub async fn cancel_mine(db: &Db, user: &CurrentUser, event_id: i64) -> Result<Option<i64>, Error> {
    let mut tx = db.begin().await?;
    let event = storage::lock(&mut tx, event_id)
        .await?
        .ok_or(Error::NotFound)?;
    let r = storage::registration_of(&mut tx, event_id, user.id)
        .await?
        .filter(|r| r.status != RegStatus::Cancelled)
        .ok_or(Error::Conflict("event_not_registered"))?;
    let promoted = cancel_in(&mut tx, &event, &r).await?;
    tx.commit().await?;
    Ok(promoted)
}

/// Cancels a registration by its id (a guest through their ticket, or organisers).
pub async fn cancel_by_id(db: &Db, registration_id: i64) -> Result<Option<i64>, Error> {
    let r = storage::registration(db, registration_id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut tx = db.begin().await?;
    let event = storage::lock(&mut tx, r.event_id)
        .await?
        .ok_or(Error::NotFound)?;
    let r = storage::registration_in(&mut tx, registration_id)
        .await?
        .filter(|r| r.status != RegStatus::Cancelled)
        .ok_or(Error::Conflict("event_not_registered"))?;
    let promoted = cancel_in(&mut tx, &event, &r).await?;
    tx.commit().await?;
    Ok(promoted)
}

/// A guest's registration from their ticket's secret.
pub async fn by_guest_token(db: &Db, token: &str) -> Result<Option<Registration>, Error> {
    if token.len() != 43 {
        return Ok(None);
    }
    storage::registration_by_token(db, &secret_hash(token)).await
}
