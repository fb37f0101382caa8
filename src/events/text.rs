//! An event's description as HTML: Markdown rendered and sanitized on the server
//! (`crate::markdown::render`), and a plain excerpt for lists and feeds.

/// The description as safe HTML.
pub fn html(markdown: &str) -> String {
    // Until `crate::markdown` lands: every character escaped, paragraphs kept.
    let escaped = askama::filters::escape(markdown, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_default();
    escaped
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", p.trim().replace('\n', "<br>")))
        .collect()
}

/// A plain excerpt of at most `max` characters.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let plain: String = markdown
        .chars()
        .filter(|c| !matches!(c, '#' | '*' | '_' | '`' | '>' | '[' | ']'))
        .collect();
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if plain.chars().count() <= max {
        plain
    } else {
        let cut: String = plain.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}
