//! The initiative pages: the public list (filters, sorting), "my initiatives", and the
//! initiative page with its timeline, progress, answer, milestones, team, files, comments
//! and the steps the reader may take. Every action is a plain form (no script needed);
//! a refused form comes back on the page with what was typed.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::comments::{self, Comment, CommentState};
use super::flow;
use super::input::AnswerFields;
use super::meetings::{self, Item, Meeting};
use super::milestones::{self, Milestone};
use super::model::{self, Actor, Category, Initiative, Status};
use super::routes::{InitiativeDetail, ListQuery, detail};
use super::storage;
use crate::error::{Error, FieldError};
use crate::http::page::{FormErrors, see_other, with_status};
use crate::http::{Ctx, Form, Page};
use crate::i18n::{Shown, Text, format};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/initiatives", get(list_page))
        .route("/initiatives/mine", get(mine_page))
        .route("/initiatives/{id}", get(show_page))
        .route("/initiatives/{id}/support", post(support_form))
        .route("/initiatives/{id}/support/withdraw", post(withdraw_form))
        .route("/initiatives/{id}/transition", post(transition_form))
        .route("/initiatives/{id}/answer", post(answer_form))
        .route("/initiatives/{id}/team", post(invite_form))
        .route("/initiatives/{id}/team/accept", post(accept_form))
        .route("/initiatives/{id}/team/decline", post(decline_form))
        .route("/initiatives/{id}/milestones", post(milestone_form))
        .route(
            "/initiatives/{id}/milestones/{mid}/done",
            post(milestone_done_form),
        )
        .route("/initiatives/{id}/report", post(report_form))
        .route("/initiatives/{id}/links", post(link_form))
        .route("/initiatives/{id}/book", get(book_for))
        .route("/initiatives/{id}/comments", post(comment_form))
        .route(
            "/initiatives/comments/{cid}/report",
            post(comment_report_form),
        )
        .route(
            "/initiatives/comments/{cid}/moderate",
            post(comment_moderate_form),
        )
        .route("/initiatives/comments/{cid}/edit", post(comment_edit_form))
}

/// One option of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// An initiative as a list shows it.
pub struct Card {
    pub id: i64,
    pub title: Shown,
    pub summary: Shown,
    pub status: Status,
    pub category: Category,
    pub unit: Option<Shown>,
    pub supports: i64,
}

#[derive(Template)]
#[template(path = "initiatives/list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    mine: bool,
    cards: Vec<Card>,
    statuses: Vec<Choice>,
    categories: Vec<Choice>,
    units: Vec<Choice>,
    sorts: Vec<Choice>,
    /// Invitations to a team awaiting the reader's answer ("my initiatives").
    invitations: Vec<Card>,
}

/// The names of units, for lists and selects (sensitive units never appear).
pub async fn unit_names(state: &AppState) -> Result<Vec<(i64, Text)>, Error> {
    Ok(crate::org::storage::all(&state.db)
        .await?
        .into_iter()
        .filter(|u| !u.is_sensitive())
        .map(|u| (u.id, u.name))
        .collect())
}

