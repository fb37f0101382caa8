//! Space administration pages for resources: the list of a location's resources, the
//! form that creates or edits one (amenities, who may book, photo, retire), the rules
//! forms (a resource's own, a kind's at a location) and the printable check-in poster.
//! `GET /resources/{id}/photo` serves a resource's photo to everyone.

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::manage::{self, AccessInput, ResourceInput, RulesInput, Staff};
use super::manage_describe::describe;
use super::manage_pages::{Fields, field, kinds, relabel, staff_or_login};
use super::model::{AMENITIES, Location, Resource};
use super::storage::{self, RulesSource};
use crate::accounts::Role;
use crate::bookings::Rules;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/manage/locations/{id}/resources", get(list_page))
        .route(
            "/manage/locations/{id}/resources/new",
            get(new_page).post(create_form),
        )
        .route("/manage/resources/{id}", get(edit_page).post(edit_form))
        .route("/manage/resources/{id}/active", post(active_form))
        .route("/manage/resources/{id}/access", post(access_form))
        .route("/manage/resources/{id}/photo", post(photo_form))
        .route(
            "/manage/resources/{id}/photo/delete",
            post(photo_delete_form),
        )
        .route(
            "/manage/resources/{id}/rules",
            get(resource_rules_page).post(resource_rules_form),
        )
        .route("/manage/resources/{id}/rules/clear", post(clear_rules_form))
        .route(
            "/manage/locations/{id}/rules/{kind}",
            get(kind_rules_page).post(kind_rules_form),
        )
        .route("/manage/resources/{id}/poster", get(poster_page))
        .route("/resources/{id}/photo", get(photo))
}

fn status_for(errors: &[FieldError]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

// --- The list -----------------------------------------------------------------------

/// A resource as the staff list shows it.
pub struct ResourceRow {
    pub id: i64,
    pub name: i18n::Shown,
    pub kind: String,
    pub capacity: i32,
    pub active: bool,
    pub own_rules: bool,
}

#[derive(Template)]
#[template(path = "manage/resources.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    location_id: i64,
    location: String,
    active: Vec<ResourceRow>,
    retired: Vec<ResourceRow>,
    kinds: Vec<(&'static str, String)>,
}

fn kind_name(ctx: &Ctx, kind: &str) -> String {
    ctx.t(format!("manage-kind-{}", kind.replace('_', "-")))
}

/// `GET /manage/locations/{id}/resources`: active and retired resources.
async fn list_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let (mut active, mut retired) = (Vec::new(), Vec::new());
    // By kind (desks, rooms, the hall, equipment), then by name in the reader's alphabet.
    let mut resources = storage::resources(&state.db, Some(id)).await?;
    let kind_order = |kind: &str| {
        ["desk", "meeting_room", "event_hall"]
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(3)
    };
    resources.sort_by(|a, b| {
        kind_order(&a.kind)
            .cmp(&kind_order(&b.kind))
            .then_with(|| crate::i18n::collate::compare_text(ctx.locale, &a.name, &b.name))
    });
    for r in resources {
        let (_, source) = storage::rules(&state.db, &r).await?;
        let row = ResourceRow {
            id: r.id,
            name: ctx.text(&r.name),
            kind: kind_name(&ctx, &r.kind),
            capacity: r.capacity,
            active: r.active,
            own_rules: source == RulesSource::Resource,
        };
        if r.active {
            active.push(row);
        } else {
            retired.push(row);
        }
    }
    Ok(Page::new(&ListPage {
        ctx: &ctx,
        location_id: id,
        location: ctx.text(&location.name).text,
        active,
        retired,
        kinds: kinds(&ctx),
    })
    .into_response())
}

// --- Create and edit ----------------------------------------------------------------

/// The resource form as typed.
#[derive(Default)]
pub struct ResourceForm {
    pub kind: String,
    pub name_kk: String,
    pub name_ru: String,
    pub description_kk: String,
    pub description_ru: String,
    pub capacity: String,
    pub amenities: Vec<String>,
}

