//! A group's distribution plan of its extra performance pay among its schools (PAY-POOL,
//! §2.4.4 "核心成员按贡献制定分配方案，经理事长办公会议通过并报教育行政部门审定后实施"): the
//! chair drafts it by contribution, the office meeting passes it (`pay_effect`), the county
//! bureau approves it (`decide`). It never exceeds the group's allocation from the county's
//! pool, checked when drafted and again when approved (the pool may have moved meanwhile).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{check_year, ensure_bureau, record};
use crate::db::DbConnection;
use crate::domain::assessment::pay::check_plan;
use crate::domain::assessment::PayPlanStatus;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::assessment::pay::{self as repo, PlanFields, PlanRow, StoredPlanLine};
use crate::repo::changes::Op;
use crate::repo::groups::group::GroupRow;
use crate::repo::registry::schools;
use crate::service::checks::Checks;
use crate::service::council::effects::open_motion;
use crate::service::groups::access;
use crate::service::life::decisions::Verdict;
use crate::service::{stale, AppState, Ctx, IfMatch};

use crate::service::funds::MAX_YUAN;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"school_id": 3, "amount_yuan": 60000, "contribution": "派出骨干教师 4 人，牵头集团教研"}))]
pub struct PayPlanLineInput {
    /// The core or a current member of the group.
    #[schema(required = true)]
    pub school_id: Option<i64>,
    /// Whole yuan, 0 or more.
    #[schema(required = true)]
    pub amount_yuan: Option<i64>,
    /// The school's contribution the amount rewards, 1 to 500 characters.
    #[schema(required = true)]
    pub contribution: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "lines": [
        {"school_id": 1, "amount_yuan": 90000, "contribution": "派出骨干教师 4 人，牵头集团教研"},
        {"school_id": 3, "amount_yuan": 60000, "contribution": "接收交流教师，薄弱学科提升明显"}
    ],
    "note": "按贡献分配"
}))]
pub struct PayPlanInput {
    /// 1 to 200 lines, one per school.
    #[schema(required = true)]
    pub lines: Option<Vec<PayPlanLineInput>>,
    /// At most 4000 characters.
    pub note: Option<String>,
}

/// The bureau's decision on a plan the office meeting passed; a rejection gives its reasons.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "approve", "note": "经县教育局审定。"}))]
pub struct PayPlanDecisionInput {
    pub decision: Verdict,
    /// Required to reject; at most 2000 characters.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PayPlanLine {
    pub school_id: i64,
    pub school_name: String,
    pub is_core: bool,
    pub amount_yuan: i64,
    pub contribution: String,
}

