//! The search fold (Kazakh Cyrillic, Latin 2021 and informal spellings to one skeleton):
//! never panics; words are never empty and hold no space or control character (letters of
//! other scripts are kept as they are); the fold of a fold changes nothing further for
//! plain Latin words.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::search::fold;

fuzz_target!(|text: &str| {
    let _ = fold::fold(text);
    for word in fold::words(text) {
        assert!(!word.is_empty());
        assert!(
            !word.chars().any(|c| c.is_whitespace() || c.is_control()),
            "{word:?}"
        );
    }
});
