//! The per-request context, built once by one middleware for every dynamic route.
//!
//! It authenticates the caller (session cookie or bearer token), picks the language,
//! enforces CSRF on every state-changing request authenticated by cookie (and on
//! anonymous form posts), runs the handler, then renders any [`Error`] the handler
//! returned as problem+json or as a page, in the request's language.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::Method;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;

use crate::accounts::CurrentUser;
use crate::auth::{sessions, tokens};
use crate::error::{Error, ErrorSlot};
use crate::http::{cookies, page};
use crate::i18n::{self, Locale};
use crate::state::AppState;

/// How the caller proved who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identity {
    Anonymous,
    /// A session cookie; `session_hash` names the session row.
    Session {
        session_hash: String,
    },
    /// `Authorization: Bearer …` with a personal API token.
    Bearer,
}

/// One link of the language switch.
pub struct LangLink {
    pub href: String,
    pub short: &'static str,
    pub name: &'static str,
    pub tag: &'static str,
    pub current: bool,
}

/// Everything a handler needs to know about the request beyond its input.
#[derive(Clone)]
pub struct Ctx {
    pub locale: Locale,
    pub user: Option<Arc<CurrentUser>>,
    pub identity: Identity,
    /// The token forms and scripts send back in `csrf` / `X-CSRF-Token`.
    pub csrf: String,
    /// The path of this request, for the language switch and redirects.
    pub path: String,
    /// The query of this request without `lang`, URL-encoded, which the language switch
    /// keeps (the day a grid shows, the words searched for).
    pub query: String,
    pub ip: IpAddr,
    pub secure: bool,
    /// The caller wants JSON (the API, or `Accept: application/json`).
    pub wants_json: bool,
    /// Unread notices of the signed-in person, for the menu (counted for pages only).
    pub unread: i64,
}

impl Ctx {
    /// The signed-in user, or 401.
    pub fn user(&self) -> Result<&Arc<CurrentUser>, Error> {
        self.user.as_ref().ok_or(Error::Unauthenticated)
    }

    /// The message `id` in the request's language.
    pub fn t(&self, id: impl AsRef<str>) -> String {
        i18n::translate(self.locale, id.as_ref(), None)
    }

    /// The message `id` with one argument.
    pub fn t1(
        &self,
        id: &str,
        name: &'static str,
        value: impl Into<fluent_bundle::FluentValue<'static>>,
    ) -> String {
        i18n::translate(self.locale, id, Some(&i18n::Args::new().set(name, value)))
    }

    /// A user-written text in the reader's language (see [`i18n::Text::show`]).
    pub fn text(&self, text: &i18n::Text) -> i18n::Shown {
        text.show(self.locale)
    }

    /// Whether the signed-in user holds `role` at any unit.
    pub fn has_role(&self, role: crate::accounts::Role) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.has_role_anywhere(role))
    }

    /// A date as the reader writes it: «25 қараша 2026 ж.».
    pub fn date(&self, date: &chrono::NaiveDate) -> String {
        crate::i18n::format::date(*date, self.locale)
    }

    /// The signed-in person has not accepted the consent text in force.
    pub fn needs_consent(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.consent_version.as_deref() != Some(crate::members::consent::CURRENT))
    }

    /// Kazakh Cyrillic text in the reader's script (Latin for `kk-Latn`).
    pub fn script(&self, text: &str) -> String {
        self.locale.script(text)
    }

    /// Observers, admins and coordinators read reports (within their scope).
    pub fn reads_reports(&self) -> bool {
        use crate::accounts::Role;
        [Role::Observer, Role::Admin, Role::Coordinator]
            .into_iter()
            .any(|r| self.has_role(r))
    }

    /// Space managers, admins and observers read the occupancy of spaces (within their scope).
    pub fn reads_occupancy(&self) -> bool {
        use crate::accounts::Role;
        [Role::Observer, Role::Admin, Role::SpaceManager]
            .into_iter()
            .any(|r| self.has_role(r))
    }

    /// Where the menu's "Reports" leads, for those who read any.
    pub fn reports_home(&self) -> Option<&'static str> {
        if self.reads_reports() {
            Some("/reports/dashboard")
        } else if self.reads_occupancy() {
            Some("/reports/occupancy")
        } else {
            None
        }
    }

    /// Space managers and admins run the front desk (of the locations they manage).
    pub fn runs_front_desk(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| crate::bookings::book::front_desk_staff(u))
    }

    pub fn is_admin(&self) -> bool {
        self.has_role(crate::accounts::Role::Admin)
    }

    /// The links of the language switch.
    pub fn lang_links(&self) -> Vec<LangLink> {
        Locale::ALL
            .into_iter()
            .map(|l| LangLink {
                href: if self.query.is_empty() {
                    format!("{}?lang={}", self.path, l.tag())
                } else {
                    format!("{}?{}&lang={}", self.path, self.query, l.tag())
                },
                short: l.short_name(),
                name: l.self_name(),
                tag: l.tag(),
                current: l == self.locale,
            })
            .collect()
    }

    /// The URL of a vendored front-end file.
    pub fn asset(&self, name: &str) -> String {
        format!("/static/{}/{name}", crate::http::assets::VERSION)
    }

    /// Form errors in the reader's language.
    pub fn errors(&self, list: Vec<crate::error::FieldError>) -> crate::http::page::FormErrors {
        crate::http::page::FormErrors::new(self.locale, list)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("context middleware missing")))
    }
}

