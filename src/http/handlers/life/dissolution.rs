use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::groups::view::Group;
use crate::service::life::dissolution::{self as svc, Dissolution};
use crate::service::{AppState, Ctx};

/// Dissolve a group (bureau)
///
/// The county bureau dissolves a badly run group that is `preparing` or `established` and records
/// who is held accountable (DISSOLVE). Every membership ends (`dissolved`), the council and
/// office seats are retired, convened meetings are closed with their open motions deferred, and
/// submitted applications are cancelled; the group becomes `dissolved`. Nothing is deleted: the
/// group, its members, history, resolutions and minutes stay readable, and no school joins it.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/dissolution", operation_id = "dissolveGroup", tag = "group-life",
    request_body = Dissolution,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"9\""),
    ),
    responses(
        (status = 200, description = "The dissolved group", body = Group,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`DISSOLVE`: the group is not preparing or established (e.g. dissolved already)", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "the group cannot be dissolved", "status": 409,
                "code": "DISSOLVE", "detail": "The group is dissolved (dissolved); only a group that is preparing or established is dissolved.",
                "policy_ref": "§2.4.4", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn dissolve(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<Dissolution>,
) -> ApiResult<HttpResponse> {
    let g = svc::dissolve(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}
