//! Accounts: people who sign in, and the roles they hold in the organisation tree.

pub mod model;
pub mod storage;

pub use model::{CurrentUser, DisplayName, Email, Grant, Role, User};
