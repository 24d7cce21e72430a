//! `Idempotency-Key` on `POST`: a replay with the same key and body returns the first response;
//! the same key with another body is `422`; a replay while the first is still running is `409`.
//!
//! Keys live in the database (so instances behind a load balancer agree), per caller (`sub`),
//! for a day. Only successful responses are kept: after an error the key is released, so that
//! the client can correct the request and send it again with the same key.

use actix_web::body::{to_bytes, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpResponse};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ErrorKind};
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

enum Begin {
    Fresh,
    Replay(Box<KeyRow>),
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
            let (http_req, _) = req.into_parts();
            return Ok(ServiceResponse::new(http_req, HttpResponse::from_error(e)));
        }
    };
    let hash = hex(&Sha256::digest(&body));
    let method = req.method().to_string();
    let path = req.path().to_string();

    let row = KeyRow {
        owner: principal.sub.clone(),
        idem_key: key.clone(),
        method,
        path,
        request_hash: hash,
        status_code: None,
        response: None,
        location: None,
        etag: None,
        created_at: crate::repo::now(),
    };
    let begun = {
        let row = row.clone();
        state
            .db
            .write(move |conn| {
                if purge_due() {
                    repo::purge_older_than(
                        conn,
                        row.created_at - chrono::Duration::hours(KEEP_HOURS),
                    )?;
                }
                match repo::find(conn, &row.owner, &row.idem_key)? {
                    None => {
                        repo::insert(conn, &row)?;
                        Ok(Begin::Fresh)
                    }
                    Some(found) => Ok(Begin::Replay(Box::new(found))),
                }
            })
            .await
    };
    let begun = match begun {
        Ok(b) => b,
        Err(e) => return Ok(refuse(req, e)),
    };
    if let Begin::Replay(found) = begun {
        if found.request_hash != row.request_hash
            || found.method != row.method
            || found.path != row.path
        {
            return Ok(refuse(
                req,
                ApiError::new(
                    ErrorKind::IdempotencyKeyReused,
                    "该幂等键已用于另一个请求（请求体或地址不同）。",
                    "This idempotency key was used for a different request (another body or path).",
                ),
            ));
        }
        let (Some(status), Some(response)) = (found.status_code, found.response) else {
            return Ok(refuse(
                req,
                ApiError::new(
                    ErrorKind::IdempotencyInProgress,
                    "使用该幂等键的请求仍在处理中，请稍后重试。",
                    "A request with this idempotency key is still being processed; retry shortly.",
                ),
            ));
        };
        let mut res =
            HttpResponse::build(StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK));
        res.insert_header((header::CONTENT_TYPE, "application/json"))
            .insert_header(("idempotent-replayed", "true"));
        if let Some(l) = found.location {
            res.insert_header((header::LOCATION, l));
        }
        if let Some(e) = found.etag {
            res.insert_header((header::ETAG, e));
        }
        return Ok(req.into_response(res.body(response)));
    }

    req.set_payload(bytes_payload(body));
    let outcome = next.call(req).await;
    let owner = row.owner.clone();
    let res = match outcome {
        Ok(res) if res.status().is_success() => res,
        other => {
            release(&state, owner, key).await;
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
            release(&state, owner, key).await;
            return Ok(ServiceResponse::new(
                http_req,
                HttpResponse::from_error(ApiError::internal()),
            ));
        }
    };
    let text = without_personal_data(&bytes);
    let stored = state
        .db
        .write(move |conn| {
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
    let response = head.set_body(bytes).map_into_boxed_body();
    Ok(ServiceResponse::new(http_req, response))
}

/// Answers with an error as a response, so that the problem renderer outside shapes it.
fn refuse(req: ServiceRequest, e: ApiError) -> ServiceResponse<BoxBody> {
    // Not `req.into_response`: that drops the error the renderer looks for.
    let (http_req, _) = req.into_parts();
    ServiceResponse::new(http_req, HttpResponse::from_error(e))
}

async fn release(state: &AppState, owner: String, key: String) {
    let released = state
        .db
        .write(move |conn| {
            repo::delete(conn, &owner, &key)?;
            Ok(())
        })
        .await;
    if let Err(e) = released {
        log::warn!("could not release an idempotency key: {}", e.detail.en);
    }
}

/// The body as kept for replays, with every resident ID number masked: the idempotency table is
/// not another copy of personal data (a replay shows the number masked, as most roles see it).
fn without_personal_data(bytes: &[u8]) -> String {
    fn scrub(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(n)) = map.get("id_number") {
                    let masked = crate::domain::codes::resident_id::mask(n);
                    map.insert("id_number".into(), serde_json::Value::String(masked));
                    map.insert("id_number_masked".into(), serde_json::Value::Bool(true));
                }
                map.values_mut().for_each(scrub);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(scrub),
            _ => {}
        }
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(mut v) => {
            scrub(&mut v);
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
