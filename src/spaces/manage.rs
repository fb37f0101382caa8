//! Space administration: what space managers (and admins over the location's unit) change
//! about locations and resources. Each change is checked here once, for the API and the
//! pages alike, and written with its audit entry (old → new) in one transaction.

use std::net::IpAddr;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::model::{AMENITIES, Access, KINDS, Location, OpeningHours, Resource};
use super::storage::{self, Closure, NewLocation, RulesTarget};
use crate::accounts::{CurrentUser, Role};
use crate::audit;
use crate::bookings::book::manages;
use crate::bookings::rules::{day_start, local_instant};
use crate::bookings::storage::Filter;
use crate::bookings::{Booking, Rules};
use crate::db::Db;
use crate::error::{Error, FieldError};
use crate::i18n::Text;

/// Who makes a change, and from where (for the audit log).
#[derive(Clone, Copy)]
pub struct Staff<'a> {
    pub user: &'a CurrentUser,
    pub ip: IpAddr,
}

/// A location the user manages; 404 if there is none, 403 if it is not theirs.
pub async fn managed_location(db: &Db, user: &CurrentUser, id: i64) -> Result<Location, Error> {
    let location = storage::location(db, id).await?.ok_or(Error::NotFound)?;
    if manages(db, user, &location).await? {
        Ok(location)
    } else {
        Err(Error::Forbidden)
    }
}

/// A resource whose location the user manages, with that location.
pub async fn managed_resource(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> Result<(Resource, Location), Error> {
    let resource = storage::resource(db, id).await?.ok_or(Error::NotFound)?;
    let location = managed_location(db, user, resource.location_id).await?;
    Ok((resource, location))
}

/// Every location the user manages.
pub async fn managed_locations(db: &Db, user: &CurrentUser) -> Result<Vec<Location>, Error> {
    let mut out = Vec::new();
    for location in storage::locations(db).await? {
        if manages(db, user, &location).await? {
            out.push(location);
        }
    }
    Ok(out)
}

fn invalid_if_any(errors: Vec<FieldError>) -> Result<(), Error> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// A bilingual text, trimmed, each version at most `max` characters.
fn text(value: &Text, field: &'static str, max: usize, errors: &mut Vec<FieldError>) -> Text {
    let text = Text::new(value.kk.clone(), value.ru.clone());
    if [&text.kk, &text.ru]
        .into_iter()
        .flatten()
        .any(|t| t.chars().count() > max)
    {
        errors.push(FieldError::new(field, "too_long").with_limit(max as i64));
    }
    text
}

// --- The location -------------------------------------------------------------------

/// A location's name, address, phone and time zone.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct LocationInput {
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub address: Text,
    pub phone: Option<String>,
    /// An IANA zone name, e.g. `Asia/Aqtobe`.
    #[serde(default)]
    pub time_zone: String,
}

/// An IANA time zone name.
pub fn parse_zone(raw: &str) -> Result<Tz, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new("time_zone", "required"));
    }
    raw.parse::<Tz>()
        .map_err(|_| FieldError::new("time_zone", "unknown_time_zone"))
}

