//! Locations and resources on the API, with their free and busy time.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{Location, Resource};
use super::storage;
use crate::bookings::Rules;
use crate::bookings::availability::{self, Busy, Span};
use crate::bookings::routes::parse_instant;
use crate::bookings::rules::day_start;
use crate::error::{Error, FieldError};
use crate::http::{Ctx, Json};
use crate::i18n::Text;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/locations", get(locations_api))
        .route(
            "/api/v1/locations/{id}/availability",
            get(location_availability_api),
        )
        .route("/api/v1/resources", get(resources_api))
        .route("/api/v1/resources/{id}", get(resource_api))
        .route(
            "/api/v1/resources/{id}/availability",
            get(resource_availability_api),
        )
        .merge(super::manage_api::router())
        .merge(super::manage_pages::router())
}

/// Opening hours of one ISO weekday (1 = Monday), local `HH:MM`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct HoursView {
    pub weekday: u32,
    pub opens: String,
    pub closes: String,
}

/// A location of the center.
#[derive(Serialize, utoipa::ToSchema)]
pub struct LocationView {
    pub id: i64,
    pub unit_id: i64,
    pub name: Text,
    pub address: Text,
    pub phone: Option<String>,
    /// An IANA zone (`Asia/Aqtobe`): opening hours and the day grid are in it.
    pub time_zone: String,
    pub hours: Vec<HoursView>,
}

impl From<&Location> for LocationView {
    fn from(l: &Location) -> LocationView {
        LocationView {
            id: l.id,
            unit_id: l.unit_id,
            name: l.name.clone(),
            address: l.address.clone(),
            phone: l.phone.clone(),
            time_zone: l.time_zone.name().to_string(),
            hours: l
                .hours
                .iter()
                .map(|h| HoursView {
                    weekday: h.weekday,
                    opens: h.opens.format("%H:%M").to_string(),
                    closes: h.closes.format("%H:%M").to_string(),
                })
                .collect(),
        }
    }
}

/// The center's locations. Public.
#[utoipa::path(get, path = "/api/v1/locations", tag = "spaces",
    responses((status = 200, body = [LocationView])))]
pub async fn locations_api(
    State(state): State<AppState>,
) -> Result<Json<Vec<LocationView>>, Error> {
    Ok(Json(
        storage::locations(&state.db)
            .await?
            .iter()
            .map(LocationView::from)
            .collect(),
    ))
}

/// A resource people book.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResourceView {
    pub id: i64,
    /// `desk`, `meeting_room`, `event_hall` or `equipment`.
    pub kind: String,
    pub name: Text,
    pub location_id: i64,
    pub description: Text,
    pub capacity: i32,
    pub amenities: Vec<String>,
    pub active: bool,
    /// The booking rules in force.
    pub rules: Rules,
}

pub async fn view(state: &AppState, r: Resource) -> Result<ResourceView, Error> {
    let (rules, _) = storage::rules(&state.db, &r).await?;
    Ok(view_with(r, rules))
}

fn view_with(r: Resource, rules: Rules) -> ResourceView {
    ResourceView {
        id: r.id,
        kind: r.kind,
        name: r.name,
        location_id: r.location_id,
        description: r.description,
        capacity: r.capacity,
        amenities: r.amenities,
        active: r.active,
        rules,
    }
}

/// Filters of the resources list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ResourcesQuery {
    pub location_id: Option<i64>,
    /// `desk`, `meeting_room`, `event_hall` or `equipment`.
    pub kind: Option<String>,
}

/// The resources, with their rules. Public.
#[utoipa::path(get, path = "/api/v1/resources", tag = "spaces", params(ResourcesQuery),
    responses((status = 200, body = [ResourceView])))]
pub async fn resources_api(
    State(state): State<AppState>,
    Query(q): Query<ResourcesQuery>,
) -> Result<Json<Vec<ResourceView>>, Error> {
    let listed: Vec<Resource> = storage::resources(&state.db, q.location_id)
        .await?
        .into_iter()
        .filter(|r| {
            q.kind
                .as_deref()
                .is_none_or(|k| k.is_empty() || k == r.kind)
        })
        .collect();
    // One read of the rules for the whole list, not one a resource.
    let rules = storage::rules_of_all(&state.db, &listed).await?;
    Ok(Json(
        listed
            .into_iter()
            .zip(rules)
            .map(|(r, (rules, _))| view_with(r, rules))
            .collect(),
    ))
}

/// One resource, with its rules. Public.
#[utoipa::path(get, path = "/api/v1/resources/{id}", tag = "spaces",
    responses((status = 200, body = ResourceView), (status = 404, body = crate::api::problem::Problem)))]
