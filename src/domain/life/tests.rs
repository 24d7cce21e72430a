//! Tests of `life.rs`: for every rule, each refusal and the allowed case.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::rules::{Rule, RuleViolation};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn assert_refused(r: RuleResult, rule: Rule) -> RuleViolation {
    let v = r.unwrap_err();
    assert_eq!(v.rule, rule);
    assert!(!v.title.zh.is_empty() && !v.title.en.is_empty());
    assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
    v
}

#[test]
fn membership_status_machine() {
    use MembershipStatus as S;
    assert!(check_membership_transition(1, S::Prospective, S::Active).is_ok());
    assert!(check_membership_transition(1, S::Prospective, S::Ended).is_ok());
    assert!(check_membership_transition(1, S::Active, S::Ended).is_ok());
    for (from, to) in [
        (S::Ended, S::Ended),
        (S::Ended, S::Active),
        (S::Active, S::Prospective),
        (S::Active, S::Active),
    ] {
        let v = assert_refused(
            check_membership_transition(4, from, to),
            Rule::MembershipState,
        );
        assert!(v.detail.en.contains("#4") && v.detail.zh.contains(from.label_zh()));
    }
}

#[test]
fn members_leave_a_running_group_only() {
    assert!(check_members_may_leave(GroupStatus::Established).is_ok());
    assert!(check_members_may_leave(GroupStatus::Preparing).is_ok());
    for s in [
        GroupStatus::DossierSubmitted,
        GroupStatus::BureauReviewed,
        GroupStatus::Dissolved,
    ] {
        let v = assert_refused(check_members_may_leave(s), Rule::GroupState);
        assert!(v.detail.en.contains(s.as_str()));
    }
}

#[test]
fn growth_period() {
    let tight = GroupKind::Tight;
    let end = day("2029-03-01");
    assert!(check_growth_period(5, tight, Some(end), end).is_ok());
    assert!(check_growth_period(5, tight, Some(end), day("2030-01-01")).is_ok());
    let v = assert_refused(
        check_growth_period(5, tight, Some(end), day("2029-02-27")),
        Rule::Growth3y,
    );
    assert!(v.detail.en.contains("2029-03-01") && v.detail.en.contains("2 day(s)"));
    assert!(v.detail.zh.contains("尚余 2 天"));
    let v = assert_refused(
        check_growth_period(5, tight, None, day("2030-01-01")),
        Rule::Growth3y,
    );
    assert!(v.detail.en.contains("no growth period"));
    let v = assert_refused(
        check_growth_period(5, GroupKind::Collaborative, Some(end), day("2030-01-01")),
        Rule::Growth3y,
    );
    assert!(v.detail.en.contains("collaborative"));
}

#[test]
fn spin_off_only_for_potential_schools() {
    assert!(check_spin_off(7, SchoolStanding::Potential).is_ok());
    for s in [
        SchoolStanding::Quality,
        SchoolStanding::Ordinary,
        SchoolStanding::Weak,
        SchoolStanding::NewlyOpened,
    ] {
        let v = assert_refused(check_spin_off(7, s), Rule::SpinOff);
        assert!(v.detail.en.contains(s.as_str()));
    }
}

#[test]
fn overdue_is_past_the_deadline_and_unresolved() {
    let today = day("2026-06-10");
    assert!(is_overdue(day("2026-06-09"), false, today));
    assert!(!is_overdue(day("2026-06-10"), false, today));
    assert!(!is_overdue(day("2026-06-01"), true, today));
}

#[test]
fn revoke_needs_an_ignored_order() {
    let today = day("2026-06-10");
    let order = |id, deadline: &str, resolved| OrderFacts {
        id,
        deadline: day(deadline),
        resolved,
    };
    assert!(check_revoke(3, &[order(1, "2026-06-09", false)], today).is_ok());
    assert!(check_revoke(
        3,
        &[order(1, "2026-06-01", true), order(2, "2026-05-01", false)],
        today
    )
    .is_ok());
    let v = assert_refused(check_revoke(3, &[], today), Rule::Revoke);
    assert!(v.detail.en.contains("no rectification order"));
    let v = assert_refused(
        check_revoke(
            3,
            &[order(1, "2026-07-01", false), order(2, "2026-06-10", false)],
            today,
        ),
        Rule::Revoke,
    );
    assert!(v.detail.en.contains("2026-06-10") && v.detail.zh.contains("2 份"));
    let v = assert_refused(
        check_revoke(3, &[order(1, "2026-01-01", true)], today),
        Rule::Revoke,
    );
    assert!(v.detail.en.contains("resolved"));
}

#[test]
fn dissolve() {
    assert!(check_dissolve(GroupStatus::Established, "追究原理事长责任").is_ok());
    assert!(check_dissolve(GroupStatus::Preparing, "责任人已问责").is_ok());
    for s in [
        GroupStatus::Authorized,
        GroupStatus::DossierSubmitted,
        GroupStatus::Dissolved,
    ] {
        let v = assert_refused(check_dissolve(s, "问责"), Rule::Dissolve);
        assert!(v.detail.en.contains(s.as_str()));
    }
    let v = assert_refused(
        check_dissolve(GroupStatus::Established, "  "),
        Rule::Dissolve,
    );
    assert_eq!(v.field, Some("accountability_note"));
}

#[test]
fn every_application_kind_ends_with_its_reason() {
    for k in ApplicationKind::ALL {
        assert_eq!(k.exit_reason().application_kind(), Some(*k));
    }
    assert_eq!(ExitReason::Revoked.application_kind(), None);
    assert_eq!(ExitReason::Dissolved.application_kind(), None);
    for s in ApplicationStatus::ALL {
        assert_eq!(ApplicationStatus::parse(s.as_str()), Some(*s));
    }
    assert_eq!(
        RectificationStatus::parse("resolved"),
        Some(RectificationStatus::Resolved)
    );
}
