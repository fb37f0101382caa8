//! After the event: attendees rate it once, 1–5 with an optional comment; organisers read
//! the summary.

use serde::Serialize;

use super::model::{Event, Status};
use super::storage;
use crate::accounts::CurrentUser;
use crate::clock;
use crate::db::Db;
use crate::error::{Error, FieldError, ResultExt};

pub const COMMENT_MAX: usize = 1000;

/// Checks a rating: 1 to 5 stars, a comment of at most [`COMMENT_MAX`] characters.
pub fn parse(stars: Option<i64>, comment: Option<&str>) -> Result<(i32, Option<String>), Error> {
    let mut errors = Vec::new();
    let stars = match stars {
        None => {
            errors.push(FieldError::new("stars", "required"));
            0
        }
        Some(n) if !(1..=5).contains(&n) => {
            errors.push(FieldError::new("stars", "invalid_choice"));
            0
        }
        Some(n) => n as i32,
    };
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    if comment.is_some_and(|c| c.chars().count() > COMMENT_MAX) {
        errors.push(FieldError::new("comment", "too_long").with_limit(COMMENT_MAX as i64));
    }
    if errors.is_empty() {
        Ok((stars, comment.map(str::to_string)))
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Whether the member attended (was checked in).
pub async fn attended(db: &Db, user_id: i64, event_id: i64) -> Result<bool, Error> {
    Ok(storage::mine(db, event_id, user_id)
        .await?
        .is_some_and(|r| r.checked_in_at.is_some()))
}

/// Records the caller's rating of an event they attended, once, after it ended.
pub async fn rate(
    db: &Db,
    user: &CurrentUser,
    event: &Event,
    stars: i32,
    comment: Option<&str>,
) -> Result<(), Error> {
    if event.status_at(clock::now()) != Status::Finished {
        return Err(Error::Conflict("event_not_over"));
    }
    if !attended(db, user.id, event.id).await? {
        return Err(Error::Conflict("event_not_attended"));
    }
    let mut tx = db.begin().await?;
    storage::insert_rating(&mut tx, event.id, user.id, stars, comment)
        .await
        .on_constraint("event_ratings_event_id_user_id_key", || {
            Error::Conflict("event_already_rated")
        })?;
    tx.commit().await?;
    Ok(())
}

/// What organisers see.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub count: i64,
    /// The mean of the stars, `null` without ratings.
    pub average: Option<f64>,
    /// How many gave 1, 2, 3, 4 and 5 stars.
    pub distribution: Vec<i64>,
    pub comments: Vec<RatingComment>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RatingComment {
    pub stars: i32,
    pub comment: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

pub async fn summary(db: &Db, event_id: i64) -> Result<Summary, Error> {
    let all = storage::ratings(db, event_id).await?;
    let mut distribution = vec![0i64; 5];
    let mut total = 0i64;
    for (stars, _, _) in &all {
        if (1..=5).contains(stars) {
            distribution[(*stars - 1) as usize] += 1;
            total += i64::from(*stars);
        }
    }
    let count = all.len() as i64;
    Ok(Summary {
        count,
        average: (count > 0).then(|| (total as f64 / count as f64 * 10.0).round() / 10.0),
        distribution,
        comments: all
            .into_iter()
            .filter_map(|(stars, comment, at)| {
                comment.map(|comment| RatingComment { stars, comment, at })
            })
            .collect(),
    })
}
