//! Every error the service answers with, as an RFC 9457 problem.
//!
//! Handlers and services return [`ApiError`]; its kind (from the one table in [`codes`]) fixes the
//! status. The body is rendered by `http::problem`, which knows the caller's language and the
//! request id; [`ApiError::to_body`] is the single place the JSON is shaped.

pub mod codes;

use std::borrow::Cow;

use actix_web::http::header;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

pub use codes::{ErrorKind, PROBLEM_BASE};

use crate::domain::rules::{Conflict, Msg, RuleViolation};
use crate::i18n::Lang;

/// One invalid field of a request, in both languages until rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub message: Msg,
}

impl FieldError {
    pub fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: Msg::new(zh, en),
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {}", kind_code(.kind, .code), .detail.en)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// Overrides the kind's code: a rule violation carries the rule id.
    pub code: Option<Cow<'static, str>>,
    pub title: Option<Msg>,
    pub detail: Msg,
    pub policy_ref: Option<&'static str>,
    pub errors: Vec<FieldError>,
    pub retry_after_secs: Option<u64>,
    /// The OAuth 2.0 `error` member (RFC 6749 §5.2), for the token endpoint's errors.
    pub oauth_error: Option<&'static str>,
    /// A `WWW-Authenticate` challenge other than the bearer one.
    pub www_authenticate: Option<&'static str>,
    /// Further headers the answer needs (`Allow` on a `405`).
    pub headers: Vec<(header::HeaderName, String)>,
}

fn kind_code(kind: &ErrorKind, code: &Option<Cow<'static, str>>) -> String {
    code.as_deref().unwrap_or(kind.spec().code).to_string()
}

/// The problem document as sent to clients.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "https://edugroups.example/problems/rule-violation",
    "title": "Tight group is full",
    "status": 409,
    "code": "GRP-TIGHT-SIZE",
    "detail": "A tight group starts with at most 3 members besides the core.",
    "policy_ref": "§2.2.1",
    "errors": [],
    "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"
}))]
pub struct Problem {
    /// A URI naming the kind of problem; see docs/API-DESIGN.md.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    /// Stable machine-readable code: an error code of the service, or a rule id of DOMAIN.md.
    pub code: String,
    pub detail: String,
    /// The section of the policy a rule comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_ref: Option<String>,
    /// Every invalid field, for validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The OAuth 2.0 error code, on the token endpoint only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub message: String,
}

