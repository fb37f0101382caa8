//! The admin area: accounts and the roles they hold, within the admin's scope.

pub mod routes;
mod users;