impl ResourceForm {
    fn of(r: &Resource) -> ResourceForm {
        ResourceForm {
            kind: r.kind.clone(),
            name_kk: r.name.kk.clone().unwrap_or_default(),
            name_ru: r.name.ru.clone().unwrap_or_default(),
            description_kk: r.description.kk.clone().unwrap_or_default(),
            description_ru: r.description.ru.clone().unwrap_or_default(),
            capacity: r.capacity.to_string(),
            amenities: r.amenities.clone(),
        }
    }

    fn typed(fields: &Fields) -> ResourceForm {
        ResourceForm {
            kind: field(fields, "kind").to_string(),
            name_kk: field(fields, "name_kk").to_string(),
            name_ru: field(fields, "name_ru").to_string(),
            description_kk: field(fields, "description_kk").to_string(),
            description_ru: field(fields, "description_ru").to_string(),
            capacity: field(fields, "capacity").to_string(),
            amenities: fields
                .iter()
                .filter(|(k, _)| k == "amenities")
                .map(|(_, v)| v.clone())
                .collect(),
        }
    }

    /// The input it makes, or the capacity's error when it is not a number.
    fn input(&self) -> Result<ResourceInput, Error> {
        let capacity = match self.capacity.trim() {
            "" => return Err(Error::invalid("capacity", "required")),
            raw => raw
                .parse::<i32>()
                .map_err(|_| Error::invalid("capacity", "not_a_number"))?,
        };
        Ok(ResourceInput {
            location_id: None,
            kind: Some(self.kind.clone()),
            name: Some(i18n::Text::new(
                Some(self.name_kk.clone()),
                Some(self.name_ru.clone()),
            )),
            description: Some(i18n::Text::new(
                Some(self.description_kk.clone()),
                Some(self.description_ru.clone()),
            )),
            capacity: Some(capacity),
            amenities: Some(self.amenities.clone()),
            active: None,
        })
    }
}

/// One choice of a checkbox list: (value, label, checked).
pub type Choice = (String, String, bool);

/// The edit page's parts that only an existing resource has.
pub struct Existing {
    pub id: i64,
    pub active: bool,
    pub has_photo: bool,
    pub roles: Vec<Choice>,
    pub units: Vec<Choice>,
    pub rules: Vec<String>,
    pub own_rules: bool,
}

#[derive(Template)]
#[template(path = "manage/resource.html")]
struct ResourcePage<'a> {
    ctx: &'a Ctx,
    location_id: i64,
    location: String,
    title: String,
    action: String,
    form: ResourceForm,
    kinds: Vec<(&'static str, String)>,
    amenities: Vec<Choice>,
    existing: Option<Existing>,
    saved: Option<String>,
    errors: FormErrors,
}

async fn existing(
    state: &AppState,
    ctx: &Ctx,
    r: &Resource,
    access: Option<&AccessInput>,
) -> Result<Existing, Error> {
    let stored;
    let access = match access {
        Some(a) => a,
        None => {
            stored = AccessInput::from_list(&storage::access(&state.db, r.id).await?);
            &stored
        }
    };
    let roles = Role::GRANTABLE
        .into_iter()
        .map(|role| {
            (
                role.as_str().to_string(),
                ctx.t(role.message_id()),
                access.roles.iter().any(|x| x == role.as_str()),
            )
        })
        .collect();
    let units = crate::org::storage::all(&state.db)
        .await?
        .into_iter()
        .map(|u| {
            (
                u.id.to_string(),
                ctx.text(&u.name).text,
                access.unit_ids.contains(&u.id),
            )
        })
        .collect();
    let (rules, source) = storage::rules(&state.db, r).await?;
    Ok(Existing {
        id: r.id,
        active: r.active,
        has_photo: storage::has_photo(&state.db, r.id).await?,
        roles,
        units,
        rules: describe(ctx.locale, &rules),
        own_rules: source == RulesSource::Resource,
    })
}

