//! The shapes of meetings, motions, votes and resolutions as the API shows them.
//!
//! Rows hold codes as text; they were written from parsed enums, so a code that no longer
//! parses falls back to a neutral value rather than failing a read.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::rules::FrozenRule;
use crate::domain::council::{Attendance, Body, MotionOutcome, MotionType, VoteChoice};
use crate::domain::council::{Ballot, MeetingKind, MeetingStatus, MotionStatus};
use crate::domain::groups::{Fraction, OfficeDecision, Threshold};
use crate::repo::council::meetings::{AttendanceRow, MeetingRow};
use crate::repo::council::motions::MotionRow;
use crate::repo::council::resolutions::ResolutionRow;
use crate::repo::council::votes::VoteRow;

/// A meeting of the council or of the chair's office meeting.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "body": "council", "kind": "regular",
    "scheduled_at": "2026-03-01T08:00:00Z", "agenda": "审议集团章程草案", "status": "convened",
    "convened_by": "school-admin-1", "demanded_by": [], "version": 1,
    "created_at": "2026-02-20T08:00:00Z", "updated_at": "2026-02-20T08:00:00Z"
}))]
pub struct Meeting {
    pub id: i64,
    pub group_id: i64,
    pub body: Body,
    pub kind: MeetingKind,
    pub scheduled_at: DateTime<Utc>,
    pub agenda: String,
    pub status: MeetingStatus,
    /// The `sub` of whoever convened it.
    pub convened_by: String,
    /// The council seats that demanded an extraordinary meeting (§2.3.2); empty otherwise.
    pub demanded_by: Vec<i64>,
    /// The version of the meeting and its attendance; also its `ETag`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Meeting {
    pub fn from_row(r: MeetingRow) -> Meeting {
        Meeting {
            id: r.id,
            group_id: r.group_id,
            body: r.body,
            kind: r.kind,
            scheduled_at: r.scheduled_at.and_utc(),
            agenda: r.agenda,
            status: r.status,
            convened_by: r.convened_by,
            demanded_by: r
                .demanded_by
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default(),
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// One seat's attendance at a meeting.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct AttendanceEntry {
    pub seat_id: i64,
    pub status: Attendance,
    /// For `proxy`: the present seat of the same body that votes for this one.
    pub proxy_seat_id: Option<i64>,
}

impl AttendanceEntry {
    pub fn from_row(r: &AttendanceRow) -> AttendanceEntry {
        AttendanceEntry {
            seat_id: r.seat_id,
            status: r.status,
            proxy_seat_id: r.proxy_seat_id,
        }
    }
}

/// The counts frozen when a motion closed.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct Tally {
    /// Active seats of the body when the motion closed.
    pub seats: i32,
    /// Present in person or by proxy.
    pub present: i32,
    /// Present seat holders recused from the motion.
    pub recused: i32,
    pub votes_for: i32,
    pub votes_against: i32,
    pub votes_abstain: i32,
    /// Votes for the motion needed; absent when the chair decided after hearing the members.
    pub required_votes: Option<i32>,
    pub quorum_required: i32,
}

/// The resolution an adopted motion became.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct ResolutionRef {
    pub id: i64,
    /// E.g. `G522701001-2026-001`.
    pub number: String,
}

