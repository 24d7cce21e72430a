//! `Idempotency-Key` on `POST`: a replay with the same key and body returns the first response;
//! the same key with another body is `422`; a replay while the first is still running is `409`.
//!
//! Keys live in the database (so instances behind a load balancer agree), per caller (`sub`),
//! for a day. The operation's result is written into the key in the operation's own
//! transaction (`db::claim`), so a committed write always has its answer, even when the client
//! went away or the server was killed before it answered; an attempt that died before
//! committing holds the key only until its lease runs out (`EDUGROUPS_IDEMPOTENCY_LEASE_SECONDS`).
//! Only successful responses are kept: after an error the key is released, so that the client
//! can correct the request and send it again with the same key.

use actix_web::body::{to_bytes, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpResponse};
use sha2::{Digest, Sha256};

use chrono::NaiveDateTime;

use crate::db::claim::{self, Claim};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::http::extract::authenticate;
use crate::repo::idempotency::{self as repo, KeyRow};
use crate::service::AppState;

pub const HEADER: &str = "idempotency-key";
const KEEP_HOURS: i64 = 24;
/// How often expired keys are purged: not on every keyed request, which would hold the write
/// gate for a table-wide delete each time.
const PURGE_EVERY_SECS: i64 = 600;

/// When this process last purged expired keys (Unix seconds).
static LAST_PURGE: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Whether this request should purge: at most once per `PURGE_EVERY_SECS` per process.
fn purge_due() -> bool {
    use std::sync::atomic::Ordering;
    let now = chrono::Utc::now().timestamp();
    let last = LAST_PURGE.load(Ordering::Relaxed);
    now - last >= PURGE_EVERY_SECS
        && LAST_PURGE
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
}

/// What the key's row says about this attempt.
enum Begin {
    /// Nothing committed: run the operation under this claim.
    Run(Claim),
    /// An earlier attempt answered: that answer, byte for byte.
    Replay(Box<KeyRow>),
    /// Another attempt holds the key, for this many more seconds.
    Busy(i64),
    /// The key was used for another request.
    Mismatch,
}

/// How long an attempt holds its key before another may take it over, in seconds.
fn lease_secs(state: &AppState) -> i64 {
    i64::from(state.idempotency_lease_secs)
}

pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let key = req
        .headers()
        .get(HEADER)
        .map(|v| v.to_str().map(str::to_string));
    let key = match (req.method() == Method::POST, key) {
        (true, Some(k)) => k,
        _ => return next.call(req).await.map(|r| r.map_into_boxed_body()),
    };
    let key = match key {
        Ok(k) if !k.is_empty() && k.len() <= 255 => k,
        _ => {
            return Ok(refuse(
                req,
                ApiError::new(
                    ErrorKind::BadRequest,
                    "Idempotency-Key 须为 1 到 255 个可见 ASCII 字符。",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.",
                ),
            ))
        }
    };
    // An unauthenticated request is left to the handler, which answers 401.
    let Ok(principal) = authenticate(req.request()) else {
        return next.call(req).await.map(|r| r.map_into_boxed_body());
    };
    // Verified once: the handler's extractor takes it from here.
    req.extensions_mut().insert(principal.clone());
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(refuse(req, ApiError::internal()));
    };
    let body = match req.extract::<web::Bytes>().await {
        Ok(b) => b,
        Err(e) => {
            let limit = req
                .app_data::<web::Data<crate::http::json::BodyLimit>>()
                .map_or(256 * 1024, |l| l.0);
            let e = match e.as_error::<actix_web::error::PayloadError>() {
                Some(p) => crate::http::json::payload_error(p, limit),
                None => ApiError::plain(ErrorKind::MalformedBody),
            };
            return Ok(refuse(req, e));
        }
    };
    let now = crate::repo::now();
    let token = uuid::Uuid::new_v4().to_string();
    let lease = lease_secs(&state);
    let row = KeyRow {
        owner: principal.sub.clone(),
        idem_key: key.clone(),
        method: req.method().to_string(),
        path: req.path().to_string(),
        request_hash: hex(&Sha256::digest(&body)),
        status_code: None,
        response: None,
        location: None,
        etag: None,
        created_at: now,
        claim_token: Some(token.clone()),
        lease_until: Some(now + chrono::Duration::seconds(lease)),
        result: None,
    };
    let begun = state
        .db
        .write_internal(move |conn| begin(conn, row, now))
        .await;
    let claim = match begun {
        Ok(Begin::Run(claim)) => claim,
        Ok(Begin::Replay(found)) => return Ok(replay(req, *found)),
        Ok(Begin::Busy(secs)) => {
            let mut e = ApiError::new(
                ErrorKind::IdempotencyInProgress,
                format!("使用该幂等键的请求仍在处理中，请于 {secs} 秒后重试。"),
                format!("A request with this idempotency key is still being processed; retry in {secs} s."),
            );
            e.retry_after_secs = Some(u64::try_from(secs).unwrap_or(1).max(1));
            return Ok(refuse(req, e));
        }
        Ok(Begin::Mismatch) => {
            return Ok(refuse(
                req,
                ApiError::new(
                    ErrorKind::IdempotencyKeyReused,
                    "该幂等键已用于另一个请求（请求体或地址不同）。",
                    "This idempotency key was used for a different request (another body or path).",
                ),
            ))
        }
        Err(e) => return Ok(refuse(req, e)),
    };

    req.set_payload(bytes_payload(body));
    let owner = claim.owner.clone();
    // An earlier attempt committed: the operation returns its result and writes nothing.
    let replaying = claim.committed.is_some();
    let outcome = claim::holding(claim, next.call(req)).await;
    let res = match outcome {
        Ok(res) if res.status().is_success() => res,
        other => {
            release(&state, owner, key, token).await;
            return other.map(|r| r.map_into_boxed_body());
        }
    };
    let status = res.status();
    let location = header_string(res.headers().get(header::LOCATION));
    let etag = header_string(res.headers().get(header::ETAG));
    let (http_req, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let bytes = match to_bytes(body).await {
        Ok(b) => b,
        Err(_) => {
            return Ok(ServiceResponse::new(
                http_req,
                HttpResponse::from_error(ApiError::internal()),
            ));
        }
    };
    let text = kept(&bytes);
    // If this fails (or never runs: the client went away), the result committed with the
    // operation is still there, and a retry rebuilds the same answer from it.
    let stored = state
        .db
        .write_internal(move |conn| {
            repo::complete(
                conn,
                &owner,
                &key,
                i32::from(status.as_u16()),
                &text,
                location,
                etag,
            )?;
            Ok(())
        })
        .await;
    if stored.is_err() {
        log::warn!("could not store an idempotent response");
    }
    let mut response = head.set_body(bytes).map_into_boxed_body();
    if replaying {
        response.headers_mut().insert(
            header::HeaderName::from_static("idempotent-replayed"),
            HeaderValue::from_static("true"),
        );
    }
    Ok(ServiceResponse::new(http_req, response))
}

