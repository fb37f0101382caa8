//! The public event pages, phone first: upcoming events with filters, past events with
//! attendance, an event's page (register, cancel, waitlist position, a guest's form,
//! add to calendar, rating after it), and "my events".

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::model::{Audience, Category, Event, GuestInput, LANGUAGES, RegStatus, Status};
use super::registration::{self, Who};
use super::routes::ListQuery;
use super::view::{Card, Places, cards};
use super::{organises, ratings, storage, text};
use crate::bookings::grid::Choice;
use crate::bookings::view::Alert;
use crate::clock;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::{self, Shown};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events", get(list))
        .route("/events/mine", get(mine))
        .route("/events/{id}", get(page))
        .route("/events/{id}/register", post(register))
        .route("/events/{id}/guest", post(guest))
        .route("/events/{id}/leave", post(leave))
        .route("/events/{id}/rate", post(rate))
}

#[derive(Template)]
#[template(path = "events/list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    past: bool,
    cards: Vec<Card>,
    categories: Vec<Choice>,
    units: Vec<Choice>,
    languages: Vec<Choice>,
    /// The caller organises events somewhere (links to create and to drafts).
    organiser: bool,
    drafts: Vec<Card>,
    no_errors: FormErrors,
}

fn choices(all: Vec<(String, String)>, selected: &str, any: String) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: any,
        selected: selected.is_empty(),
    })
    .chain(all.into_iter().map(|(value, label)| Choice {
        selected: value == selected,
        value,
        label,
    }))
    .collect()
}

/// `GET /events`: upcoming events (or `?when=past`, with attendance), filtered.
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let past = q.when.as_deref() == Some("past");
    let q = ListQuery {
        when: Some(if past { "past" } else { "upcoming" }.to_string()),
        ..q
    };
    let filter = q.filter(&ctx)?;
    let events = storage::list(&state.db, &filter).await?;
    let places = Places::load(&state.db).await?;
    let cards = cards(&state.db, &ctx, &places, &events).await?;
    let organiser = ctx
        .user
        .as_ref()
        .is_some_and(|u| !super::organiser_units(u).is_empty());
    let drafts = match (&ctx.user, organiser && !past) {
        (Some(user), true) => {
            let all = storage::list(
                &state.db,
                &storage::Filter {
                    statuses: vec![Status::Draft],
                    ends_after: Some(clock::now()),
                    limit: 100,
                    ..storage::Filter::default()
                },
            )
            .await?;
            let mut mine = Vec::new();
            for e in all {
                if organises(&state.db, user, &e).await? {
                    mine.push(e);
                }
            }
            cards_of(&state, &ctx, &places, &mine).await?
        }
        _ => vec![],
    };
    let unit_choices: Vec<(String, String)> = crate::org::storage::all(&state.db)
        .await?
        .into_iter()
        .filter(|u| !u.is_sensitive())
        .map(|u| (u.id.to_string(), ctx.text(&u.name).text))
        .collect();
    let selected_unit = q.unit_id.map(|u| u.to_string()).unwrap_or_default();
    Ok(Page::new(&ListPage {
        ctx: &ctx,
        past,
        cards,
        categories: choices(
            Category::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), ctx.t(c.message_id())))
                .collect(),
            q.category.as_deref().unwrap_or_default(),
            ctx.t("event-filter-any-category"),
        ),
        units: choices(unit_choices, &selected_unit, ctx.t("event-filter-any-unit")),
        languages: choices(
            LANGUAGES
                .iter()
                .map(|l| (l.to_string(), ctx.t(format!("event-language-{l}"))))
                .collect(),
            q.language.as_deref().unwrap_or_default(),
            ctx.t("event-filter-any-language"),
        ),
        organiser,
        drafts,
        no_errors: FormErrors::new(ctx.locale, vec![]),
    })
    .into_response())
}

async fn cards_of(
    state: &AppState,
    ctx: &Ctx,
    places: &Places,
    events: &[Event],
) -> Result<Vec<Card>, Error> {
    cards(&state.db, ctx, places, events).await
}

/// The caller's registration as the page shows it.
pub struct MineView {
    pub status: RegStatus,
    pub status_text: String,
    pub position: Option<i64>,
    pub code: String,
    pub checked_in: bool,
}

/// A guest's form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct GuestForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub consent: Option<String>,
}

