//! Rendering pages: one askama template struct per page, all extending `base.html`.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::{Error, FieldError};
use crate::http::Ctx;
use crate::i18n::{self, Locale};

/// A rendered page (or the error that rendering met).
pub struct Page(pub Result<String, askama::Error>);

impl Page {
    pub fn new(template: &impl Template) -> Page {
        Page(template.render())
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(html) => Html(html).into_response(),
            Err(err) => {
                Error::Internal(anyhow::Error::new(err).context("rendering a page")).into_response()
            }
        }
    }
}

/// A rendered page answered with `status` (a form sent back with what was wrong); a page
/// that failed to render keeps its own error status.
pub fn with_status(mut response: Response, status: StatusCode) -> Response {
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// `303 See Other` to `to`, with extra headers (cookies): the answer to a form post that worked.
pub fn see_other(to: &str, headers: axum::http::HeaderMap) -> Response {
    let mut response = axum::response::Redirect::to(to).into_response();
    response.headers_mut().extend(headers);
    response
}

/// The refused fields of a form, with their messages in the reader's language.
pub struct FormErrors {
    locale: Locale,
    list: Vec<FieldError>,
}

impl FormErrors {
    pub fn new(locale: Locale, list: Vec<FieldError>) -> FormErrors {
        FormErrors { locale, list }
    }

    /// The message for one field, if it was refused.
    pub fn get(&self, field: &str) -> Option<String> {
        self.list
            .iter()
            .find(|e| e.field == field)
            .map(|e| crate::api::problem::field_message(self.locale, e))
    }

    pub fn has(&self, field: &str) -> bool {
        self.list.iter().any(|e| e.field == field)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every message, for the summary at the top of the form: (field id, message).
    pub fn all(&self) -> Vec<(String, String)> {
        self.list
            .iter()
            .map(|e| {
                (
                    e.field.to_string(),
                    crate::api::problem::field_message(self.locale, e),
                )
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    title: String,
    detail: String,
    status: u16,
}

/// The friendly page for an error, in the reader's language.
pub fn error_page(err: &Error, locale: Locale, ctx: Option<&Ctx>, path: &str) -> Response {
    let fallback;
    let ctx = match ctx {
        Some(ctx) => ctx,
        None => {
            fallback = Ctx {
                locale,
                user: None,
                identity: crate::http::Identity::Anonymous,
                csrf: String::new(),
                path: path.to_string(),
                query: String::new(),
                ip: std::net::IpAddr::from([127, 0, 0, 1]),
                secure: false,
                wants_json: false,
                unread: 0,
            };
            &fallback
        }
    };
    let code = err.code();
    let title = i18n::translate(locale, &format!("error-{}", code.replace('_', "-")), None);
    let detail = i18n::translate(
        locale,
        &format!("error-{}-detail", code.replace('_', "-")),
        err.detail_args().as_ref(),
    );
    let status = err.status();
    let html = ErrorPage {
        ctx,
        title,
        detail,
        status: status.as_u16(),
    }
    .render()
    .unwrap_or_else(|_| "<!doctype html><title>Ortaq</title><p>Error</p>".to_string());
    let mut response = (status, Html(html)).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
