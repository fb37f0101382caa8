//! Attachments: images (JPEG, PNG, WebP) and PDFs, judged by their first bytes (never by
//! name or the browser's word), at most 900 KB, kept in the database like member photos.
//! Served with their own type, `nosniff`, and `Content-Disposition` (images inline, PDFs as
//! a download), so a file can never run as a page of Ortaq.

use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::flow;
use super::milestones::require_keeper;
use crate::accounts::CurrentUser;
use crate::clock;
use crate::db::Db;
use crate::error::{Error, FieldError};
use crate::http::page::see_other;
use crate::http::{Ctx, Json};
use crate::state::AppState;
use crate::{on_db, on_tx};

pub const MAX_BYTES: usize = 900 * 1024;
/// At most this many files per initiative.
pub const MAX_FILES: i64 = 10;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/initiatives/{id}/attachments",
            get(list_api).post(upload_api),
        )
        .route("/initiatives/{id}/attachments", post(upload_form))
        .route(
            "/initiatives/{id}/attachments/{aid}/delete",
            post(delete_form),
        )
        .route("/initiatives/{id}/attachments/{aid}", get(serve))
}

/// The type of `bytes` by their first bytes: an image or a PDF, else nothing.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        crate::members::photo::sniff(bytes)
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AttachmentInfo {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: DateTime<Utc>,
    /// Where the file is served.
    pub url: String,
}

impl AttachmentInfo {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }

    /// The size in whole kilobytes (at least 1).
    pub fn kb(&self) -> i64 {
        (self.size / 1024).max(1)
    }
}

pub async fn list(db: &Db, id: i64) -> Result<Vec<AttachmentInfo>, Error> {
    let rows: Vec<(i64, String, String, i64, DateTime<Utc>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, file_name, content_type, size, created_at FROM initiative_attachments
         WHERE initiative_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(
            |(aid, file_name, content_type, size, created_at)| AttachmentInfo {
                url: format!("/initiatives/{id}/attachments/{aid}"),
                id: aid,
                file_name,
                content_type,
                size,
                created_at,
            },
        )
        .collect())
}

/// A file name kept for showing: its last path part, printable, at most 120 characters.
fn clean_name(raw: Option<&str>, content_type: &str) -> String {
    let base = raw
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
        .take(120)
        .collect::<String>();
    let base = base.trim().to_string();
    if base.is_empty() {
        match content_type {
            "application/pdf" => "document.pdf".to_string(),
            _ => "image".to_string(),
        }
    } else {
        base
    }
}

/// Checks and stores one file for an initiative.
pub async fn store(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    file_name: Option<&str>,
    bytes: &[u8],
) -> Result<i64, Error> {
    require_keeper(db, user, id).await?;
    if bytes.is_empty() {
        return Err(Error::invalid("file", "required"));
    }
    if bytes.len() > MAX_BYTES {
        return Err(Error::invalid("file", "attachment_too_large"));
    }
    let content_type = sniff(bytes).ok_or_else(|| Error::invalid("file", "attachment_type"))?;
    let name = clean_name(file_name, content_type);
    let mut tx = db.begin().await?;
    let count: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM initiative_attachments WHERE initiative_id = $1")
        .bind(id)
        .fetch_one(conn)
        .await)?;
    if count >= MAX_FILES {
        return Err(Error::Invalid(vec![
            FieldError::new("file", "too_many_files").with_limit(MAX_FILES),
        ]));
    }
    let aid: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO initiative_attachments (initiative_id, file_name, content_type, size, bytes, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(id)
        .bind(&name)
        .bind(content_type)
        .bind(bytes.len() as i64)
        .bind(bytes)
        .bind(user.id)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?;
    tx.commit().await?;
    Ok(aid)
}

async fn read_file(multipart: &mut Multipart) -> Result<(Option<String>, Vec<u8>), Error> {
    let mut out = (None, Vec::new());
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Error::BadRequest("multipart".into()))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().map(str::to_string);
            let bytes = field.bytes().await.map_err(|_| Error::PayloadTooLarge)?;
            out = (name, bytes.to_vec());
        }
    }
    Ok(out)
}

/// The files of an initiative.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/attachments", tag = "initiatives",
    responses((status = 200, body = [AttachmentInfo]), (status = 404, body = crate::api::problem::Problem)))]
pub async fn list_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Vec<AttachmentInfo>>, Error> {
    flow::visible(&state.db, ctx.user.as_deref(), id).await?;
    Ok(Json(list(&state.db, id).await?))
}

/// Attaches an image or a PDF (multipart, field `file`; at most 900 KB; type judged by
/// content: 422 with field code `attachment_type` or `attachment_too_large`).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/attachments", tag = "initiatives",
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = [AttachmentInfo]), (status = 422, body = crate::api::problem::Problem),
        (status = 403, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn upload_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let (name, bytes) = read_file(&mut multipart).await?;
    store(&state.db, user, id, name.as_deref(), &bytes).await?;
    Ok((StatusCode::CREATED, Json(list(&state.db, id).await?)).into_response())
}

/// `POST /initiatives/{id}/attachments` (the page's form; CSRF in `?csrf=`).
async fn upload_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let (name, bytes) = read_file(&mut multipart).await?;
    match store(&state.db, user, id, name.as_deref(), &bytes).await {
        Ok(_) => Ok(see_other(
            &format!("/initiatives/{id}?attached=1#attachments"),
            HeaderMap::new(),
        )),
        Err(Error::Invalid(fields)) => {
            let code = fields.first().map(|f| f.code).unwrap_or("required");
            Ok(see_other(
                &format!("/initiatives/{id}?file_error={code}#attachments"),
                HeaderMap::new(),
            ))
        }
        Err(other) => Err(other),
    }
}

/// `POST /initiatives/{id}/attachments/{aid}/delete`
async fn delete_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<Response, Error> {
    require_keeper(&state.db, ctx.user()?, id).await?;
    on_db!(&state.db, pool => sqlx::query("DELETE FROM initiative_attachments WHERE id = $1 AND initiative_id = $2")
        .bind(aid)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(see_other(
        &format!("/initiatives/{id}#attachments"),
        HeaderMap::new(),
    ))
}

/// `GET /initiatives/{id}/attachments/{aid}`: the file, for whoever may see the initiative.
async fn serve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<Response, Error> {
    let (ini, _) = flow::visible(&state.db, ctx.user.as_deref(), id).await?;
    let row: Option<(String, String, Vec<u8>)> = on_db!(&state.db, pool => sqlx::query_as(
        "SELECT file_name, content_type, bytes FROM initiative_attachments WHERE id = $1 AND initiative_id = $2")
        .bind(aid)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    let (name, content_type, bytes) = row.ok_or(Error::NotFound)?;
    // Stored types are the four the CHECK allows; anything else is served as bytes.
    let content_type = match content_type.as_str() {
        "image/jpeg" | "image/png" | "image/webp" | "application/pdf" => content_type,
        _ => "application/octet-stream".to_string(),
    };
    let disposition = if content_type.starts_with("image/") {
        "inline"
    } else {
        "attachment"
    };
    // The name goes in RFC 5987 form only (UTF-8, percent-encoded), plus an ASCII fallback.
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).map_err(|e| Error::Internal(e.into()))?,
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!(
            "{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
        ))
        .map_err(|e| Error::Internal(e.into()))?,
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if ini.status.is_public() {
            "public, max-age=3600"
        } else {
            "private, no-store"
        }),
    );
    Ok(response)
}
