//! Tests of `cadres.rs`: every allowed step of each path, and every refusal.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::rules::{Rule, RuleViolation};
use NominationAct as A;
use NominationStatus as S;

fn facts(post: CadrePost) -> NominationFacts {
    NominationFacts {
        post,
        terms: GroupKind::Tight,
        school_is_core: false,
        nominee_is_legal_rep: false,
    }
}

fn refused(r: RuleResult, rule: Rule) -> RuleViolation {
    let v = r.unwrap_err();
    assert_eq!(v.rule, rule);
    assert!(!v.title.zh.is_empty() && !v.title.en.is_empty());
    assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
    v
}

fn step(post: CadrePost, from: NominationStatus, act: NominationAct) -> RuleResult {
    next(post, from, act).map(|_| ())
}

#[test]
fn a_tight_member_may_have_each_cadre_nominated() {
    for post in [
        CadrePost::VicePrincipal,
        CadrePost::MiddleCadre,
        CadrePost::ExecutivePrincipal,
    ] {
        assert_eq!(check_nomination(&facts(post)), Ok(()), "{post}");
    }
}

#[test]
fn a_collaborative_member_is_not_nominated_for() {
    let mut f = facts(CadrePost::VicePrincipal);
    f.terms = GroupKind::Collaborative;
    let v = refused(check_nomination(&f), Rule::CadreVp);
    assert_eq!(v.field, Some("school_id"));
    assert!(v.detail.zh.contains("协作型"), "{}", v.detail.zh);
    f.post = CadrePost::MiddleCadre;
    refused(check_nomination(&f), Rule::CadreMiddle);
    f.post = CadrePost::ExecutivePrincipal;
    refused(check_nomination(&f), Rule::GrpTightLegalRep);
}

/// §2.4.4: a member that stayed in a tight group as a collaborative one is on collaborative
/// terms, and keeps its own management like any collaborative member.
#[test]
fn a_converted_member_of_a_tight_group_is_not_nominated_for() {
    let mut f = facts(CadrePost::MiddleCadre);
    f.terms = GroupKind::Collaborative;
    let v = refused(check_nomination(&f), Rule::CadreMiddle);
    assert!(v.detail.zh.contains("成长考核期满"), "{}", v.detail.zh);
    assert!(
        v.detail.en.contains("after its growth period"),
        "{}",
        v.detail.en
    );
}

#[test]
fn the_core_and_principals_are_not_nominated() {
    let mut f = facts(CadrePost::MiddleCadre);
    f.school_is_core = true;
    refused(check_nomination(&f), Rule::CadreMiddle);
    let v = refused(
        check_nomination(&facts(CadrePost::Principal)),
        Rule::GrpTightLegalRep,
    );
    assert_eq!(v.field, Some("post"));
    assert_eq!(path_of(CadrePost::Principal), None);
    refused(
        step(CadrePost::Principal, S::Nominated, A::OfficePass),
        Rule::GrpTightLegalRep,
    );
}

#[test]
fn an_executive_principal_is_not_the_legal_representative() {
    let mut f = facts(CadrePost::ExecutivePrincipal);
    f.nominee_is_legal_rep = true;
    let v = refused(check_nomination(&f), Rule::GrpTightLegalRep);
    assert_eq!(v.field, Some("person_id"));
    // The same person may be nominated for another post.
    f.post = CadrePost::VicePrincipal;
    assert_eq!(check_nomination(&f), Ok(()));
}

#[test]
fn the_vice_principal_path_ends_with_the_filing() {
    for post in [CadrePost::VicePrincipal, CadrePost::ExecutivePrincipal] {
        let p = path_of(post).unwrap();
        assert_eq!(
            (p.rule, p.appointer, p.filing),
            (Rule::CadreVp, Appointer::CountyBureau, true)
        );
        let mut s = S::Nominated;
        for (act, to) in [
            (A::OfficePass, S::OfficePassed),
            (A::Appoint, S::Appointed),
            (A::File, S::Filed),
        ] {
            assert!(!takes_effect(post, s) && is_open(post, s));
            s = next(post, s, act).unwrap();
            assert_eq!(s, to);
        }
        assert!(takes_effect(post, s) && !is_open(post, s));
    }
}

