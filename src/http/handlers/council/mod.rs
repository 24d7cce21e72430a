//! Council and office meetings: meetings, attendance, motions, votes, resolutions, minutes.

pub mod meetings;
pub mod minutes;
pub mod motions;
pub mod resolutions;

use actix_web::http::header;
use actix_web::{web, HttpRequest};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::service::council::{
    attendance, close, meetings as m, minutes as mi, views, vocab, votes,
};

/// Registers the routes under the `/api/v1` scope. Each path is a resource, so that a method it
/// does not take is `405`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/groups/{id}/meetings")
            .route(web::get().to(meetings::list))
            .route(web::post().to(meetings::convene)),
    )
    .service(web::resource("/groups/{id}/resolutions").route(web::get().to(resolutions::list)))
    .service(web::resource("/meetings/{id}").route(web::get().to(meetings::get)))
    .service(web::resource("/meetings/{id}/attendance").route(web::put().to(meetings::attendance)))
    .service(web::resource("/meetings/{id}/close").route(web::post().to(meetings::close)))
    .service(web::resource("/meetings/{id}/motions").route(web::post().to(motions::create)))
    .service(web::resource("/meetings/{id}/minutes").route(web::get().to(minutes::get)))
    .service(web::resource("/motions/{id}").route(web::get().to(motions::get)))
    .service(web::resource("/motions/{id}/votes/{seat_id}").route(web::put().to(motions::vote)))
    .service(web::resource("/motions/{id}/close").route(web::post().to(motions::close)))
    .service(web::resource("/motions/{id}/defer").route(web::post().to(motions::defer)))
    .service(web::resource("/resolutions/{id}").route(web::get().to(resolutions::get)));
}

/// A JSON body that may be left out altogether (a workflow step with nothing to say): empty
/// means the defaults; anything else must be JSON.
pub(crate) fn optional_json<T: DeserializeOwned + Default>(
    req: &HttpRequest,
    body: &[u8],
) -> ApiResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return Err(ApiError::new(
            ErrorKind::UnsupportedMediaType,
            "请求体须为 JSON,Content-Type 应为 application/json。",
            "The body must be JSON, with Content-Type: application/json.",
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            ErrorKind::MalformedBody,
            format!("请求体不是有效的 JSON 或字段不正确:{e}"),
            format!("The body is not valid JSON or has a wrong field: {e}"),
        )
    })
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        meetings::convene, meetings::list, meetings::get, meetings::attendance, meetings::close,
        motions::create, motions::get, motions::vote, motions::close, motions::defer,
        resolutions::list, resolutions::get,
        minutes::get,
    ),
    components(schemas(
        m::NewMeeting, attendance::AttendanceInput, attendance::AttendanceItem,
        crate::service::council::motions::NewMotion, votes::VoteInput, close::CloseInput,
        views::Meeting, views::MeetingDetail, views::AttendanceEntry, views::Motion,
        views::MotionDetail, views::Tally, views::ResolutionRef, views::RollCallEntry,
        views::Vote, views::Resolution,
        mi::Minutes, mi::MinutesSeat, mi::MinutesMotion, mi::MinutesVote,
        vocab::MeetingKind, vocab::Ballot, vocab::MeetingStatus, vocab::MotionStatus,
        vocab::ChairDecision,
    )),
    tags((name = "council", description = "Council and office meetings, motions, votes, resolutions and minutes (§2.3.2)"))
)]
pub struct CouncilDoc;
