//! The one error type every public function returns.
//!
//! An [`Error`] carries a human-readable message that names the field, line or
//! position at fault (for JSON input, a path such as `body[3].text`), and a
//! coarse [`ErrorKind`] so callers can branch without parsing the message.

use std::fmt;

/// What went wrong, broadly. The message says exactly where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed (JSON syntax, HTML that cannot be read, …).
    Syntax,
    /// The input is well-formed but a field has the wrong type or value.
    Invalid,
    /// The input is larger than a configured limit; the message names the limit.
    TooLarge,
    /// A publisher catalog entry is wrong; the message names the entry.
    Catalog,
    /// Reading or writing a file or stream failed.
    Io,
}

/// An error with a message that names the field or position at fault.
///
/// ```
/// let err = rtl_article::ingest::json::import(r#"{"headline": 3}"#).unwrap_err();
/// assert_eq!(err.to_string(), "headline: expected a string or an array of inline runs, found a number");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// A field at `path` has the wrong type or value.
    pub fn invalid(path: impl fmt::Display, what: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Invalid, format!("{path}: {what}"))
    }

    /// Something at `path` exceeds `limit` (named, with its value, in the message).
    pub fn too_large(path: impl fmt::Display, what: impl fmt::Display) -> Self {
        Error::new(ErrorKind::TooLarge, format!("{path}: {what}"))
    }

    /// The broad kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without a kind prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::new(ErrorKind::Io, err.to_string())
    }
}

/// Shorthand for `Result<T, rtl_article::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
