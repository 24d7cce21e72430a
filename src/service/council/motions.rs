//! Tabling a motion, reading it, and deferring it. The threshold and quorum are fixed when the
//! motion is tabled (`rules::FrozenRule`), from the governing charter or the county's settings.

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;
use utoipa::ToSchema;

use super::effects::{self, Tabling};
use super::rules::{procedure, FrozenRule};
use super::views::{Motion, MotionDetail, RollCallEntry};
use super::{load_meeting, load_motion, record, state_conflict, Audit};
use crate::db::DbConnection;
use crate::domain::council::{Ballot, MeetingStatus, MotionStatus};
use crate::domain::council::{Body, MotionOutcome, MotionType};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::council::motions::{self as repo, MotionClose, MotionRow, NewMotionRow};
use crate::repo::council::{resolutions, seats, votes};
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

/// A motion to put to the meeting. Every field is checked at once; a `422` lists each bad one.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "审议通过集团章程草案", "motion_type": "charter", "ballot": "open",
    "concerns_school_id": null, "recused_seat_ids": []
}))]
pub struct NewMotion {
    #[schema(required = true)]
    pub title: Option<String>,
    #[schema(required = true, value_type = MotionType)]
    pub motion_type: Option<String>,
    #[schema(required = true, value_type = Ballot)]
    pub ballot: Option<String>,
    /// The member school the motion concerns, if any (its seat holders may be recused).
    pub concerns_school_id: Option<i64>,
    /// Seats of the body whose holders are recused for a conflict of interest, as the chair
    /// lists them.
    #[serde(default)]
    pub recused_seat_ids: Vec<i64>,
    /// The record the motion decides, for the motion types that decide one: for an
    /// office-meeting `cadre_nomination` motion, the nomination (CADRE-VP, CADRE-MIDDLE), which
    /// closing the motion moves; the motion then concerns the nomination's school.
    /// `nomination_id` is taken as another name for it.
    #[serde(alias = "nomination_id")]
    pub subject_id: Option<i64>,
}

struct Valid {
    title: String,
    motion_type: MotionType,
    ballot: Ballot,
    concerns_school_id: Option<i64>,
    recused: Vec<i64>,
}

fn validate(conn: &mut DbConnection, g: &GroupRow, body: Body, d: NewMotion) -> ApiResult<Valid> {
    let mut c = Checks::new();
    let title = c
        .required("title", d.title)
        .map(|t| c.text("title", &t, 2, 200));
    let motion_type = c
        .required("motion_type", d.motion_type)
        .and_then(|v| c.enum_code("motion_type", &v, MotionType::parse, MotionType::codes()));
    let ballot = c
        .required("ballot", d.ballot)
        .and_then(|v| c.enum_code("ballot", &v, Ballot::parse, Ballot::codes()));
    if let Some(school) = d.concerns_school_id {
        let member = school == g.core_school_id
            || memberships::current_of_group(conn, g.id)?
                .iter()
                .any(|m| m.school_id == school);
        if !member {
            c.push(
                "concerns_school_id",
                "不是本集团的成员学校。",
                "Not a member school of this group.",
            );
        }
    }
    let body_seats = seats::active(conn, g.id, body.as_str())?;
    let recused: BTreeSet<i64> = d.recused_seat_ids.iter().copied().collect();
    let strangers: Vec<String> = recused
        .iter()
        .filter(|id| !body_seats.iter().any(|s| s.id == **id))
        .map(i64::to_string)
        .collect();
    if !strangers.is_empty() {
        c.push(
            "recused_seat_ids",
            format!("以下不是本机构的现任席位：{}。", strangers.join("、")),
            format!("Not active seats of this body: {}.", strangers.join(", ")),
        );
    }
    c.finish()?;
    match (title, motion_type, ballot) {
        (Some(title), Some(motion_type), Some(ballot)) => Ok(Valid {
            title,
            motion_type,
            ballot,
            concerns_school_id: d.concerns_school_id,
            recused: recused.into_iter().collect(),
        }),
        _ => Err(ApiError::internal()),
    }
}

pub(crate) fn not_open() -> ApiError {
    state_conflict(
        Conflict::MotionNotOpen,
        "议案已结束表决或已暂缓。",
        "The motion is closed or deferred already.",
    )
}

