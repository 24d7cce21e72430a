//! The staffing reports: one group's year (its pool with each member's contribution, its
//! allocations, what is left) and a county's roll-up over all its groups. Each is a fixed
//! number of statements however many groups and members there are; the county's reads its
//! whole year in five. Both answer CSV with the same columns on `Accept: text/csv`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::facts::member_quota;
use super::views::StaffingTotals;
use crate::domain::groups::{GroupKind, GroupStatus};
use crate::domain::registry::SchoolStanding;
use crate::domain::staffing::limits::Sums;
use crate::domain::staffing::pool::{pool, PoolBasis};
use crate::domain::staffing::{AllocationReason, PostCategory, PostLevel};
use crate::error::{ApiError, ApiResult};
use crate::repo::registry::schools;
use crate::repo::staffing::quotas::{self, PoolSchoolRow};
use crate::repo::staffing::report::{self as repo, AllocSum, FilledRow};
use crate::repo::staffing::{allocations, totals};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The staffing year.
    #[param(required = true, example = 2026)]
    pub year: Option<i32>,
}

impl YearQuery {
    fn year(&self) -> ApiResult<i32> {
        let mut c = Checks::new();
        let y = c.required("year", self.year);
        if let Some(y) = y {
            super::check_year(&mut c, "year", y);
        }
        c.finish()?;
        y.ok_or_else(ApiError::internal)
    }
}

/// What one school brings to its group's pool.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PoolMember {
    pub school_id: i64,
    pub school_name: String,
    pub is_core: bool,
    pub standing: SchoolStanding,
    pub basis: PoolBasis,
    /// The school's own staffing quota.
    pub staffing_quota: i32,
    /// What it brings to the pool.
    pub pooled: i64,
    /// Its teachers out on an active exchange on the head-count day (today, or 31 December of
    /// a past year): posts it lends. A part-time cross-school teacher counts as one.
    pub lent: i64,
    /// Teachers of other schools on an active exchange to it that day: posts it borrows.
    pub borrowed: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PoolView {
    /// Every contribution plus the special quota.
    pub total: i64,
    /// The group's special development quota or headcount for the year.
    pub special: i64,
    pub members: Vec<PoolMember>,
}

/// One allocation in effect.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AllocationLine {
    pub school_id: i64,
    pub school_name: Option<String>,
    pub category: PostCategory,
    pub level: PostLevel,
    pub bonus: bool,
    pub posts: i32,
    /// Posts a teacher holds now (hired or reassigned to a post of the year's hiring rounds).
    pub filled: i64,
    /// Posts nobody holds: `posts - filled`, never below 0.
    pub vacant: i64,
    pub reason: AllocationReason,
    /// The approved adjustment that set it.
    pub adjustment_id: i64,
}

/// A group's staffing for a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "group_id": 1, "group_code": "JT522701001", "year": 2026,
    "pool": {"total": 138, "special": 6, "members": [
        {"school_id": 1, "school_name": "都匀市第一小学", "is_core": true, "standing": "quality", "basis": "whole", "staffing_quota": 96, "pooled": 96, "lent": 4, "borrowed": 0},
        {"school_id": 3, "school_name": "都匀市经开区小学", "is_core": false, "standing": "newly_opened", "basis": "whole", "staffing_quota": 36, "pooled": 36, "lent": 0, "borrowed": 3}
    ]},
    "allocations": [
        {"school_id": 1, "school_name": "都匀市第一小学", "category": "professional_technical", "level": "senior", "bonus": false, "posts": 20, "filled": 18, "vacant": 2, "reason": "school_size", "adjustment_id": 4},
        {"school_id": 1, "school_name": "都匀市第一小学", "category": "professional_technical", "level": "senior", "bonus": true, "posts": 2, "filled": 1, "vacant": 1, "reason": "senior_bonus", "adjustment_id": 4}
    ],
    "allocated": 20, "bonus_posts": 2, "remaining": 118, "senior": 22, "intermediate": 0,
    "filled": 19, "vacant": 3
}))]
pub struct GroupStaffing {
    pub group_id: i64,
    pub group_code: String,
    pub year: i32,
    pub pool: PoolView,
    pub allocations: Vec<AllocationLine>,
    /// The posts the pool carries (all but the bonus posts).
    pub allocated: i64,
    /// The core's bonus posts, on top of the pool (STAFF-SENIOR-BONUS).
    pub bonus_posts: i64,
    /// The pool's posts not allocated yet.
    pub remaining: i64,
    /// Senior and intermediate professional posts, bonus ones included.
    pub senior: i64,
    pub intermediate: i64,
    /// Posts teachers hold now, bonus posts included, and the allocated posts nobody holds.
    pub filled: i64,
    pub vacant: i64,
}

