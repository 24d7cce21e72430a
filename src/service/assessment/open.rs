//! Opening a group's assessment for a year under a framework of its county (which locks the
//! framework, ASSESS-FRAMEWORK), and reading assessments.

use serde::Deserialize;
use utoipa::ToSchema;

use super::views::{self, Assessment, Unit};
use super::{check_year, ensure_bureau, load, record};
use crate::domain::assessment::AssessmentStatus;
use crate::domain::assessment::FrameworkStatus;
use crate::domain::groups::GroupStatus;
use crate::domain::rules::{Conflict, Rule, RuleViolation};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::assessment::assessments::{self as repo, NewAssessmentRow};
use crate::repo::assessment::frameworks;
use crate::repo::changes::Op;
use crate::repo::groups::memberships;
use crate::repo::registry::schools;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"year": 2026, "framework_id": 2}))]
pub struct NewAssessment {
    #[schema(required = true)]
    pub year: Option<i32>,
    /// A framework of the group's county for the same year.
    #[schema(required = true)]
    pub framework_id: Option<i64>,
}

/// The schools assessed: the core and every active member, as they stand now.
fn units(
    conn: &mut crate::db::DbConnection,
    g: &crate::repo::groups::group::GroupRow,
) -> ApiResult<Vec<Unit>> {
    let members = memberships::current_of_group(conn, g.id)?;
    let ids: Vec<i64> = std::iter::once(g.core_school_id)
        .chain(members.iter().map(|m| m.school_id))
        .collect();
    let rows = schools::find_many(conn, &ids)?;
    let school = |id: i64| rows.iter().find(|s| s.id == id);
    let mut out = Vec::new();
    if let Some(s) = school(g.core_school_id) {
        out.push(Unit {
            school_id: s.id,
            school_name: s.name.clone(),
            is_core: true,
            standing: s.standing,
            membership_id: None,
            growth_until: None,
        });
    }
    for m in members.iter().filter(|m| m.school_id != g.core_school_id) {
        if let Some(s) = school(m.school_id) {
            out.push(Unit {
                school_id: s.id,
                school_name: s.name.clone(),
                is_core: false,
                standing: s.standing,
                membership_id: Some(m.id),
                growth_until: m.growth_until,
            });
        }
    }
    Ok(out)
}

pub async fn open(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewAssessment,
) -> ApiResult<Assessment> {
    ensure_bureau(ctx)?;
    let mut c = Checks::new();
    let year = c.required("year", input.year);
    if let Some(y) = year {
        check_year(&mut c, "year", y);
    }
    let framework_id = c.required("framework_id", input.framework_id);
    c.finish()?;
    let (Some(year), Some(framework_id)) = (year, framework_id) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            if g.status != GroupStatus::Established {
                return Err(RuleViolation::of(
                    Rule::GroupState,
                    format!("集团状态为“{}”，只有正式成立的集团参加年度考核。", g.status.label_zh()),
                    format!("The group is {}: only established groups are assessed.", g.status.as_str()),
                )
                .into());
            }
            let f = frameworks::find(conn, framework_id)?
                .filter(|f| f.county_code.as_deref() == Some(g.county_code.as_str()) && f.year == year)
                .ok_or_else(|| {
                    ApiError::validation(vec![FieldError::new(
                        "framework_id",
                        "须为本县同一年度的考核框架（模板须先复制为本县框架）。",
                        "Name a framework of the group's county for the same year (copy a template first).",
                    )])
                })?;
            if let Some(existing) = repo::of_group_year(conn, g.id, year)? {
                return Err(ApiError::conflict_of(
                    Conflict::AssessmentExists,
                    format!("该集团 {year} 年度已有考核 #{}。", existing.id),
                    format!("The group has assessment #{} for {year} already.", existing.id),
                ));
            }
            let now = crate::repo::now();
            if f.status == FrameworkStatus::Draft {
                frameworks::lock(conn, f.id, now)?;
            }
            let units = units(conn, &g)?;
            let row = repo::insert(
                conn,
                &NewAssessmentRow {
                    group_id: g.id,
                    county_code: g.county_code.clone(),
                    year,
                    framework_id: f.id,
                    status: AssessmentStatus::Open,
                    units_json: serde_json::to_string(&units).map_err(|_| ApiError::internal())?,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let f = frameworks::find(conn, f.id)?.ok_or_else(ApiError::internal)?;
            let after = views::view(conn, &g, row, &f)?;
            audit(conn, &ctx, Op::Created, "assessment.open", None, &after)?;
            Ok(after)
        })
        .await
}

/// The assessment's change, for the audit log and the change feed: its state, totals and
/// grades (the lines are read from the resource itself).
pub(crate) fn audit(
    conn: &mut crate::db::DbConnection,
    ctx: &Ctx,
    op: Op,
    action: &str,
    before: Option<&Assessment>,
    after: &Assessment,
) -> ApiResult<()> {
    let snap = |a: &Assessment| {
        serde_json::json!({
            "id": a.id, "group_id": a.group_id, "year": a.year, "framework_id": a.framework_id,
            "status": a.status, "total": a.total, "grade": a.grade, "results": a.results,
            "version": a.version,
        })
    };
    record(
        conn,
        ctx,
        &after.county_code,
        op,
        "assessment",
        after.id.to_string(),
        Some(format!("{}:{}", after.group_code, after.year)),
        action,
        before.map(snap).as_ref(),
        &snap(after),
    )
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Assessment> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (g, a, f) = load(conn, &ctx, id)?;
            views::view(conn, &g, a, &f)
        })
        .await
}
