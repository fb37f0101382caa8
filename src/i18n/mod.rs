//! Languages: Kazakh (Cyrillic and, generated from it, Latin), Russian and English.
//!
//! Every text a person reads comes from the Fluent files in `locales/{kk,ru,en}/`.
//! `kk-Latn` uses the Kazakh messages and transliterates them with [`latin::to_latin`];
//! user-written content ([`Text`]) is transliterated the same way.

pub mod collate;
pub mod format;
pub mod latin;
mod messages;
mod negotiate;

pub use messages::{Args, message_ids, translate};
pub use negotiate::negotiate;

use serde::{Deserialize, Serialize};

/// The language a page is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[serde(rename = "kk")]
    Kk,
    #[serde(rename = "kk-Latn")]
    KkLatn,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::Kk, Locale::KkLatn, Locale::Ru, Locale::En];

    /// The BCP 47 tag, as used in `?lang=`, `<html lang>` and the database.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Kk => "kk",
            Locale::KkLatn => "kk-Latn",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// Parses a tag case-insensitively (`kk`, `kk-Latn`, `kk-latn`, `ru`, `ru-RU`, `en-GB`, …).
    pub fn parse(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        match parts.next()? {
            "kk" => Some(if parts.any(|p| p == "latn") {
                Locale::KkLatn
            } else {
                Locale::Kk
            }),
            "ru" => Some(Locale::Ru),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The language whose messages this locale shows (`kk-Latn` shows Kazakh).
    pub fn language(self) -> Language {
        match self {
            Locale::Kk | Locale::KkLatn => Language::Kk,
            Locale::Ru => Language::Ru,
            Locale::En => Language::En,
        }
    }

    /// How the switch on every page names this locale, in the locale itself.
    pub fn self_name(self) -> &'static str {
        match self {
            Locale::Kk => "Қазақша",
            Locale::KkLatn => "Qazaqşa",
            Locale::Ru => "Русский",
            Locale::En => "English",
        }
    }

    /// Short label for the switch.
    pub fn short_name(self) -> &'static str {
        match self {
            Locale::Kk => "ҚАЗ",
            Locale::KkLatn => "QAZ",
            Locale::Ru => "РУС",
            Locale::En => "ENG",
        }
    }

    /// Applies the script of this locale to Kazakh Cyrillic text.
    pub fn script(self, text: &str) -> String {
        match self {
            Locale::KkLatn => latin::to_latin(text),
            _ => text.to_string(),
        }
    }
}

/// A language with its own Fluent messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    Kk,
    Ru,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Kk, Language::Ru, Language::En];

    pub fn tag(self) -> &'static str {
        match self {
            Language::Kk => "kk",
            Language::Ru => "ru",
            Language::En => "en",
        }
    }
}

/// A user-written text in Kazakh and Russian; either may be missing, not both.
///
/// In the API it is the object `{"kk": "…", "ru": "…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Text {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kk: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
}

/// A [`Text`] chosen for a reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// The language the text is really in.
    pub lang: &'static str,
    /// True when the reader's language was missing and the other one is shown.
    pub fallback: bool,
}

impl Text {
    pub fn new(kk: Option<String>, ru: Option<String>) -> Text {
        let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Text {
            kk: clean(kk),
            ru: clean(ru),
        }
    }

    pub fn both(kk: &str, ru: &str) -> Text {
        Text::new(Some(kk.to_string()), Some(ru.to_string()))
    }

    pub fn is_empty(&self) -> bool {
        self.kk.is_none() && self.ru.is_none()
    }

    /// The reader's language, or the other one marked as a fallback. Kazakh readers
    /// see Kazakh first; Russian and English readers see Russian first.
    pub fn show(&self, locale: Locale) -> Shown {
        let kk = self.kk.as_deref().map(|t| Shown {
            text: locale.script(t),
            lang: if locale == Locale::KkLatn {
                "kk-Latn"
            } else {
                "kk"
            },
            fallback: false,
        });
        let ru = self.ru.as_deref().map(|t| Shown {
            text: t.to_string(),
            lang: "ru",
            fallback: false,
        });
        let (first, second) = match locale.language() {
            Language::Kk => (kk, ru),
            Language::Ru | Language::En => (ru, kk),
        };
        let english_reader = locale == Locale::En;
        match (first, second) {
            (Some(s), _) => Shown {
                fallback: english_reader,
                ..s
            },
            (None, Some(s)) => Shown {
                fallback: true,
                ..s
            },
            (None, None) => Shown {
                text: String::new(),
                lang: locale.tag(),
                fallback: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_leniently() {
        assert_eq!(Locale::parse("kk-Latn"), Some(Locale::KkLatn));
        assert_eq!(Locale::parse("KK-latn-KZ"), Some(Locale::KkLatn));
        assert_eq!(Locale::parse("kk-KZ"), Some(Locale::Kk));
        assert_eq!(Locale::parse("ru_RU"), Some(Locale::Ru));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn text_falls_back_to_the_other_language_with_a_mark() {
        let only_ru = Text::new(None, Some("Клуб «Достық»".into()));
        let shown = only_ru.show(Locale::Kk);
        assert_eq!(shown.text, "Клуб «Достық»");
        assert!(shown.fallback);
        assert_eq!(shown.lang, "ru");

        let both = Text::both("Достық клубы", "Клуб «Достық»");
        assert_eq!(both.show(Locale::KkLatn).text, "Dostyq kluby");
        assert!(!both.show(Locale::Ru).fallback);
        assert_eq!(both.show(Locale::Ru).text, "Клуб «Достық»");
    }

    #[test]
    fn blank_versions_count_as_missing() {
        let t = Text::new(Some("  ".into()), Some(" Ақтөбе ".into()));
        assert_eq!(t.kk, None);
        assert_eq!(t.ru.as_deref(), Some("Ақтөбе"));
    }
}
