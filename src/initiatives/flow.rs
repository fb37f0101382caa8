//! The rules of initiatives, once, for the API and the pages: who sees one, who edits it,
//! who moves it (judged by `model::TRANSITIONS`), supports and the threshold, the official
//! answer, the team.

use chrono::NaiveDate;
use serde_json::json;

use super::model::{self, Actor, Draft, Initiative, Refusal, Status, Via};
use super::notify;
use super::storage::{self, Answer};
use crate::accounts::{CurrentUser, Email, Role};
use crate::audit;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, FieldError};
use crate::i18n::Text;
use crate::org;

/// Coordinators and admins holding over a unit moderate and answer its initiatives.
pub const STAFF_ROLES: [Role; 2] = [Role::Coordinator, Role::Admin];

pub async fn is_staff(db: &Db, user: &CurrentUser, unit_id: i64) -> Result<bool, Error> {
    org::holds_over(db, user, &STAFF_ROLES, unit_id).await
}

/// What the caller is to an initiative (none for guests and other members).
pub async fn actors(
    db: &Db,
    user: Option<&CurrentUser>,
    ini: &Initiative,
) -> Result<Vec<Actor>, Error> {
    let Some(user) = user else {
        return Ok(vec![]);
    };
    let mut out = Vec::new();
    if ini.author_id == Some(user.id) {
        out.push(Actor::Author);
    }
    if storage::on_team(db, ini.id, user.id).await? {
        out.push(Actor::Team);
    }
    if is_staff(db, user, ini.unit_id).await? {
        out.push(Actor::Staff);
    }
    Ok(out)
}

/// The initiative if the caller may see it (drafts: author, team, staff only), with what
/// the caller is to it.
pub async fn visible(
    db: &Db,
    user: Option<&CurrentUser>,
    id: i64,
) -> Result<(Initiative, Vec<Actor>), Error> {
    let ini = storage::find(db, id).await?.ok_or(Error::NotFound)?;
    let actors = actors(db, user, &ini).await?;
    if !ini.status.is_public() && actors.is_empty() {
        // An invitee may read the draft they are invited to.
        let invited = match user {
            Some(u) => storage::team(db, id)
                .await?
                .iter()
                .any(|m| m.user_id == u.id),
            None => false,
        };
        if !invited {
            return Err(Error::NotFound);
        }
    }
    Ok((ini, actors))
}

async fn unit_exists(db: &Db, unit_id: i64) -> Result<(), Error> {
    match org::storage::find(db, unit_id).await? {
        Some(u) if !u.is_sensitive() => Ok(()),
        // Ethnocultural associations have no public initiatives (membership is sensitive).
        Some(_) => Err(Error::invalid("unit_id", "unit_not_allowed")),
        None => Err(Error::invalid("unit_id", "unknown")),
    }
}

