//! Writing bookings: on SQLite, group commit; on PostgreSQL, one transaction each.
//!
//! SQLite keeps `synchronous=FULL`: a commit waits for one fsync (about 1.5 ms here), so
//! one booking per transaction caps the whole server near 700 bookings a second, however
//! fast the rest is. The [`Writer`] therefore owns the writing on SQLite: one task takes
//! every booking waiting in its queue, opens one `BEGIN IMMEDIATE` transaction, judges and
//! inserts each — a refused or conflicting one writes nothing and gets its own answer, the
//! others stay — commits once, and only then answers every waiter. A usual booking is one
//! statement (`book::write`: the quotas are counted by the insert itself) and needs no
//! savepoint (`book::Job::writes_once`); one that writes more (a link to an initiative,
//! an audit entry) is judged and written in its own savepoint. While one batch commits,
//! the next one gathers; nothing waits on purpose. A request judged later in a batch sees
//! the bookings of the earlier ones (the same transaction), so quotas count them and the
//! no-overlap trigger refuses overlaps between them exactly as between separate
//! transactions.
//!
//! What needs no lock (the caller, the resource, its rules) is read before the queue, by
//! the request itself, concurrently with the others (`book::setting`).
//!
//! The writer runs on a thread of its own (see [`Writer::start`]).
//!
//! PostgreSQL runs many writers at once (its own commits already share WAL flushes), so
//! each booking has its own short transaction there, guarded by the exclusion constraint.

use tokio::sync::{mpsc, oneshot};

use super::book::{self, Job};
use super::model::Booking;
use super::storage;
use crate::db::{Db, Tx};
use crate::error::Error;
use crate::on_tx;

/// The most bookings one transaction carries.
pub const MAX_BATCH: usize = 128;

type Waiting = (Job, oneshot::Sender<Result<Booking, Error>>);

/// Where bookings are written (see the module doc). Cloning shares the queue.
#[derive(Clone, Debug)]
pub struct Writer {
    /// SQLite: the group writer's queue; PostgreSQL: none.
    queue: Option<mpsc::Sender<Waiting>>,
}

impl Writer {
    /// The writer for a database; on SQLite this starts the group writer's task, which
    /// ends when the last clone of the writer is dropped.
    pub fn start(db: &Db) -> Writer {
        match db {
            Db::Sqlite(_) => {
                let (queue, waiting) = mpsc::channel(4 * MAX_BATCH);
                let db = own_connection(db);
                // The writer has a thread and a runtime of its own: on the server's runtime
                // it was one task among every request's, and each of its awaits (five or
                // six statements per booking) waited its turn behind them; measured, that
                // queueing, not SQLite, was most of a booking's time in the batch.
                let started = std::thread::Builder::new()
                    .name("ortaq-booking-writer".into())
                    .spawn(move || {
                        match tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()
                        {
                            Ok(runtime) => runtime.block_on(run(db, waiting)),
                            Err(err) => {
                                tracing::error!(error = %err, "starting the booking writer");
                            }
                        }
                    });
                if let Err(err) = started {
                    tracing::error!(error = %err, "starting the booking writer's thread");
                }
                Writer { queue: Some(queue) }
            }
            Db::Postgres(_) => Writer { queue: None },
        }
    }

    /// Judges and writes one booking, committed when this answers `Ok`.
    pub async fn book(&self, db: &Db, job: Job) -> Result<Booking, Error> {
        let Some(queue) = &self.queue else {
            return alone(db, job).await;
        };
        let (answer, answered) = oneshot::channel();
        queue
            .send((job, answer))
            .await
            .map_err(|_| Error::Internal(anyhow::anyhow!("the booking writer has stopped")))?;
        answered.await.map_err(|_| {
            Error::Internal(anyhow::anyhow!(
                "the booking writer stopped before answering"
            ))
        })?
    }
}

/// The writer's own connection to the same SQLite file (a pool of one, opened on the first
/// batch), so that it never waits for the readers' pool. Its page cache stays warm between
/// batches unless another connection wrote in between; a pool connection came back from
/// the readers with its cache emptied by the writer's own last commit. Interleaved bench
/// runs on a 2-core host: creation 1,840–2,475/s with it, 1,763–2,188/s without.
fn own_connection(db: &Db) -> Db {
    match db {
        Db::Sqlite(pool) => Db::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .connect_lazy_with((*pool.connect_options()).clone()),
        ),
        Db::Postgres(_) => db.clone(),
    }
}

