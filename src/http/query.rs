//! The query string, read one way for every list: repeated keys (`?status=a&status=b`) fill a
//! `Vec` filter and mean "any of"; an empty value, a control character or an unknown enum code
//! is a `400 invalid_query` naming the parameter (and, for an enum, the codes it takes), never
//! an empty `200`.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, FieldError};
use crate::service::page::bad_queries;

/// A query string deserialised into `T`, with the checks above.
#[derive(Debug, Clone)]
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Checks every parameter's raw value, then deserialises; every bad parameter is named.
pub fn parse<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let mut errors = Vec::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if value.is_empty() {
            errors.push(FieldError::new(
                key.as_ref(),
                format!("查询参数 {key} 的值为空；不需要该条件时请省略它。"),
                format!("The query parameter {key} is empty; leave it out when it is not wanted."),
            ));
        } else if value.chars().any(char::is_control) {
            errors.push(FieldError::new(
                key.as_ref(),
                format!("查询参数 {key} 含有控制字符（如 NUL）。"),
                format!("The query parameter {key} contains a control character (such as NUL)."),
            ));
        } else if value.contains('\u{FFFD}') && !raw_has_replacement(query) {
            errors.push(FieldError::new(
                key.as_ref(),
                format!("查询参数 {key} 不是有效的 UTF-8 文本。"),
                format!("The query parameter {key} is not valid UTF-8 text."),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(bad_queries(errors));
    }
    let de = serde_html_form::Deserializer::from_bytes(query.as_bytes());
    serde_path_to_error::deserialize(de).map_err(|e| {
        // `status[1]` names the parameter `status`: its second value.
        let path = e.path().to_string();
        let why = e.into_inner().to_string();
        let field = match path.split(['[', '.']).next() {
            Some(name) if !name.is_empty() => name.to_string(),
            _ => "query".to_string(),
        };
        bad_queries(vec![FieldError::new(
            &field,
            format!("查询参数 {field} 无效：{why}"),
            format!("The query parameter {field} is not valid: {why}"),
        )])
    })
}

/// Whether the client itself sent U+FFFD (percent-encoded as `%EF%BF%BD`), so that a lossy
/// decoding is told apart from a real replacement character.
fn raw_has_replacement(query: &str) -> bool {
    query.to_ascii_uppercase().contains("%EF%BF%BD") || query.contains('\u{FFFD}')
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse(req.query_string()).map(Query))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::groups::GroupStatus;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Q {
        #[serde(default)]
        status: Vec<GroupStatus>,
        county: Option<String>,
        limit: Option<i64>,
    }

    fn fields(e: ApiError) -> Vec<String> {
        e.errors.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn repeated_keys_are_any_of() {
        let q: Q = parse("status=preparing&status=established&county=522701").unwrap();
        assert_eq!(
            q.status,
            vec![GroupStatus::Preparing, GroupStatus::Established]
        );
        assert_eq!(q.county.as_deref(), Some("522701"));
        let q: Q = parse("").unwrap();
        assert!(q.status.is_empty() && q.limit.is_none());
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let e = parse::<Q>("status=Established").unwrap_err();
        assert_eq!(e.kind.spec().status, 400);
        assert_eq!(fields(e.clone()), vec!["status"]);
        assert!(e.detail.en.contains("status") || e.errors[0].message.en.contains("preparing"));
        assert!(
            e.errors[0].message.en.contains("established"),
            "{:?}",
            e.errors
        );
        assert_eq!(
            fields(parse::<Q>("status=&county=").unwrap_err()),
            vec!["status", "county"]
        );
        assert_eq!(
            fields(parse::<Q>("county=52%0027").unwrap_err()),
            vec!["county"]
        );
        assert_eq!(
            fields(parse::<Q>("county=%FF").unwrap_err()),
            vec!["county"]
        );
        assert_eq!(fields(parse::<Q>("limit=abc").unwrap_err()), vec!["limit"]);
    }
}