/// `403` for a school's administrator or a seat holder asking for a county's roll-up.
pub async fn group(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: YearQuery,
) -> ApiResult<GroupStaffing> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let own = super::adjust::own_school(&ctx, &g);
            let mut schools_rows = quotas::cores(conn, &g.county_code, Some(g.id))?;
            schools_rows.extend(quotas::members(conn, &g.county_code, Some(g.id))?);
            let special = quotas::find(conn, g.id, year)?.map_or(0, |q| i64::from(q.amount));
            let rows = allocations::of_group_year(conn, g.id, year)?;
            let filled = repo::filled(conn, &g.county_code, year, Some(g.id))?;
            let ids: Vec<i64> = schools_rows.iter().map(|s| s.school_id).collect();
            let day = crate::service::exchange::compliance::head_count_on(year);
            let moving = crate::repo::exchange::exchanges::active_at(conn, &ids, day)?;
            let members: Vec<_> = schools_rows
                .iter()
                .map(|s| member_quota(s, g.core_school_id))
                .collect();
            let p = pool(&members, special);
            let mut names: HashMap<i64, String> = schools_rows
                .iter()
                .map(|s| (s.school_id, s.school_name.clone()))
                .collect();
            let missing: Vec<i64> = rows
                .iter()
                .map(|r| r.school_id)
                .filter(|id| !names.contains_key(id))
                .collect();
            if !missing.is_empty() {
                names.extend(
                    schools::find_many(conn, &missing)?
                        .into_iter()
                        .map(|s| (s.id, s.name)),
                );
            }
            let all: Vec<_> = rows.iter().map(|r| r.allocation()).collect();
            let sums = Sums::of(&all);
            let allocated = crate::domain::staffing::pool::pooled_posts(&all);
            let bonus = sums.posts - allocated;
            let mut out = GroupStaffing {
                group_id: g.id,
                group_code: g.code.clone(),
                year,
                pool: PoolView {
                    total: p.total,
                    special: p.special,
                    members: schools_rows
                        .iter()
                        .zip(p.contributions.iter())
                        .map(|(s, c)| PoolMember {
                            school_id: s.school_id,
                            school_name: s.school_name.clone(),
                            is_core: s.school_id == g.core_school_id,
                            standing: s.standing,
                            basis: c.basis,
                            staffing_quota: s.staffing_quota,
                            pooled: c.posts,
                            lent: distinct(moving.iter().filter(|m| m.1 == s.school_id)),
                            borrowed: distinct(moving.iter().filter(|m| m.2 == s.school_id)),
                        })
                        .collect(),
                },
                allocations: rows
                    .into_iter()
                    .map(|r| {
                        let held = filled_at(&filled, r.school_id, r.category, r.level, r.bonus);
                        AllocationLine {
                            filled: held,
                            vacant: (i64::from(r.posts) - held).max(0),
                            school_name: names.get(&r.school_id).cloned(),
                            school_id: r.school_id,
                            category: r.category,
                            level: r.level,
                            bonus: r.bonus,
                            posts: r.posts,
                            reason: r.reason,
                            adjustment_id: r.adjustment_id,
                        }
                    })
                    .collect(),
                allocated,
                bonus_posts: bonus,
                remaining: p.total - allocated,
                senior: sums.senior,
                intermediate: sums.intermediate,
                filled: 0,
                vacant: 0,
            };
            out.filled = filled.iter().map(|f| f.filled).sum();
            out.vacant = out.allocations.iter().map(|a| a.vacant).sum();
            if let Some(s) = own {
                // A member school sees its own allocations and contribution; the totals stay.
                out.allocations.retain(|a| a.school_id == s);
                out.pool.members.retain(|m| m.school_id == s);
            }
            Ok(out)
        })
        .await
}

/// The distinct teachers of `(person, from, to)` rows: one teacher on two part-time exchanges
/// lends one post.
fn distinct<'a>(rows: impl Iterator<Item = &'a (i64, i64, i64)>) -> i64 {
    rows.map(|r| r.0)
        .collect::<std::collections::HashSet<i64>>()
        .len() as i64
}

