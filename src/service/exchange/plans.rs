//! A group's annual exchange plan (EXCH-PLAN): the chair puts it (drafted by the group's
//! teacher development centre where it has one), the office meeting passes it (`effect`), the
//! bureau and the group see it with planned against actual.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{check_year, ensure_recorder, record};
use crate::db::DbConnection;
use crate::domain::exchange::plan::{progress, Cited, PlanLine};
use crate::domain::exchange::{ExchangeKind, PlanDrafter, PlanStatus};
use crate::domain::groups::bodies::{InternalBodyKind, InternalBodyStatus};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::exchange::exchanges;
use crate::repo::exchange::plans::{self as repo, PlanFields, PlanRow};
use crate::repo::groups::bodies;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "rotation", "from_school_id": 1, "to_school_id": 3, "teachers": 4}))]
pub struct PlanLineInput {
    #[schema(required = true, value_type = Option<ExchangeKind>)]
    pub kind: Option<String>,
    /// A school of the group.
    #[schema(required = true)]
    pub from_school_id: Option<i64>,
    /// A school of the group, or (cross-school teaching) of the county.
    #[schema(required = true)]
    pub to_school_id: Option<i64>,
    /// Teachers planned, 1 to 1,000.
    #[schema(required = true)]
    pub teachers: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "2026年度集团教师交流计划",
    "lines": [
        {"kind": "rotation", "from_school_id": 1, "to_school_id": 3, "teachers": 4},
        {"kind": "backbone_dispatch", "from_school_id": 1, "to_school_id": 3, "teachers": 2}
    ]
}))]
pub struct PlanInput {
    /// At most 200 characters.
    #[schema(required = true)]
    pub title: Option<String>,
    /// 1 to 200 lines, at most one per kind, from and to.
    #[schema(required = true)]
    pub lines: Option<Vec<PlanLineInput>>,
    /// At most 4000 characters.
    pub note: Option<String>,
}

/// A line with what took place against it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanLineView {
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    pub to_school_id: i64,
    /// Teachers planned.
    pub teachers: u32,
    /// Distinct teachers in exchanges citing the plan, of this kind, from and to, that are
    /// active or completed.
    pub actual: u32,
}