/// A motion and where it stands.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct Motion {
    pub id: i64,
    pub meeting_id: i64,
    pub group_id: i64,
    /// Its place on the meeting's order of business.
    pub position: i32,
    pub title: String,
    pub motion_type: MotionType,
    pub ballot: Ballot,
    pub concerns_school_id: Option<i64>,
    pub recused_seat_ids: Vec<i64>,
    /// The threshold fixed when the motion was tabled (charter, else county settings).
    pub threshold: Threshold,
    /// The quorum fixed when the motion was tabled.
    pub quorum: Fraction,
    /// `vote`, or `chair_after_hearing` for an office motion under such a charter.
    pub decided_by: OfficeDecision,
    pub status: MotionStatus,
    pub outcome: Option<MotionOutcome>,
    /// Seats that have voted so far; never who voted how on a secret ballot.
    pub votes_cast: i64,
    /// The frozen counts, once closed.
    pub tally: Option<Tally>,
    pub resolution: Option<ResolutionRef>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The motion's version; also its `ETag`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Motion {
    pub fn build(
        r: MotionRow,
        rule: &FrozenRule,
        recused: Vec<i64>,
        votes_cast: i64,
        resolution: Option<&ResolutionRow>,
    ) -> Motion {
        let tally = match (r.status.as_str(), r.seats_count, r.present_count) {
            ("closed", Some(seats), Some(present)) => Some(Tally {
                seats,
                present,
                recused: r.recused_count.unwrap_or(0),
                votes_for: r.votes_for.unwrap_or(0),
                votes_against: r.votes_against.unwrap_or(0),
                votes_abstain: r.votes_abstain.unwrap_or(0),
                required_votes: r.required_votes,
                quorum_required: r.quorum_required.unwrap_or(0),
            }),
            _ => None,
        };
        Motion {
            id: r.id,
            meeting_id: r.meeting_id,
            group_id: r.group_id,
            position: r.position,
            title: r.title,
            motion_type: r.motion_type,
            ballot: r.ballot,
            concerns_school_id: r.concerns_school_id,
            recused_seat_ids: recused,
            threshold: rule.threshold,
            quorum: rule.quorum,
            decided_by: rule.decided_by,
            status: r.status,
            outcome: r.outcome,
            votes_cast,
            tally,
            resolution: resolution.map(|res| ResolutionRef {
                id: res.id,
                number: res.number.clone(),
            }),
            closed_at: r.closed_at.map(|t| t.and_utc()),
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// A meeting with its attendance and its motions.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub attendance: Vec<AttendanceEntry>,
    pub motions: Vec<Motion>,
}

/// One seat's vote as the roll call of an open ballot shows it.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct RollCallEntry {
    pub seat_id: i64,
    pub choice: Option<VoteChoice>,
    /// The person who cast it: the seat holder or its proxy.
    pub cast_by: i64,
}

/// A motion with its roll call (open ballots only: a secret ballot never shows choices).
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct MotionDetail {
    #[serde(flatten)]
    pub motion: Motion,
    /// `null` for a secret ballot.
    pub roll_call: Option<Vec<RollCallEntry>>,
}

/// A seat's vote, as its voter sees it.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct Vote {
    pub motion_id: i64,
    pub seat_id: i64,
    pub choice: Option<VoteChoice>,
    pub cast_by: i64,
    pub updated_at: DateTime<Utc>,
}

impl Vote {
    pub fn from_row(r: VoteRow) -> Vote {
        Vote {
            motion_id: r.motion_id,
            seat_id: r.seat_id,
            choice: r.choice,
            cast_by: r.cast_by,
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// A resolution: an adopted motion, numbered per group and year, never changed.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "motion_id": 3, "number": "G522701001-2026-001", "year": 2026,
    "sequence": 1, "title": "审议通过集团章程", "motion_type": "charter",
    "issued_at": "2026-03-01T09:30:00Z"
}))]
pub struct Resolution {
    pub id: i64,
    pub group_id: i64,
    pub motion_id: i64,
    pub number: String,
    /// The year in China Standard Time (UTC+8) when the motion was adopted.
    pub year: i32,
    pub sequence: i32,
    pub title: String,
    pub motion_type: MotionType,
    pub issued_at: DateTime<Utc>,
}

impl Resolution {
    pub fn from_row(r: ResolutionRow) -> Resolution {
        Resolution {
            id: r.id,
            group_id: r.group_id,
            motion_id: r.motion_id,
            number: r.number,
            year: r.year,
            sequence: r.sequence,
            title: r.title,
            motion_type: r.motion_type,
            issued_at: r.issued_at.and_utc(),
        }
    }
}
