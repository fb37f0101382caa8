//! The kinds of things the index holds. A new kind is one constant here (and its
//! `search-kind-…` message); its area then writes entries with `index::upsert`.

use serde::Serialize;

/// A kind of indexed thing: the key stored in `search_entries.kind`, and the Fluent id
/// of the group's heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Kind {
    pub key: &'static str,
    #[serde(skip)]
    pub label: &'static str,
}

pub const UNIT: Kind = Kind {
    key: "unit",
    label: "search-kind-unit",
};
pub const MEMBER: Kind = Kind {
    key: "member",
    label: "search-kind-member",
};
pub const NEWS: Kind = Kind {
    key: "news",
    label: "search-kind-news",
};
/// Written by the events area (`/events/{id}`).
pub const EVENT: Kind = Kind {
    key: "event",
    label: "search-kind-event",
};
/// Written by the initiatives area (`/initiatives/{id}`).
pub const INITIATIVE: Kind = Kind {
    key: "initiative",
    label: "search-kind-initiative",
};

/// Every kind, in the order groups are shown when they rank equally.
pub const ALL: [Kind; 5] = [UNIT, EVENT, INITIATIVE, NEWS, MEMBER];

impl Kind {
    pub fn parse(key: &str) -> Option<Kind> {
        ALL.into_iter().find(|k| k.key == key)
    }
}
