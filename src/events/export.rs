//! The registrations of an event as CSV or XLSX for its organisers, with headers in the
//! reader's language (the members' export writes the files), each download in the audit log.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use super::storage;
use super::view::Places;
use crate::error::Error;
use crate::http::Ctx;
use crate::i18n::format;
use crate::members::export::{Cell, Table, csv, xlsx};
use crate::state::AppState;
use crate::{audit, clock};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/registrations.csv", get(export_csv))
        .route("/events/{id}/registrations.xlsx", get(export_xlsx))
}

/// The list as the export shows it.
pub async fn table(state: &AppState, ctx: &Ctx, id: i64) -> Result<Table, Error> {
    let user = ctx.user()?;
    let event = super::manage::organised(&state.db, user, id).await?;
    let tz = Places::load(&state.db).await?.zone(&event);
    let headers = [
        "event-column-number",
        "field-name",
        "event-column-kind",
        "field-status",
        "event-column-position",
        "field-email",
        "field-phone",
        "event-column-registered-at",
        "event-checked-in-at",
        "field-code",
    ]
    .into_iter()
    .map(|m| ctx.t(m))
    .collect();
    let rows = storage::registrations(&state.db, id)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let r = &a.registration;
            vec![
                Cell::Plain((i + 1).to_string()),
                Cell::Text(r.name.clone()),
                Cell::Plain(ctx.t(if r.guest {
                    "event-guest"
                } else {
                    "event-member"
                })),
                Cell::Plain(ctx.t(r.status.message_id())),
                r.waitlist_position
                    .map_or(Cell::Empty, |p| Cell::Plain(p.to_string())),
                a.email.clone().map_or(Cell::Empty, Cell::Text),
                a.phone.clone().map_or(Cell::Empty, Cell::Plain),
                Cell::Plain(format::datetime(r.created_at, tz, ctx.locale)),
                r.checked_in_at.map_or(Cell::Empty, |at| {
                    Cell::Plain(format::datetime(at, tz, ctx.locale))
                }),
                Cell::Plain(crate::bookings::model::display_code(&r.code)),
            ]
        })
        .collect();
    Ok(Table {
        sheet: ctx.t("event-registrations-title"),
        headers,
        rows,
        left_out: 0,
        note: None,
        language: ctx.locale.language(),
    })
}

async fn download(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    extension: &'static str,
    content_type: &'static str,
) -> Result<Response, Error> {
    let table = table(state, ctx, id).await?;
    let bytes = match extension {
        "csv" => csv(&table)?,
        _ => xlsx(&table)?,
    };
    let user = ctx.user()?;
    let mut tx = state.db.begin().await?;
    audit::record(
        &mut tx,
        Some(user.id),
        "event.export",
        "event",
        Some(id),
        json!({"format": extension, "rows": table.rows.len()}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    let name = format!(
        "event-{id}-registrations-{}.{extension}",
        clock::now().with_timezone(&format::AKTOBE).date_naive()
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /events/{id}/registrations.csv`.
async fn export_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    download(&state, &ctx, id, "csv", "text/csv; charset=utf-8").await
}

/// `GET /events/{id}/registrations.xlsx`.
async fn export_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    download(
        &state,
        &ctx,
        id,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    .await
}
