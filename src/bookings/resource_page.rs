//! A resource's page: what it is, its rules in plain words, its free and busy time on a
//! day, and the booking form (once, or daily/weekly with a preview of every occurrence).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use serde::Deserialize;

use super::book::{self, Request};
use super::grid::Choice;
use super::rules::{self, Rules};
use super::series::{self, End, Frequency, SeriesRequest};
use super::view::{self, Alert};
use crate::accounts::{Email, storage as accounts};
use crate::clock;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::{Shown, format};
use crate::spaces::routes::availability;
use crate::spaces::{Location, Resource, storage as spaces};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/resources/{id}", get(page))
        .route("/bookings/new", post(create))
}

/// The booking form as typed (kept as text, so a refused form comes back as it was).
#[derive(Debug, Default, Deserialize)]
pub struct BookForm {
    #[serde(default)]
    pub resource_id: i64,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub purpose: String,
    /// `none`, `daily` or `weekly`.
    #[serde(default)]
    pub repeat: String,
    #[serde(default)]
    pub until: String,
    /// `1` once the member has seen the series' preview.
    #[serde(default)]
    pub confirm: String,
    /// Staff: the member's email, when booking for someone else.
    #[serde(default)]
    pub for_email: String,
    #[serde(default)]
    pub override_reason: String,
    /// The initiative the booking is for (from its page), linked with the booking.
    #[serde(default)]
    pub initiative: String,
}

/// One free or busy stretch of the day.
pub struct Stretch {
    pub times: String,
    pub class: &'static str,
    pub label: String,
}

/// One occurrence of a previewed series.
pub struct PreviewLine {
    pub day: String,
    pub times: String,
    pub ok: bool,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "spaces/resource.html")]
struct ResourcePage<'a> {
    ctx: &'a Ctx,
    id: i64,
    name: Shown,
    description: Option<Shown>,
    kind: String,
    capacity: i32,
    amenities: Vec<String>,
    location: Shown,
    location_id: i64,
    active: bool,
    rules: Vec<String>,
    day: String,
    prev: String,
    next: String,
    stretches: Vec<Stretch>,
    form: BookForm,
    starts: Vec<Choice>,
    lengths: Vec<Choice>,
    repeats: Vec<Choice>,
    staff: bool,
    errors: FormErrors,
    alert: Option<Alert>,
    preview: Option<Vec<PreviewLine>>,
    preview_free: usize,
    /// The initiative the booking will be linked to: (id, title).
    initiative: Option<(i64, Shown)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ResourceQuery {
    pub date: Option<String>,
    pub start: Option<String>,
    pub initiative: Option<String>,
}

/// The initiative a booking form carries, once the user may link to it (author, team,
/// staff over its unit: `initiatives::milestones::require_keeper`). A guest is asked to
/// log in by the form itself.
async fn initiative_for(
    state: &AppState,
    ctx: &Ctx,
    raw: &str,
) -> Result<Option<crate::initiatives::Initiative>, Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let id: i64 = raw.parse().map_err(|_| Error::NotFound)?;
    match &ctx.user {
        Some(user) => Ok(Some(
            crate::initiatives::milestones::require_keeper(&state.db, user, id).await?,
        )),
        None => Ok(None),
    }
}

/// `GET /resources/{id}`: the resource, a day of its time, the booking form. Public.
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ResourceQuery>,
) -> Result<Response, Error> {
    let (resource, location) = load(&state, id).await?;
    let today = clock::now().with_timezone(&location.time_zone).date_naive();
    let date = q
        .date
        .as_deref()
        .and_then(|d| crate::clock::parse_date(d.trim()).ok())
        .unwrap_or(today);
    let form = BookForm {
        resource_id: id,
        date: date.to_string(),
        start: q.start.unwrap_or_default(),
        initiative: q.initiative.unwrap_or_default(),
        ..BookForm::default()
    };
    render_with(
        &state,
        &ctx,
        resource,
        location,
        form,
        vec![],
        Extra::default(),
    )
    .await
}

