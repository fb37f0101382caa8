//! The staff's import and export of a unit's members: the CSV import page with its preview
//! and commit, and the CSV and XLSX downloads.
//!
//! The CSV travels as a urlencoded form field (pasted, or read from a file by
//! `static/ortaq.js`), so the one CSRF check of `http::context` covers these forms too.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;

use super::export;
use super::import::{self, Checked, Column, MAX_ROWS};
use super::routes::today;
use super::{find_unit, require_manage};
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::org::Unit;
use crate::state::AppState;
use crate::{audit, org};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/units/{id}/import", get(import_page))
        .route("/units/{id}/import/preview", post(preview_form))
        .route("/units/{id}/import/commit", post(commit_form))
        .route("/units/{id}/members.csv", get(export_csv))
        .route("/units/{id}/members.xlsx", get(export_xlsx))
}

/// The unit, if the caller is its staff (401 for a guest, 403 for anyone else).
async fn staff_unit(state: &AppState, ctx: &Ctx, id: i64) -> Result<Unit, Error> {
    let unit = find_unit(&state.db, id).await?;
    require_manage(&state.db, ctx.user.as_ref(), &unit).await?;
    Ok(unit)
}

#[derive(Deserialize)]
struct CsvForm {
    #[serde(default)]
    csv: String,
}

/// One cell of the preview table.
struct CellView {
    text: String,
    invalid: bool,
}

/// One row of the preview table.
struct RowView {
    line: u64,
    cells: Vec<CellView>,
    errors: Vec<String>,
    pending: bool,
}

/// The preview of a checked file.
struct Preview {
    clean: bool,
    ok: String,
    bad: Option<String>,
    ignored: Option<String>,
    /// The rows with errors when there are any, else every row as it will be saved.
    rows: Vec<RowView>,
    commit: String,
}

#[derive(Template)]
#[template(path = "units/import.html")]
struct ImportPage<'a> {
    ctx: &'a Ctx,
    unit: &'a Unit,
    /// The units a row may name: (id, name), the target first.
    units: Vec<(i64, String)>,
    columns: Vec<(String, String, bool)>,
    csv: &'a str,
    errors: FormErrors,
    preview: Option<Preview>,
    max_rows: String,
}

impl Preview {
    fn new(ctx: &Ctx, units: &[Unit], checked: &Checked) -> Preview {
        let clean = checked.is_clean();
        let unit_name = |id: i64| {
            units
                .iter()
                .find(|u| u.id == id)
                .map(|u| ctx.text(&u.name).text)
                .unwrap_or_default()
        };
        let rows = checked
            .rows
            .iter()
            .filter(|r| clean || !r.errors.is_empty())
            .map(|row| {
                let cells = match &row.member {
                    // What will be saved, so staff see how each cell was understood.
                    Some(m) => vec![
                        m.name.as_str().to_string(),
                        m.email.as_str().to_string(),
                        m.phone.as_str().to_string(),
                        ctx.date(&m.birth_date),
                        m.city.clone().unwrap_or_default(),
                        ctx.t(m.position.message_id()),
                        unit_name(m.unit_id),
                    ]
                    .into_iter()
                    .map(|text| CellView {
                        text,
                        invalid: false,
                    })
                    .collect(),
                    None => Column::ALL
                        .iter()
                        .map(|c| CellView {
                            text: row.raw.cell(*c).to_string(),
                            invalid: row.errors.iter().any(|e| e.field == c.field()),
                        })
                        .collect(),
                };
                RowView {
                    line: row.raw.line,
                    cells,
                    errors: row
                        .errors
                        .iter()
                        .map(|e| crate::api::problem::field_message(ctx.locale, e))
                        .collect(),
                    pending: row.member.as_ref().is_some_and(|m| m.minor),
                }
            })
            .collect();
        let bad = checked.bad();
        Preview {
            clean,
            ok: ctx.t1("import-ok-rows", "count", checked.ok() as i64),
            bad: (bad > 0).then(|| ctx.t1("import-bad-rows", "count", bad as i64)),
            ignored: (!checked.ignored.is_empty())
                .then(|| ctx.t1("import-ignored-columns", "name", checked.ignored.join(", "))),
            rows,
            commit: ctx.t1("import-commit-submit", "count", checked.ok() as i64),
        }
    }
}

