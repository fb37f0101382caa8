//! Front-end files, vendored in `static/` and compiled into the binary: no CDN,
//! no third-party request from any page.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "ortaq.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/ortaq.css"),
    },
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/htmx.min.js"),
    },
    Asset {
        name: "ortaq.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/ortaq.js"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../../static/favicon.svg"),
    },
];

/// The version in asset URLs (`/static/{VERSION}/ortaq.css`), so assets can be cached for a year.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `GET /static/{version}/{name}`
pub async fn serve(Path((_version, name)): Path<(String, String)>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(asset) => {
            let mut response = asset.body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /favicon.ico` (browsers ask for it by that name).
pub async fn favicon() -> Response {
    serve(Path((VERSION.to_string(), "favicon.svg".to_string()))).await
}
