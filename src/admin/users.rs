//! The rules of managing accounts and roles, shared by the admin pages and the API.
//!
//! An admin acts within the subtree of the units where they hold the admin role: they
//! grant and revoke roles at those units and below, and disable accounts whose staff
//! roles and current memberships all lie within that subtree. No one disables their own account.

use serde::Deserialize;
use serde_json::json;

use crate::accounts::{CurrentUser, Grant, Role, User, storage as accounts};
use crate::audit;
use crate::db::Db;
use crate::error::{Error, FieldError};
use crate::org;

/// Grant input: a role and the unit it is held at.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct GrantInput {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    #[schema(value_type = i64)]
    pub unit_id: Option<serde_json::Value>,
}

impl GrantInput {
    fn parse(&self) -> Result<(Role, i64), Error> {
        let role = Role::parse(&self.role).filter(|r| *r != Role::Member);
        let unit_id = match &self.unit_id {
            Some(serde_json::Value::Number(n)) => n.as_i64(),
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        let mut errors = Vec::new();
        if role.is_none() {
            errors.push(FieldError::new(
                "role",
                if self.role.is_empty() {
                    "required"
                } else {
                    "invalid_choice"
                },
            ));
        }
        if unit_id.is_none() {
            errors.push(FieldError::new(
                "unit_id",
                if self.unit_id.is_none() {
                    "required"
                } else {
                    "invalid_choice"
                },
            ));
        }
        match (role, unit_id) {
            (Some(role), Some(unit_id)) => Ok((role, unit_id)),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// The admin area is for admins; everyone else gets 403 (401 when not signed in).
pub fn require_admin(user: Option<&std::sync::Arc<CurrentUser>>) -> Result<&CurrentUser, Error> {
    let user = user.ok_or(Error::Unauthenticated)?;
    if user.has_role_anywhere(Role::Admin) {
        Ok(user)
    } else {
        Err(Error::Forbidden)
    }
}

pub async fn find_user(db: &Db, id: i64) -> Result<User, Error> {
    accounts::find(db, id).await?.ok_or(Error::NotFound)
}

pub async fn grant(
    db: &Db,
    admin: &CurrentUser,
    ip: std::net::IpAddr,
    user_id: i64,
    input: &GrantInput,
) -> Result<Grant, Error> {
    let (role, unit_id) = input.parse()?;
    find_user(db, user_id).await?;
    if org::storage::find(db, unit_id).await?.is_none() {
        return Err(Error::invalid("unit_id", "invalid_choice"));
    }
    org::require(db, admin, &[Role::Admin], unit_id).await?;
    let mut tx = db.begin().await?;
    let id = accounts::grant(&mut tx, user_id, role, unit_id, Some(admin.id)).await?;
    audit::record(
        &mut tx,
        Some(admin.id),
        "role.grant",
        "user",
        Some(user_id),
        json!({"role": role.as_str(), "unit_id": unit_id}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    Ok(Grant { id, role, unit_id })
}

pub async fn revoke(
    db: &Db,
    admin: &CurrentUser,
    ip: std::net::IpAddr,
    user_id: i64,
    grant_id: i64,
) -> Result<(), Error> {
    let grants = accounts::grants(db, user_id).await?;
    let grant = grants
        .iter()
        .find(|g| g.id == grant_id)
        .ok_or(Error::NotFound)?;
    org::require(db, admin, &[Role::Admin], grant.unit_id).await?;
    if user_id == admin.id
        && grant.role == Role::Admin
        && admin.units_with(Role::Admin).count() == 1
    {
        return Err(Error::Conflict("cannot_remove_own_admin"));
    }
    let mut tx = db.begin().await?;
    accounts::revoke(&mut tx, user_id, grant_id).await?;
    audit::record(
        &mut tx,
        Some(admin.id),
        "role.revoke",
        "user",
        Some(user_id),
        json!({"role": grant.role.as_str(), "unit_id": grant.unit_id}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_disabled(
    db: &Db,
    admin: &CurrentUser,
    ip: std::net::IpAddr,
    user_id: i64,
    disabled: bool,
) -> Result<(), Error> {
    find_user(db, user_id).await?;
    if user_id == admin.id {
        return Err(Error::Conflict("cannot_disable_self"));
    }
    // Every unit the person holds a role in or belongs to must be within the admin's scope.
    for g in accounts::grants(db, user_id).await? {
        org::require(db, admin, &[Role::Admin], g.unit_id).await?;
    }
    for m in crate::members::storage::memberships_of(db, user_id)
        .await?
        .iter()
        .filter(|m| m.ended_on.is_none())
    {
        org::require(db, admin, &[Role::Admin], m.unit_id).await?;
    }
    let mut tx = db.begin().await?;
    accounts::set_disabled(&mut tx, user_id, disabled).await?;
    let action = if disabled {
        "user.disable"
    } else {
        "user.enable"
    };
    audit::record(
        &mut tx,
        Some(admin.id),
        action,
        "user",
        Some(user_id),
        json!({}),
        Some(ip),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
