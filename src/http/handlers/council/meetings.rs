use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::council::attendance::{self, AttendanceInput};
use crate::service::council::meetings::{self as svc, MeetingQuery, NewMeeting};
use crate::service::council::views::{Meeting, MeetingDetail};
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Convene a meeting
///
/// The chair (the core school's administrator) convenes a regular or extraordinary meeting of
/// the council or of the chair's office meeting (MEETING-CONVENE); a seat holder does not
/// (`409 MEETING-CONVENE`): a third of the seats demand an extraordinary council meeting
/// (`POST /groups/{id}/meeting-demands`), and the chair answers the demand by convening one
/// with `demand_id`. Only a group whose council (and, for an office meeting, whose office) has
/// seats can meet (`409 body_has_no_seats`).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/meetings", operation_id = "conveneMeeting", tag = "council",
    request_body = NewMeeting,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response."),
    ),
    responses(
        (status = 201, description = "Convened", body = Meeting,
            headers(("Location" = String, description = "The new meeting"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`MEETING-CONVENE` (a seat holder convening; a meeting answering a demand that is not an extraordinary council meeting), `meeting_demand_decided`, `body_has_no_seats`, `group_dissolved`", body = Problem),
    )
)]
pub async fn convene(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewMeeting>,
) -> ApiResult<HttpResponse> {
    let m = svc::convene(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(format!("/api/v1/meetings/{}", m.id), m.version, &m))
}

/// List a group's meetings
///
/// By id; `body` keeps one body's meetings.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/meetings", operation_id = "listMeetings", tag = "council",
    params(("id" = i64, Path, description = "Group id", example = 1), MeetingQuery, PageQuery),
    responses((status = 200, description = "A page of meetings", body = Page<Meeting>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<MeetingQuery>,
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

/// Read a meeting
///
/// The meeting with its attendance and its motions (status, votes cast, and the tally once
/// closed). The `ETag` is the version of the meeting and its attendance.
#[utoipa::path(
    get, path = "/api/v1/meetings/{id}", operation_id = "getMeeting", tag = "council",
    params(("id" = i64, Path, description = "Meeting id", example = 1)),
    responses((status = 200, description = "The meeting", body = MeetingDetail,
        headers(("ETag" = String, description = "The version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let m = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(m.meeting.version, &m))
}

/// Record attendance
///
/// The chair records the whole attendance while the meeting is convened; a seat not listed is
/// absent. A proxy goes to another seat holder of the same body who is present. Each motion
/// counts the attendance as it stands when the motion closes. `If-Match` is required.
#[utoipa::path(
    put, path = "/api/v1/meetings/{id}/attendance", operation_id = "putAttendance", tag = "council",
    request_body = AttendanceInput,
    params(
        ("id" = i64, Path, description = "Meeting id", example = 1),
        ("If-Match" = String, Header, description = "The meeting's ETag", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The meeting as it now stands", body = MeetingDetail,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`meeting_closed`", body = Problem),
    )
)]
pub async fn attendance(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
    body: Json<AttendanceInput>,
) -> ApiResult<HttpResponse> {
    let m = attendance::put(
        &state,
        &ctx,
        id.into_inner(),
        if_match.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(m.meeting.version, &m))
}

/// Close a meeting
///
/// The chair closes the meeting once every motion is closed or deferred; attendance and
/// business are then final. `If-Match` is checked when given.
#[utoipa::path(
    post, path = "/api/v1/meetings/{id}/close", operation_id = "closeMeeting", tag = "council",
    params(
        ("id" = i64, Path, description = "Meeting id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The meeting's ETag", example = "\"2\""),
    ),
    responses(
        (status = 200, description = "The closed meeting", body = MeetingDetail,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`meeting_closed`; `motions_open`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn close(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
) -> ApiResult<HttpResponse> {
    let m = svc::close(&state, &ctx, id.into_inner(), if_match.0).await?;
    Ok(ok_tagged(m.meeting.version, &m))
}
