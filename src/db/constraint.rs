//! One name for a violated constraint, whichever backend reported it.
//!
//! PostgreSQL reports the constraint's name. SQLite reports
//! `UNIQUE constraint failed: users.email` for unique keys (mapped here to the name
//! PostgreSQL gives the same key, `users_email_key`), `CHECK constraint failed: name`
//! for named checks, and a trigger's `RAISE(ABORT, 'name')` message as is. The
//! migrations of both backends name constraints alike so that these agree.

/// PostgreSQL's "deadlock detected" (SQLSTATE 40P01). Two transactions inserting rows that
/// conflict under one exclusion constraint can each wait for the other (unlike a unique
/// index, an exclusion constraint has no special path for that); PostgreSQL then aborts one.
pub fn is_deadlock(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .and_then(|e| e.code())
        .is_some_and(|code| code == "40P01")
}

/// The name of the constraint a database error violated, if it is one.
pub fn constraint_name(err: &sqlx::Error) -> Option<String> {
    let db_err = err.as_database_error()?;
    if let Some(name) = db_err.constraint() {
        return Some(name.to_string());
    }
    sqlite_constraint_name(db_err.message())
}

fn sqlite_constraint_name(message: &str) -> Option<String> {
    if let Some(columns) = message.strip_prefix("UNIQUE constraint failed: ") {
        let mut table = "";
        let mut name = String::new();
        for column in columns.split(", ") {
            let (t, c) = column.split_once('.')?;
            table = t;
            name.push('_');
            name.push_str(c);
        }
        return Some(format!("{table}{name}_key"));
    }
    if let Some(name) = message.strip_prefix("CHECK constraint failed: ") {
        return Some(name.trim().to_string());
    }
    if message == "FOREIGN KEY constraint failed" {
        return Some("foreign_key".to_string());
    }
    // Triggers raise their constraint's name as the whole message.
    let is_name = !message.is_empty()
        && message
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    is_name.then(|| message.to_string())
}

#[cfg(test)]
mod tests {
    use super::sqlite_constraint_name;

    #[test]
    fn sqlite_messages_map_to_postgres_names() {
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: users.email").as_deref(),
            Some("users_email_key")
        );
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: role_grants.user_id, role_grants.role, role_grants.unit_id").as_deref(),
            Some("role_grants_user_id_role_unit_id_key")
        );
        assert_eq!(
            sqlite_constraint_name("bookings_no_overlap").as_deref(),
            Some("bookings_no_overlap")
        );
        assert_eq!(
            sqlite_constraint_name("CHECK constraint failed: bookings_interval").as_deref(),
            Some("bookings_interval")
        );
        assert_eq!(sqlite_constraint_name("database is locked"), None);
    }
}
