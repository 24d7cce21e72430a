//! Council and office meetings: meetings, attendance, motions, votes, resolutions, minutes.

pub mod demands;
pub mod meetings;
pub mod minutes;
pub mod motions;
pub mod resolutions;

use crate::http::routes::Routes;

use crate::domain::council as vocab;
use crate::service::council::{attendance, close, meetings as m, minutes as mi, views, votes};

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("listMeetings", meetings::list);
    r.op("conveneMeeting", meetings::convene);
    r.op("listResolutions", resolutions::list);
    r.op("getMeeting", meetings::get);
    r.op("putAttendance", meetings::attendance);
    r.op("closeMeeting", meetings::close);
    r.op("tableMotion", motions::create);
    r.op("getMinutes", minutes::get);
    r.op("getMotion", motions::get);
    r.op("castVote", motions::vote);
    r.op("closeMotion", motions::close);
    r.op("deferMotion", motions::defer);
    r.op("getResolution", resolutions::get);
    r.op("demandMeeting", demands::create);
    r.op("listMeetingDemands", demands::list);
    r.op("getMeetingDemand", demands::get);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        meetings::convene, meetings::list, meetings::get, meetings::attendance, meetings::close,
        motions::create, motions::get, motions::vote, motions::close, motions::defer,
        resolutions::list, resolutions::get,
        minutes::get,
        demands::create, demands::list, demands::get,
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
        crate::service::council::demand::NewDemand, crate::service::council::demand::MeetingDemand,
        crate::domain::council::demand::DemandStatus,
    )),
    tags((name = "council", description = "Council and office meetings, motions, votes, resolutions and minutes (§2.3.2)"))
)]
pub struct CouncilDoc;
