//! Staffing allocation (§2.4.1, §2.4.2): the county's totals, the group's pool, the posts
//! allocated to each member, the core's bonus posts, staffing adjustments and two-way hiring.
//! The rules are plain functions over small structs of facts; the services find the facts.

pub mod vocab;

pub use vocab::*;
pub mod adjust;
pub mod limits;
pub mod pool;

#[cfg(test)]
mod tests;

/// One allocation line: the posts of a member for a category and level, bonus or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Allocation {
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    pub bonus: bool,
    pub posts: i32,
}

impl Allocation {
    /// The line's key: one allocation per member, category, level and bonus.
    pub fn key(&self) -> (i64, PostCategory, PostLevel, bool) {
        (self.school_id, self.category, self.level, self.bonus)
    }
}

/// The allocations as they would stand after `changes` (each the new number of posts of its
/// key; 0 removes it) are applied to `current`.
pub fn apply(current: &[Allocation], changes: &[Allocation]) -> Vec<Allocation> {
    let mut out: Vec<Allocation> = current
        .iter()
        .filter(|a| !changes.iter().any(|c| c.key() == a.key()))
        .copied()
        .collect();
    out.extend(changes.iter().filter(|c| c.posts > 0).copied());
    out
}

/// GROUP-STATE: a group staffs its members once it is established, until it is dissolved.
pub fn check_group_staffs(
    status: crate::domain::groups::GroupStatus,
) -> crate::domain::rules::RuleResult {
    use crate::domain::groups::GroupStatus;
    use crate::domain::rules::{Rule, RuleViolation};
    if status == GroupStatus::Established {
        return Ok(());
    }
    Err(RuleViolation::of(
        Rule::GroupState,
        format!(
            "集团状态为“{}”（{}），正式组建后才能统筹编制、分配岗位。",
            status.label_zh(),
            status.as_str()
        ),
        format!(
            "The group is {} ({}); it pools and allocates posts once established.",
            status.label_en(),
            status.as_str()
        ),
    ))
}
