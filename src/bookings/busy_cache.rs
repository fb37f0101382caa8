//! On PostgreSQL, recent answers to "which bookings are live on this resource over
//! `[from, to)`" kept in memory, and dropped by the database's own notifications.
//!
//! `GET /api/v1/resources/{id}/availability` is what kiosks, widgets and apps poll. Asking
//! the database each time costs a round trip that, under load on a small machine, is most
//! of the answer's time. So each instance listens (`LISTEN`) on two channels:
//!
//! - `ortaq_written` (`{instance}:{n}`): after every request that may have written (any
//!   method but GET, HEAD, OPTIONS; `router::after_writes`) and after a sweep that changed
//!   bookings, the instance that wrote sends a marker, once its write has committed; the
//!   markers of writes close together share one notification. Every instance that hears
//!   one starts its cache over. The writing instance does not answer from its cache from
//!   the write until its own marker has come back through the database, so whoever wrote
//!   reads what they wrote;
//! - `ortaq_spaces` (the spaces version, sent by the trigger that moves it; migration
//!   `20261203000001`): the spaces snapshot is reloaded before the next answer.
//!
//! Why not a trigger on `bookings`: PostgreSQL serializes the commits of transactions that
//! notify (a lock held until the commit is on disk), which took booking creation from
//! about 1,570/s to 1,210/s in the bookings bench. The markers go in transactions of their
//! own that do not wait for the disk.
//!
//! What another instance writes is seen as soon as its marker arrives: after the 5 ms the
//! markers are gathered, and a round trip (the tests measure about 13 ms, polling every
//! 10 ms); it can be late, but not lost unnoticed: a lost
//! listening connection empties the cache, and nothing is answered from it until the
//! listener is back.
//!
//! Booking itself never reads this cache: a booking is judged inside its transaction and
//! the no-overlap guard is the database's. A stale answer here can at worst show a slot
//! free that was taken a moment ago, and booking it answers `booking_conflict`.
//!
//! On SQLite (one process, and reading a day is cheaper than a round trip) there is no
//! cache: [`BusyCache::trusted`] is always `None`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use crate::db::Db;
use crate::error::Error;

/// Live bookings of one resource meeting a window: (start, end, status), by start.
pub type Busy = Arc<Vec<(DateTime<Utc>, DateTime<Utc>, String)>>;

/// The most answers kept; when full, the cache starts over (a day of every resource of a
/// large center is a few hundred).
const MAX_ENTRIES: usize = 4096;

/// How long writes are gathered into one marker. Each marker is a small transaction on
/// PostgreSQL; one per booking cost about a sixth of booking creation's throughput in the
/// bookings bench. Meanwhile the writer's own answers come from the database.
const GATHER: std::time::Duration = std::time::Duration::from_millis(5);

/// The channels (see the module doc).
const WRITTEN: &str = "ortaq_written";
const SPACES: &str = "ortaq_spaces";

/// The cache (see the module doc). Cloning shares it.
#[derive(Clone, Debug, Default)]
pub struct BusyCache {
    inner: Option<Arc<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    /// This instance's name in its markers.
    instance: u64,
    state: Mutex<State>,
    /// The newest spaces version announced since listening began.
    spaces: AtomicI64,
    /// The newest marker this instance asked for after a write, and the newest that came
    /// back through the database.
    requested: AtomicU64,
    received: AtomicU64,
    /// Wakes the marker task.
    wake: Notify,
}

#[derive(Debug, Default)]
struct State {
    /// Whether the listener is connected and listening.
    listening: bool,
    /// How many times the cache started over; an answer read before the last start is
    /// not kept.
    epoch: u64,
    /// (resource, from, to) → the answer.
    entries: HashMap<(i64, DateTime<Utc>, DateTime<Utc>), Busy>,
}

impl State {
    fn reset(&mut self) {
        self.epoch += 1;
        self.entries.clear();
    }
}

impl BusyCache {
    /// The cache for a database: on PostgreSQL, in use once [`BusyCache::listen`] runs.
    pub fn new(db: &Db) -> BusyCache {
        BusyCache {
            inner: matches!(db, Db::Postgres(_)).then(|| {
                Arc::new(Inner {
                    instance: rand::random(),
                    ..Inner::default()
                })
            }),
        }
    }

    /// When the cache may answer now: the newest spaces version announced (the caller
    /// uses a spaces snapshot at least as new). `None`: ask the database.
    pub fn trusted(&self) -> Option<i64> {
        let inner = self.inner.as_ref()?;
        let listening = inner
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .listening;
        (listening
            && inner.received.load(Ordering::Acquire) >= inner.requested.load(Ordering::Acquire))
        .then(|| inner.spaces.load(Ordering::Acquire))
    }

