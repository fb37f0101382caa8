//! Which language a request is answered in.

use super::Locale;

/// `?lang=` (which the caller then remembers in a cookie), else that cookie, else the
/// account's setting, else the best of `Accept-Language`, else Kazakh.
pub fn negotiate(
    query: Option<&str>,
    cookie: Option<&str>,
    account: Option<Locale>,
    accept_language: Option<&str>,
) -> Locale {
    query
        .and_then(Locale::parse)
        .or_else(|| cookie.and_then(Locale::parse))
        .or(account)
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or(Locale::Kk)
}

/// The supported language with the highest quality in an `Accept-Language` header.
fn from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, Locale)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality <= 0.0 {
            continue;
        }
        if let Some(locale) = Locale::parse(tag)
            && best.is_none_or(|(q, _)| quality > q)
        {
            best = Some((quality, locale));
        }
    }
    best.map(|(_, locale)| locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_beats_cookie_beats_account_beats_header() {
        let header = Some("en-US,en;q=0.9");
        assert_eq!(
            negotiate(Some("ru"), Some("en"), Some(Locale::Kk), header),
            Locale::Ru
        );
        assert_eq!(
            negotiate(None, Some("kk-Latn"), Some(Locale::Ru), header),
            Locale::KkLatn
        );
        assert_eq!(negotiate(None, None, Some(Locale::Ru), header), Locale::Ru);
        assert_eq!(negotiate(None, None, None, header), Locale::En);
        assert_eq!(negotiate(None, None, None, None), Locale::Kk);
    }

    #[test]
    fn unknown_values_are_skipped() {
        assert_eq!(
            negotiate(Some("xx"), Some("zz"), None, Some("de-DE, ru;q=0.5")),
            Locale::Ru
        );
        assert_eq!(
            negotiate(None, None, None, Some("de, fr;q=0.8")),
            Locale::Kk
        );
        assert_eq!(
            negotiate(None, None, None, Some("ru;q=0, en;q=0.1")),
            Locale::En
        );
        assert_eq!(
            negotiate(None, None, None, Some("kk-KZ;q=0.8, ru-RU;q=0.9")),
            Locale::Ru
        );
    }
}