/// The middleware itself; see the module doc.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let secure = state.config.secure_cookies();
    let jar = CookieJar::from_headers(req.headers());
    let path = req.uri().path().to_string();
    let pairs: Vec<(String, String)> = req
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    let query_lang = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Locale::parse(v));
    let query = serde_urlencoded::to_string(
        pairs
            .iter()
            .filter(|(k, _)| k != "lang" && k != "csrf")
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let wants_json = path.starts_with("/api/") || accepts_json(req.headers());
    let ip = client_ip(&req, state.config.behind_proxy);
    let cookie_lang = jar
        .get(&cookies::name(cookies::LANG, secure))
        .map(|c| c.value().to_string());
    let accept_language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);

    let authenticated = authenticate(&state, &jar, req.headers(), secure).await;
    let (user, identity, session_csrf) = match authenticated {
        Ok(found) => found,
        Err(err) => {
            let locale = i18n::negotiate(
                query_lang.map(Locale::tag),
                cookie_lang.as_deref(),
                None,
                accept_language.as_deref(),
            );
            return render_error(err, locale, wants_json, &path);
        }
    };
    let locale = i18n::negotiate(
        query_lang.map(Locale::tag),
        cookie_lang.as_deref(),
        user.as_ref().and_then(|u| u.locale),
        accept_language.as_deref(),
    );

    // Anonymous visitors get a CSRF token in a cookie (double submit); signed-in
    // ones use the token stored with their session.
    let anonymous_csrf = jar
        .get(&cookies::name(cookies::CSRF, secure))
        .map(|c| c.value().to_string())
        .filter(|v| v.len() >= 22);
    let mut new_csrf_cookie = None;
    let csrf = match (&session_csrf, &anonymous_csrf) {
        (Some(token), _) => token.clone(),
        (None, Some(token)) => token.clone(),
        (None, None) => {
            let token = crate::auth::random_token(16);
            new_csrf_cookie = Some(token.clone());
            token
        }
    };

    // The menu's count of unread notices: pages read by a signed-in browser only, so
    // the API pays nothing for it.
    let unread = match (&user, &identity) {
        (Some(user), Identity::Session { .. }) if !wants_json && req.method() == Method::GET => {
            match crate::notifications::storage::unread(&state.db, user.id).await {
                Ok(n) => n,
                Err(err) => return render_error(err, locale, wants_json, &path),
            }
        }
        _ => 0,
    };
    let ctx = Ctx {
        locale,
        user,
        identity,
        csrf,
        path: path.clone(),
        query,
        ip,
        secure,
        wants_json,
        unread,
    };

    let mut req = req;
    if !is_safe(req.method()) && ctx.identity != Identity::Bearer {
        match check_csrf(
            req,
            &ctx,
            session_csrf.is_some() || anonymous_csrf.is_some(),
        )
        .await
        {
            Ok(checked) => req = checked,
            Err(err) => return render_error(err, locale, wants_json, &path),
        }
    }

    req.extensions_mut().insert(ctx.clone());
    let mut response = next.run(req).await;

    if let Some(ErrorSlot(err)) = response.extensions_mut().remove::<ErrorSlot>() {
        let headers = response.headers().clone();
        response = render_shared_error(&err, &ctx);
        for name in [header::RETRY_AFTER, header::SET_COOKIE, header::ALLOW] {
            for value in headers.get_all(&name) {
                response.headers_mut().append(name.clone(), value.clone());
            }
        }
    } else if is_bare_error(&response) {
        let err = Error::from_status(response.status());
        response = render_shared_error(&err, &ctx);
    }

    let headers = response.headers_mut();
    if let Some(lang) = query_lang {
        let cookie = cookies::build(
            cookies::LANG,
            lang.tag().to_string(),
            secure,
            Some(time::Duration::days(365)),
        );
        append_cookie(headers, &cookie);
    }
    if let Some(token) = new_csrf_cookie {
        append_cookie(headers, &cookies::build(cookies::CSRF, token, secure, None));
    }
    if ctx.user.is_some() && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if !wants_json {
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
    }
    response
}

