//! The county bureau's decision on an adjustment the office meeting has passed (STAFF-ADJUST
//! "报教育部门研究同意后实施"). Approval is the one place allocations change: the limits are
//! checked again against the allocations as they stand now (another approval may have used the
//! room since the proposal), the lines are written, and every other open proposal of the group's
//! year is superseded, since it was drawn up against allocations that no longer hold.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::adjust::{advance, allocations, check_schools, load, step_to};
use super::views::{Adjustment, Line};
use super::{facts, record};
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::clock::today;
use crate::domain::staffing::adjust::AdjustmentAct;
use crate::domain::staffing::check_group_staffs;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::groups::group::GroupRow;
use crate::repo::registry::schools;
use crate::repo::staffing::adjustments::{self as repo, AdjustmentRow, AdjustmentStep};
use crate::repo::staffing::allocations::{self as alloc, Put};
use crate::service::checks::Checks;
use crate::service::{AppState, Ctx, IfMatch};
use crate::vocab_enum;

vocab_enum! {
    /// The bureau's decision on a staffing adjustment.
    pub enum AdjustmentDecisionKind ("staffing_adjustment_decision") {
        Approve = ("approve", "研究同意实施", "approve"),
        Refuse = ("refuse", "不同意", "refuse"),
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "approve", "decided_on": "2026-02-20", "decision_ref": "都教编〔2026〕2号"}))]
pub struct AdjustmentDecisionInput {
    #[schema(required = true, value_type = Option<AdjustmentDecisionKind>)]
    pub decision: Option<String>,
    /// The decision's date, not after today (China Standard Time).
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub decided_on: Option<NaiveDate>,
    /// The approving document's reference: required to approve.
    pub decision_ref: Option<String>,
    /// The reasons: required to refuse; at most 2000 characters.
    pub note: Option<String>,
}

/// One allocation as the change feed shows it.
#[derive(Debug, Clone, Serialize)]
struct AllocationChange {
    group_id: i64,
    year: i32,
    #[serde(flatten)]
    line: Line,
    adjustment_id: i64,
}

pub async fn decide(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: AdjustmentDecisionInput,
) -> ApiResult<Adjustment> {
    let mut c = Checks::new();
    let decision = c.required("decision", input.decision).and_then(|d| {
        c.enum_code(
            "decision",
            &d,
            AdjustmentDecisionKind::parse,
            AdjustmentDecisionKind::codes(),
        )
    });
    let on = c.required("decided_on", input.decided_on);
    if on.is_some_and(|d| d > today()) {
        c.push(
            "decided_on",
            "日期不能晚于今天。",
            "The date cannot be in the future.",
        );
    }
    let reference = input
        .decision_ref
        .map(|r| c.text("decision_ref", &r, 1, 100));
    let note = c.optional_text("note", input.note, 2000);
    match decision {
        Some(AdjustmentDecisionKind::Approve) if reference.is_none() => c.push(
            "decision_ref",
            "同意实施须填写批复文号。",
            "An approval gives its document's reference.",
        ),
        Some(AdjustmentDecisionKind::Refuse) if note.is_none() => {
            c.push("note", "不同意须说明理由。", "A refusal gives its reasons.")
        }
        _ => {}
    }
    c.finish()?;
    let (Some(decision), Some(on)) = (decision, on) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a) = load(conn, &ctx, id)?;
            ctx.require(Permission::StaffingManage)?;
            if let Some(m) = &if_match {
                m.check(a.version)?;
            }
            let act = match decision {
                AdjustmentDecisionKind::Approve => AdjustmentAct::Approve,
                AdjustmentDecisionKind::Refuse => AdjustmentAct::Refuse,
            };
            let to = step_to(&a, act)?;
            let s = AdjustmentStep {
                status: to,
                decided_by: Some(ctx.principal.sub.clone()),
                decided_on: Some(on),
                decision_ref: reference.clone(),
                decision_note: note.clone(),
                ..Default::default()
            };
            if decision == AdjustmentDecisionKind::Refuse {
                return advance(conn, &ctx, &g, a, &s, "refuse");
            }
            check_group_staffs(g.status)?;
            put_in_effect(conn, &ctx, &g, &a)?;
            let out = advance(conn, &ctx, &g, a, &s, "approve")?;
            supersede(conn, &ctx, &g, &out)?;
            Ok(out)
        })
        .await
}

/// Checks the limits against the allocations as they stand now and writes the lines, each
/// audited as a `post_allocation` change keyed `{group}:{year}:{school}:{category}:{level}`.
fn put_in_effect(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    a: &AdjustmentRow,
) -> ApiResult<()> {
    let lines = Adjustment::lines_of(a);
    let y = facts::load(conn, g, a.year)?;
    check_schools(&y, &lines)?;
    y.check(g.core_school_id, &allocations(&lines))?;
    let now = crate::repo::now();
    let ids: Vec<i64> = lines.iter().map(|l| l.school_id).collect();
    let codes: Vec<(i64, String)> = schools::find_many(conn, &ids)?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    for l in &lines {
        let before = y
            .allocations
            .iter()
            .find(|x| x.key() == l.allocation().key())
            .copied();
        alloc::put(
            conn,
            &Put {
                group_id: g.id,
                county_code: &g.county_code,
                year: a.year,
                school_id: l.school_id,
                category: l.category,
                level: l.level,
                bonus: l.bonus,
                posts: l.posts,
                reason: l.reason,
                adjustment_id: a.id,
            },
            now,
        )?;
        let code = codes
            .iter()
            .find(|(id, _)| *id == l.school_id)
            .map_or_else(|| l.school_id.to_string(), |(_, c)| c.clone());
        let key = format!(
            "{}:{}:{}:{}:{}{}",
            g.code,
            a.year,
            code,
            l.category,
            l.level,
            if l.bonus { ":bonus" } else { "" }
        );
        let op = match (before, l.posts) {
            (None, _) => Op::Created,
            (Some(_), 0) => Op::Deleted,
            (Some(_), _) => Op::Updated,
        };
        let change = |posts: i32| AllocationChange {
            group_id: g.id,
            year: a.year,
            line: Line { posts, ..*l },
            adjustment_id: a.id,
        };
        let before = before.map(|b| change(b.posts));
        record(
            conn,
            ctx,
            &g.county_code,
            op,
            "post_allocation",
            key.clone(),
            Some(key),
            "post_allocation.approve",
            before.as_ref(),
            &change(l.posts),
        )?;
    }
    Ok(())
}

/// Supersedes the group's other open proposals of the year.
fn supersede(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    approved: &Adjustment,
) -> ApiResult<()> {
    for other in repo::open_of_year(conn, g.id, approved.year, approved.id)? {
        let to = step_to(&other, AdjustmentAct::Supersede)?;
        let s = AdjustmentStep {
            status: to,
            superseded_by: Some(approved.id),
            ..Default::default()
        };
        advance(conn, ctx, g, other, &s, "supersede")?;
    }
    Ok(())
}
