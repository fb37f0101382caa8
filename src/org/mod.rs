//! The organisation tree: units (association → regional branch → city branch, and
//! beside them student assemblies, Dostyq clubs, ethnocultural associations, projects),
//! and the scope rule every permission uses: a role held at a unit reaches its subtree.

pub mod edit;
pub mod model;
pub mod routes;
pub mod storage;

pub use model::{Unit, UnitKind};

use crate::accounts::{CurrentUser, Role};
use crate::db::Db;
use crate::error::Error;

/// Whether `user` holds one of `roles` at `unit_id` or at one of its ancestors.
pub async fn holds_over(
    db: &Db,
    user: &CurrentUser,
    roles: &[Role],
    unit_id: i64,
) -> Result<bool, Error> {
    let held: Vec<i64> = roles
        .iter()
        .flat_map(|role| user.units_with(*role))
        .collect();
    if held.is_empty() {
        return Ok(false);
    }
    if held.contains(&unit_id) {
        return Ok(true);
    }
    let ancestors = storage::ancestors(db, unit_id).await?;
    Ok(ancestors.iter().any(|a| held.contains(a)))
}

/// Like [`holds_over`], but answers 403 when the user does not.
pub async fn require(
    db: &Db,
    user: &CurrentUser,
    roles: &[Role],
    unit_id: i64,
) -> Result<(), Error> {
    if holds_over(db, user, roles, unit_id).await? {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}
