//! Search across everything people look for, whatever script they type in.
//!
//! - `fold.rs`: the skeleton every text and query is folded to (Kazakh Cyrillic, Kazakh
//!   Latin 2021, informal Latin and Cyrillic typed without Kazakh letters meet there).
//! - `kinds.rs`: the registry of kinds (unit, member, news, event, initiative): the key
//!   stored in the index and the message that names the group.
//! - `index.rs`: the one index table. `index::upsert` / `index::remove` are called in the
//!   same write transaction as every write of an indexed thing, so the index never lags;
//!   `index::ensure_fresh` rebuilds it at start when the fold changed.
//! - `sources.rs`: what the index holds for a unit and for a member of the directory.
//! - `query.rs`: one interface, the same statements on both backends: prefix ranges in the
//!   word index (`search_words`), led by the rarest word, stopped early, filtered by what the
//!   caller may see, then ranked in Rust.
//! - `routes.rs`: `GET /api/v1/search?q=…` and the `/search` page.

pub mod fold;
pub mod index;
pub mod kinds;
pub mod query;
pub mod routes;
pub mod sources;

pub use kinds::Kind;
pub use routes::router;
