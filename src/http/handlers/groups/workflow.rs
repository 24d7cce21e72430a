//! The steps of the formation workflow. Each accepts `If-Match` (checked when given); without it
//! the state machine still refuses a step that no longer applies (`409 GROUP-STATE`).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::groups::confirmation;
use crate::service::groups::formation::{
    self as svc, DossierSubmission, History, PlanSubmission, Review,
};
use crate::service::groups::members::{self, NewMember};
use crate::service::groups::view::Group;
use crate::service::life::decisions::DecisionInput;
use crate::service::{AppState, Ctx};

/// Submit the formation plan
///
/// The core school submits its formation plan to the bureau: `authorized` → `plan_submitted`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/formation-plan", operation_id = "submitFormationPlan", tag = "groups",
    request_body = PlanSubmission,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"1\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: not in a status that takes this step", body = Problem),
    )
)]
pub async fn submit_plan(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<PlanSubmission>,
) -> ApiResult<HttpResponse> {
    let g = svc::submit_plan(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Review the formation plan
///
/// The bureau's first review (初审): `approve` → `preparing`; `return` (with `reason`) →
/// `authorized`, to be resubmitted.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/formation-plan/review", operation_id = "reviewFormationPlan", tag = "groups",
    request_body = Review,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"2\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: the plan is not awaiting review (e.g. another officer reviewed it first)", body = Problem),
    )
)]
pub async fn review_plan(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<Review>,
) -> ApiResult<HttpResponse> {
    let g = svc::review_plan(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Add a member school
///
/// While the group is `preparing` or `established`: the bureau assigns (new, weak and newly
/// opened schools; `active` at once), or the core records a signed agreement (any other
/// school; `prospective` until the bureau confirms it with `confirmMembership`). Every join
/// rule is checked now: a prospective membership holds its place. A school of another county
/// is `409 GRP-COUNTY`; an id that is no school, `422`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/members", operation_id = "addMember", tag = "groups",
    request_body = NewMember,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"3\""),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "join-5")),
    responses(
        (status = 201, description = "The group with its new member: `active` when assigned, `prospective` when joining by agreement (until the bureau's confirmation)", body = Group,
            headers(("Location" = String, description = "The group"))),
        (status = 409, description = "A rule refused it: `GROUP-STATE`, `GRP-COUNTY`, `GRP-ONE-MEMBERSHIP`, `GRP-STAGE-DOWNWARD`, `GRP-JOIN-BASIS`, `GRP-TIGHT-SIZE`, `GRP-TIGHT-LEGAL-REP`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "Tight group is full", "status": 409,
                "code": "GRP-TIGHT-SIZE", "detail": "A tight group starts with at most 3 members besides the core; it has 3.", "policy_ref": "§2.2.1",
                "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn add_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<NewMember>,
) -> ApiResult<HttpResponse> {
    let g = members::add(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(crate::http::respond::created(
        format!("/api/v1/groups/{}", g.id),
        g.version,
        &g,
    ))
}

/// Confirm or decline a join by agreement (bureau)
///
/// A school other than a new or weak one joins by agreement, which the core records, and the
/// county bureau arranges (§2.1.1 "由县（市）教育行政部门安排其通过……签订协议的形式加入"): until
/// then the membership is `prospective`, holding its place but not a member. `approve` checks
/// every join rule again and makes it `active` from today (its growth period, if any, starts
/// now); `reject`, with the reasons in `note`, ends it as `agreement_not_confirmed`. Either is
/// taken while the group is `preparing` or `established`. A membership that is not prospective
/// (an assignment, a confirmed or ended one) is `409 MEMBERSHIP-STATE`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/members/{school_id}/confirmation", operation_id = "confirmMembership", tag = "groups",
    request_body = DecisionInput,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("school_id" = i64, Path, description = "The school joining by agreement", example = 5),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"4\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group,
            headers(("ETag" = String, description = "The group's new version"))),
        (status = 409, description = "`MEMBERSHIP-STATE` (nothing to confirm), `GROUP-STATE` (the group is neither preparing nor established), or on approval a join rule: `GRP-COUNTY`, `GRP-ONE-MEMBERSHIP`, `GRP-STAGE-DOWNWARD`, `GRP-JOIN-BASIS`, `GRP-TIGHT-SIZE`, `GRP-TIGHT-LEGAL-REP`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "No join awaits confirmation", "status": 409,
                "code": "MEMBERSHIP-STATE", "detail": "School #5 was assigned by the county bureau, which took effect at once; only a join by signed agreement is confirmed.",
                "policy_ref": "§2.4.4", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: a rejection without its reasons", body = Problem),
    )
)]
pub async fn confirm_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i64)>,
    m: IfMatchHeader,
    body: Json<DecisionInput>,
) -> ApiResult<HttpResponse> {
    let (id, school_id) = path.into_inner();
    let g = confirmation::confirm(&state, &ctx, id, school_id, m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Submit the dossier
///
/// The core submits the agreements, the council list and the charter draft passed by the
/// council: `preparing` → `dossier_submitted`, if GRP-ESTABLISH-DOSSIER holds.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/dossier", operation_id = "submitDossier", tag = "groups",
    request_body = DossierSubmission,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"7\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GRP-ESTABLISH-DOSSIER` (what is missing is listed) or `GROUP-STATE`", body = Problem),
    )
)]
pub async fn submit_dossier(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<DossierSubmission>,
) -> ApiResult<HttpResponse> {
    let g = svc::submit_dossier(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Review the dossier (bureau)
///
/// `approve` → `bureau_reviewed`; `return` (with `reason`) → `preparing`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/dossier/review", operation_id = "reviewDossier", tag = "groups",
    request_body = Review,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"8\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: not awaiting the bureau's review (another officer may have reviewed it first)", body = Problem),
    )
)]
pub async fn review_dossier(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<Review>,
) -> ApiResult<HttpResponse> {
    let g = svc::review_dossier(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Approve the establishment (county leading group)
///
/// The county Party committee's education work leading group gives final approval (审核同意):
/// `approve` → `established`; `return` (with `reason`) → `preparing`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/dossier/approval", operation_id = "approveDossier", tag = "groups",
    request_body = Review,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"9\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: the bureau has not reviewed the dossier", body = Problem),
    )
)]
pub async fn approve_dossier(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<Review>,
) -> ApiResult<HttpResponse> {
    let g = svc::approve_dossier(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// The group's history
///
/// Every transition: from, to, actor, time and reason, oldest first.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/history", operation_id = "getGroupHistory", tag = "groups",
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses((status = 200, description = "The transitions", body = History))
)]
pub async fn history(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::history(&state, &ctx, id.into_inner()).await?))
}
