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
