//! One-time sign-in links. A member imported from the branch's spreadsheet has no password
//! of their own, and one who forgot theirs cannot get an email from Ortaq (it sends none):
//! the coordinator or the front desk makes a link (shown as text and as a QR code to scan
//! from their phone), valid for seven days and once. Whoever opens it chooses a password and
//! is signed in; the member's other sessions end. Only the secret's SHA-256 is kept.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::password::{self, Password};
use super::{random_token, secret_hash, sessions};
use crate::accounts::storage as accounts;
use crate::db::{Db, Tx};
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Json, Page, qr};
use crate::members::staff::manages_person;
use crate::state::AppState;
use crate::{audit, clock, on_db, on_tx};

/// How long a link works.
pub const VALID_FOR: Duration = Duration::days(7);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/members/{id}/sign-in-link", post(create_form))
        .route("/api/v1/members/{id}/sign-in-link", post(create_api))
        .route("/welcome/{token}", get(welcome_page).post(welcome_form))
}

/// Makes a new link for `user_id` (an unused older one stops working) and answers its secret.
pub async fn create(tx: &mut Tx, user_id: i64, by: i64) -> Result<(String, DateTime<Utc>), Error> {
    let token = random_token(24);
    let now = clock::now();
    let expires = now + VALID_FOR;
    on_tx!(tx, conn => sqlx::query("DELETE FROM sign_in_links WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .execute(conn)
        .await.map(|r| r.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO sign_in_links (user_id, token_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)")
        .bind(user_id)
        .bind(secret_hash(&token))
        .bind(by)
        .bind(now)
        .bind(expires)
        .execute(conn)
        .await.map(|r| r.rows_affected()))?;
    Ok((token, expires))
}

/// The link's id and person, while it is unused, unexpired and its account active.
async fn find_live(db: &Db, token: &str) -> Result<Option<(i64, i64, String)>, Error> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT l.id, l.user_id, u.display_name FROM sign_in_links l JOIN users u ON u.id = l.user_id
         WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2
           AND u.disabled_at IS NULL AND u.deleted_at IS NULL")
        .bind(secret_hash(token))
        .bind(clock::now())
        .fetch_optional(pool)
        .await)?)
}

/// The address a link is opened at.
fn url(state: &AppState, token: &str) -> String {
    format!(
        "{}/welcome/{token}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// Checks that the caller manages the person, then makes the link (audited).
async fn make(
    state: &AppState,
    ctx: &Ctx,
    person: i64,
) -> Result<(String, DateTime<Utc>, String), Error> {
    let actor = ctx.user()?.clone();
    let target = accounts::find(&state.db, person)
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or(Error::NotFound)?;
    if !manages_person(state, ctx, person).await? {
        return Err(Error::Forbidden);
    }
    if target.disabled_at.is_some() {
        return Err(Error::Conflict("account_disabled"));
    }
    let mut tx = state.db.begin().await?;
    let (token, expires) = create(&mut tx, person, actor.id).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "member.sign_in_link",
        "user",
        Some(person),
        json!({"expires_at": expires}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok((url(state, &token), expires, target.display_name))
}

#[derive(Template)]
#[template(path = "auth/link_made.html")]
struct LinkMadePage<'a> {
    ctx: &'a Ctx,
    name: String,
    url: String,
    qr: String,
    until: String,
}

/// `POST /members/{id}/sign-in-link`: staff make a link and see it once, with its QR code.
async fn create_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let (url, expires, name) = make(&state, &ctx, id).await?;
    let mut response = Page::new(&LinkMadePage {
        ctx: &ctx,
        qr: qr::svg(&url, &ctx.t1("link-qr-label", "name", name.clone())),
        name,
        url,
        until: crate::i18n::format::datetime(expires, crate::i18n::format::AKTOBE, ctx.locale),
    })
    .into_response();
    // The secret is shown once; keep it out of caches.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// A sign-in link, shown once.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SignInLink {
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// Make a one-time sign-in link for a member (staff of a unit they belong to). Replaces
/// any unused older link; works once, for seven days.
#[utoipa::path(post, path = "/api/v1/members/{id}/sign-in-link", tag = "organisation",
    responses((status = 201, body = SignInLink), (status = 403, body = crate::api::problem::Problem),
        (status = 404, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let (url, expires_at, _) = make(&state, &ctx, id).await?;
    Ok((StatusCode::CREATED, Json(SignInLink { url, expires_at })).into_response())
}

#[derive(Template)]
#[template(path = "auth/welcome.html")]
struct WelcomePage<'a> {
    ctx: &'a Ctx,
    token: String,
    name: String,
    errors: FormErrors,
}

/// `GET /welcome/{token}`: choose a password. A used, replaced or expired link is a 404
/// that says whom to ask.
async fn welcome_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    state.limits.link(ctx.ip)?;
    let (_, _, name) = find_live(&state.db, &token)
        .await?
        .ok_or(Error::Conflict("link_not_valid"))?;
    let mut response = Page::new(&WelcomePage {
        ctx: &ctx,
        token,
        name,
        errors: ctx.errors(vec![]),
    })
    .into_response();
    response.headers_mut().insert(
        axum::http::header::REFERRER_POLICY,
        axum::http::HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

#[derive(Debug, Default, Deserialize)]
pub struct WelcomeForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_again: String,
}

/// `POST /welcome/{token}`: sets the password, uses up the link, signs in.
async fn welcome_form(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(form): Form<WelcomeForm>,
) -> Result<Response, Error> {
    state.limits.link(ctx.ip)?;
    let (link, user_id, name) = find_live(&state.db, &token)
        .await?
        .ok_or(Error::Conflict("link_not_valid"))?;
    let mut errors = Vec::new();
    let password = Password::parse(&form.password, "password")
        .map_err(|e| errors.push(e))
        .ok();
    if password.is_some() && form.password != form.password_again {
        errors.push(FieldError::new("password_again", "passwords_differ"));
    }
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return Ok(with_status(
            Page::new(&WelcomePage {
                ctx: &ctx,
                token,
                name,
                errors: ctx.errors(errors),
            })
            .into_response(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let hash = password::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let t = &mut tx;
    let used = on_tx!(t, conn => sqlx::query(
        "UPDATE sign_in_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(clock::now())
        .bind(link)
        .execute(conn)
        .await.map(|r| r.rows_affected()))?;
    if used != 1 {
        return Err(Error::Conflict("link_not_valid"));
    }
    accounts::set_password(&mut tx, user_id, &hash).await?;
    tx.commit().await?;
    sessions::end_others(&state.db, user_id, None).await?;
    let mut headers = HeaderMap::new();
    super::routes::start_session(&state, &ctx, &jar, user_id, &mut headers).await?;
    Ok(see_other("/account?saved=password", headers))
}