/// The import page: the form, and the preview of a checked file when there is one.
async fn render(
    state: &AppState,
    ctx: &Ctx,
    unit: &Unit,
    csv: &str,
    outcome: Result<Option<&Checked>, Vec<FieldError>>,
    status: StatusCode,
) -> Result<Response, Error> {
    let all = org::storage::all(&state.db).await?;
    let subtree = org::storage::subtree(&state.db, unit.id).await?;
    let units = subtree
        .iter()
        .filter_map(|id| all.iter().find(|u| u.id == *id))
        .filter(|u| !u.is_sensitive())
        .map(|u| (u.id, ctx.text(&u.name).text))
        .collect();
    let columns = Column::ALL
        .iter()
        .map(|c| {
            (
                ctx.t(c.label_id()),
                ctx.t(format!("import-column-{}", c.key().replace('_', "-"))),
                c.required(),
            )
        })
        .collect();
    let (errors, preview) = match outcome {
        Ok(checked) => (vec![], checked.map(|c| Preview::new(ctx, &all, c))),
        Err(errors) => (errors, None),
    };
    let page = ImportPage {
        ctx,
        unit,
        units,
        columns,
        csv,
        errors: ctx.errors(errors),
        preview,
        max_rows: ctx.t1("import-limits", "count", MAX_ROWS as i64),
    };
    Ok(with_status(Page::new(&page).into_response(), status))
}

/// `GET /units/{id}/import`
async fn import_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let unit = staff_unit(&state, &ctx, id).await?;
    render(&state, &ctx, &unit, "", Ok(None), StatusCode::OK).await
}

async fn check(state: &AppState, unit: &Unit, csv: &str) -> Result<Checked, Error> {
    import::check(&state.db, unit, csv, today(), state.config.member_ages).await
}

/// `POST /units/{id}/import/preview`: checks every row and writes nothing.
#[tracing::instrument(skip_all, fields(unit_id = id))]
async fn preview_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CsvForm>,
) -> Result<Response, Error> {
    let unit = staff_unit(&state, &ctx, id).await?;
    match check(&state, &unit, &form.csv).await {
        Ok(checked) => {
            render(
                &state,
                &ctx,
                &unit,
                &form.csv,
                Ok(Some(&checked)),
                StatusCode::OK,
            )
            .await
        }
        Err(Error::Invalid(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&state, &ctx, &unit, &form.csv, Err(errors), status).await
        }
        Err(other) => Err(other),
    }
}

/// `POST /units/{id}/import/commit`: checks the same file again; writes every row or, if
/// any has an error, nothing (and shows the preview again).
#[tracing::instrument(skip_all, fields(unit_id = id))]
async fn commit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CsvForm>,
) -> Result<Response, Error> {
    let unit = staff_unit(&state, &ctx, id).await?;
    let staff = ctx.user()?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let checked = match check(&state, &unit, &form.csv).await {
        Ok(checked) => checked,
        Err(Error::Invalid(errors)) => {
            return render(&state, &ctx, &unit, &form.csv, Err(errors), unprocessable).await;
        }
        Err(other) => return Err(other),
    };
    if !checked.is_clean() {
        return render(
            &state,
            &ctx,
            &unit,
            &form.csv,
            Ok(Some(&checked)),
            unprocessable,
        )
        .await;
    }
    let ip = ctx.ip.to_string();
    match import::commit(&state.db, staff.id, &ip, &unit, &checked, today()).await {
        Ok(done) => Ok(see_other(
            &format!(
                "/units/{id}/members?imported={}&pending={}",
                done.created, done.pending
            ),
            HeaderMap::new(),
        )),
        // Someone took an email or a phone between the check and the transaction: nothing
        // was written; the new check shows which rows.
        Err(err @ (Error::Conflict("email_taken") | Error::Invalid(_))) => {
            let again = check(&state, &unit, &form.csv).await?;
            if again.is_clean() {
                return Err(err);
            }
            render(
                &state,
                &ctx,
                &unit,
                &form.csv,
                Ok(Some(&again)),
                unprocessable,
            )
            .await
        }
        Err(other) => Err(other),
    }
}

/// A file to download, its name ASCII.
fn download(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Result<Response, Error> {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| Error::Internal(anyhow::Error::new(e).context("file name header")))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    Ok(response)
}

/// Builds the export and records who downloaded whose data.
async fn export_table(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    format: &str,
) -> Result<(Unit, export::Table), Error> {
    let unit = staff_unit(state, ctx, id).await?;
    let table = export::table(&state.db, ctx, &unit).await?;
    let staff = ctx.user()?;
    let mut tx = state.db.begin().await?;
    audit::record(
        &mut tx,
        Some(staff.id),
        "members.export",
        "org_unit",
        Some(unit.id),
        json!({"format": format, "rows": table.rows.len(), "left_out": table.left_out}),
        Some(ctx.ip),
    )
    .await?;
    tx.commit().await?;
    Ok((unit, table))
}

/// `GET /units/{id}/members.csv`
async fn export_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let (unit, table) = export_table(&state, &ctx, id, "csv").await?;
    download(
        export::csv(&table)?,
        "text/csv; charset=utf-8",
        &export::file_name(&unit, today(), "csv"),
    )
}

/// `GET /units/{id}/members.xlsx`
async fn export_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let (unit, table) = export_table(&state, &ctx, id, "xlsx").await?;
    download(
        export::xlsx(&table)?,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &export::file_name(&unit, today(), "xlsx"),
    )
}
