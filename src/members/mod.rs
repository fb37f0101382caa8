//! Members: profiles, memberships with positions, join requests, consents, and the
//! staff's CSV import and CSV/XLSX export of a unit's members.
//!
//! Who may see and change a unit's members: admins over the unit and its coordinators
//! (by grant or by a coordinator/chair position) over it. An ethnocultural association
//! is sensitive: only its own coordinators and the admins above it.

pub mod consent;
pub mod data_routes;
pub mod directory;
pub mod export;
pub mod import;
pub mod model;
pub mod pages;
pub mod photo;
pub mod profile;
pub mod rights;
pub mod routes;
pub mod signup;
pub mod staff;
pub mod storage;
pub mod transfer_routes;
pub mod youth;

use crate::accounts::{CurrentUser, Role};
use crate::db::Db;
use crate::error::Error;
use crate::org::{self, Unit};

/// Whether `user` may read and change the members of `unit`.
pub async fn can_manage(db: &Db, user: &CurrentUser, unit: &Unit) -> Result<bool, Error> {
    if org::holds_over(db, user, &[Role::Admin], unit.id).await? {
        return Ok(true);
    }
    if unit.is_sensitive() {
        return Ok(user.units_with(Role::Coordinator).any(|u| u == unit.id));
    }
    org::holds_over(db, user, &[Role::Coordinator], unit.id).await
}

/// 401 for a guest, 403 for someone else, the unit for its staff.
pub async fn require_manage(
    db: &Db,
    user: Option<&std::sync::Arc<CurrentUser>>,
    unit: &Unit,
) -> Result<(), Error> {
    let user = user.ok_or(Error::Unauthenticated)?;
    if can_manage(db, user, unit).await? {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

pub async fn find_unit(db: &Db, id: i64) -> Result<Unit, Error> {
    org::storage::find(db, id).await?.ok_or(Error::NotFound)
}
