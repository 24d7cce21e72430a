//! Which roles a school may hold in active groups (GRP-CORE-UNIQUE, GRP-ONE-MEMBERSHIP).
//!
//! A school leads at most one active group and is a member of at most one; holding both roles
//! is the one combination of the §2.1 patterns: a township centre school that is a member of a
//! tight group (城区优质学校+乡镇中心校) and leads a collaborative one (乡镇中心校+N所农村学校).
//! `formation` re-exports these checks with the other GRP-* rules.

use super::formation::SchoolFacts;
use super::types::{GroupKind, SchoolLocation};
use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};

/// An active (not dissolved) group, as far as the membership rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupRef {
    pub id: i64,
    pub kind: GroupKind,
}

/// The roles a school holds now in active groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActiveRoles {
    pub core_of_active_group: Option<GroupRef>,
    pub member_of_active_group: Option<GroupRef>,
}

/// The group a school is to join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetGroup {
    pub id: i64,
    pub kind: GroupKind,
    pub core_school_id: i64,
}

/// GRP-CORE-UNIQUE (§2.2): a school leads at most one active group. `group_id` is the group it
/// is to lead (`None` for a new one).
pub fn check_core_unique(school_id: i64, roles: &ActiveRoles, group_id: Option<i64>) -> RuleResult {
    match roles.core_of_active_group {
        Some(g) if Some(g.id) != group_id => Err(RuleViolation::new(
            Rule::GrpCoreUnique,
            Msg::new(
                "学校已是另一集团的核心成员",
                "school already leads another group",
            ),
            Msg::new(
                format!(
                    "学校 #{school_id} 已是集团 #{} 的核心成员，一所学校只能牵头一个集团。",
                    g.id
                ),
                format!(
                    "School #{school_id} is already the core of group #{}; a \
                     school leads at most one active group.",
                    g.id
                ),
            ),
        )),
        _ => Ok(()),
    }
}

/// The one case where a school holds two roles (§2.1 patterns): a township centre school is a
/// member of a tight group (城区优质学校+乡镇中心校) and core of a collaborative one
/// (乡镇中心校+N所农村学校).
pub fn may_hold_both(location: SchoolLocation, member_of: GroupKind, core_of: GroupKind) -> bool {
    location == SchoolLocation::TownshipCentre
        && member_of == GroupKind::Tight
        && core_of == GroupKind::Collaborative
}

fn one_membership(school_id: i64, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(
        Rule::GrpOneMembership,
        Msg::new(
            "学校不能同时担任这些角色",
            "school cannot hold these roles at once",
        ),
        Msg::new(
            format!("学校 #{school_id} {zh}"),
            format!("School #{school_id} {en}"),
        ),
    )
}

/// GRP-ONE-MEMBERSHIP (§2.1): a school joining `target` as a member is not a member of another
/// active group, not the core of `target`, and core of another group only as `may_hold_both`.
pub fn check_one_membership(
    school: &SchoolFacts,
    target: &TargetGroup,
    roles: &ActiveRoles,
) -> RuleResult {
    if school.id == target.core_school_id
        || roles
            .core_of_active_group
            .is_some_and(|c| c.id == target.id)
    {
        return Err(one_membership(
            school.id,
            format!(
                "是集团 #{} 的核心成员，不能同时作为该集团的成员。",
                target.id
            ),
            format!(
                "is the core of group #{} and cannot also be its member.",
                target.id
            ),
        ));
    }
    if roles
        .member_of_active_group
        .is_some_and(|m| m.id == target.id)
    {
        return Err(one_membership(
            school.id,
            format!("已是集团 #{} 的成员。", target.id),
            format!("is already a member of group #{}.", target.id),
        ));
    }
    if let Some(m) = roles.member_of_active_group {
        return Err(one_membership(
            school.id,
            format!("已是集团 #{} 的成员，一所学校只能是一个集团的成员。", m.id),
            format!(
                "is already a member of group #{}; a school is a member of \
                 at most one active group.",
                m.id
            ),
        ));
    }
    match roles.core_of_active_group {
        Some(c) if !may_hold_both(school.location, target.kind, c.kind) => {
            Err(dual_role(school, c, target.kind))
        }
        _ => Ok(()),
    }
}

/// GRP-ONE-MEMBERSHIP for a school about to lead a new group of kind `new_kind`: a member of
/// another group may lead only as `may_hold_both` allows.
pub fn check_member_may_lead(
    school: &SchoolFacts,
    new_kind: GroupKind,
    roles: &ActiveRoles,
) -> RuleResult {
    match roles.member_of_active_group {
        Some(m) if !may_hold_both(school.location, m.kind, new_kind) => Err(one_membership(
            school.id,
            format!(
                "是集团 #{}({})的成员,不能再牵头{}集团;\
                 只有乡镇中心校可在作为紧密型集团成员的同时牵头协作型集团。",
                m.id,
                m.kind.label_zh(),
                new_kind.label_zh()
            ),
            format!(
                "is a member of group #{} ({}) and cannot lead a {} group; \
                 only a township centre school may be a member of a tight \
                 group and core of a collaborative one.",
                m.id,
                m.kind.as_str(),
                new_kind.as_str()
            ),
        )),
        _ => Ok(()),
    }
}

fn dual_role(school: &SchoolFacts, core_of: GroupRef, member_kind: GroupKind) -> RuleViolation {
    one_membership(
        school.id,
        format!(
            "是集团 #{}({})的核心成员,不能再作为{}集团的成员;\
             只有乡镇中心校可在牵头协作型集团的同时作为紧密型集团成员。",
            core_of.id,
            core_of.kind.label_zh(),
            member_kind.label_zh()
        ),
        format!(
            "is the core of group #{} ({}) and cannot be a member of \
             a {} group; only a township centre school may lead a \
             collaborative group while a member of a tight one.",
            core_of.id,
            core_of.kind.as_str(),
            member_kind.as_str()
        ),
    )
}

#[cfg(test)]
#[path = "membership_tests.rs"]
mod tests;
