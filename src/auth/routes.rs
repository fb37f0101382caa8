//! Sign up, log in, log out and change password: pages and API.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use crate::accounts::{DisplayName, Email, storage as accounts};
use crate::api::me::Me;
use crate::auth::password::{self, Password};
use crate::auth::{sessions, throttle};
use crate::error::{Error, FieldError};
use crate::http::context::append_cookie;
use crate::http::page::see_other;
use crate::http::page::{FormErrors, with_status};
use crate::http::{Ctx, Form, Identity, Json, Page, cookies};
use crate::i18n::Locale;
use crate::members::model::Position;
use crate::members::{consent, storage as members};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_page).post(signup_form))
        .route("/login", get(login_page).post(login_form))
        .route("/logout", post(logout))
        .route("/account", get(account_page))
        .route("/account/password", post(password_form))
        .route("/account/language", post(language_form))
        .route("/api/v1/accounts", post(signup_api))
        .route("/api/v1/session", post(login_api).delete(logout_api))
        .route("/api/v1/me/password", post(password_api))
}

// ---- input ----------------------------------------------------------------------

/// Sign-up input, from the form or the API.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SignupInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    #[schema(format = Password)]
    pub password: String,
    /// `kk`, `kk-Latn`, `ru` or `en`; the page's language when absent.
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(flatten)]
    pub profile: crate::members::signup::ProfileInput,
}

struct Signup {
    name: DisplayName,
    email: Email,
    password: Password,
    locale: Locale,
}

impl SignupInput {
    fn parse(&self, default_locale: Locale) -> Result<Signup, Vec<FieldError>> {
        let name = DisplayName::parse(&self.name);
        let email = Email::parse(&self.email);
        let password = Password::parse(&self.password, "password");
        let locale = match self.locale.as_deref().filter(|l| !l.is_empty()) {
            None => Ok(default_locale),
            Some(tag) => Locale::parse(tag).ok_or(FieldError::new("locale", "invalid_choice")),
        };
        match (name, email, password, locale) {
            (Ok(name), Ok(email), Ok(password), Ok(locale)) => Ok(Signup {
                name,
                email,
                password,
                locale,
            }),
            (name, email, password, locale) => {
                Err([name.err(), email.err(), password.err(), locale.err()]
                    .into_iter()
                    .flatten()
                    .collect())
            }
        }
    }
}

/// Log-in input.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct LoginInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    #[schema(format = Password)]
    pub password: String,
    /// Where to go after logging in (a path on this site).
    #[serde(default)]
    #[schema(ignore)]
    pub next: Option<String>,
}

/// Change-password input.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct PasswordInput {
    #[serde(default)]
    #[schema(format = Password)]
    pub current_password: String,
    #[serde(default)]
    #[schema(format = Password)]
    pub new_password: String,
}

// ---- the steps, shared by pages and API ----------------------------------------------

