//! Cookie names and attributes in one place.
//!
//! Over HTTPS every cookie is `Secure` and carries the `__Host-` prefix, which also
//! pins it to this host and path `/`.

use axum_extra::extract::cookie::{Cookie, SameSite};
use time::Duration;

pub const SESSION: &str = "ortaq_session";
pub const CSRF: &str = "ortaq_csrf";
pub const LANG: &str = "ortaq_lang";
pub const DEVICE: &str = "ortaq_device";

/// The name a cookie has on the wire.
pub fn name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// A cookie readable only by the server (`HttpOnly`, `SameSite=Lax`, path `/`).
pub fn build(
    base: &str,
    value: String,
    secure: bool,
    max_age: Option<Duration>,
) -> Cookie<'static> {
    let mut cookie = Cookie::new(name(base, secure), value);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_path("/");
    cookie.set_secure(secure);
    if let Some(age) = max_age {
        cookie.set_max_age(age);
    }
    cookie
}

/// A cookie that deletes `base` at the client.
pub fn removal(base: &str, secure: bool) -> Cookie<'static> {
    let mut cookie = build(base, String::new(), secure, Some(Duration::ZERO));
    cookie.make_removal();
    cookie
}
