//! The first pass over a whole page: the `<html>` language and direction,
//! `<title>`, `<meta>` and canonical link, and the candidate roots
//! (`<article>`s outside chrome, `<main>`, `<body>`) with their extent.

use super::inline::collapse;
use super::tags::DROPPED;
use super::{reversed_children, text_content, MarkupNode};

/// A candidate root: the node, its depth-first index range, and whether an
/// `<h1>` lies inside.
pub(super) struct Candidate<N> {
    pub(super) node: N,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) has_h1: bool,
}

/// What one pass over the whole tree learns before the article is read.
pub(super) struct Survey<N> {
    pub(super) html_lang: Option<String>,
    pub(super) html_dir: Option<String>,
    pub(super) title: Option<String>,
    pub(super) metas: Vec<(String, String)>,
    pub(super) canonical: Option<String>,
    pub(super) articles: Vec<Candidate<N>>,
    pub(super) main: Option<Candidate<N>>,
    pub(super) body: Option<Candidate<N>>,
    /// Outermost `<aside>`s with their depth-first index.
    pub(super) asides: Vec<(usize, N)>,
    /// The text of every `<script type="application/ld+json">`.
    pub(super) json_ld: Vec<String>,
}

/// Which candidate a stack frame's element is, so its end can be recorded.
#[derive(Clone, Copy)]
pub(super) enum Owner {
    Nothing,
    Article(usize),
    Main,
    Body,
}

/// One level of the iterative depth-first walk.
pub(super) struct Frame<N> {
    /// Children still to visit, last first.
    pub(super) nodes: Vec<N>,
    /// Inside `aside`, `nav` or `footer`: articles there are teasers.
    pub(super) in_chrome: bool,
    /// The innermost enclosing candidate article.
    pub(super) article: Option<usize>,
    /// The element whose children these are.
    pub(super) owner: Owner,
}

impl<N: MarkupNode> Survey<N> {
    /// One depth-first pass over everything under `root` (inclusive).
    pub(super) fn take(root: &N) -> Survey<N> {
        let mut survey = Survey {
            html_lang: None,
            html_dir: None,
            title: None,
            metas: Vec::new(),
            canonical: None,
            articles: Vec::new(),
            main: None,
            body: None,
            asides: Vec::new(),
            json_ld: Vec::new(),
        };
        let mut index = 0usize;
        let mut stack = vec![Frame {
            nodes: vec![root.clone()],
            in_chrome: false,
            article: None,
            owner: Owner::Nothing,
        }];
        while let Some(frame) = stack.last_mut() {
            let Some(node) = frame.nodes.pop() else {
                let owner = frame.owner;
                stack.pop();
                survey.close(owner, index);
                continue;
            };
            let (in_chrome, article) = (frame.in_chrome, frame.article);
            let this = index;
            index += 1;
            let Some(name) = node.element_name() else {
                if node.text().is_none() {
                    // A document or fragment node: look inside.
                    let nodes = reversed_children(&node);
                    stack.push(Frame {
                        nodes,
                        in_chrome,
                        article,
                        owner: Owner::Nothing,
                    });
                }
                continue;
            };
            if name == "h1" {
                if let Some(a) = article.and_then(|a| survey.articles.get_mut(a)) {
                    a.has_h1 = true;
                }
            }
            let owner = survey.note(&node, &name, this, in_chrome);
            // Look inside <head> for metadata, but not into scripts and the like.
            if name == "title" || (name != "head" && DROPPED.contains(&name.as_str())) {
                continue;
            }
            let nodes = reversed_children(&node);
            let article = if let Owner::Article(a) = owner {
                Some(a)
            } else {
                article
            };
            let in_chrome = in_chrome || matches!(name.as_str(), "aside" | "nav" | "footer");
            stack.push(Frame {
                nodes,
                in_chrome,
                article,
                owner,
            });
        }
        survey
    }

    pub(super) fn close(&mut self, owner: Owner, end: usize) {
        let candidate = match owner {
            Owner::Nothing => None,
            Owner::Article(i) => self.articles.get_mut(i),
            Owner::Main => self.main.as_mut(),
            Owner::Body => self.body.as_mut(),
        };
        if let Some(c) = candidate {
            c.end = end;
        }
    }

    /// Record what an element tells about the page.
    pub(super) fn note(&mut self, node: &N, name: &str, index: usize, in_chrome: bool) -> Owner {
        let candidate = |node: &N| Candidate {
            node: node.clone(),
            start: index,
            end: usize::MAX,
            has_h1: false,
        };
        match name {
            "html" if self.html_lang.is_none() && self.html_dir.is_none() => {
                self.html_lang = node
                    .attr("lang")
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
                self.html_dir = node.attr("dir");
            }
            "title" if self.title.is_none() => {
                self.title = Some(collapse(&text_content(node))).filter(|t| !t.is_empty());
            }
            "meta" => {
                let key = node.attr("property").or_else(|| node.attr("name"));
                if let (Some(key), Some(content)) = (key, node.attr("content")) {
                    let content = collapse(&content);
                    if !content.is_empty() {
                        self.metas.push((key.trim().to_ascii_lowercase(), content));
                    }
                }
            }
            "link" if self.canonical.is_none() => {
                let rel = node.attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    self.canonical = node.attr("href").map(|h| h.trim().to_string());
                }
            }
            "article" if !in_chrome => {
                self.articles.push(candidate(node));
                return Owner::Article(self.articles.len() - 1);
            }
            "main" if self.main.is_none() && !in_chrome => {
                self.main = Some(candidate(node));
                return Owner::Main;
            }
            "body" if self.body.is_none() => {
                self.body = Some(candidate(node));
                return Owner::Body;
            }
            "aside" if !in_chrome => self.asides.push((index, node.clone())),
            "script" if super::tags::is_json_ld(node, name) => {
                let text: String = node.children().iter().filter_map(MarkupNode::text).collect();
                self.json_ld.push(text);
            }
            _ => {}
        }
        Owner::Nothing
    }

    /// The article root and its index range.
    pub(super) fn root(&self, given: &N) -> (N, usize, usize) {
        let chosen = self
            .articles
            .iter()
            .find(|a| a.has_h1)
            .or(self.articles.first())
            .or(self.main.as_ref())
            .or(self.body.as_ref());
        match chosen {
            Some(c) => (c.node.clone(), c.start, c.end),
            None => (given.clone(), 0, usize::MAX),
        }
    }

    pub(super) fn meta(&self, key: &str) -> Option<String> {
        self.metas.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    pub(super) fn metas(&self, key: &str) -> Vec<String> {
        self.metas
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub(super) fn fallback_headline(&self) -> Option<String> {
        if let Some(t) = self.meta("og:title") {
            return Some(t);
        }
        let title = self.title.clone()?;
        // "Headline | Site" or "Headline - Site": drop the site name.
        for sep in [" | ", " - ", " — ", " – "] {
            if let Some((head, _site)) = title.rsplit_once(sep) {
                if !head.trim().is_empty() {
                    return Some(head.trim().to_string());
                }
            }
        }
        Some(title)
    }
}