/// A group's plan for a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "county_code": "522701", "year": 2026, "status": "approved",
    "lines": [{"school_id": 1, "school_name": "都匀市第一中学", "is_core": true, "amount_yuan": 90000, "contribution": "派出骨干教师 4 人"}],
    "total_yuan": 90000, "allocation_yuan": 150000, "note": null, "motion_id": 9,
    "office_decided_at": "2026-12-12T08:00:00Z", "decided_by": "bureau-522701",
    "decided_at": "2026-12-15T08:00:00Z", "decision_note": null, "version": 4,
    "created_at": "2026-12-11T08:00:00Z", "updated_at": "2026-12-15T08:00:00Z"
}))]
pub struct PayPlan {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub status: PayPlanStatus,
    pub lines: Vec<PayPlanLine>,
    pub total_yuan: i64,
    /// The group's allocation in the county's pool as it now stands; `null` without one.
    pub allocation_yuan: Option<i64>,
    pub note: Option<String>,
    /// The office-meeting motion it was last tabled as.
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The group's allocation in the county's pool of the year, `None` without one.
fn allocation(conn: &mut DbConnection, g: &GroupRow, year: i32) -> ApiResult<Option<i64>> {
    Ok(repo::find_pool(conn, &g.county_code, year)?.and_then(|p| p.allocation_of(g.id)))
}

pub(crate) fn view(conn: &mut DbConnection, g: &GroupRow, r: PlanRow) -> ApiResult<PayPlan> {
    let lines = r.lines();
    let ids: Vec<i64> = lines.iter().map(|l| l.school_id).collect();
    let names: HashMap<i64, String> = schools::find_many(conn, &ids)?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let total = r.total_yuan();
    Ok(PayPlan {
        lines: lines
            .into_iter()
            .map(|l| PayPlanLine {
                school_name: names.get(&l.school_id).cloned().unwrap_or_default(),
                is_core: l.school_id == g.core_school_id,
                school_id: l.school_id,
                amount_yuan: l.amount_yuan,
                contribution: l.contribution,
            })
            .collect(),
        total_yuan: total,
        allocation_yuan: allocation(conn, g, r.year)?,
        id: r.id,
        group_id: r.group_id,
        county_code: r.county_code,
        year: r.year,
        status: r.status,
        note: r.note,
        motion_id: r.motion_id,
        office_decided_at: r.office_decided_at.map(|t| t.and_utc()),
        decided_by: r.decided_by,
        decided_at: r.decided_at.map(|t| t.and_utc()),
        decision_note: r.decision_note,
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    })
}

/// Writes a step of the plan at the version read and records it as `pay_plan.{action}`.
pub(crate) fn step(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    p: PlanRow,
    f: &PlanFields,
    action: &str,
) -> ApiResult<PayPlan> {
    let row = repo::update_plan(conn, p.id, p.version, f, crate::repo::now())?
        .ok_or_else(|| stale(p.version + 1))?;
    let before = view(conn, g, p)?;
    let after = view(conn, g, row)?;
    record(
        conn,
        ctx,
        &g.county_code,
        Op::Updated,
        "pay_plan",
        after.id.to_string(),
        Some(format!("{}:{}", g.code, after.year)),
        &format!("pay_plan.{action}"),
        Some(&before),
        &after,
    )?;
    Ok(after)
}

pub(crate) fn on_agenda(motion: i64) -> ApiError {
    ApiError::conflict_of(
        Conflict::PayPlanOnAgenda,
        format!("分配方案已列入议案 #{motion}，表决结束前不能修改或再次提交。"),
        format!("The plan is on motion #{motion}; revise or table it again once that vote closes."),
    )
}

pub(crate) fn wrong_status(p: &PlanRow, zh: &str, en: &str) -> ApiError {
    ApiError::conflict_of(
        Conflict::PayPlanStatus,
        format!("分配方案状态为“{}”，{zh}", p.status.label_zh()),
        format!("The plan is {}: {en}", p.status.as_str()),
    )
}

fn lines(c: &mut Checks, input: Option<Vec<PayPlanLineInput>>) -> Vec<StoredPlanLine> {
    let Some(input) = c.required("lines", input) else {
        return Vec::new();
    };
    if input.is_empty() || input.len() > 200 {
        c.push("lines", "须有 1 至 200 行。", "Give 1 to 200 lines.");
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, l) in input.into_iter().enumerate() {
        let f = |name: &str| format!("lines[{i}].{name}");
        let school = c.required(&f("school_id"), l.school_id);
        let amount = c.required(&f("amount_yuan"), l.amount_yuan);
        if let Some(a) = amount {
            c.range(&f("amount_yuan"), a, 0, MAX_YUAN);
        }
        let contribution = c
            .required(&f("contribution"), l.contribution)
            .map(|t| c.text(&f("contribution"), &t, 1, 500));
        let (Some(school_id), Some(amount_yuan), Some(contribution)) =
            (school, amount, contribution)
        else {
            continue;
        };
        if !seen.insert(school_id) {
            c.push(
                &f("school_id"),
                "每所学校只列一行。",
                "One line per school.",
            );
            continue;
        }
        out.push(StoredPlanLine {
            school_id,
            amount_yuan,
            contribution,
        });
    }
    out
}

/// Drafts or revises the group's plan for `year` (`If-Match: "0"` drafts it). Any revision puts
/// it back to `proposed`: what the office meeting passed or the bureau rejected is not what now
/// stands. An approved plan is final.
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    year: i32,
    if_match: IfMatch,
    input: PayPlanInput,
) -> ApiResult<PayPlan> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    let lines = lines(&mut c, input.lines);
    let note = c.optional_text("note", input.note, 4000);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            access::ensure_chair(&ctx, &g)?;
            let in_group = access::current_schools(conn, &g)?;
            let outside: Vec<FieldError> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| !in_group.contains(&l.school_id))
                .map(|(i, _)| {
                    FieldError::new(
                        format!("lines[{i}].school_id"),
                        "不是本集团的核心成员或现有成员学校。",
                        "Not the group's core or a current member.",
                    )
                })
                .collect();
            if !outside.is_empty() {
                return Err(ApiError::validation(outside));
            }
            let before = repo::find_plan(conn, g.id, year)?;
            if_match.check(before.as_ref().map_or(0, |b| b.version))?;
            if let Some(b) = &before {
                if b.status == PayPlanStatus::Approved {
                    return Err(wrong_status(
                        b,
                        "已经教育局审定，不能再修改。",
                        "the bureau has approved it; it is final.",
                    ));
                }
                if let Some(m) = open_motion(conn, b.motion_id)? {
                    return Err(on_agenda(m));
                }
            }
            let total = lines
                .iter()
                .fold(0i64, |s, l| s.saturating_add(l.amount_yuan));
            check_plan(allocation(conn, &g, year)?, total)?;
            let f = PlanFields {
                lines_json: serde_json::to_string(&lines).map_err(|_| ApiError::internal())?,
                note,
                status: PayPlanStatus::Proposed,
                motion_id: None,
                office_decided_at: None,
                decided_by: None,
                decided_at: None,
                decision_note: None,
            };
            let now = crate::repo::now();
            let (op, row) = match &before {
                None => (
                    Op::Created,
                    repo::insert_plan(conn, g.id, &g.county_code, year, &f, now)?,
                ),
                Some(b) => (
                    Op::Updated,
                    repo::update_plan(conn, b.id, b.version, &f, now)?
                        .ok_or_else(|| stale(b.version + 1))?,
                ),
            };
            let before = match before {
                Some(b) => Some(view(conn, &g, b)?),
                None => None,
            };
            let after = view(conn, &g, row)?;
            record(
                conn,
                &ctx,
                &g.county_code,
                op,
                "pay_plan",
                after.id.to_string(),
                Some(format!("{}:{year}", g.code)),
                "pay_plan.put",
                before.as_ref(),
                &after,
            )?;
            Ok(after)
        })
        .await
}

