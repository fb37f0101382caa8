//! Making, cancelling, approving and checking in bookings: the rules of who may do what,
//! around the storage's no-overlap guarantee.

use std::net::IpAddr;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::commit::Writer;
use super::model::{Booking, Interval, Status};
use super::rules::{self, Rules, Surroundings};
use super::storage::{self, NewBooking};
use crate::accounts::{CurrentUser, Role};
use crate::audit;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, FieldError};
use crate::notifications::{self, Notice};
use crate::org;
use crate::spaces::cache::{Cache as SpacesCache, Placed};
use crate::spaces::{self, Access, Location, Resource};

/// The longest purpose a booking may carry.
pub const PURPOSE_MAX: usize = 200;

/// A booking request, parsed.
#[derive(Clone, Debug)]
pub struct Request {
    pub resource_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub purpose: Option<String>,
    /// Staff booking for a member; `None`: for the caller.
    pub for_user: Option<i64>,
    /// Staff setting the rules aside, and why.
    pub override_reason: Option<String>,
    /// The initiative the booking carries out, linked in the booking's own transaction
    /// (`initiatives::milestones::link_in`); the caller has checked that the actor may
    /// link to it (`initiatives::milestones::require_keeper`).
    pub initiative_id: Option<i64>,
}

/// Checks a purpose or an override reason: trimmed, at most [`PURPOSE_MAX`] characters.
pub fn parse_note(field: &'static str, raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let note = raw.map(str::trim).filter(|s| !s.is_empty());
    match note {
        Some(n) if n.chars().count() > PURPOSE_MAX => {
            Err(FieldError::new(field, "too_long").with_limit(PURPOSE_MAX as i64))
        }
        other => Ok(other.map(str::to_string)),
    }
}

/// Everything a request is judged against.
pub struct Setting {
    /// The resource with its location, rules, access and closures (`spaces::cache`).
    pub place: Arc<Placed>,
    /// The caller manages the location's spaces (space manager or admin over its unit).
    pub staff: bool,
    /// Whom the booking is for.
    pub user_id: i64,
    pub override_reason: Option<String>,
}

impl Setting {
    pub fn resource(&self) -> &Resource {
        &self.place.resource
    }

    pub fn location(&self) -> &Location {
        &self.place.location
    }

    pub fn rules(&self) -> &Rules {
        &self.place.rules
    }
}

/// Whether `user` manages the spaces of a location.
pub async fn manages(db: &Db, user: &CurrentUser, location: &Location) -> Result<bool, Error> {
    org::holds_over(
        db,
        user,
        &[Role::SpaceManager, Role::Admin],
        location.unit_id,
    )
    .await
}

/// Finds the resource, its location and rules (in the checked spaces cache), and decides
/// whether the caller may book it for that member at all.
pub async fn setting(
    db: &Db,
    spaces: &SpacesCache,
    actor: &CurrentUser,
    req: &Request,
) -> Result<Setting, Error> {
    let snapshot = spaces.fresh(db).await?;
    let place = snapshot
        .resource(req.resource_id)
        .ok_or_else(|| Error::invalid("resource_id", "unknown"))?
        .clone();
    if !place.resource.active {
        return Err(Error::Rule {
            code: "resource_inactive",
            limit: None,
        });
    }
    let staff = manages(db, actor, &place.location).await?;
    let user_id = req.for_user.unwrap_or(actor.id);
    if (user_id != actor.id || req.override_reason.is_some()) && !staff {
        return Err(Error::Forbidden);
    }
    if !staff && !may_book(db, actor, &place.access).await? {
        return Err(Error::Rule {
            code: "booking_not_allowed",
            limit: None,
        });
    }
    Ok(Setting {
        place,
        staff,
        user_id,
        override_reason: req.override_reason.clone(),
    })
}