/// Creates the account, its profile, the consent records and (if chosen) the membership,
/// all or nothing. A member under 18 joins pending, until a coordinator confirms.
async fn sign_up(state: &AppState, ctx: &Ctx, input: &SignupInput) -> Result<i64, Error> {
    let today = crate::members::routes::today();
    let account = input.parse(ctx.locale);
    let profile = input.profile.parse(today, state.config.member_ages);
    let (signup, profile) = match (account, profile) {
        (Ok(a), Ok(p)) => (a, p),
        (a, p) => {
            return Err(Error::Invalid(
                a.err()
                    .into_iter()
                    .flatten()
                    .chain(p.err().into_iter().flatten())
                    .collect(),
            ));
        }
    };
    if let Some(unit_id) = profile.unit_id {
        let unit = crate::org::storage::find(&state.db, unit_id).await?;
        if unit.is_none_or(|u| u.is_sensitive()) {
            return Err(Error::invalid("unit_id", "invalid_choice"));
        }
    }
    let hash = password::hash(signup.password).await?;
    let ip = ctx.ip.to_string();
    let language = signup.locale.tag();
    let mut tx = state.db.begin().await?;
    let id = accounts::insert(
        &mut tx,
        &signup.email,
        signup.name.as_str(),
        &hash,
        Some(signup.locale),
    )
    .await?;
    members::save_profile(
        &mut tx,
        id,
        &profile.data,
        profile.birth_date,
        profile.guardian.as_ref(),
    )
    .await?;
    members::record_consent(
        &mut tx,
        id,
        consent::PERSONAL_DATA,
        consent::CURRENT,
        language,
        Some(&ip),
    )
    .await?;
    if profile.guardian.is_some() {
        members::record_consent(
            &mut tx,
            id,
            consent::GUARDIAN,
            consent::CURRENT,
            language,
            Some(&ip),
        )
        .await?;
    }
    if let Some(unit_id) = profile.unit_id {
        members::add_membership(
            &mut tx,
            id,
            unit_id,
            Position::Member,
            profile.minor,
            today,
            None,
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!(user_id = id, minor = profile.minor, "account created");
    Ok(id)
}

/// Checks the credentials under the throttle; answers the user id.
async fn log_in(
    state: &AppState,
    ctx: &Ctx,
    jar: &CookieJar,
    input: &LoginInput,
) -> Result<i64, Error> {
    let mut missing = Vec::new();
    if input.email.trim().is_empty() {
        missing.push(FieldError::new("email", "required"));
    }
    if input.password.is_empty() {
        missing.push(FieldError::new("password", "required"));
    }
    if !missing.is_empty() {
        return Err(Error::Invalid(missing));
    }
    let Ok(email) = Email::parse(&input.email) else {
        return Err(Error::BadCredentials);
    };
    let found = accounts::find_by_email(&state.db, &email).await?;
    let device = jar
        .get(&cookies::name(cookies::DEVICE, ctx.secure))
        .map(|c| c.value());
    let known =
        throttle::is_known_device(&state.db, device, found.as_ref().map(|(u, _)| u.id)).await?;
    throttle::check(&state.db, email.as_str(), ctx.ip, known).await?;

    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let ok = password::verify(input.password.clone(), hash).await?;
    match user {
        Some(user) if ok && user.disabled_at.is_none() => {
            throttle::clear(&state.db, email.as_str()).await?;
            Ok(user.id)
        }
        _ => {
            throttle::record_failure(&state.db, email.as_str(), ctx.ip).await?;
            tracing::info!(email = email.as_str(), ip = %ctx.ip, "failed log-in");
            Err(Error::BadCredentials)
        }
    }
}

/// Starts a session (a new id at every log-in) and sets its cookies on `headers`;
/// answers the session's CSRF token.
pub(crate) async fn start_session(
    state: &AppState,
    ctx: &Ctx,
    jar: &CookieJar,
    user_id: i64,
    headers: &mut HeaderMap,
) -> Result<String, Error> {
    if let Identity::Session { session_hash } = &ctx.identity {
        sessions::end(&state.db, session_hash).await?;
    }
    let (id, csrf) = sessions::create(&state.db, user_id).await?;
    append_cookie(
        headers,
        &cookies::build(cookies::SESSION, id, ctx.secure, None),
    );
    let device = jar
        .get(&cookies::name(cookies::DEVICE, ctx.secure))
        .map(|c| c.value());
    if !throttle::is_known_device(&state.db, device, Some(user_id)).await? {
        let token = throttle::remember_device(&state.db, user_id).await?;
        append_cookie(
            headers,
            &cookies::build(
                cookies::DEVICE,
                token,
                ctx.secure,
                Some(time::Duration::days(365)),
            ),
        );
    }
    // The anonymous CSRF token is no longer needed: the session has its own.
    append_cookie(headers, &cookies::removal(cookies::CSRF, ctx.secure));
    Ok(csrf)
}

async fn change_password(state: &AppState, ctx: &Ctx, input: &PasswordInput) -> Result<(), Error> {
    let user = ctx.user()?;
    let new = Password::parse(&input.new_password, "new_password");
    let stored = accounts::password_hash(&state.db, user.id).await?;
    let current_ok = !input.current_password.is_empty()
        && password::verify(input.current_password.clone(), stored).await?;
    let mut errors = Vec::new();
    if input.current_password.is_empty() {
        errors.push(FieldError::new("current_password", "required"));
    } else if !current_ok {
        errors.push(FieldError::new("current_password", "wrong_password"));
    }
    let new = match new {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    let hash = password::hash(new).await?;
    let mut tx = state.db.begin().await?;
    accounts::set_password(&mut tx, user.id, &hash).await?;
    tx.commit().await?;
    let keep = match &ctx.identity {
        Identity::Session { session_hash } => Some(session_hash.as_str()),
        _ => None,
    };
    sessions::end_others(&state.db, user.id, keep).await?;
    Ok(())
}

/// A local path to return to after logging in; anything else goes home.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.contains("://") =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

// ---- pages ------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "auth/signup.html")]
struct SignupPage<'a> {
    ctx: &'a Ctx,
    input: &'a SignupInput,
    /// (id, name, selected)
    units: Vec<(i64, String, bool)>,
    /// The consent texts in force, as HTML of our own.
    consent: String,
    guardian: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage<'a> {
    ctx: &'a Ctx,
    email: &'a str,
    next: &'a str,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/account.html")]
struct AccountPage<'a> {
    ctx: &'a Ctx,
    user: &'a crate::accounts::CurrentUser,
    errors: FormErrors,
    notice: Option<String>,
    /// (unit id, unit name, position, pending, ended)
    memberships: Vec<(i64, String, String, bool, bool)>,
    /// (unit name, status message, reason)
    requests: Vec<(String, String, Option<String>)>,
}

/// The account page with the person's memberships and the answers to their join requests.
async fn account_response(
    state: &AppState,
    ctx: &Ctx,
    user: &crate::accounts::CurrentUser,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Response, Error> {
    let units = crate::org::storage::all(&state.db).await?;
    let name = |id: i64| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| ctx.text(&u.name).text)
            .unwrap_or_default()
    };
    let memberships = members::memberships_of(&state.db, user.id)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.unit_id,
                name(m.unit_id),
                ctx.t(m.position.position().message_id()),
                m.status == "pending",
                m.ended_on.is_some(),
            )
        })
        .collect();
    let requests = members::join_requests(&state.db, None, Some(user.id))
        .await?
        .into_iter()
        .map(|r| {
            (
                name(r.unit_id),
                ctx.t(format!("request-{}", r.status)),
                r.reason,
            )
        })
        .collect();
    let page = AccountPage {
        ctx,
        user,
        errors: ctx.errors(errors),
        notice,
        memberships,
        requests,
    };
    Ok(Page::new(&page).into_response())
}

