//! # rtl-article
//!
//! Correct, accessible right-to-left news articles. rtl-article takes an
//! article — JSON, text scraped from a news page, or a CMS's existing markup —
//! and renders it as semantic, bidi-safe RTL HTML with structured data, and
//! annotates it: people, places and organisations linked to the publisher's
//! catalog, dates, numbers and quotations.
//!
//! Data flows one way, through plain values:
//!
//! ```text
//! input (JSON | scraped text | HTML)
//!    │  ingest    -> Article          (model: blocks of text + inline spans)
//!    │  annotate  -> Vec<Annotation>  (ranges over block text)
//!    ▼  render    -> String (HTML)    (escape-by-construction, JSON-LD)
//! ```
//!
//! ```
//! use rtl_article::{ingest, render};
//!
//! let article = ingest::text::import("عنوان الخبر\n\nفقرة أولى عن iPhone 15.\n").unwrap();
//! let html = render::render(&article, &render::RenderOptions::default());
//! assert!(html.starts_with(r#"<article dir="rtl" lang="ar""#));
//! assert!(html.contains(r#"<bdi dir="ltr" lang="en">iPhone 15</bdi>"#));
//! ```
//!
//! Every stage but [`wasm`](crate) is pure Rust with no browser APIs: it runs
//! the same in `cargo test`, in the CLI and in Node as in the browser.
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod annotate;
pub mod error;
pub mod ingest;
pub mod model;
pub mod render;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorKind, Result};
pub use model::{Article, Block, Dir, Figure, Link, Mark, Span, Text};
