//! Assessments: opened per group and year, self-assessed by the group, scored by the bureau's
//! assessors and computed from the records, finalised and published (ASSESS-STATE).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::{created, ok_tagged};
use crate::service::assessment::acts::{self, AssessmentActInput};
use crate::service::assessment::open::{self as svc, NewAssessment};
use crate::service::assessment::scores::{self, AssessorScores, SelfAssessmentInput};
use crate::service::assessment::views::Assessment;
use crate::service::{AppState, Ctx};

/// Open a group's assessment for a year
///
/// The county bureau opens the year's assessment of an established group under a framework of
/// the county for that year, which locks the framework (`ASSESS-FRAMEWORK`). The schools
/// assessed are the core and the members active now. One per group and year
/// (`409 assessment_exists`).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/assessments", operation_id = "openAssessment", tag = "assessment",
    request_body = NewAssessment,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "assessment-2026"),
    ),
    responses(
        (status = 201, description = "The assessment", body = Assessment,
            headers(("Location" = String, description = "The assessment"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`assessment_exists`, `GROUP-STATE` (not established)", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a framework of another county or year", body = Problem),
    )
)]
pub async fn open(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewAssessment>,
) -> ApiResult<HttpResponse> {
    let a = svc::open(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/assessments/{}", a.id),
        a.version,
        &a,
    ))
}

/// Read an assessment
///
/// Every indicator for every school it scores, with the group's self-assessed score beside the
/// assessor's or computed one (and a computed score's inputs as they were), the totals and
/// grades per level and school (live until finalised, then fixed), the reopenings, and once
/// published the paths its results open (`flags`: spin-off, rectification, dissolution review,
/// growth review), each with the result it rests on.
#[utoipa::path(
    get, path = "/api/v1/assessments/{id}", operation_id = "getAssessment", tag = "assessment",
    params(("id" = i64, Path, description = "Assessment id", example = 1)),
    responses(
        (status = 200, description = "The assessment", body = Assessment, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such assessment in your scope", body = Problem),
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

/// Submit the group's self-assessment
///
/// The chair scores every manual indicator (the service computes the others), once, while the
/// assessment is `open`; it becomes `self_assessed`. The assessors then score it.
#[utoipa::path(
    post, path = "/api/v1/assessments/{id}/self-assessment", operation_id = "submitSelfAssessment", tag = "assessment",
    request_body = SelfAssessmentInput,
    params(
        ("id" = i64, Path, description = "Assessment id", example = 1),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The assessment", body = Assessment, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 404, description = "No such assessment in your scope", body = Problem),
        (status = 409, description = "`ASSESS-STATE`: not open", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a manual indicator without a score, a score above the maximum, a computed indicator", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn self_assess(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<SelfAssessmentInput>,
) -> ApiResult<HttpResponse> {
    let a = scores::self_assess(
        &state,
        &ctx,
        id.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(a.version, &a))
}

/// Enter assessors' scores
///
/// The county bureau's assessors score manual indicators with evidence and comment, while the
/// assessment is `open`, `self_assessed` or `scored` (`ASSESS-STATE`: after finalisation only a
/// reopening allows a correction). An assessor whose token names a school of the group is
/// recused (`ASSESS-RECUSAL`).
#[utoipa::path(
    put, path = "/api/v1/assessments/{id}/scores", operation_id = "putAssessmentScores", tag = "assessment",
    request_body = AssessorScores,
    params(
        ("id" = i64, Path, description = "Assessment id", example = 1),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"2\""),
    ),
    responses(
        (status = 200, description = "The assessment", body = Assessment, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such assessment in your scope", body = Problem),
        (status = 409, description = "`ASSESS-STATE`, `ASSESS-RECUSAL`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put_scores(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<AssessorScores>,
) -> ApiResult<HttpResponse> {
    let a = scores::put_scores(
        &state,
        &ctx,
        id.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(a.version, &a))
}

/// Act on an assessment
///
/// The county bureau's steps (`ASSESS-STATE`): `compute` the computed indicators from the
/// records (again whenever they change, until finalisation; each keeps its inputs), `mark_scored`
/// once every indicator has a score, `finalise` (totals and grades by the county's cut-offs are
/// fixed), `publish`, and `reopen` a finalised assessment for a correction, with its `reason`
/// (the results before it are kept with the reopening). Published results are final.
#[utoipa::path(
    post, path = "/api/v1/assessments/{id}/acts", operation_id = "actOnAssessment", tag = "assessment",
    request_body = AssessmentActInput,
    params(
        ("id" = i64, Path, description = "Assessment id", example = 1),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"3\""),
    ),
    responses(
        (status = 200, description = "The assessment", body = Assessment, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such assessment in your scope", body = Problem),
        (status = 409, description = "`ASSESS-STATE` (e.g. unscored indicators, a published result reopened), `ASSESS-RECUSAL`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. an unknown act, a reopening without reasons", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn act(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<AssessmentActInput>,
) -> ApiResult<HttpResponse> {
    let a = acts::act(
        &state,
        &ctx,
        id.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(a.version, &a))
}
