//! Renders every error as an RFC 9457 problem in the caller's language, with the request id —
//! ours, extractor errors, actix's own 404/405, and anything that escaped as an `Err`.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::Error;

use crate::error::{ApiError, ErrorKind};
use crate::http::extract::request_id_of;
use crate::i18n::Lang;

pub async fn render(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Read before routing: actix needs the request unshared while it routes.
    let lang = Lang::of(req.request());
    let rid = request_id_of(req.request());
    // An `Err` here comes from inner middleware only (handlers' errors arrive as responses);
    // ours answer with responses, so it is left to actix.
    let res = next.call(req).await?;
    if res.status().as_u16() < 400 || is_problem(&res) && res.response().error().is_none() {
        return Ok(res.map_into_boxed_body());
    }
    let api = res
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>().cloned())
        .unwrap_or_else(|| fallback(res.status()));
    if api.kind == ErrorKind::Internal {
        log::error!("request {rid}: {api}");
    }
    let response = api.response(lang, Some(&rid));
    let (http_req, _) = res.into_parts();
    Ok(ServiceResponse::new(http_req, response))
}

fn is_problem(res: &ServiceResponse<impl MessageBody>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"))
}

fn fallback(status: actix_web::http::StatusCode) -> ApiError {
    match status.as_u16() {
        404 => ApiError::new(
            ErrorKind::NotFound,
            "没有这个地址；可用的接口见 /api-docs/openapi.json。",
            "No such path; the API is described at /api-docs/openapi.json.",
        ),
        405 => ApiError::new(
            ErrorKind::MethodNotAllowed,
            "该地址不支持此请求方法。",
            "This path does not support the method.",
        ),
        _ => ApiError::plain(ErrorKind::from_status(status)),
    }
}
