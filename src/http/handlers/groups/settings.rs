use actix_web::{web, HttpResponse};

use crate::domain::groups::SettingsPatch;
use crate::error::ApiResult;
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::groups::settings::{self as svc, CountySettings};
use crate::service::{AppState, Ctx};

/// Read a county's rule settings
///
/// The limits DOMAIN.md marks *default* (tight-group size, quorum, thresholds, growth period,
/// exchange and pay percentages): the county's overrides and what is in force. `522700` gives
/// the prefecture defaults.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/settings", operation_id = "getCountySettings", tag = "groups",
    params(("code" = String, Path, description = "County code, or 522700 for the prefecture", example = "522701")),
    responses((status = 200, description = "The settings", body = CountySettings, headers(("ETag" = String, description = "Their version (0 before any is stored)"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let s = svc::get(&state, &ctx, code.into_inner()).await?;
    Ok(ok_tagged(s.version, &s))
}

/// Set a county's rule settings
///
/// A county bureau sets its county's overrides (absent fields follow the prefecture); the
/// prefecture bureau sets the prefecture defaults under `522700`. `If-Match: "0"` before any
/// are stored.
#[utoipa::path(
    put, path = "/api/v1/counties/{code}/settings", operation_id = "putCountySettings", tag = "groups",
    request_body(content = SettingsPatch, example = json!({"tight_initial_max_members": 2, "growth_period_years": 3})),
    params(("code" = String, Path, description = "County code, or 522700", example = "522701"),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"0\"")),
    responses((status = 200, description = "The settings as they now stand", body = CountySettings))
)]
pub async fn put(
    state: web::Data<AppState>,
    ctx: Ctx,
    code: web::Path<String>,
    m: IfMatchHeader,
    body: Json<SettingsPatch>,
) -> ApiResult<HttpResponse> {
    let s = svc::put(
        &state,
        &ctx,
        code.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(s.version, &s))
}