pub fn cards(ctx: &Ctx, list: Vec<Initiative>, units: &[(i64, Text)]) -> Vec<Card> {
    list.into_iter()
        .map(|i| Card {
            id: i.id,
            title: ctx.text(&i.title),
            summary: ctx.text(&i.summary),
            status: i.status,
            category: i.category,
            unit: units
                .iter()
                .find(|(id, _)| *id == i.unit_id)
                .map(|(_, n)| ctx.text(n)),
            supports: i.supports,
        })
        .collect()
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    q: ListQuery,
    mine: bool,
) -> Result<Response, Error> {
    let filter = q.filter(&state.db, ctx.user.as_deref()).await?;
    let list = storage::list(&state.db, &filter).await?;
    let units = unit_names(state).await?;
    let mut invitations = Vec::new();
    if mine && let Some(user) = &ctx.user {
        let invited: Vec<i64> = crate::on_db!(&state.db, pool => sqlx::query_scalar(
            "SELECT initiative_id FROM initiative_team WHERE user_id = $1 AND status = 'invited'")
            .bind(user.id)
            .fetch_all(pool)
            .await)?;
        let mut found = Vec::new();
        for id in invited {
            if let Some(i) = storage::find(&state.db, id).await? {
                found.push(i);
            }
        }
        invitations = cards(ctx, found, &units);
    }
    let statuses = Status::ALL
        .into_iter()
        .filter(|s| mine || s.is_public())
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: ctx.t(s.message_id()),
            selected: filter.status == Some(s),
        })
        .collect();
    let categories = Category::ALL
        .into_iter()
        .map(|c| Choice {
            value: c.as_str().to_string(),
            label: ctx.t(c.message_id()),
            selected: filter.category == Some(c),
        })
        .collect();
    let unit_choices = units
        .iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: ctx.text(name).text,
            selected: q.unit_id == Some(*id),
        })
        .collect();
    let sorts = [
        ("newest", "initiative-sort-newest"),
        ("supports", "initiative-sort-supports"),
    ]
    .into_iter()
    .map(|(v, id)| Choice {
        value: v.to_string(),
        label: ctx.t(id),
        selected: q.sort.as_deref().unwrap_or("newest") == v,
    })
    .collect();
    Ok(Page::new(&ListPage {
        ctx,
        mine,
        cards: cards(ctx, list, &units),
        statuses,
        categories,
        units: unit_choices,
        sorts,
        invitations,
    })
    .into_response())
}

/// `GET /initiatives`
async fn list_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(mut q): Query<ListQuery>,
) -> Result<Response, Error> {
    q.mine = None;
    render_list(&state, &ctx, q, false).await
}

/// `GET /initiatives/mine`
async fn mine_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(mut q): Query<ListQuery>,
) -> Result<Response, Error> {
    if ctx.user.is_none() {
        return Ok(see_other("/login?next=/initiatives/mine", HeaderMap::new()));
    }
    q.mine = Some(true);
    render_list(&state, &ctx, q, true).await
}

/// A timeline entry as shown.
pub struct Step {
    pub when: String,
    pub from: Option<Status>,
    pub to: Status,
    /// `None`: Ortaq itself (the support threshold).
    pub actor: Option<String>,
    pub automatic: bool,
    pub comment: Option<String>,
}

/// What forms on the page hold after a refused post.
#[derive(Default)]
pub struct Typed {
    pub answer: AnswerFields,
    pub answer_errors: Vec<FieldError>,
    pub comment: String,
    pub comment_parent: Option<i64>,
    pub comment_errors: Vec<FieldError>,
    pub invite_email: String,
    pub invite_errors: Vec<FieldError>,
    pub milestone: MilestoneFields,
    pub milestone_errors: Vec<FieldError>,
    pub report: ReportFields,
    pub report_errors: Vec<FieldError>,
    pub moderation_errors: Vec<FieldError>,
    /// A refusal that belongs to no field (a step not allowed, …), as a message.
    pub alert: Option<String>,
}

#[derive(Template)]
#[template(path = "initiatives/show.html")]
struct ShowPage<'a> {
    ctx: &'a Ctx,
    d: InitiativeDetail,
    title: Shown,
    summary: Shown,
    /// The description as sanitized HTML, in the language shown.
    description: Option<(String, &'static str, bool)>,
    report: Option<(String, &'static str, bool)>,
    unit: Option<Shown>,
    timeline: Vec<Step>,
    /// Plain steps the reader may take: (status, button label).
    steps: Vec<(&'static str, String, bool)>,
    /// The reader may give the official answer.
    can_answer: bool,
    /// The reader may edit the texts (author or team, while editable).
    can_edit: bool,
    is_staff: bool,
    is_keeper: bool,
    is_author: bool,
    invited: bool,
    comments: Vec<Comment>,
    milestones: Vec<Milestone>,
    raised: Vec<(Meeting, Item)>,
    bookings: Vec<(i64, String)>,
    /// The events and bookings linked to it, as shown.
    linked: Vec<Linked>,
    /// Resources the reader may book for the initiative: (id, name).
    resources: Vec<(i64, String)>,
    /// The reader organises events (and may link one to this initiative).
    can_create_event: bool,
    /// Earlier texts of edited comments the reader may read (`comments::may_read_history`).
    histories: Vec<(i64, Vec<comments::Edit>)>,
    answer_text: Option<Shown>,
    typed: Typed,
    answer_errors: FormErrors,
    comment_errors: FormErrors,
    invite_errors: FormErrors,
    milestone_errors: FormErrors,
    report_errors: FormErrors,
    moderation_errors: FormErrors,
    notice: Option<String>,
    file_error: Option<String>,
}

impl ShowPage<'_> {
    fn viewer(&self) -> Option<i64> {
        self.ctx.user.as_ref().map(|u| u.id)
    }

    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        format::datetime(*at, format::AKTOBE, self.ctx.locale)
    }

    /// The refused reply form belongs to this comment.
    fn replying(&self, id: &i64) -> bool {
        self.typed.comment_parent == Some(*id)
    }

    /// The earlier texts of a comment, when the reader may read them.
    fn history(&self, id: &i64) -> Option<&Vec<comments::Edit>> {
        self.histories
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, edits)| edits)
    }

    /// A name typed into a record, or "deleted member" once its account is gone.
    fn person(&self, name: &str) -> String {
        if name.is_empty() {
            self.ctx.t("initiative-deleted-member")
        } else {
            name.to_string()
        }
    }
}

