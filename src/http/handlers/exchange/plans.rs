//! A group's annual exchange plan (EXCH-PLAN) and the subjects schools teach.

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::exchange::plans::{self as svc, ExchangePlan, PlanInput};
use crate::service::exchange::subjects::{self, SchoolSubjects, SchoolSubjectsInput};
use crate::service::{AppState, Ctx};

/// Read a group's exchange plan for a year
///
/// The plan's lines with, for each, the distinct teachers in exchanges citing the plan that
/// are active or completed (planned against actual), and those that match no line.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/exchange-plans/{year}", operation_id = "getExchangePlan", tag = "exchange",
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Plan year", example = 2026),
    ),
    responses(
        (status = 200, description = "The plan", body = ExchangePlan, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such group in your scope, or no plan for the year", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let p = svc::get(&state, &ctx, id, year).await?;
    Ok(ok_tagged(p.version, &p))
}

/// Draft or revise a group's exchange plan
///
/// The chair puts the year's plan (`If-Match: "0"` drafts it): lines of kind, sending and
/// receiving school and teachers. It is `drafted_by` the group's teacher development centre
/// when the group has an active one, else the core. Any revision puts it back to `proposed`;
/// it takes effect once the office meeting passes it (`POST /meetings/{id}/motions` with
/// `motion_type: exchange_plan` and `subject_id`). Not while it is being voted on
/// (`409 exchange_plan_on_agenda`).
#[utoipa::path(
    put, path = "/api/v1/groups/{id}/exchange-plans/{year}", operation_id = "putExchangePlan", tag = "exchange",
    request_body = PlanInput,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Plan year", example = 2026),
        ("If-Match" = String, Header, description = "`\"0\"` to draft, else the ETag last read", example = "\"0\""),
    ),
    responses(
        (status = 200, description = "The plan as it now stands", body = ExchangePlan, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair or the county bureau", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`exchange_plan_on_agenda`, `EXCH-SCOPE` (a line that could never be carried out, e.g. a backbone dispatch from a member), `GROUP-STATE`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a line from a school outside the group", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
    m: IfMatchHeader,
    body: Json<PlanInput>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let p = svc::put(&state, &ctx, id, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(p.version, &p))
}

/// Read a school's subjects for a year
///
/// The subjects it teaches and which are weak (薄弱学科), as recorded; an empty list while
/// none is recorded (the compliance figures then take the subjects its teachers teach).
#[utoipa::path(
    get, path = "/api/v1/schools/{id}/subjects/{year}", operation_id = "getSchoolSubjects", tag = "exchange",
    params(
        ("id" = i64, Path, description = "School id", example = 3),
        ("year" = i32, Path, description = "Year", example = 2026),
    ),
    responses(
        (status = 200, description = "The school's subjects", body = SchoolSubjects, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such school in your scope", body = Problem),
    )
)]
pub async fn get_subjects(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let s = subjects::get(&state, &ctx, id, year).await?;
    Ok(ok_tagged(s.version, &s))
}

/// Record a school's subjects for a year
///
/// Replaces the set: every subject taught in the year, with its weak ones (薄弱学科), that
/// `EXCH-NEW-SCHOOL-SUBJECT` and `EXCH-WEAK-SUBJECT` measure. The county bureau records them
/// for its county's schools, a school's administrator for its own. `If-Match: "0"` records
/// the first set.
#[utoipa::path(
    put, path = "/api/v1/schools/{id}/subjects/{year}", operation_id = "putSchoolSubjects", tag = "exchange",
    request_body = SchoolSubjectsInput,
    params(
        ("id" = i64, Path, description = "School id", example = 3),
        ("year" = i32, Path, description = "Year", example = 2026),
        ("If-Match" = String, Header, description = "`\"0\"` for the first set, else the ETag last read", example = "\"0\""),
    ),
    responses(
        (status = 200, description = "The school's subjects", body = SchoolSubjects, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau or the school's administrator", body = Problem),
        (status = 404, description = "No such school in your scope", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. an unknown subject", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put_subjects(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
    m: IfMatchHeader,
    body: Json<SchoolSubjectsInput>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let s = subjects::put(&state, &ctx, id, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(s.version, &s))
}
