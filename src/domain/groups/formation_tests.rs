//! Tests of `formation.rs`: for every rule, a refusal and an allowed case.

#![allow(clippy::unwrap_used)]

use super::*;
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

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn county() {
    let s = school(1, SchoolStanding::Weak, SchoolLocation::Rural, "211");
    assert!(check_county("522701", &s).is_ok());
    let v = assert_refused(check_county("522702", &s), Rule::GrpCounty);
    assert!(v.detail.en.contains("522701") && v.detail.zh.contains("522702"));
}

#[test]
fn core_quality() {
    let q = school(1, SchoolStanding::Quality, SchoolLocation::Urban, "211");
    assert!(check_core_quality(&q, true).is_ok());
    assert_refused(check_core_quality(&q, false), Rule::GrpCoreQuality);
    let o = school(2, SchoolStanding::Ordinary, SchoolLocation::Urban, "211");
    let v = assert_refused(check_core_quality(&o, true), Rule::GrpCoreQuality);
    assert!(v.detail.en.contains("ordinary"));
}

#[test]
fn stage_downward() {
    assert!(check_stage_downward("345", "312").is_ok());
    assert!(check_stage_downward("312", "211").is_ok());
    assert!(check_stage_downward("211", "111").is_ok());
    assert!(check_stage_downward("311", "312").is_ok()); // both end at junior
    let v = assert_refused(check_stage_downward("211", "311"), Rule::GrpStageDownward);
    assert!(v.detail.zh.contains("小学") && v.detail.en.contains("junior secondary"));
    let v = assert_refused(check_stage_downward("211", "999"), Rule::GrpStageDownward);
    assert!(v.detail.en.contains("999"));
}

#[test]
fn tight_size_initially_up_to_the_setting() {
    let s = GroupRuleSettings::default();
    assert!(check_tight_size(GroupKind::Tight, GroupStatus::Preparing, 2, 0, &s).is_ok());
    let v = assert_refused(
        check_tight_size(GroupKind::Tight, GroupStatus::Preparing, 3, 0, &s),
        Rule::GrpTightSize,
    );
    assert!(v.detail.en.contains("at most 3") && v.detail.zh.contains("最多3个"));
    let county = GroupRuleSettings {
        tight_initial_max_members: 4,
        ..s.clone()
    };
    assert!(check_tight_size(GroupKind::Tight, GroupStatus::Preparing, 3, 0, &county).is_ok());
    assert!(check_tight_size(GroupKind::Collaborative, GroupStatus::Preparing, 30, 0, &s).is_ok());
}

#[test]
fn tight_size_one_out_one_in_after_establishment() {
    let s = GroupRuleSettings::default();
    // Established with 2 members: full while both stay, a place opens when one leaves.
    let v = assert_refused(
        check_tight_size(GroupKind::Tight, GroupStatus::Established, 2, 2, &s),
        Rule::GrpTightSize,
    );
    assert!(v.detail.en.contains("one out, one in"));
    assert!(check_tight_size(GroupKind::Tight, GroupStatus::Established, 1, 2, &s).is_ok());
}

#[test]
fn join_basis() {
    let today = day(2024, 9, 1);
    let assign = JoinRequest {
        basis: JoinBasis::BureauAssignment,
        signed_on: None,
        agreement_ref: None,
    };
    let agree = JoinRequest {
        basis: JoinBasis::SignedAgreement,
        signed_on: Some(day(2024, 8, 30)),
        agreement_ref: Some("DY-2024-03".into()),
    };
    assert!(check_join_basis(SchoolStanding::Weak, &assign, today).is_ok());
    assert!(check_join_basis(SchoolStanding::NewlyOpened, &assign, today).is_ok());
    assert!(check_join_basis(SchoolStanding::Potential, &agree, today).is_ok());
    assert_refused(
        check_join_basis(SchoolStanding::Weak, &agree, today),
        Rule::GrpJoinBasis,
    );
    assert_refused(
        check_join_basis(SchoolStanding::Ordinary, &assign, today),
        Rule::GrpJoinBasis,
    );
    let no_ref = JoinRequest {
        agreement_ref: Some(" ".into()),
        ..agree.clone()
    };
    assert_refused(
        check_join_basis(SchoolStanding::Ordinary, &no_ref, today),
        Rule::GrpJoinBasis,
    );
    let future = JoinRequest {
        signed_on: Some(day(2024, 9, 2)),
        ..agree
    };
    let v = assert_refused(
        check_join_basis(SchoolStanding::Ordinary, &future, today),
        Rule::GrpJoinBasis,
    );
    assert!(v.detail.en.contains("2024-09-02"));
}

#[test]
fn tight_legal_rep() {
    let core = school(1, SchoolStanding::Quality, SchoolLocation::Urban, "312");
    let member = SchoolFacts {
        legal_representative_id: core.legal_representative_id,
        ..school(
            2,
            SchoolStanding::NewlyOpened,
            SchoolLocation::DevelopmentZone,
            "211",
        )
    };
    assert!(check_tight_legal_rep(GroupKind::Tight, &core, &member, Some(55)).is_ok());
    let v = assert_refused(
        check_tight_legal_rep(GroupKind::Tight, &core, &member, None),
        Rule::GrpTightLegalRep,
    );
    assert!(v.detail.en.contains("no executive principal"));
    assert_refused(
        check_tight_legal_rep(GroupKind::Tight, &core, &member, Some(101)),
        Rule::GrpTightLegalRep,
    );
    let own_rep = school(3, SchoolStanding::Weak, SchoolLocation::Rural, "211");
    let v = assert_refused(
        check_tight_legal_rep(GroupKind::Tight, &core, &own_rep, Some(55)),
        Rule::GrpTightLegalRep,
    );
    assert!(v.detail.en.contains("#103") && v.detail.en.contains("#101"));
    assert!(check_tight_legal_rep(GroupKind::Collaborative, &core, &own_rep, None).is_ok());
}