/// An event or a booking that carries the initiative out, as the page shows it.
pub struct Linked {
    pub kind: &'static str,
    pub href: Option<String>,
    pub title: Option<Shown>,
    pub when: String,
    pub status: String,
}

/// The linked events and bookings with their titles and times (an event still a draft only
/// for those who keep the initiative).
async fn linked(
    state: &AppState,
    ctx: &Ctx,
    links: &[milestones::Link],
    keeper: bool,
) -> Result<Vec<Linked>, Error> {
    let mut out = Vec::new();
    for l in links {
        match l.kind.as_str() {
            "event" => {
                let Some(e) = crate::events::storage::find(&state.db, l.target_id).await? else {
                    continue;
                };
                if e.status == crate::events::model::Status::Draft && !keeper {
                    continue;
                }
                out.push(Linked {
                    kind: "event",
                    href: Some(format!("/events/{}", e.id)),
                    title: Some(ctx.text(&e.title)),
                    when: format::datetime(e.start, format::AKTOBE, ctx.locale),
                    status: ctx.t(format!("event-status-{}", e.status.as_str())),
                });
            }
            _ => {
                let Some(b) = crate::bookings::storage::find(&state.db, l.target_id).await? else {
                    continue;
                };
                let resource = crate::spaces::storage::resource(&state.db, b.resource_id).await?;
                out.push(Linked {
                    kind: "booking",
                    href: None,
                    title: resource.map(|r| ctx.text(&r.name)),
                    when: format!(
                        "{}, {}",
                        crate::bookings::view::day(ctx, format::AKTOBE, b.start),
                        crate::bookings::view::times(ctx, format::AKTOBE, b.start, b.end)
                    ),
                    status: ctx.t(format!(
                        "booking-status-{}",
                        b.status.as_str().replace('_', "-")
                    )),
                });
            }
        }
    }
    Ok(out)
}