#[derive(Template)]
#[template(path = "events/event.html")]
struct EventPage<'a> {
    ctx: &'a Ctx,
    card: Card,
    description: Option<Shown>,
    description_html: String,
    partners: Vec<Shown>,
    online_url: Option<String>,
    audience: String,
    mine: Option<MineView>,
    /// Registration is open to the caller (or to a guest).
    can_register: bool,
    /// Why registration is not open, in words.
    closed_reason: Option<String>,
    /// The guest's form is shown (not signed in, a public event, registration open).
    guest_form: bool,
    guest: GuestForm,
    errors: FormErrors,
    organiser: bool,
    can_rate: bool,
    rated: bool,
    notice: Option<String>,
    alert: Option<Alert>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub done: Option<String>,
}

/// `GET /events/{id}`.
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let notice = match q.done.as_deref() {
        Some("registered") => Some("event-notice-registered"),
        Some("waitlisted") => Some("event-notice-waitlisted"),
        Some("left") => Some("event-notice-left"),
        Some("rated") => Some("event-notice-rated"),
        Some("saved") => Some("event-notice-saved"),
        Some("published") => Some("event-notice-published"),
        Some("cancelled") => Some("event-notice-cancelled"),
        _ => None,
    }
    .map(|id| ctx.t(id));
    render(&state, &ctx, id, notice, None, GuestForm::default(), vec![]).await
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    notice: Option<String>,
    alert: Option<Alert>,
    guest: GuestForm,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    let event = super::routes::visible_event(state, ctx, id).await?;
    let now = clock::now();
    let places = Places::load(&state.db).await?;
    let figures = storage::figures(&state.db, id).await?;
    let card = Card::new(ctx, &places, &event, figures, now);
    let (organiser, mine, eligible, rated) = match &ctx.user {
        Some(user) => {
            let mine = match storage::mine(&state.db, id, user.id).await? {
                Some(mut r) if r.status != RegStatus::Cancelled => {
                    registration::with_position(&state.db, &mut r).await?;
                    Some(MineView {
                        status: r.status,
                        status_text: ctx.t(r.status.message_id()),
                        position: r.waitlist_position,
                        code: crate::bookings::model::display_code(&r.code),
                        checked_in: r.checked_in_at.is_some(),
                    })
                }
                _ => None,
            };
            (
                organises(&state.db, user, &event).await?,
                mine,
                registration::eligible(&state.db, user, &event).await?,
                storage::has_rated(&state.db, id, user.id).await?,
            )
        }
        None => (false, None, event.audience == Audience::Everyone, false),
    };
    let refusal = event.registration_refusal(now);
    let closed_reason = match refusal {
        Some(code) => Some(ctx.t(format!("error-{}-detail", code.replace('_', "-")))),
        None if !eligible => Some(ctx.t(if ctx.user.is_some() {
            "error-event-not-for-you-detail"
        } else {
            "error-event-members-only-detail"
        })),
        None => None,
    };
    let can_register = refusal.is_none() && eligible && mine.is_none();
    let description = (!event.description.is_empty()).then(|| ctx.text(&event.description));
    let description_html = description
        .as_ref()
        .map(|d| text::html(&d.text))
        .unwrap_or_default();
    let can_rate = ctx.user.is_some()
        && !rated
        && event.status_at(now) == Status::Finished
        && mine.as_ref().is_some_and(|m| m.checked_in);
    let status = if alert.is_some() || !errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = EventPage {
        ctx,
        partners: event
            .partner_unit_ids
            .iter()
            .map(|u| places.unit(ctx, *u))
            .collect(),
        online_url: match &event.place {
            super::model::Place::Online { url } => Some(url.clone()),
            _ => None,
        },
        audience: ctx.t(format!("event-audience-{}", event.audience.as_str())),
        guest_form: ctx.user.is_none() && can_register,
        can_register,
        closed_reason,
        card,
        description,
        description_html,
        mine,
        guest,
        errors: FormErrors::new(ctx.locale, errors),
        organiser,
        can_rate,
        rated,
        notice,
        alert,
    };
    Ok(with_status(Page::new(&page).into_response(), status))
}

/// A refusal as the alert above the page; other errors are pages of their own.
fn alert(ctx: &Ctx, err: &Error) -> Option<Alert> {
    match err {
        Error::Conflict(_) | Error::Rule { .. } => Some(Alert {
            title: ctx.t(format!("error-{}", err.code().replace('_', "-"))),
            detail: i18n::translate(
                ctx.locale,
                &format!("error-{}-detail", err.code().replace('_', "-")),
                err.detail_args().as_ref(),
            ),
        }),
        _ => None,
    }
}

