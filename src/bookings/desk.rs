//! Staff pages: the front desk (a booking's code typed or scanned, today's bookings with a
//! check-in button) and the list of all bookings of the locations they manage, with filters
//! and the decisions on pending ones.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

use super::book::{self, CheckInRefusal};
use super::grid::Choice;
use super::model::{Status, normalize_code};
use super::rules;
use super::storage::{self, Filter};
use super::view::{self, Alert, BookingLine};
use crate::clock;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, with_status};
use crate::http::{Ctx, Form, Page};
use crate::spaces::{Location, storage as spaces};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/front-desk", get(desk).post(check_in_code))
        .route("/staff/bookings", get(staff_list))
}

/// The locations the caller manages; none: not staff here (403).
async fn managed(state: &AppState, ctx: &Ctx) -> Result<Vec<Location>, Error> {
    let user = ctx.user()?;
    if !book::front_desk_staff(user) {
        return Err(Error::Forbidden);
    }
    let mut out = Vec::new();
    for location in spaces::locations(&state.db).await? {
        if book::manages(&state.db, user, &location).await? {
            out.push(location);
        }
    }
    if out.is_empty() {
        return Err(Error::Forbidden);
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "bookings/desk.html")]
struct DeskPage<'a> {
    ctx: &'a Ctx,
    code: String,
    errors: FormErrors,
    alert: Option<Alert>,
    notice: Option<String>,
    /// The booking the code names (after a scan, before the check-in).
    found: Option<BookingLine>,
    today: Vec<BookingLine>,
    pending: usize,
}

#[derive(Debug, Default, Deserialize)]
pub struct DeskQuery {
    pub code: Option<String>,
    pub done: Option<String>,
}

/// `GET /front-desk`: the code field, and today's bookings. A scanned ticket opens this
/// page with `?code=`: the booking is shown with a button, nothing changes until pressed.
async fn desk(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DeskQuery>,
) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(crate::http::page::see_other(
            "/login?next=/front-desk",
            axum::http::HeaderMap::new(),
        ));
    }
    let locations = managed(&state, &ctx).await?;
    let code = q.code.unwrap_or_default();
    let mut found = None;
    let mut alert = None;
    let mut errors = vec![];
    if !code.trim().is_empty() {
        match lookup(&state, &ctx, &code).await {
            Ok(line) => found = Some(line),
            Err(Error::Invalid(e)) => errors = e,
            Err(err) => {
                alert = view::alert(&ctx, crate::i18n::format::AKTOBE, &err).or(Some(Alert {
                    title: ctx.t("desk-unknown-code"),
                    detail: ctx.t("desk-unknown-code-detail"),
                }))
            }
        }
    }
    let notice = (q.done.as_deref() == Some("checked_in")).then(|| ctx.t("ticket-checked-in"));
    render(&state, &ctx, &locations, code, errors, alert, notice, found).await
}

