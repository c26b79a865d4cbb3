//! Helpers for the render tests: articles built in code (the seed among
//! them), a small HTML tokenizer and a text-content extractor.
#![allow(dead_code)]

use rtl_article::model::{Article, BlockKind, Figure, Link, Mark, Publisher, Span, Text};

/// The seed article (tests/fixtures/seed-raqqa.txt) built in code from the
/// fixture's own lines: headline, standfirst, the orphaned image caption,
/// the body paragraphs and the section, exactly as scraped.
pub fn seed_article() -> Article {
    let raw = include_str!("../fixtures/seed-raqqa.txt");
    let blocks: Vec<&str> = raw.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).collect();
    let mut article = Article::new(blocks[0]);
    let mut intro = blocks[1].lines();
    article.standfirst = intro.next().map(Text::plain);
    article.lead = intro.next().map(|caption| Figure {
        caption: Some(Text::plain(caption)),
        ..Figure::default()
    });
    for block in &blocks[2..] {
        if let Some(section) = block.strip_prefix("أقسام\n") {
            article.section = Some(section.trim().to_string());
        } else if *block != "أخبار متعلقة" {
            article.body.push(
                BlockKind::Paragraph {
                    text: Text::plain(*block),
                }
                .into(),
            );
        }
    }
    article.published = "2017-05-27T09:30:00+03:00".parse().ok();
    article
}

/// An article that uses every block type, marks, and the bidi cases the
/// renderer must isolate.
pub fn rich_article() -> Article {
    let mut a = Article::new("أبل تطلق iPhone 15 في 2023/9/12 بسعر 799$");
    a.standfirst = Some(Text::plain("قال Tim Cook إن المبيعات ارتفعت بنسبة 45% خلال الربع الأول"));
    a.byline = Some("بقلم سامر الأحمد".into());
    a.published = "2023-09-12".parse().ok();
    a.updated = "2023-09-13T08:00:00Z".parse().ok();
    a.section = Some("تكنولوجيا".into());
    a.tags = vec!["أبل".into(), "iPhone".into()];
    a.url = Some("https://example.com/ar/tech/iphone-15".into());
    a.publisher = Some(Publisher {
        name: "أخبار التقنية".into(),
        url: Some("https://example.com".into()),
        logo: Some("https://example.com/logo.png".into()),
    });
    a.lead = Some(Figure {
        src: Some("https://example.com/img/iphone.jpg".into()),
        alt: Some("هاتف iPhone 15 على طاولة".into()),
        caption: Some(Text::plain("الهاتف الجديد في متجر Apple (Fifth Avenue)")),
        credit: Some("رويترز/Reuters".into()),
        width: Some(1200),
        height: Some(675),
    });

    let mut linked = Text::plain("وذكرت ");
    linked.push_marked(
        "BBC News",
        Mark::Link {
            href: "https://www.bbc.com/arabic".into(),
            title: Some("بي بي سي".into()),
        },
    );
    linked.push_str(" أن ");
    linked.push_marked("الشركة", Mark::Strong);
    linked.push_str(" باعت 1,250.5 مليون جهاز، وللاستفسار: +44 20 7946 0958 أو info@example.com");
    a.body.push(BlockKind::Paragraph { text: linked }.into());
    a.body.push(
        BlockKind::Heading {
            level: 2,
            text: Text::plain("الأسعار في 2023"),
        }
        .into(),
    );
    // Emphasis crossing into a Latin run: "المتجر Apple" emphasised, run "Apple Store".
    let mut crossing = Text::plain("يفتح ");
    let start = crossing.text.len();
    crossing.push_str("المتجر Apple Store من 09:00-18:00 يوميا");
    crossing.spans.push(Span {
        start,
        end: start + "المتجر Apple".len(),
        mark: Mark::Emphasis,
    });
    a.body.push(BlockKind::Paragraph { text: crossing }.into());
    a.body.push(
        BlockKind::Blockquote {
            text: Text::plain("“نحن فخورون بهذا الجهاز”"),
            attribution: Some(Text::plain("Tim Cook، الرئيس التنفيذي")),
            cite: Some("https://example.com/keynote".into()),
        }
        .into(),
    );
    a.body.push(
        BlockKind::PullQuote {
            text: Text::plain("\"أفضل هاتف صنعناه\""),
            attribution: None,
        }
        .into(),
    );
    a.body.push(
        BlockKind::List {
            ordered: true,
            items: vec![Text::plain("شاشة 6.1 بوصة"), Text::plain("كاميرا 48 ميغابكسل")],
        }
        .into(),
    );
    a.body.push(
        BlockKind::List {
            ordered: false,
            items: vec![Text::plain("اللون الأزرق"), Text::plain("اللون الأسود")],
        }
        .into(),
    );
    a.body.push(
        BlockKind::Figure(Figure {
            src: Some("/img/camera.jpg".into()),
            alt: None,
            caption: Some(Text::plain("الكاميرا الخلفية")),
            credit: None,
            width: None,
            height: None,
        })
        .into(),
    );
    a.body.push(
        BlockKind::Related {
            title: Some("اقرأ أيضا".into()),
            links: vec![Link {
                title: "أبل تكشف عن iOS 17".into(),
                url: "/ar/tech/ios-17".into(),
            }],
        }
        .into(),
    );
    a.related = vec![
        Link {
            title: "سامسونج ترد بهاتف Galaxy S24".into(),
            url: "https://example.com/ar/tech/s24".into(),
        },
        Link {
            title: "أسهم أبل ترتفع 3%".into(),
            url: "https://example.com/ar/economy/apple".into(),
        },
    ];
    a
}

