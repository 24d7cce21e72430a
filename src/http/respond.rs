//! Successful responses: `201` with `Location`, and `ETag` on single resources.

use actix_web::http::header;
use actix_web::HttpResponse;
use serde::Serialize;

use super::extract::etag;

pub fn created<T: Serialize>(location: String, version: i32, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}

pub fn ok_tagged<T: Serialize>(version: i32, body: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}

/// Whether the client asked for CSV (`Accept: text/csv`), for the reports that answer both.
pub fn wants_csv(req: &actix_web::HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().starts_with("text/csv")))
}

/// A report as CSV; `Vary: Accept`, since the same URL also answers JSON.
pub fn csv(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((header::VARY, "Accept"))
        .body(body)
}

/// A report as JSON, or as CSV when asked.
pub fn report<T: Serialize>(
    req: &actix_web::HttpRequest,
    body: &T,
    as_csv: impl FnOnce(&T) -> crate::error::ApiResult<String>,
) -> crate::error::ApiResult<HttpResponse> {
    if wants_csv(req) {
        return Ok(csv(as_csv(body)?));
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::VARY, "Accept"))
        .json(body))
}
