//! The staffing reports: a group's year and a county's roll-up, JSON or (on `Accept: text/csv`)
//! CSV with the same figures.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::query::Query;
use crate::http::respond::report;
use crate::service::staffing::report::{self as svc, CountyStaffing, GroupStaffing, YearQuery};
use crate::service::{AppState, Ctx};

/// Read a group's staffing for a year
///
/// The group's pool (each member's contribution, the special quota), the allocations in effect
/// with their reasons and the approved adjustment that set them, what the pool leaves, and the
/// core's bonus posts. The core, the bureau and the group's seat holders see every line; a
/// member school's administrator sees its own. `Accept: text/csv` gives one row per allocation.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/staffing", operation_id = "getGroupStaffing", tag = "staffing",
    params(("id" = i64, Path, description = "Group id", example = 1), YearQuery),
    responses(
        (status = 200, description = "The group's staffing", content(
            (GroupStaffing = "application/json"),
            (String = "text/csv", example = "group_code,year,school_id,school_name,category,level,bonus,posts,reason,adjustment_id\nJT522701001,2026,1,都匀市第一小学,professional_technical,senior,false,20,school_size,4\n"),
        )),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 422, description = "`validation_failed`: no year, or one out of range", body = Problem),
    )
)]
pub async fn group(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    q: Query<YearQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::group(&state, &ctx, id.into_inner(), q.into_inner()).await?;
    report(&req, &r, svc::group_csv)
}

/// Read a county's staffing roll-up for a year
///
/// The county's totals, what all its groups hold (bonus posts included) and what the totals
/// leave, and per group its pool, allocations, bonus posts and remaining room. Read in a fixed
/// number of statements however many groups the county has. For the bureaus and inspectors.
/// `Accept: text/csv` gives one row per group.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/staffing", operation_id = "getCountyStaffing", tag = "staffing",
    params(("code" = String, Path, description = "County code", example = "522701"), YearQuery),
    responses(
        (status = 200, description = "The county's roll-up", content(
            (CountyStaffing = "application/json"),
            (String = "text/csv", example = "county_code,year,group_id,code,name,kind,status,members,pool,special,allocated,bonus_posts,remaining,senior,intermediate\n522701,2026,1,JT522701001,都匀市第一小学教育集团,tight,established,2,138,6,120,2,18,22,40\n"),
        )),
        (status = 403, description = "Not a bureau or an inspector", body = Problem),
        (status = 404, description = "No such county in your scope", body = Problem),
        (status = 422, description = "`validation_failed`: no year, or one out of range", body = Problem),
    )
)]
pub async fn county(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    code: web::Path<String>,
    q: Query<YearQuery>,
) -> ApiResult<HttpResponse> {
    let r: CountyStaffing = svc::county(&state, &ctx, code.into_inner(), q.into_inner()).await?;
    report(&req, &r, svc::county_csv)
}