async fn load(state: &AppState, id: i64) -> Result<(Resource, Location), Error> {
    let resource = spaces::resource(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let location = spaces::location(&state.db, resource.location_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((resource, location))
}

/// What a page render needs beyond the form: an alert, a preview.
#[derive(Default)]
struct Extra {
    alert: Option<Alert>,
    preview: Option<Vec<PreviewLine>>,
    preview_free: usize,
}

async fn render_with(
    state: &AppState,
    ctx: &Ctx,
    resource: Resource,
    location: Location,
    form: BookForm,
    errors: Vec<FieldError>,
    extra: Extra,
) -> Result<Response, Error> {
    let tz = location.time_zone;
    let (rules, _) = spaces::rules(&state.db, &resource).await?;
    let today = clock::now().with_timezone(&tz).date_naive();
    let date = crate::clock::parse_date(form.date.trim()).unwrap_or(today);
    let (from, to) = (
        rules::day_start(tz, date),
        rules::day_start(tz, date + Duration::days(1)),
    );
    let list = availability(state, &location, std::slice::from_ref(&resource), from, to).await?;
    let a = &list[0];
    // Free and busy stretches of the day, in time order.
    let mut stretches: Vec<(chrono::DateTime<chrono::Utc>, Stretch)> = a
        .free
        .iter()
        .map(|f| {
            let s = Stretch {
                times: view::times(ctx, tz, f.start, f.end),
                class: "free",
                label: ctx.t("grid-cell-free"),
            };
            (f.start, s)
        })
        .chain(a.busy.iter().map(|b| {
            let s = Stretch {
                times: view::times(ctx, tz, b.start.max(from), b.end.min(to)),
                class: b.kind,
                label: ctx.t(format!("grid-cell-{}", b.kind)),
            };
            (b.start, s)
        }))
        .collect();
    stretches.sort_by_key(|(at, _)| *at);
    let staff = match &ctx.user {
        Some(user) => book::manages(&state.db, user, &location).await?,
        None => false,
    };
    let initiative = initiative_for(state, ctx, &form.initiative)
        .await?
        .map(|i| (i.id, ctx.text(&i.title)));
    let carried = initiative
        .as_ref()
        .map(|(i, _)| format!("&initiative={i}"))
        .unwrap_or_default();
    let href = |d: NaiveDate| format!("/resources/{}?date={d}{carried}", resource.id);
    let page = ResourcePage {
        ctx,
        id: resource.id,
        name: ctx.text(&resource.name),
        description: (!resource.description.is_empty()).then(|| ctx.text(&resource.description)),
        kind: view::kind_name(ctx, &resource.kind),
        capacity: resource.capacity,
        amenities: resource
            .amenities
            .iter()
            .map(|a| ctx.t(format!("manage-amenity-{a}")))
            .collect(),
        location: ctx.text(&location.name),
        location_id: location.id,
        active: resource.active,
        rules: crate::spaces::manage_describe::describe(ctx.locale, &rules),
        day: view::day(ctx, tz, from),
        prev: href(date - Duration::days(1)),
        next: href(date + Duration::days(1)),
        stretches: stretches.into_iter().map(|(_, s)| s).collect(),
        starts: start_choices(ctx, &location, &rules, date, &form.start),
        lengths: length_choices(ctx, &rules, &form.minutes),
        repeats: ["none", "daily", "weekly"]
            .into_iter()
            .map(|r| Choice {
                value: r.to_string(),
                label: ctx.t(format!("repeat-{r}")),
                selected: form.repeat == r || (form.repeat.is_empty() && r == "none"),
            })
            .collect(),
        form,
        staff,
        errors: ctx.errors(errors),
        alert: extra.alert,
        preview: extra.preview,
        preview_free: extra.preview_free,
        initiative,
    };
    Ok(Page::new(&page).into_response())
}

/// Start times on the slot grid within the day's opening hours (the whole day for a
/// resource booked around the clock).
fn start_choices(
    ctx: &Ctx,
    location: &Location,
    r: &Rules,
    date: NaiveDate,
    chosen: &str,
) -> Vec<Choice> {
    let slot = r.slot_minutes.max(5) as u32;
    let (opens, closes) = match location.hours_on(date.weekday().number_from_monday()) {
        Some(h) if r.within_hours => (
            h.opens.hour() * 60 + h.opens.minute(),
            h.closes.hour() * 60 + h.closes.minute(),
        ),
        _ if r.within_hours => (9 * 60, 21 * 60),
        _ => (0, 24 * 60),
    };
    let first = opens.div_ceil(slot) * slot;
    (first..closes.saturating_sub(r.min_minutes.max(1) as u32) + 1)
        .step_by(slot as usize)
        .filter_map(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0))
        .map(|t| {
            let value = t.format("%H:%M").to_string();
            Choice {
                selected: value == chosen,
                label: format::time(t, ctx.locale),
                value,
            }
        })
        .collect()
}

/// Lengths from the minimum to the maximum in slot steps (at most 24 choices; long
/// maximums jump by hours, then days).
fn length_choices(ctx: &Ctx, r: &Rules, chosen: &str) -> Vec<Choice> {
    let slot = i64::from(r.slot_minutes.max(5));
    let (min, max) = (i64::from(r.min_minutes), i64::from(r.max_minutes));
    let mut out = Vec::new();
    let mut m = (min + slot - 1) / slot * slot;
    while m <= max && out.len() < 24 {
        out.push(m);
        m += if m < 240 { slot } else { slot.max(60) };
    }
    if out.is_empty() {
        out.push(min);
    }
    let default = if out.contains(&60) { 60 } else { out[0] };
    out.into_iter()
        .map(|m| Choice {
            value: m.to_string(),
            label: view::duration(ctx, m),
            selected: if chosen.is_empty() {
                m == default
            } else {
                chosen == m.to_string()
            },
        })
        .collect()
}

/// A booking form read: the request, and how it repeats (until which date), if it does.
type Parsed = (Request, Option<(Frequency, NaiveDate)>);

/// The form as a request, or the fields it got wrong.
async fn parse(
    state: &AppState,
    location: &Location,
    form: &BookForm,
) -> Result<Result<Parsed, Vec<FieldError>>, Error> {
    let tz = location.time_zone;
    let mut errors = Vec::new();
    let date = crate::clock::parse_date(form.date.trim())
        .map_err(|_| errors.push(FieldError::new("date", "invalid_date")))
        .ok();
    let time = NaiveTime::parse_from_str(form.start.trim(), "%H:%M")
        .map_err(|_| errors.push(FieldError::new("start", "required")))
        .ok();
    let minutes = form
        .minutes
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (1..=20160).contains(m))
        .ok_or_else(|| errors.push(FieldError::new("minutes", "invalid_choice")))
        .ok();
    let start = match (date, time) {
        (Some(d), Some(t)) => rules::local_instant(tz, d, t)
            .ok_or_else(|| errors.push(FieldError::new("start", "nonexistent_time")))
            .ok(),
        _ => None,
    };
    let purpose = book::parse_note("purpose", Some(&form.purpose))
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let override_reason = book::parse_note("override_reason", Some(&form.override_reason))
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let mut for_user = None;
    if !form.for_email.trim().is_empty() {
        match Email::parse(form.for_email.trim()) {
            Ok(email) => match accounts::find_by_email(&state.db, &email).await? {
                Some((user, _)) => for_user = Some(user.id),
                None => errors.push(FieldError::new("for_email", "unknown")),
            },
            Err(e) => errors.push(FieldError {
                field: "for_email",
                ..e
            }),
        }
    }
    let repeat = match form.repeat.as_str() {
        "" | "none" => None,
        raw => match Frequency::parse(raw) {
            None => {
                errors.push(FieldError::new("repeat", "invalid_choice"));
                None
            }
            Some(f) => match crate::clock::parse_date(form.until.trim()) {
                Ok(until) => Some((f, until)),
                Err(_) => {
                    errors.push(FieldError::new(
                        "until",
                        if form.until.trim().is_empty() {
                            "required"
                        } else {
                            "invalid_date"
                        },
                    ));
                    None
                }
            },
        },
    };
    Ok(match (start, minutes) {
        (Some(start), Some(minutes)) if errors.is_empty() => Ok((
            Request {
                resource_id: form.resource_id,
                start,
                end: start + Duration::minutes(minutes),
                purpose,
                for_user,
                override_reason,
                initiative_id: None,
            },
            repeat,
        )),
        _ => Err(errors),
    })
}

