//! Initiatives as the domain sees them: statuses, categories, and the one table that says
//! who may move an initiative from one status to the next.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::error::FieldError;
use crate::i18n::Text;

/// Where an initiative is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = InitiativeStatus)]
pub enum Status {
    Draft,
    Submitted,
    UnderReview,
    Accepted,
    Declined,
    InProgress,
    Implemented,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Submitted,
        Status::UnderReview,
        Status::Accepted,
        Status::Declined,
        Status::InProgress,
        Status::Implemented,
        Status::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::UnderReview => "under_review",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::InProgress => "in_progress",
            Status::Implemented => "implemented",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The message id of the status's name.
    pub fn message_id(self) -> String {
        format!("initiative-status-{}", self.as_str().replace('_', "-"))
    }

    /// Seen by everyone (a draft only by its author, team and staff).
    pub fn is_public(self) -> bool {
        self != Status::Draft
    }

    /// Members may support it (or withdraw their support) in this status.
    pub fn takes_supports(self) -> bool {
        matches!(
            self,
            Status::Submitted | Status::UnderReview | Status::Accepted | Status::InProgress
        )
    }

    /// The author and team may still change its texts and needs.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Submitted)
    }
}

/// Who moves an initiative: the actor's relation to it, decided on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The member who proposed it.
    Author,
    /// A member of its team who accepted the invitation.
    Team,
    /// A coordinator or an admin holding over the initiative's unit (`org::holds_over`).
    Staff,
    /// Ortaq itself: the unit's support threshold was reached.
    Threshold,
}

/// How a transition is made: by its own endpoint or form, never by the generic one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// `POST …/transition` (and its form).
    Plain,
    /// Only with an official answer (`POST …/answer`).
    Answer,
}

/// One allowed step: from, to, who may take it, and how.
pub struct Transition {
    pub from: Status,
    pub to: Status,
    pub by: &'static [Actor],
    pub via: Via,
}

/// THE table of the lifecycle. Every move of every initiative is checked against it on the
/// server ([`allowed`]); the pages only offer what it allows. Anything not listed is refused.
#[rustfmt::skip]
pub const TRANSITIONS: &[Transition] = &[
    Transition { from: Status::Draft,       to: Status::Submitted,   by: &[Actor::Author],                             via: Via::Plain },
    Transition { from: Status::Submitted,   to: Status::UnderReview, by: &[Actor::Staff, Actor::Threshold],            via: Via::Plain },
    Transition { from: Status::UnderReview, to: Status::Accepted,    by: &[Actor::Staff],                              via: Via::Answer },
    Transition { from: Status::UnderReview, to: Status::Declined,    by: &[Actor::Staff],                              via: Via::Answer },
    Transition { from: Status::Accepted,    to: Status::InProgress,  by: &[Actor::Author, Actor::Team, Actor::Staff], via: Via::Plain },
    Transition { from: Status::InProgress,  to: Status::Implemented, by: &[Actor::Staff],                              via: Via::Plain },
    Transition { from: Status::Draft,       to: Status::Withdrawn,   by: &[Actor::Author],                             via: Via::Plain },
    Transition { from: Status::Submitted,   to: Status::Withdrawn,   by: &[Actor::Author],                             via: Via::Plain },
    Transition { from: Status::UnderReview, to: Status::Withdrawn,   by: &[Actor::Author],                             via: Via::Plain },
];

/// Why a move is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No such step from the current status (409 `initiative_transition_not_allowed`).
    NoSuchStep,
    /// The step exists, but not for this caller (403 `forbidden`).
    NotYours,
    /// The step needs an official answer (409 `initiative_answer_required`).
    NeedsAnswer,
}

/// Whether any of `actors` may move an initiative from `from` to `to` by `via`.
pub fn allowed(from: Status, to: Status, actors: &[Actor], via: Via) -> Result<(), Refusal> {
    let Some(step) = TRANSITIONS.iter().find(|t| t.from == from && t.to == to) else {
        return Err(Refusal::NoSuchStep);
    };
    if !step.by.iter().any(|a| actors.contains(a)) {
        return Err(Refusal::NotYours);
    }
    if step.via != via {
        return Err(Refusal::NeedsAnswer);
    }
    Ok(())
}

/// The steps `actors` may take from `from` (what the page offers).
pub fn next_steps(from: Status, actors: &[Actor]) -> Vec<&'static Transition> {
    TRANSITIONS
        .iter()
        .filter(|t| t.from == from && t.by.iter().any(|a| actors.contains(a)))
        .collect()
}

/// What an initiative is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = InitiativeCategory)]
pub enum Category {
    Culture,
    Education,
    Volunteering,
    Ecology,
    It,
    Sport,
    /// Interethnic dialogue.
    Dialogue,
    Other,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Culture,
        Category::Education,
        Category::Volunteering,
        Category::Ecology,
        Category::It,
        Category::Sport,
        Category::Dialogue,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Culture => "culture",
            Category::Education => "education",
            Category::Volunteering => "volunteering",
            Category::Ecology => "ecology",
            Category::It => "it",
            Category::Sport => "sport",
            Category::Dialogue => "dialogue",
            Category::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    pub fn message_id(self) -> String {
        format!("initiative-category-{}", self.as_str())
    }
}

