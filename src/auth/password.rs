//! Passwords: 8–128 characters, no composition rules, not one of the common passwords
//! in `data/common-passwords.txt`; hashed with Argon2id.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{Error, FieldError};

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// A password that passed the policy. Its text never reaches a log.
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    /// Checks the policy; `field` names the form field in the error.
    pub fn parse(raw: &str, field: &'static str) -> Result<Password, FieldError> {
        let chars = raw.chars().count();
        if chars == 0 {
            Err(FieldError::new(field, "required"))
        } else if chars < MIN_CHARS {
            Err(FieldError::new(field, "password_too_short"))
        } else if chars > MAX_CHARS {
            Err(FieldError::new(field, "password_too_long"))
        } else if is_common(raw) {
            Err(FieldError::new(field, "common_password"))
        } else {
            Ok(Password(raw.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn common() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../data/common-passwords.txt")
            .lines()
            .collect()
    })
}

fn is_common(raw: &str) -> bool {
    common().contains(raw.to_lowercase().as_str())
}

fn argon2() -> Argon2<'static> {
    // OWASP's first choice for Argon2id: 19 MiB, 2 iterations, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes on a blocking thread: Argon2 is deliberately slow.
pub async fn hash(password: Password) -> Result<String, Error> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.0.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(anyhow::anyhow!("hashing a password: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(anyhow::Error::new(e)))?
}

/// Verifies on a blocking thread. With no stored hash (unknown account) it still spends
/// the same time on a dummy hash, so timing does not tell which emails have accounts.
pub async fn verify(raw: String, stored: Option<String>) -> Result<bool, Error> {
    tokio::task::spawn_blocking(move || {
        let dummy;
        let stored = match &stored {
            Some(s) => s.as_str(),
            None => {
                dummy = dummy_hash();
                dummy
            }
        };
        let parsed = PasswordHash::new(stored)
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored hash: {e}")))?;
        let matches = argon2().verify_password(raw.as_bytes(), &parsed).is_ok();
        Ok(matches && stored != dummy_hash())
    })
    .await
    .map_err(|e| Error::Internal(anyhow::Error::new(e)))?
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(crate::auth::random_token(24).as_bytes(), &salt)
            .expect("hashing a random password")
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_large_enough() {
        assert!(
            common().len() >= 3000,
            "{} common passwords",
            common().len()
        );
    }

    #[test]
    fn policy_is_length_and_the_common_list_only() {
        assert_eq!(
            Password::parse("", "password").unwrap_err().code,
            "required"
        );
        assert_eq!(
            Password::parse("qwerty1", "password").unwrap_err().code,
            "password_too_short"
        );
        assert_eq!(
            Password::parse(&"ж".repeat(129), "password")
                .unwrap_err()
                .code,
            "password_too_long"
        );
        assert_eq!(
            Password::parse("Password1", "password").unwrap_err().code,
            "common_password"
        );
        assert_eq!(
            Password::parse("PASSWORD", "password").unwrap_err().code,
            "common_password"
        );
        // Eight Cyrillic letters are eight characters, though sixteen bytes.
        assert!(Password::parse("жастаржастар", "password").is_ok());
        assert!(Password::parse("ақтөбе-2026", "password").is_ok());
        assert!(Password::parse(&"ж".repeat(128), "password").is_ok());
    }

    #[tokio::test]
    async fn hashes_verify_only_the_right_password() {
        let hash = super::hash(Password::parse("ақтөбе-2026", "password").unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify("ақтөбе-2026".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("ақтөбе-2027".into(), Some(hash)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }
}
