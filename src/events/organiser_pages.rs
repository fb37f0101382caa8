//! The organisers' pages: create and edit (a form that keeps what was typed when refused),
//! publish, cancel, the registrations list (add by hand, close registration, export), the
//! check-in page at the door, and the ratings' summary.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::checkin::{self, CheckInResult};
use super::model::{Audience, Category, Event, EventInput, LANGUAGES, Place};
use super::ratings;
use super::registration::{self, Who};
use super::storage::{self, Attendee};
use super::view::{Card, Places};
use super::{manage, organiser_units};
use crate::bookings::grid::Choice;
use crate::bookings::model::{display_code, normalize_code};
use crate::bookings::view::Alert;
use crate::clock;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::{self, Shown, Text, format};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/new", get(new_page).post(create))
        .route("/events/{id}/edit", get(edit_page).post(edit))
        .route("/events/{id}/publish", post(publish))
        .route("/events/{id}/cancel", post(cancel))
        .route(
            "/events/{id}/registrations",
            get(registrations_page).post(add_by_hand),
        )
        .route("/events/{id}/registration-closed", post(close))
        .route("/events/{id}/check-in", get(check_in_page).post(check_in))
        .route("/events/{id}/ratings", get(ratings_page))
}

/// The form as typed (text, so a refused form comes back as it was).
#[derive(Clone, Debug, Default)]
pub struct EventForm {
    pub unit_id: String,
    pub partner_unit_ids: Vec<String>,
    pub title_kk: String,
    pub title_ru: String,
    pub description_kk: String,
    pub description_ru: String,
    pub category: String,
    pub languages: Vec<String>,
    pub place: String,
    pub resource_id: String,
    pub venue_kk: String,
    pub venue_ru: String,
    pub online_url: String,
    pub start: String,
    pub end: String,
    pub capacity: String,
    pub registration_opens: String,
    pub registration_closes: String,
    pub audience: String,
    pub audience_unit_ids: Vec<String>,
    /// `publish` to publish on saving a new event.
    pub action: String,
    /// The initiative a new event carries out (from the initiative's page).
    pub initiative: String,
}

/// `2026-12-01T18:00` in the location's zone.
fn local_input(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// A `datetime-local` value as RFC 3339 (empty stays empty; unreadable passes through, to
/// be refused by the parser with the field's name).
fn instant_of(raw: &str, tz: Tz) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"));
    Some(match parsed {
        Ok(local) => crate::bookings::rules::local_instant(tz, local.date(), local.time())
            .map(|at| at.to_rfc3339())
            .unwrap_or_else(|| raw.to_string()),
        Err(_) => raw.to_string(),
    })
}

