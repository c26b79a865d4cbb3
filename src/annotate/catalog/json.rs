//! Reading a catalog from JSON, with an error that names the entry
//! (`entities[3] ("الرقة"): type: …`) whenever one is wrong. An entity's
//! `url` follows the [URL policy](crate::url): a scheme the policy refuses
//! is an error here, since a catalog is the publisher's configuration.

use serde_json::Value;

use super::{catalog_error, Catalog, Entity};
use crate::annotate::EntityType;
use crate::error::{Error, ErrorKind, Result};

impl Catalog {
    /// Read a catalog from JSON: an array of entries, or `{"entities": [...]}`.
    /// Each entry has `id`, `type` (person, place, organization, event,
    /// topic), `names` (non-empty), and optionally `url`, `description` and
    /// `enclitics` (bool).
    ///
    /// ```
    /// use rtl_article::annotate::catalog::Catalog;
    /// let err = Catalog::from_json(r#"[{"id": "r", "type": "city", "names": ["الرقة"]}]"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"entities[0] ("الرقة"): type: expected one of person, place, organization, event, topic, found "city""#
    /// );
    /// ```
    pub fn from_json(json: &str) -> Result<Catalog> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            Error::new(
                ErrorKind::Syntax,
                format!("catalog: line {} column {}: {e}", e.line(), e.column()),
            )
        })?;
        let list = match &value {
            Value::Array(list) => list,
            Value::Object(map) => match map.get("entities") {
                Some(Value::Array(list)) => list,
                Some(other) => {
                    return Err(catalog_error(format!(
                        "entities: expected an array, found {}",
                        kind_of(other)
                    )))
                }
                None => {
                    return Err(catalog_error(
                        "catalog: expected an array of entries or {\"entities\": [...]}",
                    ))
                }
            },
            other => {
                return Err(catalog_error(format!(
                    "catalog: expected an array of entries or {{\"entities\": [...]}}, found {}",
                    kind_of(other)
                )))
            }
        };
        let entities = list
            .iter()
            .enumerate()
            .map(|(i, v)| parse_entry(i, v))
            .collect::<Result<Vec<_>>>()?;
        Catalog::new(entities)
    }
}

/// `entities[3] ("الرقة")`: how errors name an entry.
pub(super) fn entry_label(i: usize, name: &str) -> String {
    format!("entities[{i}] (\"{name}\")")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_entry(i: usize, v: &Value) -> Result<Entity> {
    let Value::Object(map) = v else {
        return Err(catalog_error(format!(
            "entities[{i}]: expected an object, found {}",
            kind_of(v)
        )));
    };
    // The label names the entry by its first name, else its id, so the
    // publisher can find it in a long file.
    let first_name = map.get("names").and_then(|n| n.get(0)).and_then(Value::as_str);
    let id_str = map.get("id").and_then(Value::as_str);
    let label = match first_name.or(id_str) {
        Some(name) => entry_label(i, name),
        None => format!("entities[{i}]"),
    };
    let err = |field: &str, what: String| catalog_error(format!("{label}: {field}: {what}"));
    let string = |field: &str, required: bool| -> Result<Option<String>> {
        match map.get(field) {
            None | Some(Value::Null) if !required => Ok(None),
            None => Err(err(field, "missing".into())),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(err(field, format!("expected a string, found {}", kind_of(other)))),
        }
    };
    let id = string("id", true)?.unwrap_or_default();
    if id.trim().is_empty() {
        return Err(err("id", "must not be empty".into()));
    }
    let entity_type = match map.get("type") {
        Some(Value::String(t)) => EntityType::from_name(t).ok_or_else(|| {
            err(
                "type",
                format!("expected one of person, place, organization, event, topic, found \"{t}\""),
            )
        })?,
        Some(other) => return Err(err("type", format!("expected a string, found {}", kind_of(other)))),
        None => return Err(err("type", "missing".into())),
    };
    let names = match map.get("names") {
        Some(Value::Array(list)) if list.is_empty() => {
            return Err(err("names", "expected at least one name".into()));
        }
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(j, n)| match n {
                Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
                Value::String(_) => Err(err(&format!("names[{j}]"), "must not be empty".into())),
                other => Err(err(
                    &format!("names[{j}]"),
                    format!("expected a string, found {}", kind_of(other)),
                )),
            })
            .collect::<Result<Vec<_>>>()?,
        Some(other) => return Err(err("names", format!("expected an array, found {}", kind_of(other)))),
        None => return Err(err("names", "missing".into())),
    };
    let url = string("url", false)?;
    // The URL policy, as an error: a catalog is the publisher's own data.
    let url = match url {
        Some(u) if super::codec::plainly_safe(&u) => Some(u),
        Some(u) => Some(crate::url::check(&u).map_err(|what| err("url", what))?),
        None => None,
    };
    let description = string("description", false)?;
    let enclitics = match map.get("enclitics") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            return Err(err(
                "enclitics",
                format!("expected a boolean, found {}", kind_of(other)),
            ))
        }
    };
    let context = match map.get("context") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(err("context", format!("expected a boolean, found {}", kind_of(other)))),
    };
    Ok(Entity {
        id,
        entity_type,
        names,
        url,
        description,
        enclitics,
        context,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_entry() {
        let cases = [
            (
                r#"[{"id": "a", "type": "place", "names": []}]"#,
                "entities[0] (\"a\"): names: expected at least one name",
            ),
            (
                r#"[{"id": "a", "type": "place", "names": ["x"]}, {"id": "a", "type": "place", "names": ["y"]}]"#,
                "entities[1] (\"y\"): id: \"a\" is already used by entities[0]",
            ),
            (r#"[{"id": "a", "names": ["x"]}]"#, "entities[0] (\"x\"): type: missing"),
            (
                r#"[{"id": "a", "type": "place", "names": ["  "]}]"#,
                "entities[0] (\"  \"): names[0]: must not be empty",
            ),
            (
                r#"[{"id": "a", "type": "place", "names": ["َ"]}]"#,
                "entities[0] (\"َ\"): names[0]: must contain letters or digits",
            ),
            (
                r#"[{"id": "a", "type": "place", "names": ["x"], "url": "javascript:alert(1)"}]"#,
                "entities[0] (\"x\"): url: scheme \"javascript:\" is not allowed (allowed: http, https, mailto, tel, or a relative URL)",
            ),
            (r#"{"entities": 3}"#, "entities: expected an array, found a number"),
        ];
        for (json, want) in cases {
            assert_eq!(Catalog::from_json(json).unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn entity_pages_follow_the_url_policy() {
        let with = |url: &str| {
            Catalog::from_json(&format!(
                r#"[{{"id": "a", "type": "place", "names": ["س"], "url": {url:?}}}]"#
            ))
        };
        for allowed in [
            "https://example.com/a",
            "/topics/a",
            "tel:+963112345678",
            "mailto:desk@example.com",
        ] {
            let c = with(allowed).unwrap_or_else(|e| panic!("{allowed}: {e}"));
            assert_eq!(c.get("a").and_then(|e| e.url.as_deref()), Some(allowed));
        }
        for refused in ["javascript:alert(1)", "data:text/html,x", "java\tscript:x"] {
            assert!(with(refused).is_err(), "{refused}");
        }
        // The URL is kept cleaned, as the renderer would write it.
        let c = with(" https://example.com/a ").unwrap();
        assert_eq!(c.get("a").and_then(|e| e.url.as_deref()), Some("https://example.com/a"));
    }
}
