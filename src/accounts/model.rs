//! Domain types of accounts, parsed at the edge.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::FieldError;
use crate::i18n::Locale;

/// An email address, trimmed and lowercased. Checked for shape only: a real check is
/// a confirmation message, which a later issue adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(FieldError::new("email", "required"));
        }
        let valid = email.len() <= 254
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && local.len() <= 64
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
                    && !domain.contains('@')
            })
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if valid {
            Ok(Email(email))
        } else {
            Err(FieldError::new("email", "invalid_email"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown to others: 2–100 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<DisplayName, FieldError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let len = name.chars().count();
        if len == 0 {
            Err(FieldError::new("name", "required"))
        } else if len < 2 {
            Err(FieldError::new("name", "too_short"))
        } else if len > 100 {
            Err(FieldError::new("name", "too_long"))
        } else if name.chars().any(|c| c.is_control()) {
            Err(FieldError::new("name", "invalid_characters"))
        } else {
            Ok(DisplayName(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A role of DESIGN.md. Every active account is a member; the others are granted at a unit
/// and reach that unit's whole subtree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Coordinator,
    SpaceManager,
    Admin,
    Observer,
}

impl Role {
    pub const GRANTABLE: [Role; 4] = [
        Role::Coordinator,
        Role::SpaceManager,
        Role::Admin,
        Role::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Coordinator => "coordinator",
            Role::SpaceManager => "space_manager",
            Role::Admin => "admin",
            Role::Observer => "observer",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        match raw.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "member" => Some(Role::Member),
            "coordinator" => Some(Role::Coordinator),
            "space_manager" => Some(Role::SpaceManager),
            "admin" => Some(Role::Admin),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }

    /// The Fluent id of the role's name.
    pub fn message_id(self) -> &'static str {
        match self {
            Role::Member => "role-member",
            Role::Coordinator => "role-coordinator",
            Role::SpaceManager => "role-space-manager",
            Role::Admin => "role-admin",
            Role::Observer => "role-observer",
        }
    }
}

/// A role held at a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Grant {
    pub id: i64,
    pub role: Role,
    pub unit_id: i64,
}

/// An account as stored.
#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Option<Locale>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The signed-in caller, with the roles they hold.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Option<Locale>,
    pub grants: Vec<Grant>,
    /// Units the user coordinates through a coordinator or chair position: the
    /// coordinator role there, as DESIGN.md defines it, without a separate grant.
    pub coordinates: Vec<i64>,
    /// The version of the personal-data consent the person has in force, if any.
    pub consent_version: Option<String>,
}

impl CurrentUser {
    pub fn has_role_anywhere(&self, role: Role) -> bool {
        role == Role::Member || self.units_with(role).next().is_some()
    }

    /// The units at which the user holds `role` (granted, or by position for coordinators).
    pub fn units_with(&self, role: Role) -> impl Iterator<Item = i64> + '_ {
        let by_position: &[i64] = if role == Role::Coordinator {
            &self.coordinates
        } else {
            &[]
        };
        self.grants
            .iter()
            .filter(move |g| g.role == role)
            .map(|g| g.unit_id)
            .chain(by_position.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            Email::parse("  Aigerim@Mail.KZ ").unwrap().as_str(),
            "aigerim@mail.kz"
        );
        for bad in [
            "",
            "aigerim",
            "a@b",
            "@mail.kz",
            "a@.kz",
            "a b@mail.kz",
            "a@mail..kz",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            DisplayName::parse("  Данил   Цой ").unwrap().as_str(),
            "Данил Цой"
        );
        assert_eq!(DisplayName::parse("").unwrap_err().code, "required");
        assert_eq!(DisplayName::parse("Ә").unwrap_err().code, "too_short");
        assert_eq!(
            DisplayName::parse(&"а".repeat(101)).unwrap_err().code,
            "too_long"
        );
    }

    #[test]
    fn roles_parse_from_cli_spellings() {
        assert_eq!(Role::parse("space-manager"), Some(Role::SpaceManager));
        assert_eq!(Role::parse("Admin"), Some(Role::Admin));
        assert_eq!(Role::parse("king"), None);
    }
}