    /// The live bookings of `resource` meeting `[from, to)`, from memory when an answer
    /// read since its last change is there, else from the database (and kept).
    pub async fn busy(
        &self,
        db: &Db,
        resource: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Busy, Error> {
        let Some(inner) = &self.inner else {
            return read(db, resource, from, to).await;
        };
        let key = (resource, from, to);
        let epoch = {
            let state = inner.state.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(busy) = state.entries.get(&key) {
                return Ok(busy.clone());
            }
            state.epoch
        };
        // Read after noting the epoch: a write heard of from here on starts the cache over
        // and this answer is not kept; one heard of before is in what the database answers.
        let busy = read(db, resource, from, to).await?;
        let mut state = inner.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.listening && state.epoch == epoch {
            if state.entries.len() >= MAX_ENTRIES {
                state.entries.clear();
            }
            state.entries.insert(key, busy.clone());
        }
        Ok(busy)
    }

    /// Notes that this instance may just have written (and committed): every instance's
    /// cache starts over when the marker sent from now on arrives, and this one is not used
    /// until it has (see the module doc).
    pub fn wrote(&self) {
        if let Some(inner) = &self.inner {
            inner.requested.fetch_add(1, Ordering::AcqRel);
            inner.wake.notify_one();
        }
    }

    /// Listens for the notifications and sends the markers, until the pool closes (run it
    /// as a task; it returns at once on SQLite).
    pub async fn listen(self, db: Db) {
        let (Some(inner), Db::Postgres(pool)) = (self.inner, db) else {
            return;
        };
        // Ends with this task, also when this task is aborted.
        let _markers = AbortOnDrop(tokio::spawn(send_markers(inner.clone(), pool.clone())));
        loop {
            match listener(&inner, &pool).await {
                Ok(()) => break,
                Err(err) => {
                    inner
                        .state
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .listening = false;
                    if pool.is_closed() {
                        break;
                    }
                    tracing::warn!(error = %err, "listening for booking changes; retrying in 1 s");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }
    }
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

async fn read(
    db: &Db,
    resource: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Busy, Error> {
    Ok(Arc::new(
        super::storage::busy(db, &[resource], from, to)
            .await?
            .into_iter()
            .map(|(_, start, end, status)| (start, end, status))
            .collect(),
    ))
}

/// One listening connection's life: `Ok` when the pool closed.
async fn listener(inner: &Inner, pool: &sqlx::PgPool) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
    listener.listen_all([WRITTEN, SPACES]).await?;
    // Listening from here on; what changed before is in what the database now answers.
    begin(inner, pool).await?;
    loop {
        match listener.try_recv().await {
            Ok(Some(notice)) => heard(inner, notice.channel(), notice.payload()),
            // The connection was lost and is back: what was sent meanwhile is lost.
            Ok(None) => begin(inner, pool).await?,
            Err(sqlx::Error::PoolClosed) => return Ok(()),
            Err(err) => return Err(err),
        }
    }
}

/// (Re)starts from an empty cache, with the spaces version as it is now.
async fn begin(inner: &Inner, pool: &sqlx::PgPool) -> Result<(), sqlx::Error> {
    inner
        .state
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .listening = false;
    let version: i64 = sqlx::query_scalar("SELECT n FROM spaces_version WHERE id = 1")
        .fetch_one(pool)
        .await?;
    inner.spaces.fetch_max(version, Ordering::AcqRel);
    let mut state = inner.state.lock().unwrap_or_else(|e| e.into_inner());
    state.reset();
    state.listening = true;
    // Markers sent while the connection was down never came back: send the newest again.
    inner.wake.notify_one();
    Ok(())
}

fn heard(inner: &Inner, channel: &str, payload: &str) {
    if channel == SPACES
        && let Ok(version) = payload.parse::<i64>()
    {
        inner.spaces.fetch_max(version, Ordering::AcqRel);
        return;
    }
    // A write (this instance's or another's), or a notice this build does not know.
    inner
        .state
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .reset();
    if channel == WRITTEN
        && let Some((instance, marker)) = payload.split_once(':')
        && instance.parse::<u64>() == Ok(inner.instance)
        && let Ok(marker) = marker.parse::<u64>()
    {
        // After the reset: what this instance wrote is not in the cache any more.
        inner.received.fetch_max(marker, Ordering::AcqRel);
    }
}

/// Sends the newest marker asked for whenever one is waiting, [`GATHER`] after the first
/// write that asked: the writes of that while (and while one is on its way) share it.
async fn send_markers(inner: Arc<Inner>, pool: sqlx::PgPool) {
    loop {
        inner.wake.notified().await;
        tokio::time::sleep(GATHER).await;
        let marker = inner.requested.load(Ordering::Acquire);
        if inner.received.load(Ordering::Acquire) >= marker {
            continue;
        }
        // A marker needs no durability: its commit does not wait for the disk. The text
        // holds only an integer.
        let sql = format!(
            "BEGIN; SET LOCAL synchronous_commit = off; NOTIFY {WRITTEN}, '{}:{marker}'; COMMIT",
            inner.instance
        );
        if let Err(err) = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&pool).await {
            if pool.is_closed() {
                return;
            }
            tracing::warn!(error = %err, "sending a cache marker; retrying in 1 s");
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            inner.wake.notify_one();
        }
    }
}
