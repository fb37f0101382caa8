//! `/meetings` and `/meetings/{id}`: sessions of the Assembly and meetings with leadership,
//! who was there, which initiatives were raised and what was decided (late ones marked).
//! `/meetings/new` and `/meetings/{id}/edit`: the record kept by coordinators and admins over
//! the meeting's unit (the rule is `meetings::require_keeper`, the same as the API's), as a
//! plain form: participants typed one per line or chosen from a list of members, and a fixed
//! number of decision rows ("add a row" submits the form and comes back with one more).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::input::TextInput;
use super::meetings::{
    self, ItemInput, Kind, Meeting, MeetingDetail, MeetingInput, NewItem, NewMeeting, Participant,
};
use super::pages::Choice;
use crate::accounts::CurrentUser;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::collate;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings", get(list_page))
        .route("/meetings/new", get(new_page).post(create_form))
        .route("/meetings/{id}", get(show_page))
        .route("/meetings/{id}/edit", get(edit_page).post(edit_form))
}

#[derive(Template)]
#[template(path = "initiatives/meetings.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    meetings: Vec<Meeting>,
    can_record: bool,
}

#[derive(Template)]
#[template(path = "initiatives/meeting.html")]
struct ShowPage<'a> {
    ctx: &'a Ctx,
    m: MeetingDetail,
    can_edit: bool,
    saved: bool,
}

