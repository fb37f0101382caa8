//! Space administration pages: the locations a space manager runs, each location's
//! details, opening hours and closures. Resources, rules and posters are in
//! `manage_resource_pages.rs`. Forms sent back with errors keep what was typed.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::manage::{self, ClosureInput, HoursInput, LocationInput, Staff};
use super::model::{KINDS, Location};
use super::storage;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::{self, Text};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/manage", get(index))
        .route(
            "/manage/locations/{id}",
            get(location_page).post(details_form),
        )
        .route("/manage/locations/{id}/hours", post(hours_form))
        .route("/manage/locations/{id}/closures", post(closure_form))
        .route(
            "/manage/locations/{id}/closures/{closure_id}/delete",
            post(delete_closure_form),
        )
        .merge(super::manage_resource_pages::router())
}

/// The signed-in staff member, if any.
pub fn signed_in(ctx: &Ctx) -> Option<Staff<'_>> {
    ctx.user.as_deref().map(|user| Staff { user, ip: ctx.ip })
}

/// To the log-in page, and back here after it.
pub fn to_login(ctx: &Ctx) -> Response {
    see_other(&format!("/login?next={}", ctx.path), HeaderMap::new())
}

/// The signed-in staff member, or the handler answers with a redirect to the log-in page.
macro_rules! staff_or_login {
    ($ctx:expr) => {
        match $crate::spaces::manage_pages::signed_in(&$ctx) {
            Some(s) => s,
            None => return Ok($crate::spaces::manage_pages::to_login(&$ctx)),
        }
    };
}
pub(crate) use staff_or_login;

/// Errors of the shared operations renamed for a page, where a field needs its own label
/// (a resource's `name` is not a person's full name).
pub fn relabel(errors: Vec<FieldError>, map: &[(&str, &'static str)]) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some((_, to)) = map.iter().find(|(from, _)| *from == e.field) {
                e.field = to;
            }
            e
        })
        .collect()
}

/// Form fields as sent, by name (repeated names: every value, in order).
pub type Fields = Vec<(String, String)>;

pub fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

pub fn text_field(fields: &Fields, name: &str) -> Text {
    Text::new(
        Some(field(fields, &format!("{name}_kk")).to_string()),
        Some(field(fields, &format!("{name}_ru")).to_string()),
    )
}

/// A location as its staff's list shows it.
pub struct LocationRow {
    pub id: i64,
    pub name: i18n::Shown,
    pub address: i18n::Shown,
    /// (kind, label)
    pub kinds: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "manage/index.html")]
struct IndexPage<'a> {
    ctx: &'a Ctx,
    locations: Vec<LocationRow>,
}

/// The kinds of resources with their names in the reader's language.
pub fn kinds(ctx: &Ctx) -> Vec<(&'static str, String)> {
    KINDS
        .into_iter()
        .map(|k| (k, ctx.t(format!("manage-kind-{}", k.replace('_', "-")))))
        .collect()
}

/// `GET /manage`: the locations the caller runs.
async fn index(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let locations = manage::managed_locations(&state.db, staff.user).await?;
    if locations.is_empty() {
        return Err(Error::Forbidden);
    }
    let locations = locations
        .iter()
        .map(|l| LocationRow {
            id: l.id,
            name: ctx.text(&l.name),
            address: ctx.text(&l.address),
            kinds: kinds(&ctx),
        })
        .collect();
    Ok(Page::new(&IndexPage {
        ctx: &ctx,
        locations,
    })
    .into_response())
}

/// The details form as typed.
#[derive(Default)]
pub struct DetailsForm {
    pub name_kk: String,
    pub name_ru: String,
    pub address_kk: String,
    pub address_ru: String,
    pub phone: String,
    pub time_zone: String,
}

/// One weekday of the hours form.
pub struct HoursRow {
    pub weekday: u32,
    pub label: String,
    pub open: bool,
    pub opens: String,
    pub closes: String,
    pub opens_field: &'static str,
    pub closes_field: &'static str,
    pub opens_error: Option<String>,
    pub closes_error: Option<String>,
}

/// The closure form as typed.
#[derive(Default)]
pub struct ClosureForm {
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    pub reason_kk: String,
    pub reason_ru: String,
}

/// A closure as the page lists it.
pub struct ClosureRow {
    pub id: i64,
    pub when: String,
    pub reason: i18n::Shown,
}

/// A live booking a new closure covers.
pub struct AffectedRow {
    pub id: i64,
    pub resource: String,
    pub when: String,
    pub member: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "manage/location.html")]
