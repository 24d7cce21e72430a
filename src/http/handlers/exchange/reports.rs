//! The compliance reports and the treatments, JSON or (on `Accept: text/csv`) CSV with the
//! same figures.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::query::Query;
use crate::http::respond::report;
use crate::service::exchange::compliance::{ComplianceQuery, GroupCompliance};
use crate::service::exchange::rollup::{self as svc, CountyCompliance, PrefectureCompliance};
use crate::service::exchange::treatments::{
    self, CountyTreatments, PersonTreatments, TreatmentQuery,
};
use crate::service::{AppState, Ctx};

/// Read a group's exchange compliance for a year
///
/// Every EXCH figure computed from the records as they stand: `EXCH-GROUP-10` (teachers
/// exchanged among the group's teachers), `EXCH-BACKBONE-40` (backbone teachers among those
/// exchanged), `EXCH-CORE-10` (the core's teachers sent to other members; not applicable
/// before the group is stable), `EXCH-NEW-SCHOOL-SUBJECT` and `EXCH-WEAK-SUBJECT` (subjects of
/// newly opened members, and members' weak subjects, with a backbone teacher dispatched from
/// the core). Each with numerator, denominator, the county's threshold, its standing and, when
/// short, how many more teachers, which subjects at which members. What counts is in
/// docs/API-DESIGN.md, "Teacher exchange". A member school's administrator gets no
/// `bonus_posts` (the core's post holders). `Accept: text/csv` gives one row per figure.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/compliance", operation_id = "getGroupCompliance", tag = "exchange",
    params(("id" = i64, Path, description = "Group id", example = 1), ComplianceQuery),
    responses(
        (status = 200, description = "The group's figures", content(
            (GroupCompliance = "application/json"),
            (String = "text/csv", example = "group_code,year,rule,numerator,denominator,percent,threshold_percent,standing,more_needed,missing\nJT522701001,2026,EXCH-GROUP-10,9,100,9,10,short,1,3\n"),
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
    q: Query<ComplianceQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::group(&state, &ctx, id.into_inner(), q.into_inner()).await?;
    report(&req, &r, svc::group_csv)
}

/// Read a county's exchange compliance for a year
///
/// Every group of the county with its figures, and per figure how many groups meet it. Read in
/// a fixed number of statements however many groups and teachers the county has. For the
/// bureaus and inspectors. `Accept: text/csv` gives one row per group.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/compliance", operation_id = "getCountyCompliance", tag = "exchange",
    params(("code" = String, Path, description = "County code", example = "522701"), ComplianceQuery),
    responses(
        (status = 200, description = "The county's groups", content(
            (CountyCompliance = "application/json"),
            (String = "text/csv", example = "county_code,year,group_id,group_code,group_name,teachers,exchanged,group_standing,group_more_needed,backbone_exchanged,backbone_standing,backbone_more_needed,core_teachers,core_sent,core_standing,core_more_needed,new_school_subjects_missing,weak_subjects_missing,met\n522701,2026,1,JT522701001,都匀市第一小学教育集团,100,10,met,0,4,met,0,60,6,met,0,0,0,true\n"),
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

/// Compare the counties' exchange compliance for a year
///
/// Per county: its groups, how many meet every figure, teachers and those exchanged, and per
/// figure the groups meeting it, under each county's own thresholds. A county-scoped caller
/// sees its own county. `Accept: text/csv` gives one row per county.
#[utoipa::path(
    get, path = "/api/v1/compliance", operation_id = "getPrefectureCompliance", tag = "exchange",
    params(ComplianceQuery),
    responses(
        (status = 200, description = "The counties compared", content(
            (PrefectureCompliance = "application/json"),
            (String = "text/csv", example = "county_code,county_name,year,groups_total,groups_met,teachers,exchanged,exchanged_percent,backbone_exchanged,EXCH-GROUP-10_short,EXCH-BACKBONE-40_short,EXCH-CORE-10_short,EXCH-NEW-SCHOOL-SUBJECT_short,EXCH-WEAK-SUBJECT_short\n522701,都匀市,2026,12,7,4200,460,11,190,2,1,3,1,2\n"),
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

/// List a person's exchange treatments
///
/// What each of the person's exchanges earns (`EXCH-TREATMENT`) with its period: a dispatched
/// backbone teacher's middle-cadre treatment at the receiving school and priority in awards and
/// title evaluation; a voluntary move to another member's title-evaluation priority. For the
/// bureaus and inspectors, and the administrator of the person's own school.
#[utoipa::path(
    get, path = "/api/v1/persons/{id}/treatments", operation_id = "listPersonTreatments", tag = "exchange",
    params(("id" = i64, Path, description = "Person id", example = 12)),
    responses(
        (status = 200, description = "The person's treatments", body = PersonTreatments),
        (status = 403, description = "Not a bureau, an inspector or the person's school", body = Problem),
        (status = 404, description = "No such person in your scope", body = Problem),
    )
)]
pub async fn person(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let r = treatments::of_person(&state, &ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(r))
}

/// List a county's exchange treatments for a year
///
/// Every treatment earned by an exchange with a day in the year, for the title-evaluation
/// office (`treatment=title_priority` for its list). For the bureaus and inspectors.
/// `Accept: text/csv` gives one row per treatment.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/treatments", operation_id = "listCountyTreatments", tag = "exchange",
    params(("code" = String, Path, description = "County code", example = "522701"), ComplianceQuery, TreatmentQuery),
    responses(
        (status = 200, description = "The county's treatments", content(
            (CountyTreatments = "application/json"),
            (String = "text/csv", example = "county_code,year,person_id,name,treatment,exchange_id,kind,from_school_id,at_school_id,status,from,until\n522701,2026,12,王芳,title_priority,7,backbone_dispatch,1,3,active,2026-09-01,2027-07-15\n"),
        )),
        (status = 403, description = "Not a bureau or an inspector", body = Problem),
        (status = 404, description = "No such county in your scope", body = Problem),
        (status = 422, description = "`validation_failed`: no year, or one out of range", body = Problem),
    )
)]
pub async fn county_treatments(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    code: web::Path<String>,
    q: Query<ComplianceQuery>,
    t: Query<TreatmentQuery>,
) -> ApiResult<HttpResponse> {
    let r = treatments::of_county(
        &state,
        &ctx,
        code.into_inner(),
        q.into_inner(),
        t.into_inner(),
    )
    .await?;
    report(&req, &r, treatments::county_csv)
}
