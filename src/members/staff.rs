//! Staff edit members within their scope: a coordinator or admin who manages a unit the
//! person belongs to may correct their profile. Old and new values go to the audit log.

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;

use super::model::{Phone, optional_text, parse_birth_date};
use super::signup::take;
use super::storage::{self, ProfileData};
use super::{can_manage, find_unit};
use crate::accounts::{DisplayName, storage as accounts};
use crate::error::{Error, FieldError};
use crate::http::{Ctx, Json};
use crate::state::AppState;
use crate::{audit, on_tx};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/members/{id}/profile", post(edit_api))
}

/// Whether the caller manages a unit the person belongs to now.
pub async fn manages_person(state: &AppState, ctx: &Ctx, person: i64) -> Result<bool, Error> {
    let user = ctx.user()?;
    for m in storage::memberships_of(&state.db, person)
        .await?
        .into_iter()
        .filter(|m| m.ended_on.is_none())
    {
        let unit = find_unit(&state.db, m.unit_id).await?;
        if can_manage(&state.db, user, &unit).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// What staff may correct; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct StaffEdit {
    pub name: Option<String>,
    pub phone: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub city: Option<String>,
    pub study_or_work: Option<String>,
}

/// Correct a member's name, phone, birth date, city or place of study (staff of a unit they belong to).
#[utoipa::path(post, path = "/api/v1/members/{id}/profile", tag = "organisation", request_body = StaffEdit,
    responses((status = 204), (status = 403, body = crate::api::problem::Problem), (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn edit_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Json(input): Json<StaffEdit>,
) -> Result<axum::http::StatusCode, Error> {
    let person = accounts::find(&state.db, id)
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or(Error::NotFound)?;
    if !manages_person(&state, &ctx, id).await? {
        return Err(Error::Forbidden);
    }
    let (row, old) = storage::profile(&state.db, id)
        .await?
        .ok_or(Error::Conflict("no_profile"))?;
    let mut errors: Vec<FieldError> = Vec::new();
    let name = input.name.as_deref().map(|n| {
        take(
            &mut errors,
            DisplayName::parse(n).map(|d| d.as_str().to_string()),
        )
    });
    let phone = input
        .phone
        .as_deref()
        .map(|p| take(&mut errors, Phone::parse(p).map(|p| p.as_str().to_string())));
    let birth = input.birth_date.as_deref().map(|b| {
        take(
            &mut errors,
            parse_birth_date(b, super::routes::today(), 0, 120),
        )
    });
    let city = input
        .city
        .as_deref()
        .map(|c| take(&mut errors, optional_text(c, "city", 100)));
    let study = input
        .study_or_work
        .as_deref()
        .map(|s| take(&mut errors, optional_text(s, "study_or_work", 200)));
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let new = ProfileData {
        phone: phone.flatten().or(old.phone.clone()),
        city: city.flatten().unwrap_or(old.city.clone()),
        study_or_work: study.flatten().unwrap_or(old.study_or_work.clone()),
        ..old.clone()
    };
    let birth_date = birth.flatten().unwrap_or(row.birth_date);
    let new_name = name.flatten().unwrap_or(person.display_name.clone());
    let mut tx = state.db.begin().await?;
    storage::save_profile(&mut tx, id, &new, birth_date, None).await?;
    on_tx!(&mut tx, conn => sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(&new_name)
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    crate::search::sources::reindex_member(&mut tx, id).await?;
    audit::record(&mut tx, ctx.user.as_ref().map(|u| u.id), "member.edit", "user", Some(id),
        json!({
            "old": {"name": person.display_name, "phone": old.phone, "birth_date": row.birth_date, "city": old.city, "study_or_work": old.study_or_work},
            "new": {"name": new_name, "phone": new.phone, "birth_date": birth_date, "city": new.city, "study_or_work": new.study_or_work},
        }),
        Some(ctx.ip)).await?;
    tx.commit().await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
