//! Input as sent (JSON or a form), parsed into domain types at the edge.

use serde::Deserialize;

use super::flow::AnswerRequest;
use super::model::{self, Category, Draft, Needs, Status};
use crate::error::{Error, FieldError};
use crate::i18n::Text;

/// A text in Kazakh and/or Russian, as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TextInput {
    pub kk: Option<String>,
    pub ru: Option<String>,
}

/// The flat fields of an initiative (the form's names; the API maps onto them).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DraftFields {
    pub unit_id: Option<String>,
    pub category: Option<String>,
    pub title_kk: Option<String>,
    pub title_ru: Option<String>,
    pub summary_kk: Option<String>,
    pub summary_ru: Option<String>,
    pub description_kk: Option<String>,
    pub description_ru: Option<String>,
    pub need_space: Option<String>,
    pub need_equipment: Option<String>,
    pub budget_kzt: Option<String>,
    pub partners: Option<String>,
}

fn collect<T>(errors: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

impl DraftFields {
    pub fn parse(&self) -> Result<Draft, Error> {
        let mut errors = Vec::new();
        let unit_id = match self.unit_id.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push(FieldError::new("unit_id", "required"));
                None
            }
            Some(raw) => collect(
                &mut errors,
                raw.parse::<i64>()
                    .map_err(|_| FieldError::new("unit_id", "unknown")),
            ),
        };
        let category = match self.category.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push(FieldError::new("category", "required"));
                None
            }
            Some(raw) => collect(
                &mut errors,
                Category::parse(raw).ok_or_else(|| FieldError::new("category", "invalid_choice")),
            ),
        };
        let text = |field, kk: &Option<String>, ru: &Option<String>, max, required| {
            model::parse_text(field, kk.as_deref(), ru.as_deref(), max, required)
        };
        let title = collect(
            &mut errors,
            text(
                "title",
                &self.title_kk,
                &self.title_ru,
                model::MAX_TITLE,
                true,
            ),
        );
        let summary = collect(
            &mut errors,
            text(
                "summary",
                &self.summary_kk,
                &self.summary_ru,
                model::MAX_SUMMARY,
                true,
            ),
        );
        let description = collect(
            &mut errors,
            text(
                "description",
                &self.description_kk,
                &self.description_ru,
                model::MAX_DESCRIPTION,
                false,
            ),
        );
        let space = collect(
            &mut errors,
            model::parse_note("need_space", self.need_space.as_deref(), model::MAX_NOTE),
        );
        let equipment = collect(
            &mut errors,
            model::parse_note(
                "need_equipment",
                self.need_equipment.as_deref(),
                model::MAX_NOTE,
            ),
        );
        let budget = collect(&mut errors, model::parse_budget(self.budget_kzt.as_deref()));
        let partners = collect(
            &mut errors,
            model::parse_note("partners", self.partners.as_deref(), model::MAX_NOTE),
        );
        match (
            unit_id,
            category,
            title,
            summary,
            description,
            space,
            equipment,
            budget,
            partners,
        ) {
            (
                Some(unit_id),
                Some(category),
                Some(title),
                Some(summary),
                Some(description),
                Some(space),
                Some(equipment),
                Some(budget_kzt),
                Some(partners),
            ) if errors.is_empty() => Ok(Draft {
                unit_id,
                category,
                title,
                summary,
                description,
                needs: Needs {
                    space,
                    equipment,
                    budget_kzt,
                    partners,
                },
            }),
            _ => Err(Error::Invalid(errors)),
        }
    }

    /// The fields of an existing initiative (the edit form's first values).
    pub fn of(ini: &model::Initiative) -> DraftFields {
        DraftFields {
            unit_id: Some(ini.unit_id.to_string()),
            category: Some(ini.category.as_str().to_string()),
            title_kk: ini.title.kk.clone(),
            title_ru: ini.title.ru.clone(),
            summary_kk: ini.summary.kk.clone(),
            summary_ru: ini.summary.ru.clone(),
            description_kk: ini.description.kk.clone(),
            description_ru: ini.description.ru.clone(),
            need_space: ini.needs.space.clone(),
            need_equipment: ini.needs.equipment.clone(),
            budget_kzt: ini.needs.budget_kzt.map(|b| b.to_string()),
            partners: ini.needs.partners.clone(),
        }
    }
}

/// What an initiative needs, as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NeedsInput {
    pub space: Option<String>,
    pub equipment: Option<String>,
    /// Whole tenge.
    pub budget_kzt: Option<i64>,
    pub partners: Option<String>,
}

