//! Extra performance pay (PAY-POOL, §2.4.4): the county's pool and its allocation to groups,
//! and each group's distribution plan among its schools.

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::assessment::pay::{self as pool, PayPool, PayPoolInput};
use crate::service::assessment::pay_plans::{
    self as plans, PayPlan, PayPlanDecisionInput, PayPlanInput,
};
use crate::service::{AppState, Ctx};

/// Read a county's extra performance-pay pool for a year
///
/// The base, the pool (`pool_percent` of the base, rounded down to the yuan), what is allocated
/// and what remains, each group's allocation with its published grade, and `suggested`: the
/// pool split by the grades' weights (settings `pay_weight_excellent`, `pay_weight_good`) over
/// the groups with a published assessment of the year. For the bureaus and inspectors.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/pay-pools/{year}", operation_id = "getPayPool", tag = "assessment",
    params(
        ("code" = String, Path, description = "County code", example = "522701"),
        ("year" = i32, Path, description = "Year", example = 2026),
    ),
    responses(
        (status = 200, description = "The pool", body = PayPool, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not a bureau or an inspector", body = Problem),
        (status = 404, description = "No pool for the year, or no such county in your scope", body = Problem),
    )
)]
pub async fn get_pool(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(String, i32)>,
) -> ApiResult<HttpResponse> {
    let (code, year) = path.into_inner();
    let p = pool::get(&state, &ctx, code, year).await?;
    Ok(ok_tagged(p.version, &p))
}

/// Put a county's extra performance-pay pool for a year
///
/// The county bureau puts the performance-pay base and the allocation to groups
/// (`If-Match: "0"` creates the year). The pool is the base times the county's
/// `pay_pool_percent` (25 by default), fixed on the pool when put. `PAY-POOL`: the allocation
/// never exceeds the pool; an amount above 0 goes only to a group whose published assessment of
/// the year is graded good or excellent; and a group's allocation never drops below its plan
/// once the office meeting passed or the bureau approved it.
#[utoipa::path(
    put, path = "/api/v1/counties/{code}/pay-pools/{year}", operation_id = "putPayPool", tag = "assessment",
    request_body = PayPoolInput,
    params(
        ("code" = String, Path, description = "County code", example = "522701"),
        ("year" = i32, Path, description = "Year", example = 2026),
        ("If-Match" = String, Header, description = "`\"0\"` to create, else the ETag last read", example = "\"0\""),
    ),
    responses(
        (status = 200, description = "The pool as it now stands", body = PayPool, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county's bureau", body = Problem),
        (status = 404, description = "No such county in your scope", body = Problem),
        (status = 409, description = "`PAY-POOL`: above the pool, to a group not graded good or better in a published assessment, or below a passed or approved plan", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a group of another county, a group twice, a negative amount", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put_pool(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(String, i32)>,
    m: IfMatchHeader,
    body: Json<PayPoolInput>,
) -> ApiResult<HttpResponse> {
    let (code, year) = path.into_inner();
    let p = pool::put(&state, &ctx, code, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(p.version, &p))
}

/// Read a group's performance-pay distribution plan for a year
///
/// Its lines (school, amount, contribution), total and the group's current allocation. For
/// whoever sees the group: its schools, its seat holders, the bureau.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/pay-plans/{year}", operation_id = "getPayPlan", tag = "assessment",
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Year", example = 2026),
    ),
    responses(
        (status = 200, description = "The plan", body = PayPlan, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such group in your scope, or no plan for the year", body = Problem),
    )
)]
pub async fn get_plan(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let p = plans::get(&state, &ctx, id, year).await?;
    Ok(ok_tagged(p.version, &p))
}

/// Draft or revise a group's performance-pay distribution plan
///
/// The chair (the core's administrator) distributes the group's allocation among the core and
/// the current members by contribution (`If-Match: "0"` drafts it). `PAY-POOL`: the lines never
/// exceed the group's allocation (nor is there a plan without one). Any revision puts it back to
/// `proposed`; the office meeting passes it (`POST /meetings/{id}/motions` with
/// `motion_type: performance_pay_distribution` and `subject_id`), then the bureau decides it.
/// Not while it is being voted on (`409 pay_plan_on_agenda`), nor once approved
/// (`409 pay_plan_status`).
#[utoipa::path(
    put, path = "/api/v1/groups/{id}/pay-plans/{year}", operation_id = "putPayPlan", tag = "assessment",
    request_body = PayPlanInput,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Year", example = 2026),
        ("If-Match" = String, Header, description = "`\"0\"` to draft, else the ETag last read", example = "\"0\""),
    ),
    responses(
        (status = 200, description = "The plan as it now stands", body = PayPlan, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`PAY-POOL` (above the group's allocation, or none), `pay_plan_on_agenda`, `pay_plan_status` (approved)", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a school outside the group, a school twice", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put_plan(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
    m: IfMatchHeader,
    body: Json<PayPlanInput>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let p = plans::put(&state, &ctx, id, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(p.version, &p))
}

/// Approve or reject a group's performance-pay distribution plan
///
/// The county bureau decides (审定) a plan the office meeting passed (else
/// `409 pay_plan_status`). Approval checks it against the group's allocation as it now stands
/// (`409 PAY-POOL`); a rejection gives its reasons in `note`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/pay-plans/{year}/decision", operation_id = "decidePayPlan", tag = "assessment",
    request_body = PayPlanDecisionInput,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Year", example = 2026),
        ("If-Match" = String, Header, description = "The plan's ETag last read", example = "\"3\""),
    ),
    responses(
        (status = 200, description = "The plan as decided", body = PayPlan, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such group in your scope, or no plan for the year", body = Problem),
        (status = 409, description = "`pay_plan_status` (not passed by the office meeting), `PAY-POOL` (now above the allocation)", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: a rejection without a note", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn decide_plan(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
    m: IfMatchHeader,
    body: Json<PayPlanDecisionInput>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let p = plans::decide(&state, &ctx, id, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(p.version, &p))
}
