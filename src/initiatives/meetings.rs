//! Sessions of the Assembly and meetings with leadership, as records: title, date, kind,
//! participants (names, linked members), the initiatives raised and what was decided about
//! each — who answers and by when. Coordinators and admins over the meeting's unit keep
//! them; everyone reads them.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::flow::STAFF_ROLES;
use super::input::TextInput;
use super::model::{self, Status};
use crate::accounts::CurrentUser;
use crate::audit;
use crate::clock;
use crate::db::{Db, Tx};
use crate::error::{Error, FieldError, ResultExt};
use crate::http::{Ctx, Json};
use crate::i18n::Text;
use crate::state::AppState;
use crate::{on_db, on_tx, org};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/meetings", get(list_api).post(create_api))
        .route("/api/v1/meetings/{id}", get(read_api))
        .route("/api/v1/meetings/{id}/items", post(add_item_api))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A session of the regional Assembly.
    AssemblySession,
    /// A meeting with the akim (the head of the region).
    AkimMeeting,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::AssemblySession, Kind::AkimMeeting, Kind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::AssemblySession => "assembly_session",
            Kind::AkimMeeting => "akim_meeting",
            Kind::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn message_id(self) -> String {
        format!("meeting-kind-{}", self.as_str().replace('_', "-"))
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Meeting {
    pub id: i64,
    pub unit_id: i64,
    pub kind: Kind,
    pub title: Text,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub notes: Text,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Participant {
    pub name: String,
    /// Their position («өңір басшысы», «аким области», …).
    pub position: Option<String>,
    /// The member, when they have an account.
    pub user_id: Option<i64>,
}

/// An initiative raised at a meeting, and the decision on it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Item {
    pub id: i64,
    pub meeting_id: i64,
    pub initiative_id: i64,
    pub initiative_title: Text,
    pub initiative_status: Status,
    pub decision: Text,
    pub responsible_name: Option<String>,
    pub responsible_user_id: Option<i64>,
    pub deadline: Option<NaiveDate>,
    /// The deadline passed and the initiative is not implemented.
    pub overdue: bool,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub participants: Vec<Participant>,
    pub items: Vec<Item>,
}

type MeetingRow = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    NaiveDate,
    Option<String>,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
);

fn meeting_of(r: MeetingRow) -> Meeting {
    Meeting {
        id: r.0,
        unit_id: r.1,
        kind: Kind::parse(&r.2).unwrap_or(Kind::Other),
        title: Text::new(r.3, r.4),
        held_on: r.5,
        place: r.6,
        notes: Text::new(r.7, r.8),
        created_at: r.9,
    }
}

const MEETING_COLUMNS: &str =
    "id, unit_id, kind, title_kk, title_ru, held_on, place, notes_kk, notes_ru, created_at";

/// Every meeting, newest first.
pub async fn list(db: &Db) -> Result<Vec<Meeting>, Error> {
    let sql = format!("SELECT {MEETING_COLUMNS} FROM meetings ORDER BY held_on DESC, id DESC");
    let rows: Vec<MeetingRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(meeting_of).collect())
}

pub async fn detail(db: &Db, id: i64) -> Result<Option<MeetingDetail>, Error> {
    let sql = format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE id = $1");
    let row: Option<MeetingRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(pool).await)?;
    let Some(row) = row else { return Ok(None) };
    let participants: Vec<(String, Option<String>, Option<i64>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT name, position, user_id FROM meeting_participants WHERE meeting_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await)?;
    let items = items_where(db, "m.meeting_id = $1", id).await?;
    Ok(Some(MeetingDetail {
        meeting: meeting_of(row),
        participants: participants
            .into_iter()
            .map(|(name, position, user_id)| Participant {
                name,
                position,
                user_id,
            })
            .collect(),
        items,
    }))
}

/// Where an initiative was raised: (meeting, the decision on it).
pub async fn raised(db: &Db, initiative_id: i64) -> Result<Vec<(Meeting, Item)>, Error> {
    let items = items_where(db, "m.initiative_id = $1", initiative_id).await?;
    let mut out = Vec::new();
    for item in items {
        if let Some(d) = detail(db, item.meeting_id).await? {
            out.push((d.meeting, item));
        }
    }
    Ok(out)
}

