//! A member edits their profile and chooses what the directory shows.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::model::{Phone, optional_text, parse_birth_date, parse_tags};
use super::signup::{checkbox, tags};
use super::storage::{self, ProfileData};
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/account/profile", get(page).post(save))
}

#[derive(Debug, Default, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub study_or_work: String,
    #[serde(default, deserialize_with = "tags")]
    pub languages: String,
    #[serde(default, deserialize_with = "tags")]
    pub interests: String,
    #[serde(default, deserialize_with = "tags")]
    pub skills: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub in_directory: bool,
    #[serde(default, deserialize_with = "checkbox")]
    pub show_email: bool,
    #[serde(default, deserialize_with = "checkbox")]
    pub show_phone: bool,
    #[serde(default, deserialize_with = "checkbox")]
    pub show_study_or_work: bool,
}

#[derive(Template)]
#[template(path = "auth/profile.html")]
struct ProfilePage<'a> {
    ctx: &'a Ctx,
    form: ProfileForm,
    /// A profile made by staff or the CLI has no birth date yet: the form asks for it.
    needs_birth_date: bool,
    /// The owner's id, when they have a photo.
    photo_of: Option<i64>,
    /// The largest photo the server takes; the page's script scales bigger ones down.
    photo_max_bytes: usize,
    errors: FormErrors,
}

/// `GET /account/profile`
async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(see_other("/login?next=/account/profile", HeaderMap::new()));
    }
    stored(&state, &ctx, vec![]).await
}

/// The profile page as stored, with `errors` (of the photo upload) shown, 422 when any.
pub async fn stored(
    state: &AppState,
    ctx: &Ctx,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let profile = storage::profile(&state.db, user.id).await?;
    let needs_birth_date = profile.is_none();
    let form = match profile {
        Some((_, p)) => ProfileForm {
            birth_date: String::new(),
            phone: p.phone.unwrap_or_default(),
            city: p.city.unwrap_or_default(),
            study_or_work: p.study_or_work.unwrap_or_default(),
            languages: p.languages.join(", "),
            interests: p.interests.join(", "),
            skills: p.skills.join(", "),
            in_directory: p.in_directory,
            show_email: p.show_email,
            show_phone: p.show_phone,
            show_study_or_work: p.show_study_or_work,
        },
        None => ProfileForm::default(),
    };
    let photo_of = super::photo::photo(state, user.id).await?.map(|_| user.id);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(with_status(
        Page::new(&ProfilePage {
            ctx,
            form,
            needs_birth_date,
            photo_of,
            photo_max_bytes: super::photo::MAX_BYTES,
            errors: ctx.errors(errors),
        })
        .into_response(),
        status,
    ))
}

/// `POST /account/profile`
async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ProfileForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let existing = storage::profile(&state.db, user.id).await?;
    let mut errors: Vec<FieldError> = Vec::new();
    let birth_date = match &existing {
        Some((row, _)) => Some(row.birth_date),
        None => parse_birth_date(
            &form.birth_date,
            super::routes::today(),
            state.config.member_ages.0,
            state.config.member_ages.1,
        )
        .map_err(|e| errors.push(e))
        .ok(),
    };
    let phone = Phone::parse(&form.phone).map_err(|e| errors.push(e)).ok();
    let city = optional_text(&form.city, "city", 100)
        .map_err(|e| errors.push(e))
        .ok();
    let study = optional_text(&form.study_or_work, "study_or_work", 200)
        .map_err(|e| errors.push(e))
        .ok();
    let languages = parse_tags(&form.languages, "languages")
        .map_err(|e| errors.push(e))
        .ok();
    let interests = parse_tags(&form.interests, "interests")
        .map_err(|e| errors.push(e))
        .ok();
    let skills = parse_tags(&form.skills, "skills")
        .map_err(|e| errors.push(e))
        .ok();
    if let (
        Some(birth_date),
        Some(phone),
        Some(city),
        Some(study),
        Some(languages),
        Some(interests),
        Some(skills),
        true,
    ) = (
        birth_date,
        phone,
        city,
        study,
        languages,
        interests,
        skills,
        errors.is_empty(),
    ) {
        let data = ProfileData {
            birth_date: Some(birth_date),
            phone: Some(phone.as_str().to_string()),
            city,
            study_or_work: study,
            in_directory: form.in_directory,
            show_email: form.show_email,
            show_phone: form.show_phone,
            show_study_or_work: form.show_study_or_work,
            languages,
            interests,
            skills,
        };
        let mut tx = state.db.begin().await?;
        match storage::save_profile(&mut tx, user.id, &data, birth_date, None).await {
            Ok(()) => {
                tx.commit().await?;
                return Ok(see_other("/account?saved=profile", HeaderMap::new()));
            }
            Err(Error::Invalid(e)) => errors.extend(e),
            Err(other) => return Err(other),
        }
    }
    let needs_birth_date = existing.is_none();
    let photo_of = super::photo::photo(&state, user.id).await?.map(|_| user.id);
    Ok(with_status(
        Page::new(&ProfilePage {
            ctx: &ctx,
            form,
            needs_birth_date,
            photo_of,
            photo_max_bytes: super::photo::MAX_BYTES,
            errors: ctx.errors(errors),
        })
        .into_response(),
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}