/// A start tag: its name and attributes (names lower-cased, values decoded).
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A piece of tokenized HTML.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Start(Tag),
    End(String),
    Text(String),
    /// Raw content of <script>/<style>, not decoded.
    Raw(String),
    Comment(String),
    Doctype,
}

/// Tokenize HTML the way a browser's tokenizer splits tags (enough for
/// checking our own output: quoted and unquoted attribute values, raw text
/// elements, comments). Anything that looks like a tag is reported, so
/// injected markup cannot hide.
pub fn tokenize(html: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Token::Text(decode(rest)));
            break;
        };
        if lt > 0 {
            out.push(Token::Text(decode(&rest[..lt])));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").unwrap_or(after.len());
            out.push(Token::Comment(after[..end].to_string()));
            rest = after.get(end + 3..).unwrap_or("");
            continue;
        }
        if rest.len() > 2 && rest[..2].eq_ignore_ascii_case("<!") {
            out.push(Token::Doctype);
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            continue;
        }
        let is_end = rest.starts_with("</");
        let body = if is_end { &rest[2..] } else { &rest[1..] };
        if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // "<" not followed by a letter is text.
            out.push(Token::Text("<".into()));
            rest = &rest[1..];
            continue;
        }
        let (tag, consumed) = parse_tag(body);
        rest = &body[consumed..];
        if is_end {
            out.push(Token::End(tag.name));
        } else {
            let raw = matches!(tag.name.as_str(), "script" | "style" | "title" | "textarea");
            let name = tag.name.clone();
            out.push(Token::Start(tag));
            if raw {
                let close = format!("</{name}");
                let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                let content = &rest[..end];
                out.push(if name == "title" || name == "textarea" {
                    Token::Text(decode(content))
                } else {
                    Token::Raw(content.to_string())
                });
                rest = &rest[end..];
            }
        }
    }
    out
}

fn parse_tag(body: &str) -> (Tag, usize) {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = body[..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == start {
            i += 1; // a stray '=' or similar
            continue;
        }
        let attr_name = body[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let vstart = i + 1;
                let vend = body[vstart..].find(quote as char).map_or(body.len(), |k| vstart + k);
                value = decode(&body[vstart..vend]);
                i = (vend + 1).min(body.len());
            } else {
                let vstart = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = decode(&body[vstart..i]);
            }
        }
        attrs.push((attr_name, value));
    }
    (Tag { name, attrs }, i)
}

/// Decode the character references our writer produces, plus numeric ones.
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.find(';').filter(|&k| k < 12);
        let decoded = semi.and_then(|k| {
            let name = &rest[1..k];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "#39" | "apos" => Some('\''),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, k + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The visible text of the `<article>` minus what the renderer generates
/// itself: JSON-LD, `<time>` dates and `.label` words.
pub fn article_text(html: &str) -> String {
    let mut out = String::new();
    let mut skip_depth = 0usize;
    let mut stack: Vec<(String, bool)> = Vec::new();
    for token in tokenize(html) {
        match token {
            Token::Start(tag) => {
                let void = matches!(
                    tag.name.as_str(),
                    "img" | "meta" | "link" | "br" | "hr" | "source" | "wbr"
                );
                if void {
                    continue;
                }
                let generated = matches!(tag.name.as_str(), "time" | "script" | "style" | "title")
                    || tag.attr("class").is_some_and(|c| c.split(' ').any(|c| c == "label"));
                if generated {
                    skip_depth += 1;
                }
                stack.push((tag.name, generated));
            }
            Token::End(name) => {
                if let Some(pos) = stack.iter().rposition(|(n, _)| *n == name) {
                    for (_, generated) in stack.drain(pos..) {
                        if generated {
                            skip_depth -= 1;
                        }
                    }
                }
            }
            Token::Text(t) if skip_depth == 0 => out.push_str(&t),
            _ => {}
        }
    }
    out
}

/// Every start tag in `html`.
pub fn start_tags(html: &str) -> Vec<Tag> {
    tokenize(html)
        .into_iter()
        .filter_map(|t| match t {
            Token::Start(tag) => Some(tag),
            _ => None,
        })
        .collect()
}

/// Assert each text of `article` appears verbatim, in order, in `html`'s
/// visible text.
pub fn assert_texts_in_order(article: &Article, html: &str) {
    let visible = article_text(html);
    let mut from = 0;
    for t in article.texts() {
        match visible[from..].find(&t.text.text) {
            Some(at) => from += at + t.text.text.len(),
            None => panic!(
                "{} ({:?}) not found verbatim after byte {from} of the visible text:\n{visible}",
                t.path, t.text.text
            ),
        }
    }
}

/// `html` without the reader-bundle hooks (`data-block`, `data-text`,
/// `data-added` attributes), for assertions about the rest of the markup.
/// The hooks themselves are checked by `every_text_container_names_its_text_and_block`.
pub fn without_hooks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = [" data-block=\"", " data-text=\"", " data-added=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
            .min();
        let Some((at, len)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let value_end = rest[at + len..].find('"').map_or(rest.len(), |e| at + len + e + 1);
        rest = &rest[value_end..];
    }
}
