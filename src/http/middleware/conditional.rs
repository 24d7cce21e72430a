//! Conditional reads (RFC 9110 §13.1.2): a `GET` or `HEAD` whose `If-None-Match` names the
//! `ETag` the answer would carry is answered `304 Not Modified`, without the body, so that a
//! frontend polling a group or a school costs one small answer while nothing changed.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

/// Whether `if_none_match` (`*`, or a list of entity tags) names `etag`, by the weak comparison
/// that `If-None-Match` uses.
pub fn matches(if_none_match: &str, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let etag = bare(etag);
    if_none_match
        .split(',')
        .any(|t| t.trim() == "*" || bare(t) == etag)
}

pub async fn not_modified(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let reads = matches!(*req.method(), Method::GET | Method::HEAD);
    let asked = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let res = next.call(req).await?;
    let (Some(asked), true, StatusCode::OK) = (asked, reads, res.status()) else {
        return Ok(res.map_into_boxed_body());
    };
    let etag = res
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match etag {
        Some(etag) if matches(&asked, &etag) => {
            let (req, res) = res.into_parts();
            let mut answer = HttpResponse::NotModified();
            // The headers a 304 keeps (RFC 9110 §15.4.5).
            for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
                if let Some(v) = res.headers().get(&name) {
                    answer.insert_header((name, v.clone()));
                }
            }
            Ok(ServiceResponse::new(req, answer.finish()))
        }
        _ => Ok(res.map_into_boxed_body()),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn weak_comparison() {
        assert!(matches("\"3\"", "\"3\""));
        assert!(matches("W/\"3\"", "\"3\""));
        assert!(matches("\"2\", \"3\"", "\"3\""));
        assert!(matches("*", "\"3\""));
        assert!(!matches("\"4\"", "\"3\""));
    }
}
