//! The member's own data: the consent in force, download, withdrawal, deletion.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{consent, rights, storage};
use crate::auth::{password, sessions};
use crate::error::{Error, FieldError};
use crate::http::context::append_cookie;
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Identity, Json, Page, cookies};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/consent", get(consent_page).post(accept_form))
        .route(
            "/account/consent/ethnocultural/withdraw",
            post(withdraw_ethnocultural_form),
        )
        .route("/account/data", get(download))
        .route("/account/delete", post(delete_form))
        .route("/api/v1/me/data", get(download_api))
        .route("/api/v1/me", axum::routing::delete(delete_api))
}

#[derive(Template)]
#[template(path = "auth/consent.html")]
struct ConsentPage<'a> {
    ctx: &'a Ctx,
    text: String,
    accepted: Option<String>,
    current: &'static str,
    ethnocultural: bool,
    errors: FormErrors,
}

async fn render_consent(
    state: &AppState,
    ctx: &Ctx,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let page = ConsentPage {
        ctx,
        text: consent::text(consent::PERSONAL_DATA, ctx.locale, &state.config.operator),
        accepted: storage::live_consent(&state.db, user.id, consent::PERSONAL_DATA).await?,
        current: consent::CURRENT,
        ethnocultural: storage::live_consent(&state.db, user.id, consent::ETHNOCULTURAL)
            .await?
            .is_some(),
        errors: ctx.errors(errors),
    };
    Ok(Page::new(&page).into_response())
}

/// `GET /account/consent`: the text in force, whether it was accepted, and how to withdraw.
async fn consent_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(see_other("/login?next=/account/consent", HeaderMap::new()));
    }
    render_consent(&state, &ctx, vec![]).await
}

#[derive(Deserialize)]
struct AcceptForm {
    #[serde(default, deserialize_with = "super::signup::checkbox")]
    consent: bool,
}

/// `POST /account/consent`: accepts the version in force.
async fn accept_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AcceptForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    if !form.consent {
        return Ok(with_status(
            render_consent(
                &state,
                &ctx,
                vec![FieldError::new("consent", "consent_required")],
            )
            .await?,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let mut tx = state.db.begin().await?;
    storage::record_consent(
        &mut tx,
        user.id,
        consent::PERSONAL_DATA,
        consent::CURRENT,
        ctx.locale.tag(),
        Some(&ctx.ip.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/account?saved=consent", HeaderMap::new()))
}

/// `POST /account/consent/ethnocultural/withdraw`
async fn withdraw_ethnocultural_form(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let mut tx = state.db.begin().await?;
    rights::withdraw_ethnocultural(&mut tx, user.id, &ctx.ip.to_string()).await?;
    tx.commit().await?;
    Ok(see_other("/account?saved=withdrawn", HeaderMap::new()))
}

fn zip_response(bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"ortaq-data.zip\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /account/data`: everything Ortaq holds about the caller, as a ZIP.
async fn download(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = ctx.user()?;
    Ok(zip_response(rights::download(&state.db, user.id).await?))
}

/// Everything Ortaq holds about the caller: a ZIP of `ortaq-data.json` and CSV files.
#[utoipa::path(get, path = "/api/v1/me/data", tag = "accounts",
    responses((status = 200, content_type = "application/zip", body = Vec<u8>), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn download_api(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    download(State(state), ctx).await
}

/// Deleting an account asks for the password again.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct DeleteInput {
    #[serde(default)]
    #[schema(format = Password)]
    pub password: String,
}

async fn delete_account(state: &AppState, ctx: &Ctx, input: &DeleteInput) -> Result<(), Error> {
    let user = ctx.user()?;
    if input.password.is_empty() {
        return Err(Error::invalid("password", "required"));
    }
    let stored = crate::accounts::storage::password_hash(&state.db, user.id).await?;
    if !password::verify(input.password.clone(), stored).await? {
        return Err(Error::invalid("password", "wrong_password"));
    }
    let mut tx = state.db.begin().await?;
    rights::delete_account(&mut tx, user.id).await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, "account deleted by its owner");
    Ok(())
}

/// `POST /account/delete`
async fn delete_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(input): Form<DeleteInput>,
) -> Result<Response, Error> {
    match delete_account(&state, &ctx, &input).await {
        Ok(()) => {
            let mut headers = HeaderMap::new();
            append_cookie(
                &mut headers,
                &cookies::removal(cookies::SESSION, ctx.secure),
            );
            Ok(see_other("/", headers))
        }
        Err(Error::Invalid(errors)) => Ok(with_status(
            render_consent(&state, &ctx, errors).await?,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(other) => Err(other),
    }
}

/// Delete the caller's account: the profile is erased; public contributions stay under
/// "deleted member".
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", request_body = DeleteInput,
    responses((status = 204), (status = 401, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn delete_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<DeleteInput>,
) -> Result<Response, Error> {
    delete_account(&state, &ctx, &input).await?;
    if let Identity::Session { session_hash } = &ctx.identity {
        sessions::end(&state.db, session_hash).await?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
