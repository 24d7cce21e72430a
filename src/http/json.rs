//! JSON request bodies, read one way for every operation: the content type must be
//! `application/json` (a `charset` parameter is allowed, nothing else in its place); a string
//! anywhere in the body with a control character other than tab, line feed or carriage return
//! (NUL above all: PostgreSQL cannot store it, SQLite would) is a `422` naming the field; a
//! value of the wrong type or an unknown field is a `400` naming it; a body that stalls past
//! the read limit is a `408` (see `middleware::deadline`).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, ErrorKind, FieldError};

/// The largest body the service reads (`EDUGROUPS_BODY_LIMIT`), for messages that name it.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// A JSON body deserialised into `T`, with the checks above.
#[derive(Debug, Clone)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Whether `req` says its body is JSON: `application/json`, optionally with parameters.
fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

fn unsupported() -> ApiError {
    ApiError::new(
        ErrorKind::UnsupportedMediaType,
        "请求体须为 JSON，Content-Type 应为 application/json。",
        "The body must be JSON, with Content-Type: application/json.",
    )
}

/// The error a body that could not be read stands for: too large, stalled, or cut off.
pub fn payload_error(e: &PayloadError, limit: usize) -> ApiError {
    match e {
        PayloadError::Overflow => ApiError::new(
            ErrorKind::PayloadTooLarge,
            format!("请求体超过 {limit} 字节的上限。"),
            format!("The body is larger than the limit of {limit} bytes."),
        ),
        PayloadError::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => ApiError::new(
            ErrorKind::RequestTimeout,
            "请求体在时限内未传完，连接已关闭。",
            "The request body did not arrive in time; the connection is closed.",
        ),
        _ => ApiError::new(
            ErrorKind::MalformedBody,
            "无法读取请求体。",
            "The request body could not be read.",
        ),
    }
}

/// Where in the body a value is, as the `errors` of a problem name it: `entries[0].note`.
fn child(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

/// Every string of `v` (keys too) with a forbidden control character, by field.
fn control_characters(v: &Value, at: &str, out: &mut Vec<FieldError>) {
    let bad = |s: &str| {
        s.chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    };
    match v {
        Value::String(s) if bad(s) => {
            let field = if at.is_empty() { "body" } else { at };
            out.push(FieldError::new(
                field,
                "含有不允许的控制字符（如 NUL）。",
                "Contains a control character that is not allowed (such as NUL).",
            ));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                control_characters(item, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                if bad(k) {
                    out.push(FieldError::new(
                        child(at, "?"),
                        "字段名含有控制字符。",
                        "A field name contains a control character.",
                    ));
                } else {
                    control_characters(item, &child(at, k), out);
                }
            }
        }
        _ => {}
    }
}

/// Parses a JSON body into `T` with the checks of this module; `null` stands for "nothing to
/// say" where `T` has a default (see [`optional`]).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            ErrorKind::MalformedBody,
            format!("请求体不是有效的 JSON：{e}"),
            format!("The body is not valid JSON: {e}"),
        )
    })?;
    let mut bad = Vec::new();
    control_characters(&value, "", &mut bad);
    if !bad.is_empty() {
        return Err(ApiError::validation(bad));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let why = e.into_inner().to_string();
        if let Some(what) = why.strip_prefix(crate::domain::dates::REFUSED) {
            // Well-formed, but outside what the field takes (a date before 1900, a leap second).
            let what = what.split(" at line").next().unwrap_or(what);
            return ApiError::validation(vec![FieldError::new(
                path,
                format!("取值超出允许范围：{what}"),
                format!("Not accepted: {what}"),
            )]);
        }
        let (zh, en) = (
            format!("JSON 字段类型或名称不正确：{why}"),
            format!("A JSON field has the wrong type or name: {why}"),
        );
        let err = ApiError::new(ErrorKind::MalformedBody, zh.clone(), en.clone());
        if path == "." || path.is_empty() {
            err
        } else {
            err.with_errors(vec![FieldError::new(path, zh, en)])
        }
    })
}

/// A body that may be left out altogether (a workflow step with nothing to say): no body, only
/// white space, or `null` mean the defaults; anything else must be JSON, checked as [`parse`].
pub fn optional<T: DeserializeOwned + Default>(
    req: &HttpRequest,
    body: &[u8],
) -> Result<T, ApiError> {
    let text = body.trim_ascii();
    if text.is_empty() || text == b"null" {
        return Ok(T::default());
    }
    if !is_json(req) {
        return Err(unsupported());
    }
    parse(body)
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let limit = req
            .app_data::<web::Data<BodyLimit>>()
            .map_or(256 * 1024, |l| l.0);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !json {
                return Err(unsupported());
            }
            let bytes = bytes
                .await
                .map_err(|e| match e.as_error::<PayloadError>() {
                    Some(p) => payload_error(p, limit),
                    None => ApiError::plain(ErrorKind::MalformedBody),
                })?;
            parse(&bytes).map(Json)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: Option<String>,
        #[serde(default)]
        entries: Vec<Entry>,
    }

    #[derive(Debug, Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        note: Option<String>,
    }

    fn fields(e: ApiError) -> Vec<String> {
        e.errors.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn control_characters_are_refused_by_field() {
        let e = parse::<Body>(
            br#"{"name": "a\u0000b", "entries": [{"note": "ok\nfine"}, {"note": "\u0007"}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(fields(e), vec!["name", "entries[1].note"]);
        assert!(parse::<Body>(br#"{"name": "line one\r\n\tline two"}"#).is_ok());
    }

    #[test]
    fn wrong_types_and_unknown_fields_name_the_field() {
        let e = parse::<Body>(br#"{"entries": [{"note": 5}]}"#).unwrap_err();
        assert_eq!(
            (e.kind, fields(e)),
            (
                ErrorKind::MalformedBody,
                vec!["entries[0].note".to_string()]
            )
        );
        let e = parse::<Body>(br#"{"nmae": "x"}"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::MalformedBody);
        assert!(parse::<Body>(b"{nope").is_err());
    }
}