/// `POST /events/{id}/register`: the signed-in member registers.
async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let Some(user) = &ctx.user else {
        return Ok(see_other(
            &format!("/login?next=/events/{id}"),
            HeaderMap::new(),
        ));
    };
    match registration::register(&state.db, ctx.ip, id, Who::Me(user)).await {
        Ok(done) => Ok(see_other(
            &format!("/events/{id}?done={}", done.registration.status.as_str()),
            HeaderMap::new(),
        )),
        Err(err) => match alert(&ctx, &err) {
            Some(a) => {
                render(
                    &state,
                    &ctx,
                    id,
                    None,
                    Some(a),
                    GuestForm::default(),
                    vec![],
                )
                .await
            }
            None => Err(err),
        },
    }
}

/// `POST /events/{id}/guest`: a guest registers with name, email, phone and consent; on
/// success they land on their ticket (its address is their only way back).
async fn guest(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<GuestForm>,
) -> Result<Response, Error> {
    let input = GuestInput {
        name: Some(form.name.clone()),
        email: Some(form.email.clone()),
        phone: Some(form.phone.clone()),
        consent: Some(form.consent.is_some()),
    };
    let result = match input.parse() {
        Ok(g) => registration::register(&state.db, ctx.ip, id, Who::Guest(&g)).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => {
            let token = done.guest_token.unwrap_or_default();
            Ok(see_other(
                &format!("/events/tickets/{token}?new=1"),
                HeaderMap::new(),
            ))
        }
        Err(Error::Invalid(errors)) => render(&state, &ctx, id, None, None, form, errors).await,
        Err(err) => match alert(&ctx, &err) {
            Some(a) => render(&state, &ctx, id, None, Some(a), form, vec![]).await,
            None => Err(err),
        },
    }
}

/// `POST /events/{id}/leave`: the member cancels their registration or leaves the waitlist.
async fn leave(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    match registration::cancel_mine(&state.db, user, id).await {
        Ok(_) => Ok(see_other(
            &format!("/events/{id}?done=left"),
            HeaderMap::new(),
        )),
        Err(err) => match alert(&ctx, &err) {
            Some(a) => {
                render(
                    &state,
                    &ctx,
                    id,
                    None,
                    Some(a),
                    GuestForm::default(),
                    vec![],
                )
                .await
            }
            None => Err(err),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct RateForm {
    #[serde(default)]
    pub stars: String,
    #[serde(default)]
    pub comment: String,
}

/// `POST /events/{id}/rate`.
async fn rate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<RateForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let event = super::routes::visible_event(&state, &ctx, id).await?;
    let result = match ratings::parse(form.stars.trim().parse().ok(), Some(&form.comment)) {
        Ok((stars, comment)) => {
            ratings::rate(&state.db, user, &event, stars, comment.as_deref()).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(
            &format!("/events/{id}?done=rated"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render(&state, &ctx, id, None, None, GuestForm::default(), errors).await
        }
        Err(err) => match alert(&ctx, &err) {
            Some(a) => {
                render(
                    &state,
                    &ctx,
                    id,
                    None,
                    Some(a),
                    GuestForm::default(),
                    vec![],
                )
                .await
            }
            None => Err(err),
        },
    }
}

/// One line of "my events".
pub struct MineLine {
    pub card: Card,
    pub status_text: String,
    pub status: RegStatus,
    pub position: Option<i64>,
}

#[derive(Template)]
#[template(path = "events/mine.html")]
struct MinePage<'a> {
    ctx: &'a Ctx,
    upcoming: Vec<MineLine>,
    past: Vec<MineLine>,
}

/// `GET /events/mine`: the member's events and tickets.
async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let Some(user) = &ctx.user else {
        return Ok(see_other("/login?next=/events/mine", HeaderMap::new()));
    };
    let now = clock::now();
    let places = Places::load(&state.db).await?;
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    let since = now - chrono::Duration::days(365);
    let theirs = storage::of_member(&state.db, user.id, since).await?;
    let ids: Vec<i64> = theirs.iter().map(|(e, _)| e.id).collect();
    let all_figures = storage::figures_of(&state.db, &ids).await?;
    for (event, mut r) in theirs {
        registration::with_position(&state.db, &mut r).await?;
        let figures = all_figures.get(&event.id).copied().unwrap_or_default();
        let line = MineLine {
            card: Card::new(&ctx, &places, &event, figures, now),
            status_text: ctx.t(r.status.message_id()),
            status: r.status,
            position: r.waitlist_position,
        };
        if event.end <= now {
            past.push(line);
        } else {
            upcoming.push(line);
        }
    }
    past.reverse();
    Ok(Page::new(&MinePage {
        ctx: &ctx,
        upcoming,
        past,
    })
    .into_response())
}
