//! MEETING-CONVENE and MEETING-DEMAND: a third of the council's seats demands an extraordinary
//! council meeting; the demand is recorded with the charter's deadline, and the chair convenes
//! the meeting that answers it (`demand_id` on `POST /groups/{id}/meetings`). A pending demand
//! past its deadline is shown `overdue`. Seat holders never convene themselves.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::rules::{check_demand, procedure};
use super::{record, Audit};
use crate::db::DbConnection;
use crate::domain::auth::Role;
use crate::domain::clock::today;
use crate::domain::council::demand::{due_on, is_overdue, DemandStatus};
use crate::domain::council::Body;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::repo::changes::Op;
use crate::repo::council::demands::{self as repo, DemandRow, NewDemandRow};
use crate::repo::council::seats;
use crate::repo::groups::group::{self as groups, GroupRow};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx};

pub(crate) fn forbidden() -> ApiError {
    ApiError::new(
        ErrorKind::Forbidden,
        "会议由理事长召集；理事会临时会议可由三分之一以上理事会席位持有人提议。",
        "The chair convenes meetings; an extraordinary council meeting may be demanded by a \
         third of the council's seat holders.",
    )
}

/// A demand for an extraordinary council meeting.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"seat_ids": [2, 3, 4], "agenda": "审议成员校教师交流轮岗中出现的问题"}))]
pub struct NewDemand {
    /// The demanding council seats, at least a third of all (MEETING-DEMAND). A seat holder
    /// names its own seat among them; the chair may record a demand made on paper.
    #[schema(required = true)]
    pub seat_ids: Option<Vec<i64>>,
    /// What the meeting is to discuss.
    #[schema(required = true)]
    pub agenda: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DemandQuery {
    /// Any of these statuses (repeat the parameter for several).
    #[serde(default)]
    pub status: Vec<DemandStatus>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "seat_ids": [2, 3, 4], "seats_count": 7,
    "agenda": "审议成员校教师交流轮岗中出现的问题", "status": "pending",
    "demanded_by": "person:12", "demanded_at": "2026-12-01T08:00:00Z", "due_on": "2026-12-11",
    "overdue": false, "meeting_id": null, "version": 1
}))]
pub struct MeetingDemand {
    pub id: i64,
    pub group_id: i64,
    pub seat_ids: Vec<i64>,
    /// The council's seats when it was demanded.
    pub seats_count: i32,
    pub agenda: String,
    pub status: DemandStatus,
    pub demanded_by: String,
    pub demanded_at: DateTime<Utc>,
    /// The last day (China Standard Time) for the chair to convene it: the charter's
    /// `extraordinary_meeting_days` after the demand.
    pub due_on: NaiveDate,
    /// Pending past `due_on`; computed for today, never stored.
    pub overdue: bool,
    /// The meeting that answered it.
    pub meeting_id: Option<i64>,
    pub version: i32,
}

impl MeetingDemand {
    pub fn from_row(r: DemandRow) -> Self {
        MeetingDemand {
            id: r.id,
            group_id: r.group_id,
            seat_ids: serde_json::from_str(&r.seats_json).unwrap_or_default(),
            seats_count: r.seats_count,
            agenda: r.agenda,
            overdue: is_overdue(r.status, r.due_on, today()),
            status: r.status,
            demanded_by: r.demanded_by,
            demanded_at: r.demanded_at.and_utc(),
            due_on: r.due_on,
            meeting_id: r.meeting_id,
            version: r.version,
        }
    }
}

fn audit(op: Op, action: &'static str, d: &MeetingDemand) -> Audit {
    Audit {
        op,
        action,
        entity: "meeting_demand",
        entity_id: d.id.to_string(),
        natural_key: None,
        after: serde_json::to_value(d).unwrap_or_default(),
        published: true,
    }
}

