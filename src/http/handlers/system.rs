use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::service::AppState;

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Health {
    pub status: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ready", "database": "sqlite"}))]
pub struct Ready {
    pub status: String,
    pub database: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Discovery {
    pub service: String,
    pub version: String,
    pub description: String,
    pub links: DiscoveryLinks,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DiscoveryLinks {
    pub openapi: String,
    pub swagger_ui: String,
    pub token: String,
    pub changes: String,
    pub vocabularies: String,
    pub health: String,
    pub ready: String,
}

/// Liveness
///
/// Answers `200` while the process runs, without touching the database; for liveness probes.
#[utoipa::path(get, path = "/health", operation_id = "getHealth", tag = "system", security(()),
    responses((status = 200, description = "The process is up", body = Health)))]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Readiness
///
/// `503` while the database does not answer.
#[utoipa::path(get, path = "/ready", operation_id = "getReadiness", tag = "system", security(()),
    responses(
        (status = 200, description = "Ready to serve", body = Ready),
        (status = 503, description = "The database is unreachable", body = crate::error::Problem),
    ))]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, crate::error::ApiError> {
    if state.db.ping().await {
        Ok(HttpResponse::Ok().json(Ready {
            status: "ready".into(),
            database: state.db.backend().name().into(),
        }))
    } else {
        Err(crate::error::ApiError::unavailable())
    }
}

/// Discovery document
///
/// The version and where to find the API's description, token endpoint and change feed.
#[utoipa::path(get, path = "/", operation_id = "getDiscovery", tag = "system", security(()),
    responses((status = 200, description = "Links to everything else", body = Discovery)))]
pub async fn discovery() -> HttpResponse {
    HttpResponse::Ok().json(Discovery {
        service: "edugroups".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        description: "黔南州中小学集团化办学改革 API — education groups of Qiannan prefecture"
            .into(),
        links: DiscoveryLinks {
            openapi: "/api-docs/openapi.json".into(),
            swagger_ui: "/swagger-ui/".into(),
            token: "/api/v1/oauth/token".into(),
            changes: "/api/v1/changes".into(),
            vocabularies: "/api/v1/vocabularies".into(),
            health: "/health".into(),
            ready: "/ready".into(),
        },
    })
}