/// The booking a code names, if the caller runs the desk of its location.
async fn lookup(state: &AppState, ctx: &Ctx, raw: &str) -> Result<BookingLine, Error> {
    let user = ctx.user()?;
    let code = normalize_code(raw).ok_or_else(|| Error::invalid("code", "invalid_code"))?;
    let booking = storage::find_by_code(&state.db, &code)
        .await?
        .ok_or(Error::NotFound)?;
    if !book::manages_booking(&state.db, user, &booking).await? {
        return Err(Error::NotFound);
    }
    let member = match booking.user_id {
        Some(id) => crate::accounts::storage::find(&state.db, id)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default(),
        None => ctx.t("deleted-member"),
    };
    let resource = spaces::resource(&state.db, booking.resource_id).await?;
    let tz = match &resource {
        Some(r) => spaces::location(&state.db, r.location_id)
            .await?
            .map(|l| l.time_zone),
        None => None,
    }
    .unwrap_or(crate::i18n::format::AKTOBE);
    Ok(BookingLine::new(
        ctx,
        tz,
        &booking,
        resource.as_ref(),
        member,
        clock::now(),
    ))
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: &Ctx,
    locations: &[Location],
    code: String,
    errors: Vec<FieldError>,
    alert: Option<Alert>,
    notice: Option<String>,
    found: Option<BookingLine>,
) -> Result<Response, Error> {
    let now = clock::now();
    let mut today = Vec::new();
    let mut pending = 0;
    for location in locations {
        let tz = location.time_zone;
        let date = now.with_timezone(&tz).date_naive();
        let day = Filter {
            location_id: Some(location.id),
            from: Some(rules::day_start(tz, date)),
            to: Some(rules::day_start(tz, date + Duration::days(1))),
            limit: 500,
            ..Filter::default()
        };
        let rows: Vec<_> = storage::list(&state.db, &day)
            .await?
            .into_iter()
            .filter(|(b, _)| !matches!(b.status, Status::Cancelled | Status::Declined))
            .collect();
        let resources = view::by_id(spaces::resources(&state.db, Some(location.id)).await?);
        today.extend(rows.into_iter().map(|(b, member)| {
            BookingLine::new(ctx, tz, &b, resources.get(&b.resource_id), member, now)
        }));
        let waiting = Filter {
            location_id: Some(location.id),
            status: Some(Status::Pending),
            from: Some(now),
            limit: 500,
            ..Filter::default()
        };
        pending += storage::list(&state.db, &waiting).await?.len();
    }
    let status = if !errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if alert.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok(with_status(
        Page::new(&DeskPage {
            ctx,
            code,
            errors: ctx.errors(errors),
            alert,
            notice,
            found,
            today,
            pending,
        })
        .into_response(),
        status,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
}

/// `POST /front-desk`: checks in the booking whose code was typed or scanned.
async fn check_in_code(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<CodeForm>,
) -> Result<Response, Error> {
    let locations = managed(&state, &ctx).await?;
    let user = ctx.user()?.clone();
    let refused = |errors: Vec<FieldError>, alert: Option<Alert>, found| {
        let (state, ctx, locations, code) = (&state, &ctx, &locations, form.code.clone());
        async move { render(state, ctx, locations, code, errors, alert, None, found).await }
    };
    let Some(code) = normalize_code(&form.code) else {
        return refused(vec![FieldError::new("code", "invalid_code")], None, None).await;
    };
    let booking = match storage::find_by_code(&state.db, &code).await? {
        Some(b) if book::manages_booking(&state.db, &user, &b).await? => b,
        _ => {
            let alert = Alert {
                title: ctx.t("desk-unknown-code"),
                detail: ctx.t("desk-unknown-code-detail"),
            };
            let mut response = refused(vec![], Some(alert), None).await?;
            if response.status() == StatusCode::CONFLICT {
                *response.status_mut() = StatusCode::NOT_FOUND;
            }
            return Ok(response);
        }
    };
    match book::check_in(&state.db, &booking, clock::now()).await? {
        Ok(_) => {
            let line = lookup(&state, &ctx, &code).await?;
            let notice = Some(ctx.t1("desk-checked-in", "name", line.member.clone()));
            render(
                &state,
                &ctx,
                &locations,
                String::new(),
                vec![],
                None,
                notice,
                Some(line),
            )
            .await
        }
        Err(refusal) => {
            let at = match &refusal {
                CheckInRefusal::Already(at) => Some(*at),
                _ => None,
            };
            let err = refusal.into_error();
            let mut alert = view::alert(&ctx, crate::i18n::format::AKTOBE, &err);
            if let (Some(a), Some(at)) = (alert.as_mut(), at) {
                a.detail = format!(
                    "{} {}",
                    a.detail,
                    crate::i18n::format::time(
                        at.with_timezone(&crate::i18n::format::AKTOBE).time(),
                        ctx.locale
                    )
                );
            }
            let line = lookup(&state, &ctx, &code).await.ok();
            refused(vec![], alert, line).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct StaffQuery {
    pub location: Option<String>,
    pub resource: Option<String>,
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// A part of the member's name.
    pub member: Option<String>,
}

#[derive(Template)]
#[template(path = "bookings/staff.html")]
struct StaffPage<'a> {
    ctx: &'a Ctx,
    locations: Vec<Choice>,
    resources: Vec<Choice>,
    statuses: Vec<Choice>,
    from: String,
    to: String,
    member: String,
    lines: Vec<BookingLine>,
    back: String,
    truncated: bool,
    errors: FormErrors,
}

/// How many bookings the staff list shows at once.
const STAFF_LIMIT: usize = 300;

/// `GET /staff/bookings`: every booking of the managed locations, filtered.
async fn staff_list(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    Query(q): Query<StaffQuery>,
) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(crate::http::page::see_other(
            "/login?next=/staff/bookings",
            axum::http::HeaderMap::new(),
        ));
    }
    let locations = managed(&state, &ctx).await?;
    let mut errors = Vec::new();
    let location = match q.location.as_deref().filter(|s| !s.is_empty()) {
        None => locations[0].clone(),
        Some(raw) => match raw
            .parse::<i64>()
            .ok()
            .and_then(|id| locations.iter().find(|l| l.id == id))
        {
            Some(l) => l.clone(),
            None => {
                errors.push(FieldError::new("location", "invalid_choice"));
                locations[0].clone()
            }
        },
    };
    let tz = location.time_zone;
    let today = clock::now().with_timezone(&tz).date_naive();
    let mut date =
        |field: &'static str, raw: Option<&str>, default: NaiveDate| match raw.map(str::trim) {
            None | Some("") => default,
            Some(raw) => crate::clock::parse_date(raw).unwrap_or_else(|_| {
                errors.push(FieldError::new(field, "invalid_date"));
                default
            }),
        };
    let from = date("from", q.from.as_deref(), today);
    let to = date("to", q.to.as_deref(), from + Duration::days(14));
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => match Status::parse(raw) {
            Some(s) => Some(s),
            None => {
                errors.push(FieldError::new("status", "invalid_choice"));
                None
            }
        },
    };
    let all_resources = spaces::resources(&state.db, Some(location.id)).await?;
    let resource = q
        .resource
        .as_deref()
        .and_then(|r| r.parse::<i64>().ok())
        .filter(|id| all_resources.iter().any(|r| r.id == *id));
    let member = q.member.clone().unwrap_or_default();
    let needle = member.trim().to_lowercase();
    let filter = Filter {
        location_id: Some(location.id),
        resource_id: resource,
        status,
        from: Some(rules::day_start(tz, from)),
        to: Some(rules::day_start(tz, to + Duration::days(1))),
        limit: if needle.is_empty() {
            STAFF_LIMIT as i64 + 1
        } else {
            5000
        },
        ..Filter::default()
    };
    let now = clock::now();
    let resources_by_id = view::by_id(all_resources.clone());
    let mut lines: Vec<BookingLine> = storage::list(&state.db, &filter)
        .await?
        .into_iter()
        .filter(|(_, name)| needle.is_empty() || name.to_lowercase().contains(&needle))
        .map(|(b, name)| {
            BookingLine::new(&ctx, tz, &b, resources_by_id.get(&b.resource_id), name, now)
        })
        .collect();
    let truncated = lines.len() > STAFF_LIMIT;
    lines.truncate(STAFF_LIMIT);
    let choice = |value: String, label: String, selected: bool| Choice {
        value,
        label,
        selected,
    };
    let mut resources = vec![choice(
        String::new(),
        ctx.t("grid-all-kinds"),
        resource.is_none(),
    )];
    resources.extend(all_resources.iter().map(|r| {
        choice(
            r.id.to_string(),
            ctx.text(&r.name).text,
            resource == Some(r.id),
        )
    }));
    let mut statuses = vec![choice(
        String::new(),
        ctx.t("staff-any-status"),
        status.is_none(),
    )];
    statuses.extend(Status::ALL.iter().map(|s| {
        choice(
            s.as_str().to_string(),
            ctx.t(s.message_id()),
            status == Some(*s),
        )
    }));
    let status_code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(with_status(
        Page::new(&StaffPage {
            ctx: &ctx,
            locations: locations
                .iter()
                .map(|l| {
                    choice(
                        l.id.to_string(),
                        ctx.text(&l.name).text,
                        l.id == location.id,
                    )
                })
                .collect(),
            resources,
            statuses,
            from: from.to_string(),
            to: to.to_string(),
            member,
            lines,
            back: match raw {
                Some(raw) => format!("/staff/bookings?{raw}"),
                None => "/staff/bookings".to_string(),
            },
            truncated,
            errors: ctx.errors(errors),
        })
        .into_response(),
        status_code,
    ))
}