#[allow(clippy::too_many_arguments)]
async fn render_resource(
    state: &AppState,
    ctx: &Ctx,
    location: &Location,
    resource: Option<&Resource>,
    form: ResourceForm,
    access: Option<&AccessInput>,
    saved: Option<String>,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    let amenities = AMENITIES
        .into_iter()
        .map(|a| {
            (
                a.to_string(),
                ctx.t(format!("manage-amenity-{a}")),
                form.amenities.iter().any(|x| x == a),
            )
        })
        .collect();
    let (title, action, existing) = match resource {
        Some(r) => (
            ctx.text(&r.name).text,
            format!("/manage/resources/{}", r.id),
            Some(existing(state, ctx, r, access).await?),
        ),
        None => (
            ctx.t("manage-resource-new"),
            format!("/manage/locations/{}/resources/new", location.id),
            None,
        ),
    };
    let errors = relabel(
        errors,
        &[("name", "resource_name"), ("kind", "resource_kind")],
    );
    let status = status_for(&errors);
    Ok(with_status(
        Page::new(&ResourcePage {
            ctx,
            location_id: location.id,
            location: ctx.text(&location.name).text,
            title,
            action,
            form,
            kinds: kinds(ctx),
            amenities,
            existing,
            saved,
            errors: ctx.errors(errors),
        })
        .into_response(),
        status,
    ))
}

/// `GET /manage/locations/{id}/resources/new`
async fn new_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let form = ResourceForm {
        kind: "desk".into(),
        capacity: "1".into(),
        ..ResourceForm::default()
    };
    render_resource(&state, &ctx, &location, None, form, None, None, vec![]).await
}

/// `POST /manage/locations/{id}/resources/new`
async fn create_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let form = ResourceForm::typed(&fields);
    let created = match form.input() {
        Ok(input) => manage::create_resource(&state.db, staff, &location, &input).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(r) => Ok(see_other(
            &format!("/manage/resources/{}?saved=created", r.id),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render_resource(&state, &ctx, &location, None, form, None, None, errors).await
        }
        Err(other) => Err(other),
    }
}

/// What an edit page was sent back for.
#[derive(Debug, Default, serde::Deserialize)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

fn saved_message(ctx: &Ctx, saved: Option<&str>) -> Option<String> {
    match saved? {
        "created" => Some(ctx.t("manage-resource-created")),
        "retired" => Some(ctx.t("manage-resource-retired")),
        "reactivated" => Some(ctx.t("manage-resource-reactivated")),
        "photo" => Some(ctx.t("manage-photo-saved")),
        "access" => Some(ctx.t("manage-access-saved")),
        "rules" => Some(ctx.t("manage-rules-saved")),
        _ => Some(ctx.t("manage-saved")),
    }
}

/// `GET /manage/resources/{id}`
async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, location) = manage::managed_resource(&state.db, staff.user, id).await?;
    let saved = saved_message(&ctx, q.saved.as_deref());
    render_resource(
        &state,
        &ctx,
        &location,
        Some(&r),
        ResourceForm::of(&r),
        None,
        saved,
        vec![],
    )
    .await
}

/// `POST /manage/resources/{id}`
async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, location) = manage::managed_resource(&state.db, staff.user, id).await?;
    let form = ResourceForm::typed(&fields);
    let edited = match form.input() {
        Ok(input) => manage::edit_resource(&state.db, staff, &r, &input).await,
        Err(e) => Err(e),
    };
    match edited {
        Ok(_) => Ok(see_other(
            &format!("/manage/resources/{id}?saved=details"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render_resource(&state, &ctx, &location, Some(&r), form, None, None, errors).await
        }
        Err(other) => Err(other),
    }
}

/// `POST /manage/resources/{id}/active`: `active=true` reactivates, anything else retires.
async fn active_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    let active = field(&fields, "active") == "true";
    let input = ResourceInput {
        active: Some(active),
        ..ResourceInput::default()
    };
    manage::edit_resource(&state.db, staff, &r, &input).await?;
    let saved = if active { "reactivated" } else { "retired" };
    Ok(see_other(
        &format!("/manage/resources/{id}?saved={saved}"),
        HeaderMap::new(),
    ))
}

