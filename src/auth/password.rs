//! Passwords: 8–128 characters, no composition rules, not one of the common passwords
//! in `data/common-passwords.txt`; hashed with Argon2id.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{self, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

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

fn params() -> Params {
    // OWASP's first choice for Argon2id: 19 MiB, 2 iterations, 1 lane.
    Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters")
}

thread_local! {
    /// Each hashing thread keeps its 19 MiB of Argon2 memory and reuses it.
    static MEMORY: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Argon2id of `password` and `salt` with `params` into `out`, in this thread's memory.
fn argon2id_into(
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        let blocks = params.block_count();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
            .hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
    })
}

/// Argon2 runs on a few threads of its own, one per core. Each computation takes 19 MiB
/// and a core for tens of milliseconds; a flood of log-ins queues here instead of
/// exhausting memory or starving every other request, and each thread reuses its memory.
fn on_hashing_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> impl Future<Output = Result<T, Error>> {
    type Job = Box<dyn FnOnce() + Send>;
    static QUEUE: OnceLock<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> = OnceLock::new();
    let queue = QUEUE.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        for i in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("ortaq-argon2-{i}"))
                .spawn(move || {
                    loop {
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                })
                .expect("starting a hashing thread");
        }
        std::sync::Mutex::new(tx)
    });
    let (done, result) = tokio::sync::oneshot::channel();
    let sent = match queue.lock() {
        Ok(queue) => queue
            .send(Box::new(move || {
                let _ = done.send(job());
            }))
            .is_ok(),
        Err(_) => false,
    };
    async move {
        if !sent {
            return Err(Error::Internal(anyhow::anyhow!(
                "the hashing threads are gone"
            )));
        }
        result
            .await
            .map_err(|_| Error::Internal(anyhow::anyhow!("a hashing job was dropped")))
    }
}

fn hash_now(password: &[u8]) -> Result<String, password_hash::Error> {
    let params = params();
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes)?;
    let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
        Ok(argon2id_into(&params, password, salt_raw, out)?)
    })?;
    Ok(PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    }
    .to_string())
}

fn verify_now(password: &[u8], stored: &str) -> Result<bool, password_hash::Error> {
    let parsed = PasswordHash::new(stored)?;
    if parsed.algorithm != Algorithm::Argon2id.ident() {
        return Err(password_hash::Error::Algorithm);
    }
    let params = Params::try_from(&parsed)?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(password_hash::Error::PhcStringField);
    };
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes)?;
    let computed = Output::init_with(expected.len(), |out| {
        Ok(argon2id_into(&params, password, salt_raw, out)?)
    })?;
    // `Output`'s equality is constant-time.
    Ok(computed == expected)
}

/// Hashes on a hashing thread: Argon2 is deliberately slow.
pub async fn hash(password: Password) -> Result<String, Error> {
    on_hashing_thread(move || {
        hash_now(password.0.as_bytes())
            .map_err(|e| Error::Internal(anyhow::anyhow!("hashing a password: {e}")))
    })
    .await?
}

/// Verifies on a hashing thread. With no stored hash (unknown account) it still spends
/// the same time on a dummy hash, so timing does not tell which emails have accounts.
pub async fn verify(raw: String, stored: Option<String>) -> Result<bool, Error> {
    on_hashing_thread(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_string());
        let matches = verify_now(raw.as_bytes(), &stored)
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored hash: {e}")))?;
        Ok(known && matches)
    })
    .await?
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_now(crate::auth::random_token(24).as_bytes()).expect("hashing a random password")
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
        // Hashes made by the argon2 crate's own hasher (as before) still verify.
        use argon2::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"another-password", &salt)
            .unwrap()
            .to_string();
        assert!(
            verify("another-password".into(), Some(theirs))
                .await
                .unwrap()
        );
    }
}
