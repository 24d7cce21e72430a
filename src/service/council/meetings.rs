//! Convening a meeting (by the chair, MEETING-CONVENE: an extraordinary council meeting may
//! answer the demand of a third of the seats), listing and reading meetings, and closing one.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::demand::{answer, forbidden};
use super::motions::motion_views;
use super::views::{AttendanceEntry, Meeting, MeetingDetail};
use super::{load_meeting, record, state_conflict, Audit};
use crate::db::DbConnection;
use crate::domain::auth::Role;
use crate::domain::council::demand::{check_answers_demand, refuse_seat_holder};
use crate::domain::council::Body;
use crate::domain::council::{MeetingKind, MeetingStatus};
use crate::domain::groups::GroupStatus;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::council::demands;
use crate::repo::council::meetings::{self as repo, NewMeetingRow};
use crate::repo::council::{motions, seats};
use crate::repo::groups::group::GroupRow;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx, IfMatch};

/// A meeting to convene. Every field is checked at once; a `422` lists each bad one.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "body": "council", "kind": "regular", "scheduled_at": "2026-03-01T08:00:00Z",
    "agenda": "一、审议集团章程草案；二、审议2026年度工作计划"
}))]
pub struct NewMeeting {
    #[schema(required = true, value_type = Body)]
    pub body: Option<String>,
    #[schema(required = true, value_type = MeetingKind)]
    pub kind: Option<String>,
    /// RFC 3339; stored in UTC.
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::datetime")]
    pub scheduled_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub agenda: Option<String>,
    /// The pending demand of a third of the seats this extraordinary council meeting answers
    /// (`GET /groups/{id}/meeting-demands`, MEETING-CONVENE); the meeting records its seats.
    pub demand_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingQuery {
    /// Only meetings of these bodies (repeat the parameter for several).
    #[serde(default)]
    pub body: Vec<Body>,
}

struct Valid {
    body: Body,
    kind: MeetingKind,
    scheduled_at: DateTime<Utc>,
    agenda: String,
    demand_id: Option<i64>,
}

fn validate(d: NewMeeting) -> ApiResult<Valid> {
    let mut c = Checks::new();
    let body = c
        .required("body", d.body)
        .and_then(|v| c.enum_code("body", &v, Body::parse, Body::codes()));
    let kind = c
        .required("kind", d.kind)
        .and_then(|v| c.enum_code("kind", &v, MeetingKind::parse, MeetingKind::codes()));
    let scheduled_at = c.required("scheduled_at", d.scheduled_at);
    let agenda = c
        .required("agenda", d.agenda)
        .map(|a| c.text("agenda", &a, 1, 4000));
    c.finish()?;
    match (body, kind, scheduled_at, agenda) {
        (Some(body), Some(kind), Some(scheduled_at), Some(agenda)) => Ok(Valid {
            body,
            kind,
            scheduled_at,
            agenda,
            demand_id: d.demand_id,
        }),
        _ => Err(ApiError::internal()),
    }
}

/// Only a group whose council (and, for an office meeting, whose office) has seats can meet,
/// and not once it is dissolved.
pub(crate) fn check_can_meet(conn: &mut DbConnection, g: &GroupRow, body: Body) -> ApiResult<()> {
    if g.status == GroupStatus::Dissolved {
        return Err(state_conflict(
            Conflict::GroupDissolved,
            "集团已解散，不能再召开会议。",
            "The group is dissolved and can no longer meet.",
        ));
    }
    for b in [Body::Council, body] {
        if seats::active(conn, g.id, b.as_str())?.is_empty() {
            return Err(state_conflict(
                Conflict::BodyHasNoSeats,
                &format!("{}尚无席位，不能召开会议。", b.label_zh()),
                &format!("The {} has no seats yet and cannot meet.", b.label_en()),
            ));
        }
    }
    Ok(())
}

pub async fn convene(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewMeeting,
) -> ApiResult<Meeting> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            if !access::is_chair(&ctx.principal, &g) {
                // MEETING-CONVENE: a seat holder demands; the chair convenes.
                if ctx.principal.role == Role::CouncilMember {
                    return Err(refuse_seat_holder().into());
                }
                return Err(forbidden());
            }
            let v = validate(input)?;
            check_can_meet(conn, &g, v.body)?;
            let demanded = match v.demand_id {
                Some(id) => {
                    check_answers_demand(
                        v.body == Body::Council,
                        v.kind == MeetingKind::Extraordinary,
                    )?;
                    let d = demands::find(conn, id)?.filter(|d| d.group_id == g.id);
                    Some(d.map_or_else(|| "[]".to_string(), |d| d.seats_json))
                }
                None => None,
            };
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewMeetingRow {
                    group_id: g.id,
                    body: v.body,
                    kind: v.kind,
                    scheduled_at: v.scheduled_at.naive_utc(),
                    agenda: v.agenda,
                    status: MeetingStatus::Convened,
                    convened_by: ctx.principal.sub.clone(),
                    demanded_by: demanded,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let meeting = Meeting::from_row(row);
            record(
                conn,
                &ctx,
                &g,
                audit(Op::Created, "meeting.convene", &meeting),
            )?;
            if let Some(id) = v.demand_id {
                answer(conn, &ctx, &g, id, meeting.id)?;
            }
            Ok(meeting)
        })
        .await
}