async fn items_where(db: &Db, condition: &str, id: i64) -> Result<Vec<Item>, Error> {
    type R = (
        i64,
        i64,
        i64,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<NaiveDate>,
    );
    let sql = format!(
        "SELECT m.id, m.meeting_id, m.initiative_id, i.title_kk, i.title_ru, i.status, m.decision_kk,
             m.decision_ru, m.responsible_name, m.responsible_user_id, m.deadline
         FROM meeting_items m JOIN initiatives i ON i.id = m.initiative_id
         WHERE {condition} ORDER BY m.id"
    );
    let rows: Vec<R> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_all(pool).await)?;
    let today = super::clock_today();
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = Status::parse(&r.5).unwrap_or(Status::Draft);
            Item {
                id: r.0,
                meeting_id: r.1,
                initiative_id: r.2,
                initiative_title: Text::new(r.3, r.4),
                initiative_status: status,
                decision: Text::new(r.6, r.7),
                responsible_name: r.8,
                responsible_user_id: r.9,
                deadline: r.10,
                overdue: r.10.is_some_and(|d| d < today)
                    && !matches!(
                        status,
                        Status::Implemented | Status::Declined | Status::Withdrawn
                    ),
            }
        })
        .collect())
}

/// A meeting as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct MeetingInput {
    pub unit_id: Option<i64>,
    /// `assembly_session`, `akim_meeting` or `other`.
    pub kind: Option<String>,
    pub title: Option<TextInput>,
    /// `YYYY-MM-DD`.
    pub held_on: Option<String>,
    pub place: Option<String>,
    pub notes: Option<TextInput>,
    #[serde(default)]
    pub participants: Vec<Participant>,
}

/// A decision on an initiative raised at a meeting, as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ItemInput {
    pub initiative_id: Option<i64>,
    pub decision: Option<TextInput>,
    pub responsible_name: Option<String>,
    pub responsible_user_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
}

/// A meeting parsed.
pub struct NewMeeting {
    pub unit_id: i64,
    pub kind: Kind,
    pub title: Text,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub notes: Text,
    pub participants: Vec<Participant>,
}

