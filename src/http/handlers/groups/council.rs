use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::groups::council::{self as svc, Council, CouncilElection};
use crate::service::{AppState, Ctx};

/// Read the council
///
/// The active council seats and the chair's office meeting, with the seat ids that attendance
/// and votes name.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/council", operation_id = "getCouncil", tag = "groups",
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses((status = 200, description = "The council", body = Council, headers(("ETag" = String, description = "The group's version"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let c = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(c.version, &c))
}

/// Record the elected council
///
/// The core school records the council as elected: seats by person, school and category, the
/// chair, and the office meeting. COUNCIL-CHAIR, COUNCIL-COMPOSITION and OFFICE-COMPOSITION are
/// checked on the whole list; a re-election (with `If-Match`) retires the old seats.
#[utoipa::path(
    put, path = "/api/v1/groups/{id}/council", operation_id = "putCouncil", tag = "groups",
    request_body = CouncilElection,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; required to re-elect", example = "\"4\"")),
    responses(
        (status = 200, description = "The council as elected", body = Council),
        (status = 409, description = "`COUNCIL-CHAIR`, `COUNCIL-COMPOSITION`, `OFFICE-COMPOSITION` or `GROUP-STATE`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "Council composition incomplete", "status": 409,
                "code": "COUNCIL-COMPOSITION", "detail": "No parent representative holds a seat.", "policy_ref": "§2.3.2",
                "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<CouncilElection>,
) -> ApiResult<HttpResponse> {
    let c = svc::elect(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(c.version, &c))
}
