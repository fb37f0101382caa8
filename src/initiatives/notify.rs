//! What initiatives tell people in-app (`crate::notifications`): followers (supporters, the
//! author, the team) hear of every change of status; an invitee hears of their invitation.
//! Each notice is written in the transaction of the change it tells of.

use super::model::{Initiative, Status};
use crate::db::Tx;
use crate::error::Error;
use crate::notifications::{self, Notice};

/// `notice-initiative-status-{status}` with `$title`.
pub async fn status_changed(
    tx: &mut Tx,
    user_ids: &[i64],
    ini: &Initiative,
    to: Status,
) -> Result<(), Error> {
    let kind = format!("initiative-status-{}", to.as_str().replace('_', "-"));
    let notice = Notice::new(&kind)
        .text("title", ini.title.clone())
        .link(format!("/initiatives/{}", ini.id));
    notifications::send_many(tx, user_ids, &notice).await
}

/// `notice-initiative-invited` with `$title` and `$name` (who invited).
pub async fn invited(tx: &mut Tx, user_id: i64, ini: &Initiative, by: &str) -> Result<(), Error> {
    let notice = Notice::new("initiative-invited")
        .text("title", ini.title.clone())
        .arg("name", by)
        .link(format!("/initiatives/{}", ini.id));
    notifications::send(tx, user_id, &notice).await
}