/// The sign-up page, empty or with what was sent and what was wrong.
async fn signup_response(
    state: &AppState,
    ctx: &Ctx,
    input: &SignupInput,
    errors: Vec<FieldError>,
) -> Result<Response, Error> {
    let units = crate::org::storage::all(&state.db)
        .await?
        .into_iter()
        .filter(|u| u.parent_id.is_some() && !u.is_sensitive())
        .map(|u| {
            (
                u.id,
                ctx.text(&u.name).text,
                input.profile.unit_id.as_deref() == Some(u.id.to_string().as_str()),
            )
        })
        .collect();
    let page = SignupPage {
        ctx,
        input,
        units,
        consent: consent::text(consent::PERSONAL_DATA, ctx.locale, &state.config.operator),
        guardian: consent::text(consent::GUARDIAN, ctx.locale, &state.config.operator),
        errors: ctx.errors(errors),
    };
    Ok(Page::new(&page).into_response())
}

/// `GET /signup`
async fn signup_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    if ctx.user.is_some() {
        return Ok(see_other("/account", HeaderMap::new()));
    }
    signup_response(&state, &ctx, &SignupInput::default(), vec![]).await
}

/// `POST /signup`: on success the new member is logged in.
#[tracing::instrument(skip_all, fields(ip = %ctx.ip))]
async fn signup_form(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(input): Form<SignupInput>,
) -> Result<Response, Error> {
    if let Err(Error::TooManyRequests { retry_after }) = state.limits.signup(ctx.ip) {
        let minutes = retry_after.div_ceil(60) as i64;
        let errors = vec![FieldError::new("email", "rate_limited").with_limit(minutes)];
        let mut response = with_status(
            signup_response(&state, &ctx, &input, errors).await?,
            StatusCode::TOO_MANY_REQUESTS,
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, retry_after.into());
        return Ok(response);
    }
    let (status, errors) = match sign_up(&state, &ctx, &input).await {
        Ok(user_id) => {
            let mut headers = HeaderMap::new();
            start_session(&state, &ctx, &jar, user_id, &mut headers).await?;
            return Ok(see_other("/account?welcome=1", headers));
        }
        Err(Error::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        Err(Error::Conflict("email_taken")) => (
            StatusCode::CONFLICT,
            vec![FieldError::new("email", "email_taken")],
        ),
        Err(other) => return Err(other),
    };
    Ok(with_status(
        signup_response(&state, &ctx, &input, errors).await?,
        status,
    ))
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

/// `GET /login`
async fn login_page(ctx: Ctx, Query(query): Query<LoginQuery>) -> Response {
    let next = safe_next(query.next.as_deref());
    Page::new(&LoginPage {
        ctx: &ctx,
        email: "",
        next: &next,
        errors: ctx.errors(vec![]),
        notice: None,
    })
    .into_response()
}

/// `POST /login`
#[tracing::instrument(skip_all, fields(ip = %ctx.ip))]
async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(input): Form<LoginInput>,
) -> Result<Response, Error> {
    let next = safe_next(input.next.as_deref());
    match log_in(&state, &ctx, &jar, &input).await {
        Ok(user_id) => {
            let mut headers = HeaderMap::new();
            start_session(&state, &ctx, &jar, user_id, &mut headers).await?;
            Ok(see_other(&next, headers))
        }
        Err(Error::Invalid(errors)) => Ok(with_status(
            Page::new(&LoginPage {
                ctx: &ctx,
                email: &input.email,
                next: &next,
                errors: ctx.errors(errors),
                notice: None,
            })
            .into_response(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(Error::BadCredentials) => Ok(with_status(
            Page::new(&LoginPage {
                ctx: &ctx,
                email: &input.email,
                next: &next,
                errors: ctx.errors(vec![]),
                notice: Some(ctx.t("login-failed")),
            })
            .into_response(),
            StatusCode::UNAUTHORIZED,
        )),
        Err(Error::TooManyRequests { retry_after }) => {
            let mut response = with_status(
                Page::new(&LoginPage {
                    ctx: &ctx,
                    email: &input.email,
                    next: &next,
                    errors: ctx.errors(vec![]),
                    notice: Some(ctx.t1("login-throttled", "seconds", retry_after as i64)),
                })
                .into_response(),
                StatusCode::TOO_MANY_REQUESTS,
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after.into());
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

/// `POST /logout`
async fn logout(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    if let Identity::Session { session_hash } = &ctx.identity {
        sessions::end(&state.db, session_hash).await?;
    }
    let mut headers = HeaderMap::new();
    append_cookie(
        &mut headers,
        &cookies::removal(cookies::SESSION, ctx.secure),
    );
    Ok(see_other("/", headers))
}

#[derive(Deserialize)]
struct AccountQuery {
    welcome: Option<String>,
    saved: Option<String>,
}

/// `GET /account`
async fn account_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<AccountQuery>,
) -> Result<Response, Error> {
    let Some(user) = ctx.user.clone() else {
        return Ok(see_other(
            &format!("/login?next={}", "/account"),
            HeaderMap::new(),
        ));
    };
    let notice = if query.welcome.is_some() {
        Some(ctx.t1("account-welcome", "name", user.display_name.clone()))
    } else {
        match query.saved.as_deref() {
            Some("password") => Some(ctx.t("account-password-saved")),
            Some("language") => Some(ctx.t("account-language-saved")),
            Some("consent") => Some(ctx.t("account-consent-saved")),
            Some("profile") => Some(ctx.t("account-profile-saved")),
            Some("withdrawn") => Some(ctx.t("account-withdrawn")),
            _ => None,
        }
    };
    account_response(&state, &ctx, &user, vec![], notice).await
}

/// `POST /account/password`
async fn password_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(input): Form<PasswordInput>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    match change_password(&state, &ctx, &input).await {
        Ok(()) => Ok(see_other("/account?saved=password", HeaderMap::new())),
        Err(Error::Invalid(errors)) => Ok(with_status(
            account_response(&state, &ctx, &user, errors, None).await?,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct LanguageInput {
    #[serde(default)]
    locale: String,
}

/// `POST /account/language`: the account's language, used where no `?lang=` or cookie says otherwise.
async fn language_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(input): Form<LanguageInput>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let locale =
        Locale::parse(&input.locale).ok_or_else(|| Error::invalid("locale", "invalid_choice"))?;
    accounts::set_locale(&state.db, user.id, locale).await?;
    let mut headers = HeaderMap::new();
    append_cookie(
        &mut headers,
        &cookies::build(
            cookies::LANG,
            locale.tag().to_string(),
            ctx.secure,
            Some(time::Duration::days(365)),
        ),
    );
    Ok(see_other("/account?saved=language", headers))
}

// ---- API ----------------------------------------------------------------------------

/// Create an account.
///
/// Checks every field and answers all that are wrong at once (422, `validation_failed`);
/// a taken email answers 409 `email_taken`. Does not log in: use `POST /api/v1/session`.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = SignupInput,
    responses((status = 201, body = Me), (status = 409, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)))]
pub async fn signup_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<SignupInput>,
) -> Result<Response, Error> {
    state.limits.signup(ctx.ip)?;
    let id = sign_up(&state, &ctx, &input).await?;
    let user = accounts::current_user(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(Me::new(&user, None))).into_response())
}

/// Log in with email and password.
///
/// Sets the session cookie and answers the caller with the CSRF token that cookie-authenticated
/// writes must send in `X-CSRF-Token`. Wrong credentials answer 401 `bad_credentials`; too many
/// failures answer 429 `rate_limited` with `Retry-After`.
#[utoipa::path(post, path = "/api/v1/session", tag = "accounts", request_body = LoginInput,
    responses((status = 200, body = Me), (status = 401, body = crate::api::problem::Problem), (status = 429, body = crate::api::problem::Problem)))]
pub async fn login_api(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Json(input): Json<LoginInput>,
) -> Result<Response, Error> {
    let user_id = log_in(&state, &ctx, &jar, &input).await?;
    let mut headers = HeaderMap::new();
    let csrf = start_session(&state, &ctx, &jar, user_id, &mut headers).await?;
    let user = accounts::current_user(&state.db, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut response = Json(Me::new(&user, Some(csrf))).into_response();
    response.headers_mut().extend(headers);
    Ok(response)
}

/// Log out: ends the session of the cookie.
#[utoipa::path(delete, path = "/api/v1/session", tag = "accounts", responses((status = 204)))]
pub async fn logout_api(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    if let Identity::Session { session_hash } = &ctx.identity {
        sessions::end(&state.db, session_hash).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    append_cookie(
        response.headers_mut(),
        &cookies::removal(cookies::SESSION, ctx.secure),
    );
    Ok(response)
}

/// Change the caller's password; ends the caller's other sessions.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordInput,
    responses((status = 204), (status = 401, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn password_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<PasswordInput>,
) -> Result<StatusCode, Error> {
    change_password(&state, &ctx, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