/// The group's plan of the year, for whoever sees the group: its schools, its seats, the
/// bureau.
pub async fn get(state: &AppState, ctx: &Ctx, group_id: i64, year: i32) -> ApiResult<PayPlan> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let row = repo::find_plan(conn, g.id, year)?.ok_or_else(ApiError::not_found)?;
            view(conn, &g, row)
        })
        .await
}

/// The county bureau approves (审定) or rejects a plan the office meeting passed. Approval
/// checks the plan against the allocation as it stands now: the pool may have been revised
/// since the plan was drafted.
pub async fn decide(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    year: i32,
    if_match: IfMatch,
    input: PayPlanDecisionInput,
) -> ApiResult<PayPlan> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    let note = c.optional_text("note", input.note, 2000);
    if input.decision == Verdict::Reject && note.is_none() {
        c.push(
            "note",
            "不予审定须说明理由。",
            "A rejection must give its reasons.",
        );
    }
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            ensure_bureau(&ctx)?;
            let p = repo::find_plan(conn, g.id, year)?.ok_or_else(ApiError::not_found)?;
            if_match.check(p.version)?;
            if p.status != PayPlanStatus::OfficePassed {
                return Err(wrong_status(
                    &p,
                    "只有经理事长办公会议通过的方案才能审定。",
                    "only a plan the office meeting passed is decided by the bureau.",
                ));
            }
            let (status, action) = match input.decision {
                Verdict::Approve => {
                    check_plan(allocation(conn, &g, year)?, p.total_yuan())?;
                    (PayPlanStatus::Approved, "approve")
                }
                Verdict::Reject => (PayPlanStatus::Rejected, "reject"),
            };
            let f = PlanFields {
                status,
                decided_by: Some(ctx.principal.sub.clone()),
                decided_at: Some(crate::repo::now()),
                decision_note: note,
                ..p.fields()
            };
            step(conn, &ctx, &g, p, &f, action)
        })
        .await
}
