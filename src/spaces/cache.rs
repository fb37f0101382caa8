//! What every booking and availability question reads about spaces — locations with their
//! hours and closures, resources with their rules and who may book them — kept in memory
//! and checked against the database at every use.
//!
//! Staff change these rarely; members ask about them on every request. A trigger on each
//! of those tables moves the one-row counter `spaces_version` on, in the same transaction
//! as the change (migration `20261202003001`). A [`Snapshot`] knows the version it was read
//! at; a request reads the current version (alone, or in the same statement as its own
//! question) and uses the snapshot only if it is not older, else reloads it first. So
//! several instances sharing one PostgreSQL never answer from rules another one changed:
//! the price is one tiny read, where the database was asked five or six questions before.
//!
//! A snapshot is read after the version it is labelled with, so it can only be newer than
//! its label, never older; a change that lands while it loads moves the counter past the
//! label, and the next request reloads.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::model::{Access, Location, Resource};
use super::storage::{self, Closure, RulesSource};
use crate::bookings::Rules;
use crate::db::Db;
use crate::error::Error;
use crate::on_db;

/// A resource with what judging a booking of it needs.
#[derive(Debug)]
pub struct Placed {
    pub resource: Resource,
    pub location: Arc<Location>,
    pub rules: Rules,
    pub rules_source: RulesSource,
    /// Who may book it; empty: every member.
    pub access: Vec<Access>,
    /// The closures of its location, by start.
    pub closures: Arc<Vec<Closure>>,
}

/// Spaces as they were at one version of the database.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub version: i64,
    resources: HashMap<i64, Arc<Placed>>,
}

impl Snapshot {
    /// A resource (active or not) with its location, rules, access and closures.
    pub fn resource(&self, id: i64) -> Option<&Arc<Placed>> {
        self.resources.get(&id)
    }
}

/// The shared, checked copy (see the module doc). Cloning shares it.
#[derive(Clone, Default)]
pub struct Cache {
    current: Arc<RwLock<Arc<Snapshot>>>,
    /// One reload at a time: a burst of requests after a change waits for one reading.
    reloading: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("version", &self.loaded().version)
            .finish()
    }
}

/// The current version of spaces in the database.
pub async fn version(db: &Db) -> Result<i64, Error> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT n FROM spaces_version WHERE id = 1")
            .fetch_one(pool)
            .await)?,
    )
}

impl Cache {
    pub fn new() -> Cache {
        Cache {
            current: Arc::new(RwLock::new(Arc::new(Snapshot {
                // Older than any version the database holds: the first use loads.
                version: -1,
                resources: HashMap::new(),
            }))),
            reloading: Arc::default(),
        }
    }

    /// The snapshot in memory, whatever its version.
    pub fn loaded(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// A snapshot as new as the database's current version (one read, and a reload when
    /// spaces changed since the last one).
    pub async fn fresh(&self, db: &Db) -> Result<Arc<Snapshot>, Error> {
        let seen = version(db).await?;
        self.at_least(db, seen).await
    }

    /// A snapshot at `seen` or newer, `seen` being a version just read from the database.
    pub async fn at_least(&self, db: &Db, seen: i64) -> Result<Arc<Snapshot>, Error> {
        let loaded = self.loaded();
        if loaded.version >= seen {
            return Ok(loaded);
        }
        let _one = self.reloading.lock().await;
        let loaded = self.loaded();
        if loaded.version >= seen {
            return Ok(loaded);
        }
        // The label is read first: what follows can only be newer.
        let label = version(db).await?;
        let everything = storage::everything(db).await?;
        let snapshot = Arc::new(assemble(label, everything));
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = snapshot.clone();
        Ok(snapshot)
    }
}

fn assemble(version: i64, e: storage::Everything) -> Snapshot {
    let mut closures: HashMap<i64, Vec<Closure>> = HashMap::new();
    for (location, closure) in e.closures {
        closures.entry(location).or_default().push(closure);
    }
    let closures: HashMap<i64, Arc<Vec<Closure>>> = closures
        .into_iter()
        .map(|(location, list)| (location, Arc::new(list)))
        .collect();
    let locations: HashMap<i64, Arc<Location>> = e
        .locations
        .into_iter()
        .map(|l| (l.id, Arc::new(l)))
        .collect();
    let none = Arc::new(Vec::new());
    let resources = e
        .resources
        .into_iter()
        .filter_map(|(resource, rules, rules_source, access)| {
            let location = locations.get(&resource.location_id)?.clone();
            let closures = closures
                .get(&resource.location_id)
                .cloned()
                .unwrap_or_else(|| none.clone());
            Some((
                resource.id,
                Arc::new(Placed {
                    resource,
                    location,
                    rules,
                    rules_source,
                    access,
                    closures,
                }),
            ))
        })
        .collect();
    Snapshot { version, resources }
}