/// The posts held of one allocation's key.
fn filled_at(
    rows: &[FilledRow],
    school: i64,
    category: PostCategory,
    level: PostLevel,
    bonus: bool,
) -> i64 {
    rows.iter()
        .filter(|f| {
            f.school_id == school && f.category == category && f.level == level && f.bonus == bonus
        })
        .map(|f| f.filled)
        .sum()
}

/// Senior, intermediate and all posts.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
pub struct PostSums {
    pub posts: i64,
    pub senior: i64,
    pub intermediate: i64,
}

impl From<Sums> for PostSums {
    fn from(s: Sums) -> Self {
        PostSums {
            posts: s.posts,
            senior: s.senior,
            intermediate: s.intermediate,
        }
    }
}

/// One group in its county's roll-up.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupRollup {
    pub group_id: i64,
    pub code: String,
    pub name: String,
    pub kind: GroupKind,
    pub status: GroupStatus,
    /// Members (the core included) whose quota enters the pool.
    pub members: i64,
    pub pool: i64,
    pub special: i64,
    /// Posts the pool carries.
    pub allocated: i64,
    pub bonus_posts: i64,
    pub remaining: i64,
    pub senior: i64,
    pub intermediate: i64,
    /// Posts teachers hold now.
    pub filled: i64,
}

/// A county's staffing for a year, over all its groups.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "county_code": "522701", "year": 2026,
    "totals": {"county_code": "522701", "year": 2026, "staff_quota": 5200, "senior_posts": 780, "intermediate_posts": 2100, "senior_bonus_percent": 10, "note": null, "version": 1, "created_at": "2026-01-10T08:00:00Z", "updated_at": "2026-01-10T08:00:00Z"},
    "allocated": {"posts": 1204, "senior": 190, "intermediate": 455},
    "remaining": {"posts": 3996, "senior": 590, "intermediate": 1645},
    "groups": [{"group_id": 1, "code": "JT522701001", "name": "都匀市第一小学教育集团", "kind": "tight", "status": "established", "members": 2, "pool": 138, "special": 6, "allocated": 120, "bonus_posts": 2, "remaining": 18, "senior": 22, "intermediate": 40, "filled": 96}]
}))]
pub struct CountyStaffing {
    pub county_code: String,
    pub year: i32,
    /// `null` while the county has not set the year's totals.
    pub totals: Option<StaffingTotals>,
    /// Every group's posts, bonus posts included.
    pub allocated: PostSums,
    /// What the totals leave; `null` without totals.
    pub remaining: Option<PostSums>,
    pub groups: Vec<GroupRollup>,
}

pub async fn county(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    q: YearQuery,
) -> ApiResult<CountyStaffing> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            super::county_in_scope(conn, &ctx, &county)?;
            ctx.ensure_county_reader("县域编制汇总", "A county's staffing roll-up")?;
            let t = totals::find(conn, &county, year)?;
            let groups = repo::groups(conn, &county)?;
            let members = quotas::members(conn, &county, None)?;
            let special: HashMap<i64, i64> = quotas::of_county(conn, &county, year)?
                .into_iter()
                .map(|q| (q.group_id, i64::from(q.amount)))
                .collect();
            let sums = repo::sums(conn, &county, year)?;
            let filled = repo::filled(conn, &county, year, None)?;
            Ok(roll_up(
                county,
                year,
                t.map(StaffingTotals::from),
                &groups,
                &members,
                &special,
                &sums,
                &filled,
            ))
        })
        .await
}

