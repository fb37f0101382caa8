//! The one query behind occupancy: the bookings of some resources that held them and meet
//! a range, streamed in `(resource_id, start_at)` order into a [`Tally`].

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;

use super::tally::{Counted, Row, Tally};
use crate::bookings::storage::{LIVE, LONGEST, SETTLED};
use crate::db::Db;
use crate::error::Error;
use crate::on_db;

type Raw = (i64, DateTime<Utc>, DateTime<Utc>, String, bool);

/// Feeds the tally every booking of `resource_ids` that held its resource and meets the
/// tally's range, one row at a time.
pub async fn stream_into(
    db: &Db,
    resource_ids: &[i64],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tally: &mut Tally,
) -> Result<(), Error> {
    if resource_ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = resource_ids.iter().map(i64::to_string).collect();
    // The ids are integers from the database, never input text.
    // Live and settled bookings are in two indexes (`bookings_live`, `bookings_settled`);
    // each part names its index's condition (SQLite uses a partial index only then).
    // SQLite merges the two ordered index walks without a sort; PostgreSQL sorts them.
    let part = |index_condition: &str, statuses: &str| {
        format!(
            "SELECT resource_id, start_at, end_at, status, check_in_by IS NOT NULL
             FROM bookings
             WHERE resource_id IN ({}) AND status {index_condition} AND status IN ({statuses})
               AND start_at < $2 AND start_at >= $3 AND end_at > $1",
            ids.join(", ")
        )
    };
    let sql = format!(
        "{} UNION ALL {} ORDER BY resource_id, start_at",
        part(LIVE, "'confirmed', 'checked_in'"),
        part(SETTLED, "'completed', 'no_show'"),
    );
    on_db!(db, pool => {
        let mut rows = sqlx::query_as::<_, Raw>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(from)
            .bind(to)
            .bind(from - LONGEST)
            .fetch(pool);
        while let Some((resource_id, start, end, status, needed_check_in)) = rows.try_next().await? {
            if let Some(status) = Counted::parse(&status) {
                tally.add(Row {
                    resource_id,
                    start,
                    end,
                    status,
                    needed_check_in,
                });
            }
        }
    });
    Ok(())
}
