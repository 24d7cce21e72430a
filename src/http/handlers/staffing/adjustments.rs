//! Staffing adjustments (STAFF-ADJUST): the chair proposes, the office meeting passes (a
//! `staffing_adjustment` motion with the adjustment as `subject_id`), the county bureau approves
//! or refuses; only an approval changes the allocations.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::optional as optional_json;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::page::{Page, PageQuery};
use crate::service::staffing::adjust::{
    self as svc, AdjustmentQuery, AdjustmentWithdrawal, NewAdjustment,
};
use crate::service::staffing::decide::{self, AdjustmentDecisionInput};
use crate::service::staffing::views::Adjustment;
use crate::service::{AppState, Ctx};

/// Propose a staffing adjustment
///
/// The chair proposes the posts each member is to have for a year (编制调整方案): each line sets
/// a member's posts for a category and level (0 removes them), with the reason §2.4.2 gives.
/// The proposal is checked at once against the county's totals (`STAFF-COUNTY-TOTAL`), the
/// group's pool (`STAFF-POOL`) and the core's bonus (`STAFF-SENIOR-BONUS`), and again when the
/// bureau approves it. It changes nothing until then: table it in an office meeting
/// (`POST /meetings/{id}/motions` with `motion_type: staffing_adjustment` and `subject_id`).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/staffing-adjustments", operation_id = "proposeStaffingAdjustment", tag = "staffing",
    request_body = NewAdjustment,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "adjust-2026-1"),
    ),
    responses(
        (status = 201, description = "The proposal", body = Adjustment,
            headers(("Location" = String, description = "The adjustment"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`STAFF-POOL`, `STAFF-SENIOR-BONUS`, `STAFF-COUNTY-TOTAL`, `GROUP-STATE`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "The group's staffing pool", "status": 409,
                "code": "STAFF-POOL", "detail": "The group pools 138 posts; its members would be allocated 140, 2 too many.",
                "policy_ref": "§2.4.1, §2.4.2", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 422, description = "`validation_failed`: e.g. a line for a school outside the group", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewAdjustment>,
) -> ApiResult<HttpResponse> {
    let a = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/staffing-adjustments/{}", a.id),
        a.version,
        &a,
    ))
}

/// List a group's staffing adjustments
///
/// By id, of a `year` and `status` if given. A member school's administrator sees the lines of
/// its own school only.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/staffing-adjustments", operation_id = "listStaffingAdjustments", tag = "staffing",
    params(("id" = i64, Path, description = "Group id", example = 1), AdjustmentQuery, PageQuery),
    responses((status = 200, description = "A page of adjustments", body = Page<Adjustment>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<AdjustmentQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let p = svc::list(
        &state,
        &ctx,
        id.into_inner(),
        q.into_inner(),
        page.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(p))
}

/// Read a staffing adjustment
#[utoipa::path(
    get, path = "/api/v1/staffing-adjustments/{id}", operation_id = "getStaffingAdjustment", tag = "staffing",
    params(("id" = i64, Path, description = "Adjustment id", example = 1)),
    responses(
        (status = 200, description = "The adjustment", body = Adjustment, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such adjustment in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let a = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(a.version, &a))
}

/// Decide on a staffing adjustment
///
/// The county bureau approves (`approve`, with the document's reference) or refuses (`refuse`,
/// with reasons) an adjustment the office meeting has passed. An approval checks the limits
/// against the allocations as they stand now, puts the lines in effect (each a
/// `post_allocation` change on the feed), and supersedes the group's other open proposals of
/// the year. A refusal changes nothing.
#[utoipa::path(
    post, path = "/api/v1/staffing-adjustments/{id}/decision", operation_id = "decideStaffingAdjustment", tag = "staffing",
    request_body = AdjustmentDecisionInput,
    params(
        ("id" = i64, Path, description = "Adjustment id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The adjustment's ETag; checked when given", example = "\"3\""),
    ),
    responses(
        (status = 200, description = "The adjustment, decided", body = Adjustment, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such adjustment in your scope", body = Problem),
        (status = 409, description = "`STAFF-ADJUST` (the office meeting has not passed it), `STAFF-POOL`, `STAFF-SENIOR-BONUS`, `STAFF-COUNTY-TOTAL`, `GROUP-STATE`, `staffing_adjustment_decided`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
    )
)]
pub async fn decision(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<AdjustmentDecisionInput>,
) -> ApiResult<HttpResponse> {
    let a = decide::decide(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(a.version, &a))
}

/// Withdraw a staffing adjustment
///
/// The chair withdraws a proposal the bureau has not decided on, unless a motion on it is being
/// voted (`409 staffing_adjustment_on_agenda`); the body (the reasons) may be left out.
#[utoipa::path(
    post, path = "/api/v1/staffing-adjustments/{id}/withdrawal", operation_id = "withdrawStaffingAdjustment", tag = "staffing",
    request_body(content = Option<AdjustmentWithdrawal>, description = "Empty, or the reasons"),
    params(
        ("id" = i64, Path, description = "Adjustment id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The adjustment's ETag; checked when given", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The adjustment, withdrawn", body = Adjustment, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`staffing_adjustment_decided`, `staffing_adjustment_on_agenda`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn withdrawal(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let input: AdjustmentWithdrawal = optional_json(&req, &body)?;
    let a = svc::withdraw(&state, &ctx, id.into_inner(), m.0, input).await?;
    Ok(ok_tagged(a.version, &a))
}
