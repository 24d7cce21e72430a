//! A county's pool of extra performance pay for a year and its allocation to groups (PAY-POOL,
//! §2.4.4). The bureau puts the base; the pool is `pay_pool_percent` of it (a setting, fixed on
//! the pool when put, so that a later change of the setting does not move a pool already
//! allocated). The allocation tilts toward groups whose published result of the year is good or
//! excellent and never exceeds the pool; the view suggests a split by the grades' weights.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{check_year, ensure_bureau, record};
use crate::db::DbConnection;
use crate::domain::assessment::pay::{self as rule, AllocationLine};
use crate::domain::assessment::{AssessmentStatus, Grade, PayPlanStatus};
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::assessment::assessments;
use crate::repo::assessment::pay::{self as repo, PoolFields, PoolRow, StoredAllocation};
use crate::repo::changes::Op;
use crate::service::checks::Checks;
use crate::service::staffing::county_in_scope;
use crate::service::{stale, AppState, Ctx, IfMatch};

/// The largest base (and line) the pool takes: 10^12 yuan, far above any county's pay bill,
/// so that sums never overflow.
use crate::service::funds::MAX_YUAN;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"group_id": 1, "amount_yuan": 150000}))]
pub struct AllocationInput {
    /// A group of the county.
    #[schema(required = true)]
    pub group_id: Option<i64>,
    /// Whole yuan, 0 or more. Above 0 only for a group whose published assessment of the year
    /// is graded good or excellent.
    #[schema(required = true)]
    pub amount_yuan: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "base_yuan": 1000000,
    "allocations": [{"group_id": 1, "amount_yuan": 150000}, {"group_id": 2, "amount_yuan": 100000}],
    "note": "黔南州教育局〔2026〕绩效工资核定"
}))]
pub struct PayPoolInput {
    /// The county's performance-pay base in whole yuan, 0 to 10^12.
    #[schema(required = true)]
    pub base_yuan: Option<i64>,
    /// At most one line per group; may be empty (the base first, the allocation once results
    /// are published).
    #[schema(required = true)]
    pub allocations: Option<Vec<AllocationInput>>,
    /// At most 2000 characters.
    pub note: Option<String>,
}

/// A group's line: what it is allocated (or suggested), with its published grade.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PoolGroupLine {
    pub group_id: i64,
    pub group_code: String,
    pub group_name: String,
    /// The grade of its published assessment of the year; `null` without one.
    pub grade: Option<Grade>,
    pub amount_yuan: i64,
}

