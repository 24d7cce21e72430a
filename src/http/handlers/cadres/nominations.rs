//! Cadre nominations: the chair nominates, the office meeting decides (a `cadre_nomination`
//! motion tabled with `nomination_id`), the appointer appoints, the bureau records the filing.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::optional as optional_json;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::cadres::appoint::{self, AppointmentInput, FilingInput};
use crate::service::cadres::nominate::{self as svc, NewNomination, NominationQuery};
use crate::service::cadres::office::{self, Withdrawal};
use crate::service::cadres::views::Nomination;
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Nominate a cadre
///
/// The chair (the core school's administrator) nominates a person for a tight member's
/// `vice_principal`, `executive_principal` or `middle_cadre` post (§2.4.2), once the group is
/// established. The office meeting then decides on it: table a `cadre_nomination` motion in an
/// office meeting with `nomination_id`. The person's `cadre_post` does not change until the
/// path ends. Refused with `409 CADRE-VP` / `CADRE-MIDDLE` for a collaborative group's member or
/// the core school, `GRP-TIGHT-LEGAL-REP` for a principal (the core's legal representative is
/// every tight member's), for an executive principal in a collaborative group or one who is the
/// legal representative; `nomination_pending` while the same nomination is under way.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/cadre-nominations", operation_id = "nominateCadre", tag = "cadres",
    request_body = NewNomination,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response.", example = "nominate-12-vp"),
    ),
    responses(
        (status = 201, description = "Nominated", body = Nomination,
            headers(("Location" = String, description = "The nomination"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`CADRE-VP`, `CADRE-MIDDLE`, `GRP-TIGHT-LEGAL-REP`, `GROUP-STATE` (not established), `nomination_pending`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "how a tight member's vice-principal-level cadre is appointed",
                "status": 409, "code": "CADRE-VP", "detail": "Collaborative members (including one that stayed in its group as a collaborative member after its growth period) keep their own management: their vice principal is not nominated by the chair.",
                "policy_ref": "§2.4.2", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewNomination>,
) -> ApiResult<HttpResponse> {
    let n = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/cadre-nominations/{}", n.id),
        n.version,
        &n,
    ))
}

/// List a group's cadre nominations
///
/// By id, filtered by `status`, `post`, `school_id` and `person_id`.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/cadre-nominations", operation_id = "listCadreNominations", tag = "cadres",
    params(("id" = i64, Path, description = "Group id", example = 1), NominationQuery, PageQuery),
    responses((status = 200, description = "A page of nominations", body = Page<Nomination>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<NominationQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = svc::list(
        &state,
        &ctx,
        id.into_inner(),
        q.into_inner(),
        page.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a cadre nomination
///
/// Where it stands, who appoints, whether filing follows, and whether the post is held yet.
#[utoipa::path(
    get, path = "/api/v1/cadre-nominations/{id}", operation_id = "getCadreNomination", tag = "cadres",
    params(("id" = i64, Path, description = "Nomination id", example = 1)),
    responses((status = 200, description = "The nomination", body = Nomination,
        headers(("ETag" = String, description = "The version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let n = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(n.version, &n))
}

/// Appoint, or decline to appoint
///
/// After the office meeting has passed the nomination, its appointer decides after inspection
/// (考察任命): the county bureau for a vice or executive principal, the member school's own
/// administrator for a middle cadre; anyone else who sees the nomination gets `403`. `appoint`
/// needs `appointment_ref` and `appointed_on`; a middle cadre then holds the post (the person's
/// `cadre_post` changes now), a vice or executive principal once filed. `decline` needs the
/// reasons in `note` and ends the path. Refused with `409 CADRE-VP` / `CADRE-MIDDLE` before the
/// office meeting has passed it or after the path has ended, `not_a_member` when the school has
/// left the group. Of two concurrent decisions one wins: the other gets `409` (`412` with a
/// stale `If-Match`).
#[utoipa::path(
    post, path = "/api/v1/cadre-nominations/{id}/appointment", operation_id = "appointCadre", tag = "cadres",
    request_body = AppointmentInput,
    params(
        ("id" = i64, Path, description = "Nomination id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The nomination's ETag; checked when given", example = "\"3\""),
    ),
    responses(
        (status = 200, description = "The nomination as it now stands", body = Nomination,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the post's appointer", body = Problem),
        (status = 409, description = "`CADRE-VP`, `CADRE-MIDDLE` (e.g. the office meeting has not passed it), `not_a_member`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn appointment(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<AppointmentInput>,
) -> ApiResult<HttpResponse> {
    let n = appoint::appoint(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(n.version, &n))
}

/// Record the filing
///
/// The county bureau records that a vice or executive principal's appointment was filed with
/// the county organisation/personnel department (备案); the person's `cadre_post` changes now,
/// and an executive principal becomes the membership's. A middle cadre has no filing
/// (`409 CADRE-MIDDLE`); filing before the appointment is `409 CADRE-VP`.
#[utoipa::path(
    post, path = "/api/v1/cadre-nominations/{id}/filing", operation_id = "fileCadreAppointment", tag = "cadres",
    request_body = FilingInput,
    params(
        ("id" = i64, Path, description = "Nomination id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The nomination's ETag; checked when given", example = "\"4\""),
    ),
    responses(
        (status = 200, description = "The nomination, filed", body = Nomination,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 409, description = "`CADRE-VP`, `CADRE-MIDDLE`, `not_a_member`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn filing(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<FilingInput>,
) -> ApiResult<HttpResponse> {
    let n = appoint::file(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(n.version, &n))
}

/// Withdraw a nomination
///
/// The chair withdraws a nomination the office meeting has not decided on, unless a motion on
/// it is being voted (`409 nomination_on_agenda`); the body (the reasons) may be left out.
#[utoipa::path(
    post, path = "/api/v1/cadre-nominations/{id}/withdrawal", operation_id = "withdrawCadreNomination", tag = "cadres",
    request_body(content = Option<Withdrawal>, description = "Empty, or the reasons"),
    params(
        ("id" = i64, Path, description = "Nomination id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The nomination's ETag; checked when given", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The nomination, withdrawn", body = Nomination,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`CADRE-VP`, `CADRE-MIDDLE` (decided already), `nomination_on_agenda`", body = Problem),
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
    let input: Withdrawal = optional_json(&req, &body)?;
    let n = office::withdraw(&state, &ctx, id.into_inner(), m.0, input).await?;
    Ok(ok_tagged(n.version, &n))
}
