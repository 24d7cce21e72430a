//! Tests of `membership.rs`: for every rule, a refusal and an allowed case.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::groups::types::SchoolStanding;
use crate::domain::rules::{Rule, RuleViolation};

fn school(
    id: i64,
    standing: SchoolStanding,
    location: SchoolLocation,
    type_code: &str,
) -> SchoolFacts {
    SchoolFacts {
        id,
        county_code: "522701".into(),
        standing,
        location,
        type_code: type_code.into(),
        legal_representative_id: Some(100 + id),
    }
}

fn assert_refused(r: RuleResult, rule: Rule) -> RuleViolation {
    let v = r.unwrap_err();
    assert_eq!(v.rule, rule);
    assert!(!v.title.zh.is_empty() && !v.title.en.is_empty());
    assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
    v
}

#[test]
fn core_unique() {
    let leads = ActiveRoles {
        core_of_active_group: Some(GroupRef {
            id: 7,
            kind: GroupKind::Tight,
        }),
        member_of_active_group: None,
    };
    assert!(check_core_unique(1, &ActiveRoles::default(), None).is_ok());
    assert!(check_core_unique(1, &leads, Some(7)).is_ok());
    let v = assert_refused(check_core_unique(1, &leads, None), Rule::GrpCoreUnique);
    assert!(v.detail.en.contains("#7"));
}

#[test]
fn one_membership() {
    let rural = school(3, SchoolStanding::Weak, SchoolLocation::Rural, "211");
    let tight = TargetGroup {
        id: 9,
        kind: GroupKind::Tight,
        core_school_id: 1,
    };
    assert!(check_one_membership(&rural, &tight, &ActiveRoles::default()).is_ok());
    let elsewhere = ActiveRoles {
        core_of_active_group: None,
        member_of_active_group: Some(GroupRef {
            id: 8,
            kind: GroupKind::Collaborative,
        }),
    };
    let v = assert_refused(
        check_one_membership(&rural, &tight, &elsewhere),
        Rule::GrpOneMembership,
    );
    assert!(v.detail.en.contains("#8"));
    // Joining a group the school already belongs to is refused too.
    let same = ActiveRoles {
        member_of_active_group: Some(GroupRef {
            id: 9,
            kind: GroupKind::Tight,
        }),
        ..elsewhere
    };
    let v = assert_refused(
        check_one_membership(&rural, &tight, &same),
        Rule::GrpOneMembership,
    );
    assert!(v.detail.en.contains("already a member of group #9"));
    // The core cannot be a member of its own group.
    let core = school(1, SchoolStanding::Quality, SchoolLocation::Urban, "211");
    assert_refused(
        check_one_membership(&core, &tight, &ActiveRoles::default()),
        Rule::GrpOneMembership,
    );
}

#[test]
fn township_centre_may_lead_collaborative_and_join_tight() {
    let township = school(
        4,
        SchoolStanding::Ordinary,
        SchoolLocation::TownshipCentre,
        "312",
    );
    let leads_collab = ActiveRoles {
        core_of_active_group: Some(GroupRef {
            id: 20,
            kind: GroupKind::Collaborative,
        }),
        member_of_active_group: None,
    };
    let tight = TargetGroup {
        id: 21,
        kind: GroupKind::Tight,
        core_school_id: 1,
    };
    assert!(check_one_membership(&township, &tight, &leads_collab).is_ok());
    let collab = TargetGroup {
        kind: GroupKind::Collaborative,
        ..tight
    };
    assert_refused(
        check_one_membership(&township, &collab, &leads_collab),
        Rule::GrpOneMembership,
    );
    // A rural school leading a collaborative group cannot join a tight one.
    let rural = SchoolFacts {
        location: SchoolLocation::Rural,
        ..township.clone()
    };
    assert_refused(
        check_one_membership(&rural, &tight, &leads_collab),
        Rule::GrpOneMembership,
    );
    // And the other way round: a member of a tight group may start a collaborative group.
    let in_tight = ActiveRoles {
        core_of_active_group: None,
        member_of_active_group: Some(GroupRef {
            id: 21,
            kind: GroupKind::Tight,
        }),
    };
    assert!(check_member_may_lead(&township, GroupKind::Collaborative, &in_tight).is_ok());
    assert!(check_member_may_lead(&township, GroupKind::Tight, &ActiveRoles::default()).is_ok());
    let v = assert_refused(
        check_member_may_lead(&township, GroupKind::Tight, &in_tight),
        Rule::GrpOneMembership,
    );
    assert!(v.detail.en.contains("township centre"));
}
