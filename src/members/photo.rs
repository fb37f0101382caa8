//! The optional profile photo: JPEG, PNG or WebP (checked by content, not by name), at most
//! 900 KB, stored in the database. Seen by its owner, by staff of the owner's units, and by
//! signed-in members when the owner is in the directory.

use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::error::Error;
use crate::http::Ctx;
use crate::http::page::see_other;
use crate::state::AppState;
use crate::{clock, on_db};

pub const MAX_BYTES: usize = 900 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/photo", post(upload))
        .route("/account/photo/delete", post(remove))
        .route("/members/{id}/photo", get(serve))
}

/// The image type of `bytes`, judged by their first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// `POST /account/photo` (multipart, field `photo`; the CSRF token rides in `?csrf=`).
async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let mut photo = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Error::BadRequest("multipart".into()))?
    {
        if field.name() == Some("photo") {
            let bytes = field.bytes().await.map_err(|_| Error::PayloadTooLarge)?;
            photo = Some(bytes);
        }
    }
    let refused = |code| {
        super::profile::stored(
            &state,
            &ctx,
            vec![crate::error::FieldError::new("photo", code)],
        )
    };
    let Some(bytes) = photo.filter(|b| !b.is_empty()) else {
        return refused("required").await;
    };
    if bytes.len() > MAX_BYTES {
        return refused("photo_too_large").await;
    }
    let Some(content_type) = sniff(&bytes) else {
        return refused("photo_type").await;
    };
    on_db!(&state.db, pool => sqlx::query(
        "INSERT INTO profile_photos (user_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, updated_at = excluded.updated_at")
        .bind(user.id)
        .bind(content_type)
        .bind(bytes.as_ref())
        .bind(clock::now())
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(see_other("/account/profile?photo=1", HeaderMap::new()))
}

/// `POST /account/photo/delete`
async fn remove(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = ctx.user()?;
    on_db!(&state.db, pool => sqlx::query("DELETE FROM profile_photos WHERE user_id = $1").bind(user.id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(see_other("/account/profile", HeaderMap::new()))
}

/// A person's photo, if the caller may see it.
pub async fn photo(state: &AppState, user_id: i64) -> Result<Option<(String, Vec<u8>)>, Error> {
    Ok(
        on_db!(&state.db, pool => sqlx::query_as("SELECT content_type, bytes FROM profile_photos WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await)?,
    )
}

/// `GET /members/{id}/photo`
async fn serve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let viewer = ctx.user()?;
    let visible = viewer.id == id
        || super::staff::manages_person(&state, &ctx, id).await?
        || super::storage::profile(&state.db, id)
            .await?
            .is_some_and(|(row, _)| row.in_directory);
    if !visible {
        return Err(Error::NotFound);
    }
    let (content_type, bytes) = photo(&state, id).await?.ok_or(Error::NotFound)?;
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).map_err(|e| Error::Internal(e.into()))?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    #[test]
    fn images_are_recognised_by_their_content() {
        assert_eq!(
            super::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some("image/jpeg")
        );
        assert_eq!(super::sniff(b"\x89PNG"), None);
        assert_eq!(
            super::sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some("image/png")
        );
        assert_eq!(super::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(super::sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(super::sniff(b"%PDF-1.7"), None);
    }
}
