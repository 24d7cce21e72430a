//! Demands for an extraordinary council meeting (MEETING-CONVENE, MEETING-DEMAND, §2.3.2).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::council::demand::{self as svc, DemandQuery, MeetingDemand, NewDemand};
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Demand an extraordinary council meeting
///
/// A third of the council's seats demands an extraordinary council meeting. A seat holder
/// (`council_member`) posts it naming its own seat among the demanding ones; the chair may record
/// a demand made on paper. The demand obliges the chair, who convenes the meeting with
/// `demand_id` (`POST /groups/{id}/meetings`) by `due_on` (the charter's
/// `extraordinary_meeting_days`, 10 by default); until then it is `pending`, and `overdue` once
/// that day has passed. Seat holders never convene a meeting themselves (MEETING-CONVENE).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/meeting-demands", operation_id = "demandMeeting", tag = "council",
    request_body = NewDemand,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "demand-1"),
    ),
    responses(
        (status = 201, description = "The demand", body = MeetingDemand,
            headers(("Location" = String, description = "The demand"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Neither a seat holder among the demanding seats nor the chair", body = Problem),
        (status = 409, description = "`MEETING-DEMAND` (fewer than a third of the seats), `group_dissolved`, `body_has_no_seats`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "too few seats demand an extraordinary meeting", "status": 409,
                "code": "MEETING-DEMAND", "detail": "The council has 7 seats: it takes 3 of them (a third) to demand it, and 2 did.",
                "policy_ref": "§2.3.2", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 422, description = "`validation_failed`: e.g. a seat that is not an active council seat", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewDemand>,
) -> ApiResult<HttpResponse> {
    let d = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/meeting-demands/{}", d.id),
        d.version,
        &d,
    ))
}

/// List a group's meeting demands
///
/// By id; `status=pending` gives the demands the chair still owes a meeting, each with
/// `overdue` computed for today.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/meeting-demands", operation_id = "listMeetingDemands", tag = "council",
    params(("id" = i64, Path, description = "Group id", example = 1), DemandQuery, PageQuery),
    responses((status = 200, description = "A page of demands", body = Page<MeetingDemand>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<DemandQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let p = svc::list(
        &state,
        &ctx,
        id.into_inner(),
        q.into_inner(),
        page.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(p))
}

/// Read a meeting demand
#[utoipa::path(
    get, path = "/api/v1/meeting-demands/{id}", operation_id = "getMeetingDemand", tag = "council",
    params(("id" = i64, Path, description = "Demand id", example = 1)),
    responses(
        (status = 200, description = "The demand", body = MeetingDemand,
            headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such demand in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let d = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(d.version, &d))
}