fn markdown(ctx: &Ctx, text: &Text) -> Option<(String, &'static str, bool)> {
    if text.is_empty() {
        return None;
    }
    // The source in the reader's language (and script: Kazakh Latin is transliterated
    // before rendering, so markup stays intact).
    let shown = ctx.text(text);
    Some((
        crate::markdown::render(&shown.text),
        shown.lang,
        shown.fallback,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
    attached: Option<String>,
    file_error: Option<String>,
}

/// Renders the initiative page, with what a refused form typed.
pub async fn render_show(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    typed: Typed,
    notice: Option<String>,
    file_error: Option<String>,
) -> Result<Response, Error> {
    let user = ctx.user.as_deref();
    let d = detail(&state.db, user, id).await?;
    let ini = &d.initiative;
    let units = unit_names(state).await?;
    let is_staff = d.roles.contains(&Actor::Staff);
    let is_author = d.roles.contains(&Actor::Author);
    let is_keeper =
        !d.roles.is_empty() && !matches!(ini.status, Status::Declined | Status::Withdrawn);
    let next: Vec<Status> = model::next_steps(ini.status, &d.roles)
        .into_iter()
        .map(|t| t.to)
        .collect();
    let can_answer = next.contains(&Status::Accepted);
    let steps = next
        .iter()
        .filter(|s| !matches!(s, Status::Accepted | Status::Declined))
        .map(|s| {
            (
                s.as_str(),
                ctx.t(format!("initiative-to-{}", s.as_str().replace('_', "-"))),
                *s == Status::Withdrawn,
            )
        })
        .collect();
    let can_edit = ini.status.is_editable()
        && d.roles
            .iter()
            .any(|a| matches!(a, Actor::Author | Actor::Team));
    let invited = user.is_some_and(|u| {
        d.team
            .iter()
            .any(|m| m.user_id == u.id && m.status == "invited")
    });
    let timeline = d
        .timeline
        .iter()
        .map(|e| Step {
            when: format::datetime(e.at, format::AKTOBE, ctx.locale),
            from: e.from,
            to: e.to,
            automatic: e.actor_id.is_none() && e.from.is_some(),
            actor: e.actor_name.clone(),
            comment: e.comment.clone(),
        })
        .collect();
    let comments = comments::list(&state.db, id, user, is_staff).await?;
    let raised = meetings::raised(&state.db, id).await?;
    // The reader's own upcoming bookings, to link one to the initiative.
    let bookings = match (user, is_keeper) {
        (Some(u), true) => {
            let f = crate::bookings::storage::Filter {
                user_id: Some(u.id),
                from: Some(crate::clock::now()),
                limit: 20,
                ..Default::default()
            };
            crate::bookings::storage::list(&state.db, &f)
                .await?
                .into_iter()
                .filter(|(b, _)| b.status.is_live())
                .filter(|(b, _)| {
                    !d.links
                        .iter()
                        .any(|l| l.kind == "booking" && l.target_id == b.id)
                })
                .map(|(b, _)| (b.id, format::datetime(b.start, format::AKTOBE, ctx.locale)))
                .collect()
        }
        _ => vec![],
    };
    let linked = linked(state, ctx, &d.links, is_keeper).await?;
    let (resources, can_create_event) = match user {
        Some(u) if is_keeper => (
            crate::spaces::storage::resources(&state.db, None)
                .await?
                .into_iter()
                .filter(|r| r.active && r.kind != "equipment")
                .map(|r| (r.id, ctx.text(&r.name).text))
                .collect(),
            !crate::events::organiser_units(u).is_empty(),
        ),
        _ => (vec![], false),
    };
    let mut histories = Vec::new();
    if let Some(u) = user {
        for c in comments
            .iter()
            .chain(comments.iter().flat_map(|c| &c.replies))
        {
            if c.edited_at.is_some() && comments::may_read_history(u, c.author_id, is_staff) {
                histories.push((c.id, comments::edits(&state.db, c.id).await?));
            }
        }
    }
    let title = ctx.text(&ini.title);
    let summary = ctx.text(&ini.summary);
    let description = markdown(ctx, &ini.description);
    let report = markdown(ctx, &ini.report);
    let unit = units
        .iter()
        .find(|(u, _)| *u == ini.unit_id)
        .map(|(_, n)| ctx.text(n));
    let answer_text = d.answer.as_ref().map(|a| ctx.text(&a.text));
    let milestones = d.milestones.clone();
    let status = if typed.alert.is_some()
        || !typed.answer_errors.is_empty()
        || !typed.comment_errors.is_empty()
        || !typed.invite_errors.is_empty()
        || !typed.milestone_errors.is_empty()
        || !typed.report_errors.is_empty()
        || !typed.moderation_errors.is_empty()
    {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ShowPage {
        ctx,
        answer_errors: ctx.errors(typed.answer_errors.clone()),
        comment_errors: ctx.errors(typed.comment_errors.clone()),
        invite_errors: ctx.errors(typed.invite_errors.clone()),
        milestone_errors: ctx.errors(typed.milestone_errors.clone()),
        report_errors: ctx.errors(typed.report_errors.clone()),
        moderation_errors: ctx.errors(typed.moderation_errors.clone()),
        title,
        summary,
        description,
        report,
        unit,
        timeline,
        steps,
        can_answer,
        can_edit,
        is_staff,
        is_keeper,
        is_author,
        invited,
        comments,
        milestones,
        raised,
        bookings,
        linked,
        resources,
        can_create_event,
        histories,
        answer_text,
        typed,
        notice,
        file_error,
        d,
    };
    Ok(with_status(Page::new(&page).into_response(), status))
}

/// `GET /initiatives/{id}`
async fn show_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, Error> {
    let notice = if q.attached.is_some() {
        Some(ctx.t("initiative-attached"))
    } else {
        q.done.as_deref().map(|what| match what {
            "support" => ctx.t("initiative-supported"),
            "withdraw" => ctx.t("initiative-support-withdrawn"),
            "booked" => ctx.t("initiative-booked-linked"),
            _ => ctx.t("initiative-saved"),
        })
    };
    let file_error = q.file_error.as_deref().map(|code| {
        let code = match code {
            "attachment_type" => "attachment_type",
            "attachment_too_large" => "attachment_too_large",
            "too_many_files" => "too_many_files",
            _ => "required",
        };
        crate::api::problem::field_message(
            ctx.locale,
            &FieldError::new("file", code).with_limit(super::attachments::MAX_FILES),
        )
    });
    render_show(&state, &ctx, id, Typed::default(), notice, file_error).await
}

fn back(id: i64, done: &str, anchor: &str) -> String {
    format!("/initiatives/{id}?done={done}#{anchor}")
}

/// The initiative page a refused form comes back to: the initiative's own, or that of the
/// comment the form was about.
enum On {
    Initiative(i64),
    Comment(i64),
}

/// The one ending of every form on the initiative page: the flow's outcome either leads on
/// (303 to `to(value)`) or the page comes back with what was typed (`typed`) — field
/// refusals where `put` says, a conflict as the page's alert; anything else is the error
/// page.
async fn settle<T>(
    state: &AppState,
    ctx: &Ctx,
    on: On,
    outcome: Result<T, Error>,
    to: impl FnOnce(T) -> String,
    typed: Typed,
    put: impl FnOnce(&mut Typed, Vec<FieldError>),
) -> Result<Response, Error> {
    let err = match outcome {
        Ok(value) => return Ok(see_other(&to(value), HeaderMap::new())),
        Err(err) => err,
    };
    let id = match on {
        On::Initiative(id) => id,
        On::Comment(cid) => comment_owner(state, cid).await?.0,
    };
    refused(state, ctx, id, err, typed, put).await
}

/// A refusal without a field, as the page's alert; field refusals go to `put`.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    err: Error,
    mut typed: Typed,
    put: impl FnOnce(&mut Typed, Vec<FieldError>),
) -> Result<Response, Error> {
    match err {
        Error::Invalid(fields) => put(&mut typed, fields),
        Error::Conflict(code) => {
            typed.alert = Some(ctx.t(format!("error-{}-detail", code.replace('_', "-"))));
        }
        other => return Err(other),
    }
    render_show(state, ctx, id, typed, None, None).await
}

/// The log-in page, coming back to the initiative.
fn to_login(id: i64) -> Response {
    see_other(&format!("/login?next=/initiatives/{id}"), HeaderMap::new())
}

fn nothing(_: &mut Typed, _: Vec<FieldError>) {}

#[derive(Debug, Default, Deserialize)]
struct StepForm {
    to: Option<String>,
    comment: Option<String>,
}

async fn support_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let Some(user) = ctx.user.clone() else {
        return Ok(to_login(id));
    };
    let outcome = flow::support(&state.db, &user, id).await;
    let to = |_| back(id, "support", "support");
    settle(
        &state,
        &ctx,
        On::Initiative(id),
        outcome,
        to,
        Typed::default(),
        nothing,
    )
    .await
}

async fn withdraw_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let outcome = flow::withdraw_support(&state.db, ctx.user()?, id).await;
    let to = |_| back(id, "withdraw", "support");
    settle(
        &state,
        &ctx,
        On::Initiative(id),
        outcome,
        to,
        Typed::default(),
        nothing,
    )
    .await
}