struct LocationPage<'a> {
    ctx: &'a Ctx,
    id: i64,
    title: String,
    details: DetailsForm,
    hours: Vec<HoursRow>,
    closures: Vec<ClosureRow>,
    closure: ClosureForm,
    /// After a closure was added: the live bookings it covers.
    added: Option<Vec<AffectedRow>>,
    saved: Option<String>,
    errors: FormErrors,
    zones: Vec<&'static str>,
}

/// Time zones offered in the form (any IANA name is accepted).
const ZONES: [&str; 6] = [
    "Asia/Aqtobe",
    "Asia/Almaty",
    "Asia/Oral",
    "Asia/Atyrau",
    "Asia/Qostanay",
    "Asia/Qyzylorda",
];

/// What the location page shows besides the stored values.
#[derive(Default)]
struct Shown {
    details: Option<DetailsForm>,
    hours: Option<Fields>,
    closure: Option<ClosureForm>,
    added: Option<Vec<AffectedRow>>,
    saved: Option<String>,
    errors: Vec<FieldError>,
}

fn when(
    ctx: &Ctx,
    tz: chrono_tz::Tz,
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
) -> String {
    format!(
        "{} – {}",
        i18n::format::datetime(start, tz, ctx.locale),
        i18n::format::datetime(end, tz, ctx.locale)
    )
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    location: &Location,
    shown: Shown,
) -> Result<Response, Error> {
    let details = shown.details.unwrap_or_else(|| DetailsForm {
        name_kk: location.name.kk.clone().unwrap_or_default(),
        name_ru: location.name.ru.clone().unwrap_or_default(),
        address_kk: location.address.kk.clone().unwrap_or_default(),
        address_ru: location.address.ru.clone().unwrap_or_default(),
        phone: location.phone.clone().unwrap_or_default(),
        time_zone: location.time_zone.name().to_string(),
    });
    let errors = ctx.errors(shown.errors.clone());
    let hours = (1..=7u32)
        .map(|weekday| {
            let i = (weekday - 1) as usize;
            let (open, opens, closes) = match &shown.hours {
                Some(typed) => (
                    !field(typed, &format!("open_{weekday}")).is_empty(),
                    field(typed, manage::OPENS[i]).to_string(),
                    field(typed, manage::CLOSES[i]).to_string(),
                ),
                None => match location.hours_on(weekday) {
                    Some(h) => (
                        true,
                        h.opens.format("%H:%M").to_string(),
                        h.closes.format("%H:%M").to_string(),
                    ),
                    None => (false, String::new(), String::new()),
                },
            };
            HoursRow {
                weekday,
                label: i18n::format::weekday(weekday, ctx.locale),
                open,
                opens,
                closes,
                opens_field: manage::OPENS[i],
                closes_field: manage::CLOSES[i],
                opens_error: errors.get(manage::OPENS[i]),
                closes_error: errors.get(manage::CLOSES[i]),
            }
        })
        .collect();
    let now = crate::clock::now();
    let closures = storage::closures(&state.db, location.id, now, manage::far_future(now))
        .await?
        .into_iter()
        .map(|c| ClosureRow {
            id: c.id,
            when: when(ctx, location.time_zone, c.start, c.end),
            reason: ctx.text(&c.reason),
        })
        .collect();
    let status = if shown.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(with_status(
        Page::new(&LocationPage {
            ctx,
            id: location.id,
            title: ctx.text(&location.name).text,
            details,
            hours,
            closures,
            closure: shown.closure.unwrap_or_default(),
            added: shown.added,
            saved: shown.saved,
            errors,
            zones: ZONES.to_vec(),
        })
        .into_response(),
        status,
    ))
}

/// `GET /manage/locations/{id}`
async fn location_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<LocationQuery>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let mut shown = Shown::default();
    match q.saved.as_deref() {
        Some("details") => shown.saved = Some(ctx.t("manage-saved")),
        Some("hours") => shown.saved = Some(ctx.t("manage-hours-saved")),
        Some("closure-deleted") => shown.saved = Some(ctx.t("manage-closure-deleted")),
        _ => {}
    }
    if let Some(closure) = q.closure {
        let closure = storage::closure(&state.db, location.id, closure)
            .await?
            .ok_or(Error::NotFound)?;
        shown.saved = Some(ctx.t("manage-closure-saved"));
        shown.added = Some(affected(&state, &ctx, &location, &closure).await?);
    }
    render(&state, &ctx, &location, shown).await
}

/// What the location page was sent back for.
#[derive(Debug, Default, serde::Deserialize)]
pub struct LocationQuery {
    pub saved: Option<String>,
    /// A closure just added: the page lists the live bookings it covers.
    pub closure: Option<i64>,
}