/// A new initiative or an edit, as sent to the API.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct InitiativeInput {
    pub unit_id: Option<i64>,
    /// `culture`, `education`, `volunteering`, `ecology`, `it`, `sport`, `dialogue`, `other`.
    pub category: Option<String>,
    pub title: Option<TextInput>,
    pub summary: Option<TextInput>,
    /// Markdown (raw HTML is shown as text).
    pub description: Option<TextInput>,
    pub needs: Option<NeedsInput>,
}

impl InitiativeInput {
    pub fn parse(&self) -> Result<Draft, Error> {
        let t = |t: &Option<TextInput>| t.clone().unwrap_or_default();
        let needs = self.needs.clone().unwrap_or_default();
        DraftFields {
            unit_id: self.unit_id.map(|u| u.to_string()),
            category: self.category.clone(),
            title_kk: t(&self.title).kk,
            title_ru: t(&self.title).ru,
            summary_kk: t(&self.summary).kk,
            summary_ru: t(&self.summary).ru,
            description_kk: t(&self.description).kk,
            description_ru: t(&self.description).ru,
            need_space: needs.space,
            need_equipment: needs.equipment,
            budget_kzt: needs.budget_kzt.map(|b| b.to_string()),
            partners: needs.partners,
        }
        .parse()
    }
}

/// The flat fields of an official answer (the form's names).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AnswerFields {
    pub decision: Option<String>,
    pub text_kk: Option<String>,
    pub text_ru: Option<String>,
    pub reason: Option<String>,
    /// The page's field is `responsible` (its errors are filed under that name too).
    #[serde(alias = "responsible")]
    pub responsible_name: Option<String>,
    pub responsible_user_id: Option<String>,
    pub deadline: Option<String>,
}

impl AnswerFields {
    pub fn parse(&self) -> Result<AnswerRequest, Error> {
        let mut errors = Vec::new();
        let decision = match self.decision.as_deref().map(str::trim) {
            Some("accepted") => Some(Status::Accepted),
            Some("declined") => Some(Status::Declined),
            None | Some("") => {
                errors.push(FieldError::new("decision", "required"));
                None
            }
            Some(_) => {
                errors.push(FieldError::new("decision", "invalid_choice"));
                None
            }
        };
        let text = collect(
            &mut errors,
            model::parse_text(
                "text",
                self.text_kk.as_deref(),
                self.text_ru.as_deref(),
                model::MAX_DESCRIPTION,
                false,
            ),
        );
        let reason = collect(
            &mut errors,
            model::parse_note("reason", self.reason.as_deref(), model::MAX_NOTE),
        );
        let responsible_name = collect(
            &mut errors,
            model::parse_note(
                "responsible",
                self.responsible_name.as_deref(),
                model::MAX_TITLE,
            ),
        );
        let responsible_user_id = match self.responsible_user_id.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(raw) => collect(
                &mut errors,
                raw.parse::<i64>()
                    .map(Some)
                    .map_err(|_| FieldError::new("responsible_user_id", "unknown")),
            ),
        };
        let deadline = collect(
            &mut errors,
            model::parse_date("deadline", self.deadline.as_deref()),
        );
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let req = AnswerRequest {
            decision: decision.unwrap_or(Status::Declined),
            text: text.unwrap_or_default(),
            reason: reason.flatten(),
            responsible_name: responsible_name.flatten(),
            responsible_user_id: responsible_user_id.flatten(),
            deadline: deadline.flatten(),
        };
        req.check()?;
        Ok(req)
    }
}

/// An official answer, as sent to the API.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AnswerInput {
    /// `accepted` or `declined`.
    pub decision: Option<String>,
    /// The answer, in Kazakh and/or Russian.
    pub text: Option<TextInput>,
    /// Required when declined.
    pub reason: Option<String>,
    /// The responsible person by name, or
    pub responsible_name: Option<String>,
    /// … as a member (their name is taken when no name is given).
    pub responsible_user_id: Option<i64>,
    /// `YYYY-MM-DD`; required when accepted.
    pub deadline: Option<String>,
}

impl AnswerInput {
    pub fn parse(&self) -> Result<AnswerRequest, Error> {
        let text = self.text.clone().unwrap_or_default();
        AnswerFields {
            decision: self.decision.clone(),
            text_kk: text.kk,
            text_ru: text.ru,
            reason: self.reason.clone(),
            responsible_name: self.responsible_name.clone(),
            responsible_user_id: self.responsible_user_id.map(|u| u.to_string()),
            deadline: self.deadline.clone(),
        }
        .parse()
    }
}

/// Any text the reader may have left out: `None` stays `None`.
pub fn text_of(kk: Option<&str>, ru: Option<&str>) -> Text {
    Text::new(kk.map(str::to_string), ru.map(str::to_string))
}