async fn transition_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    flow::require_actor(&state.db, &user, id).await?;
    let to = form
        .to
        .as_deref()
        .and_then(Status::parse)
        .ok_or_else(|| Error::invalid("to", "invalid_choice"))?;
    let outcome = match model::parse_note("comment", form.comment.as_deref(), model::MAX_NOTE) {
        Ok(comment) => flow::transition(&state.db, &user, id, to, comment).await,
        Err(e) => Err(Error::Invalid(vec![e])),
    };
    let locale = ctx.locale;
    let put = |t: &mut Typed, fields: Vec<FieldError>| {
        t.alert = fields
            .first()
            .map(|f| crate::api::problem::field_message(locale, f));
    };
    let to = |_| back(id, "step", "timeline");
    settle(
        &state,
        &ctx,
        On::Initiative(id),
        outcome,
        to,
        Typed::default(),
        put,
    )
    .await
}

async fn answer_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<AnswerFields>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    flow::require_staff(&state.db, &user, id).await?;
    let outcome = match form.parse() {
        Ok(req) => flow::answer(&state.db, &user, id, &req).await,
        Err(e) => Err(e),
    };
    let typed = Typed {
        answer: form,
        ..Typed::default()
    };
    let to = |_| back(id, "answer", "answer");
    let put = |t: &mut Typed, f| t.answer_errors = f;
    settle(&state, &ctx, On::Initiative(id), outcome, to, typed, put).await
}

