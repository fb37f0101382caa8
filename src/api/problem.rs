//! RFC 9457 problem details, localized.

use serde::Serialize;

use crate::error::Error;
use crate::i18n::{self, Args, Locale};

/// One refused field.
#[derive(Serialize, utoipa::ToSchema)]
pub struct InvalidField {
    pub field: String,
    pub code: String,
    /// The reason, in the request's language.
    pub message: String,
}

/// An error answer (`application/problem+json`).
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem: `/problems/{code}` on this server.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary, in the request's language.
    pub title: String,
    pub status: u16,
    /// What happened and what to do, in the request's language.
    pub detail: String,
    /// The stable machine code (`validation_failed`, `booking_conflict`, …).
    pub code: String,
    pub instance: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InvalidField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The bound a booking rule names (minutes, days or a count), with its `code`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// With `booking_conflict`: the interval of the live booking in the way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<ConflictInterval>,
}

/// `[start, end)` of the booking a request ran into.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ConflictInterval {
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: chrono::DateTime<chrono::Utc>,
}

impl Problem {
    pub fn from_error(err: &Error, locale: Locale, path: &str) -> Problem {
        let code = err.code();
        let id = code.replace('_', "-");
        let errors: Vec<InvalidField> = match err {
            Error::Invalid(fields) => fields
                .iter()
                .map(|f| InvalidField {
                    field: f.field.to_string(),
                    code: f.code.to_string(),
                    message: field_message(locale, f),
                })
                .collect(),
            _ => vec![],
        };
        let detail = match err {
            Error::Invalid(_) => errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            Error::TooManyRequests { .. } | Error::Rule { .. } => i18n::translate(
                locale,
                &format!("error-{id}-detail"),
                err.detail_args().as_ref(),
            ),
            Error::BadRequest(why) => format!(
                "{} ({why})",
                i18n::translate(locale, "error-bad-request-detail", None)
            ),
            _ => i18n::translate(locale, &format!("error-{id}-detail"), None),
        };
        Problem {
            kind: format!("/problems/{code}"),
            title: i18n::translate(locale, &format!("error-{id}"), None),
            status: err.status().as_u16(),
            detail,
            code: code.to_string(),
            instance: path.to_string(),
            errors,
            retry_after: match err {
                Error::TooManyRequests { retry_after } => Some(*retry_after),
                _ => None,
            },
            limit: match err {
                Error::Rule { limit, .. } => *limit,
                _ => None,
            },
            conflict: match err {
                Error::BookingConflict { start, end } => Some(ConflictInterval {
                    start: *start,
                    end: *end,
                }),
                _ => None,
            },
        }
    }
}

/// «Email: this field is required.» — the field's label and the reason, localized.
pub fn field_message(locale: Locale, error: &crate::error::FieldError) -> String {
    let label = i18n::translate(
        locale,
        &format!("field-{}", error.field.replace('_', "-")),
        None,
    );
    let args = Args::new()
        .set("field", label)
        .set("min", crate::auth::password::MIN_CHARS as i64)
        .set("max", crate::auth::password::MAX_CHARS as i64)
        .set("limit", error.limit.unwrap_or_default());
    i18n::translate(
        locale,
        &format!("invalid-{}", error.code.replace('_', "-")),
        Some(&args),
    )
}
