//! STAFF-SENIOR-BONUS and STAFF-COUNTY-TOTAL: the core's bonus posts, and the county's totals
//! that every group's allocations together stay within.

use super::{Allocation, PostCategory, PostLevel};
use crate::domain::rules::{Rule, RuleResult, RuleViolation};

/// What a county set for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountyTotals {
    pub staff_quota: i64,
    pub senior_posts: i64,
    pub intermediate_posts: i64,
    /// The extra senior and intermediate posts a core may get, in percent (at most 10).
    pub senior_bonus_percent: i64,
}

/// The policy's ceiling on the bonus (§2.4.2 "增加10%的高、中级专业技术岗位数量").
pub const MAX_SENIOR_BONUS_PERCENT: i64 = 10;

/// Posts counted against the county's totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    pub posts: i64,
    pub senior: i64,
    pub intermediate: i64,
}

impl Sums {
    pub fn of(allocations: &[Allocation]) -> Sums {
        let mut s = Sums::default();
        for a in allocations {
            s.add(a.level, i64::from(a.posts));
        }
        s
    }

    pub fn add(&mut self, level: PostLevel, posts: i64) {
        self.posts += posts;
        match level {
            PostLevel::Senior => self.senior += posts,
            PostLevel::Intermediate => self.intermediate += posts,
            PostLevel::Junior | PostLevel::Ungraded => {}
        }
    }

    pub fn plus(self, o: Sums) -> Sums {
        Sums {
            posts: self.posts + o.posts,
            senior: self.senior + o.senior,
            intermediate: self.intermediate + o.intermediate,
        }
    }
}

/// The bonus posts the core may have at `level`: the county's percentage of the core's own
/// (pooled) posts at that level, rounded down.
pub fn bonus_allowance(totals: &CountyTotals, core_posts_at_level: i64) -> i64 {
    let pct = totals
        .senior_bonus_percent
        .clamp(0, MAX_SENIOR_BONUS_PERCENT);
    core_posts_at_level.max(0) * pct / 100
}

/// STAFF-SENIOR-BONUS: bonus posts go to the core only, as senior or intermediate
/// professional-technical posts, each level within the county's percentage of the core's own
/// posts at that level. (The county's totals are STAFF-COUNTY-TOTAL's, below.)
pub fn check_bonus(
    totals: &CountyTotals,
    core_school_id: i64,
    allocations: &[Allocation],
) -> RuleResult {
    for a in allocations.iter().filter(|a| a.bonus && a.posts > 0) {
        if a.school_id != core_school_id
            || a.category != PostCategory::ProfessionalTechnical
            || !a.level.is_counted()
        {
            return Err(RuleViolation::of(
                Rule::StaffSeniorBonus,
                "增加的高、中级专业技术岗位只给集团核心成员，且只能是高级或中级专业技术岗位。",
                "Bonus posts go to the group's core only, as senior or intermediate professional-technical posts.",
            )
            .on_field("lines"));
        }
    }
    for level in [PostLevel::Senior, PostLevel::Intermediate] {
        let at = |bonus: bool| -> i64 {
            allocations
                .iter()
                .filter(|a| {
                    a.school_id == core_school_id
                        && a.category == PostCategory::ProfessionalTechnical
                        && a.level == level
                        && a.bonus == bonus
                })
                .map(|a| i64::from(a.posts))
                .sum()
        };
        let (own, bonus) = (at(false), at(true));
        let allowed = bonus_allowance(totals, own);
        if bonus > allowed {
            return Err(RuleViolation::of(
                Rule::StaffSeniorBonus,
                format!(
                    "核心成员有{}岗位 {own} 个，按 {}% 至多增加 {allowed} 个，方案增加 {bonus} 个。",
                    level.label_zh(),
                    totals.senior_bonus_percent
                ),
                format!(
                    "The core has {own} {} posts: {}% allows at most {allowed} bonus posts, and the proposal gives {bonus}.",
                    level.label_en(),
                    totals.senior_bonus_percent
                ),
            )
            .on_field("lines"));
        }
    }
    Ok(())
}

/// STAFF-COUNTY-TOTAL (and, for bonus posts, STAFF-SENIOR-BONUS's "不突破全县高、中级专业技术岗位
/// 总量"): every group's allocations of the county's year, as they would stand, within its totals.
/// `bonus_involved` names the rule a refusal cites when the proposal carries bonus posts.
pub fn check_county(totals: Option<&CountyTotals>, all: Sums, bonus_involved: bool) -> RuleResult {
    let Some(t) = totals else {
        return Err(RuleViolation::of(
            Rule::StaffCountyTotal,
            "本县尚未核定当年的教职工编制和高、中级专业技术岗位总量，不能分配岗位。",
            "The county has not set its staffing totals for the year, so no post can be allocated.",
        )
        .on_field("year"));
    };
    let over = |what_zh: &str, what_en: &str, total: i64, asked: i64, rule: Rule| {
        RuleViolation::of(
            rule,
            format!("全县当年核定{what_zh} {total} 个，分配后将达 {asked} 个，超出 {} 个。", asked - total),
            format!("The county's year has {total} {what_en}; allocations would reach {asked}, {} too many.", asked - total),
        )
        .on_field("lines")
    };
    if all.posts > t.staff_quota {
        return Err(over(
            "教职工编制",
            "staffing posts",
            t.staff_quota,
            all.posts,
            Rule::StaffCountyTotal,
        ));
    }
    let counted = if bonus_involved {
        Rule::StaffSeniorBonus
    } else {
        Rule::StaffCountyTotal
    };
    if all.senior > t.senior_posts {
        return Err(over(
            "高级专业技术岗位",
            "senior professional posts",
            t.senior_posts,
            all.senior,
            counted,
        ));
    }
    if all.intermediate > t.intermediate_posts {
        return Err(over(
            "中级专业技术岗位",
            "intermediate professional posts",
            t.intermediate_posts,
            all.intermediate,
            counted,
        ));
    }
    Ok(())
}