impl EventForm {
    fn from_fields(fields: &[(String, String)]) -> EventForm {
        let one = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let all = |name: &str| -> Vec<String> {
            fields
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        EventForm {
            unit_id: one("unit_id"),
            partner_unit_ids: all("partner_unit_ids"),
            title_kk: one("title_kk"),
            title_ru: one("title_ru"),
            description_kk: one("description_kk"),
            description_ru: one("description_ru"),
            category: one("category"),
            languages: all("languages"),
            place: one("place"),
            resource_id: one("resource_id"),
            venue_kk: one("venue_kk"),
            venue_ru: one("venue_ru"),
            online_url: one("online_url"),
            start: one("start"),
            end: one("end"),
            capacity: one("capacity"),
            registration_opens: one("registration_opens"),
            registration_closes: one("registration_closes"),
            audience: one("audience"),
            audience_unit_ids: all("audience_unit_ids"),
            action: one("action"),
            initiative: one("initiative"),
        }
    }

    fn of(event: &Event, tz: Tz) -> EventForm {
        let (resource_id, venue, online_url) = match &event.place {
            Place::Resource { resource_id } => {
                (resource_id.to_string(), Text::default(), String::new())
            }
            Place::Venue { address } => (String::new(), address.clone(), String::new()),
            Place::Online { url } => (String::new(), Text::default(), url.clone()),
        };
        EventForm {
            unit_id: event.unit_id.to_string(),
            partner_unit_ids: event
                .partner_unit_ids
                .iter()
                .map(|u| u.to_string())
                .collect(),
            title_kk: event.title.kk.clone().unwrap_or_default(),
            title_ru: event.title.ru.clone().unwrap_or_default(),
            description_kk: event.description.kk.clone().unwrap_or_default(),
            description_ru: event.description.ru.clone().unwrap_or_default(),
            category: event.category.as_str().to_string(),
            languages: event.languages.clone(),
            place: event.place.kind().to_string(),
            resource_id,
            venue_kk: venue.kk.unwrap_or_default(),
            venue_ru: venue.ru.unwrap_or_default(),
            online_url,
            start: local_input(event.start, tz),
            end: local_input(event.end, tz),
            capacity: event.capacity.to_string(),
            registration_opens: event
                .registration_opens
                .map(|at| local_input(at, tz))
                .unwrap_or_default(),
            registration_closes: event
                .registration_closes
                .map(|at| local_input(at, tz))
                .unwrap_or_default(),
            audience: event.audience.as_str().to_string(),
            audience_unit_ids: event
                .audience_unit_ids
                .iter()
                .map(|u| u.to_string())
                .collect(),
            action: String::new(),
            initiative: String::new(),
        }
    }

    /// The same input the API takes; ids that are not numbers become `-1` (unknown).
    fn input(&self, tz: Tz) -> EventInput {
        let id = |s: &str| -> Option<i64> {
            let s = s.trim();
            (!s.is_empty()).then(|| s.parse().unwrap_or(-1))
        };
        let ids = |v: &[String]| -> Vec<i64> { v.iter().filter_map(|s| id(s)).collect() };
        EventInput {
            unit_id: id(&self.unit_id),
            partner_unit_ids: ids(&self.partner_unit_ids),
            title: Some(Text::new(
                Some(self.title_kk.clone()),
                Some(self.title_ru.clone()),
            )),
            description: Some(Text::new(
                Some(self.description_kk.clone()),
                Some(self.description_ru.clone()),
            )),
            category: Some(self.category.clone()),
            languages: self.languages.clone(),
            place: Some(self.place.clone()),
            resource_id: id(&self.resource_id),
            venue: Some(Text::new(
                Some(self.venue_kk.clone()),
                Some(self.venue_ru.clone()),
            )),
            online_url: Some(self.online_url.clone()),
            start: instant_of(&self.start, tz),
            end: instant_of(&self.end, tz),
            capacity: match self.capacity.trim() {
                "" => None,
                s => Some(s.parse().unwrap_or(0)),
            },
            registration_opens: instant_of(&self.registration_opens, tz),
            registration_closes: instant_of(&self.registration_closes, tz),
            audience: Some(self.audience.clone()),
            audience_unit_ids: ids(&self.audience_unit_ids),
        }
    }
}

/// A checkbox of a list: value, label, checked.
pub struct Check {
    pub value: String,
    pub label: Shown,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    /// `None` for a new event.
    event_id: Option<i64>,
    form: EventForm,
    errors: FormErrors,
    alert: Option<Alert>,
    units: Vec<Choice>,
    partners: Vec<Check>,
    audience_units: Vec<Check>,
    categories: Vec<Choice>,
    languages: Vec<Check>,
    places: Vec<Choice>,
    resources: Vec<Choice>,
    audiences: Vec<Choice>,
    /// The initiative a new event will be linked to: (id, title).
    initiative: Option<(i64, Shown)>,
}

/// The initiative a new event's form carries, once the organiser may link to it
/// (`initiatives::milestones::require_keeper`).
async fn initiative_for(
    state: &AppState,
    user: &crate::accounts::CurrentUser,
    raw: &str,
) -> Result<Option<crate::initiatives::Initiative>, Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let id: i64 = raw.parse().map_err(|_| Error::NotFound)?;
    Ok(Some(
        crate::initiatives::milestones::require_keeper(&state.db, user, id).await?,
    ))
}

