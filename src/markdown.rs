//! Markdown that members write (event and initiative descriptions), rendered to HTML that
//! is safe to put in a page as it is.
//!
//! Sanitizing is done on the parser's events, not on the HTML afterwards: nothing the
//! writer typed ever reaches the page as markup.
//! - Raw HTML (block or inline) is shown as text: `<script>` arrives as `&lt;script&gt;`.
//! - Links keep only `http`, `https`, `mailto`, relative and `#` addresses; any other scheme
//!   (`javascript:`, `data:`, `vbscript:` …) drops the link and keeps its words. Links get
//!   `rel="nofollow ugc noopener"`.
//! - Images become their alternative text: a page of Ortaq loads nothing from elsewhere.
//! - Headings move two levels down (`#` becomes `<h3>`), under the page's own headings.
//! - A fenced code block keeps its language (`language-…` class) only when it is a plain
//!   name (letters, digits, `+ - _ . #`); anything else is a block without one.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The sanitized HTML of `source`.
pub fn render(source: &str) -> String {
    let mut links = Vec::new();
    let mut in_image = 0usize;
    let events = Parser::new_ext(source, options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        Event::Start(Tag::Link { dest_url, .. }) => {
            let safe = is_safe_url(&dest_url);
            links.push(safe);
            safe.then(|| {
                Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{}\" rel=\"nofollow ugc noopener\">",
                    escape_attribute(dest_url.trim())
                )))
            })
        }
        Event::End(TagEnd::Link) => links
            .pop()
            .unwrap_or(false)
            .then_some(Event::InlineHtml(CowStr::Borrowed("</a>"))),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(language)))
            if !is_plain_language(&language) =>
        {
            Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                CowStr::Borrowed(""),
            ))))
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The words of `source` without markup, whitespace collapsed, cut to at most
/// `max_chars` characters (with "…" when cut): for lists and previews.
pub fn excerpt(source: &str, max_chars: usize) -> String {
    let mut words = String::new();
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                words.push_str(&t)
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => words.push(' '),
            _ => {}
        }
    }
    let collapsed = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let cut: String = collapsed
        .chars()
        .take(max_chars.saturating_sub(1))
        .collect();
    format!("{}…", cut.trim_end())
}

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Whether a fenced block's language is a name (`rust`, `c++`, `objective-c`, `c#`).
fn is_plain_language(language: &str) -> bool {
    language.len() <= 40
        && language
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | '_' | '.' | '#'))
}

/// Whether a link address may be followed from an Ortaq page. Browsers ignore tabs,
/// newlines and leading control characters in a scheme (`java\tscript:`), so those are
/// removed before the scheme is read.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.is_empty() {
        return false;
    }
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        // No scheme, or the colon comes after the path began: a relative address.
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => matches!(&cleaned[..colon], "http" | "https" | "mailto"),
    }
}

fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render("Сәлем <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn dangerous_links_lose_their_address_but_keep_their_words() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
        ] {
            let html = render(&format!("[басыңыз]({url})"));
            assert!(!html.contains("<a"), "{url}: {html}");
            assert!(html.contains("басыңыз"), "{url}: {html}");
        }
        // The same through an autolink and a reference link.
        assert!(!render("<javascript:alert(1)>").contains("<a "));
        assert!(!render("[x][r]\n\n[r]: javascript:alert(1)").contains("<a "));
    }

    #[test]
    fn ordinary_links_stay_and_are_marked_as_user_content() {
        let html = render(
            "[Telegram](https://t.me/aktobe_jastary) және [хат](mailto:a@b.kz), [мына бет](/events/3?x=1:2)",
        );
        assert!(
            html.contains(
                r#"<a href="https://t.me/aktobe_jastary" rel="nofollow ugc noopener">Telegram</a>"#
            ),
            "{html}"
        );
        assert!(html.contains(r#"href="mailto:a@b.kz""#), "{html}");
        assert!(html.contains(r#"href="/events/3?x=1:2""#), "{html}");
    }

    #[test]
    fn quotes_in_an_address_cannot_open_an_attribute() {
        let html = render(r#"[x](https://a.kz/"onmouseover="alert(1))"#);
        assert!(!html.contains(r#""onmouseover"#), "{html}");
    }

    #[test]
    fn a_code_language_is_kept_only_when_it_is_a_name() {
        assert!(render("```rust\nfn main() {}\n```").contains(r#"<code class="language-rust">"#));
        // Fuzzing found this one: form feeds and vertical tabs are not spaces to CommonMark,
        // so the whole line was the language (escaped, so harmless, but not a language).
        let html = render("```fff\u{c}L<s\u{b}DD=\u{b}=javascript:\u{b}<VV\nx\n```");
        assert!(html.starts_with("<pre><code>x"), "{html}");
    }

    #[test]
    fn images_become_their_words() {
        let html = render("![Наурыз тойы](https://example.com/a.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("Наурыз тойы"), "{html}");
    }

    #[test]
    fn headings_sit_under_the_page_headings() {
        assert!(render("# Бағдарлама").contains("<h3>Бағдарлама</h3>"));
        assert!(render("## Тіркелу").contains("<h4>Тіркелу</h4>"));
    }

    #[test]
    fn lists_emphasis_and_tables_work() {
        let html =
            render("**Маңызды**: _ескерту_\n\n- бір\n- екі\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        assert!(html.contains("<strong>Маңызды</strong>"));
        assert!(html.contains("<em>ескерту</em>"));
        assert!(html.contains("<li>бір</li>"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn excerpt_is_plain_and_cut_at_characters() {
        assert_eq!(
            excerpt("# Наурыз\n\n**Мереке** барлығына!", 100),
            "Наурыз Мереке барлығына!"
        );
        assert_eq!(excerpt("Қазақ тілі клубы", 8), "Қазақ т…");
        assert_eq!(excerpt("<b>x</b>", 20), "<b>x</b>");
    }
}