/// `GET /meetings`
async fn list_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let meetings = meetings::list(&state.db).await?;
    Ok(Page::new(&ListPage {
        can_record: ctx.user.as_deref().is_some_and(meetings::may_record),
        ctx: &ctx,
        meetings,
    })
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

/// `GET /meetings/{id}`
async fn show_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, Error> {
    let m = meetings::detail(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let can_edit = match ctx.user.as_deref() {
        Some(u) => meetings::keeps(&state.db, u, m.meeting.unit_id).await?,
        None => false,
    };
    Ok(Page::new(&ShowPage {
        ctx: &ctx,
        m,
        can_edit,
        saved: q.done.is_some(),
    })
    .into_response())
}

/// Decision rows a new form shows; "add a row" adds one, up to [`MAX_ROWS`].
pub const MIN_ROWS: usize = 3;
pub const MAX_ROWS: usize = 30;

/// One decision row as typed.
#[derive(Clone, Debug, Default)]
pub struct RowFields {
    pub initiative_id: String,
    pub decision_kk: String,
    pub decision_ru: String,
    pub responsible: String,
    pub responsible_user_id: String,
    pub deadline: String,
}

impl RowFields {
    fn is_blank(&self) -> bool {
        [
            &self.initiative_id,
            &self.decision_kk,
            &self.decision_ru,
            &self.responsible,
            &self.responsible_user_id,
            &self.deadline,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// The meeting form as typed (text, so a refused form comes back as it was).
#[derive(Clone, Debug, Default)]
pub struct MeetingFields {
    pub unit_id: String,
    pub kind: String,
    pub title_kk: String,
    pub title_ru: String,
    pub held_on: String,
    pub place: String,
    pub notes_kk: String,
    pub notes_ru: String,
    /// Typed participants, one a line: "name" or "name, position".
    pub participants: String,
    /// Members chosen from the list.
    pub member_ids: Vec<String>,
    pub rows: Vec<RowFields>,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A number typed in a select; anything else is `-1` (unknown to every lookup).
fn id_of(s: &str) -> Option<i64> {
    opt(s).map(|s| s.parse().unwrap_or(-1))
}

impl MeetingFields {
    /// The form's fields; `true` when the person asked for one more decision row.
    fn from_pairs(fields: &[(String, String)]) -> (MeetingFields, bool) {
        let one = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let add_row = one("action") == "add_row";
        let shown: usize = one("rows").trim().parse().unwrap_or(MIN_ROWS);
        let mut n = shown.clamp(1, MAX_ROWS);
        if add_row {
            n = (n + 1).min(MAX_ROWS);
        }
        let rows = (0..n)
            .map(|i| {
                let f = |name: &str| one(&format!("item{i}_{name}"));
                RowFields {
                    initiative_id: f("initiative_id"),
                    decision_kk: f("decision_kk"),
                    decision_ru: f("decision_ru"),
                    responsible: f("responsible"),
                    responsible_user_id: f("responsible_user_id"),
                    deadline: f("deadline"),
                }
            })
            .collect();
        let form = MeetingFields {
            unit_id: one("unit_id"),
            kind: one("kind"),
            title_kk: one("title_kk"),
            title_ru: one("title_ru"),
            held_on: one("held_on"),
            place: one("place"),
            notes_kk: one("notes_kk"),
            notes_ru: one("notes_ru"),
            participants: one("participants"),
            member_ids: fields
                .iter()
                .filter(|(k, v)| k == "member_ids" && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
                .collect(),
            rows,
        };
        (form, add_row)
    }

    /// The form filled with a recorded meeting.
    fn of(d: &MeetingDetail) -> MeetingFields {
        let m = &d.meeting;
        let s = |t: &Option<String>| t.clone().unwrap_or_default();
        let mut rows: Vec<RowFields> = d
            .items
            .iter()
            .map(|i| RowFields {
                initiative_id: i.initiative_id.to_string(),
                decision_kk: s(&i.decision.kk),
                decision_ru: s(&i.decision.ru),
                // A name taken from a linked account is not typed again.
                responsible: if i.responsible_user_id.is_some() {
                    String::new()
                } else {
                    s(&i.responsible_name)
                },
                responsible_user_id: i
                    .responsible_user_id
                    .map(|u| u.to_string())
                    .unwrap_or_default(),
                deadline: i.deadline.map(|d| d.to_string()).unwrap_or_default(),
            })
            .collect();
        rows.push(RowFields::default());
        while rows.len() < MIN_ROWS {
            rows.push(RowFields::default());
        }
        MeetingFields {
            unit_id: m.unit_id.to_string(),
            kind: m.kind.as_str().to_string(),
            title_kk: s(&m.title.kk),
            title_ru: s(&m.title.ru),
            held_on: m.held_on.to_string(),
            place: s(&m.place),
            notes_kk: s(&m.notes.kk),
            notes_ru: s(&m.notes.ru),
            participants: d
                .participants
                .iter()
                .filter(|p| p.user_id.is_none())
                .map(|p| match &p.position {
                    Some(pos) => format!("{}, {pos}", p.name),
                    None => p.name.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            member_ids: d
                .participants
                .iter()
                .filter_map(|p| p.user_id.map(|u| u.to_string()))
                .collect(),
            rows,
        }
    }

    /// Parses the form with the API's own parsers; refusals by field, and by row.
    fn parse(&self, candidates: &[(i64, String)]) -> Result<(NewMeeting, Vec<NewItem>), Refused> {
        let mut refused = Refused::default();
        let mut participants: Vec<Participant> = self
            .participants
            .lines()
            .filter_map(|line| {
                let (name, position) = match line.split_once(',') {
                    Some((n, p)) => (n, opt(p)),
                    None => (line, None),
                };
                opt(name).map(|name| Participant {
                    name,
                    position,
                    user_id: None,
                })
            })
            .collect();
        for raw in &self.member_ids {
            let id = id_of(raw).unwrap_or(-1);
            match candidates.iter().find(|(c, _)| *c == id) {
                Some((id, name)) => participants.push(Participant {
                    name: name.clone(),
                    position: None,
                    user_id: Some(*id),
                }),
                None => refused
                    .fields
                    .push(FieldError::new("participants", "unknown")),
            }
        }
        let input = MeetingInput {
            unit_id: id_of(&self.unit_id),
            kind: opt(&self.kind),
            title: Some(TextInput {
                kk: opt(&self.title_kk),
                ru: opt(&self.title_ru),
            }),
            held_on: opt(&self.held_on),
            place: opt(&self.place),
            notes: Some(TextInput {
                kk: opt(&self.notes_kk),
                ru: opt(&self.notes_ru),
            }),
            participants,
        };
        let meeting = match input.parse() {
            Ok(m) => Some(m),
            Err(Error::Invalid(fields)) => {
                refused.fields.extend(fields);
                None
            }
            Err(_) => None,
        };
        let mut items: Vec<NewItem> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let item = ItemInput {
                initiative_id: id_of(&row.initiative_id),
                decision: Some(TextInput {
                    kk: opt(&row.decision_kk),
                    ru: opt(&row.decision_ru),
                }),
                responsible_name: opt(&row.responsible),
                responsible_user_id: id_of(&row.responsible_user_id),
                deadline: opt(&row.deadline),
            };
            match item.parse() {
                Ok(item) if items.iter().any(|o| o.initiative_id == item.initiative_id) => {
                    refused
                        .rows
                        .push((i, FieldError::new("initiative_id", "invalid_choice")));
                }
                Ok(item) => items.push(item),
                Err(Error::Invalid(fields)) => {
                    refused.rows.extend(fields.into_iter().map(|f| (i, f)));
                }
                Err(_) => {}
            }
        }
        match meeting {
            Some(m) if refused.is_empty() => Ok((m, items)),
            _ => Err(refused),
        }
    }
}

/// What a refused form names: fields of the meeting, fields of a decision row (by index).
#[derive(Debug, Default)]
struct Refused {
    fields: Vec<FieldError>,
    rows: Vec<(usize, FieldError)>,
    alert: Option<String>,
}

impl Refused {
    fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.rows.is_empty() && self.alert.is_none()
    }
}

/// One decision row as the template shows it.
pub struct Row {
    pub index: usize,
    pub f: RowFields,
    pub errors: FormErrors,
    pub initiatives: Vec<Choice>,
    pub members: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "initiatives/meeting_form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    /// `None`: a new record.
    id: Option<i64>,
    f: MeetingFields,
    errors: FormErrors,
    /// Every refusal for the summary at the top: (anchor, message).
    summary: Vec<(String, String)>,
    alert: Option<String>,
    units: Vec<Choice>,
    kinds: Vec<Choice>,
    members: Vec<Choice>,
    rows: Vec<Row>,
}

/// What the form offers the user: the units they keep meetings for, the members of those
/// units, the public initiatives.
struct Offer {
    units: Vec<(i64, String)>,
    members: Vec<(i64, String)>,
    initiatives: Vec<(i64, String)>,
}

async fn offer(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    meeting: Option<&MeetingDetail>,
) -> Result<Offer, Error> {
    let mut units = Vec::new();
    let mut unit_ids = Vec::new();
    for u in crate::org::storage::all(&state.db).await? {
        let current = meeting.is_some_and(|m| m.meeting.unit_id == u.id);
        if current || meetings::keeps(&state.db, user, u.id).await? {
            unit_ids.push(u.id);
            units.push((u.id, ctx.text(&u.name).text));
        }
    }
    let mut members = meetings::candidates(&state.db, &unit_ids).await?;
    // People already linked stay choosable, wherever they belong.
    if let Some(m) = meeting {
        let linked = m
            .participants
            .iter()
            .filter_map(|p| p.user_id.map(|u| (u, p.name.clone())))
            .chain(
                m.items
                    .iter()
                    .filter_map(|i| i.responsible_user_id.zip(i.responsible_name.clone())),
            );
        for (id, name) in linked {
            if !members.iter().any(|(m, _)| *m == id) && !name.is_empty() {
                members.push((id, name));
            }
        }
    }
    collate::sort_by(&mut members, ctx.locale, |(_, n)| n.as_str());
    let rows: Vec<(i64, Option<String>, Option<String>, String)> = crate::on_db!(&state.db, pool => sqlx::query_as(
        "SELECT id, title_kk, title_ru, status FROM initiatives WHERE status <> 'draft'")
        .fetch_all(pool)
        .await)?;
    let mut initiatives: Vec<(i64, String)> = rows
        .into_iter()
        .map(|(id, kk, ru, _)| (id, ctx.text(&crate::i18n::Text::new(kk, ru)).text))
        .collect();
    collate::sort_by(&mut initiatives, ctx.locale, |(_, t)| t.as_str());
    Ok(Offer {
        units,
        members,
        initiatives,
    })
}

fn choices(list: &[(i64, String)], chosen: &[&str], empty: Option<String>) -> Vec<Choice> {
    empty
        .map(|label| Choice {
            value: String::new(),
            label,
            selected: chosen.iter().all(|c| c.trim().is_empty()),
        })
        .into_iter()
        .chain(list.iter().map(|(id, label)| Choice {
            value: id.to_string(),
            label: label.clone(),
            selected: chosen.contains(&id.to_string().as_str()),
        }))
        .collect()
}

async fn render(
    ctx: &Ctx,
    id: Option<i64>,
    f: MeetingFields,
    refused: Refused,
    offer: Offer,
) -> Result<Response, Error> {
    let failed = !refused.is_empty();
    let mut summary: Vec<(String, String)> = refused
        .fields
        .iter()
        .map(|e| {
            (
                e.field.to_string(),
                crate::api::problem::field_message(ctx.locale, e),
            )
        })
        .collect();
    let rows: Vec<Row> = f
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let errors: Vec<FieldError> = refused
                .rows
                .iter()
                .filter(|(i, _)| *i == index)
                .map(|(_, e)| e.clone())
                .collect();
            for e in &errors {
                summary.push((
                    format!("item{index}_{}", e.field),
                    format!(
                        "{}: {}",
                        ctx.t1("meeting-form-row", "count", (index + 1) as i64),
                        crate::api::problem::field_message(ctx.locale, e)
                    ),
                ));
            }
            Row {
                index,
                initiatives: choices(
                    &offer.initiatives,
                    &[row.initiative_id.as_str()],
                    Some(ctx.t("meeting-form-no-initiative")),
                ),
                members: choices(
                    &offer.members,
                    &[row.responsible_user_id.as_str()],
                    Some(ctx.t("meeting-form-no-member")),
                ),
                errors: ctx.errors(errors),
                f: row.clone(),
            }
        })
        .collect();
    let chosen: Vec<&str> = f.member_ids.iter().map(String::as_str).collect();
    let page = FormPage {
        ctx,
        id,
        errors: ctx.errors(refused.fields),
        summary,
        alert: refused.alert,
        units: choices(&offer.units, &[f.unit_id.as_str()], None),
        kinds: Kind::ALL
            .into_iter()
            .map(|k| Choice {
                value: k.as_str().to_string(),
                label: ctx.t(k.message_id()),
                selected: f.kind == k.as_str(),
            })
            .collect(),
        members: choices(&offer.members, &chosen, None),
        rows,
        f,
    };
    let response = Page::new(&page).into_response();
    Ok(if failed {
        with_status(response, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        response
    })
}

/// The signed-in person who may keep meeting records, or where they go instead.
fn recorder(ctx: &Ctx, back: &str) -> Result<Result<std::sync::Arc<CurrentUser>, Response>, Error> {
    let Some(user) = ctx.user.clone() else {
        return Ok(Err(see_other(
            &format!("/login?next={back}"),
            HeaderMap::new(),
        )));
    };
    if !meetings::may_record(&user) {
        return Err(Error::Forbidden);
    }
    Ok(Ok(user))
}

/// `GET /meetings/new`
async fn new_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let user = match recorder(&ctx, "/meetings/new")? {
        Ok(user) => user,
        Err(to_login) => return Ok(to_login),
    };
    let offer = offer(&state, &ctx, &user, None).await?;
    let f = MeetingFields {
        unit_id: offer
            .units
            .first()
            .map(|(u, _)| u.to_string())
            .unwrap_or_default(),
        kind: Kind::AssemblySession.as_str().to_string(),
        held_on: super::clock_today().to_string(),
        rows: vec![RowFields::default(); MIN_ROWS],
        ..MeetingFields::default()
    };
    render(&ctx, None, f, Refused::default(), offer).await
}

/// `GET /meetings/{id}/edit`
async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let user = match recorder(&ctx, &format!("/meetings/{id}/edit"))? {
        Ok(user) => user,
        Err(to_login) => return Ok(to_login),
    };
    let d = meetings::detail(&state.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    meetings::require_keeper(&state.db, &user, d.meeting.unit_id).await?;
    let offer = offer(&state, &ctx, &user, Some(&d)).await?;
    let f = MeetingFields::of(&d);
    render(&ctx, Some(id), f, Refused::default(), offer).await
}

/// `POST /meetings/new`
async fn create_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    submit(&state, &ctx, None, &fields).await
}

/// `POST /meetings/{id}/edit`
async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    submit(&state, &ctx, Some(id), &fields).await
}

/// Parse the form → `meetings::save` → the record's page, or the form again with what was
/// typed and every refusal named.
async fn submit(
    state: &AppState,
    ctx: &Ctx,
    id: Option<i64>,
    fields: &[(String, String)],
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    let before = match id {
        Some(id) => Some(
            meetings::detail(&state.db, id)
                .await?
                .ok_or(Error::NotFound)?,
        ),
        None => None,
    };
    if let Some(d) = &before {
        meetings::require_keeper(&state.db, &user, d.meeting.unit_id).await?;
    } else if !meetings::may_record(&user) {
        return Err(Error::Forbidden);
    }
    let offer = offer(state, ctx, &user, before.as_ref()).await?;
    let (f, add_row) = MeetingFields::from_pairs(fields);
    if add_row {
        return render(ctx, id, f, Refused::default(), offer).await;
    }
    let refused = match f.parse(&offer.members) {
        Err(refused) => refused,
        Ok((m, items)) => match meetings::save(&state.db, &user, id, &m, &items).await {
            Ok(mid) => {
                return Ok(see_other(
                    &format!("/meetings/{mid}?done=saved"),
                    HeaderMap::new(),
                ));
            }
            Err(Error::Invalid(fields)) => Refused {
                fields,
                ..Refused::default()
            },
            Err(Error::Conflict(code)) => Refused {
                alert: Some(ctx.t(format!("error-{}-detail", code.replace('_', "-")))),
                ..Refused::default()
            },
            Err(e) => return Err(e),
        },
    };
    render(ctx, id, f, refused, offer).await
}
