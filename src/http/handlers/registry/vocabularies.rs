use actix_web::{web, HttpResponse};

use crate::error::ApiResult;
use crate::service::registry::vocabularies::{self as svc, Vocabularies};
use crate::service::{AppState, Ctx};

/// Every enum and lookup, with labels
///
/// Codes with their zh-Hans and English labels, so that frontends never hard-code labels.
#[utoipa::path(
    get, path = "/api/v1/vocabularies", operation_id = "listVocabularies", tag = "registry",
    responses((status = 200, description = "All vocabularies", body = Vocabularies))
)]
pub async fn list(state: web::Data<AppState>, _ctx: Ctx) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::all(&state).await?))
}