/// Whether a member may book a resource with this access list: everyone, unless it names
/// roles or units; then holders of such a role, or members of such a unit or a unit below it.
pub async fn may_book(db: &Db, user: &CurrentUser, access: &[Access]) -> Result<bool, Error> {
    if access.is_empty() {
        return Ok(true);
    }
    for entry in access {
        match entry {
            Access::Role(role) if user.has_role_anywhere(*role) => return Ok(true),
            Access::Unit(unit)
                if org::holds_over(db, user, &[Role::Coordinator], *unit).await? =>
            {
                return Ok(true);
            }
            _ => {}
        }
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
        if access
            .iter()
            .any(|a| matches!(a, Access::Unit(u) if line.contains(u)))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Judges one interval by the rules inside the write transaction (so that quotas and
/// buffers cannot be raced), unless staff set the rules aside.
pub async fn judge(
    tx: &mut Tx,
    s: &Setting,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(), Error> {
    if s.override_reason.is_some() {
        // Staff set the rules aside, not the longest booking the storage looks back for.
        return if end <= start {
            Err(Error::Rule {
                code: "booking_empty",
                limit: None,
            })
        } else if end - start > storage::LONGEST {
            Err(Error::Rule {
                code: "booking_too_long",
                limit: Some(storage::LONGEST.num_minutes()),
            })
        } else {
            Ok(())
        };
    }
    let (resource, location, r) = (s.resource(), s.location(), s.rules());
    let tz = location.time_zone;
    if r.per_day.is_some() || r.per_week.is_some() {
        storage::lock(tx, 1, s.user_id).await?;
    }
    if r.buffer_minutes > 0 {
        storage::lock(tx, 2, resource.id).await?;
    }
    let buffer = Duration::minutes(r.buffer_minutes.into());
    let neighbours = if r.buffer_minutes > 0 {
        storage::live_in(tx, resource.id, start - buffer, end + buffer).await?
    } else {
        vec![]
    };
    let ((day_from, day_to), week) = rules::day_and_week(tz, start);
    let (same_day, same_week) = if r.per_day.is_some() || r.per_week.is_some() {
        // The local day lies within its ISO week: one count over the wider window.
        storage::count_for_member(
            tx,
            s.user_id,
            location.id,
            &resource.kind,
            (day_from, day_to),
            r.per_week.is_some().then_some(week),
        )
        .await?
    } else {
        (0, 0)
    };
    check(s, now, (start, end), &neighbours, (same_day, same_week))
}

/// [`rules::check`] of `[start, end)` under the setting, with the location's closures that
/// meet it (they come with the rules: staff data, read before the transaction like them),
/// the neighbours read for a buffer, and the member's counts `(same day, same week)`.
fn check(
    s: &Setting,
    now: DateTime<Utc>,
    (start, end): Interval,
    neighbours: &[Interval],
    (same_day, same_week): (i64, i64),
) -> Result<(), Error> {
    let closures: Vec<Interval> = s
        .place
        .closures
        .iter()
        .filter(|c| c.start < end && start < c.end)
        .map(|c| (c.start, c.end))
        .collect();
    let location = s.location();
    rules::check(
        s.rules(),
        location.time_zone,
        now,
        start,
        end,
        &Surroundings {
            hours: &location.hours,
            closures: &closures,
            neighbours,
            same_day,
            same_week,
        },
    )
}

/// Whether the usual way applies to a setting ([`judge_but_quotas`]): not where staff set
/// the rules aside, nor where the resource keeps a buffer between bookings (its
/// neighbours must be read).
fn usual(s: &Setting) -> bool {
    s.override_reason.is_none() && s.rules().buffer_minutes == 0
}

/// [`judge`] without the quota counts, for the usual booking: every other rule judged
/// here, the quotas handed to the insert, which counts them itself
/// (`storage::insert_within`), so a booking that passes takes one statement. `None` where
/// this does not apply (see [`usual`]). The transaction holds [`Job::locks`] already.
fn judge_but_quotas<'s>(
    s: &'s Setting,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<storage::Quota<'s>>, Error> {
    let (resource, location, r) = (s.resource(), s.location(), s.rules());
    if !usual(s) {
        return Ok(None);
    }
    check(s, now, (start, end), &[], (0, 0))?;
    let (day, week) = rules::day_and_week(location.time_zone, start);
    Ok(Some(storage::Quota {
        location_id: location.id,
        kind: &resource.kind,
        per_day: r.per_day.map(|limit| (i64::from(limit), day)),
        per_week: r.per_week.map(|limit| (i64::from(limit), week)),
    }))
}

/// The new booking's status and check-in deadline under the setting.
pub fn new_booking<'a>(
    s: &'a Setting,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    purpose: Option<&'a str>,
    series_id: Option<i64>,
    actor_id: i64,
) -> NewBooking<'a> {
    let rules = s.rules();
    NewBooking {
        resource_id: s.resource().id,
        user_id: s.user_id,
        // Staff booking the hall themselves need no one's approval.
        status: if rules.needs_approval && !s.staff {
            Status::Pending
        } else {
            Status::Confirmed
        },
        start,
        end,
        purpose,
        series_id,
        check_in_by: rules
            .check_in_minutes
            .map(|m| (start + Duration::minutes(m.into())).min(end)),
        booked_by: (s.user_id != actor_id).then_some(actor_id),
        override_reason: s.override_reason.as_deref(),
    }
}

/// One booking to write: a request judged against its setting, by `actor_id` from `ip`.
pub struct Job {
    pub setting: Setting,
    pub actor_id: i64,
    pub ip: IpAddr,
    /// When the request arrived: the rules judge "in the past", "too soon" against it.
    pub now: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub purpose: Option<String>,
    /// The initiative to link the booking to (see [`Request::initiative_id`]).
    pub initiative_id: Option<i64>,
}

impl Job {
    /// The advisory locks (PostgreSQL) the transaction writing this job must begin with
    /// (`Db::begin_locked`): for the usual booking, the member's when a quota is counted
    /// and the resource's; none otherwise ([`judge`] takes what it needs).
    pub fn locks(&self) -> Vec<(i32, i32)> {
        let s = &self.setting;
        if !usual(s) {
            return vec![];
        }
        let counted = s.rules().per_day.is_some() || s.rules().per_week.is_some();
        storage::booking_locks(counted.then_some(s.user_id), s.resource().id)
    }

    /// Whether [`write`] writes one row and nothing else: no initiative to link, no audit
    /// entry (a member booking for themselves under the rules). A refusal of such a job
    /// leaves nothing to undo: a broken rule is found before the insert, and SQLite backs
    /// out just the insert the no-overlap trigger aborts.
    pub fn writes_once(&self) -> bool {
        self.initiative_id.is_none()
            && self.setting.user_id == self.actor_id
            && self.setting.override_reason.is_none()
    }
}

/// Books one interval. A taken interval answers `booking_conflict` with the booking in
/// the way; a broken rule answers its own code.
///
/// What needs no lock is read first, concurrently (the caller, the resource and its
/// rules); then the job goes to the [`Writer`], which judges it under the write lock and
/// inserts it (on SQLite, together with the other requests waiting: one commit for all).
pub async fn book(
    db: &Db,
    spaces: &SpacesCache,
    writer: &Writer,
    actor: &CurrentUser,
    ip: IpAddr,
    req: &Request,
) -> Result<Booking, Error> {
    let setting = setting(db, spaces, actor, req).await?;
    let job = Job {
        setting,
        actor_id: actor.id,
        ip,
        now: clock::now(),
        start: req.start,
        end: req.end,
        purpose: req.purpose.clone(),
        initiative_id: req.initiative_id,
    };
    writer.book(db, job).await
}

/// Judges and writes one job in an open write transaction: nothing is written when it is
/// refused (a rule, or the database's no-overlap guard).
///
/// The usual booking is judged without its quota counts and inserted with them as the
/// insert's own condition ([`judge_but_quotas`]); only when a quota turns out full is it
/// judged in full, which names the quota. On PostgreSQL the transaction must hold
/// [`Job::locks`] (begun with `Db::begin_locked`); SQLite's writer needs none.
pub async fn write(tx: &mut Tx, job: &Job) -> Result<Booking, Error> {
    let s = &job.setting;
    let new = new_booking(
        s,
        job.start,
        job.end,
        job.purpose.as_deref(),
        None,
        job.actor_id,
    );
    let quick = match judge_but_quotas(s, job.now, job.start, job.end)? {
        Some(quota) => storage::insert_within(tx, &new, &quota).await?,
        None => None,
    };
    let booking = match quick {
        Some(booking) => booking,
        None => {
            judge(tx, s, job.now, job.start, job.end).await?;
            storage::insert(tx, &new).await?
        }
    };
    if let Some(initiative) = job.initiative_id {
        crate::initiatives::milestones::link_in(
            tx,
            initiative,
            "booking",
            booking.id,
            Some(job.actor_id),
        )
        .await?;
    }
    if booking.booked_by.is_some() || booking.override_reason.is_some() {
        audit::record(
            tx,
            Some(job.actor_id),
            "booking.create",
            "booking",
            Some(booking.id),
            json!({"for": booking.user_id, "resource": booking.resource_id,
                   "start": booking.start, "end": booking.end,
                   "override_reason": booking.override_reason}),
            Some(job.ip),
        )
        .await?;
    }
    Ok(booking)
}

/// The conflict error, naming the live booking in the way of `[start, end)`.
pub async fn conflict(
    db: &Db,
    resource_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Error {
    match storage::first_live_overlap(db, resource_id, start, end).await {
        Ok(Some((start, end))) => Error::BookingConflict { start, end },
        Ok(None) => Error::BookingConflict { start, end },
        Err(e) => e,
    }
}

/// A booking the caller may see: their own, or any at a location they manage.
pub async fn visible(db: &Db, actor: &CurrentUser, id: i64) -> Result<(Booking, bool), Error> {
    let booking = storage::find(db, id).await?.ok_or(Error::NotFound)?;
    let staff = staff_of(db, actor, &booking).await?;
    if booking.user_id != Some(actor.id) && !staff {
        return Err(Error::NotFound);
    }
    Ok((booking, staff))
}

async fn staff_of(db: &Db, actor: &CurrentUser, booking: &Booking) -> Result<bool, Error> {
    let Some(resource) = spaces::storage::resource(db, booking.resource_id).await? else {
        return Ok(false);
    };
    let Some(location) = spaces::storage::location(db, resource.location_id).await? else {
        return Ok(false);
    };
    manages(db, actor, &location).await
}

/// Which occurrences a cancellation covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelScope {
    One,
    /// This occurrence and every later one of its series.
    Following,
}

/// Cancels a booking (or it and the rest of its series); returns how many were cancelled.
pub async fn cancel(
    db: &Db,
    actor: &CurrentUser,
    ip: IpAddr,
    id: i64,
    scope: CancelScope,
) -> Result<u64, Error> {
    let (booking, staff) = visible(db, actor, id).await?;
    if !matches!(booking.status, Status::Pending | Status::Confirmed) {
        return Err(Error::Conflict("booking_not_cancellable"));
    }
    let mut tx = db.begin().await?;
    let n = match (scope, booking.series_id) {
        (CancelScope::Following, Some(series)) => {
            storage::cancel_series_from(&mut tx, series, booking.start).await?
        }
        _ => u64::from(
            storage::transition(
                &mut tx,
                id,
                &[Status::Pending, Status::Confirmed],
                Status::Cancelled,
                None,
                None,
            )
            .await?,
        ),
    };
    if n == 0 {
        return Err(Error::Conflict("booking_not_cancellable"));
    }
    if staff && booking.user_id != Some(actor.id) {
        audit::record(
            &mut tx,
            Some(actor.id),
            "booking.cancel",
            "booking",
            Some(id),
            json!({"for": booking.user_id, "cancelled": n, "following": scope == CancelScope::Following}),
            Some(ip),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}

/// A space manager's decision on a pending booking.
pub async fn decide(
    db: &Db,
    actor: &CurrentUser,
    ip: IpAddr,
    id: i64,
    approve: bool,
    reason: Option<&str>,
) -> Result<Booking, Error> {
    let booking = storage::find(db, id).await?.ok_or(Error::NotFound)?;
    if !staff_of(db, actor, &booking).await? {
        return Err(Error::Forbidden);
    }
    let reason = parse_note("reason", reason).map_err(|e| Error::Invalid(vec![e]))?;
    if !approve && reason.is_none() {
        return Err(Error::invalid("reason", "required"));
    }
    let resource_name = spaces::storage::resource(db, booking.resource_id)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let mut tx = db.begin().await?;
    let to = if approve {
        Status::Confirmed
    } else {
        Status::Declined
    };
    if !storage::transition(
        &mut tx,
        id,
        &[Status::Pending],
        to,
        Some(actor.id),
        reason.as_deref(),
    )
    .await?
    {
        return Err(Error::Conflict("booking_not_pending"));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        if approve {
            "booking.approve"
        } else {
            "booking.decline"
        },
        "booking",
        Some(id),
        json!({"for": booking.user_id, "reason": reason}),
        Some(ip),
    )
    .await?;
    // The member hears the answer in the app, with the reason of a refusal.
    if let Some(member) = booking.user_id {
        let mut notice = Notice::new(if approve {
            "booking-confirmed"
        } else {
            "booking-declined"
        })
        .text("resource", resource_name)
        .at("start", booking.start)
        .link(format!("/bookings/{id}"));
        if let Some(reason) = &reason {
            notice = notice.arg("reason", reason.clone());
        }
        notifications::send(&mut tx, member, &notice).await?;
    }
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// How early before its start a booking may be checked in.
pub const EARLY_CHECK_IN: Duration = Duration::minutes(15);

/// Why a check-in did not happen.
#[derive(Debug)]
pub enum CheckInRefusal {
    /// Already checked in, at that time.
    Already(DateTime<Utc>),
    TooEarly,
    NotConfirmed(Status),
}

/// Checks a booking in: staff at the front desk (by code), or its member at the resource.
pub async fn check_in(
    db: &Db,
    booking: &Booking,
    now: DateTime<Utc>,
) -> Result<Result<Booking, CheckInRefusal>, Error> {
    match booking.status {
        Status::CheckedIn => {
            return Ok(Err(CheckInRefusal::Already(
                booking.checked_in_at.unwrap_or(booking.start),
            )));
        }
        Status::Confirmed => {}
        other => return Ok(Err(CheckInRefusal::NotConfirmed(other))),
    }
    if now < booking.start - EARLY_CHECK_IN {
        return Ok(Err(CheckInRefusal::TooEarly));
    }
    if now >= booking.end || booking.check_in_by.is_some_and(|by| now >= by) {
        return Ok(Err(CheckInRefusal::NotConfirmed(Status::NoShow)));
    }
    let mut tx = db.begin().await?;
    let moved = storage::transition(
        &mut tx,
        booking.id,
        &[Status::Confirmed],
        Status::CheckedIn,
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    let fresh = storage::find(db, booking.id)
        .await?
        .ok_or(Error::NotFound)?;
    if moved {
        Ok(Ok(fresh))
    } else if fresh.status == Status::CheckedIn {
        Ok(Err(CheckInRefusal::Already(
            fresh.checked_in_at.unwrap_or(fresh.start),
        )))
    } else {
        Ok(Err(CheckInRefusal::NotConfirmed(fresh.status)))
    }
}

impl CheckInRefusal {
    /// The refusal as an API error.
    pub fn into_error(self) -> Error {
        match self {
            CheckInRefusal::Already(_) => Error::Conflict("already_checked_in"),
            CheckInRefusal::TooEarly => Error::Rule {
                code: "check_in_too_early",
                limit: Some(EARLY_CHECK_IN.num_minutes()),
            },
            CheckInRefusal::NotConfirmed(Status::Pending) => {
                Error::Conflict("booking_not_confirmed")
            }
            CheckInRefusal::NotConfirmed(Status::NoShow) => Error::Conflict("booking_released"),
            CheckInRefusal::NotConfirmed(_) => Error::Conflict("booking_not_active"),
        }
    }
}

/// Whether staff may run the front desk of any location (space manager or admin somewhere).
pub fn front_desk_staff(user: &CurrentUser) -> bool {
    user.has_role_anywhere(Role::SpaceManager) || user.has_role_anywhere(Role::Admin)
}

/// Refuses (403) anyone who does not manage the booking's location, before what they sent
/// is read (a decision is staff's).
pub async fn require_manager(db: &Db, actor: &CurrentUser, id: i64) -> Result<(), Error> {
    let booking = storage::find(db, id).await?.ok_or(Error::NotFound)?;
    if !staff_of(db, actor, &booking).await? {
        return Err(Error::Forbidden);
    }
    Ok(())
}

/// Whether the caller manages the location of a booking.
pub async fn manages_booking(
    db: &Db,
    actor: &CurrentUser,
    booking: &Booking,
) -> Result<bool, Error> {
    staff_of(db, actor, booking).await
}