/// The zone a form's local times are read in: the center's.
async fn zone(state: &AppState) -> Result<Tz, Error> {
    Ok(crate::spaces::storage::main_location(&state.db)
        .await?
        .map(|l| l.time_zone)
        .unwrap_or(format::AKTOBE))
}

async fn render_form(
    state: &AppState,
    ctx: &Ctx,
    event_id: Option<i64>,
    form: EventForm,
    errors: Vec<FieldError>,
    alert: Option<Alert>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let all_units = crate::org::storage::all(&state.db).await?;
    let mine = organiser_units(user);
    let mut organisable = Vec::new();
    for u in &all_units {
        if mine.contains(&u.id)
            || crate::org::holds_over(&state.db, user, &manage::ORGANISER_ROLES, u.id).await?
        {
            organisable.push(u);
        }
    }
    let choice = |value: String, label: String, selected: bool| Choice {
        value,
        label,
        selected,
    };
    let check = |u: &crate::org::Unit, list: &[String]| Check {
        value: u.id.to_string(),
        label: ctx.text(&u.name),
        checked: list.contains(&u.id.to_string()),
    };
    let public: Vec<&crate::org::Unit> = all_units.iter().filter(|u| !u.is_sensitive()).collect();
    let resources = crate::spaces::storage::resources(&state.db, None)
        .await?
        .into_iter()
        .filter(|r| r.active && matches!(r.kind.as_str(), "event_hall" | "meeting_room"))
        .map(|r| {
            choice(
                r.id.to_string(),
                ctx.text(&r.name).text,
                form.resource_id == r.id.to_string(),
            )
        })
        .collect();
    let initiative = match event_id {
        None => initiative_for(state, user, &form.initiative)
            .await?
            .map(|i| (i.id, ctx.text(&i.title))),
        Some(_) => None,
    };
    let page = FormPage {
        ctx,
        event_id,
        initiative,
        units: organisable
            .iter()
            .map(|u| {
                choice(
                    u.id.to_string(),
                    ctx.text(&u.name).text,
                    form.unit_id == u.id.to_string(),
                )
            })
            .collect(),
        partners: public
            .iter()
            .map(|u| check(u, &form.partner_unit_ids))
            .collect(),
        audience_units: public
            .iter()
            .map(|u| check(u, &form.audience_unit_ids))
            .collect(),
        categories: Category::ALL
            .iter()
            .map(|c| {
                choice(
                    c.as_str().into(),
                    ctx.t(c.message_id()),
                    form.category == c.as_str(),
                )
            })
            .collect(),
        languages: LANGUAGES
            .iter()
            .map(|l| Check {
                value: l.to_string(),
                label: Shown {
                    text: ctx.t(format!("event-language-{l}")),
                    lang: ctx.locale.tag(),
                    fallback: false,
                },
                checked: form.languages.iter().any(|x| x == l),
            })
            .collect(),
        places: ["resource", "venue", "online"]
            .iter()
            .map(|p| {
                choice(
                    p.to_string(),
                    ctx.t(format!("event-place-{p}")),
                    form.place == *p,
                )
            })
            .collect(),
        resources,
        audiences: Audience::ALL
            .iter()
            .map(|a| {
                choice(
                    a.as_str().into(),
                    ctx.t(format!("event-audience-{}", a.as_str())),
                    form.audience == a.as_str(),
                )
            })
            .collect(),
        form,
        errors: FormErrors::new(ctx.locale, errors),
        alert,
    };
    let refused = !page.errors.is_empty() || page.alert.is_some();
    let response = Page::new(&page).into_response();
    Ok(if refused {
        with_status(response, axum::http::StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        response
    })
}

macro_rules! organiser_or_login {
    ($ctx:expr, $back:expr) => {
        match &$ctx.user {
            Some(user) => user,
            None => {
                return Ok(see_other(
                    &format!("/login?next={}", $back),
                    HeaderMap::new(),
                ));
            }
        }
    };
}

#[derive(Debug, Default, Deserialize)]
struct NewQuery {
    initiative: Option<String>,
}

/// `GET /events/new` (`?initiative=` for an event that carries out an initiative).
async fn new_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> Result<Response, Error> {
    let back = match &q.initiative {
        Some(i) => format!("/events/new?initiative={}", i.trim()),
        None => "/events/new".to_string(),
    };
    let user = organiser_or_login!(ctx, back);
    let units = organiser_units(user);
    if units.is_empty() {
        return Err(Error::Forbidden);
    }
    let initiative = q.initiative.unwrap_or_default();
    let form = EventForm {
        initiative,
        unit_id: units.first().map(|u| u.to_string()).unwrap_or_default(),
        category: "culture".into(),
        languages: vec!["kk".into(), "ru".into()],
        place: "resource".into(),
        audience: "everyone".into(),
        capacity: "50".into(),
        ..EventForm::default()
    };
    render_form(&state, &ctx, None, form, vec![], None).await
}

/// A refusal shown above the form (a taken hall, a state conflict).
fn alert(ctx: &Ctx, tz: Tz, err: &Error) -> Option<Alert> {
    crate::bookings::view::alert(ctx, tz, err)
}

/// `POST /events/new`.
async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    if super::organiser_units(user).is_empty() {
        // Organises nothing: refused before the form is judged.
        return Err(Error::Forbidden);
    }
    let tz = zone(&state).await?;
    let form = EventForm::from_fields(&fields);
    let initiative = initiative_for(&state, user, &form.initiative)
        .await?
        .map(|i| i.id);
    let result = match form.input(tz).parse() {
        Ok(draft) => {
            let publish = form.action == "publish";
            manage::create_for(&state.db, user, ctx.ip, &draft, publish, initiative).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(event) => Ok(see_other(
            &format!("/events/{}?done=saved", event.id),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => render_form(&state, &ctx, None, form, errors, None).await,
        Err(err) => match alert(&ctx, tz, &err) {
            Some(a) => render_form(&state, &ctx, None, form, vec![], Some(a)).await,
            None => Err(err),
        },
    }
}

/// `GET /events/{id}/edit`.
async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let user = organiser_or_login!(ctx, format!("/events/{id}/edit"));
    let event = manage::organised(&state.db, user, id).await?;
    let tz = zone(&state).await?;
    render_form(
        &state,
        &ctx,
        Some(id),
        EventForm::of(&event, tz),
        vec![],
        None,
    )
    .await
}

/// `POST /events/{id}/edit`.
async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    manage::organised(&state.db, user, id).await?;
    let tz = zone(&state).await?;
    let form = EventForm::from_fields(&fields);
    let result = match form.input(tz).parse() {
        Ok(draft) => manage::edit(&state.db, user, ctx.ip, id, &draft).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(
            &format!("/events/{id}?done=saved"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render_form(&state, &ctx, Some(id), form, errors, None).await
        }
        Err(err) => match alert(&ctx, tz, &err) {
            Some(a) => render_form(&state, &ctx, Some(id), form, vec![], Some(a)).await,
            None => Err(err),
        },
    }
}

/// `POST /events/{id}/publish`.
async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    manage::publish(&state.db, ctx.user()?, ctx.ip, id).await?;
    Ok(see_other(
        &format!("/events/{id}?done=published"),
        HeaderMap::new(),
    ))
}

/// `POST /events/{id}/cancel`.
async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    manage::cancel(&state.db, ctx.user()?, ctx.ip, id).await?;
    Ok(see_other(
        &format!("/events/{id}?done=cancelled"),
        HeaderMap::new(),
    ))
}

