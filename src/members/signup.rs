//! The member's part of signing up: profile, consent, and (under 18) the guardian's consent.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use super::model::{Phone, age_on, optional_text, parse_birth_date, parse_tags};
use super::storage::{Guardian, ProfileData};
use crate::error::FieldError;

/// A checkbox from a form (`on`) or a JSON boolean.
pub fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        Some(Raw::Bool(b)) => b,
        Some(Raw::Text(t)) => matches!(t.as_str(), "on" | "true" | "1" | "yes"),
        None => false,
    })
}

/// Tags as a comma-separated text (forms) or a list (JSON).
pub fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        List(Vec<String>),
        Text(String),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        Some(Raw::List(list)) => list.join(","),
        Some(Raw::Text(text)) => text,
        None => String::new(),
    })
}

/// The profile fields of the sign-up form and API.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ProfileInput {
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: String,
    /// A Kazakhstan number in any common spelling; stored as `+7 7XX XXX XX XX`.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub study_or_work: String,
    /// Languages spoken (codes or names), comma-separated or a list.
    #[serde(default, deserialize_with = "tags")]
    #[schema(value_type = Vec<String>)]
    pub languages: String,
    #[serde(default, deserialize_with = "tags")]
    #[schema(value_type = Vec<String>)]
    pub interests: String,
    #[serde(default, deserialize_with = "tags")]
    #[schema(value_type = Vec<String>)]
    pub skills: String,
    /// Be findable in the members' directory.
    #[serde(default, deserialize_with = "checkbox")]
    pub in_directory: bool,
    /// The unit to join (optional).
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub unit_id: Option<String>,
    /// Acceptance of the personal-data consent text in force.
    #[serde(default, deserialize_with = "checkbox")]
    pub consent: bool,
    /// Under 18: the parent's or legal representative's name, contact, and how they consented.
    #[serde(default)]
    pub guardian_name: String,
    #[serde(default)]
    pub guardian_contact: String,
    #[serde(default)]
    pub guardian_how: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub guardian_consent: bool,
}

/// The value, or the error noted in `errors`.
pub(crate) fn take<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// A checked profile.
pub struct NewProfile {
    pub data: ProfileData,
    pub birth_date: NaiveDate,
    pub guardian: Option<Guardian>,
    pub unit_id: Option<i64>,
    pub minor: bool,
}

impl ProfileInput {
    /// Checks every field and answers all that are wrong at once.
    pub fn parse(&self, today: NaiveDate, ages: (u32, u32)) -> Result<NewProfile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let birth_date = take(
            &mut errors,
            parse_birth_date(&self.birth_date, today, ages.0, ages.1),
        );
        let phone = take(&mut errors, Phone::parse(&self.phone));
        let city = take(&mut errors, optional_text(&self.city, "city", 100));
        let study_or_work = take(
            &mut errors,
            optional_text(&self.study_or_work, "study_or_work", 200),
        );
        let languages = take(&mut errors, parse_tags(&self.languages, "languages"));
        let interests = take(&mut errors, parse_tags(&self.interests, "interests"));
        let skills = take(&mut errors, parse_tags(&self.skills, "skills"));
        let unit_id = match self.unit_id.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(id) => take(
                &mut errors,
                id.parse::<i64>()
                    .map(Some)
                    .map_err(|_| FieldError::new("unit_id", "invalid_choice")),
            ),
        };
        if !self.consent {
            errors.push(FieldError::new("consent", "consent_required"));
        }
        let minor = birth_date.is_some_and(|b| age_on(b, today) < 18);
        let guardian = if minor {
            let name = optional_text(&self.guardian_name, "guardian_name", 100);
            let contact = optional_text(&self.guardian_contact, "guardian_contact", 100);
            let how = optional_text(&self.guardian_how, "guardian_how", 200);
            match (name, contact, how) {
                (Ok(Some(name)), Ok(Some(contact)), Ok(how)) if self.guardian_consent => {
                    Some(Guardian {
                        name,
                        contact,
                        consent_on: today,
                        how: how.unwrap_or_else(|| "online".to_string()),
                    })
                }
                (name, contact, _) => {
                    if !matches!(name, Ok(Some(_))) {
                        errors.push(FieldError::new("guardian_name", "required"));
                    }
                    if !matches!(contact, Ok(Some(_))) {
                        errors.push(FieldError::new("guardian_contact", "required"));
                    }
                    if !self.guardian_consent {
                        errors.push(FieldError::new("guardian_consent", "consent_required"));
                    }
                    None
                }
            }
        } else {
            None
        };
        match (
            birth_date,
            phone,
            city,
            study_or_work,
            languages,
            interests,
            skills,
            unit_id,
        ) {
            (
                Some(birth_date),
                Some(phone),
                Some(city),
                Some(study_or_work),
                Some(languages),
                Some(interests),
                Some(skills),
                Some(unit_id),
            ) if errors.is_empty() => Ok(NewProfile {
                data: ProfileData {
                    birth_date: Some(birth_date),
                    phone: Some(phone.as_str().to_string()),
                    city,
                    study_or_work,
                    in_directory: self.in_directory,
                    show_email: false,
                    show_phone: false,
                    show_study_or_work: false,
                    languages,
                    interests,
                    skills,
                },
                birth_date,
                guardian,
                unit_id,
                minor,
            }),
            _ => Err(errors),
        }
    }
}