impl ApiError {
    pub fn new(kind: ErrorKind, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            kind,
            code: None,
            title: None,
            detail: Msg::new(zh, en),
            policy_ref: None,
            errors: Vec::new(),
            retry_after_secs: None,
            oauth_error: None,
            www_authenticate: None,
            headers: Vec::new(),
        }
    }

    /// The kind's own title as detail, for errors with nothing more to say.
    pub fn plain(kind: ErrorKind) -> Self {
        let s = kind.spec();
        Self::new(kind, s.title_zh, s.title_en)
    }

    pub fn not_found() -> Self {
        Self::new(
            ErrorKind::NotFound,
            "请求的资源不存在或不在您的权限范围内。",
            "The resource does not exist or is outside your scope.",
        )
    }

    pub fn forbidden(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, zh, en)
    }

    pub fn conflict(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, zh, en)
    }

    pub fn internal() -> Self {
        Self::new(
            ErrorKind::Internal,
            "服务器内部错误，请稍后重试或联系管理员并提供请求编号。",
            "Internal error; retry later or contact the administrator with the request id.",
        )
    }

    pub fn unavailable() -> Self {
        Self::new(
            ErrorKind::Unavailable,
            "数据库暂不可用，请稍后重试。",
            "The database is unavailable; retry later.",
        )
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        let mut e = Self::new(
            ErrorKind::Validation,
            format!("有 {} 个字段未通过校验。", errors.len()),
            format!("{} field(s) failed validation.", errors.len()),
        );
        e.errors = errors;
        e
    }

    pub fn with_header(mut self, name: header::HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// A `409` named by a conflict code of the catalogue.
    pub fn conflict_of(code: Conflict, zh: impl Into<String>, en: impl Into<String>) -> Self {
        let mut e = Self::conflict(zh, en);
        e.code = Some(Cow::Borrowed(code.code()));
        e.title = Some(Msg::new(code.title_zh(), code.title_en()));
        e
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }

    pub fn code(&self) -> &str {
        self.code.as_deref().unwrap_or(self.kind.spec().code)
    }

    /// Shapes the problem body in one language.
    pub fn to_body(&self, lang: Lang, request_id: Option<&str>) -> Problem {
        let spec = self.kind.spec();
        let title = match &self.title {
            Some(t) => lang.pick(t).to_string(),
            None => match lang {
                Lang::Zh => spec.title_zh.to_string(),
                Lang::En => spec.title_en.to_string(),
            },
        };
        Problem {
            type_: format!("{PROBLEM_BASE}{}", spec.slug),
            title,
            status: spec.status,
            code: self.code().to_string(),
            detail: lang.pick(&self.detail).to_string(),
            policy_ref: self.policy_ref.map(str::to_string),
            errors: self
                .errors
                .iter()
                .map(|f| ProblemField {
                    field: f.field.clone(),
                    message: lang.pick(&f.message).to_string(),
                })
                .collect(),
            request_id: request_id.map(str::to_string),
            error: self.oauth_error.map(str::to_string),
        }
    }

    /// The full response for this error in one language.
    pub fn response(&self, lang: Lang, request_id: Option<&str>) -> HttpResponse {
        let mut builder = HttpResponse::build(self.kind.status());
        builder
            .insert_header((header::CONTENT_TYPE, "application/problem+json"))
            .insert_header((header::CONTENT_LANGUAGE, lang.tag()));
        if let Some(secs) = self.retry_after_secs {
            builder.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        if let Some(challenge) = self.www_authenticate {
            builder.insert_header((header::WWW_AUTHENTICATE, challenge));
        } else if matches!(self.kind, ErrorKind::MissingToken | ErrorKind::InvalidToken) {
            let value = if self.kind == ErrorKind::InvalidToken {
                "Bearer realm=\"edugroups\", error=\"invalid_token\""
            } else {
                "Bearer realm=\"edugroups\""
            };
            builder.insert_header((header::WWW_AUTHENTICATE, value));
        }
        if self.oauth_error.is_some() {
            builder.insert_header((header::CACHE_CONTROL, "no-store"));
        }
        if self.kind == ErrorKind::RequestTimeout {
            // The rest of a stalled body may still come: the connection cannot be reused.
            builder.force_close();
        }
        for (name, value) in &self.headers {
            builder.insert_header((name.clone(), value.as_str()));
        }
        let body = serde_json::to_string(&self.to_body(lang, request_id)).unwrap_or_default();
        builder.body(body)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> actix_web::http::StatusCode {
        self.kind.status()
    }

    /// Rendered in the default language here; `http::problem` re-renders it in the caller's
    /// language with the request id.
    fn error_response(&self) -> HttpResponse {
        self.response(Lang::default(), None)
    }
}

/// English sentences start with a capital, whatever the rule's text.
fn capitalised(mut m: Msg) -> Msg {
    m.en = crate::domain::rules::capitalise_first(&m.en);
    m
}

impl From<RuleViolation> for ApiError {
    fn from(v: RuleViolation) -> Self {
        let v = RuleViolation {
            title: capitalised(v.title),
            detail: capitalised(v.detail),
            ..v
        };
        let mut e = ApiError::new(ErrorKind::RuleViolation, v.detail.zh, v.detail.en);
        e.code = Some(Cow::Borrowed(v.rule.id()));
        e.title = Some(v.title);
        e.policy_ref = Some(v.rule.policy_ref());
        if let Some(field) = v.field {
            e.errors = vec![FieldError {
                field: field.to_string(),
                message: e.detail.clone(),
            }];
        }
        e
    }
}

/// Diesel errors are mapped once, here: a missing row is `404`, a uniqueness or reference
/// conflict `409`, a lost connection `503`; anything else is a `500` whose cause is logged
/// without the values involved (they may be personal data).
impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        match err {
            E::NotFound => ApiError::not_found(),
            E::DatabaseError(K::UniqueViolation, _) => ApiError::conflict(
                "该记录与已有记录重复。",
                "The record duplicates an existing one.",
            ),
            E::DatabaseError(K::ForeignKeyViolation, _) => ApiError::conflict(
                "该记录仍被其他记录引用，或引用的记录不存在。",
                "The record is still referenced by others, or refers to a missing record.",
            ),
            E::DatabaseError(K::SerializationFailure, _) => ApiError::conflict(
                "并发修改冲突，请重试。",
                "Concurrent modification; retry the request.",
            ),
            E::DatabaseError(K::ClosedConnection, _) | E::BrokenTransactionManager => {
                ApiError::unavailable()
            }
            E::DatabaseError(kind, info) => {
                let msg = info.message();
                if msg.contains("database is locked") || msg.contains("database is busy") {
                    return ApiError::unavailable();
                }
                log::error!("database error of kind {kind:?}");
                ApiError::internal()
            }
            other => {
                log::error!("database error: {}", diesel_error_class(&other));
                ApiError::internal()
            }
        }
    }
}

fn diesel_error_class(err: &diesel::result::Error) -> &'static str {
    use diesel::result::Error as E;
    match err {
        E::InvalidCString(_) => "invalid C string",
        E::QueryBuilderError(_) => "query builder",
        E::DeserializationError(_) => "deserialization",
        E::SerializationError(_) => "serialization",
        E::RollbackErrorOnCommit { .. } => "rollback on commit",
        E::RollbackTransaction => "rollback",
        E::AlreadyInTransaction => "already in transaction",
        E::NotInTransaction => "not in transaction",
        _ => "other",
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(_: r2d2::Error) -> Self {
        log::warn!("no database connection could be had from the pool");
        ApiError::unavailable()
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        log::error!("blocking task was cancelled");
        ApiError::internal()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