/// One line of the registrations list.
pub struct Line {
    pub n: usize,
    pub a: Attendee,
    pub status_text: String,
    pub checked_in_at: Option<String>,
    pub code: String,
}

#[derive(Template)]
#[template(path = "events/registrations.html")]
struct RegistrationsPage<'a> {
    ctx: &'a Ctx,
    card: Card,
    lines: Vec<Line>,
    registration_closed: bool,
    email: String,
    errors: FormErrors,
    notice: Option<String>,
    alert: Option<Alert>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

async fn render_registrations(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    email: String,
    errors: Vec<FieldError>,
    notice: Option<String>,
    alert: Option<Alert>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let event = manage::organised(&state.db, user, id).await?;
    let places = Places::load(&state.db).await?;
    let tz = places.zone(&event);
    let figures = storage::figures(&state.db, id).await?;
    let card = Card::new(ctx, &places, &event, figures, clock::now());
    let lines = storage::registrations(&state.db, id)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, a)| Line {
            n: i + 1,
            status_text: ctx.t(a.registration.status.message_id()),
            checked_in_at: a
                .registration
                .checked_in_at
                .map(|at| format::datetime(at, tz, ctx.locale)),
            code: display_code(&a.registration.code),
            a,
        })
        .collect();
    let refused = !errors.is_empty() || alert.is_some();
    let response = Page::new(&RegistrationsPage {
        ctx,
        card,
        lines,
        registration_closed: event.registration_closed,
        email,
        errors: FormErrors::new(ctx.locale, errors),
        notice,
        alert,
    })
    .into_response();
    Ok(if refused {
        with_status(response, axum::http::StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        response
    })
}