/// `POST /bookings/new`: books once, or previews then books a series.
async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<BookForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let (resource, location) = load(&state, form.resource_id).await?;
    let tz = location.time_zone;
    let refused = |form, errors, extra| {
        let (state, ctx) = (&state, &ctx);
        let (resource, location) = (resource.clone(), location.clone());
        async move {
            Ok::<_, Error>(with_status(
                render_with(state, ctx, resource, location, form, errors, extra).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    };
    // Checked before anything is judged: the user may link to the initiative.
    let initiative = initiative_for(&state, &ctx, &form.initiative)
        .await?
        .map(|i| i.id);
    let (mut req, repeat) = match parse(&state, &location, &form).await? {
        Ok(parsed) => parsed,
        Err(errors) => return refused(form, errors, Extra::default()).await,
    };
    req.initiative_id = initiative;
    let Some((frequency, until)) = repeat else {
        return match book::book(
            &state.db,
            &state.spaces,
            &state.bookings,
            &user,
            ctx.ip,
            &req,
        )
        .await
        {
            Ok(booking) => Ok(see_other(
                &match initiative {
                    Some(i) => format!("/initiatives/{i}?done=booked#links"),
                    None => format!("/bookings/{}?booked=1", booking.id),
                },
                HeaderMap::new(),
            )),
            Err(Error::Invalid(errors)) => refused(form, errors, Extra::default()).await,
            Err(err) => match view::alert(&ctx, tz, &err) {
                Some(alert) => {
                    let status = err.status();
                    Ok(with_status(
                        render_with(
                            &state,
                            &ctx,
                            resource,
                            location,
                            form,
                            vec![],
                            Extra {
                                alert: Some(alert),
                                ..Extra::default()
                            },
                        )
                        .await?,
                        status,
                    ))
                }
                None => Err(err),
            },
        };
    };
    let series_req = SeriesRequest {
        first: req,
        frequency,
        end: End::Until(until),
    };
    let commit = form.confirm == "1";
    let outcome =
        match series::book_series(&state.db, &state.spaces, &user, ctx.ip, &series_req, commit)
            .await
        {
            Ok(outcome) => outcome,
            Err(Error::Invalid(errors)) => return refused(form, errors, Extra::default()).await,
            Err(err) => match view::alert(&ctx, tz, &err) {
                Some(alert) => {
                    return refused(
                        form,
                        vec![],
                        Extra {
                            alert: Some(alert),
                            ..Extra::default()
                        },
                    )
                    .await;
                }
                None => return Err(err),
            },
        };
    if let (true, Some(series_id)) = (commit, outcome.series_id) {
        return Ok(see_other(
            &format!(
                "/bookings?series={series_id}&booked={}&skipped={}",
                outcome.booked(),
                outcome.occurrences.len() - outcome.booked()
            ),
            HeaderMap::new(),
        ));
    }
    let preview: Vec<PreviewLine> = outcome
        .occurrences
        .iter()
        .map(|o| PreviewLine {
            day: view::day(&ctx, tz, o.start),
            times: view::times(&ctx, tz, o.start, o.end),
            ok: o.code.is_none(),
            reason: match &o.code {
                None => ctx.t("series-free"),
                Some(code) => crate::i18n::translate(
                    ctx.locale,
                    &format!("error-{}", code.replace('_', "-")),
                    None,
                ),
            },
        })
        .collect();
    let free = outcome.booked();
    let alert = (free == 0).then(|| Alert {
        title: ctx.t("error-series-nothing-free"),
        detail: ctx.t("error-series-nothing-free-detail"),
    });
    let status = if free == 0 {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok(with_status(
        render_with(
            &state,
            &ctx,
            resource,
            location,
            form,
            vec![],
            Extra {
                alert,
                preview: Some(preview),
                preview_free: free,
            },
        )
        .await?,
        status,
    ))
}