pub(crate) fn meeting_closed() -> ApiError {
    state_conflict(
        Conflict::MeetingClosed,
        "会议已闭会。",
        "The meeting is closed.",
    )
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    meeting_id: i64,
    input: NewMotion,
) -> ApiResult<Motion> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, m) = load_meeting(conn, &ctx, meeting_id)?;
            access::ensure_chair(&ctx, &g)?;
            if m.status != MeetingStatus::Convened {
                return Err(meeting_closed());
            }
            let body = m.body;
            let subject_id = input.subject_id;
            let mut v = validate(conn, &g, body, input)?;
            let tabling = Tabling {
                group: &g,
                body,
                motion_type: v.motion_type,
                concerns_school_id: v.concerns_school_id,
                subject_id,
            };
            v.concerns_school_id = effects::check_tabling(conn, &tabling)?;
            // A charter under adoption does not govern its own vote (see `rules::procedure`).
            let adopting_charter = body == Body::Council && v.motion_type == MotionType::Charter;
            let rules = procedure(conn, &g, adopting_charter)?;
            let rule = FrozenRule::for_motion(&rules, body, v.motion_type);
            let (threshold_json, quorum_json) = rule.to_json()?;
            let position = repo::of_meeting(conn, m.id)?
                .iter()
                .map(|r| r.position)
                .max()
                .unwrap_or(0)
                + 1;
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewMotionRow {
                    meeting_id: m.id,
                    group_id: g.id,
                    position,
                    title: v.title,
                    motion_type: v.motion_type,
                    ballot: v.ballot,
                    concerns_school_id: v.concerns_school_id,
                    threshold_json,
                    quorum_json,
                    status: MotionStatus::Open,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            for seat in &v.recused {
                repo::add_recusal(conn, row.id, *seat)?;
            }
            if let Some(effect) = effects::of(row.motion_type) {
                effect.tabled(conn, &ctx, &tabling, &row)?;
            }
            let motion = Motion::build(row, &rule, v.recused, 0, None);
            record(conn, &ctx, &g, audit(Op::Created, "motion.table", &motion))?;
            Ok(motion)
        })
        .await
}

pub(crate) fn audit(op: Op, action: &'static str, m: &Motion) -> Audit {
    Audit {
        op,
        action,
        entity: "motion",
        entity_id: m.id.to_string(),
        natural_key: None,
        after: serde_json::to_value(m).unwrap_or_default(),
        published: true,
    }
}

/// The API view of several motions, with their recusals, votes cast and resolutions.
pub(crate) fn motion_views(
    conn: &mut DbConnection,
    rows: Vec<MotionRow>,
) -> ApiResult<Vec<Motion>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut recused: HashMap<i64, Vec<i64>> = HashMap::new();
    for (motion, seat) in repo::recused_of(conn, &ids)? {
        recused.entry(motion).or_default().push(seat);
    }
    let cast: HashMap<i64, i64> = votes::cast_counts(conn, &ids)?.into_iter().collect();
    let res: HashMap<i64, _> = resolutions::of_motions(conn, &ids)?
        .into_iter()
        .map(|r| (r.motion_id, r))
        .collect();
    rows.into_iter()
        .map(|r| {
            let rule = FrozenRule::of_row(&r)?;
            let id = r.id;
            Ok(Motion::build(
                r,
                &rule,
                recused.remove(&id).unwrap_or_default(),
                cast.get(&id).copied().unwrap_or(0),
                res.get(&id),
            ))
        })
        .collect()
}

pub(crate) fn motion_view(conn: &mut DbConnection, row: MotionRow) -> ApiResult<Motion> {
    motion_views(conn, vec![row])?
        .pop()
        .ok_or_else(ApiError::internal)
}

/// The roll call of an open ballot; `None` for a secret one, open or closed.
pub(crate) fn roll_call(
    conn: &mut DbConnection,
    row: &MotionRow,
) -> ApiResult<Option<Vec<RollCallEntry>>> {
    if row.ballot != Ballot::Open {
        return Ok(None);
    }
    Ok(Some(
        votes::of_motion(conn, row.id)?
            .into_iter()
            .map(|v| RollCallEntry {
                seat_id: v.seat_id,
                choice: v.choice,
                cast_by: v.cast_by,
            })
            .collect(),
    ))
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<MotionDetail> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (_, _, row) = load_motion(conn, &ctx, id)?;
            let roll_call = roll_call(conn, &row)?;
            Ok(MotionDetail {
                motion: motion_view(conn, row)?,
                roll_call,
            })
        })
        .await
}

/// Defers an open motion; a secret ballot's choices are forgotten as on closing. `If-Match` is
/// checked when given.
pub async fn defer(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
) -> ApiResult<Motion> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, _, row) = load_motion(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if let Some(im) = &if_match {
                im.check(row.version)?;
            }
            if row.status != MotionStatus::Open {
                return Err(not_open());
            }
            let now = crate::repo::now();
            let change = MotionClose {
                status: MotionStatus::Deferred,
                outcome: Some(MotionOutcome::Deferred),
                closed_at: Some(now),
                ..MotionClose::default()
            };
            let moved = repo::close(conn, row.id, row.version, &change, now)?
                .ok_or_else(|| stale(row.version + 1))?;
            if moved.ballot == Ballot::Secret {
                votes::blank_choices(conn, moved.id)?;
            }
            let motion = motion_view(conn, moved)?;
            record(conn, &ctx, &g, audit(Op::Updated, "motion.defer", &motion))?;
            Ok(motion)
        })
        .await
}