/// The live bookings a closure covers, for the page.
async fn affected(
    state: &AppState,
    ctx: &Ctx,
    location: &Location,
    closure: &storage::Closure,
) -> Result<Vec<AffectedRow>, Error> {
    let mut names: HashMap<i64, String> = HashMap::new();
    for r in storage::resources(&state.db, Some(location.id)).await? {
        names.insert(r.id, ctx.text(&r.name).text);
    }
    Ok(
        manage::live_bookings(&state.db, location.id, closure.start, closure.end)
            .await?
            .into_iter()
            .map(|(b, member)| AffectedRow {
                id: b.id,
                resource: names.get(&b.resource_id).cloned().unwrap_or_default(),
                when: when(ctx, location.time_zone, b.start, b.end),
                member,
                status: ctx.t(b.status.message_id()),
            })
            .collect(),
    )
}

/// `POST /manage/locations/{id}`: name, address, phone, time zone.
async fn details_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let input = LocationInput {
        name: text_field(&fields, "name"),
        address: text_field(&fields, "address"),
        phone: Some(field(&fields, "phone").to_string()),
        time_zone: field(&fields, "time_zone").to_string(),
    };
    match manage::edit_location(&state.db, staff, &location, &input).await {
        Ok(()) => Ok(see_other(
            &format!("/manage/locations/{id}?saved=details"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            let typed = DetailsForm {
                name_kk: field(&fields, "name_kk").to_string(),
                name_ru: field(&fields, "name_ru").to_string(),
                address_kk: field(&fields, "address_kk").to_string(),
                address_ru: field(&fields, "address_ru").to_string(),
                phone: field(&fields, "phone").to_string(),
                time_zone: field(&fields, "time_zone").to_string(),
            };
            render(
                &state,
                &ctx,
                &location,
                Shown {
                    details: Some(typed),
                    errors: relabel(errors, &[("name", "location_name")]),
                    ..Shown::default()
                },
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// `POST /manage/locations/{id}/hours`: `open_N` ticked, `opens_N`/`closes_N` as `HH:MM`.
async fn hours_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let input: Vec<HoursInput> = (1..=7u32)
        .filter(|d| !field(&fields, &format!("open_{d}")).is_empty())
        .map(|weekday| {
            let i = (weekday - 1) as usize;
            HoursInput {
                weekday,
                opens: field(&fields, manage::OPENS[i]).to_string(),
                closes: field(&fields, manage::CLOSES[i]).to_string(),
            }
        })
        .collect();
    let result = match manage::parse_hours(&input) {
        Ok(hours) => manage::set_hours(&state.db, staff, &location, &hours).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(
            &format!("/manage/locations/{id}?saved=hours#hours"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render(
                &state,
                &ctx,
                &location,
                Shown {
                    hours: Some(fields),
                    errors,
                    ..Shown::default()
                },
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// `POST /manage/locations/{id}/closures`
async fn closure_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let input = ClosureInput {
        start_date: field(&fields, "start_date").to_string(),
        start_time: Some(field(&fields, "start_time").to_string()),
        end_date: field(&fields, "end_date").to_string(),
        end_time: Some(field(&fields, "end_time").to_string()),
        reason: text_field(&fields, "reason"),
    };
    let parsed = manage::parse_closure(&input, location.time_zone);
    let added = match parsed {
        Ok((start, end, reason)) => {
            manage::add_closure(&state.db, staff, &location, start, end, &reason).await
        }
        Err(e) => Err(e),
    };
    match added {
        Ok((closure, _)) => Ok(see_other(
            &format!("/manage/locations/{id}?closure={}#closures", closure.id),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            let typed = ClosureForm {
                start_date: input.start_date.clone(),
                start_time: field(&fields, "start_time").to_string(),
                end_date: input.end_date.clone(),
                end_time: field(&fields, "end_time").to_string(),
                reason_kk: field(&fields, "reason_kk").to_string(),
                reason_ru: field(&fields, "reason_ru").to_string(),
            };
            render(
                &state,
                &ctx,
                &location,
                Shown {
                    closure: Some(typed),
                    errors,
                    ..Shown::default()
                },
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// `POST /manage/locations/{id}/closures/{closure_id}/delete`
async fn delete_closure_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, closure_id)): Path<(i64, i64)>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    manage::delete_closure(&state.db, staff, &location, closure_id).await?;
    Ok(see_other(
        &format!("/manage/locations/{id}?saved=closure-deleted#closures"),
        HeaderMap::new(),
    ))
}
