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
fn overdue_is_past_the_deadline_and_not_closed() {
    use RectificationStatus as R;
    let today = day("2026-06-10");
    assert!(is_overdue(day("2026-06-09"), R::Issued, today));
    assert!(is_overdue(day("2026-06-09"), R::Responded, today));
    assert!(!is_overdue(day("2026-06-10"), R::Issued, today));
    assert!(!is_overdue(day("2026-06-01"), R::Resolved, today));
    assert!(!is_overdue(day("2026-06-01"), R::NotRectified, today));
}

#[test]
fn revoke_needs_a_refusal_to_rectify() {
    use RectificationStatus as R;
    let today = day("2026-06-10");
    let order = |id, deadline: &str, status| OrderFacts {
        id,
        deadline: day(deadline),
        status,
    };
    // Unanswered past the deadline, or found not rectified (whatever the deadline).
    assert!(check_revoke(3, &[order(1, "2026-06-09", R::Issued)], today).is_ok());
    assert!(check_revoke(3, &[order(1, "2026-07-01", R::NotRectified)], today).is_ok());
    assert!(check_revoke(
        3,
        &[
            order(1, "2026-06-01", R::Resolved),
            order(2, "2026-05-01", R::Issued)
        ],
        today
    )
    .is_ok());
    let v = assert_refused(check_revoke(3, &[], today), Rule::Revoke);
    assert!(v.detail.en.contains("no rectification order"));
    // Open before the deadline: not yet.
    let v = assert_refused(
        check_revoke(
            3,
            &[
                order(1, "2026-07-01", R::Issued),
                order(2, "2026-06-10", R::Issued),
            ],
            today,
        ),
        Rule::Revoke,
    );
    assert!(v.detail.en.contains("2 not yet due") && v.detail.en.contains("2026-06-10"));
    assert!(v.detail.zh.contains("2 份尚未到期"));
    // Answered, even late: the bureau decides on the report first.
    let v = assert_refused(
        check_revoke(3, &[order(7, "2026-06-01", R::Responded)], today),
        Rule::Revoke,
    );
    assert!(
        v.detail.en.contains("awaiting the bureau's decision (#7)"),
        "{}",
        v.detail.en
    );
    assert!(v.detail.zh.contains("待教育局认定（#7）"));
    let v = assert_refused(
        check_revoke(3, &[order(1, "2026-01-01", R::Resolved)], today),
        Rule::Revoke,
    );
    assert!(v.detail.en.contains("1 resolved"));
    assert_eq!(v.field, Some("school_id"));
}

#[test]
fn growth_period_for_every_exit() {
    use ApplicationKind as K;
    let tight = GroupKind::Tight;
    let end = day("2029-03-01");
    let inside = day("2029-02-27");
    for k in [K::Withdraw, K::SpinOff] {
        let v = assert_refused(
            check_growth_exit(5, k, tight, Some(end), inside),
            Rule::Growth3y,
        );
        assert!(v.detail.en.contains("2029-03-01") && v.detail.en.contains("2 day(s)"));
        assert!(v.detail.zh.contains(k.label_zh()));
        assert!(check_growth_exit(5, k, tight, Some(end), end).is_ok());
        // No growth period, or on collaborative terms: as before.
        assert!(check_growth_exit(5, k, tight, None, inside).is_ok());
        assert!(check_growth_exit(5, k, GroupKind::Collaborative, Some(end), inside).is_ok());
    }
    for k in [K::GraduateIndependent, K::ConvertToCollaborative] {
        assert_refused(
            check_growth_exit(5, k, tight, Some(end), inside),
            Rule::Growth3y,
        );
        assert_refused(check_growth_exit(5, k, tight, None, end), Rule::Growth3y);
        assert!(check_growth_exit(5, k, tight, Some(end), end).is_ok());
    }
}

#[test]
fn who_applies() {
    use ApplicationKind as K;
    let (tight, collab) = (GroupKind::Tight, GroupKind::Collaborative);
    let end = Some(day("2029-03-01"));
    // SPIN-OFF: the school itself, never the chair.
    for (terms, growth) in [(tight, end), (tight, None), (collab, None)] {
        assert_eq!(applicants(K::SpinOff, terms, growth), &[Applicant::Member]);
        assert_eq!(
            applicants(K::GraduateIndependent, terms, growth),
            &[Applicant::Group]
        );
        assert_eq!(
            applicants(K::ConvertToCollaborative, terms, growth),
            &[Applicant::Group]
        );
    }
    // GROWTH-3Y: a growing tight member's leaving is the group's to apply for.
    assert_eq!(applicants(K::Withdraw, tight, end), &[Applicant::Group]);
    for (terms, growth) in [(tight, None), (collab, end), (collab, None)] {
        assert_eq!(
            applicants(K::Withdraw, terms, growth),
            &[Applicant::Member, Applicant::Group]
        );
    }
}

#[test]
fn only_an_active_membership_is_a_member() {
    use MembershipStatus as S;
    assert!(check_is_member(4, S::Active).is_ok());
    let v = assert_refused(check_is_member(4, S::Prospective), Rule::MembershipState);
    assert!(v
        .detail
        .en
        .contains("awaits the county bureau's confirmation"));
    let v = assert_refused(check_is_member(4, S::Ended), Rule::MembershipState);
    assert!(v.detail.en.contains("#4"));
}

#[test]
fn only_a_prospective_join_is_confirmed() {
    use crate::domain::groups::JoinBasis as B;
    use MembershipStatus as S;
    assert!(check_confirmable(4, S::Prospective, B::SignedAgreement).is_ok());
    let v = assert_refused(
        check_confirmable(4, S::Active, B::BureauAssignment),
        Rule::MembershipState,
    );
    assert!(v.detail.en.contains("assigned by the county bureau"));
    let v = assert_refused(
        check_confirmable(4, S::Active, B::SignedAgreement),
        Rule::MembershipState,
    );
    assert!(v.detail.en.contains("confirmed already"));
    let v = assert_refused(
        check_confirmable(4, S::Ended, B::SignedAgreement),
        Rule::MembershipState,
    );
    assert!(v.detail.en.contains("ended"));
    assert_eq!(v.field, Some("school_id"));
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
    assert_eq!(ExitReason::AgreementNotConfirmed.application_kind(), None);
    for s in ApplicationStatus::ALL {
        assert_eq!(ApplicationStatus::parse(s.as_str()), Some(*s));
    }
    assert_eq!(
        RectificationStatus::parse("resolved"),
        Some(RectificationStatus::Resolved)
    );
    assert!(
        RectificationStatus::NotRectified.is_final() && RectificationStatus::Resolved.is_final()
    );
    assert!(!RectificationStatus::Responded.is_final() && !RectificationStatus::Issued.is_final());
}
