use std::net::IpAddr;
use std::num::NonZeroU32;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use base64::Engine;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::i18n::Lang;
use crate::security::jwt::JwtKeys;
use crate::service::auth::clients::{self, TokenResponse};
use crate::service::auth::whoami::{self, WhoAmI};
use crate::service::{AppState, Ctx};

/// Limits token requests per client address: the endpoint verifies secrets, and guessing
/// them must be slow.
pub struct TokenLimiter(DefaultKeyedRateLimiter<IpAddr>);

impl TokenLimiter {
    pub fn per_minute(n: u32) -> TokenLimiter {
        let n = NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
        TokenLimiter(RateLimiter::keyed(Quota::per_minute(n)))
    }

    /// `Err(seconds)` to wait, rounded up: a client that waits as told is let through.
    fn check(&self, ip: IpAddr) -> Result<(), u64> {
        use governor::clock::{Clock, DefaultClock};
        self.0.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            (wait.as_millis().div_ceil(1000) as u64).max(1)
        })
    }
}

/// The token request (RFC 6749 §4.4); the client may instead authenticate with HTTP Basic.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"grant_type": "client_credentials", "client_id": "0b5c…", "client_secret": "…"}))]
pub struct TokenForm {
    /// Must be `client_credentials`.
    #[schema(required = true)]
    pub grant_type: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// Get a token for a service account
///
/// OAuth 2.0 client credentials: `application/x-www-form-urlencoded` with
/// `grant_type=client_credentials`, and the client id and secret in the form or in HTTP Basic.
/// Service accounts are created with `edugroups client create`. Rate-limited per address.
#[utoipa::path(
    post, path = "/api/v1/oauth/token", operation_id = "issueToken", tag = "auth",
    request_body(content = TokenForm, content_type = "application/x-www-form-urlencoded"),
    security(()),
    responses(
        (status = 200, description = "A bearer token", body = TokenResponse),
        (status = 400, description = "`unsupported_grant_type` or a malformed form", body = crate::error::Problem),
        (status = 401, description = "`invalid_client`: unknown client, wrong secret or disabled", body = crate::error::Problem),
        (status = 429, description = "`rate_limited`: too many token requests from this address", body = crate::error::Problem),
    )
)]
pub async fn token(
    req: HttpRequest,
    state: web::Data<AppState>,
    keys: web::Data<JwtKeys>,
    limiter: web::Data<TokenLimiter>,
    form: web::Form<TokenForm>,
) -> ApiResult<HttpResponse> {
    if let Some(addr) = req.peer_addr() {
        if let Err(wait) = limiter.check(addr.ip()) {
            let mut e = ApiError::new(
                ErrorKind::RateLimited,
                format!("令牌请求过于频繁，请在 {wait} 秒后重试。"),
                format!("Too many token requests; retry in {wait} s."),
            );
            e.retry_after_secs = Some(wait);
            return Err(e);
        }
    }
    let form = form.into_inner();
    match form.grant_type.as_deref() {
        Some("client_credentials") => {}
        None => {
            let mut e = ApiError::new(
                ErrorKind::BadRequest,
                "缺少 grant_type。",
                "grant_type is missing.",
            );
            e.oauth_error = Some("invalid_request");
            return Err(e);
        }
        Some(_) => {
            let mut e = ApiError::new(
                ErrorKind::UnsupportedGrantType,
                "仅支持 grant_type=client_credentials。",
                "Only grant_type=client_credentials is supported.",
            );
            e.oauth_error = Some("unsupported_grant_type");
            return Err(e);
        }
    }
    let basic = basic_credentials(&req);
    let used_basic = basic.is_some();
    let (id, secret) = match (form.client_id, form.client_secret, basic) {
        (Some(id), Some(secret), _) => (id, secret),
        (_, _, Some(pair)) => pair,
        _ => {
            let mut e = ApiError::new(
                ErrorKind::BadRequest,
                "缺少 client_id 和 client_secret。",
                "client_id and client_secret are missing.",
            );
            e.oauth_error = Some("invalid_request");
            return Err(e);
        }
    };
    let token = clients::issue_token(&state.db, &keys, id, secret)
        .await
        .map_err(|mut e| {
            // RFC 6749 §5.2: a client that authenticated with HTTP Basic is told the scheme.
            if used_basic && e.kind == ErrorKind::InvalidClient {
                e.www_authenticate = Some("Basic realm=\"edugroups\"");
            }
            e
        })?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(token))
}

/// Who am I
///
/// The caller's role, scope and permitted operations, read from its token.
#[utoipa::path(
    get, path = "/api/v1/auth/whoami", operation_id = "getWhoami", tag = "auth",
    responses((status = 200, description = "The caller", body = WhoAmI))
)]
pub async fn whoami(req: HttpRequest, ctx: Ctx) -> HttpResponse {
    HttpResponse::Ok().json(whoami::whoami(&ctx, Lang::of(&req)))
}
