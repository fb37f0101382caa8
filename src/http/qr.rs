//! QR codes as inline SVG (no script, no image request): booking tickets, the codes posted
//! on resources.

use qrcode::QrCode;
use qrcode::render::svg;

/// `data` as an SVG QR code, labelled for screen readers; empty if it cannot be encoded.
pub fn svg(data: &str, label: &str) -> String {
    let Ok(code) = QrCode::new(data.as_bytes()) else {
        return String::new();
    };
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // Inline in HTML: drop the XML declaration, name the image.
    let image = image
        .find("<svg")
        .map(|at| image[at..].to_string())
        .unwrap_or(image);
    let label = askama::filters::escape(label, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_default();
    image.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" class=\"qr\" "),
        1,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_qr_code_is_an_inline_labelled_svg() {
        let svg = super::svg(
            "https://ortaq.example/front-desk/check-in?code=ABCDEFGH",
            "Код <билет>",
        );
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"Код &#60;билет&#62;\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
    }
}
