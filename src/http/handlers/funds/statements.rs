//! The statements of pooled resources, JSON or (on `Accept: text/csv`) CSV with the same
//! figures.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::query::Query;
use crate::http::respond::report;
use crate::service::funds::statements::{
    self as svc, CountyFundStatement, FundStatementQuery, GroupFundStatement, SchoolFundStatement,
};
use crate::service::{AppState, Ctx};

/// Read a school's pooled-resources statement for a year
///
/// What the school's accounts bore for others (`gave`) and what it received, by kind, source
/// and purpose, with every line: its entries (reversals net out) and its teacher exchanges read
/// as people (`source: exchange`, person-days in the year × share). For the bureaus and
/// inspectors and the school's own administrator. `Accept: text/csv` gives one row per total.
#[utoipa::path(
    get, path = "/api/v1/schools/{id}/fund-statement", operation_id = "getSchoolFundStatement", tag = "funds",
    params(("id" = i64, Path, description = "School id", example = 3), FundStatementQuery),
    responses(
        (status = 200, description = "The school's statement", content(
            (SchoolFundStatement = "application/json"),
            (String = "text/csv", example = "school_id,year,direction,kind,source,purpose,unit,amount_yuan,quantity,lines\n1,2026,gave,money,group_funds,informatisation,,50000,0,1\n"),
        )),
        (status = 403, description = "Not a bureau, an inspector or the school", body = Problem),
        (status = 404, description = "No such school in your scope", body = Problem),
        (status = 422, description = "`validation_failed`: no year, or one out of range", body = Problem),
    )
)]
pub async fn school(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    q: Query<FundStatementQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::school(&state, &ctx, id.into_inner(), q.into_inner()).await?;
    report(&req, &r, svc::school_csv)
}

/// Read a group's funds statement for a year
///
/// Funds allocated, spent and remaining by purpose, and everything pooled by kind, source and
/// purpose with every line, the exchanges included. For the bureaus, inspectors and the chair.
/// `Accept: text/csv` gives one row per purpose.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/fund-statement", operation_id = "getGroupFundStatement", tag = "funds",
    params(("id" = i64, Path, description = "Group id", example = 1), FundStatementQuery),
    responses(
        (status = 200, description = "The group's statement", content(
            (GroupFundStatement = "application/json"),
            (String = "text/csv", example = "group_code,year,purpose,allocated_yuan,spent_yuan,remaining_yuan\nJT522701001,2026,informatisation,200000,50000,150000\n"),
        )),
        (status = 403, description = "Not a bureau, an inspector or the chair", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 422, description = "`validation_failed`: no year, or one out of range", body = Problem),
    )
)]
pub async fn group(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    q: Query<FundStatementQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::group(&state, &ctx, id.into_inner(), q.into_inner()).await?;
    report(&req, &r, svc::group_csv)
}

/// Read a county's group funds statement for a year
///
/// Per group: allocated, spent and remaining, money from the members' own budgets and the
/// person-days its exchanges lent; and the county's purposes summed. Read in a fixed number of
/// statements. For the bureaus and inspectors. `Accept: text/csv` gives one row per group.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/fund-statement", operation_id = "getCountyFundStatement", tag = "funds",
    params(("code" = String, Path, description = "County code", example = "522701"), FundStatementQuery),
    responses(
        (status = 200, description = "The county's statement", content(
            (CountyFundStatement = "application/json"),
            (String = "text/csv", example = "county_code,year,group_id,group_code,group_name,allocated_yuan,spent_yuan,remaining_yuan,member_own_yuan,exchange_person_days\n522701,2026,1,JT522701001,都匀市第一小学教育集团,370000,50000,320000,0,122\n"),
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
    q: Query<FundStatementQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::county(&state, &ctx, code.into_inner(), q.into_inner()).await?;
    report(&req, &r, svc::county_csv)
}
