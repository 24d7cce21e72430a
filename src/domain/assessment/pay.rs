//! PAY-POOL (§2.4.4): the county's pool of extra performance pay is a share (a setting, 25% by
//! default) of its performance-pay base; the bureau tilts it toward groups whose published
//! results are good or excellent, never above the pool; each group's core then distributes its
//! allocation among its schools by contribution, never above the allocation. Amounts are whole
//! yuan.

use crate::domain::rules::{Rule, RuleResult, RuleViolation};

use super::Grade;

/// The pool: `percent` of the base, rounded down to the yuan.
pub fn pool(base_yuan: i64, percent: u32) -> i64 {
    base_yuan.saturating_mul(i64::from(percent)) / 100
}

/// One group's line in the county's allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocationLine {
    pub group_id: i64,
    pub amount_yuan: i64,
    /// The grade of its published assessment of the year; `None` without one.
    pub grade: Option<Grade>,
}

/// The county's allocation: within the pool, and only to groups whose published results earn
/// the tilt.
pub fn check_allocation(pool_yuan: i64, lines: &[AllocationLine]) -> RuleResult {
    for l in lines {
        match l.grade {
            // A zero line names a group without granting it anything: only an amount needs the
            // published result.
            None if l.amount_yuan > 0 => {
                return Err(RuleViolation::of(
                    Rule::PayPool,
                    format!("集团 #{} 当年考核结果尚未公布，不能分配新增绩效工资。", l.group_id),
                    format!(
                        "Group #{} has no published assessment for the year: extra pay follows published results.",
                        l.group_id
                    ),
                ))
            }
            Some(g) if !g.earns_pay_tilt() && l.amount_yuan > 0 => {
                return Err(RuleViolation::of(
                    Rule::PayPool,
                    format!(
                        "集团 #{} 考核等次为“{}”；倾斜只给予考核良好及以上的集团。",
                        l.group_id,
                        g.label_zh()
                    ),
                    format!(
                        "Group #{} was graded {}: the tilt goes to groups graded good or excellent.",
                        l.group_id,
                        g.as_str()
                    ),
                ))
            }
            _ => {}
        }
    }
    let sum: i64 = lines.iter().map(|l| l.amount_yuan).sum();
    if sum > pool_yuan {
        return Err(RuleViolation::of(
            Rule::PayPool,
            format!("分配合计 {sum} 元，超出全县新增绩效工资总量 {pool_yuan} 元。"),
            format!(
                "The allocation totals {sum} yuan, above the county's pool of {pool_yuan} yuan."
            ),
        ));
    }
    Ok(())
}

/// A suggested allocation: the pool split over the groups that earn the tilt in proportion to
/// their grade's weight, rounded down (the remainder stays in the pool).
pub fn suggest(
    pool_yuan: i64,
    groups: &[(i64, Grade)],
    weight: impl Fn(Grade) -> u32,
) -> Vec<(i64, i64)> {
    let total: i64 = groups
        .iter()
        .filter(|(_, g)| g.earns_pay_tilt())
        .map(|(_, g)| i64::from(weight(*g)))
        .sum();
    groups
        .iter()
        .map(|(id, g)| {
            let share = if total == 0 || !g.earns_pay_tilt() {
                0
            } else {
                pool_yuan.saturating_mul(i64::from(weight(*g))) / total
            };
            (*id, share)
        })
        .collect()
}

/// A group's distribution plan: its lines never exceed the group's allocation.
pub fn check_plan(allocation_yuan: Option<i64>, lines_sum: i64) -> RuleResult {
    let Some(allocation) = allocation_yuan else {
        return Err(RuleViolation::of(
            Rule::PayPool,
            "教育局尚未给本集团分配当年新增绩效工资。",
            "The bureau has allocated the group no extra performance pay for the year.",
        ));
    };
    if lines_sum > allocation {
        return Err(RuleViolation::of(
            Rule::PayPool,
            format!("分配方案合计 {lines_sum} 元，超出本集团获分配的 {allocation} 元。"),
            format!("The plan totals {lines_sum} yuan, above the group's allocation of {allocation} yuan."),
        ));
    }
    Ok(())
}