/// A member proposes an initiative: it starts as a draft, with its first timeline entry.
pub async fn create(db: &Db, user: &CurrentUser, draft: &Draft) -> Result<Initiative, Error> {
    unit_exists(db, draft.unit_id).await?;
    let mut tx = db.begin().await?;
    let id = storage::insert(&mut tx, user.id, draft).await?;
    storage::record_transition(&mut tx, id, None, Status::Draft, Some(user.id), None).await?;
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// The initiative if the caller is its author or on its team (403 else): who may edit
/// it, checked before anything they sent is read.
pub async fn require_editor(db: &Db, user: &CurrentUser, id: i64) -> Result<Initiative, Error> {
    let (ini, actors) = visible(db, Some(user), id).await?;
    if !actors
        .iter()
        .any(|a| matches!(a, Actor::Author | Actor::Team))
    {
        return Err(Error::Forbidden);
    }
    Ok(ini)
}

/// Refuses (403) a caller who is nothing to the initiative — not its author, team or staff
/// over its unit — and so may take no step of its lifecycle, before their request is read.
pub async fn require_actor(db: &Db, user: &CurrentUser, id: i64) -> Result<(), Error> {
    let (_, actors) = visible(db, Some(user), id).await?;
    if actors.is_empty() {
        return Err(Error::Forbidden);
    }
    Ok(())
}

/// Refuses (403) anyone but staff over the initiative's unit (who answer it).
pub async fn require_staff(db: &Db, user: &CurrentUser, id: i64) -> Result<(), Error> {
    let (_, actors) = visible(db, Some(user), id).await?;
    if !actors.contains(&Actor::Staff) {
        return Err(Error::Forbidden);
    }
    Ok(())
}

/// The author or the team change the texts and needs while it is a draft or submitted.
pub async fn edit(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    draft: &Draft,
) -> Result<Initiative, Error> {
    let ini = require_editor(db, user, id).await?;
    if !ini.status.is_editable() {
        return Err(Error::Conflict("initiative_not_editable"));
    }
    if draft.unit_id != ini.unit_id {
        unit_exists(db, draft.unit_id).await?;
    }
    let mut tx = db.begin().await?;
    if !storage::update(&mut tx, id, ini.status, draft).await? {
        return Err(Error::Conflict("initiative_not_editable"));
    }
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

fn refusal(r: Refusal) -> Error {
    match r {
        Refusal::NoSuchStep => Error::Conflict("initiative_transition_not_allowed"),
        Refusal::NotYours => Error::Forbidden,
        Refusal::NeedsAnswer => Error::Conflict("initiative_answer_required"),
    }
}

/// Moves an initiative one step, if the table allows it to this caller; the step is kept
/// on the public timeline and its followers are told.
pub async fn transition(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    to: Status,
    comment: Option<String>,
) -> Result<Initiative, Error> {
    let (ini, actors) = visible(db, Some(user), id).await?;
    if actors.is_empty() {
        // Nothing to this initiative: no step is theirs, whatever the status.
        return Err(Error::Forbidden);
    }
    model::allowed(ini.status, to, &actors, Via::Plain).map_err(refusal)?;
    let mut tx = db.begin().await?;
    move_in(
        &mut tx,
        &ini,
        ini.status,
        to,
        Some(user.id),
        comment.as_deref(),
    )
    .await?;
    if actors.contains(&Actor::Staff) && !actors.contains(&Actor::Author) {
        audit::record(
            &mut tx,
            Some(user.id),
            "initiative.transition",
            "initiative",
            Some(id),
            json!({"old": ini.status.as_str(), "new": to.as_str(), "comment": comment}),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// The step itself, inside a transaction: conditional on the status not having moved,
/// recorded on the timeline, told to followers.
async fn move_in(
    tx: &mut Tx,
    ini: &Initiative,
    from: Status,
    to: Status,
    actor_id: Option<i64>,
    comment: Option<&str>,
) -> Result<(), Error> {
    if !storage::set_status(tx, ini.id, from, to).await? {
        return Err(Error::Conflict("initiative_transition_not_allowed"));
    }
    storage::record_transition(tx, ini.id, Some(from), to, actor_id, comment).await?;
    let followers: Vec<i64> = storage::followers(tx, ini.id)
        .await?
        .into_iter()
        .filter(|u| Some(*u) != actor_id)
        .collect();
    notify::status_changed(tx, &followers, ini, to).await?;
    Ok(())
}

/// After a support, where the caller now stands.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SupportState {
    pub initiative_id: i64,
    pub supports: i64,
    /// Whether the caller supports it now.
    pub supported: bool,
    /// False when the request changed nothing (a repeated support or withdrawal).
    pub changed: bool,
    pub status: Status,
}

/// A member supports an initiative (once; again changes nothing). Reaching the unit's
/// threshold moves a submitted initiative to review, exactly once.
pub async fn support(db: &Db, user: &CurrentUser, id: i64) -> Result<SupportState, Error> {
    let (ini, _) = visible(db, Some(user), id).await?;
    if !ini.status.takes_supports() {
        return Err(Error::Conflict("initiative_not_open_for_support"));
    }
    let mut tx = db.begin().await?;
    let state = match storage::add_support(&mut tx, id, user.id).await? {
        None => None,
        Some((count, status)) => {
            let mut status = status;
            if status == Status::Submitted {
                let threshold = storage::threshold_in(&mut tx, ini.unit_id).await?;
                if count >= threshold {
                    model::allowed(status, Status::UnderReview, &[Actor::Threshold], Via::Plain)
                        .map_err(refusal)?;
                    move_in(&mut tx, &ini, status, Status::UnderReview, None, None).await?;
                    status = Status::UnderReview;
                }
            } else if !status.takes_supports() {
                // It moved on between the read and the write: nothing is written.
                return Err(Error::Conflict("initiative_not_open_for_support"));
            }
            Some((count, status))
        }
    };
    tx.commit().await?;
    Ok(match state {
        Some((supports, status)) => SupportState {
            initiative_id: id,
            supports,
            supported: true,
            changed: true,
            status,
        },
        None => unchanged(db, id, true).await?,
    })
}

async fn unchanged(db: &Db, id: i64, supported: bool) -> Result<SupportState, Error> {
    let ini = storage::find(db, id).await?.ok_or(Error::NotFound)?;
    Ok(SupportState {
        initiative_id: id,
        supports: ini.supports,
        supported,
        changed: false,
        status: ini.status,
    })
}

/// A member withdraws their support (none: nothing changes).
pub async fn withdraw_support(db: &Db, user: &CurrentUser, id: i64) -> Result<SupportState, Error> {
    let (ini, _) = visible(db, Some(user), id).await?;
    if !ini.status.takes_supports() {
        return Err(Error::Conflict("initiative_not_open_for_support"));
    }
    let mut tx = db.begin().await?;
    let removed = storage::remove_support(&mut tx, id, user.id).await?;
    tx.commit().await?;
    Ok(match removed {
        Some((supports, status)) => SupportState {
            initiative_id: id,
            supports,
            supported: false,
            changed: true,
            status,
        },
        None => unchanged(db, id, false).await?,
    })
}

/// An official answer as sent, parsed.
#[derive(Clone, Debug)]
pub struct AnswerRequest {
    pub decision: Status,
    pub text: Text,
    pub reason: Option<String>,
    pub responsible_name: Option<String>,
    pub responsible_user_id: Option<i64>,
    pub deadline: Option<NaiveDate>,
}

impl AnswerRequest {
    /// Checks the parts that belong together: a decline needs a reason, an acceptance a
    /// responsible person and a deadline.
    pub fn check(&self) -> Result<(), Error> {
        let mut errors = Vec::new();
        if !matches!(self.decision, Status::Accepted | Status::Declined) {
            errors.push(FieldError::new("decision", "invalid_choice"));
        }
        if self.text.is_empty() {
            errors.push(FieldError::new("text", "required"));
        }
        if self.decision == Status::Declined && self.reason.is_none() {
            errors.push(FieldError::new("reason", "required"));
        }
        if self.decision == Status::Accepted {
            if self.responsible_name.is_none() && self.responsible_user_id.is_none() {
                errors.push(FieldError::new("responsible", "required"));
            }
            if self.deadline.is_none() {
                errors.push(FieldError::new("deadline", "required"));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(errors))
        }
    }
}

/// Coordinators and admins over the unit answer an initiative under review: accepted or
/// declined, in one transaction with the step and its timeline entry.
pub async fn answer(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    req: &AnswerRequest,
) -> Result<Initiative, Error> {
    let (ini, actors) = visible(db, Some(user), id).await?;
    if !actors.contains(&Actor::Staff) {
        return Err(Error::Forbidden);
    }
    req.check()?;
    model::allowed(ini.status, req.decision, &actors, Via::Answer).map_err(refusal)?;
    let mut responsible_name = req.responsible_name.clone();
    if let Some(uid) = req.responsible_user_id {
        let person = crate::accounts::storage::find(db, uid)
            .await?
            .ok_or_else(|| Error::invalid("responsible_user_id", "unknown"))?;
        responsible_name.get_or_insert(person.display_name);
    }
    let mut tx = db.begin().await?;
    storage::save_answer(
        &mut tx,
        id,
        &Answer {
            decision: req.decision,
            text: req.text.clone(),
            reason: req.reason.clone(),
            responsible_name,
            responsible_user_id: req.responsible_user_id,
            deadline: req.deadline,
            answered_by: Some(user.id),
            answered_at: clock::now(),
        },
    )
    .await?;
    move_in(
        &mut tx,
        &ini,
        ini.status,
        req.decision,
        Some(user.id),
        req.reason.as_deref(),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(user.id),
        "initiative.answer",
        "initiative",
        Some(id),
        json!({"old": ini.status.as_str(), "new": req.decision.as_str(), "reason": req.reason}),
        None,
    )
    .await?;
    tx.commit().await?;
    storage::find(db, id).await?.ok_or(Error::NotFound)
}

/// The author invites a member (by email) to the team; they join by accepting.
pub async fn invite(db: &Db, user: &CurrentUser, id: i64, email: &str) -> Result<i64, Error> {
    let (ini, actors) = visible(db, Some(user), id).await?;
    if !actors.contains(&Actor::Author) {
        return Err(Error::Forbidden);
    }
    if matches!(
        ini.status,
        Status::Declined | Status::Withdrawn | Status::Implemented
    ) {
        return Err(Error::Conflict("initiative_not_editable"));
    }
    let email = Email::parse(email).map_err(|_| Error::invalid("email", "invalid_email"))?;
    let (invitee, _) = crate::accounts::storage::find_by_email(db, &email)
        .await?
        .filter(|(u, _)| u.disabled_at.is_none())
        .ok_or_else(|| Error::invalid("email", "no_such_account"))?;
    if invitee.id == user.id {
        return Err(Error::invalid("email", "is_author"));
    }
    let mut tx = db.begin().await?;
    if !storage::invite(&mut tx, id, invitee.id, user.id).await? {
        return Err(Error::Conflict("initiative_already_invited"));
    }
    notify::invited(&mut tx, invitee.id, &ini, &user.display_name).await?;
    tx.commit().await?;
    Ok(invitee.id)
}

/// The invitee accepts or declines their invitation.
pub async fn answer_invitation(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    accept: bool,
) -> Result<(), Error> {
    let mut tx = db.begin().await?;
    if !storage::answer_invitation(&mut tx, id, user.id, accept).await? {
        return Err(Error::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Who sets a unit's support threshold: admins over it.
pub const THRESHOLD_ROLES: [Role; 1] = [Role::Admin];

/// The largest threshold a unit may set.
pub const MAX_THRESHOLD: i64 = 100_000;

/// Admins over a unit set (or clear) its support threshold.
pub async fn set_threshold(
    db: &Db,
    user: &CurrentUser,
    unit_id: i64,
    supports: Option<i64>,
) -> Result<(), Error> {
    org::storage::find(db, unit_id)
        .await?
        .ok_or(Error::NotFound)?;
    org::require(db, user, &THRESHOLD_ROLES, unit_id).await?;
    match supports {
        Some(n) if n < 1 => {
            return Err(Error::Invalid(vec![
                FieldError::new("supports", "too_small").with_limit(1),
            ]));
        }
        Some(n) if n > MAX_THRESHOLD => {
            return Err(Error::Invalid(vec![
                FieldError::new("supports", "too_large").with_limit(MAX_THRESHOLD),
            ]));
        }
        _ => {}
    }
    let mut tx = db.begin().await?;
    storage::set_threshold(&mut tx, unit_id, supports, user.id).await?;
    audit::record(
        &mut tx,
        Some(user.id),
        "initiative.threshold",
        "unit",
        Some(unit_id),
        json!({"new": supports}),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
