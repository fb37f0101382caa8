//! Phone numbers as people type them: never panics; an accepted number is in the one
//! stored form (`+7 7xx xxx xx xx`), and reading that form again gives the same number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::members::model::Phone;

fuzz_target!(|raw: &str| {
    if let Ok(phone) = Phone::parse(raw) {
        let shown = phone.as_str().to_string();
        assert!(shown.starts_with("+7 7"), "{shown:?}");
        assert_eq!(shown.chars().filter(char::is_ascii_digit).count(), 11);
        assert_eq!(Phone::parse(&shown).map(|p| p.as_str().to_string()), Ok(shown));
    }
});
