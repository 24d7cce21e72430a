//! Staffing adjustments (STAFF-ADJUST): the chair proposes new post allocations for a year, in
//! lines that each set the number of posts a member is to have for a category and level. The
//! proposal is checked against the limits at once, so a proposal that could never be approved
//! is refused before the office meeting spends time on it; the approval checks again.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::views::{Adjustment, Line};
use super::{check_year, facts, record};
use crate::db::DbConnection;
use crate::domain::rules::Conflict;
use crate::domain::staffing::adjust::{next, AdjustRefusal, AdjustmentAct};
use crate::domain::staffing::pool::level_fits;
use crate::domain::staffing::{
    check_group_staffs, AdjustmentStatus, AllocationReason, PostCategory, PostLevel,
};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::groups::group::GroupRow;
use crate::repo::staffing::adjustments::{
    self as repo, AdjustmentRow, AdjustmentStep, NewAdjustmentRow,
};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx, IfMatch};

/// One proposed line.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"school_id": 3, "category": "professional_technical", "level": "senior", "posts": 12, "reason": "school_size"}))]
pub struct LineInput {
    /// The core or an active member.
    #[schema(required = true)]
    pub school_id: Option<i64>,
    #[schema(required = true, value_type = Option<PostCategory>)]
    pub category: Option<String>,
    /// `senior`, `intermediate` or `junior` for professional-technical posts, `ungraded` for
    /// management and support posts.
    #[schema(required = true, value_type = Option<PostLevel>)]
    pub level: Option<String>,
    /// The core's bonus posts (STAFF-SENIOR-BONUS); `false` by default.
    #[serde(default)]
    pub bonus: bool,
    /// The number of posts the member is to have, 0 (removes the allocation) to 100,000.
    #[schema(required = true)]
    pub posts: Option<i32>,
    #[schema(required = true, value_type = Option<AllocationReason>)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "year": 2026, "title": "2026年度集团岗位分配方案",
    "lines": [
        {"school_id": 1, "category": "professional_technical", "level": "senior", "posts": 20, "reason": "school_size"},
        {"school_id": 3, "category": "professional_technical", "level": "intermediate", "posts": 8, "reason": "class_size"}
    ],
    "note": "结合2026年春季学期交流轮岗情况调整"
}))]
pub struct NewAdjustment {
    #[schema(required = true)]
    pub year: Option<i32>,
    /// At most 200 characters.
    #[schema(required = true)]
    pub title: Option<String>,
    /// 1 to 500 lines, at most one per member, category, level and bonus.
    #[schema(required = true)]
    pub lines: Option<Vec<LineInput>>,
    /// At most 4000 characters.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdjustmentQuery {
    pub year: Option<i32>,
    /// Any of these statuses (repeat the parameter for several).
    #[serde(default)]
    pub status: Vec<AdjustmentStatus>,
}

/// The lines, validated field by field (`422`); whether the schools take part is checked in
/// the transaction.
fn lines(c: &mut Checks, input: Option<Vec<LineInput>>) -> Vec<Line> {
    let Some(input) = c.required("lines", input) else {
        return Vec::new();
    };
    if input.is_empty() || input.len() > 500 {
        c.push("lines", "须有 1 至 500 行。", "Give 1 to 500 lines.");
    }
    let mut out = Vec::new();
    let mut keys = HashSet::new();
    for (i, l) in input.into_iter().enumerate() {
        let f = |name: &str| format!("lines[{i}].{name}");
        let school = c.required(&f("school_id"), l.school_id);
        let category = c.required(&f("category"), l.category).and_then(|v| {
            c.enum_code(
                &f("category"),
                &v,
                PostCategory::parse,
                PostCategory::codes(),
            )
        });
        let level = c
            .required(&f("level"), l.level)
            .and_then(|v| c.enum_code(&f("level"), &v, PostLevel::parse, PostLevel::codes()));
        let posts = c.required(&f("posts"), l.posts);
        if let Some(p) = posts {
            c.range(&f("posts"), i64::from(p), 0, 100_000);
        }
        let reason = c.required(&f("reason"), l.reason).and_then(|v| {
            c.enum_code(
                &f("reason"),
                &v,
                AllocationReason::parse,
                AllocationReason::codes(),
            )
        });
        let (Some(school_id), Some(category), Some(level), Some(posts), Some(reason)) =
            (school, category, level, posts, reason)
        else {
            continue;
        };
        if !level_fits(category, level) {
            c.push(
                &f("level"),
                "专业技术岗位分高级、中级、初级；管理岗位和工勤技能岗位填 ungraded。",
                "A professional-technical post is senior, intermediate or junior; management and support posts are ungraded.",
            );
            continue;
        }
        let line = Line {
            school_id,
            category,
            level,
            bonus: l.bonus,
            posts,
            reason,
        };
        if !keys.insert(line.allocation().key()) {
            c.push(
                &f("school_id"),
                "同一成员、岗位类别、等级只能有一行。",
                "One line per member, category, level and bonus.",
            );
        }
        out.push(line);
    }
    out
}

/// A `422` naming the lines whose school is neither the core nor an active member.
pub(crate) fn check_schools(y: &facts::YearFacts, lines: &[Line]) -> ApiResult<()> {
    let mut c = Checks::new();
    for (i, l) in lines.iter().enumerate() {
        if !y.takes_part(l.school_id) {
            c.push(
                &format!("lines[{i}].school_id"),
                "不是本集团的核心成员或现有成员。",
                "Neither the group's core nor a current member.",
            );
        }
    }
    c.finish()
}

