use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::{created, ok_tagged};
use crate::service::groups::view::Group;
use crate::service::life::exits::{self as svc, ExitOutcome, ExitRequest};
use crate::service::life::views::Application;
use crate::service::{AppState, Ctx};

/// A member leaves the group
///
/// By `reason`:
/// - `withdrawn`: the member school (its administrator) or the chair applies; the bureau consents.
///   A new or weak member of a tight group (one with `growth_until`) cannot leave during its
///   growth period (`409 GROWTH-3Y`), and after it the group applies for it, not the school
///   (§2.4.4 "期满后……由集团提出申请", `403` for the school's own administrator).
/// - `graduated_independent` / `converted_to_collaborative` (GROWTH-3Y): the chair applies for a
///   member of a tight group that joined new or weak, once its growth period is over; the bureau
///   approves. Either way the tight membership ends and the school is recognised as a potential
///   school; a converted school continues as a collaborative member by agreement.
/// - `spun_off` (SPIN-OFF): the potential school itself applies (由其提出申请; the chair gets
///   `403`), with the `new_group` it asks to form, and not during a growth period (GROWTH-3Y);
///   the bureau's approval ends the membership and authorises that group with the school as its
///   core.
/// - `revoked` (REVOKE): the county bureau alone, directly, once the school has refused to
///   rectify: an order to it left unanswered past its deadline, or found not rectified by the
///   bureau (`POST /api/v1/rectification-orders/{id}/rejection`).
///
/// Only an `active` membership leaves this way: a `prospective` one (a join by agreement awaiting
/// the bureau) is `409 MEMBERSHIP-STATE`, and the bureau declines it by its confirmation instead.
/// An application is answered with `201` and its `Location`; it takes effect only when the bureau
/// approves it (`POST /api/v1/applications/{id}/decision`). A revocation is answered with the
/// group as it now stands. An exit frees the place in a tight group (GRP-TIGHT-SIZE).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/members/{school_id}/exit", operation_id = "exitMember", tag = "group-life",
    request_body = ExitRequest,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("school_id" = i64, Path, description = "The member school", example = 5),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"7\""),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "exit-5"),
    ),
    responses(
        (status = 201, description = "The application, awaiting the bureau", body = Application,
            headers(("Location" = String, description = "The application"), ("ETag" = String, description = "Its version"))),
        (status = 200, description = "Revoked: the group as it now stands", body = Group,
            headers(("ETag" = String, description = "The group's version"))),
        (status = 409, description = "A rule refused it: `GROWTH-3Y`, `SPIN-OFF`, `REVOKE`, `MEMBERSHIP-STATE` (the member has left, or is only prospective), `GROUP-STATE`, or `application_pending`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "growth period not over or not applicable", "status": 409,
                "code": "GROWTH-3Y", "detail": "School #5's growth period ends on 2029-03-01; today is 2026-12-01, 821 day(s) remain. Only after it may the group apply for it to run independently or stay as a collaborative member.",
                "policy_ref": "§2.4.4", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn exit(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i64)>,
    m: IfMatchHeader,
    body: Json<ExitRequest>,
) -> ApiResult<HttpResponse> {
    let (id, school_id) = path.into_inner();
    Ok(
        match svc::exit(&state, &ctx, id, school_id, m.0, body.into_inner()).await? {
            ExitOutcome::Applied(a) => {
                created(format!("/api/v1/applications/{}", a.id), a.version, &a)
            }
            ExitOutcome::Revoked(g) => ok_tagged(g.version, &g),
        },
    )
}