pub(crate) fn audit(op: Op, action: &'static str, m: &Meeting) -> Audit {
    Audit {
        op,
        action,
        entity: "meeting",
        entity_id: m.id.to_string(),
        natural_key: None,
        after: serde_json::to_value(m).unwrap_or_default(),
        published: true,
    }
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: MeetingQuery,
    page: PageQuery,
) -> ApiResult<Page<Meeting>> {
    let w = page.window()?;
    let body = q.body;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let rows = repo::list(conn, g.id, &body, w.after_id, w.limit + 1)?;
            Ok(paginate(rows, w, |r| r.id, Meeting::from_row))
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<MeetingDetail> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (_, m) = load_meeting(conn, &ctx, id)?;
            detail(conn, m)
        })
        .await
}

pub(crate) fn detail(
    conn: &mut DbConnection,
    m: crate::repo::council::meetings::MeetingRow,
) -> ApiResult<MeetingDetail> {
    let attendance = repo::attendance(conn, m.id)?
        .iter()
        .map(AttendanceEntry::from_row)
        .collect();
    let rows = motions::of_meeting(conn, m.id)?;
    let motions = motion_views(conn, rows)?;
    Ok(MeetingDetail {
        meeting: Meeting::from_row(m),
        attendance,
        motions,
    })
}

/// Closes the meeting once every motion is closed or deferred; its attendance and business
/// are then final. `If-Match` is checked when given.
pub async fn close(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
) -> ApiResult<MeetingDetail> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, m) = load_meeting(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if let Some(im) = &if_match {
                im.check(m.version)?;
            }
            if m.status != MeetingStatus::Convened {
                return Err(state_conflict(
                    Conflict::MeetingClosed,
                    "会议已闭会。",
                    "The meeting is closed already.",
                ));
            }
            let open = motions::open_count(conn, m.id)?;
            if open > 0 {
                return Err(state_conflict(
                    Conflict::MotionsOpen,
                    &format!("尚有{open}项议案未结束表决，请先表决或暂缓。"),
                    &format!("{open} motion(s) are still open; close or defer them first."),
                ));
            }
            let row = repo::advance(
                conn,
                m.id,
                m.version,
                MeetingStatus::Closed,
                crate::repo::now(),
            )?
            .ok_or_else(|| stale(m.version + 1))?;
            let meeting = Meeting::from_row(row.clone());
            record(
                conn,
                &ctx,
                &g,
                audit(Op::Updated, "meeting.close", &meeting),
            )?;
            detail(conn, row)
        })
        .await
}
