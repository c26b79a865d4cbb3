//! The URL policy: the one allowlist of schemes an article's links,
//! images, citations and catalog pages may use.
//!
//! **Allowed**: `http:`, `https:`, `mailto:`, `tel:` (any letter case), and
//! references without a scheme — paths (`/news/1`, `news/1`, `?page=2`,
//! `#top`) and network-path references (`//cdn.example.com/a.jpg`).
//! `tel:` is on the list because news pages print hotlines and newsroom
//! numbers that readers on phones tap. **Refused**: every other scheme
//! (`javascript:`, `data:`, `vbscript:`, `file:`, `blob:` …), and a
//! relative reference whose first segment holds a `:`, which a browser
//! could read as a scheme.
//!
//! Before the check, leading and trailing white space and control
//! characters are stripped and tabs and line breaks inside are removed, as
//! the WHATWG URL parser does (so `java\tscript:` is seen as
//! `javascript:`); a URL with any other control character is refused, and
//! so is one with a character reference (`&#…`, `&Tab;`) before its first
//! `:`, an attempt to hide a scheme from a checker that decodes differently.
//!
//! Where the policy applies, and what happens to a refused URL:
//!
//! | where | refused URL |
//! |---|---|
//! | JSON, scraped-text and markup importers | dropped with a warning naming the field; a link's text stays |
//! | catalog compilation (`url` of an entity) | an error naming the entry |
//! | the renderer and JSON-LD (defence in depth, for articles built in code) | not written; a link's text stays |
//!
//! ```
//! use rtl_article::url::{check, safe_url};
//! assert_eq!(safe_url(" https://example.com/أخبار ").as_deref(), Some("https://example.com/أخبار"));
//! assert_eq!(safe_url("tel:+963112345678").as_deref(), Some("tel:+963112345678"));
//! assert_eq!(safe_url("/topics/raqqa").as_deref(), Some("/topics/raqqa"));
//! assert_eq!(safe_url("java\tscript:alert(1)"), None);
//! assert_eq!(
//!     check("data:text/html,<script>").unwrap_err(),
//!     "scheme \"data:\" is not allowed (allowed: http, https, mailto, tel, or a relative URL)"
//! );
//! ```

/// The schemes a URL may have.
pub const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// `value` cleaned (see the module docs) when the policy allows it.
pub fn safe_url(value: &str) -> Option<String> {
    check(value).ok()
}

/// `value` cleaned when the policy allows it, else why not (for error
/// messages and warnings).
pub fn check(value: &str) -> Result<String, String> {
    let trimmed = value.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let url: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if url.is_empty() {
        return Err("empty URL".to_string());
    }
    if let Some(c) = url.chars().find(|c| c.is_control()) {
        return Err(format!("control character U+{:04X} in a URL", c as u32));
    }
    if let Some(colon) = url.find(':') {
        let before = url[..colon].to_ascii_lowercase();
        if before.contains("&#") || before.contains("&tab;") || before.contains("&newline;") {
            return Err("a character reference before the scheme's ':'".to_string());
        }
    }
    // The scheme, if any, is what precedes the first ':' before any '/', '?' or '#'.
    let head_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    match url[..head_end].find(':') {
        None => Ok(url),
        Some(colon) => {
            let scheme = url[..colon].to_ascii_lowercase();
            if SCHEMES.contains(&scheme.as_str()) {
                Ok(url)
            } else {
                Err(format!(
                    "scheme \"{}:\" is not allowed (allowed: {}, or a relative URL)",
                    shorten(&scheme),
                    SCHEMES.join(", ")
                ))
            }
        }
    }
}

/// At most 20 characters of a scheme for a message.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(20) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowlist() {
        let allowed = [
            ("http://example.com", "http://example.com"),
            ("HTTPS://example.com/a?b=1#c", "HTTPS://example.com/a?b=1#c"),
            ("mailto:news@example.com", "mailto:news@example.com"),
            ("tel:+44-20-7946-0958", "tel:+44-20-7946-0958"),
            ("TEL:0933123456", "TEL:0933123456"),
            ("  /ar/news/1  ", "/ar/news/1"),
            ("news/1", "news/1"),
            ("?page=2", "?page=2"),
            ("#comments", "#comments"),
            ("//cdn.example.com/a.jpg", "//cdn.example.com/a.jpg"),
            ("/search?q=a:b", "/search?q=a:b"),
            ("https://ex\nample.com", "https://example.com"),
        ];
        for (input, want) in allowed {
            assert_eq!(safe_url(input).as_deref(), Some(want), "{input:?}");
        }
        let refused = [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "\u{0}javascript:alert(1)",
            "java&#x09;script:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "blob:https://example.com/x",
            "jav\u{0}ascript:alert(1)",
            "a:b/c",
            "",
            "   ",
        ];
        for input in refused {
            assert_eq!(safe_url(input), None, "{input:?}");
            assert!(check(input).is_err());
        }
    }

    #[test]
    fn reasons_name_the_problem() {
        assert_eq!(check("").unwrap_err(), "empty URL");
        assert!(check("a\u{7}b").unwrap_err().contains("U+0007"));
        assert!(check("javascript:x").unwrap_err().starts_with("scheme \"javascript:\""));
        assert!(check("java&#115;cript:x").unwrap_err().contains("character reference"));
    }
}
