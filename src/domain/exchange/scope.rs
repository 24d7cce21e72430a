//! EXCH-SCOPE: where an exchange may go, and who may be sent (§2.4.2, §2.4.3).
//!
//! - The teacher leaves a school of the group (the core or a member).
//! - Rotations, dispatches and cross-stage teaching go to another school of the group; only
//!   cross-school teaching (跨校走教/联校走教) may go to a school outside it, in the county:
//!   §2.4.3 allows shortage subjects and subjects without a full workload to be taught across
//!   the township's schools, other groups' schools and other areas' schools.
//! - The core sends the dispatched backbone teachers and management teams (§2.4.2 "集团核心成员
//!   负责选派其他成员的管理团队", "集团核心成员要为……选派骨干教师"), and a backbone dispatch sends
//!   a backbone teacher.

use super::ExchangeKind;
use crate::domain::groups::GroupStatus;
use crate::domain::rules::{Rule, RuleResult, RuleViolation};

/// What the rule needs to know about a proposed exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposed {
    pub kind: ExchangeKind,
    pub from_is_core: bool,
    pub from_in_group: bool,
    pub to_in_group: bool,
    pub backbone: bool,
}

pub fn check(p: &Proposed) -> RuleResult {
    let refuse = |zh: &str, en: &str| Err(RuleViolation::of(Rule::ExchScope, zh, en));
    if !p.from_in_group {
        return refuse(
            "派出学校不是本集团的核心成员或在册成员。",
            "The sending school is neither the group's core nor one of its members.",
        );
    }
    if !p.to_in_group && !p.kind.may_leave_the_group() {
        return refuse(
            "只有跨校走教（联校走教）可以到集团以外的学校；交流轮岗、选派和跨学段任教在集团成员之间进行。",
            "Only cross-school teaching may go to a school outside the group; rotations, dispatches and cross-stage teaching go between its schools.",
        );
    }
    let from_core_only = matches!(
        p.kind,
        ExchangeKind::BackboneDispatch | ExchangeKind::ManagementDispatch
    );
    if from_core_only && !p.from_is_core {
        return refuse(
            "骨干教师和管理团队由集团核心成员选派。",
            "Backbone teachers and management teams are sent by the group's core.",
        );
    }
    if p.kind == ExchangeKind::BackboneDispatch && !p.backbone {
        return refuse(
            "选派骨干教师须是骨干教师。",
            "A backbone dispatch sends a backbone teacher.",
        );
    }
    Ok(())
}

/// Exchanges are recorded for established groups (GROUP-STATE).
pub fn check_group_exchanges(status: GroupStatus) -> RuleResult {
    if status == GroupStatus::Established {
        return Ok(());
    }
    Err(RuleViolation::of(
        Rule::GroupState,
        format!(
            "集团状态为“{}”（{}），正式组建后才能登记教师交流。",
            status.label_zh(),
            status.as_str()
        ),
        format!(
            "The group is {} ({}); exchanges are recorded once it is established.",
            status.label_en(),
            status.as_str()
        ),
    ))
}
