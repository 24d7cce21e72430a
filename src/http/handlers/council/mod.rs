//! Council and office meetings: meetings, attendance, motions, votes, resolutions, minutes.

pub mod meetings;
pub mod minutes;
pub mod motions;
pub mod resolutions;

use actix_web::web;

use crate::domain::council as vocab;
use crate::service::council::{attendance, close, meetings as m, minutes as mi, views, votes};

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