pub async fn resource_api(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ResourceView>, Error> {
    let r = storage::resource(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(view(&state, r).await?))
}

/// Free and busy time of one resource.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResourceAvailability {
    pub resource_id: i64,
    /// Taken, pending approval, or closed (never by whom).
    pub busy: Vec<Busy>,
    /// Open and not taken.
    pub free: Vec<Span>,
}

/// The window of an availability question.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct WindowQuery {
    /// RFC 3339; default: the start of today in the location's zone.
    pub from: Option<String>,
    /// RFC 3339; default: a day after `from`. At most 31 days after it.
    pub to: Option<String>,
}

/// How far one availability question may reach.
pub const MAX_WINDOW: Duration = Duration::days(31);

/// Free and busy time of the resources of one location over `[from, to)`.
pub async fn availability(
    state: &AppState,
    location: &Location,
    resources: &[Resource],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ResourceAvailability>, Error> {
    let ids: Vec<i64> = resources.iter().map(|r| r.id).collect();
    let booked = crate::bookings::storage::busy(&state.db, &ids, from, to).await?;
    let closures = storage::closures(&state.db, location.id, from, to).await?;
    let within = storage::within_hours(&state.db, location.id, resources).await?;
    let open_hours = availability::open_spans(location.time_zone, &location.hours, from, to);
    Ok(resources
        .iter()
        .map(|r| {
            let booked = booked
                .iter()
                .filter(|(id, ..)| *id == r.id)
                .map(|(_, start, end, status)| (*start, *end, status.as_str()));
            free_and_busy(
                r.id,
                booked,
                &closures,
                within.contains(&r.id).then_some(open_hours.as_slice()),
                from,
                to,
            )
        })
        .collect())
}

/// One resource's answer: its live bookings (start, end, status) and the location's
/// closures are busy; free is the open time (`open`, or all of `[from, to)` for a resource
/// that keeps no hours) minus busy.
fn free_and_busy<'a>(
    resource_id: i64,
    booked: impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>, &'a str)>,
    closures: &[storage::Closure],
    open: Option<&[Span]>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ResourceAvailability {
    let mut busy: Vec<Busy> = booked
        .map(|(start, end, status)| Busy {
            start,
            end,
            kind: if status == "pending" {
                "pending"
            } else {
                "booked"
            },
        })
        .collect();
    busy.extend(
        closures
            .iter()
            .filter(|c| c.start < to && c.end > from)
            .map(|c| Busy {
                start: c.start,
                end: c.end,
                kind: "closed",
            }),
    );
    busy.sort_by_key(|b| b.start);
    let whole = [Span {
        start: from,
        end: to,
    }];
    ResourceAvailability {
        resource_id,
        free: availability::subtract(open.unwrap_or(&whole), &busy),
        busy,
    }
}

fn window(q: &WindowQuery, location: &Location) -> Result<(DateTime<Utc>, DateTime<Utc>), Error> {
    let mut errors = Vec::new();
    let from = match q.from.as_deref() {
        None | Some("") => Some(day_start(
            location.time_zone,
            crate::clock::now()
                .with_timezone(&location.time_zone)
                .date_naive(),
        )),
        raw => parse_instant("from", raw).map_err(|e| errors.push(e)).ok(),
    };
    let to = match (q.to.as_deref(), from) {
        (None | Some(""), Some(from)) => Some(from + Duration::days(1)),
        (None | Some(""), None) => None,
        (raw, _) => parse_instant("to", raw).map_err(|e| errors.push(e)).ok(),
    };
    match (from, to) {
        (Some(from), Some(to)) if errors.is_empty() => {
            if to <= from {
                Err(Error::invalid("to", "before_start"))
            } else if to - from > MAX_WINDOW {
                Err(Error::Invalid(vec![
                    FieldError::new("to", "window_too_long").with_limit(MAX_WINDOW.num_days()),
                ]))
            } else {
                Ok((from, to))
            }
        }
        _ => Err(Error::Invalid(errors)),
    }
}

/// Free and busy time of one resource over a window (default: today). Public.
#[utoipa::path(get, path = "/api/v1/resources/{id}/availability", tag = "spaces", params(WindowQuery),
    responses((status = 200, body = ResourceAvailability), (status = 404, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)))]
