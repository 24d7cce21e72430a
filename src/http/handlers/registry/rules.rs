use actix_web::HttpResponse;

use crate::error::ApiResult;
use crate::service::registry::rules::{self as svc, Rules};
use crate::service::Ctx;

/// Every rule id and conflict code
///
/// The catalogue a refusal's `code` comes from: each rule of the policy with its section and
/// texts in both languages, and each conflict code, so that frontends can explain a `409` and
/// integrators can map codes without reading prose.
#[utoipa::path(
    get, path = "/api/v1/rules", operation_id = "listRules", tag = "registry",
    responses((status = 200, description = "The catalogue", body = Rules))
)]
pub async fn list(ctx: Ctx) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::all(&ctx)))
}