#[derive(Debug, Default, Deserialize)]
struct InviteForm {
    email: Option<String>,
}

async fn invite_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<InviteForm>,
) -> Result<Response, Error> {
    let email = form.email.unwrap_or_default();
    let outcome = flow::invite(&state.db, ctx.user()?, id, &email).await;
    let typed = Typed {
        invite_email: email,
        ..Typed::default()
    };
    let to = |_| back(id, "invite", "team");
    let put = |t: &mut Typed, f| t.invite_errors = f;
    settle(&state, &ctx, On::Initiative(id), outcome, to, typed, put).await
}

async fn accept_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    flow::answer_invitation(&state.db, ctx.user()?, id, true).await?;
    Ok(see_other(&back(id, "team", "team"), HeaderMap::new()))
}

async fn decline_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    flow::answer_invitation(&state.db, ctx.user()?, id, false).await?;
    Ok(see_other("/initiatives/mine", HeaderMap::new()))
}

#[derive(Debug, Default, Deserialize)]
pub struct MilestoneFields {
    pub title_kk: Option<String>,
    pub title_ru: Option<String>,
    pub due_on: Option<String>,
}

async fn milestone_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneFields>,
) -> Result<Response, Error> {
    let outcome = milestones::add(
        &state.db,
        ctx.user()?,
        id,
        form.title_kk.as_deref(),
        form.title_ru.as_deref(),
        form.due_on.as_deref(),
    )
    .await;
    let typed = Typed {
        milestone: form,
        ..Typed::default()
    };
    let to = |_| back(id, "milestone", "milestones");
    let put = |t: &mut Typed, f| t.milestone_errors = f;
    settle(&state, &ctx, On::Initiative(id), outcome, to, typed, put).await
}

#[derive(Debug, Default, Deserialize)]
struct DoneForm {
    done: Option<String>,
}