#[test]
fn the_middle_cadre_path_ends_with_the_appointment() {
    let post = CadrePost::MiddleCadre;
    let p = path_of(post).unwrap();
    assert_eq!(
        (p.rule, p.appointer, p.filing),
        (Rule::CadreMiddle, Appointer::MemberSchool, false)
    );
    let passed = next(post, S::Nominated, A::OfficePass).unwrap();
    assert!(!takes_effect(post, passed));
    let appointed = next(post, passed, A::Appoint).unwrap();
    assert!(takes_effect(post, appointed) && !is_open(post, appointed));
    let v = refused(step(post, appointed, A::File), Rule::CadreMiddle);
    assert!(v.detail.en.contains("ended"), "{}", v.detail.en);
    let v = refused(step(post, passed, A::File), Rule::CadreMiddle);
    assert!(v.detail.zh.contains("无需"), "{}", v.detail.zh);
}

#[test]
fn nobody_appoints_before_the_office_meeting_passes() {
    for post in [CadrePost::VicePrincipal, CadrePost::MiddleCadre] {
        let rule = path_of(post).unwrap().rule;
        let v = refused(step(post, S::Nominated, A::Appoint), rule);
        assert!(
            v.detail.zh.contains("理事长办公会议通过后"),
            "{}",
            v.detail.zh
        );
        refused(step(post, S::Nominated, A::Decline), rule);
        refused(step(post, S::Nominated, A::File), rule);
    }
    let v = refused(
        step(CadrePost::VicePrincipal, S::OfficePassed, A::File),
        Rule::CadreVp,
    );
    assert!(
        v.detail.en.contains("appointment comes before"),
        "{}",
        v.detail.en
    );
}

#[test]
fn the_office_decides_once_and_a_rejection_ends_the_path() {
    let post = CadrePost::VicePrincipal;
    assert_eq!(
        next(post, S::Nominated, A::OfficeReject),
        Ok(S::OfficeRejected)
    );
    for act in [A::OfficePass, A::OfficeReject, A::Withdraw] {
        refused(step(post, S::OfficePassed, act), Rule::CadreVp);
    }
    for act in [A::OfficePass, A::Appoint, A::Decline, A::File, A::Withdraw] {
        let v = refused(step(post, S::OfficeRejected, act), Rule::CadreVp);
        assert!(v.detail.zh.contains("已结束"), "{}", v.detail.zh);
    }
    assert!(!is_open(post, S::OfficeRejected));
}

#[test]
fn declining_and_withdrawing_end_the_path() {
    let post = CadrePost::VicePrincipal;
    assert_eq!(next(post, S::OfficePassed, A::Decline), Ok(S::Declined));
    assert_eq!(next(post, S::Nominated, A::Withdraw), Ok(S::Withdrawn));
    for from in [S::Declined, S::Withdrawn, S::Filed] {
        refused(step(post, from, A::Appoint), Rule::CadreVp);
        assert!(!is_open(post, from));
        assert_eq!(takes_effect(post, from), from == S::Filed);
    }
    refused(step(post, S::Appointed, A::Appoint), Rule::CadreVp);
    refused(step(post, S::Appointed, A::Decline), Rule::CadreVp);
}

#[test]
fn codes_round_trip() {
    for s in NominationStatus::ALL {
        assert_eq!(NominationStatus::parse(s.as_str()), Some(*s));
        assert!(!s.label_zh().is_empty());
    }
    assert_eq!(
        Appointer::parse("member_school"),
        Some(Appointer::MemberSchool)
    );
}