/// The group writer: a batch is whatever waits when the previous one is done.
async fn run(db: Db, mut waiting: mpsc::Receiver<Waiting>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while waiting.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (jobs, answers): (Vec<Job>, Vec<_>) = batch.drain(..).unzip();
        let results = write_batch(&db, &jobs).await;
        for (answer, result) in answers.into_iter().zip(results) {
            // A waiter that went away (its client hung up) needs no answer.
            let _ = answer.send(result);
        }
    }
}

/// One booking in its own transaction (PostgreSQL).
async fn alone(db: &Db, job: Job) -> Result<Booking, Error> {
    // The locks come with BEGIN: one trip to the database fewer per booking.
    let mut tx = db.begin_locked(&job.locks()).await?;
    match book::write(&mut tx, &job).await {
        Ok(booking) => {
            tx.commit().await?;
            Ok(booking)
        }
        Err(Error::BookingConflict { start, end }) => {
            // The transaction is aborted; the booking in the way is read outside it.
            drop(tx);
            Err(book::conflict(db, job.setting.resource().id, start, end).await)
        }
        Err(other) => Err(other),
    }
}

/// Judges and writes `jobs` in one transaction (see the module doc), and commits
/// once; the answers are in the jobs' order. Every answer holds only once the commit did:
/// if the transaction fails as a whole, every job gets that error and nothing is kept.
pub async fn write_batch(db: &Db, jobs: &[Job]) -> Vec<Result<Booking, Error>> {
    match try_batch(db, jobs).await {
        Ok(results) => results,
        Err(err) => {
            tracing::error!(error = %err, jobs = jobs.len(), "a batch of bookings failed");
            jobs.iter()
                .map(|_| Err(Error::Internal(anyhow::anyhow!("writing bookings: {err}"))))
                .collect()
        }
    }
}

async fn try_batch(db: &Db, jobs: &[Job]) -> Result<Vec<Result<Booking, Error>>, Error> {
    let mut tx = db.begin().await?;
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs {
        // On PostgreSQL (where batches are not the way in production) any failed statement
        // aborts the transaction, so every job has its savepoint there.
        let refused = if job.writes_once() && matches!(db, Db::Sqlite(_)) {
            // One statement, no savepoint: a refusal wrote nothing (see
            // `Job::writes_once`). Any other failure fails the batch: the transaction
            // may be gone, and nothing of it is kept.
            match book::write(&mut tx, job).await {
                Ok(booking) => {
                    results.push(Ok(booking));
                    continue;
                }
                Err(refused @ (Error::Rule { .. } | Error::BookingConflict { .. })) => refused,
                Err(other) => return Err(other),
            }
        } else {
            savepoint(&mut tx, "SAVEPOINT booking").await?;
            // PostgreSQL: what `alone` takes with BEGIN (SQLite: nothing).
            for (key, id) in job.locks() {
                storage::lock(&mut tx, key, id.into()).await?;
            }
            match book::write(&mut tx, job).await {
                Ok(booking) => {
                    savepoint(&mut tx, "RELEASE SAVEPOINT booking").await?;
                    results.push(Ok(booking));
                    continue;
                }
                Err(refused) => {
                    savepoint(
                        &mut tx,
                        "ROLLBACK TO SAVEPOINT booking; RELEASE SAVEPOINT booking",
                    )
                    .await?;
                    refused
                }
            }
        };
        results.push(Err(match refused {
            Error::BookingConflict { start, end } => {
                // Seen from inside: the booking in the way may be one of this batch,
                // committed with it.
                let resource = job.setting.resource().id;
                match storage::first_live_overlap_in(&mut tx, resource, start, end).await? {
                    Some((start, end)) => Error::BookingConflict { start, end },
                    None => Error::BookingConflict { start, end },
                }
            }
            other => other,
        }));
    }
    tx.commit().await?;
    Ok(results)
}

async fn savepoint(tx: &mut Tx, sql: &'static str) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::raw_sql(sql).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}
