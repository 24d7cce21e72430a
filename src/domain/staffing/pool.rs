//! STAFF-POOL: what a group pools (§2.4.1 "集团可……将核心成员和薄弱、新开办学校、幼儿园的全部编制
//! 统筹使用，对其他成员的编制和员额可根据协议进行统筹"), and the check that its allocations stay
//! within it.

use super::vocab::PostCategory;
use super::{Allocation, PostLevel};
use crate::domain::registry::SchoolStanding;
use crate::domain::rules::{Rule, RuleResult, RuleViolation};
use crate::vocab_enum;

vocab_enum! {
    /// On what basis a member's quota enters the group's pool.
    pub enum PoolBasis ("pool_basis") {
        Whole = ("whole", "全部编制统筹使用", "whole quota pooled"),
        AgreementQuota = ("agreement_quota", "按协议统筹（名额）", "by agreement: a number of posts"),
        AgreementShare = ("agreement_share", "按协议统筹（比例）", "by agreement: a share"),
        NotPooled = ("not_pooled", "协议未约定统筹", "not pooled by its agreement"),
    }
}

/// A member as its contribution to the pool depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberQuota {
    pub school_id: i64,
    pub is_core: bool,
    pub standing: SchoolStanding,
    /// The school's own staffing quota in the registry.
    pub staffing_quota: i32,
    /// What its agreement pools: a number of posts, or a share in percent.
    pub pooled_quota: Option<i32>,
    pub pooled_share: Option<i32>,
}

/// What one member brings to the pool, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution {
    pub school_id: i64,
    pub basis: PoolBasis,
    pub posts: i64,
}

/// What the core and every weak or newly opened member bring: all of their quota. Another
/// member brings what its agreement says: a number (at most its quota) or a share of its quota,
/// rounded down, so that the pool never holds a post nobody has.
pub fn contribution(m: &MemberQuota) -> Contribution {
    let quota = i64::from(m.staffing_quota.max(0));
    let whole = m.is_core
        || matches!(
            m.standing,
            SchoolStanding::Weak | SchoolStanding::NewlyOpened
        );
    let (basis, posts) = if whole {
        (PoolBasis::Whole, quota)
    } else if let Some(n) = m.pooled_quota {
        (PoolBasis::AgreementQuota, i64::from(n.max(0)).min(quota))
    } else if let Some(p) = m.pooled_share {
        (
            PoolBasis::AgreementShare,
            quota * i64::from(p.clamp(0, 100)) / 100,
        )
    } else {
        (PoolBasis::NotPooled, 0)
    };
    Contribution {
        school_id: m.school_id,
        basis,
        posts,
    }
}

/// The group's pool for a year: every member's contribution plus the special quota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pool {
    pub contributions: Vec<Contribution>,
    pub special: i64,
    pub total: i64,
}

pub fn pool(members: &[MemberQuota], special: i64) -> Pool {
    let contributions: Vec<Contribution> = members.iter().map(contribution).collect();
    let total = contributions.iter().map(|c| c.posts).sum::<i64>() + special.max(0);
    Pool {
        contributions,
        special: special.max(0),
        total,
    }
}

/// The posts of a set of allocations that the group's pool carries: all but the core's bonus
/// posts, which the county adds on top (STAFF-SENIOR-BONUS).
pub fn pooled_posts(allocations: &[Allocation]) -> i64 {
    allocations
        .iter()
        .filter(|a| !a.bonus)
        .map(|a| i64::from(a.posts))
        .sum()
}

/// STAFF-POOL: the group's allocations for the year, as they would stand, within its pool.
pub fn check_pool(pool_total: i64, allocations: &[Allocation]) -> RuleResult {
    let posts = pooled_posts(allocations);
    if posts <= pool_total {
        return Ok(());
    }
    Err(RuleViolation::of(
        Rule::StaffPool,
        format!(
            "集团统筹编制共 {pool_total} 个，分配到各成员的岗位将达 {posts} 个，超出 {} 个。",
            posts - pool_total
        ),
        format!(
            "The group pools {pool_total} posts; its members would be allocated {posts}, {} too many.",
            posts - pool_total
        ),
    )
    .on_field("lines"))
}

/// Whether a line's category and level go together: a professional-technical post has a level
/// (senior, intermediate, junior), a management or support post has none (`ungraded`).
pub fn level_fits(category: PostCategory, level: PostLevel) -> bool {
    match category {
        PostCategory::ProfessionalTechnical => level != PostLevel::Ungraded,
        PostCategory::Management | PostCategory::Support => level == PostLevel::Ungraded,
    }
}
