//! The service's part of MEETING-QUORUM, MOTION-THRESHOLD and the demand for an extraordinary
//! meeting: which numbers a motion is held to, who counts when it closes, and how resolutions
//! are numbered. The arithmetic itself is `domain::council::voting`'s.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::db::DbConnection;
use crate::domain::council::voting::{count_present, quorum_required};
use crate::domain::council::{Attendance, Body, MotionType, TallyInput, VoteChoice};
use crate::domain::groups::charter_approval::CharterStatus;
use crate::domain::groups::{Fraction, OfficeDecision, ProcedureRules, Threshold};
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::error::{ApiError, ApiResult};
use crate::repo::council::meetings::AttendanceRow;
use crate::repo::council::motions::MotionRow;
use crate::repo::council::votes::VoteRow;
use crate::repo::groups::charters;
use crate::repo::groups::group::GroupRow;
use crate::service::groups::settings::effective;

/// The numbers a motion is held to, fixed when it is tabled so that a charter amended while it
/// is open does not change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrozenRule {
    pub threshold: Threshold,
    pub quorum: Fraction,
    /// Whether the chair decides after hearing the members (office meetings under such a
    /// charter) instead of a count.
    pub decided_by: OfficeDecision,
}

/// `threshold_json` holds the threshold and, beside it, how the motion is decided; older or
/// plain threshold JSON reads as decided by vote.
#[derive(Serialize, Deserialize)]
struct StoredThreshold {
    #[serde(flatten)]
    threshold: Threshold,
    #[serde(default = "by_vote")]
    decided_by: OfficeDecision,
}

fn by_vote() -> OfficeDecision {
    OfficeDecision::Vote
}

impl FrozenRule {
    pub fn for_motion(rules: &ProcedureRules, body: Body, motion_type: MotionType) -> FrozenRule {
        FrozenRule {
            threshold: *rules.threshold_for(motion_type),
            quorum: rules.quorum,
            decided_by: match body {
                Body::Council => OfficeDecision::Vote,
                Body::Office => rules.office_decides_by,
            },
        }
    }

    /// `(threshold_json, quorum_json)` for the motion row.
    pub fn to_json(&self) -> ApiResult<(String, String)> {
        let t = serde_json::to_string(&StoredThreshold {
            threshold: self.threshold,
            decided_by: self.decided_by,
        });
        let q = serde_json::to_string(&self.quorum);
        match (t, q) {
            (Ok(t), Ok(q)) => Ok((t, q)),
            _ => Err(ApiError::internal()),
        }
    }

    pub fn of_row(r: &MotionRow) -> ApiResult<FrozenRule> {
        let t: StoredThreshold = serde_json::from_str(&r.threshold_json).map_err(|_| {
            log::error!("motion {} has an unreadable threshold", r.id);
            ApiError::internal()
        })?;
        let quorum: Fraction = serde_json::from_str(&r.quorum_json).map_err(|_| {
            log::error!("motion {} has an unreadable quorum", r.id);
            ApiError::internal()
        })?;
        Ok(FrozenRule {
            threshold: t.threshold,
            quorum,
            decided_by: t.decided_by,
        })
    }
}

/// The rules of procedure in force for a group: its governing charter's, else its county's
/// settings (a group meets before its charter exists: the council adopts the first one).
///
/// For the council's vote on a charter, a draft's own rules never count: otherwise a draft could
/// lower the threshold of its own adoption below the county's (or the adopted charter's).
pub fn procedure(
    conn: &mut DbConnection,
    g: &GroupRow,
    adopting_charter: bool,
) -> ApiResult<ProcedureRules> {
    if let Some(c) = charters::governing(conn, g.id)? {
        let draft = c.status == CharterStatus::Draft;
        match serde_json::from_str::<ProcedureRules>(&c.procedure_json) {
            Ok(p) if !(draft && adopting_charter) => return Ok(p),
            Ok(_) => {}
            Err(_) => log::warn!(
                "charter {} has unreadable rules of procedure; using the county's settings",
                c.id
            ),
        }
    }
    Ok(ProcedureRules::from_settings(&effective(
        conn,
        &g.county_code,
    )?))
}

/// The share of the council's seats that may demand an extraordinary meeting (§2.3.2 has the
/// chair convene; a third of the seats compelling one is the usual safeguard of a council's
/// rules of procedure).
pub const DEMAND_SHARE: Fraction = Fraction::new(1, 3);

/// MEETING-DEMAND: `named` distinct active council seats of `seats` demand a meeting; at least
/// a third of them (rounded up) must.
pub fn check_demand(seats: u32, named: u32) -> RuleResult {
    let needed = quorum_required(seats, &DEMAND_SHARE);
    if named >= needed {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::MeetingDemand,
        Msg::new(
            "提议召开临时会议的席位不足",
            "too few seats demand an extraordinary meeting",
        ),
        Msg::new(
            format!("理事会共{seats}个席位，提议召开临时会议须至少{needed}个席位（三分之一），现有{named}个。"),
            format!(
                "The council has {seats} seats; an extraordinary meeting needs at least {needed} \
                 of them (a third) to demand it, and {named} did."
            ),
        ),
    )
    .on_field("demanded_by"))
}

/// Who counts when a motion closes: the body's active seats, their attendance at the meeting
/// now, the recusals and the votes cast.
pub struct Roll<'a> {
    pub seats: &'a [i64],
    pub attendance: &'a [AttendanceRow],
    pub recused: &'a [i64],
    pub votes: &'a [VoteRow],
}

/// The counts `voting::decide` takes. Only seats entitled now count; a seat is present in person
/// or by proxy (a proxy's vote is the represented seat's row, so it counts for that seat); a
/// recusal counts only for a present seat (the domain's tally counts recused seats among those
/// present); a vote counts only from a seat present and not recused when the motion closes, so
/// a seat marked absent after voting does not carry its vote.
pub fn tally(r: &Roll) -> TallyInput {
    let entitled: HashSet<i64> = r.seats.iter().copied().collect();
    let statuses: HashMap<i64, Attendance> = r
        .attendance
        .iter()
        .filter(|a| entitled.contains(&a.seat_id))
        .map(|a| (a.seat_id, a.status))
        .collect();
    let listed: Vec<Attendance> = statuses.values().copied().collect();
    let is_present = |seat: &i64| {
        statuses
            .get(seat)
            .is_some_and(|s| matches!(s, Attendance::Present | Attendance::Proxy))
    };
    let recused: HashSet<i64> = r.recused.iter().copied().filter(is_present).collect();
    let mut input = TallyInput {
        seats: to_u32(entitled.len()),
        present: count_present(&listed),
        recused: to_u32(recused.len()),
        ..TallyInput::default()
    };
    for v in r.votes {
        if !is_present(&v.seat_id) || recused.contains(&v.seat_id) {
            continue;
        }
        match v.choice {
            Some(VoteChoice::For) => input.votes_for += 1,
            Some(VoteChoice::Against) => input.against += 1,
            Some(VoteChoice::Abstain) => input.abstain += 1,
            None => {}
        }
    }
    input
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The year a resolution is numbered in: the calendar year in China Standard Time (UTC+8), so
/// that a motion adopted on the evening of 31 December UTC+8 is not numbered in the next year.
pub fn resolution_year(at_utc: NaiveDateTime) -> i32 {
    crate::domain::clock::year_of(at_utc.and_utc())
}

/// `G522701001-2026-001`: the group's code, the year and a sequence per group and year.
pub fn resolution_number(group_code: &str, year: i32, sequence: i32) -> String {
    format!("{group_code}-{year}-{sequence:03}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
#[path = "rules_tests.rs"]
mod tests;