impl MeetingInput {
    pub fn parse(&self) -> Result<NewMeeting, Error> {
        let mut errors = Vec::new();
        if self.unit_id.is_none() {
            errors.push(FieldError::new("unit_id", "required"));
        }
        let kind = match self.kind.as_deref() {
            None | Some("") => {
                errors.push(FieldError::new("meeting_kind", "required"));
                None
            }
            Some(k) => Kind::parse(k).or_else(|| {
                errors.push(FieldError::new("meeting_kind", "invalid_choice"));
                None
            }),
        };
        let title = self.title.clone().unwrap_or_default();
        let title = model::parse_text(
            "title",
            title.kk.as_deref(),
            title.ru.as_deref(),
            model::MAX_TITLE,
            true,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let notes = self.notes.clone().unwrap_or_default();
        let notes = model::parse_text(
            "notes",
            notes.kk.as_deref(),
            notes.ru.as_deref(),
            model::MAX_DESCRIPTION,
            false,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let held_on = match model::parse_date("held_on", self.held_on.as_deref()) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.push(FieldError::new("held_on", "required"));
                None
            }
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let place = model::parse_note("place", self.place.as_deref(), model::MAX_TITLE)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let mut participants = Vec::new();
        for p in &self.participants {
            match model::parse_note("participants", Some(&p.name), model::MAX_TITLE) {
                Ok(Some(name)) => participants.push(Participant {
                    name,
                    position: p
                        .position
                        .as_deref()
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| s.chars().take(model::MAX_TITLE).collect()),
                    user_id: p.user_id,
                }),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        match (self.unit_id, kind, title, held_on, notes) {
            (Some(unit_id), Some(kind), Some(title), Some(held_on), Some(notes))
                if errors.is_empty() =>
            {
                Ok(NewMeeting {
                    unit_id,
                    kind,
                    title,
                    held_on,
                    place,
                    notes,
                    participants,
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// Whether the user keeps meeting records anywhere (holds a staff role at some unit): the
/// pages offer the form to them; every save still checks the meeting's unit.
pub fn may_record(user: &CurrentUser) -> bool {
    STAFF_ROLES
        .iter()
        .any(|r| user.units_with(*r).next().is_some())
}

/// THE rule for keeping a meeting's record: coordinators and admins over its unit.
pub async fn keeps(db: &Db, user: &CurrentUser, unit_id: i64) -> Result<bool, Error> {
    org::holds_over(db, user, &STAFF_ROLES, unit_id).await
}

/// [`keeps`], or 403.
pub async fn require_keeper(db: &Db, user: &CurrentUser, unit_id: i64) -> Result<(), Error> {
    if keeps(db, user, unit_id).await? {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Refuses (403) a caller who keeps no unit's records at all, before their request is read
/// (the unit they name is checked by [`save`]).
pub fn require_keeper_somewhere(user: &CurrentUser) -> Result<(), Error> {
    if STAFF_ROLES
        .iter()
        .any(|r| user.units_with(*r).next().is_some())
    {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Records a meeting (coordinators and admins over its unit).
pub async fn create(db: &Db, user: &CurrentUser, m: &NewMeeting) -> Result<i64, Error> {
    save(db, user, None, m, &[]).await
}

/// Records a new meeting (`id` `None`) or rewrites an existing one, with its participants
/// and the decisions on the initiatives raised, in one transaction: the rule
/// ([`require_keeper`]) holds over the meeting's unit before and after the change.
/// A decision on an initiative already recorded keeps its row (and its `done_at`).
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    id: Option<i64>,
    m: &NewMeeting,
    items: &[NewItem],
) -> Result<i64, Error> {
    org::storage::find(db, m.unit_id)
        .await?
        .ok_or_else(|| Error::invalid("unit_id", "unknown"))?;
    let before = match id {
        Some(id) => {
            let d = detail(db, id).await?.ok_or(Error::NotFound)?;
            require_keeper(db, user, d.meeting.unit_id).await?;
            Some(d)
        }
        None => None,
    };
    require_keeper(db, user, m.unit_id).await?;
    let mut items: Vec<NewItem> = items.to_vec();
    for (i, item) in items.iter().enumerate() {
        if items[..i]
            .iter()
            .any(|o| o.initiative_id == item.initiative_id)
        {
            return Err(Error::Conflict("meeting_item_exists"));
        }
    }
    for item in &mut items {
        super::storage::find(db, item.initiative_id)
            .await?
            .filter(|i| i.status.is_public())
            .ok_or_else(|| Error::invalid("initiative_id", "unknown"))?;
        if let Some(uid) = item.responsible_user_id {
            let person = crate::accounts::storage::find(db, uid)
                .await?
                .filter(|u| u.deleted_at.is_none())
                .ok_or_else(|| Error::invalid("responsible_user_id", "unknown"))?;
            item.responsible_name.get_or_insert(person.display_name);
        }
    }
    let mut tx = db.begin().await?;
    let id = match id {
        None => insert(&mut tx, m, Some(user.id)).await?,
        Some(id) => {
            update(&mut tx, id, m).await?;
            id
        }
    };
    let kept: Vec<i64> = before
        .as_ref()
        .map(|d| d.items.iter().map(|i| i.initiative_id).collect())
        .unwrap_or_default();
    for old in &kept {
        if !items.iter().any(|i| i.initiative_id == *old) {
            on_tx!(&mut tx, conn => sqlx::query(
                "DELETE FROM meeting_items WHERE meeting_id = $1 AND initiative_id = $2")
                .bind(id)
                .bind(*old)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }
    for item in &items {
        if kept.contains(&item.initiative_id) {
            update_item(&mut tx, id, item).await?;
        } else {
            insert_item(&mut tx, id, item).await?;
        }
    }
    let summary = |kind: &str, held_on: NaiveDate, items: Vec<i64>, people: usize| json!({"kind": kind, "held_on": held_on, "initiatives": items, "participants": people});
    let new = summary(
        m.kind.as_str(),
        m.held_on,
        items.iter().map(|i| i.initiative_id).collect(),
        m.participants.len(),
    );
    let (action, detail) = match &before {
        None => ("meeting.create", json!({ "new": new })),
        Some(d) => (
            "meeting.edit",
            json!({"old": summary(d.meeting.kind.as_str(), d.meeting.held_on, kept.clone(), d.participants.len()),
                   "new": new}),
        ),
    };
    audit::record(
        &mut tx,
        Some(user.id),
        action,
        "meeting",
        Some(id),
        detail,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn update(tx: &mut Tx, id: i64, m: &NewMeeting) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE meetings SET unit_id = $2, kind = $3, title_kk = $4, title_ru = $5, held_on = $6,
             place = $7, notes_kk = $8, notes_ru = $9 WHERE id = $1")
        .bind(id)
        .bind(m.unit_id)
        .bind(m.kind.as_str())
        .bind(&m.title.kk)
        .bind(&m.title.ru)
        .bind(m.held_on)
        .bind(&m.place)
        .bind(&m.notes.kk)
        .bind(&m.notes.ru)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query("DELETE FROM meeting_participants WHERE meeting_id = $1")
        .bind(id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    insert_participants(tx, id, &m.participants).await
}

async fn update_item(tx: &mut Tx, meeting_id: i64, item: &NewItem) -> Result<(), Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE meeting_items SET decision_kk = $3, decision_ru = $4, responsible_name = $5,
             responsible_user_id = $6, deadline = $7
         WHERE meeting_id = $1 AND initiative_id = $2")
        .bind(meeting_id)
        .bind(item.initiative_id)
        .bind(&item.decision.kk)
        .bind(&item.decision.ru)
        .bind(&item.responsible_name)
        .bind(item.responsible_user_id)
        .bind(item.deadline)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Candidates for linked participants and responsible members on the meeting form: the
/// current members of `units` (those the user keeps meetings for) (ethnocultural associations
/// left out: that membership is shown to no one else), and the staff granted there.
pub async fn candidates(db: &Db, units: &[i64]) -> Result<Vec<(i64, String)>, Error> {
    let rows: Vec<(i64, String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT u.id, u.display_name, m.unit_id FROM users u
             JOIN memberships m ON m.user_id = u.id AND m.ended_on IS NULL AND m.status = 'active'
             JOIN org_units o ON o.id = m.unit_id AND o.kind <> 'ethnocultural_association'
         WHERE u.deleted_at IS NULL AND u.disabled_at IS NULL AND u.display_name <> ''
         UNION
         SELECT u.id, u.display_name, g.unit_id FROM users u
             JOIN role_grants g ON g.user_id = u.id
         WHERE u.deleted_at IS NULL AND u.disabled_at IS NULL AND u.display_name <> ''")
        .fetch_all(pool)
        .await)?;
    let mut out: Vec<(i64, String)> = Vec::new();
    for (id, name, unit) in rows {
        if units.contains(&unit) && !out.iter().any(|(o, _)| *o == id) {
            out.push((id, name));
        }
    }
    Ok(out)
}

pub async fn insert(tx: &mut Tx, m: &NewMeeting, by: Option<i64>) -> Result<i64, Error> {
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO meetings (unit_id, kind, title_kk, title_ru, held_on, place, notes_kk, notes_ru, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .bind(m.unit_id)
        .bind(m.kind.as_str())
        .bind(&m.title.kk)
        .bind(&m.title.ru)
        .bind(m.held_on)
        .bind(&m.place)
        .bind(&m.notes.kk)
        .bind(&m.notes.ru)
        .bind(by)
        .bind(clock::now())
        .fetch_one(conn)
        .await)?;
    insert_participants(tx, id, &m.participants).await?;
    Ok(id)
}

async fn insert_participants(
    tx: &mut Tx,
    id: i64,
    participants: &[Participant],
) -> Result<(), Error> {
    for p in participants {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO meeting_participants (meeting_id, name, position, user_id) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(&p.name)
            .bind(&p.position)
            .bind(p.user_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))
        .on_constraint("foreign_key", || Error::invalid("participants", "unknown"))?;
    }
    Ok(())
}

/// A decision, parsed.
#[derive(Clone, Debug)]
pub struct NewItem {
    pub initiative_id: i64,
    pub decision: Text,
    pub responsible_name: Option<String>,
    pub responsible_user_id: Option<i64>,
    pub deadline: Option<NaiveDate>,
}

impl ItemInput {
    pub fn parse(&self) -> Result<NewItem, Error> {
        let mut errors = Vec::new();
        if self.initiative_id.is_none() {
            errors.push(FieldError::new("initiative_id", "required"));
        }
        let d = self.decision.clone().unwrap_or_default();
        let decision = model::parse_text(
            "decision",
            d.kk.as_deref(),
            d.ru.as_deref(),
            model::MAX_SUMMARY,
            false,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let responsible = model::parse_note(
            "responsible",
            self.responsible_name.as_deref(),
            model::MAX_TITLE,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let deadline = model::parse_date("deadline", self.deadline.as_deref())
            .map_err(|e| errors.push(e))
            .ok();
        match (self.initiative_id, decision, responsible, deadline) {
            (Some(initiative_id), Some(decision), Some(responsible_name), Some(deadline))
                if errors.is_empty() =>
            {
                Ok(NewItem {
                    initiative_id,
                    decision,
                    responsible_name,
                    responsible_user_id: self.responsible_user_id,
                    deadline,
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

pub async fn insert_item(tx: &mut Tx, meeting_id: i64, item: &NewItem) -> Result<i64, Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO meeting_items (meeting_id, initiative_id, decision_kk, decision_ru, responsible_name,
             responsible_user_id, deadline)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(meeting_id)
        .bind(item.initiative_id)
        .bind(&item.decision.kk)
        .bind(&item.decision.ru)
        .bind(&item.responsible_name)
        .bind(item.responsible_user_id)
        .bind(item.deadline)
        .fetch_one(conn)
        .await)
    .on_constraint("meeting_items_meeting_id_initiative_id_key", || {
        Error::Conflict("meeting_item_exists")
    })
}

/// Records that an initiative was raised at a meeting, with the decision.
pub async fn add_item(
    db: &Db,
    user: &CurrentUser,
    meeting_id: i64,
    item: &NewItem,
) -> Result<i64, Error> {
    let meeting = detail(db, meeting_id).await?.ok_or(Error::NotFound)?;
    require_keeper(db, user, meeting.meeting.unit_id).await?;
    let ini = super::storage::find(db, item.initiative_id)
        .await?
        .filter(|i| i.status.is_public())
        .ok_or_else(|| Error::invalid("initiative_id", "unknown"))?;
    let mut tx = db.begin().await?;
    let id = insert_item(&mut tx, meeting_id, item).await?;
    audit::record(
        &mut tx,
        Some(user.id),
        "meeting.item",
        "meeting",
        Some(meeting_id),
        json!({"new": {"initiative_id": ini.id, "deadline": item.deadline}}),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Every session and meeting, newest first.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings",
    responses((status = 200, body = [Meeting])))]
pub async fn list_api(State(state): State<AppState>) -> Result<Json<Vec<Meeting>>, Error> {
    Ok(Json(list(&state.db).await?))
}

/// Records a session or a meeting with leadership (coordinators and admins over its unit).
#[utoipa::path(post, path = "/api/v1/meetings", tag = "meetings",
    request_body = MeetingInput,
    responses((status = 201, body = MeetingDetail), (status = 403, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_api(
    State(state): State<AppState>,
    ctx: Ctx,
    input: Result<Json<MeetingInput>, Error>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    require_keeper_somewhere(user)?;
    let m = input?.0.parse()?;
    let id = create(&state.db, user, &m).await?;
    let d = detail(&state.db, id).await?.ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(d)).into_response())
}

/// One meeting with its participants and decisions.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings",
    responses((status = 200, body = MeetingDetail), (status = 404, body = crate::api::problem::Problem)))]
pub async fn read_api(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<MeetingDetail>, Error> {
    Ok(Json(detail(&state.db, id).await?.ok_or(Error::NotFound)?))
}

/// Records an initiative raised at the meeting and the decision on it.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/items", tag = "meetings",
    request_body = ItemInput,
    responses((status = 201, body = MeetingDetail), (status = 409, body = crate::api::problem::Problem),
        (status = 422, body = crate::api::problem::Problem)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn add_item_api(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    input: Result<Json<ItemInput>, Error>,
) -> Result<Response, Error> {
    let user = ctx.user()?;
    let meeting = detail(&state.db, id).await?.ok_or(Error::NotFound)?;
    require_keeper(&state.db, user, meeting.meeting.unit_id).await?;
    let item = input?.0.parse()?;
    add_item(&state.db, user, id, &item).await?;
    let d = detail(&state.db, id).await?.ok_or(Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(d)).into_response())
}