/// Claims the key for this attempt, in one transaction behind the write gate: a new key, or a
/// claim whose holder died before committing (its lease ran out), is this attempt's; a key with
/// an answer is replayed; one with a committed result but no answer yet is run again in replay
/// mode (the operation returns the committed result and writes nothing).
fn begin(conn: &mut DbConnection, row: KeyRow, now: NaiveDateTime) -> ApiResult<Begin> {
    if purge_due() {
        repo::purge_older_than(conn, now - chrono::Duration::hours(KEEP_HOURS))?;
    }
    let token = row.claim_token.clone().unwrap_or_default();
    let Some(found) = repo::find(conn, &row.owner, &row.idem_key)? else {
        repo::insert(conn, &row)?;
        return Ok(Begin::Run(Claim::new(row.owner, row.idem_key, token, None)));
    };
    if found.request_hash != row.request_hash
        || found.method != row.method
        || found.path != row.path
    {
        return Ok(Begin::Mismatch);
    }
    if found.status_code.is_some() && found.response.is_some() {
        return Ok(Begin::Replay(Box::new(found)));
    }
    if let Some(result) = found.result {
        let committed = Claim::new(row.owner, row.idem_key, token, Some(result));
        return Ok(Begin::Run(committed));
    }
    match found.lease_until {
        Some(until) if until > now => Ok(Begin::Busy((until - now).num_seconds() + 1)),
        _ => {
            let until = row.lease_until.unwrap_or(now);
            if repo::take_over(conn, &row.owner, &row.idem_key, &token, until, now)? {
                Ok(Begin::Run(Claim::new(row.owner, row.idem_key, token, None)))
            } else {
                Ok(Begin::Busy(1))
            }
        }
    }
}

/// The answer an earlier attempt gave, as it went out.
fn replay(req: ServiceRequest, found: KeyRow) -> ServiceResponse<BoxBody> {
    let status = found
        .status_code
        .and_then(|s| u16::try_from(s).ok())
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CONTENT_TYPE, "application/json"))
        .insert_header(("idempotent-replayed", "true"));
    if let Some(l) = found.location {
        res.insert_header((header::LOCATION, l));
    }
    if let Some(e) = found.etag {
        res.insert_header((header::ETAG, e));
    }
    req.into_response(res.body(found.response.unwrap_or_default()))
}

/// Answers with an error as a response, so that the problem renderer outside shapes it.
fn refuse(req: ServiceRequest, e: ApiError) -> ServiceResponse<BoxBody> {
    // Not `req.into_response`: that drops the error the renderer looks for.
    let (http_req, _) = req.into_parts();
    ServiceResponse::new(http_req, HttpResponse::from_error(e))
}

async fn release(state: &AppState, owner: String, key: String, token: String) {
    let released = state
        .db
        .write_internal(move |conn| {
            repo::release(conn, &owner, &key, &token)?;
            Ok(())
        })
        .await;
    if let Err(e) = released {
        log::warn!("could not release an idempotency key: {}", e.detail.en);
    }
}

/// The answer as the table keeps it, without personal data (see `repo::without_personal_data`).
fn kept(bytes: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(mut v) => {
            repo::without_personal_data(&mut v);
            v.to_string()
        }
        Err(_) => String::from_utf8_lossy(bytes).to_string(),
    }
}

fn header_string(v: Option<&HeaderValue>) -> Option<String> {
    v.and_then(|v| v.to_str().ok()).map(str::to_string)
}

fn bytes_payload(bytes: web::Bytes) -> actix_web::dev::Payload {
    let (_, mut payload) = actix_http::h1::Payload::create(true);
    payload.unread_data(bytes);
    actix_web::dev::Payload::from(payload)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
