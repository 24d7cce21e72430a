//! The assessment reports, JSON or (on `Accept: text/csv`) CSV with the same columns.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::query::Query;
use crate::http::respond::report;
use crate::service::assessment::reports::{
    self as svc, CountyAssessments, GroupAssessments, PrefectureAssessments,
};
use crate::service::exchange::compliance::ComplianceQuery;
use crate::service::{AppState, Ctx};

/// Rank a county's groups by their assessment
///
/// The year's assessments of the county's groups, ranked by the group level's fixed total
/// (equal totals share a rank; those still being scored follow, unranked), with the core's
/// result and the members' grades, and the grades counted. For the bureaus and inspectors.
/// `Accept: text/csv` gives one row per group.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/assessments", operation_id = "getCountyAssessments", tag = "assessment",
    params(("code" = String, Path, description = "County code", example = "522701"), ComplianceQuery),
    responses(
        (status = 200, description = "The ranking", content(
            (CountyAssessments = "application/json"),
            (String = "text/csv", example = "county_code,year,rank,group_id,group_code,group_name,assessment_id,status,total,grade,core_total,core_grade,members_excellent,members_good,members_pass,members_fail\n522701,2026,1,1,JT522701001,都匀市第一小学教育集团,1,published,91.50,excellent,88.00,good,0,1,1,0\n"),
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
    q: Query<ComplianceQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::county(&state, &ctx, code.into_inner(), q.into_inner()).await?;
    report(&req, &r, svc::county_csv)
}

/// Compare the counties' assessments
///
/// Per county: groups assessed, finalised and published, their grades and mean total, and the
/// members' grades. A county's caller sees its own county. `Accept: text/csv` gives one row per
/// county.
#[utoipa::path(
    get, path = "/api/v1/assessment-report", operation_id = "getPrefectureAssessments", tag = "assessment",
    params(ComplianceQuery),
    responses(
        (status = 200, description = "The comparison", content(
            (PrefectureAssessments = "application/json"),
            (String = "text/csv", example = "year,county_code,assessed,finalised,published,excellent,good,pass,fail,mean_total,members_excellent,members_good,members_pass,members_fail\n2026,522701,5,5,5,1,2,2,0,80.12,2,6,4,1\n"),
        )),
        (status = 403, description = "Not a bureau or an inspector", body = Problem),
        (status = 422, description = "`validation_failed`: no year, or one out of range", body = Problem),
    )
)]
pub async fn prefecture(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    q: Query<ComplianceQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::prefecture(&state, &ctx, q.into_inner()).await?;
    report(&req, &r, svc::prefecture_csv)
}

/// A group's assessments across the years
///
/// Newest first, each with its status and, once finalised, the group's, the core's and each
/// member's totals and grades. `Accept: text/csv` gives one row per level and school per year.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/assessments", operation_id = "listGroupAssessments", tag = "assessment",
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses(
        (status = 200, description = "The group's years", content(
            (GroupAssessments = "application/json"),
            (String = "text/csv", example = "group_id,group_code,year,assessment_id,status,level,school_id,school_name,total,grade\n1,JT522701001,2026,1,published,group,,,91.50,excellent\n"),
        )),
        (status = 404, description = "No such group in your scope", body = Problem),
    )
)]
pub async fn group(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let r = svc::group(&state, &ctx, id.into_inner()).await?;
    report(&req, &r, svc::group_csv)
}