/// Changes a location's details.
pub async fn edit_location(
    db: &Db,
    staff: Staff<'_>,
    location: &Location,
    input: &LocationInput,
) -> Result<(), Error> {
    let mut errors = Vec::new();
    let name = text(&input.name, "name", 200, &mut errors);
    if name.is_empty() {
        errors.push(FieldError::new("name", "required"));
    }
    let address = text(&input.address, "address", 300, &mut errors);
    let phone = input
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(p) = phone
        && (p.chars().count() > 30 || !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)))
    {
        errors.push(FieldError::new("phone", "invalid_phone_number"));
    }
    let zone = parse_zone(&input.time_zone)
        .map_err(|e| errors.push(e))
        .ok();
    invalid_if_any(errors)?;
    let zone = zone.ok_or_else(|| Error::invalid("time_zone", "required"))?;
    let mut tx = db.begin().await?;
    storage::update_location(
        &mut tx,
        location.id,
        &NewLocation {
            unit_id: location.unit_id,
            name: &name,
            address: &address,
            phone,
            time_zone: zone.name(),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "location.edit",
        "location",
        Some(location.id),
        json!({
            "old": {"name": location.name, "address": location.address, "phone": location.phone,
                    "time_zone": location.time_zone.name()},
            "new": {"name": name, "address": address, "phone": phone, "time_zone": zone.name()},
        }),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- Opening hours ------------------------------------------------------------------

/// One open weekday (1 = Monday … 7 = Sunday), local `HH:MM`. Days not listed are closed.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct HoursInput {
    pub weekday: u32,
    #[serde(default)]
    pub opens: String,
    #[serde(default)]
    pub closes: String,
}

/// The field names of each weekday's hours, as the form and the API's errors name them.
pub const OPENS: [&str; 7] = [
    "opens_1", "opens_2", "opens_3", "opens_4", "opens_5", "opens_6", "opens_7",
];
pub const CLOSES: [&str; 7] = [
    "closes_1", "closes_2", "closes_3", "closes_4", "closes_5", "closes_6", "closes_7",
];

fn hour(field: &'static str, raw: &str) -> Result<NaiveTime, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    NaiveTime::parse_from_str(raw, "%H:%M").map_err(|_| FieldError::new(field, "invalid_hour"))
}

/// Opening hours as sent: each weekday once, `HH:MM`, opening before closing.
pub fn parse_hours(input: &[HoursInput]) -> Result<Vec<OpeningHours>, Error> {
    let mut errors = Vec::new();
    let mut hours: Vec<OpeningHours> = Vec::new();
    for day in input {
        if !(1..=7).contains(&day.weekday) {
            errors.push(FieldError::new("weekday", "invalid_choice"));
            continue;
        }
        let i = (day.weekday - 1) as usize;
        if hours.iter().any(|h| h.weekday == day.weekday) {
            errors.push(FieldError::new(OPENS[i], "duplicate_weekday"));
            continue;
        }
        let opens = hour(OPENS[i], &day.opens).map_err(|e| errors.push(e));
        let closes = hour(CLOSES[i], &day.closes).map_err(|e| errors.push(e));
        if let (Ok(opens), Ok(closes)) = (opens, closes) {
            if opens >= closes {
                errors.push(FieldError::new(CLOSES[i], "closes_before_opens"));
            } else {
                hours.push(OpeningHours {
                    weekday: day.weekday,
                    opens,
                    closes,
                });
            }
        }
    }
    invalid_if_any(errors)?;
    hours.sort_by_key(|h| h.weekday);
    Ok(hours)
}

fn hours_json(hours: &[OpeningHours]) -> serde_json::Value {
    hours
        .iter()
        .map(|h| {
            json!({"weekday": h.weekday, "opens": h.opens.format("%H:%M").to_string(),
                   "closes": h.closes.format("%H:%M").to_string()})
        })
        .collect()
}

/// Replaces a location's opening hours.
pub async fn set_hours(
    db: &Db,
    staff: Staff<'_>,
    location: &Location,
    hours: &[OpeningHours],
) -> Result<(), Error> {
    let mut tx = db.begin().await?;
    storage::set_hours(&mut tx, location.id, hours).await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "location.hours",
        "location",
        Some(location.id),
        json!({"old": hours_json(&location.hours), "new": hours_json(hours)}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- Rules --------------------------------------------------------------------------

/// Booking rules as sent. Lengths in minutes; an absent or `null` quota is no limit, an
/// absent or `null` check-in window means no check-in is needed.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RulesInput {
    pub slot_minutes: Option<i32>,
    pub min_minutes: Option<i32>,
    pub max_minutes: Option<i32>,
    /// How long before its start a booking must be made, at the earliest.
    pub lead_minutes: Option<i32>,
    /// How many days ahead a booking may start, at the latest.
    pub horizon_days: Option<i32>,
    pub per_day: Option<i32>,
    pub per_week: Option<i32>,
    pub buffer_minutes: Option<i32>,
    #[serde(default)]
    pub needs_approval: bool,
    pub check_in_minutes: Option<i32>,
    /// Default: true.
    pub within_hours: Option<bool>,
}

/// Rules as sent, checked as the database's CHECKs check them.
pub fn parse_rules(input: &RulesInput) -> Result<Rules, Error> {
    let mut errors = Vec::new();
    let mut need = |field: &'static str, value: Option<i32>| {
        value.unwrap_or_else(|| {
            errors.push(FieldError::new(field, "required"));
            0
        })
    };
    let rules = Rules {
        slot_minutes: need("slot_minutes", input.slot_minutes),
        min_minutes: need("min_minutes", input.min_minutes),
        max_minutes: need("max_minutes", input.max_minutes),
        lead_minutes: need("lead_minutes", input.lead_minutes),
        horizon_days: need("horizon_days", input.horizon_days),
        per_day: input.per_day,
        per_week: input.per_week,
        buffer_minutes: need("buffer_minutes", input.buffer_minutes),
        needs_approval: input.needs_approval,
        check_in_minutes: input.check_in_minutes,
        within_hours: input.within_hours.unwrap_or(true),
    };
    invalid_if_any(errors)?;
    rules.validate()?;
    Ok(rules)
}

/// Sets a resource's own rules (they win over its kind's).
pub async fn set_resource_rules(
    db: &Db,
    staff: Staff<'_>,
    resource: &Resource,
    rules: &Rules,
) -> Result<(), Error> {
    let (old, source) = storage::rules(db, resource).await?;
    let mut tx = db.begin().await?;
    storage::save_rules(
        &mut tx,
        resource.location_id,
        RulesTarget::Resource(resource.id),
        rules,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "rules.set",
        "resource",
        Some(resource.id),
        json!({"old": old, "old_source": format!("{source:?}").to_lowercase(), "new": rules}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a resource's own rules: its kind's apply again.
pub async fn clear_resource_rules(
    db: &Db,
    staff: Staff<'_>,
    resource: &Resource,
) -> Result<(), Error> {
    let (old, source) = storage::rules(db, resource).await?;
    if source != storage::RulesSource::Resource {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    storage::delete_rules(&mut tx, resource.id).await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "rules.clear",
        "resource",
        Some(resource.id),
        json!({"old": old, "new": null}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A kind of resource, as sent.
pub fn parse_kind(raw: &str) -> Result<&'static str, FieldError> {
    KINDS
        .into_iter()
        .find(|k| *k == raw.trim())
        .ok_or_else(|| FieldError::new("kind", "invalid_choice"))
}

/// Sets the rules of a kind of resource at a location.
pub async fn set_kind_rules(
    db: &Db,
    staff: Staff<'_>,
    location: &Location,
    kind: &'static str,
    rules: &Rules,
) -> Result<(), Error> {
    let old = storage::kind_rules(db, location.id, kind).await?;
    let mut tx = db.begin().await?;
    storage::save_rules(&mut tx, location.id, RulesTarget::Kind(kind), rules).await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "rules.set",
        "location",
        Some(location.id),
        json!({"kind": kind, "old_source": if old.is_some() { "kind" } else { "defaults" },
               "old": old.unwrap_or_else(|| Rules::defaults(kind)), "new": rules}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- Closures -----------------------------------------------------------------------

/// A closure as sent: local dates in the location's zone; without times it covers whole
/// days (from the start of `start_date` to the end of `end_date`).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ClosureInput {
    /// `YYYY-MM-DD`
    #[serde(default)]
    pub start_date: String,
    /// `HH:MM`; empty: from the start of the day.
    #[serde(default)]
    pub start_time: Option<String>,
    /// `YYYY-MM-DD`, inclusive when no end time is given.
    #[serde(default)]
    pub end_date: String,
    /// `HH:MM`; empty: to the end of the day.
    #[serde(default)]
    pub end_time: Option<String>,
    #[serde(default)]
    pub reason: Text,
}

fn date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    crate::clock::parse_date(raw).map_err(|_| FieldError::new(field, "invalid_date"))
}

fn local_at(
    tz: Tz,
    date: NaiveDate,
    time: Option<&str>,
    field: &'static str,
    end: bool,
) -> Result<DateTime<Utc>, FieldError> {
    match time.map(str::trim).filter(|t| !t.is_empty()) {
        None if end => Ok(day_start(tz, date + Duration::days(1))),
        None => Ok(day_start(tz, date)),
        Some(raw) => {
            let time = NaiveTime::parse_from_str(raw, "%H:%M")
                .map_err(|_| FieldError::new(field, "invalid_hour"))?;
            local_instant(tz, date, time).ok_or_else(|| FieldError::new(field, "nonexistent_time"))
        }
    }
}

/// A closure's `[start, end)` in UTC and its reason.
pub fn parse_closure(
    input: &ClosureInput,
    tz: Tz,
) -> Result<(DateTime<Utc>, DateTime<Utc>, Text), Error> {
    let mut errors = Vec::new();
    let start_date = date("start_date", &input.start_date).map_err(|e| errors.push(e));
    let end_date = date("end_date", &input.end_date).map_err(|e| errors.push(e));
    let reason = text(&input.reason, "reason", 300, &mut errors);
    let mut start = None;
    let mut end = None;
    if let Ok(d) = start_date {
        start = local_at(tz, d, input.start_time.as_deref(), "start_time", false)
            .map_err(|e| errors.push(e))
            .ok();
    }
    if let Ok(d) = end_date {
        end = local_at(tz, d, input.end_time.as_deref(), "end_time", true)
            .map_err(|e| errors.push(e))
            .ok();
    }
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        errors.push(FieldError::new("end_date", "before_start"));
    }
    invalid_if_any(errors)?;
    match (start, end) {
        (Some(s), Some(e)) => Ok((s, e, reason)),
        _ => Err(Error::invalid("start_date", "required")),
    }
}

/// An end for "every closure ahead" that both backends store and compare like time
/// (`DateTime::MAX_UTC` is neither a PostgreSQL timestamp nor sorts as SQLite text).
pub fn far_future(now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::days(100 * 366)
}

/// Live bookings of a location that meet `[start, end)`.
pub async fn live_bookings(
    db: &Db,
    location_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<(Booking, String)>, Error> {
    let all = crate::bookings::storage::list(
        db,
        &Filter {
            location_id: Some(location_id),
            from: Some(start),
            to: Some(end),
            limit: 1000,
            ..Filter::default()
        },
    )
    .await?;
    Ok(all
        .into_iter()
        .filter(|(b, _)| b.status.is_live())
        .collect())
}

/// Adds a closure. It is saved even when live bookings fall in it; those are answered
/// so that staff decide about each (the booking rules refuse new ones in it).
pub async fn add_closure(
    db: &Db,
    staff: Staff<'_>,
    location: &Location,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reason: &Text,
) -> Result<(Closure, Vec<(Booking, String)>), Error> {
    let mut tx = db.begin().await?;
    let id = storage::insert_closure(&mut tx, location.id, start, end, reason).await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "closure.add",
        "location",
        Some(location.id),
        json!({"closure": id, "old": null, "new": {"start": start, "end": end, "reason": reason}}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    let affected = live_bookings(db, location.id, start, end).await?;
    Ok((
        Closure {
            id,
            start,
            end,
            reason: reason.clone(),
        },
        affected,
    ))
}

/// Deletes a closure of the location.
pub async fn delete_closure(
    db: &Db,
    staff: Staff<'_>,
    location: &Location,
    id: i64,
) -> Result<(), Error> {
    let old = storage::closure(db, location.id, id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut tx = db.begin().await?;
    if !storage::delete_closure(&mut tx, location.id, id).await? {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "closure.delete",
        "location",
        Some(location.id),
        json!({"closure": id, "old": {"start": old.start, "end": old.end, "reason": old.reason}, "new": null}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- Resources ----------------------------------------------------------------------

/// A resource's fields; on a change, absent fields stay as they are.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ResourceInput {
    /// Required on creation.
    pub location_id: Option<i64>,
    /// `desk`, `meeting_room`, `event_hall` or `equipment`.
    pub kind: Option<String>,
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub capacity: Option<i32>,
    /// Codes from `wifi`, `socket`, `monitor`, `whiteboard`, `screen`, `projector`, `sound`,
    /// `window`, `accessible`.
    pub amenities: Option<Vec<String>>,
    /// `false` retires the resource (it keeps its bookings and takes no new ones).
    pub active: Option<bool>,
}

/// The largest capacity a resource may state.
pub const MAX_CAPACITY: i32 = 10_000;

/// `base` changed by `input`, checked.
pub fn apply(input: &ResourceInput, base: &Resource) -> Result<Resource, Error> {
    let mut errors = Vec::new();
    let mut r = base.clone();
    if let Some(kind) = &input.kind {
        match parse_kind(kind) {
            Ok(k) => r.kind = k.to_string(),
            Err(e) => errors.push(e),
        }
    }
    if let Some(name) = &input.name {
        r.name = text(name, "name", 200, &mut errors);
    }
    if r.name.is_empty() {
        errors.push(FieldError::new("name", "required"));
    }
    if let Some(description) = &input.description {
        r.description = text(description, "description", 2000, &mut errors);
    }
    if let Some(capacity) = input.capacity {
        r.capacity = capacity;
    }
    if r.capacity < 1 {
        errors.push(FieldError::new("capacity", "too_small").with_limit(1));
    } else if r.capacity > MAX_CAPACITY {
        errors.push(FieldError::new("capacity", "too_large").with_limit(MAX_CAPACITY.into()));
    }
    if let Some(amenities) = &input.amenities {
        let mut chosen: Vec<String> = Vec::new();
        for a in amenities {
            match AMENITIES.iter().find(|known| **known == a.trim()) {
                Some(known) if !chosen.iter().any(|c| c == known) => chosen.push(known.to_string()),
                Some(_) => {}
                None => {
                    errors.push(FieldError::new("amenities", "invalid_choice"));
                    break;
                }
            }
        }
        chosen.sort_by_key(|c| AMENITIES.iter().position(|a| a == c));
        r.amenities = chosen;
    }
    if let Some(active) = input.active {
        r.active = active;
    }
    invalid_if_any(errors)?;
    Ok(r)
}

fn resource_json(r: &Resource) -> serde_json::Value {
    json!({"kind": r.kind, "name": r.name, "description": r.description,
           "capacity": r.capacity, "amenities": r.amenities, "active": r.active})
}

/// Creates a resource at a location.
pub async fn create_resource(
    db: &Db,
    staff: Staff<'_>,
    location: &Location,
    input: &ResourceInput,
) -> Result<Resource, Error> {
    let blank = Resource {
        id: 0,
        location_id: location.id,
        kind: String::new(),
        name: Text::default(),
        description: Text::default(),
        capacity: 1,
        amenities: vec![],
        active: true,
    };
    let mut errors = Vec::new();
    if input.kind.as_deref().is_none_or(|k| k.trim().is_empty()) {
        errors.push(FieldError::new("kind", "required"));
    }
    let new = match apply(input, &blank) {
        Ok(r) if errors.is_empty() => r,
        Ok(_) => return Err(Error::Invalid(errors)),
        Err(Error::Invalid(more)) => {
            errors.extend(more);
            return Err(Error::Invalid(errors));
        }
        Err(other) => return Err(other),
    };
    let mut tx = db.begin().await?;
    let id =
        storage::insert_resource(&mut tx, location.id, &new.kind, &new.name, new.capacity).await?;
    let new = Resource { id, ..new };
    storage::update_resource(&mut tx, &new).await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "resource.create",
        "resource",
        Some(id),
        json!({"location": location.id, "old": null, "new": resource_json(&new)}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(new)
}

/// Changes a resource; retiring and reactivating are changes of `active`.
pub async fn edit_resource(
    db: &Db,
    staff: Staff<'_>,
    old: &Resource,
    input: &ResourceInput,
) -> Result<Resource, Error> {
    let new = apply(input, old)?;
    let mut tx = db.begin().await?;
    storage::update_resource(&mut tx, &new).await?;
    let action = match (old.active, new.active) {
        (true, false) => "resource.retire",
        (false, true) => "resource.reactivate",
        _ => "resource.edit",
    };
    audit::record(
        &mut tx,
        Some(staff.user.id),
        action,
        "resource",
        Some(old.id),
        json!({"old": resource_json(old), "new": resource_json(&new)}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(new)
}

// --- Who may book -------------------------------------------------------------------

/// Who may book a resource: holders of these roles, or members of these units (and the
/// units below them). Both empty: every member.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct AccessInput {
    /// `coordinator`, `space_manager`, `admin` or `observer`.
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub unit_ids: Vec<i64>,
}

impl AccessInput {
    pub fn from_list(list: &[Access]) -> AccessInput {
        let mut out = AccessInput::default();
        for a in list {
            match a {
                Access::Role(role) => out.roles.push(role.as_str().to_string()),
                Access::Unit(unit) => out.unit_ids.push(*unit),
            }
        }
        out
    }
}

/// The access list as sent, every role grantable and every unit existing.
pub async fn parse_access(db: &Db, input: &AccessInput) -> Result<Vec<Access>, Error> {
    let mut out = Vec::new();
    for raw in &input.roles {
        match Role::parse(raw).filter(|r| Role::GRANTABLE.contains(r)) {
            Some(role) if !out.contains(&Access::Role(role)) => out.push(Access::Role(role)),
            Some(_) => {}
            None => return Err(Error::invalid("roles", "invalid_choice")),
        }
    }
    for id in &input.unit_ids {
        if crate::org::storage::find(db, *id).await?.is_none() {
            return Err(Error::invalid("unit_ids", "invalid_choice"));
        }
        if !out.contains(&Access::Unit(*id)) {
            out.push(Access::Unit(*id));
        }
    }
    Ok(out)
}

/// Replaces who may book a resource.
pub async fn set_access(
    db: &Db,
    staff: Staff<'_>,
    resource: &Resource,
    access: &[Access],
) -> Result<(), Error> {
    let old = storage::access(db, resource.id).await?;
    let mut tx = db.begin().await?;
    storage::set_access(&mut tx, resource.id, access).await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "resource.access",
        "resource",
        Some(resource.id),
        json!({"old": AccessInput::from_list(&old), "new": AccessInput::from_list(access)}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- Photo --------------------------------------------------------------------------

/// Sets a resource's photo: JPEG, PNG or WebP by content, at most 900 KB.
pub async fn set_photo(
    db: &Db,
    staff: Staff<'_>,
    resource: &Resource,
    bytes: &[u8],
) -> Result<(), Error> {
    if bytes.is_empty() {
        return Err(Error::invalid("photo", "required"));
    }
    if bytes.len() > crate::members::photo::MAX_BYTES {
        return Err(Error::invalid("photo", "photo_too_large"));
    }
    let content_type =
        crate::members::photo::sniff(bytes).ok_or_else(|| Error::invalid("photo", "photo_type"))?;
    let had = storage::has_photo(db, resource.id).await?;
    let mut tx = db.begin().await?;
    storage::set_photo(&mut tx, resource.id, content_type, bytes).await?;
    audit::record(
        &mut tx,
        Some(staff.user.id),
        "resource.photo",
        "resource",
        Some(resource.id),
        json!({"old": {"photo": had}, "new": {"photo": true, "type": content_type, "bytes": bytes.len()}}),
        Some(staff.ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a resource's photo.
pub async fn delete_photo(db: &Db, staff: Staff<'_>, resource: &Resource) -> Result<(), Error> {
    let mut tx = db.begin().await?;
    if storage::delete_photo(&mut tx, resource.id).await? {
        audit::record(
            &mut tx,
            Some(staff.user.id),
            "resource.photo",
            "resource",
            Some(resource.id),
            json!({"old": {"photo": true}, "new": {"photo": false}}),
            Some(staff.ip),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
