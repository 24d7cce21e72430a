//! Extractors, and the configuration that routes every extractor error through the problem body.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::error::{JsonPayloadError, PathError, UrlencodedError};
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use crate::domain::auth::Principal;
use crate::error::{ApiError, ErrorKind};
use crate::security::jwt::{JwtKeys, TokenError};
use crate::service::{Ctx, IfMatch};

/// The id of the current request, set by the request-id middleware.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub fn request_id_of(req: &HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

/// The bearer token of a request, if it has one. The scheme is matched without regard to case
/// (RFC 9110 §11.1: `bearer`, `BEARER` and `Bearer` are one scheme).
pub fn bearer(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

pub fn authenticate(req: &HttpRequest) -> Result<Principal, ApiError> {
    let keys = req
        .app_data::<web::Data<JwtKeys>>()
        .ok_or_else(ApiError::internal)?;
    let Some(token) = bearer(req) else {
        return Err(ApiError::new(
            ErrorKind::MissingToken,
            "请在 Authorization 请求头中提供 Bearer 访问令牌。",
            "Send a bearer token in the Authorization header.",
        ));
    };
    keys.verify(token).map_err(|e| match e {
        TokenError::Expired => ApiError::new(
            ErrorKind::InvalidToken,
            "访问令牌已过期，请重新获取。",
            "The token has expired; get a new one.",
        ),
        TokenError::Claims(why) => ApiError::new(
            ErrorKind::InvalidToken,
            format!("访问令牌的声明不一致：{why}。"),
            format!("The token's claims are inconsistent: {why}."),
        ),
        _ => ApiError::new(
            ErrorKind::InvalidToken,
            "访问令牌无效：格式、签名或算法不正确。",
            "The token is not valid: its format, signature or algorithm is wrong.",
        ),
    })
}

impl FromRequest for Ctx {
    type Error = ApiError;
    type Future = Ready<Result<Ctx, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // The idempotency middleware may have verified the token already.
        let known = req.extensions().get::<Principal>().cloned();
        ready(
            known
                .map_or_else(|| authenticate(req), Ok)
                .map(|principal| Ctx {
                    principal,
                    request_id: request_id_of(req),
                }),
        )
    }
}

/// `If-Match` as sent, or absent.
pub struct IfMatchHeader(pub Option<IfMatch>);

impl IfMatchHeader {
    /// Updates and deletions must say which version they change: `428` without it.
    pub fn required(self) -> Result<IfMatch, ApiError> {
        self.0.ok_or_else(|| {
            ApiError::new(
                ErrorKind::PreconditionRequired,
                "修改或删除须带 If-Match 请求头，其值为读取时得到的 ETag。",
                "Send If-Match with the ETag you read, so that no update is lost.",
            )
        })
    }
}

/// Parses `*`, `"3"`, `W/"3"` or a comma-separated list of them. A value that names no version
/// cannot match any: it is kept as an empty list, which fails with `412`.
pub fn parse_if_match(v: &str) -> IfMatch {
    if v.trim() == "*" {
        return IfMatch::Any;
    }
    IfMatch::Versions(
        v.split(',')
            .filter_map(|t| {
                let t = t.trim();
                let t = t.strip_prefix("W/").unwrap_or(t);
                t.trim_matches('"').parse::<i32>().ok()
            })
            .collect(),
    )
}

impl FromRequest for IfMatchHeader {
    type Error = ApiError;
    type Future = Ready<Result<IfMatchHeader, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let value = req.headers().get(header::IF_MATCH).map(|v| {
            v.to_str()
                .map(parse_if_match)
                .unwrap_or(IfMatch::Versions(vec![]))
        });
        ready(Ok(IfMatchHeader(value)))
    }
}

pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

fn malformed(zh: impl Into<String>, en: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::MalformedBody, zh, en)
}

pub fn json_error(err: &JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::ContentType => ApiError::new(
            ErrorKind::UnsupportedMediaType,
            "请求体须为 JSON，Content-Type 应为 application/json。",
            "The body must be JSON, with Content-Type: application/json.",
        ),
        JsonPayloadError::Overflow { limit }
        | JsonPayloadError::OverflowKnownLength { limit, .. } => ApiError::new(
            ErrorKind::PayloadTooLarge,
            format!("请求体超过 {limit} 字节的上限。"),
            format!("The body is larger than the limit of {limit} bytes."),
        ),
        JsonPayloadError::Deserialize(e) => {
            let what = e.to_string();
            if e.is_data() {
                malformed(
                    format!("JSON 字段类型或名称不正确：{what}"),
                    format!("A JSON field has the wrong type or name: {what}"),
                )
            } else {
                malformed(
                    format!("请求体不是有效的 JSON：{what}"),
                    format!("The body is not valid JSON: {what}"),
                )
            }
        }
        _ => malformed("无法读取请求体。", "The request body could not be read."),
    }
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _| {
        let what = match &err {
            PathError::Deserialize(e) => e.to_string(),
            other => other.to_string(),
        };
        ApiError::new(
            ErrorKind::InvalidPath,
            format!("路径参数无效：{what}"),
            format!("Invalid path parameter: {what}"),
        )
        .into()
    })
}

pub fn form_config(limit: usize) -> web::FormConfig {
    web::FormConfig::default()
        .limit(limit)
        .error_handler(|err, _| {
            match err {
                UrlencodedError::ContentType => ApiError::new(
                    ErrorKind::UnsupportedMediaType,
                    "请求体须为 application/x-www-form-urlencoded。",
                    "The body must be application/x-www-form-urlencoded.",
                ),
                UrlencodedError::Overflow { .. } | UrlencodedError::UnknownLength => {
                    ApiError::plain(ErrorKind::PayloadTooLarge)
                }
                other => malformed(
                    format!("表单无效：{other}"),
                    format!("Invalid form: {other}"),
                ),
            }
            .into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_forms() {
        assert_eq!(parse_if_match("*"), IfMatch::Any);
        assert_eq!(parse_if_match("\"3\""), IfMatch::Versions(vec![3]));
        assert_eq!(
            parse_if_match("W/\"3\", \"4\""),
            IfMatch::Versions(vec![3, 4])
        );
        assert_eq!(parse_if_match("abc"), IfMatch::Versions(vec![]));
    }
}