/// A group's plan for a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 2, "group_id": 1, "year": 2026, "title": "2026年度集团教师交流计划",
    "drafted_by": "teacher_development_centre", "status": "office_passed",
    "lines": [{"kind": "rotation", "from_school_id": 1, "to_school_id": 3, "teachers": 4, "actual": 3}],
    "planned": 4, "actual": 3, "unplanned": 0, "note": null, "motion_id": 9,
    "office_decided_at": "2026-03-02T08:00:00Z", "version": 3,
    "created_at": "2026-02-20T08:00:00Z", "updated_at": "2026-03-02T08:00:00Z"
}))]
pub struct ExchangePlan {
    pub id: i64,
    pub group_id: i64,
    pub year: i32,
    pub title: String,
    pub drafted_by: PlanDrafter,
    pub status: PlanStatus,
    pub lines: Vec<PlanLineView>,
    /// Teachers planned over every line.
    pub planned: u32,
    /// Teachers counted against the lines.
    pub actual: u32,
    /// Teachers in exchanges citing the plan that match no line.
    pub unplanned: u32,
    pub note: Option<String>,
    /// The office-meeting motion it was last tabled as.
    pub motion_id: Option<i64>,
    pub office_decided_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The plan with its progress (one more statement: the exchanges citing it).
pub(crate) fn view(conn: &mut DbConnection, r: PlanRow) -> ApiResult<ExchangePlan> {
    let cited: Vec<Cited> = exchanges::of_plan(conn, r.id)?
        .into_iter()
        .map(|x| Cited {
            person_id: x.person_id,
            kind: x.kind,
            from_school_id: x.from_school_id,
            to_school_id: x.to_school_id,
            status: x.status,
        })
        .collect();
    let (lines, unplanned) = progress(&r.lines(), &cited);
    let lines: Vec<PlanLineView> = lines
        .into_iter()
        .map(|l| PlanLineView {
            kind: l.line.kind,
            from_school_id: l.line.from_school_id,
            to_school_id: l.line.to_school_id,
            teachers: l.line.teachers,
            actual: l.actual,
        })
        .collect();
    Ok(ExchangePlan {
        planned: lines.iter().map(|l| l.teachers).sum(),
        actual: lines.iter().map(|l| l.actual).sum(),
        unplanned,
        lines,
        id: r.id,
        group_id: r.group_id,
        year: r.year,
        title: r.title,
        drafted_by: r.drafted_by,
        status: r.status,
        note: r.note,
        motion_id: r.motion_id,
        office_decided_at: r.office_decided_at.map(|t| t.and_utc()),
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    })
}

fn lines(c: &mut Checks, input: Option<Vec<PlanLineInput>>) -> Vec<PlanLine> {
    let Some(input) = c.required("lines", input) else {
        return Vec::new();
    };
    if input.is_empty() || input.len() > 200 {
        c.push("lines", "须有 1 至 200 行。", "Give 1 to 200 lines.");
    }
    let mut out = Vec::new();
    let mut keys = HashSet::new();
    for (i, l) in input.into_iter().enumerate() {
        let f = |name: &str| format!("lines[{i}].{name}");
        let kind = c
            .required(&f("kind"), l.kind)
            .and_then(|k| c.enum_code(&f("kind"), &k, ExchangeKind::parse, ExchangeKind::codes()));
        let from = c.required(&f("from_school_id"), l.from_school_id);
        let to = c.required(&f("to_school_id"), l.to_school_id);
        let teachers = c.required(&f("teachers"), l.teachers);
        if let Some(t) = teachers {
            c.range(&f("teachers"), i64::from(t), 1, 1000);
        }
        let (Some(kind), Some(from), Some(to), Some(teachers)) = (kind, from, to, teachers) else {
            continue;
        };
        if from == to {
            c.push(
                &f("to_school_id"),
                "派出学校与接收学校不能相同。",
                "The receiving school is not the sending school.",
            );
            continue;
        }
        if !keys.insert((kind, from, to)) {
            c.push(
                &f("kind"),
                "同一类型、派出和接收学校只列一行。",
                "One line per kind, sending and receiving school.",
            );
            continue;
        }
        out.push(PlanLine {
            kind,
            from_school_id: from,
            to_school_id: to,
            teachers: u32::try_from(teachers).unwrap_or(0),
        });
    }
    out
}

pub(crate) fn on_agenda(motion: i64) -> ApiError {
    ApiError::conflict_of(
        Conflict::ExchangePlanOnAgenda,
        format!("交流计划已列入议案 #{motion}，表决结束前不能修改或再次提交。"),
        format!("The plan is on motion #{motion}; revise or table it again once that vote closes."),
    )
}

/// Drafts or revises the group's plan for `year` (`If-Match: "0"` drafts it). A revision puts
/// it before the office meeting again.
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    year: i32,
    if_match: IfMatch,
    input: PlanInput,
) -> ApiResult<ExchangePlan> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    let title = c
        .required("title", input.title)
        .map(|t| c.text("title", &t, 1, 200));
    let lines = lines(&mut c, input.lines);
    let note = c.optional_text("note", input.note, 4000);
    c.finish()?;
    let title = title.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            ensure_recorder(&ctx, &g)?;
            crate::domain::exchange::scope::check_group_exchanges(g.status)?;
            let in_group = access::current_schools(conn, &g)?;
            for (i, l) in lines.iter().enumerate() {
                if !in_group.contains(&l.from_school_id) {
                    return Err(ApiError::validation(vec![crate::error::FieldError::new(
                        format!("lines[{i}].from_school_id"),
                        "不是本集团的学校。",
                        "Not a school of the group.",
                    )]));
                }
                // EXCH-SCOPE for a line: who sends is the rule's; the teacher is not named yet.
                crate::domain::exchange::scope::check(&crate::domain::exchange::scope::Proposed {
                    kind: l.kind,
                    from_is_core: l.from_school_id == g.core_school_id,
                    from_in_group: true,
                    to_in_group: in_group.contains(&l.to_school_id),
                    backbone: true,
                })?;
            }
            let before = repo::find(conn, g.id, year)?;
            if_match.check(before.as_ref().map_or(0, |b| b.version))?;
            if let Some(b) = &before {
                if let Some(m) = crate::service::council::effects::open_motion(conn, b.motion_id)? {
                    return Err(on_agenda(m));
                }
            }
            let centre = bodies::of_group(conn, g.id, true)?.into_iter().any(|b| {
                b.kind == InternalBodyKind::TeacherDevelopment
                    && b.status == InternalBodyStatus::Active
            });
            let f = PlanFields {
                title,
                drafted_by: if centre {
                    PlanDrafter::TeacherDevelopmentCentre
                } else {
                    PlanDrafter::CoreSchool
                },
                status: PlanStatus::Proposed,
                lines_json: serde_json::to_string(&lines).unwrap_or_else(|_| "[]".into()),
                note,
                motion_id: None,
                office_decided_at: None,
            };
            let now = crate::repo::now();
            let (op, row) = match &before {
                None => (
                    Op::Created,
                    repo::insert(conn, g.id, &g.county_code, year, &f, now)?,
                ),
                Some(b) => (
                    Op::Updated,
                    repo::update(conn, b.id, b.version, &f, now)?
                        .ok_or_else(|| stale(b.version + 1))?,
                ),
            };
            let before = match before {
                Some(b) => Some(view(conn, b)?),
                None => None,
            };
            let after = view(conn, row)?;
            record(
                conn,
                &ctx,
                &g.county_code,
                op,
                "exchange_plan",
                after.id.to_string(),
                Some(format!("{}:{year}", g.code)),
                "exchange_plan.put",
                before.as_ref(),
                &after,
            )?;
            Ok(after)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, group_id: i64, year: i32) -> ApiResult<ExchangePlan> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let row = repo::find(conn, g.id, year)?.ok_or_else(ApiError::not_found)?;
            view(conn, row)
        })
        .await
}
