//! `GET /api/v1/me`: the caller.

use serde::Serialize;

use crate::accounts::{CurrentUser, Grant};
use crate::error::Error;
use crate::http::{Ctx, Json};

/// The caller's account.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// The account's language, if set.
    pub locale: Option<String>,
    /// Roles held at units; every account is also a member.
    pub roles: Vec<Grant>,
    /// Only when a session was just started: the token cookie-authenticated writes send in `X-CSRF-Token`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

impl Me {
    pub fn new(user: &CurrentUser, csrf_token: Option<String>) -> Me {
        Me {
            id: user.id,
            email: user.email.clone(),
            name: user.display_name.clone(),
            locale: user.locale.map(|l| l.tag().to_string()),
            roles: user.grants.clone(),
            csrf_token,
        }
    }
}

/// The caller's account and roles. 401 when not authenticated.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn me(ctx: Ctx) -> Result<Json<Me>, Error> {
    Ok(Json(Me::new(ctx.user()?, None)))
}
