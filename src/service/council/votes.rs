//! A seat holder's vote: for its own seat, or as proxy for a seat that gave it its proxy at
//! the meeting. One vote per seat, changeable until the motion closes.

use serde::Deserialize;
use utoipa::ToSchema;

use super::views::Vote;
use super::{load_motion, record, Audit};
use crate::domain::auth::Permission;
use crate::domain::council::voting::check_vote_allowed;
use crate::domain::council::{Attendance, VoteAttempt, VoteChoice};
use crate::domain::council::{Ballot, MotionStatus};
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::repo::changes::Op;
use crate::repo::council::meetings::{self as meetings_repo, AttendanceRow};
use crate::repo::council::votes::{self as repo, VoteRow};
use crate::repo::council::{motions, seats};
use crate::service::checks::Checks;
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"choice": "for"}))]
pub struct VoteInput {
    #[schema(required = true, value_type = VoteChoice)]
    pub choice: Option<String>,
}

fn not_entitled(zh: &str, en: &str) -> ApiError {
    ApiError::new(ErrorKind::Forbidden, zh, en)
}

fn status_of(a: Option<&AttendanceRow>) -> Attendance {
    a.map_or(Attendance::Absent, |a| a.status)
}

pub async fn cast(
    state: &AppState,
    ctx: &Ctx,
    motion_id: i64,
    seat_id: i64,
    input: VoteInput,
) -> ApiResult<Vote> {
    ctx.require(Permission::CouncilVote)?;
    let person = ctx.principal.person_id().ok_or_else(|| {
        not_entitled(
            "令牌未指明席位持有人。",
            "The token does not name a seat holder.",
        )
    })?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, m, motion) = load_motion(conn, &ctx, motion_id)?;
            let body = m.body;
            let seat = seats::find(conn, seat_id)?
                .filter(|s| s.group_id == g.id && s.body == body)
                .ok_or_else(ApiError::not_found)?;
            let mut c = Checks::new();
            let choice = c
                .required("choice", input.choice)
                .and_then(|v| c.enum_code("choice", &v, VoteChoice::parse, VoteChoice::codes()));
            c.finish()?;
            let attendance = meetings_repo::attendance(conn, m.id)?;
            let seat_status = status_of(attendance.iter().find(|a| a.seat_id == seat.id));
            // The caller's own present seat in this body, through which it may hold proxies.
            let own_present: Vec<i64> = seats::active(conn, g.id, body.as_str())?
                .into_iter()
                .filter(|s| s.person_id == person)
                .filter(|s| {
                    status_of(attendance.iter().find(|a| a.seat_id == s.id)) == Attendance::Present
                })
                .map(|s| s.id)
                .collect();
            let proxy_via = attendance
                .iter()
                .find(|a| a.seat_id == seat.id)
                .and_then(|a| a.proxy_seat_id)
                .filter(|p| seat_status == Attendance::Proxy && own_present.contains(p));
            let holder = seat.person_id == person;
            if !holder && proxy_via.is_none() {
                return Err(not_entitled(
                    "只能为本人的席位，或为委托本人出席的席位表决。",
                    "You may vote only for your own seat, or for a seat that gave you its proxy.",
                ));
            }
            let recused = motions::recused(conn, motion.id)?.contains(&seat.id);
            check_vote_allowed(&VoteAttempt {
                motion_open: motion.status == MotionStatus::Open,
                holds_seat: seat.active,
                attendance: seat_status,
                recused,
            })?;
            if seat_status == Attendance::Proxy && proxy_via.is_none() {
                return Err(not_entitled(
                    "该席位已委托他人出席，由受托人表决。",
                    "This seat gave its proxy; the proxy votes for it.",
                ));
            }
            let choice = choice.ok_or_else(ApiError::internal)?;
            let row = VoteRow {
                motion_id: motion.id,
                seat_id: seat.id,
                choice: Some(choice),
                cast_by: person,
                updated_at: crate::repo::now(),
            };
            let first = repo::upsert(conn, &row)?;
            let secret = motion.ballot != Ballot::Open;
            // A secret choice never reaches the audit log or the feed: only that the seat voted.
            let after = if secret {
                serde_json::json!({"motion_id": motion.id, "seat_id": seat.id, "voted": true})
            } else {
                serde_json::json!({
                    "motion_id": motion.id, "seat_id": seat.id,
                    "choice": choice.as_str(), "cast_by": person,
                })
            };
            record(
                conn,
                &ctx,
                &g,
                Audit {
                    op: if first { Op::Created } else { Op::Updated },
                    action: "vote.cast",
                    entity: "vote",
                    entity_id: format!("{}:{}", motion.id, seat.id),
                    natural_key: None,
                    after,
                    published: !secret,
                },
            )?;
            Ok(Vote::from_row(row))
        })
        .await
}