pub fn append_cookie(headers: &mut HeaderMap, cookie: &axum_extra::extract::cookie::Cookie<'_>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.encoded().to_string()) {
        headers.append(header::SET_COOKIE, value);
    }
}

type Authenticated = (Option<Arc<CurrentUser>>, Identity, Option<String>);

async fn authenticate(
    state: &AppState,
    jar: &CookieJar,
    headers: &HeaderMap,
    secure: bool,
) -> Result<Authenticated, Error> {
    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Error::Unauthenticated)?;
        let user = tokens::authenticate(&state.db, &state.token_marks, token.trim())
            .await?
            .ok_or(Error::Unauthenticated)?;
        state
            .limits
            .token(&crate::auth::secret_hash(token.trim()))?;
        return Ok((Some(Arc::new(user)), Identity::Bearer, None));
    }
    if let Some(cookie) = jar.get(&cookies::name(cookies::SESSION, secure))
        && let Some(found) = sessions::load(&state.db, cookie.value(), &state.config).await?
    {
        return Ok((
            Some(Arc::new(found.user)),
            Identity::Session {
                session_hash: found.session_hash,
            },
            Some(found.csrf),
        ));
    }
    Ok((None, Identity::Anonymous, None))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The token must come back in `X-CSRF-Token` or, for form posts, in the `csrf` field;
/// a request from another origin is refused whatever it carries.
async fn check_csrf(req: Request, ctx: &Ctx, had_token: bool) -> Result<Request, Error> {
    if let Some(site) = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return Err(Error::Csrf);
    }
    if let (Some(origin), Some(host)) = (
        req.headers().get(header::ORIGIN),
        req.headers().get(header::HOST),
    ) {
        let origin = origin.to_str().unwrap_or("");
        let host = host.to_str().unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        if origin != "null" && origin_host != host {
            return Err(Error::Csrf);
        }
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // A JSON body cannot be sent from another origin without a CORS preflight, which
    // Ortaq never grants; so an anonymous JSON request (signing up or logging in through
    // the API) needs no token. Once a session cookie rides along, the token is required.
    if ctx.identity == Identity::Anonymous && content_type.starts_with("application/json") {
        return Ok(req);
    }
    // A file upload (multipart) from a plain form carries the token in the query string,
    // where it is read without buffering the file.
    if content_type.starts_with("multipart/form-data") {
        let sent = req
            .uri()
            .query()
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
        return match sent {
            Some(token) if had_token && constant_time_eq(token.as_bytes(), ctx.csrf.as_bytes()) => {
                Ok(req)
            }
            _ => Err(Error::Csrf),
        };
    }
    if !had_token {
        return Err(Error::Csrf);
    }
    if let Some(sent) = req.headers().get("x-csrf-token") {
        return if constant_time_eq(sent.as_bytes(), ctx.csrf.as_bytes()) {
            Ok(req)
        } else {
            Err(Error::Csrf)
        };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(Error::Csrf);
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, crate::router::MAX_BODY)
        .await
        .map_err(|_| Error::PayloadTooLarge)?;
    let sent = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
    match sent {
        Some(token) if constant_time_eq(token.as_bytes(), ctx.csrf.as_bytes()) => {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        _ => Err(Error::Csrf),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn accepts_json(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    (accept.contains("application/json") || accept.contains("application/problem+json"))
        && !accept.contains("text/html")
}

fn client_ip(req: &Request, behind_proxy: bool) -> IpAddr {
    if behind_proxy
        && let Some(ip) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok())
    {
        return ip;
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]))
}

/// A 4xx/5xx produced outside Ortaq's handlers (axum's 405, a layer's 413, an
/// extractor's plain-text rejection): no page or problem of ours.
fn is_bare_error(response: &Response) -> bool {
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
    (status.is_client_error() || status.is_server_error()) && plain
}

fn render_shared_error(err: &Error, ctx: &Ctx) -> Response {
    render(err, ctx.locale, ctx.wants_json, &ctx.path, Some(ctx))
}

fn render_error(err: Error, locale: Locale, wants_json: bool, path: &str) -> Response {
    let mut response = render(&err, locale, wants_json, path, None);
    if let Error::TooManyRequests { retry_after } = err {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, retry_after.into());
    }
    response
}

fn render(
    err: &Error,
    locale: Locale,
    wants_json: bool,
    path: &str,
    ctx: Option<&Ctx>,
) -> Response {
    let status = err.status();
    if wants_json {
        let body = crate::api::problem::Problem::from_error(err, locale, path);
        let mut response = (status, axum::Json(body)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    } else {
        page::error_page(err, locale, ctx, path)
    }
}
