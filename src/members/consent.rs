//! Consent texts, versioned, in Kazakh, Russian and English (`content/consent/`).
//!
//! Each acceptance is stored with its kind, version, language, time and address
//! (`consents`). A new version is a new file and a new [`CURRENT`]; people whose live
//! consent is older are asked again. Withdrawal is recorded, never deleted.

use crate::config::Operator;
use crate::i18n::{Language, Locale};

pub const PERSONAL_DATA: &str = "personal_data";
pub const ETHNOCULTURAL: &str = "ethnocultural";
pub const GUARDIAN: &str = "guardian";

/// The version of every consent text in force.
pub const CURRENT: &str = "v1";
const EFFECTIVE: &str = "2026-11-25";

fn source(kind: &str, language: Language) -> &'static str {
    match (kind, language) {
        (ETHNOCULTURAL, Language::Kk) => {
            include_str!("../../content/consent/ethnocultural-v1.kk.md")
        }
        (ETHNOCULTURAL, Language::Ru) => {
            include_str!("../../content/consent/ethnocultural-v1.ru.md")
        }
        (ETHNOCULTURAL, Language::En) => {
            include_str!("../../content/consent/ethnocultural-v1.en.md")
        }
        (GUARDIAN, Language::Kk) => include_str!("../../content/consent/guardian-v1.kk.md"),
        (GUARDIAN, Language::Ru) => include_str!("../../content/consent/guardian-v1.ru.md"),
        (GUARDIAN, Language::En) => include_str!("../../content/consent/guardian-v1.en.md"),
        (_, Language::Kk) => include_str!("../../content/consent/v1.kk.md"),
        (_, Language::Ru) => include_str!("../../content/consent/v1.ru.md"),
        (_, Language::En) => include_str!("../../content/consent/v1.en.md"),
    }
}

/// The register of data categories, for admins to print.
pub fn register_source(language: Language) -> &'static str {
    match language {
        Language::Kk => include_str!("../../content/data-register.kk.md"),
        Language::Ru => include_str!("../../content/data-register.ru.md"),
        Language::En => include_str!("../../content/data-register.en.md"),
    }
}

/// Markdown of our own (not user input) as HTML, with the operator's details filled in.
pub fn render(markdown: &str, locale: Locale, operator: &Operator) -> String {
    let filled = markdown
        .replace("{operator_address}", &operator.address)
        .replace("{operator_bin}", &operator.bin)
        .replace("{dpo_contact}", &operator.dpo_contact)
        .replace("{effective_date}", EFFECTIVE);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&filled));
    locale.script(&html)
}

/// The consent text of `kind` in the reader's language, as HTML.
pub fn text(kind: &str, locale: Locale, operator: &Operator) -> String {
    render(source(kind, locale.language()), locale, operator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_and_is_filled_in() {
        let operator = Operator::default();
        for kind in [PERSONAL_DATA, ETHNOCULTURAL, GUARDIAN] {
            for locale in Locale::ALL {
                let html = text(kind, locale, &operator);
                assert!(html.len() > 500, "{kind} {locale:?} is too short");
                assert!(
                    !html.contains('{'),
                    "{kind} {locale:?} has an unfilled placeholder"
                );
            }
        }
        let ru = text(PERSONAL_DATA, Locale::Ru, &operator);
        assert!(ru.contains("Ассамблея жастары"));
        for language in Language::ALL {
            assert!(register_source(language).len() > 500);
        }
    }
}