pub async fn resource_availability_api(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<WindowQuery>,
) -> Result<Json<ResourceAvailability>, Error> {
    if let Some(answer) = from_memory(&state, id, &q).await? {
        return Ok(Json(answer));
    }
    // One round trip: the live bookings and the spaces version, in one statement; the
    // resource, its location, hours, rules and closures come from the spaces cache, which
    // that version vouches for (or which is reloaded first; see `spaces::cache`).
    let mut snapshot = state.spaces.loaded();
    // Whether `snapshot` is known to be current (reloaded or checked during this request).
    let mut checked = false;
    loop {
        let place = snapshot.resource(id).cloned();
        let window = place.as_ref().map(|p| window(&q, &p.location));
        let (place, (from, to)) = match (place, window) {
            (Some(place), Some(Ok(window))) => (place, window),
            // Unknown, or a refused window: answered from a copy known to be current.
            (_, Some(Err(err))) if checked => return Err(err),
            (None, _) if checked => return Err(Error::NotFound),
            _ => {
                snapshot = state.spaces.fresh(&state.db).await?;
                checked = true;
                continue;
            }
        };
        let (version, booked) =
            crate::bookings::storage::busy_with_version(&state.db, id, from, to).await?;
        if snapshot.version < version {
            snapshot = state.spaces.at_least(&state.db, version).await?;
            checked = true;
            continue;
        }
        return Ok(Json(answer(&place, &booked, from, to)));
    }
}

/// On PostgreSQL, the answer from the availability cache and a spaces snapshot as new as
/// the version last announced (`bookings::busy_cache`), with no round trip when both are
/// in memory. `None`: the cache cannot answer now (SQLite, the listener not connected, a
/// write of this instance not yet heard back), or the question is one the checked path
/// answers (an unknown resource, a refused window).
async fn from_memory(
    state: &AppState,
    id: i64,
    q: &WindowQuery,
) -> Result<Option<ResourceAvailability>, Error> {
    let Some(announced) = state.busy.trusted() else {
        return Ok(None);
    };
    // In memory when it is as new as announced (no round trip).
    let snapshot = state.spaces.at_least(&state.db, announced).await?;
    let Some(place) = snapshot.resource(id) else {
        return Ok(None);
    };
    let Ok((from, to)) = window(q, &place.location) else {
        return Ok(None);
    };
    let booked = state.busy.busy(&state.db, id, from, to).await?;
    Ok(Some(answer(place, &booked, from, to)))
}

/// One resource's answer from its place in the spaces snapshot and its live bookings.
fn answer(
    place: &crate::spaces::cache::Placed,
    booked: &[(DateTime<Utc>, DateTime<Utc>, String)],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ResourceAvailability {
    let open = place.rules.within_hours.then(|| {
        availability::open_spans(place.location.time_zone, &place.location.hours, from, to)
    });
    free_and_busy(
        place.resource.id,
        booked
            .iter()
            .map(|(s, e, status)| (*s, *e, status.as_str())),
        &place.closures,
        open.as_deref(),
        from,
        to,
    )
}

/// A location's day.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct DayQuery {
    /// A local date (`2026-12-01`); default: today in the location's zone.
    pub date: Option<String>,
}

/// A location's day: every resource's free and busy time.
#[derive(Serialize, utoipa::ToSchema)]
pub struct LocationDay {
    pub location_id: i64,
    pub date: NaiveDate,
    pub time_zone: String,
    pub resources: Vec<ResourceAvailability>,
}

/// Free and busy time of every active resource of a location over one local day. Public.
#[utoipa::path(get, path = "/api/v1/locations/{id}/availability", tag = "spaces", params(DayQuery),
    responses((status = 200, body = LocationDay), (status = 404, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)))]
pub async fn location_availability_api(
    State(state): State<AppState>,
    _ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<DayQuery>,
) -> Result<Json<LocationDay>, Error> {
    let location = storage::location(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let date = parse_day(q.date.as_deref(), &location)?;
    let (from, to) = (
        day_start(location.time_zone, date),
        day_start(location.time_zone, date + Duration::days(1)),
    );
    let resources: Vec<Resource> = storage::resources(&state.db, Some(id))
        .await?
        .into_iter()
        .filter(|r| r.active)
        .collect();
    Ok(Json(LocationDay {
        location_id: id,
        date,
        time_zone: location.time_zone.name().to_string(),
        resources: availability(&state, &location, &resources, from, to).await?,
    }))
}

/// A local date from a query, default today in the location's zone.
pub fn parse_day(raw: Option<&str>, location: &Location) -> Result<NaiveDate, Error> {
    match raw.map(str::trim) {
        None | Some("") => Ok(crate::clock::now()
            .with_timezone(&location.time_zone)
            .date_naive()),
        Some(raw) => {
            crate::clock::parse_date(raw).map_err(|_| Error::invalid("date", "invalid_date"))
        }
    }
}
