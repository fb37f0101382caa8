//! Domain types of members, parsed at the edge.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::FieldError;

/// A Kazakhstan phone number, normalized to `+7 7XX XXX XX XX`.
///
/// Accepts what people type: `87012345678`, `+7 (701) 234-56-78`, `7012345678`, `+77012345678`.
/// Kazakhstan's numbers (mobile and landline) have ten national digits starting with 7;
/// anything else (a Russian `+7 9…` number, too few digits) is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Phone, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new("phone", "required"));
        }
        if trimmed
            .chars()
            .any(|c| !(c.is_ascii_digit() || " +-()".contains(c)))
        {
            return Err(FieldError::new("phone", "invalid_phone"));
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            10 => digits.as_str(),
            11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
            _ => return Err(FieldError::new("phone", "invalid_phone")),
        };
        if !national.starts_with('7') {
            return Err(FieldError::new("phone", "invalid_phone"));
        }
        let n = national;
        Ok(Phone(format!(
            "+7 {} {} {} {}",
            &n[0..3],
            &n[3..6],
            &n[6..8],
            &n[8..10]
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whole years between `birth` and `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0) as u32
}

/// A birth date of someone who may be a member on `today`: aged `min..=max`.
pub fn parse_birth_date(
    raw: &str,
    today: NaiveDate,
    min: u32,
    max: u32,
) -> Result<NaiveDate, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new("birth_date", "required"));
    }
    let date = crate::clock::parse_date(raw)
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d.%m.%Y").map_err(|_| crate::clock::BadDate))
        .map_err(|_| FieldError::new("birth_date", "invalid_date"))?;
    if date > today {
        return Err(FieldError::new("birth_date", "invalid_date"));
    }
    let age = age_on(date, today);
    if age < min {
        Err(FieldError::new("birth_date", "too_young").with_limit(min.into()))
    } else if age > max {
        Err(FieldError::new("birth_date", "too_old").with_limit(max.into()))
    } else {
        Ok(date)
    }
}

/// A list of tags typed as `музыка, IT, дебаты`: trimmed, lowercased, unique, at most 20
/// of at most 40 characters each.
pub fn parse_tags(raw: &str, field: &'static str) -> Result<Vec<String>, FieldError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split([',', ';', '\n']) {
        let tag = tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > 40 || tag.chars().any(char::is_control) {
            return Err(FieldError::new(field, "invalid_tag"));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > 20 {
        return Err(FieldError::new(field, "too_many_tags"));
    }
    Ok(tags)
}

/// A free text of at most `max` characters; empty is `None`.
pub fn optional_text(
    raw: &str,
    field: &'static str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > max {
        Err(FieldError::new(field, "too_long"))
    } else {
        Ok(Some(text))
    }
}

/// A position in a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Member,
    Coordinator,
    Chair,
    YouthDeputy,
    DeputyHead,
}

impl Position {
    pub const ALL: [Position; 5] = [
        Position::Member,
        Position::Coordinator,
        Position::Chair,
        Position::YouthDeputy,
        Position::DeputyHead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Position::Member => "member",
            Position::Coordinator => "coordinator",
            Position::Chair => "chair",
            Position::YouthDeputy => "youth_deputy",
            Position::DeputyHead => "deputy_head",
        }
    }

    pub fn parse(raw: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.as_str() == raw.trim())
    }

    /// Coordinators and chairs coordinate their unit (DESIGN.md's coordinator role).
    pub fn coordinates(self) -> bool {
        matches!(self, Position::Coordinator | Position::Chair)
    }

    pub fn message_id(self) -> String {
        format!("position-{}", self.as_str().replace('_', "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalized() {
        for raw in [
            "87012345678",
            "+7 (701) 234-56-78",
            "7012345678",
            "+77012345678",
            " 8 701 234 56 78 ",
        ] {
            assert_eq!(
                Phone::parse(raw).unwrap().as_str(),
                "+7 701 234 56 78",
                "{raw}"
            );
        }
        assert_eq!(
            Phone::parse("8 7132 55 00 40").unwrap().as_str(),
            "+7 713 255 00 40"
        );
        for bad in [
            "+7 912 345 67 89",
            "12345",
            "+7 701 234 56",
            "+44 20 7946 0958",
            "8701abc5678",
        ] {
            assert_eq!(
                Phone::parse(bad).unwrap_err().code,
                "invalid_phone",
                "{bad}"
            );
        }
        assert_eq!(Phone::parse(" ").unwrap_err().code, "required");
    }

    #[test]
    fn ages_count_whole_years() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(age_on(d(2008, 11, 26), d(2026, 11, 25)), 17);
        assert_eq!(age_on(d(2008, 11, 25), d(2026, 11, 25)), 18);
        let today = d(2026, 11, 25);
        assert!(parse_birth_date("2012-11-25", today, 14, 35).is_ok());
        assert_eq!(
            parse_birth_date("2012-11-26", today, 14, 35)
                .unwrap_err()
                .code,
            "too_young"
        );
        assert_eq!(
            parse_birth_date("1990-01-01", today, 14, 35)
                .unwrap_err()
                .code,
            "too_old"
        );
        assert_eq!(
            parse_birth_date("25.11.2000", today, 14, 35).unwrap(),
            d(2000, 11, 25)
        );
        assert_eq!(
            parse_birth_date("2000-02-30", today, 14, 35)
                .unwrap_err()
                .code,
            "invalid_date"
        );
    }

    #[test]
    fn tags_are_cleaned() {
        assert_eq!(
            parse_tags(" Музыка, IT ,, музыка; дебаты ", "interests").unwrap(),
            ["музыка", "it", "дебаты"]
        );
        let many: Vec<String> = (0..21).map(|i| format!("tag{i}")).collect();
        assert_eq!(
            parse_tags(&many.join(","), "skills").unwrap_err().code,
            "too_many_tags"
        );
        assert_eq!(
            parse_tags(&"ж".repeat(41), "skills").unwrap_err().code,
            "invalid_tag"
        );
    }
}
