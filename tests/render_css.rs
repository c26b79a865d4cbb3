//! The stylesheet serves both directions with logical properties only, and
//! carries the Arabic typography and theming surface the renderer relies on.

const CSS: &str = include_str!("../www/rtl-article.css");

/// The CSS without comments, so prose in comments cannot trip the checks.
fn rules() -> String {
    let mut out = String::new();
    let mut rest = CSS;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// Property names declared anywhere (`name:` at the start of a declaration).
fn properties(css: &str) -> Vec<String> {
    css.split(['{', ';', '}'])
        .filter_map(|decl| {
            let (name, _) = decl.split_once(':')?;
            let name = name.trim();
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn no_physical_direction_properties_or_values() {
    let css = rules();
    for prop in properties(&css) {
        let physical = ["left", "right", "top", "bottom"]
            .iter()
            .any(|side| prop == *side || prop.ends_with(&format!("-{side}")) || prop.contains(&format!("-{side}-")));
        assert!(!physical, "physical property {prop}");
    }
    let compact: String = css.split_whitespace().collect::<Vec<_>>().join(" ");
    for banned in [
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
        "clear: left",
        "clear: right",
    ] {
        assert!(!compact.contains(banned), "{banned}");
    }
    assert!(!css.contains("margin-left") && !css.contains("padding-right") && !css.contains("border-left"));
}

#[test]
fn arabic_typography_and_theming() {
    let css = rules();
    for needle in [
        "\"Noto Naskh Arabic\"",
        "\"Noto Sans Arabic\"",
        "\"Geeza Pro\"",
        "\"Segoe UI\"",
        "Tahoma",
        "1.8",
        "max-inline-size",
        "68ch",
        "@media (prefers-color-scheme: dark)",
        "@media print",
        "text-decoration-skip-ink: auto",
        "text-underline-offset",
        "text-underline-position: under",
        "unicode-bidi: isolate",
        ":host",
        ".rtl-article",
        "--rtl-article-font",
        "--rtl-article-accent",
        "--rtl-article-measure",
        ":lang(he)",
        ":lang(fa)",
        ":lang(ur)",
    ] {
        assert!(css.contains(needle), "stylesheet lacks {needle}");
    }
}

#[test]
fn braces_balance() {
    let css = rules();
    let mut depth = 0i32;
    for c in css.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0);
    }
    assert_eq!(depth, 0);
}