/// `POST /manage/resources/{id}/access`: `roles` and `unit_ids`, each repeated.
async fn access_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, location) = manage::managed_resource(&state.db, staff.user, id).await?;
    let all = |name: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let unit_ids: Result<Vec<i64>, _> = all("unit_ids").iter().map(|u| u.parse::<i64>()).collect();
    let input = AccessInput {
        roles: all("roles"),
        unit_ids: unit_ids.unwrap_or_else(|_| vec![-1]),
    };
    let result = match manage::parse_access(&state.db, &input).await {
        Ok(access) => manage::set_access(&state.db, staff, &r, &access).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(
            &format!("/manage/resources/{id}?saved=access#access"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render_resource(
                &state,
                &ctx,
                &location,
                Some(&r),
                ResourceForm::of(&r),
                Some(&input),
                None,
                errors,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// `POST /manage/resources/{id}/photo` (multipart, field `photo`; the CSRF token rides in `?csrf=`).
async fn photo_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, location) = manage::managed_resource(&state.db, staff.user, id).await?;
    let mut bytes = Vec::new();
    while let Some(part) = multipart
        .next_field()
        .await
        .map_err(|_| Error::BadRequest("multipart".into()))?
    {
        if part.name() == Some("photo") {
            bytes = part
                .bytes()
                .await
                .map_err(|_| Error::PayloadTooLarge)?
                .to_vec();
        }
    }
    match manage::set_photo(&state.db, staff, &r, &bytes).await {
        Ok(()) => Ok(see_other(
            &format!("/manage/resources/{id}?saved=photo#photo"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            render_resource(
                &state,
                &ctx,
                &location,
                Some(&r),
                ResourceForm::of(&r),
                None,
                None,
                errors,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// `POST /manage/resources/{id}/photo/delete`
async fn photo_delete_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    manage::delete_photo(&state.db, staff, &r).await?;
    Ok(see_other(
        &format!("/manage/resources/{id}#photo"),
        HeaderMap::new(),
    ))
}

/// `GET /resources/{id}/photo`: public, as resources are.
async fn photo(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, Error> {
    let (content_type, bytes) = storage::photo(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).map_err(|e| Error::Internal(e.into()))?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    Ok(response)
}

// --- Rules --------------------------------------------------------------------------

/// The rules form as typed (numbers as text; empty quota or window: none).
#[derive(Default)]
pub struct RulesForm {
    pub slot_minutes: String,
    pub min_minutes: String,
    pub max_minutes: String,
    pub lead_minutes: String,
    pub horizon_days: String,
    pub per_day: String,
    pub per_week: String,
    pub buffer_minutes: String,
    pub needs_approval: bool,
    pub check_in_minutes: String,
    pub within_hours: bool,
}

impl RulesForm {
    fn of(r: &Rules) -> RulesForm {
        let opt = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        RulesForm {
            slot_minutes: r.slot_minutes.to_string(),
            min_minutes: r.min_minutes.to_string(),
            max_minutes: r.max_minutes.to_string(),
            lead_minutes: r.lead_minutes.to_string(),
            horizon_days: r.horizon_days.to_string(),
            per_day: opt(r.per_day),
            per_week: opt(r.per_week),
            buffer_minutes: r.buffer_minutes.to_string(),
            needs_approval: r.needs_approval,
            check_in_minutes: opt(r.check_in_minutes),
            within_hours: r.within_hours,
        }
    }

    fn typed(fields: &Fields) -> RulesForm {
        let f = |name| field(fields, name).trim().to_string();
        RulesForm {
            slot_minutes: f("slot_minutes"),
            min_minutes: f("min_minutes"),
            max_minutes: f("max_minutes"),
            lead_minutes: f("lead_minutes"),
            horizon_days: f("horizon_days"),
            per_day: f("per_day"),
            per_week: f("per_week"),
            buffer_minutes: f("buffer_minutes"),
            needs_approval: !f("needs_approval").is_empty(),
            check_in_minutes: f("check_in_minutes"),
            within_hours: !f("within_hours").is_empty(),
        }
    }

    fn rules(&self) -> Result<Rules, Error> {
        let mut errors = Vec::new();
        let mut number = |name: &'static str, raw: &str| -> Option<i32> {
            if raw.is_empty() {
                return None;
            }
            raw.parse::<i32>()
                .map_err(|_| errors.push(FieldError::new(name, "not_a_number")))
                .ok()
        };
        let input = RulesInput {
            slot_minutes: number("slot_minutes", &self.slot_minutes),
            min_minutes: number("min_minutes", &self.min_minutes),
            max_minutes: number("max_minutes", &self.max_minutes),
            lead_minutes: number("lead_minutes", &self.lead_minutes),
            horizon_days: number("horizon_days", &self.horizon_days),
            per_day: number("per_day", &self.per_day),
            per_week: number("per_week", &self.per_week),
            buffer_minutes: number("buffer_minutes", &self.buffer_minutes),
            needs_approval: self.needs_approval,
            check_in_minutes: number("check_in_minutes", &self.check_in_minutes),
            within_hours: Some(self.within_hours),
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        manage::parse_rules(&input)
    }
}

#[derive(Template)]
#[template(path = "manage/rules.html")]
struct RulesPage<'a> {
    ctx: &'a Ctx,
    location_id: i64,
    location: String,
    title: String,
    /// Where the rules in force come from, in words.
    source: String,
    action: String,
    /// The resource's page, and whether it has rules of its own to remove.
    resource: Option<(i64, bool)>,
    current: Vec<String>,
    form: RulesForm,
    saved: Option<String>,
    errors: FormErrors,
}

#[allow(clippy::too_many_arguments)]
fn render_rules(
    ctx: &Ctx,
    location: &Location,
    title: String,
    source: String,
    action: String,
    resource: Option<(i64, bool)>,
    current: &Rules,
    form: RulesForm,
    saved: Option<String>,
    errors: Vec<FieldError>,
) -> Response {
    let status = status_for(&errors);
    with_status(
        Page::new(&RulesPage {
            ctx,
            location_id: location.id,
            location: ctx.text(&location.name).text,
            title,
            source,
            action,
            resource,
            current: describe(ctx.locale, current),
            form,
            saved,
            errors: ctx.errors(errors),
        })
        .into_response(),
        status,
    )
}

fn source_words(ctx: &Ctx, source: RulesSource) -> String {
    ctx.t(match source {
        RulesSource::Resource => "manage-rules-source-resource",
        RulesSource::Kind => "manage-rules-source-kind",
        RulesSource::Defaults => "manage-rules-source-defaults",
    })
}

async fn resource_rules(
    state: &AppState,
    ctx: &Ctx,
    staff: Staff<'_>,
    id: i64,
    typed: Option<(RulesForm, Vec<FieldError>)>,
    saved: Option<String>,
) -> Result<Response, Error> {
    let (r, location) = manage::managed_resource(&state.db, staff.user, id).await?;
    let (rules, source) = storage::rules(&state.db, &r).await?;
    let (form, errors) = typed.unwrap_or_else(|| (RulesForm::of(&rules), vec![]));
    Ok(render_rules(
        ctx,
        &location,
        ctx.t1("manage-rules-of", "name", ctx.text(&r.name).text),
        source_words(ctx, source),
        format!("/manage/resources/{id}/rules"),
        Some((id, source == RulesSource::Resource)),
        &rules,
        form,
        saved,
        errors,
    ))
}

/// `GET /manage/resources/{id}/rules`
async fn resource_rules_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let saved = saved_message(&ctx, q.saved.as_deref());
    resource_rules(&state, &ctx, staff, id, None, saved).await
}

/// `POST /manage/resources/{id}/rules`
async fn resource_rules_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    let form = RulesForm::typed(&fields);
    let result = match form.rules() {
        Ok(rules) => manage::set_resource_rules(&state.db, staff, &r, &rules).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(
            &format!("/manage/resources/{id}/rules?saved=rules"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            resource_rules(&state, &ctx, staff, id, Some((form, errors)), None).await
        }
        Err(other) => Err(other),
    }
}

/// `POST /manage/resources/{id}/rules/clear`: use the kind's rules again.
async fn clear_rules_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, _) = manage::managed_resource(&state.db, staff.user, id).await?;
    manage::clear_resource_rules(&state.db, staff, &r).await?;
    Ok(see_other(
        &format!("/manage/resources/{id}/rules?saved=rules"),
        HeaderMap::new(),
    ))
}

async fn kind_rules(
    state: &AppState,
    ctx: &Ctx,
    staff: Staff<'_>,
    id: i64,
    kind: &str,
    typed: Option<(RulesForm, Vec<FieldError>)>,
    saved: Option<String>,
) -> Result<Response, Error> {
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let kind = manage::parse_kind(kind).map_err(|_| Error::NotFound)?;
    let (rules, source) = match storage::kind_rules(&state.db, id, kind).await? {
        Some(r) => (r, RulesSource::Kind),
        None => (Rules::defaults(kind), RulesSource::Defaults),
    };
    let (form, errors) = typed.unwrap_or_else(|| (RulesForm::of(&rules), vec![]));
    Ok(render_rules(
        ctx,
        &location,
        ctx.t1("manage-rules-of-kind", "name", kind_name(ctx, kind)),
        source_words(ctx, source),
        format!("/manage/locations/{id}/rules/{kind}"),
        None,
        &rules,
        form,
        saved,
        errors,
    ))
}

/// `GET /manage/locations/{id}/rules/{kind}`
async fn kind_rules_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, kind)): Path<(i64, String)>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let saved = saved_message(&ctx, q.saved.as_deref());
    kind_rules(&state, &ctx, staff, id, &kind, None, saved).await
}

/// `POST /manage/locations/{id}/rules/{kind}`
async fn kind_rules_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, kind)): Path<(i64, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let location = manage::managed_location(&state.db, staff.user, id).await?;
    let kind_code = manage::parse_kind(&kind).map_err(|_| Error::NotFound)?;
    let form = RulesForm::typed(&fields);
    let result = match form.rules() {
        Ok(rules) => manage::set_kind_rules(&state.db, staff, &location, kind_code, &rules).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(
            &format!("/manage/locations/{id}/rules/{kind_code}?saved=rules"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(errors)) => {
            kind_rules(&state, &ctx, staff, id, &kind, Some((form, errors)), None).await
        }
        Err(other) => Err(other),
    }
}

// --- Poster -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "manage/poster.html")]
struct PosterPage<'a> {
    ctx: &'a Ctx,
    id: i64,
    how_kk: String,
    how_ru: String,
    name_kk: String,
    name_ru: String,
    qr: String,
    url: String,
    location: String,
}

/// `GET /manage/resources/{id}/poster`: printable; the QR leads members to check in their
/// current booking of this resource.
async fn poster_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let staff = staff_or_login!(ctx);
    let (r, location) = manage::managed_resource(&state.db, staff.user, id).await?;
    let url = format!(
        "{}/resources/{id}/check-in",
        state.config.public_url.trim_end_matches('/')
    );
    let name_kk = r.name.kk.clone().or(r.name.ru.clone()).unwrap_or_default();
    let name_ru = r.name.ru.clone().or(r.name.kk.clone()).unwrap_or_default();
    let qr = crate::http::qr::svg(
        &url,
        &ctx.t1("manage-poster-qr-label", "name", ctx.text(&r.name).text),
    );
    Ok(Page::new(&PosterPage {
        ctx: &ctx,
        id,
        // The poster speaks both languages whatever the reader's.
        how_kk: i18n::translate(i18n::Locale::Kk, "manage-poster-how", None),
        how_ru: i18n::translate(i18n::Locale::Ru, "manage-poster-how", None),
        name_kk,
        name_ru,
        qr,
        url,
        location: ctx.text(&location.name).text,
    })
    .into_response())
}