/// A county's pool for a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "county_code": "522701", "year": 2026, "base_yuan": 1000000, "pool_percent": 25,
    "pool_yuan": 250000, "allocated_yuan": 250000, "remaining_yuan": 0,
    "allocations": [{"group_id": 1, "group_code": "JT-522701-01", "group_name": "都匀一中教育集团", "grade": "excellent", "amount_yuan": 150000}],
    "suggested": [{"group_id": 1, "group_code": "JT-522701-01", "group_name": "都匀一中教育集团", "grade": "excellent", "amount_yuan": 166666}],
    "note": null, "version": 1,
    "created_at": "2026-12-10T08:00:00Z", "updated_at": "2026-12-10T08:00:00Z"
}))]
pub struct PayPool {
    pub id: i64,
    pub county_code: String,
    pub year: i32,
    pub base_yuan: i64,
    /// The county's `pay_pool_percent` when the pool was put.
    pub pool_percent: i32,
    /// `base_yuan × pool_percent / 100`, rounded down to the yuan.
    pub pool_yuan: i64,
    pub allocated_yuan: i64,
    pub remaining_yuan: i64,
    pub allocations: Vec<PoolGroupLine>,
    /// The pool split by the grades' weights (settings `pay_weight_excellent`,
    /// `pay_weight_good`) over every group with a published assessment of the year, rounded
    /// down: a starting point, not a rule.
    pub suggested: Vec<PoolGroupLine>,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The grades of the county's published assessments of the year, by group: only a published
/// result earns the tilt (a finalised one may still be reopened).
pub(crate) fn published_grades(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
) -> ApiResult<HashMap<i64, Grade>> {
    Ok(assessments::of_year(conn, Some(county), year)?
        .into_iter()
        .filter(|a| a.status == AssessmentStatus::Published)
        .filter_map(|a| a.grade.map(|g| (a.group_id, g)))
        .collect())
}

fn view(conn: &mut DbConnection, r: PoolRow) -> ApiResult<PayPool> {
    let allocations = r.allocations();
    let grades = published_grades(conn, &r.county_code, r.year)?;
    let mut ids: Vec<i64> = allocations.iter().map(|a| a.group_id).collect();
    let mut published: Vec<(i64, Grade)> = grades.iter().map(|(g, gr)| (*g, *gr)).collect();
    published.sort_by_key(|(g, _)| *g);
    ids.extend(published.iter().map(|(g, _)| *g));
    let names: HashMap<i64, (String, String)> = repo::groups_named(conn, &ids)?
        .into_iter()
        .map(|(id, code, name, _)| (id, (code, name)))
        .collect();
    let line = |group_id: i64, amount_yuan: i64| {
        let (code, name) = names.get(&group_id).cloned().unwrap_or_default();
        PoolGroupLine {
            group_id,
            group_code: code,
            group_name: name,
            grade: grades.get(&group_id).copied(),
            amount_yuan,
        }
    };
    let settings = crate::service::groups::settings::effective(conn, &r.county_code)?;
    let suggested = rule::suggest(r.pool_yuan, &published, |g| match g {
        Grade::Excellent => settings.pay_weight_excellent,
        Grade::Good => settings.pay_weight_good,
        Grade::Pass | Grade::Fail => 0,
    })
    .into_iter()
    .map(|(g, amount)| line(g, amount))
    .collect();
    let allocated = allocations
        .iter()
        .fold(0i64, |s, a| s.saturating_add(a.amount_yuan));
    Ok(PayPool {
        allocations: allocations
            .iter()
            .map(|a| line(a.group_id, a.amount_yuan))
            .collect(),
        suggested,
        allocated_yuan: allocated,
        remaining_yuan: r.pool_yuan - allocated,
        id: r.id,
        county_code: r.county_code,
        year: r.year,
        base_yuan: r.base_yuan,
        pool_percent: r.pool_percent,
        pool_yuan: r.pool_yuan,
        note: r.note,
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    })
}

fn allocations(c: &mut Checks, input: Option<Vec<AllocationInput>>) -> Vec<StoredAllocation> {
    let Some(input) = c.required("allocations", input) else {
        return Vec::new();
    };
    if input.len() > 1000 {
        c.push("allocations", "至多 1000 行。", "Give at most 1,000 lines.");
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, l) in input.into_iter().enumerate() {
        let f = |name: &str| format!("allocations[{i}].{name}");
        let group = c.required(&f("group_id"), l.group_id);
        let amount = c.required(&f("amount_yuan"), l.amount_yuan);
        if let Some(a) = amount {
            c.range(&f("amount_yuan"), a, 0, MAX_YUAN);
        }
        let (Some(group_id), Some(amount_yuan)) = (group, amount) else {
            continue;
        };
        if !seen.insert(group_id) {
            c.push(&f("group_id"), "每个集团只列一行。", "One line per group.");
            continue;
        }
        out.push(StoredAllocation {
            group_id,
            amount_yuan,
        });
    }
    out
}

/// PAY-POOL from the other side: a group's plan that the office meeting passed or the bureau
/// approved is a commitment, so the allocation does not drop below it (revise or reject the
/// plan first).
fn check_floors(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
    lines: &[StoredAllocation],
) -> ApiResult<()> {
    for p in repo::plans_of_county(conn, county, year)? {
        if !matches!(
            p.status,
            PayPlanStatus::OfficePassed | PayPlanStatus::Approved
        ) {
            continue;
        }
        let allocated = lines
            .iter()
            .find(|l| l.group_id == p.group_id)
            .map_or(0, |l| l.amount_yuan);
        let total = p.total_yuan();
        if allocated < total {
            return Err(RuleViolation::of(
                Rule::PayPool,
                format!(
                    "集团 #{} 的分配方案（{}）合计 {total} 元，新的分配 {allocated} 元低于该方案。",
                    p.group_id,
                    p.status.label_zh()
                ),
                format!(
                    "Group #{}'s plan ({}) totals {total} yuan; an allocation of {allocated} yuan would fall below it.",
                    p.group_id,
                    p.status.as_str()
                ),
            )
            .into());
        }
    }
    Ok(())
}

/// Puts the county's pool for `year` (`If-Match: "0"` creates it): the base, the pool by the
/// county's current percentage, and the allocation, checked whole (PAY-POOL).
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    year: i32,
    if_match: IfMatch,
    input: PayPoolInput,
) -> ApiResult<PayPool> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    let base = c.required("base_yuan", input.base_yuan);
    if let Some(b) = base {
        c.range("base_yuan", b, 0, MAX_YUAN);
    }
    let lines = allocations(&mut c, input.allocations);
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let base = base.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            ensure_bureau(&ctx)?;
            let ids: Vec<i64> = lines.iter().map(|l| l.group_id).collect();
            let of_county: HashSet<i64> = repo::groups_named(conn, &ids)?
                .into_iter()
                .filter(|(_, _, _, c)| *c == county)
                .map(|(id, ..)| id)
                .collect();
            let strangers: Vec<FieldError> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| !of_county.contains(&l.group_id))
                .map(|(i, _)| {
                    FieldError::new(
                        format!("allocations[{i}].group_id"),
                        "不是本县的集团。",
                        "Not a group of the county.",
                    )
                })
                .collect();
            if !strangers.is_empty() {
                return Err(ApiError::validation(strangers));
            }
            let before = repo::find_pool(conn, &county, year)?;
            if_match.check(before.as_ref().map_or(0, |b| b.version))?;
            let settings = crate::service::groups::settings::effective(conn, &county)?;
            let pool = rule::pool(base, settings.pay_pool_percent);
            let grades = published_grades(conn, &county, year)?;
            let checked: Vec<AllocationLine> = lines
                .iter()
                .map(|l| AllocationLine {
                    group_id: l.group_id,
                    amount_yuan: l.amount_yuan,
                    grade: grades.get(&l.group_id).copied(),
                })
                .collect();
            rule::check_allocation(pool, &checked)?;
            check_floors(conn, &county, year, &lines)?;
            let f = PoolFields {
                base_yuan: base,
                pool_percent: i32::try_from(settings.pay_pool_percent)
                    .map_err(|_| ApiError::internal())?,
                pool_yuan: pool,
                allocations_json: serde_json::to_string(&lines)
                    .map_err(|_| ApiError::internal())?,
                note,
            };
            let now = crate::repo::now();
            let (op, row) = match &before {
                None => (
                    Op::Created,
                    repo::insert_pool(conn, &county, year, &f, now)?,
                ),
                Some(b) => (
                    Op::Updated,
                    repo::update_pool(conn, b.id, b.version, &f, now)?
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
                &county,
                op,
                "pay_pool",
                after.id.to_string(),
                Some(format!("{county}:{year}")),
                "pay_pool.put",
                before.as_ref(),
                &after,
            )?;
            Ok(after)
        })
        .await
}

/// The county's pool of the year; for the bureaus and inspectors (the allocation names every
/// group's grade and share).
pub async fn get(state: &AppState, ctx: &Ctx, county: String, year: i32) -> ApiResult<PayPool> {
    ctx.ensure_county_reader("新增绩效工资分配", "The extra performance-pay pool")?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            let row = repo::find_pool(conn, &county, year)?.ok_or_else(ApiError::not_found)?;
            view(conn, row)
        })
        .await
}
