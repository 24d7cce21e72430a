//! A county's staffing totals per year (STAFF-COUNTY-TOTAL), set by its bureau. Totals never
//! drop below what the county's groups are allocated already: a county over its totals is the
//! year-end surprise the service exists to prevent.

use serde::Deserialize;
use utoipa::ToSchema;

use super::facts::sums_of;
use super::views::StaffingTotals;
use super::{check_year, county_in_scope, record};
use crate::domain::auth::Permission;
use crate::domain::staffing::limits::{
    check_bonus, check_county, CountyTotals, MAX_SENIOR_BONUS_PERCENT,
};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::staffing::allocations;
use crate::repo::staffing::totals::{self as repo, TotalsFields};
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"staff_quota": 5200, "senior_posts": 780, "intermediate_posts": 2100, "senior_bonus_percent": 10, "note": "都编〔2026〕4号核定"}))]
pub struct TotalsInput {
    /// The teaching-staff quota, 0 to 1,000,000.
    #[schema(required = true)]
    pub staff_quota: Option<i32>,
    /// Senior professional-technical posts; with the intermediate ones, within the quota.
    #[schema(required = true)]
    pub senior_posts: Option<i32>,
    #[schema(required = true)]
    pub intermediate_posts: Option<i32>,
    /// 0 to 10 (the default): the core's extra senior and intermediate posts, in percent.
    pub senior_bonus_percent: Option<i32>,
    /// The approving document or a remark, at most 2000 characters.
    pub note: Option<String>,
}

fn fields(input: TotalsInput) -> ApiResult<TotalsFields> {
    let mut c = Checks::new();
    let quota = c.required("staff_quota", input.staff_quota);
    let senior = c.required("senior_posts", input.senior_posts);
    let inter = c.required("intermediate_posts", input.intermediate_posts);
    let pct = input.senior_bonus_percent.unwrap_or(10);
    for (f, v) in [
        ("staff_quota", quota),
        ("senior_posts", senior),
        ("intermediate_posts", inter),
    ] {
        if let Some(v) = v {
            c.range(f, i64::from(v), 0, 1_000_000);
        }
    }
    c.range(
        "senior_bonus_percent",
        i64::from(pct),
        0,
        MAX_SENIOR_BONUS_PERCENT,
    );
    if let (Some(q), Some(s), Some(i)) = (quota, senior, inter) {
        if i64::from(s) + i64::from(i) > i64::from(q) {
            c.push(
                "senior_posts",
                "高级与中级专业技术岗位之和不能超过教职工编制总量。",
                "Senior and intermediate posts together cannot exceed the staffing quota.",
            );
        }
    }
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    match (quota, senior, inter) {
        (Some(staff_quota), Some(senior_posts), Some(intermediate_posts)) => Ok(TotalsFields {
            staff_quota,
            senior_posts,
            intermediate_posts,
            senior_bonus_percent: pct,
            note,
        }),
        _ => Err(ApiError::internal()),
    }
}

/// STAFF-SENIOR-BONUS under new totals: every core's bonus posts within the new share. Bonus
/// posts are held by cores only, so a group's core is the school of its bonus rows.
fn check_cores(
    conn: &mut crate::db::DbConnection,
    t: &CountyTotals,
    county: &str,
    year: i32,
) -> ApiResult<()> {
    let rows = allocations::of_county_year(conn, county, year)?;
    let mut groups: Vec<i64> = rows
        .iter()
        .filter(|r| r.bonus)
        .map(|r| r.group_id)
        .collect();
    groups.dedup();
    for g in groups {
        let of_group: Vec<_> = rows
            .iter()
            .filter(|r| r.group_id == g)
            .map(|r| r.allocation())
            .collect();
        if let Some(core) = rows
            .iter()
            .find(|r| r.group_id == g && r.bonus)
            .map(|r| r.school_id)
        {
            check_bonus(t, core, &of_group)?;
        }
    }
    Ok(())
}

/// Sets a county's totals for a year: `If-Match: "0"` creates them, the current ETag replaces
/// them.
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    year: i32,
    if_match: IfMatch,
    input: TotalsInput,
) -> ApiResult<StaffingTotals> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    c.finish()?;
    let f = fields(input)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            ctx.require(Permission::StaffingManage)?;
            let before = repo::find(conn, &county, year)?;
            if_match.check(before.as_ref().map_or(0, |b| b.version))?;
            let allocated = sums_of(&allocations::county_by_level(conn, &county, year, 0)?);
            let t = CountyTotals {
                staff_quota: i64::from(f.staff_quota),
                senior_posts: i64::from(f.senior_posts),
                intermediate_posts: i64::from(f.intermediate_posts),
                senior_bonus_percent: i64::from(f.senior_bonus_percent),
            };
            check_county(Some(&t), allocated, false)?;
            check_cores(conn, &t, &county, year)?;
            let now = crate::repo::now();
            let (op, row) = match &before {
                None => (Op::Created, repo::insert(conn, &county, year, &f, now)?),
                Some(b) => (
                    Op::Updated,
                    repo::update(conn, b.id, b.version, &f, now)?
                        .ok_or_else(|| stale(b.version + 1))?,
                ),
            };
            let after = StaffingTotals::from(row.clone());
            let before = before.map(StaffingTotals::from);
            record(
                conn,
                &ctx,
                &county,
                op,
                "staffing_totals",
                row.id.to_string(),
                Some(format!("{county}:{year}")),
                "staffing_totals.put",
                before.as_ref(),
                &after,
            )?;
            Ok(after)
        })
        .await
}

pub async fn get(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    year: i32,
) -> ApiResult<StaffingTotals> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            repo::find(conn, &county, year)?
                .map(StaffingTotals::from)
                .ok_or_else(ApiError::not_found)
        })
        .await
}

/// Every year a county has totals for, newest first.
pub async fn list(state: &AppState, ctx: &Ctx, county: String) -> ApiResult<Vec<StaffingTotals>> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            Ok(repo::of_county(conn, &county)?
                .into_iter()
                .map(StaffingTotals::from)
                .collect())
        })
        .await
}