/// `GET /events/{id}/registrations`: everyone registered or waiting, in arrival order.
async fn registrations_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, Error> {
    organiser_or_login!(ctx, format!("/events/{id}/registrations"));
    let notice = match q.done.as_deref() {
        Some("added") => Some(ctx.t("event-notice-added")),
        Some("closed") => Some(ctx.t("event-notice-closed")),
        Some("opened") => Some(ctx.t("event-notice-opened")),
        _ => None,
    };
    render_registrations(&state, &ctx, id, String::new(), vec![], notice, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    pub email: String,
}

/// `POST /events/{id}/registrations`: an organiser adds a member by their email.
async fn add_by_hand(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<AddForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    manage::organised(&state.db, user, id).await?;
    let member = match crate::accounts::Email::parse(&form.email) {
        Ok(email) => crate::accounts::storage::find_by_email(&state.db, &email)
            .await?
            .filter(|(u, _)| u.deleted_at.is_none())
            .map(|(u, _)| u.id)
            .ok_or_else(|| Error::invalid("email", "no_such_account")),
        Err(e) => Err(Error::Invalid(vec![e])),
    };
    let result = match member {
        Ok(member) => registration::register(&state.db, ctx.ip, id, Who::AddedBy(user, member))
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(
            &format!("/events/{id}/registrations?done=added"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render_registrations(&state, &ctx, id, form.email, errors, None, None).await
        }
        Err(err) => match alert(&ctx, format::AKTOBE, &err) {
            Some(a) => {
                render_registrations(&state, &ctx, id, form.email, vec![], None, Some(a)).await
            }
            None => Err(err),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    pub closed: String,
}

/// `POST /events/{id}/registration-closed`: closes or reopens registration.
async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CloseForm>,
) -> Result<Response, Error> {
    let closed = form.closed == "1";
    manage::close_registration(&state.db, ctx.user()?, ctx.ip, id, closed).await?;
    Ok(see_other(
        &format!(
            "/events/{id}/registrations?done={}",
            if closed { "closed" } else { "opened" }
        ),
        HeaderMap::new(),
    ))
}

/// What the last scan did.
pub struct Scan {
    pub already: bool,
    pub name: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "events/check_in.html")]
struct CheckInPage<'a> {
    ctx: &'a Ctx,
    card: Card,
    code: String,
    scan: Option<Scan>,
    errors: FormErrors,
    alert: Option<Alert>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
}

async fn render_check_in(
    state: &AppState,
    ctx: &Ctx,
    event: &Event,
    code: String,
    scan: Option<Scan>,
    errors: Vec<FieldError>,
    alert: Option<Alert>,
) -> Result<Response, Error> {
    let places = Places::load(&state.db).await?;
    let figures = storage::figures(&state.db, event.id).await?;
    let card = Card::new(ctx, &places, event, figures, clock::now());
    let refused = !errors.is_empty() || alert.is_some();
    let response = Page::new(&CheckInPage {
        ctx,
        card,
        code,
        scan,
        errors: FormErrors::new(ctx.locale, errors),
        alert,
    })
    .into_response();
    Ok(if refused {
        with_status(response, axum::http::StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        response
    })
}

async fn door(state: &AppState, ctx: &Ctx, id: i64) -> Result<Event, Error> {
    let user = ctx.user()?;
    let event = storage::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    if !checkin::may_check_in(&state.db, user, &event).await? {
        return Err(Error::Forbidden);
    }
    Ok(event)
}

/// `GET /events/{id}/check-in`: the door; a scanned ticket's address (`?code=…`) fills
/// the code (a GET changes nothing).
async fn check_in_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<CodeForm>,
) -> Result<Response, Error> {
    organiser_or_login!(ctx, format!("/events/{id}/check-in"));
    let event = door(&state, &ctx, id).await?;
    let code = normalize_code(&q.code)
        .map(|c| display_code(&c))
        .unwrap_or_default();
    render_check_in(&state, &ctx, &event, code, None, vec![], None).await
}

/// `POST /events/{id}/check-in`.
async fn check_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CodeForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let event = door(&state, &ctx, id).await?;
    let places = Places::load(&state.db).await?;
    let tz = places.zone(&event);
    match checkin::check_in(&state.db, user, &event, &form.code).await {
        Ok(done) => {
            let scan = Scan {
                already: done.result == CheckInResult::Already,
                name: done.registration.name.clone(),
                at: done
                    .registration
                    .checked_in_at
                    .map(|at| format::datetime(at, tz, ctx.locale))
                    .unwrap_or_default(),
            };
            render_check_in(
                &state,
                &ctx,
                &event,
                String::new(),
                Some(scan),
                vec![],
                None,
            )
            .await
        }
        Err(Error::Invalid(errors)) => {
            render_check_in(&state, &ctx, &event, form.code, None, errors, None).await
        }
        Err(err) => match alert(&ctx, tz, &err) {
            Some(a) => {
                render_check_in(&state, &ctx, &event, form.code, None, vec![], Some(a)).await
            }
            None => Err(err),
        },
    }
}

