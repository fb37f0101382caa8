//! A search query as typed: at most eight words, nothing at all when fewer than two
//! letters remain, and each word's prefix range (the lookup in the word index) holds the
//! word and every longer word that begins with it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::search::query;

fuzz_target!(|q: &str| {
    let terms = query::terms(q);
    assert!(terms.len() <= 8);
    let letters: usize = terms.iter().map(|t| t.chars().count()).sum();
    assert!(terms.is_empty() || letters >= query::MIN_LETTERS);
    for term in &terms {
        assert!(!term.is_empty() && !term.chars().any(char::is_whitespace), "{term:?}");
        let (lo, hi) = query::range(term);
        assert!(lo.as_str() <= term.as_str() && term.as_str() < hi.as_str(), "{term:?}");
        let longer = format!("{term}{}", char::MAX);
        assert!(longer.as_str() < hi.as_str(), "{term:?}");
    }
});
