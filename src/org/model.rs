use serde::Serialize;

use crate::i18n::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Association,
    RegionalBranch,
    CityBranch,
    StudentAssembly,
    DostyqClub,
    EthnoculturalAssociation,
    Project,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Association => "association",
            UnitKind::RegionalBranch => "regional_branch",
            UnitKind::CityBranch => "city_branch",
            UnitKind::StudentAssembly => "student_assembly",
            UnitKind::DostyqClub => "dostyq_club",
            UnitKind::EthnoculturalAssociation => "ethnocultural_association",
            UnitKind::Project => "project",
        }
    }

    pub fn parse(raw: &str) -> Option<UnitKind> {
        [
            UnitKind::Association,
            UnitKind::RegionalBranch,
            UnitKind::CityBranch,
            UnitKind::StudentAssembly,
            UnitKind::DostyqClub,
            UnitKind::EthnoculturalAssociation,
            UnitKind::Project,
        ]
        .into_iter()
        .find(|k| k.as_str() == raw)
    }

    /// The Fluent id of the kind's name.
    pub fn message_id(self) -> String {
        format!("unit-kind-{}", self.as_str().replace('_', "-"))
    }
}

/// A node of the organisation tree.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Unit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub name: Text,
    pub description: Text,
    /// A student assembly's university or college.
    #[serde(skip_serializing_if = "Text::is_empty")]
    pub institution: Text,
    /// An ethnocultural association's community (`korean`, `tatar`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
}

impl Unit {
    /// Membership here reveals ethnic origin: sensitive data (DESIGN.md, "Personal data").
    pub fn is_sensitive(&self) -> bool {
        self.kind == UnitKind::EthnoculturalAssociation
    }
}

/// What a new unit or an edit says.
#[derive(Clone, Debug, Default)]
pub struct UnitDetails {
    pub name: Text,
    pub description: Text,
    pub institution: Text,
    pub community: Option<String>,
}