pub(crate) fn allocations(lines: &[Line]) -> Vec<crate::domain::staffing::Allocation> {
    lines.iter().map(Line::allocation).collect()
}

/// The adjustment and its group, or `404` outside the caller's scope.
pub(crate) fn load(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, AdjustmentRow)> {
    let a = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = access::load(conn, ctx, a.group_id)?;
    Ok((g, a))
}

/// The status `act` leads to, or the refusal: `409 staffing_adjustment_decided` for a closed
/// adjustment, `409 STAFF-ADJUST` for an act out of order.
pub(crate) fn step_to(a: &AdjustmentRow, act: AdjustmentAct) -> ApiResult<AdjustmentStatus> {
    next(a.status, act).map_err(|r| match r {
        AdjustRefusal::OutOfOrder(v) => v.into(),
        AdjustRefusal::Closed(s) => ApiError::conflict_of(
            Conflict::AdjustmentDecided,
            format!("该编制调整方案已{}。", s.label_zh()),
            format!("The staffing adjustment is {} already.", s.label_en()),
        ),
    })
}

pub(crate) fn on_agenda(motion: i64) -> ApiError {
    ApiError::conflict_of(
        Conflict::AdjustmentOnAgenda,
        format!("该方案已列入议案 #{motion}，表决结束前不能再次提交或撤回。"),
        format!("The adjustment is on motion #{motion}; it cannot be tabled again or withdrawn until that vote closes."),
    )
}

/// Moves an adjustment one step and records it.
pub(crate) fn advance(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    a: AdjustmentRow,
    s: &AdjustmentStep,
    action: &str,
) -> ApiResult<Adjustment> {
    let row = repo::step(conn, a.id, a.version, a.status, s, crate::repo::now())?
        .ok_or_else(|| stale(a.version + 1))?;
    let before = Adjustment::from_row(a);
    let after = Adjustment::from_row(row);
    record(
        conn,
        ctx,
        &g.county_code,
        Op::Updated,
        "staffing_adjustment",
        after.id.to_string(),
        None,
        &format!("staffing_adjustment.{action}"),
        Some(&before),
        &after,
    )?;
    Ok(after)
}

/// The chair proposes an adjustment.
pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewAdjustment,
) -> ApiResult<Adjustment> {
    let mut c = Checks::new();
    let year = c.required("year", input.year);
    if let Some(y) = year {
        check_year(&mut c, "year", y);
    }
    let title = c
        .required("title", input.title)
        .map(|t| c.text("title", &t, 1, 200));
    let lines = lines(&mut c, input.lines);
    let note = c.optional_text("note", input.note, 4000);
    c.finish()?;
    let (Some(year), Some(title)) = (year, title) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            access::ensure_chair(&ctx, &g)?;
            check_group_staffs(g.status)?;
            let y = facts::load(conn, &g, year)?;
            check_schools(&y, &lines)?;
            y.check(g.core_school_id, &allocations(&lines))?;
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewAdjustmentRow {
                    group_id: g.id,
                    county_code: g.county_code.clone(),
                    year,
                    title,
                    status: AdjustmentStatus::Proposed,
                    lines_json: serde_json::to_string(&lines).unwrap_or_default(),
                    note,
                    proposed_by: ctx.principal.sub.clone(),
                    proposed_at: now,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let a = Adjustment::from_row(row);
            record(
                conn,
                &ctx,
                &g.county_code,
                Op::Created,
                "staffing_adjustment",
                a.id.to_string(),
                None,
                "staffing_adjustment.propose",
                None::<&Adjustment>,
                &a,
            )?;
            Ok(a)
        })
        .await
}

/// Whether the caller sees every line: all but a member school's administrator, who sees the
/// lines of its own school.
pub(crate) fn own_school(ctx: &Ctx, g: &GroupRow) -> Option<i64> {
    use crate::domain::auth::Role;
    match (ctx.principal.role, ctx.principal.school) {
        (Role::SchoolAdmin, Some(s)) if s != g.core_school_id => Some(s),
        _ => None,
    }
}

fn shown(a: AdjustmentRow, own: Option<i64>) -> Adjustment {
    let mut v = Adjustment::from_row(a);
    if let Some(s) = own {
        v.lines.retain(|l| l.school_id == s);
    }
    v
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Adjustment> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (g, a) = load(conn, &ctx, id)?;
            Ok(shown(a, own_school(&ctx, &g)))
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: AdjustmentQuery,
    page: PageQuery,
) -> ApiResult<Page<Adjustment>> {
    let w = page.window()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let own = own_school(&ctx, &g);
            let rows = repo::list(conn, g.id, q.year, &q.status, w.after_id, w.limit + 1)?;
            Ok(paginate(rows, w, |r| r.id, |r| shown(r, own)))
        })
        .await
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"note": "拟结合秋季学期交流情况重新编制。"}))]
pub struct AdjustmentWithdrawal {
    /// The reasons, at most 2000 characters.
    pub note: Option<String>,
}

/// The chair withdraws a proposal the bureau has not decided on.
pub async fn withdraw(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: AdjustmentWithdrawal,
) -> ApiResult<Adjustment> {
    let mut c = Checks::new();
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a) = load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if let Some(m) = &if_match {
                m.check(a.version)?;
            }
            let to = step_to(&a, AdjustmentAct::Withdraw)?;
            if let Some(open) = crate::service::council::effects::open_motion(conn, a.motion_id)? {
                return Err(on_agenda(open));
            }
            let s = AdjustmentStep {
                status: to,
                decision_note: note,
                ..Default::default()
            };
            advance(conn, &ctx, &g, a, &s, "withdraw")
        })
        .await
}
