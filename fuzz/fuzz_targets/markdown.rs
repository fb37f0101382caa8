//! Markdown from members (events, initiatives, news) to HTML: never panics, and the HTML
//! holds no script: no `<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>` element,
//! no `on…=` attribute and no `javascript:` / `vbscript:` / `data:` address in any tag.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ortaq::markdown;

fuzz_target!(|source: &str| {
    let html = markdown::render(source);
    // Text is escaped, so every `<` in the output opens a tag the renderer wrote.
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').expect("a tag is closed");
        let tag = after[..close].to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            !["script", "iframe", "object", "embed", "style", "form", "input", "base", "meta", "link"]
                .contains(&name.as_str())
                || (name == "input" && tag.contains("type=\"checkbox\"")),
            "element {name} in {html:?}"
        );
        for attribute in tag.split_whitespace().skip(1) {
            assert!(!attribute.starts_with("on"), "{attribute} in {html:?}");
            let value = attribute
                .split_once('=')
                .map(|(_, v)| v.trim_matches('"'))
                .unwrap_or("");
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!value.trim_start().starts_with(scheme), "{tag} in {html:?}");
            }
        }
        rest = &after[close + 1..];
    }
    let excerpt = markdown::excerpt(source, 160);
    assert!(excerpt.chars().count() <= 161);
});
