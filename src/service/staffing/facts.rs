//! The facts the staffing rules need for one group's year, found in a fixed number of
//! statements, and the check of a set of lines against them (STAFF-COUNTY-TOTAL, STAFF-POOL,
//! STAFF-SENIOR-BONUS) that the proposal and the approval both run.

use crate::db::DbConnection;
use crate::domain::staffing::limits::{check_bonus, check_county, CountyTotals, Sums};
use crate::domain::staffing::pool::{check_pool, pool, MemberQuota, Pool};
use crate::domain::staffing::{apply, Allocation, PostLevel};
use crate::error::ApiResult;
use crate::repo::groups::group::GroupRow;
use crate::repo::staffing::quotas::{self, PoolSchoolRow};
use crate::repo::staffing::totals::TotalsRow;
use crate::repo::staffing::{allocations, totals};

impl From<&TotalsRow> for CountyTotals {
    fn from(t: &TotalsRow) -> Self {
        CountyTotals {
            staff_quota: i64::from(t.staff_quota),
            senior_posts: i64::from(t.senior_posts),
            intermediate_posts: i64::from(t.intermediate_posts),
            senior_bonus_percent: i64::from(t.senior_bonus_percent),
        }
    }
}

/// A pool school row as the pool rule takes it.
pub fn member_quota(r: &PoolSchoolRow, core_school_id: i64) -> MemberQuota {
    MemberQuota {
        school_id: r.school_id,
        is_core: r.school_id == core_school_id,
        standing: r.standing,
        staffing_quota: r.staffing_quota,
        pooled_quota: r.pooled_quota,
        pooled_share: r.pooled_share,
    }
}

/// Sums of `(level, posts)` rows.
pub fn sums_of(rows: &[(PostLevel, Option<i64>)]) -> Sums {
    let mut s = Sums::default();
    for (level, posts) in rows {
        s.add(*level, posts.unwrap_or(0));
    }
    s
}

/// One group's year as the rules see it.
pub struct YearFacts {
    pub totals: Option<CountyTotals>,
    /// The core first, then the active members.
    pub schools: Vec<PoolSchoolRow>,
    pub pool: Pool,
    pub allocations: Vec<Allocation>,
    /// What the county's other groups hold of its totals.
    pub others: Sums,
}

pub fn load(conn: &mut DbConnection, g: &GroupRow, year: i32) -> ApiResult<YearFacts> {
    let totals = totals::find(conn, &g.county_code, year)?
        .as_ref()
        .map(CountyTotals::from);
    let mut schools = quotas::cores(conn, &g.county_code, Some(g.id))?;
    schools.extend(quotas::members(conn, &g.county_code, Some(g.id))?);
    let special = quotas::find(conn, g.id, year)?.map_or(0, |q| i64::from(q.amount));
    let members: Vec<MemberQuota> = schools
        .iter()
        .map(|s| member_quota(s, g.core_school_id))
        .collect();
    let allocations = allocations::of_group_year(conn, g.id, year)?
        .iter()
        .map(|r| r.allocation())
        .collect();
    let others = sums_of(&allocations::county_by_level(
        conn,
        &g.county_code,
        year,
        g.id,
    )?);
    Ok(YearFacts {
        totals,
        schools,
        pool: pool(&members, special),
        allocations,
        others,
    })
}

impl YearFacts {
    /// Whether the school is the core or an active member.
    pub fn takes_part(&self, school_id: i64) -> bool {
        self.schools.iter().any(|s| s.school_id == school_id)
    }

    /// The limits every change of allocations keeps, for the allocations as they would stand
    /// after `lines`: the county's totals exist, the pool holds the pooled posts, the core's
    /// bonus is within its share, and the county's totals hold every group's posts.
    pub fn check(&self, core_school_id: i64, lines: &[Allocation]) -> ApiResult<()> {
        let after = apply(&self.allocations, lines);
        let bonus_involved = lines.iter().any(|l| l.bonus);
        check_county(self.totals.as_ref(), Sums::default(), bonus_involved)?;
        check_pool(self.pool.total, &after)?;
        if let Some(t) = &self.totals {
            check_bonus(t, core_school_id, &after)?;
        }
        check_county(
            self.totals.as_ref(),
            self.others.plus(Sums::of(&after)),
            bonus_involved,
        )?;
        Ok(())
    }
}