/// MEETING-DEMAND: the named seats are active council seats (else `422`), the caller's own
/// seat among them when a seat holder posts (else `403`), and a third of all (else `409`).
/// Returns the distinct seats and the council's size.
fn check_demanded(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    named: &[i64],
) -> ApiResult<(Vec<i64>, u32)> {
    let council = seats::active(conn, g.id, Body::Council.as_str())?;
    let distinct: BTreeSet<i64> = named.iter().copied().collect();
    let unknown: Vec<String> = distinct
        .iter()
        .filter(|id| !council.iter().any(|s| s.id == **id))
        .map(i64::to_string)
        .collect();
    if !unknown.is_empty() {
        let mut c = Checks::new();
        c.push(
            "seat_ids",
            format!("以下不是本集团理事会的现任席位：{}。", unknown.join("、")),
            format!(
                "Not active council seats of this group: {}.",
                unknown.join(", ")
            ),
        );
        c.finish()?;
    }
    if ctx.principal.role == Role::CouncilMember {
        let person = ctx.principal.person_id();
        let own = council
            .iter()
            .any(|s| Some(s.person_id) == person && distinct.contains(&s.id));
        if !own {
            return Err(forbidden());
        }
    }
    let seats_count = u32::try_from(council.len()).unwrap_or(u32::MAX);
    let named_count = u32::try_from(distinct.len()).unwrap_or(u32::MAX);
    check_demand(seats_count, named_count)?;
    Ok((distinct.into_iter().collect(), seats_count))
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewDemand,
) -> ApiResult<MeetingDemand> {
    let mut c = Checks::new();
    let seat_ids = c.required("seat_ids", input.seat_ids);
    if seat_ids
        .as_ref()
        .is_some_and(|s| s.is_empty() || s.len() > 200)
    {
        c.push(
            "seat_ids",
            "须列出 1 至 200 个席位。",
            "Name 1 to 200 seats.",
        );
    }
    let agenda = c
        .required("agenda", input.agenda)
        .map(|a| c.text("agenda", &a, 1, 4000));
    c.finish()?;
    let (Some(seat_ids), Some(agenda)) = (seat_ids, agenda) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let seat_holder = ctx.principal.role == Role::CouncilMember;
            if !seat_holder && !access::is_chair(&ctx.principal, &g) {
                return Err(forbidden());
            }
            super::meetings::check_can_meet(conn, &g, Body::Council)?;
            let (seats, seats_count) = check_demanded(conn, &ctx, &g, &seat_ids)?;
            let days = procedure(conn, &g, false)?.extraordinary_meeting_days;
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewDemandRow {
                    group_id: g.id,
                    seats_json: serde_json::to_string(&seats).unwrap_or_default(),
                    seats_count: i32::try_from(seats_count).unwrap_or(i32::MAX),
                    agenda,
                    status: DemandStatus::Pending,
                    demanded_by: ctx.principal.sub.clone(),
                    demanded_at: now,
                    due_on: due_on(today(), days),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let d = MeetingDemand::from_row(row);
            record(
                conn,
                &ctx,
                &g,
                audit(Op::Created, "meeting_demand.create", &d),
            )?;
            Ok(d)
        })
        .await
}

/// Marks demand `id` of `g` answered by `meeting_id`: it must be pending (`409
/// meeting_demand_decided` otherwise). Part of the convening transaction.
pub(crate) fn answer(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    id: i64,
    meeting_id: i64,
) -> ApiResult<MeetingDemand> {
    let Some(d) = repo::find(conn, id)?.filter(|d| d.group_id == g.id) else {
        let mut c = Checks::new();
        c.push(
            "demand_id",
            "不是本集团的临时会议提议。",
            "Not a meeting demand of this group.",
        );
        c.finish()?;
        return Err(ApiError::internal());
    };
    if d.status != DemandStatus::Pending {
        return Err(ApiError::conflict_of(
            Conflict::DemandDecided,
            format!(
                "该提议已由会议 #{} 响应。",
                d.meeting_id.unwrap_or_default()
            ),
            format!(
                "The demand was answered by meeting #{} already.",
                d.meeting_id.unwrap_or_default()
            ),
        ));
    }
    let row = repo::convened(conn, d.id, d.version, meeting_id, crate::repo::now())?
        .ok_or_else(|| stale(d.version + 1))?;
    let out = MeetingDemand::from_row(row);
    record(
        conn,
        ctx,
        g,
        audit(Op::Updated, "meeting_demand.convened", &out),
    )?;
    Ok(out)
}

/// The demand and its group, or `404` when either is outside the caller's scope.
fn load(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<DemandRow> {
    let d = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = groups::find(conn, d.group_id)?.ok_or_else(ApiError::not_found)?;
    if !access::sees(conn, &ctx.principal, &g)? {
        return Err(ApiError::not_found());
    }
    Ok(d)
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<MeetingDemand> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| load(conn, &ctx, id).map(MeetingDemand::from_row))
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: DemandQuery,
    page: PageQuery,
) -> ApiResult<Page<MeetingDemand>> {
    let w = page.window()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let rows = repo::list(conn, g.id, &q.status, w.after_id, w.limit + 1)?;
            Ok(paginate(rows, w, |r| r.id, MeetingDemand::from_row))
        })
        .await
}