#[allow(clippy::too_many_arguments)]
/// The roll-up from the county's rows: the pool rule per group, sums per group and county.
fn roll_up(
    county: String,
    year: i32,
    totals: Option<StaffingTotals>,
    groups: &[repo::GroupLine],
    members: &[PoolSchoolRow],
    special: &HashMap<i64, i64>,
    sums: &[AllocSum],
    filled: &[FilledRow],
) -> CountyStaffing {
    let mut by_group: HashMap<i64, Vec<&PoolSchoolRow>> = HashMap::new();
    for m in members {
        by_group.entry(m.group_id).or_default().push(m);
    }
    let mut county_sums = Sums::default();
    let out: Vec<GroupRollup> = groups
        .iter()
        .map(|g| {
            let core = PoolSchoolRow {
                group_id: g.id,
                school_id: g.core_school_id,
                school_name: g.core_name.clone(),
                standing: g.core_standing,
                staffing_quota: g.core_quota,
                pooled_quota: None,
                pooled_share: None,
            };
            let rows: Vec<&PoolSchoolRow> = std::iter::once(&core)
                .chain(by_group.get(&g.id).into_iter().flatten().copied())
                .collect();
            let quotas: Vec<_> = rows
                .iter()
                .map(|r| member_quota(r, g.core_school_id))
                .collect();
            let sp = special.get(&g.id).copied().unwrap_or(0);
            let p = pool(&quotas, sp);
            let mut s = Sums::default();
            let mut bonus = 0;
            for a in sums.iter().filter(|a| a.group_id == g.id) {
                let n = a.posts.unwrap_or(0);
                s.add(a.level, n);
                if a.bonus {
                    bonus += n;
                }
            }
            county_sums = county_sums.plus(s);
            let allocated = s.posts - bonus;
            GroupRollup {
                group_id: g.id,
                code: g.code.clone(),
                name: g.name.clone(),
                kind: g.kind,
                status: g.status,
                members: rows.len() as i64,
                pool: p.total,
                special: p.special,
                allocated,
                bonus_posts: bonus,
                remaining: p.total - allocated,
                senior: s.senior,
                intermediate: s.intermediate,
                filled: filled
                    .iter()
                    .filter(|f| f.group_id == g.id)
                    .map(|f| f.filled)
                    .sum(),
            }
        })
        .collect();
    // Allocations of a group dissolved since still count against the county's totals.
    let listed: std::collections::HashSet<i64> = groups.iter().map(|g| g.id).collect();
    for a in sums.iter().filter(|a| !listed.contains(&a.group_id)) {
        county_sums.add(a.level, a.posts.unwrap_or(0));
    }
    let remaining = totals.as_ref().map(|t| PostSums {
        posts: i64::from(t.staff_quota) - county_sums.posts,
        senior: i64::from(t.senior_posts) - county_sums.senior,
        intermediate: i64::from(t.intermediate_posts) - county_sums.intermediate,
    });
    CountyStaffing {
        county_code: county,
        year,
        totals,
        allocated: county_sums.into(),
        remaining,
        groups: out,
    }
}

/// The group report as CSV: one row per allocation.
pub fn group_csv(r: &GroupStaffing) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let head = [
        "group_code",
        "year",
        "school_id",
        "school_name",
        "category",
        "level",
        "bonus",
        "posts",
        "filled",
        "vacant",
        "reason",
        "adjustment_id",
    ];
    w.write_record(head).map_err(|_| ApiError::internal())?;
    for a in &r.allocations {
        w.write_record([
            r.group_code.clone(),
            r.year.to_string(),
            a.school_id.to_string(),
            a.school_name.clone().unwrap_or_default(),
            a.category.to_string(),
            a.level.to_string(),
            a.bonus.to_string(),
            a.posts.to_string(),
            a.filled.to_string(),
            a.vacant.to_string(),
            a.reason.to_string(),
            a.adjustment_id.to_string(),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    finish(w)
}

/// The county roll-up as CSV: one row per group.
pub fn county_csv(r: &CountyStaffing) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "county_code",
        "year",
        "group_id",
        "code",
        "name",
        "kind",
        "status",
        "members",
        "pool",
        "special",
        "allocated",
        "bonus_posts",
        "remaining",
        "senior",
        "intermediate",
        "filled",
    ])
    .map_err(|_| ApiError::internal())?;
    for g in &r.groups {
        w.write_record([
            r.county_code.clone(),
            r.year.to_string(),
            g.group_id.to_string(),
            g.code.clone(),
            g.name.clone(),
            g.kind.to_string(),
            g.status.to_string(),
            g.members.to_string(),
            g.pool.to_string(),
            g.special.to_string(),
            g.allocated.to_string(),
            g.bonus_posts.to_string(),
            g.remaining.to_string(),
            g.senior.to_string(),
            g.intermediate.to_string(),
            g.filled.to_string(),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    finish(w)
}

/// The CSV text of a writer; every CSV report ends here.
pub(crate) fn finish(w: csv::Writer<Vec<u8>>) -> ApiResult<String> {
    let bytes = w.into_inner().map_err(|_| ApiError::internal())?;
    String::from_utf8(bytes).map_err(|_| ApiError::internal())
}
