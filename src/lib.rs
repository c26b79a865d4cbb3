//! # rtl-article
//!
//! Correct, accessible right-to-left news articles. rtl-article takes an
//! article — JSON, text scraped from a news page, or a CMS's existing markup —
//! and renders it as semantic, bidi-safe RTL HTML with structured data, and
//! annotates it: people, places and organisations linked to the publisher's
//! catalog, dates, numbers and quotations.
//!
//! The seed article (a scraped Arabic news page) imported, annotated and
//! rendered in one call:
//!
//! ```
//! use rtl_article::annotate::catalog::Catalog;
//! use rtl_article::{Builder, Format};
//!
//! let seed = include_str!("../tests/fixtures/seed-raqqa.txt");
//! let catalog = Catalog::from_json(r#"[
//!     {"id": "raqqa", "type": "place", "names": ["الرقة"], "url": "https://example.com/topics/raqqa"}
//! ]"#)?;
//! let out = Builder::new().format(Format::Text).catalog(catalog).run(seed)?;
//!
//! assert!(out.html.starts_with(r#"<article dir="rtl" lang="ar" class="rtl-article">"#));
//! assert!(out.html.contains(r#"<a href="https://example.com/topics/raqqa" class="mention""#));
//! assert!(out.annotations.iter().any(|a| a.text.block == "headline"));
//! assert!(out.warnings.is_empty());
//! # Ok::<(), rtl_article::Error>(())
//! ```
//!
//! [`Builder`] is the one way in — the CLI, the wasm API, Node and the edge
//! entry all go through it with the same defaults, so they write the same
//! HTML byte for byte — and [`to_html`] the shortest. Data flows one way,
//! through plain values:
//!
//! ```text
//! input (JSON | scraped text | HTML)
//!    │  ingest    -> Article          (model: blocks with stable ids, text + inline spans)
//!    │  annotate  -> Vec<Annotation>  (ranges over block text: data, no markup)
//!    ▼  render    -> String (HTML)    (escape-by-construction, JSON-LD, data-block hooks)
//! ```
//!
//! Every stage but [`wasm`](crate) is pure Rust with no browser APIs: it runs
//! the same in `cargo test`, in the CLI and in Node as in the browser. Each
//! policy has one home: URL schemes in [`url`], dates and calendars in
//! [`date`], word lists in the (private) lexicon, clitics in
//! [`text::words`], offsets in [`text::offsets`]. `ARCHITECTURE.md` maps
//! the rest.
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod anchor;
pub mod annotate;
pub mod date;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod hash;
pub mod ingest;
mod lexicon;
pub mod model;
mod pipeline;
pub mod render;
#[cfg(any(test, feature = "fuzzing"))]
mod test_rand;
pub mod text;
pub mod url;
#[cfg(all(target_arch = "wasm32", any(feature = "reader", feature = "full")))]
pub mod wasm;

pub use error::{Error, ErrorKind, Result};
pub use model::{Article, Block, BlockKind, Dir, Figure, Link, Mark, Part, Span, Text, TextId};
pub use pipeline::{to_html, Builder, Format, Output};