async fn milestone_done_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(i64, i64)>,
    Form(form): Form<DoneForm>,
) -> Result<Response, Error> {
    let done = form.done.as_deref() != Some("false");
    milestones::set_done(&state.db, ctx.user()?, id, mid, done).await?;
    Ok(see_other(
        &back(id, "milestone", "milestones"),
        HeaderMap::new(),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportFields {
    pub report_kk: Option<String>,
    pub report_ru: Option<String>,
}

async fn report_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ReportFields>,
) -> Result<Response, Error> {
    let outcome = milestones::save_report(
        &state.db,
        ctx.user()?,
        id,
        form.report_kk.as_deref(),
        form.report_ru.as_deref(),
    )
    .await;
    let typed = Typed {
        report: form,
        ..Typed::default()
    };
    let to = |_| back(id, "report", "report");
    let put = |t: &mut Typed, f| t.report_errors = f;
    settle(&state, &ctx, On::Initiative(id), outcome, to, typed, put).await
}

#[derive(Debug, Default, Deserialize)]
struct LinkForm {
    booking_id: Option<i64>,
}

async fn link_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<LinkForm>,
) -> Result<Response, Error> {
    milestones::require_keeper(&state.db, ctx.user()?, id).await?;
    let booking = form
        .booking_id
        .ok_or_else(|| Error::invalid("booking_id", "required"))?;
    milestones::link_booking(&state.db, ctx.user()?, id, booking).await?;
    Ok(see_other(&back(id, "link", "links"), HeaderMap::new()))
}

#[derive(Debug, Default, Deserialize)]
struct BookFor {
    resource: Option<i64>,
}

/// `GET /initiatives/{id}/book?resource=`: the resource's booking form, carrying the
/// initiative the booking will be linked to.
async fn book_for(Path(id): Path<i64>, Query(q): Query<BookFor>) -> Result<Response, Error> {
    let resource = q
        .resource
        .ok_or_else(|| Error::invalid("resource_id", "required"))?;
    Ok(see_other(
        &format!("/resources/{resource}?initiative={id}"),
        HeaderMap::new(),
    ))
}

#[derive(Debug, Default, Deserialize)]
struct CommentForm {
    body: Option<String>,
    parent_id: Option<i64>,
}

async fn comment_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> Result<Response, Error> {
    let Some(user) = ctx.user.clone() else {
        return Ok(to_login(id));
    };
    let outcome = comments::add(&state.db, &user, id, form.parent_id, form.body.as_deref()).await;
    let typed = Typed {
        comment: form.body.unwrap_or_default(),
        comment_parent: form.parent_id,
        ..Typed::default()
    };
    let to = |cid| format!("/initiatives/{id}#comment-{cid}");
    let put = |t: &mut Typed, f| t.comment_errors = f;
    settle(&state, &ctx, On::Initiative(id), outcome, to, typed, put).await
}

#[derive(Debug, Default, Deserialize)]
struct ModerateForm {
    action: Option<String>,
    reason: Option<String>,
}

async fn comment_report_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(cid): Path<i64>,
    Form(form): Form<ModerateForm>,
) -> Result<Response, Error> {
    let user = ctx.user()?.clone();
    match comments::report(&state.db, &user, cid, form.reason.as_deref()).await {
        Ok((id, _)) => Ok(see_other(
            &format!("/initiatives/{id}?done=reported#comments"),
            HeaderMap::new(),
        )),
        Err(Error::Conflict("comment_already_reported")) => {
            let (id, _, _) = comment_owner(&state, cid).await?;
            Ok(see_other(
                &format!("/initiatives/{id}?done=reported#comments"),
                HeaderMap::new(),
            ))
        }
        Err(e) => Err(e),
    }
}

async fn comment_owner(state: &AppState, cid: i64) -> Result<(i64, Option<i64>, String), Error> {
    let row: Option<(i64, Option<i64>, String)> = crate::on_db!(&state.db, pool => sqlx::query_as(
        "SELECT initiative_id, author_id, state FROM initiative_comments WHERE id = $1")
        .bind(cid)
        .fetch_optional(pool)
        .await)?;
    row.ok_or(Error::NotFound)
}

async fn comment_moderate_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(cid): Path<i64>,
    Form(form): Form<ModerateForm>,
) -> Result<Response, Error> {
    let hide = form.action.as_deref() == Some("hide");
    let outcome =
        comments::moderate(&state.db, ctx.user()?, cid, hide, form.reason.as_deref()).await;
    let to = |id| format!("/initiatives/{id}?done=moderated#comment-{cid}");
    let put = |t: &mut Typed, f| t.moderation_errors = f;
    settle(
        &state,
        &ctx,
        On::Comment(cid),
        outcome,
        to,
        Typed::default(),
        put,
    )
    .await
}

async fn comment_edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(cid): Path<i64>,
    Form(form): Form<CommentForm>,
) -> Result<Response, Error> {
    let outcome = comments::edit(&state.db, ctx.user()?, cid, form.body.as_deref()).await;
    let typed = Typed {
        comment: form.body.unwrap_or_default(),
        ..Typed::default()
    };
    let to = |id| format!("/initiatives/{id}#comment-{cid}");
    let put = |t: &mut Typed, f| t.comment_errors = f;
    settle(&state, &ctx, On::Comment(cid), outcome, to, typed, put).await
}