/// What an initiative needs to happen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Needs {
    /// The space it needs (a room, the hall, …), in the author's words.
    pub space: Option<String>,
    pub equipment: Option<String>,
    /// Budget in tenge (KZT).
    pub budget_kzt: Option<i64>,
    pub partners: Option<String>,
}

/// An initiative as stored.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Initiative {
    pub id: i64,
    pub unit_id: i64,
    /// `null` once the author's account is deleted.
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub category: Category,
    pub status: Status,
    pub title: Text,
    pub summary: Text,
    /// Markdown; shown rendered and sanitized.
    pub description: Text,
    pub needs: Needs,
    /// The final report, once implemented (Markdown).
    pub report: Text,
    /// How many members support it (exact: kept in the same transaction as each support).
    pub supports: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// Longest title, summary, description.
pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 600;
pub const MAX_DESCRIPTION: usize = 20_000;
pub const MAX_NOTE: usize = 1_000;
pub const MAX_BUDGET_KZT: i64 = 10_000_000_000;

/// What a new initiative or an edit says, parsed.
#[derive(Clone, Debug)]
pub struct Draft {
    pub unit_id: i64,
    pub category: Category,
    pub title: Text,
    pub summary: Text,
    pub description: Text,
    pub needs: Needs,
}

/// A text in kk and/or ru: at least one (when `required`), each within `max` characters.
pub fn parse_text(
    field: &'static str,
    kk: Option<&str>,
    ru: Option<&str>,
    max: usize,
    required: bool,
) -> Result<Text, FieldError> {
    let text = Text::new(kk.map(str::to_string), ru.map(str::to_string));
    if required && text.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    for version in [&text.kk, &text.ru].into_iter().flatten() {
        if version.chars().count() > max {
            return Err(FieldError::new(field, "too_long").with_limit(max as i64));
        }
        if version
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(FieldError::new(field, "invalid_characters"));
        }
    }
    Ok(text)
}

/// An optional one-language note (needs, partners, a reason), trimmed, within `max`.
pub fn parse_note(
    field: &'static str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if s.chars().count() > max {
        return Err(FieldError::new(field, "too_long").with_limit(max as i64));
    }
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(FieldError::new(field, "invalid_characters"));
    }
    Ok(Some(s.to_string()))
}

/// A budget in whole tenge: digits, spaces allowed between groups.
pub fn parse_budget(raw: Option<&str>) -> Result<Option<i64>, FieldError> {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let digits: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let n: i64 = digits
        .parse()
        .map_err(|_| FieldError::new("budget_kzt", "not_a_number"))?;
    if !(0..=MAX_BUDGET_KZT).contains(&n) {
        return Err(FieldError::new("budget_kzt", "too_large").with_limit(MAX_BUDGET_KZT));
    }
    Ok(Some(n))
}

/// A date `YYYY-MM-DD`, optional.
pub fn parse_date(field: &'static str, raw: Option<&str>) -> Result<Option<NaiveDate>, FieldError> {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    crate::clock::parse_date(s)
        .map(Some)
        .map_err(|_| FieldError::new(field, "invalid_date"))
}

/// Progress of the implementation: the share of milestones done, in whole percent.
pub fn progress(done: usize, total: usize) -> Option<u8> {
    (total > 0).then(|| ((done * 100) / total) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_categories_have_stable_names() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn the_table_allows_only_what_it_lists() {
        use Actor::*;
        assert_eq!(
            allowed(Status::Draft, Status::Submitted, &[Author], Via::Plain),
            Ok(())
        );
        assert_eq!(
            allowed(Status::Draft, Status::Submitted, &[Staff], Via::Plain),
            Err(Refusal::NotYours)
        );
        assert_eq!(
            allowed(Status::UnderReview, Status::Accepted, &[Staff], Via::Plain),
            Err(Refusal::NeedsAnswer)
        );
        assert_eq!(
            allowed(Status::Accepted, Status::Withdrawn, &[Author], Via::Plain),
            Err(Refusal::NoSuchStep)
        );
        // Every status but the ends has a way forward; the ends have none.
        for s in [Status::Declined, Status::Implemented, Status::Withdrawn] {
            assert!(TRANSITIONS.iter().all(|t| t.from != s));
        }
    }

    #[test]
    fn progress_is_the_share_done() {
        assert_eq!(progress(0, 0), None);
        assert_eq!(progress(1, 3), Some(33));
        assert_eq!(progress(3, 3), Some(100));
    }

    #[test]
    fn budgets_read_grouped_digits() {
        assert_eq!(parse_budget(Some("1 500 000")).unwrap(), Some(1_500_000));
        assert_eq!(parse_budget(Some("")).unwrap(), None);
        assert!(parse_budget(Some("-5")).is_err());
        assert!(parse_budget(Some("много")).is_err());
    }
}
