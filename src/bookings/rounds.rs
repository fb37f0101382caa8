//! SQLite's group writer writes the usual bookings of a batch together, in rounds.
//!
//! One booking per statement cost the writer a trip to SQLite's connection thread and back
//! for each booking (two thread wake-ups); `perf` under the bookings bench showed the
//! machine a third idle while requests waited on those trips. So a run of usual bookings
//! (`book::usual_row`: a member booking for themselves under the rules, one row each) is
//! written by one `INSERT … SELECT … FROM (VALUES …)` per round
//! (`storage::insert_many_within`), which judges every row's interval and quotas as the
//! one-row insert does.
//!
//! A statement judges its rows against the bookings before it, not against each other, so
//! a round holds no two bookings that meet ([`meets`]: one resource over meeting intervals,
//! or one member under a quota); a booking that meets an earlier one of the run waits for a
//! later round. Every pair that meets is thus judged in arrival order, as one by one, and
//! the answers are the same. A booking a round did not write is taken (its answer names the
//! booking in the way, read for the whole round in one statement) or over a quota (written
//! alone, which names the quota). Should the database's own guard refuse a round (it
//! cannot, if [`meets`] is right), the round's statement writes nothing and its bookings
//! are written one by one.

use std::collections::HashMap;

use super::book::{self, Job};
use super::model::{Booking, new_code};
use super::storage::{self, Guarded};
use crate::db::Tx;
use crate::error::Error;

/// An answer per job of the batch, filled in as the jobs are written.
pub type Answers = Vec<Option<Result<Booking, Error>>>;

/// Whether two bookings must be judged one after the other: one resource over meeting
/// intervals (the second may be taken by the first), or one member where a quota counts
/// (the second may be over it because of the first).
pub fn meets(a: &Job, b: &Job) -> bool {
    let counted =
        |j: &Job| j.setting.rules().per_day.is_some() || j.setting.rules().per_week.is_some();
    (a.setting.resource().id == b.setting.resource().id && a.start < b.end && b.start < a.end)
        || (a.setting.user_id == b.setting.user_id && (counted(a) || counted(b)))
}

/// Splits `pending` (in arrival order) into this round and the later ones: a job goes in
/// this round unless it meets an earlier pending job, this round's or a later one's.
pub fn split<T>(
    items: &[T],
    pending: &[usize],
    meets: impl Fn(&T, &T) -> bool,
) -> (Vec<usize>, Vec<usize>) {
    let (mut now, mut later) = (Vec::new(), Vec::<usize>::new());
    for &i in pending {
        let earlier = |&j: &usize| meets(&items[i], &items[j]);
        if now.iter().any(earlier) || later.iter().any(earlier) {
            later.push(i);
        } else {
            now.push(i);
        }
    }
    (now, later)
}

/// Writes the run of usual jobs `run` (indexes into `jobs`, in arrival order) and fills in
/// their answers. An `Err` fails the whole batch (the transaction may be gone).
pub async fn write(
    tx: &mut Tx,
    jobs: &[Job],
    run: &[usize],
    answers: &mut Answers,
) -> Result<(), Error> {
    let mut pending = run.to_vec();
    while !pending.is_empty() {
        let (round, later) = split(jobs, &pending, meets);
        write_round(tx, jobs, &round, answers).await?;
        pending = later;
    }
    Ok(())
}

async fn write_round(
    tx: &mut Tx,
    jobs: &[Job],
    round: &[usize],
    answers: &mut Answers,
) -> Result<(), Error> {
    let mut rows = Vec::with_capacity(round.len());
    for &i in round {
        match book::usual_row(&jobs[i])? {
            Some((new, quota)) => rows.push(Guarded {
                new,
                quota,
                code: new_code(),
            }),
            None => {
                return Err(Error::Internal(anyhow::anyhow!(
                    "a booking in a round is not a usual one"
                )));
            }
        }
    }
    let written = match storage::insert_many_within(tx, &rows).await {
        Ok(written) => written,
        Err(Error::BookingConflict { .. }) => {
            tracing::warn!(
                bookings = round.len(),
                "the no-overlap guard refused a round of bookings; writing them one by one"
            );
            for &i in round {
                answers[i] = Some(alone(tx, &jobs[i]).await?);
            }
            return Ok(());
        }
        Err(other) => return Err(other),
    };
    let mut by_code: HashMap<String, Booking> =
        written.into_iter().map(|b| (b.code.clone(), b)).collect();
    let mut missing = Vec::new();
    for (row, &i) in rows.iter().zip(round) {
        match by_code.remove(&row.code) {
            Some(booking) => answers[i] = Some(Ok(booking)),
            None => missing.push(i),
        }
    }
    // Not written: taken (by a booking before the round), or over a quota.
    let wanted: Vec<_> = missing
        .iter()
        .map(|&i| (jobs[i].setting.resource().id, jobs[i].start, jobs[i].end))
        .collect();
    let in_the_way = storage::first_live_overlaps_in(tx, &wanted).await?;
    for (k, &i) in missing.iter().enumerate() {
        answers[i] = Some(match in_the_way.get(&k) {
            Some(&(start, end)) => Err(Error::BookingConflict { start, end }),
            None => alone(tx, &jobs[i]).await?,
        });
    }
    Ok(())
}

/// One usual job written alone (`book::write`): its booking, or the refusal that names
/// what is in the way (the booking, or the quota). An `Err` fails the batch.
pub async fn alone(tx: &mut Tx, job: &Job) -> Result<Result<Booking, Error>, Error> {
    match book::write(tx, job).await {
        Ok(booking) => Ok(Ok(booking)),
        Err(Error::BookingConflict { start, end }) => {
            // Seen from inside: the booking in the way may be one of this batch.
            let resource = job.setting.resource().id;
            let found = storage::first_live_overlap_in(tx, resource, start, end).await?;
            let (start, end) = found.unwrap_or((start, end));
            Ok(Err(Error::BookingConflict { start, end }))
        }
        Err(refused @ Error::Rule { .. }) => Ok(Err(refused)),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    /// Intervals on resources: (resource, start, end).
    fn meet(a: &(i32, i32, i32), b: &(i32, i32, i32)) -> bool {
        a.0 == b.0 && a.1 < b.2 && b.1 < a.2
    }

    #[test]
    fn a_round_holds_no_two_that_meet_and_later_rounds_keep_arrival_order() {
        let items = [
            (1, 10, 11),
            (1, 10, 12),
            (2, 10, 11),
            (1, 11, 12),
            (1, 11, 13),
            (2, 10, 11),
        ];
        let all: Vec<usize> = (0..items.len()).collect();
        let (first, later) = split(&items, &all, meet);
        // 1 meets 0; 3 meets 1 (waiting), so it waits too; 4 meets 1 and 3; 5 meets 2.
        assert_eq!(
            (first.clone(), later.clone()),
            (vec![0, 2], vec![1, 3, 4, 5])
        );
        let (second, rest) = split(&items, &later, meet);
        assert_eq!((second, rest.clone()), (vec![1, 5], vec![3, 4]));
        let (third, rest) = split(&items, &rest, meet);
        assert_eq!((third, rest.clone()), (vec![3], vec![4]));
        assert_eq!(split(&items, &rest, meet), (vec![4], vec![]));
    }

    #[test]
    fn jobs_that_meet_nothing_go_in_one_round() {
        let items: Vec<(i32, i32, i32)> = (0..100).map(|r| (r, 9, 10)).collect();
        let all: Vec<usize> = (0..items.len()).collect();
        assert_eq!(split(&items, &all, meet), (all.clone(), vec![]));
    }
}
