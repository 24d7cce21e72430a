//! A path with a control character (`/api/v1/counties/52%002701`) or with bytes that are not
//! UTF-8 once percent-decoded is `400 invalid_path` before any handler sees it: PostgreSQL
//! cannot store NUL and SQLite would, so neither backend is ever asked.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

use crate::error::{ApiError, ErrorKind};

/// Whether the percent-decoded `path` is clean text.
pub fn is_clean(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                decoded.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok_and(|s| !s.chars().any(char::is_control))
}

pub async fn path_guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if is_clean(req.path()) {
        return next.call(req).await.map(|r| r.map_into_boxed_body());
    }
    let e = ApiError::new(
        ErrorKind::InvalidPath,
        "路径含有控制字符或不是有效的 UTF-8 文本。",
        "The path contains a control character or is not valid UTF-8 text.",
    );
    let (http_req, _) = req.into_parts();
    Ok(ServiceResponse::new(http_req, HttpResponse::from_error(e)))
}

#[cfg(test)]
mod tests {
    use super::is_clean;

    #[test]
    fn control_characters_and_broken_utf8_are_not_clean() {
        assert!(is_clean("/api/v1/counties/522701"));
        assert!(is_clean("/api/v1/schools/%E9%83%BD"));
        assert!(!is_clean("/api/v1/counties/52%002701"));
        assert!(!is_clean("/api/v1/counties/%0A"));
        assert!(!is_clean("/api/v1/counties/%FF"));
    }
}
