//! The one table of error kinds: each fixes its HTTP status, its stable `code`, the problem `type`
//! and its title in both languages, so that no handler invents a status of its own.

use actix_web::http::StatusCode;

/// Base of every problem `type` URI; `docs/API-DESIGN.md` describes each slug.
pub const PROBLEM_BASE: &str = "https://edugroups.example/problems/";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    MalformedBody,
    InvalidQuery,
    InvalidPath,
    BadRequest,
    UnsupportedGrantType,
    MissingToken,
    InvalidToken,
    InvalidClient,
    Forbidden,
    OutOfScope,
    NotFound,
    MethodNotAllowed,
    RequestTimeout,
    Conflict,
    RuleViolation,
    IdempotencyInProgress,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    Validation,
    IdempotencyKeyReused,
    PreconditionRequired,
    RateLimited,
    Internal,
    Unavailable,
}

pub struct KindSpec {
    pub status: u16,
    pub code: &'static str,
    pub slug: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
}

const fn spec(
    status: u16,
    code: &'static str,
    slug: &'static str,
    title_zh: &'static str,
    title_en: &'static str,
) -> KindSpec {
    KindSpec {
        status,
        code,
        slug,
        title_zh,
        title_en,
    }
}

impl ErrorKind {
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::MalformedBody,
        ErrorKind::InvalidQuery,
        ErrorKind::InvalidPath,
        ErrorKind::BadRequest,
        ErrorKind::UnsupportedGrantType,
        ErrorKind::MissingToken,
        ErrorKind::InvalidToken,
        ErrorKind::InvalidClient,
        ErrorKind::Forbidden,
        ErrorKind::OutOfScope,
        ErrorKind::NotFound,
        ErrorKind::MethodNotAllowed,
        ErrorKind::RequestTimeout,
        ErrorKind::Conflict,
        ErrorKind::RuleViolation,
        ErrorKind::IdempotencyInProgress,
        ErrorKind::PreconditionFailed,
        ErrorKind::PayloadTooLarge,
        ErrorKind::UnsupportedMediaType,
        ErrorKind::Validation,
        ErrorKind::IdempotencyKeyReused,
        ErrorKind::PreconditionRequired,
        ErrorKind::RateLimited,
        ErrorKind::Internal,
        ErrorKind::Unavailable,
    ];

    pub fn spec(self) -> KindSpec {
        use ErrorKind::*;
        match self {
            MalformedBody => spec(
                400,
                "malformed_body",
                "malformed-body",
                "请求体格式错误",
                "Malformed request body",
            ),
            InvalidQuery => spec(
                400,
                "invalid_query",
                "invalid-query",
                "查询参数无效",
                "Invalid query parameters",
            ),
            InvalidPath => spec(
                400,
                "invalid_path",
                "invalid-path",
                "路径参数无效",
                "Invalid path parameter",
            ),
            BadRequest => spec(400, "bad_request", "bad-request", "请求无效", "Bad request"),
            UnsupportedGrantType => spec(
                400,
                "unsupported_grant_type",
                "unsupported-grant-type",
                "不支持的授权类型",
                "Unsupported grant type",
            ),
            MissingToken => spec(
                401,
                "missing_token",
                "unauthorized",
                "未提供访问令牌",
                "Missing bearer token",
            ),
            InvalidToken => spec(
                401,
                "invalid_token",
                "unauthorized",
                "访问令牌无效",
                "Invalid bearer token",
            ),
            InvalidClient => spec(
                401,
                "invalid_client",
                "invalid-client",
                "客户端认证失败",
                "Client authentication failed",
            ),
            Forbidden => spec(
                403,
                "forbidden",
                "forbidden",
                "无权执行此操作",
                "Not allowed",
            ),
            OutOfScope => spec(
                403,
                "out_of_scope",
                "out-of-scope",
                "超出权限范围",
                "Outside your scope",
            ),
            NotFound => spec(404, "not_found", "not-found", "资源不存在", "Not found"),
            MethodNotAllowed => spec(
                405,
                "method_not_allowed",
                "method-not-allowed",
                "不支持的请求方法",
                "Method not allowed",
            ),
            RequestTimeout => spec(
                408,
                "request_timeout",
                "request-timeout",
                "请求超时",
                "Request timeout",
            ),
            Conflict => spec(
                409,
                "conflict",
                "conflict",
                "与现有数据冲突",
                "Conflict with the current state",
            ),
            RuleViolation => spec(
                409,
                "rule_violation",
                "rule-violation",
                "违反业务规则",
                "Rule violation",
            ),
            IdempotencyInProgress => spec(
                409,
                "idempotency_in_progress",
                "idempotency-in-progress",
                "相同幂等键的请求正在处理",
                "A request with this idempotency key is in progress",
            ),
            PreconditionFailed => spec(
                412,
                "precondition_failed",
                "precondition-failed",
                "资源已被修改",
                "The resource has changed",
            ),
            PayloadTooLarge => spec(
                413,
                "payload_too_large",
                "payload-too-large",
                "请求体过大",
                "Request body too large",
            ),
            UnsupportedMediaType => spec(
                415,
                "unsupported_media_type",
                "unsupported-media-type",
                "不支持的内容类型",
                "Unsupported content type",
            ),
            Validation => spec(
                422,
                "validation_failed",
                "validation-failed",
                "数据校验未通过",
                "Validation failed",
            ),
            IdempotencyKeyReused => spec(
                422,
                "idempotency_key_reused",
                "idempotency-key-reused",
                "幂等键已用于不同的请求",
                "Idempotency key reused with a different request",
            ),
            PreconditionRequired => spec(
                428,
                "precondition_required",
                "precondition-required",
                "缺少 If-Match 请求头",
                "If-Match required",
            ),
            RateLimited => spec(
                429,
                "rate_limited",
                "rate-limited",
                "请求过于频繁",
                "Too many requests",
            ),
            Internal => spec(
                500,
                "internal_error",
                "internal-error",
                "服务器内部错误",
                "Internal server error",
            ),
            Unavailable => spec(
                503,
                "service_unavailable",
                "service-unavailable",
                "服务暂不可用",
                "Service unavailable",
            ),
        }
    }

    pub fn status(self) -> StatusCode {
        StatusCode::from_u16(self.spec().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The kind a bare status stands for, for errors raised outside our handlers.
    pub fn from_status(status: StatusCode) -> ErrorKind {
        match status.as_u16() {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::MissingToken,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            405 => ErrorKind::MethodNotAllowed,
            408 => ErrorKind::RequestTimeout,
            409 => ErrorKind::Conflict,
            412 => ErrorKind::PreconditionFailed,
            413 => ErrorKind::PayloadTooLarge,
            415 => ErrorKind::UnsupportedMediaType,
            422 => ErrorKind::Validation,
            428 => ErrorKind::PreconditionRequired,
            429 => ErrorKind::RateLimited,
            503 => ErrorKind::Unavailable,
            _ => ErrorKind::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_statuses_valid() {
        let mut seen = HashSet::new();
        for kind in ErrorKind::ALL {
            let s = kind.spec();
            assert!(seen.insert(s.code), "duplicate code {}", s.code);
            assert!(StatusCode::from_u16(s.status).is_ok());
            assert!(!s.title_zh.is_empty() && !s.title_en.is_empty());
        }
    }
}