/// One bar of the distribution.
pub struct Bar {
    pub stars: usize,
    pub count: i64,
    pub percent: i64,
}

#[derive(Template)]
#[template(path = "events/ratings.html")]
struct RatingsPage<'a> {
    ctx: &'a Ctx,
    card: Card,
    count: i64,
    average: String,
    bars: Vec<Bar>,
    comments: Vec<(i32, String, String)>,
}

/// `GET /events/{id}/ratings`: the summary for organisers.
async fn ratings_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let user = organiser_or_login!(ctx, format!("/events/{id}/ratings"));
    let event = manage::organised(&state.db, user, id).await?;
    let places = Places::load(&state.db).await?;
    let tz = places.zone(&event);
    let figures = storage::figures(&state.db, id).await?;
    let card = Card::new(&ctx, &places, &event, figures, clock::now());
    let s = ratings::summary(&state.db, id).await?;
    let bars = (1..=5)
        .rev()
        .map(|stars| {
            let count = s.distribution[stars - 1];
            Bar {
                stars,
                count,
                percent: if s.count > 0 {
                    count * 100 / s.count
                } else {
                    0
                },
            }
        })
        .collect();
    let average = s
        .average
        .map(|a| {
            let text = format!("{a:.1}");
            if ctx.locale.language() == i18n::Language::En {
                text
            } else {
                text.replace('.', ",")
            }
        })
        .unwrap_or_else(|| "—".to_string());
    Ok(Page::new(&RatingsPage {
        ctx: &ctx,
        card,
        count: s.count,
        average,
        bars,
        comments: s
            .comments
            .into_iter()
            .map(|c| (c.stars, c.comment, format::datetime(c.at, tz, ctx.locale)))
            .collect(),
    })
    .into_response())
}
