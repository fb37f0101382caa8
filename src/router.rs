//! Every route of Ortaq, merged in one place, with the layers they share.

use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::Error;
use crate::http::{assets, context};
use crate::state::AppState;
use crate::{
    admin, api, auth, bookings, calendar, dashboard, events, health, home, initiatives, members,
    news, notifications, occupancy, org, search, spaces,
};

/// The largest request body Ortaq reads.
pub const MAX_BODY: usize = 1024 * 1024;

pub fn build(state: AppState) -> Router {
    let dynamic = Router::new()
        .merge(home::router())
        .merge(auth::routes::router())
        .merge(auth::links::router())
        .merge(admin::routes::router())
        .merge(org::routes::router())
        .merge(org::edit::router())
        .merge(members::routes::router())
        .merge(members::pages::router())
        .merge(members::data_routes::router())
        .merge(members::directory::router())
        .merge(members::profile::router())
        .merge(members::youth::router())
        .merge(members::staff::router())
        .merge(members::photo::router())
        .merge(members::transfer_routes::router())
        .merge(spaces::routes::router())
        .merge(bookings::router())
        .merge(calendar::router())
        .merge(occupancy::router())
        .merge(events::router())
        .merge(notifications::router())
        .merge(api::router())
        .merge(initiatives::router())
        .merge(search::router())
        .merge(dashboard::router())
        .merge(news::router())
        .fallback(not_found)
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(Error::Internal(anyhow::anyhow!(
                "a handler panicked"
            )))
        }))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            context::layer,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), after_writes));

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/static/{version}/{name}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .merge(dynamic)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn not_found() -> Error {
    Error::NotFound
}

/// After a request that may have written, this instance's availability cache waits for
/// its own marker before answering again (`bookings::busy_cache`), so whoever wrote reads
/// what they wrote. Noted before the answer leaves.
async fn after_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let writes = !matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let response = next.run(req).await;
    if writes {
        state.busy.wrote();
    }
    response
}

/// Headers every answer carries. The policy allows no inline script and nothing from
/// another origin; HSTS is sent when Ortaq is served over HTTPS.
async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    if state.config.secure_cookies() {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
