//! Tests of `council.rs`: for every rule, a refusal and an allowed case.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::registry::{CadrePost, PersonKind};
use crate::domain::rules::{Rule, RuleViolation};

const CORE: i64 = 1;
const MEMBER: i64 = 2;
const REP: i64 = 100;
const EXEC: i64 = 200;

fn assert_refused(r: RuleResult, rule: Rule) -> RuleViolation {
    let v = r.unwrap_err();
    assert_eq!(v.rule, rule);
    assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
    v
}

/// A tight group: core #1 and member #2 share the legal representative #100; #200 is the
/// member's executive principal.
fn tight() -> CouncilGroupFacts {
    CouncilGroupFacts {
        kind: GroupKind::Tight,
        core: GroupSchool {
            school_id: CORE,
            legal_representative_id: Some(REP),
            executive_principal_id: None,
            tight: false,
        },
        members: vec![GroupSchool {
            school_id: MEMBER,
            legal_representative_id: Some(REP),
            executive_principal_id: Some(EXEC),
            tight: true,
        }],
        holders: [
            (REP, staff(CORE, Some(CadrePost::Principal))),
            (EXEC, staff(CORE, Some(CadrePost::ExecutivePrincipal))),
            (300, staff(CORE, Some(CadrePost::VicePrincipal))),
            (301, staff(MEMBER, None)),
            (302, parent(CORE)),
            (303, staff(MEMBER, Some(CadrePost::MiddleCadre))),
            (101, staff(MEMBER, Some(CadrePost::Principal))),
            (400, staff(99, None)),
            (500, staff(MEMBER, None)),
            (600, parent(MEMBER)),
        ]
        .into_iter()
        .collect(),
        core_vice_principals: vec![300],
        body_heads: vec![],
    }
}

fn staff(school_id: i64, cadre_post: Option<CadrePost>) -> Holder {
    Holder {
        kind: PersonKind::Staff,
        school_id,
        cadre_post,
    }
}

fn parent(school_id: i64) -> Holder {
    Holder {
        kind: PersonKind::Parent,
        school_id,
        cadre_post: None,
    }
}

fn seat(person_id: i64, school_id: i64, category: SeatCategory) -> Seat {
    Seat {
        person_id,
        school_id,
        category,
    }
}

fn council() -> Vec<Seat> {
    vec![
        seat(REP, CORE, SeatCategory::LegalRepresentative),
        seat(EXEC, MEMBER, SeatCategory::ExecutivePrincipal),
        seat(300, CORE, SeatCategory::VicePrincipal),
        seat(303, MEMBER, SeatCategory::MiddleCadre),
        seat(301, MEMBER, SeatCategory::TeacherRepresentative),
        seat(302, CORE, SeatCategory::ParentRepresentative),
    ]
}

#[test]
fn chair() {
    assert!(check_chair(REP, Some(REP), &council()).is_ok());
    let v = assert_refused(check_chair(300, Some(REP), &council()), Rule::CouncilChair);
    assert!(v.detail.en.contains("#300") && v.detail.en.contains("#100"));
    let v = assert_refused(
        check_chair(REP, Some(REP), &council()[1..]),
        Rule::CouncilChair,
    );
    assert!(v.detail.en.contains("holds no council seat"));
}

#[test]
fn tight_council_needs_one_seat_for_the_shared_legal_rep() {
    assert_eq!(check_council_composition(&tight(), &council()), Ok(()));
}

#[test]
fn council_lists_every_problem() {
    let mut seats = council();
    seats.retain(|s| s.category != SeatCategory::ParentRepresentative && s.person_id != EXEC);
    seats.push(seat(301, CORE, SeatCategory::MiddleCadre)); // second seat of #301
    seats.push(seat(400, 99, SeatCategory::TeacherRepresentative)); // school outside
    let v = assert_refused(
        check_council_composition(&tight(), &seats),
        Rule::CouncilComposition,
    );
    let en = &v.detail.en;
    assert!(en.contains("#301 holds more than one seat"), "{en}");
    assert!(en.contains("school #99, which is not in the group"));
    assert!(en.contains("executive principal #200 holds no executive-principal seat"));
    assert!(en.contains("no parent representative seat (0, at least 1)"));
    assert!(v.detail.zh.contains("家长代表"));
    // #400's personnel record is at a school outside the group.
    assert!(
        en.contains("#400's personnel record is at school #99"),
        "{en}"
    );
}

/// §2.3.2 lists vice-principal-level cadres *and* middle cadres, teachers *and* parents: each is
/// required, and each seat is held by someone who is what the seat says.
#[test]
fn every_kind_of_seat_is_required_and_held_by_the_right_person() {
    let g = tight();
    for missing in [
        SeatCategory::VicePrincipal,
        SeatCategory::MiddleCadre,
        SeatCategory::TeacherRepresentative,
        SeatCategory::ParentRepresentative,
    ] {
        let mut seats = council();
        seats.retain(|s| s.category != missing);
        let v = assert_refused(
            check_council_composition(&g, &seats),
            Rule::CouncilComposition,
        );
        assert!(v.detail.en.contains("(0, at least 1)"), "{missing:?}");
    }
    // Staff in a parent seat, a parent of another school's pupil, a parent as teacher, a
    // teacher without the post in a cadre seat.
    for (bad, expect) in [
        (
            seat(500, MEMBER, SeatCategory::ParentRepresentative),
            "#500 is staff and cannot hold a parent seat",
        ),
        (
            seat(600, CORE, SeatCategory::ParentRepresentative),
            "parent #600's pupil is at school #2, not at school #1",
        ),
        (
            seat(600, MEMBER, SeatCategory::TeacherRepresentative),
            "#600 is a parent and cannot hold a 'teacher_representative' seat",
        ),
        (
            seat(500, MEMBER, SeatCategory::VicePrincipal),
            "#500 does not hold the post of a 'vice_principal' seat",
        ),
        (
            seat(777, MEMBER, SeatCategory::TeacherRepresentative),
            "#777 is not on the registry",
        ),
    ] {
        let mut seats = council();
        seats.push(bad);
        let v = assert_refused(
            check_council_composition(&g, &seats),
            Rule::CouncilComposition,
        );
        assert!(v.detail.en.contains(expect), "{}", v.detail.en);
    }
    // The parent of a pupil at the member represents the member's parents.
    let mut seats = council();
    seats.push(seat(600, MEMBER, SeatCategory::ParentRepresentative));
    assert_eq!(check_council_composition(&g, &seats), Ok(()));
}

#[test]
fn council_needs_every_collaborative_members_own_legal_rep() {
    let mut g = tight();
    g.kind = GroupKind::Collaborative;
    g.members = vec![GroupSchool {
        school_id: MEMBER,
        legal_representative_id: Some(101),
        executive_principal_id: None,
        tight: false,
    }];
    let mut seats = council();
    seats.retain(|s| s.person_id != EXEC);
    let v = assert_refused(
        check_council_composition(&g, &seats),
        Rule::CouncilComposition,
    );
    assert!(v
        .detail
        .en
        .contains("legal representative #101 holds no legal-representative seat"));
    seats.push(seat(101, MEMBER, SeatCategory::LegalRepresentative));
    assert!(check_council_composition(&g, &seats).is_ok());
    // A legal-representative seat for someone who is not one.
    seats.push(seat(500, MEMBER, SeatCategory::LegalRepresentative));
    assert_refused(
        check_council_composition(&g, &seats),
        Rule::CouncilComposition,
    );
}

#[test]
fn tight_member_without_executive_principal_is_refused() {
    let mut g = tight();
    g.members[0].executive_principal_id = None;
    let mut seats = council();
    seats.retain(|s| s.person_id != EXEC);
    let v = assert_refused(
        check_council_composition(&g, &seats),
        Rule::CouncilComposition,
    );
    assert!(v
        .detail
        .en
        .contains("tight member #2 has no executive principal"));
}

/// §2.4.4: a grown member that stayed in the tight group on collaborative terms keeps its own
/// management; it has no executive principal, and neither the council nor the office meeting
/// asks for one. Its legal representative's seat is still required.
#[test]
fn collaborative_terms_member_of_a_tight_group_needs_no_executive_principal() {
    let mut g = tight();
    g.members[0].executive_principal_id = None;
    g.members[0].tight = false;
    let mut seats = council();
    seats.retain(|s| s.person_id != EXEC);
    assert_eq!(check_council_composition(&g, &seats), Ok(()));
    let mut office = office();
    office.retain(|o| o.person_id != EXEC);
    assert_eq!(check_office_composition(&g, &seats, &office), Ok(()));
    // A second member on tight terms beside it still needs one.
    g.members.push(GroupSchool {
        school_id: 3,
        legal_representative_id: Some(REP),
        executive_principal_id: None,
        tight: true,
    });
    let v = assert_refused(
        check_council_composition(&g, &seats),
        Rule::CouncilComposition,
    );
    assert!(v
        .detail
        .en
        .contains("tight member #3 has no executive principal"));
    assert!(!v.detail.en.contains("#2 has no executive principal"));
}

fn office() -> Vec<OfficeSeat> {
    vec![
        OfficeSeat {
            person_id: REP,
            role: OfficeRole::LegalRepresentative,
        },
        OfficeSeat {
            person_id: EXEC,
            role: OfficeRole::ExecutivePrincipal,
        },
        OfficeSeat {
            person_id: 300,
            role: OfficeRole::CoreVicePrincipal,
        },
    ]
}

#[test]
fn office_allowed() {
    assert_eq!(
        check_office_composition(&tight(), &council(), &office()),
        Ok(())
    );
}

#[test]
fn office_refusals() {
    let mut o = office();
    o.retain(|s| s.person_id != EXEC);
    o.push(OfficeSeat {
        person_id: 301,
        role: OfficeRole::CoreVicePrincipal,
    }); // a teacher
    o.push(OfficeSeat {
        person_id: 777,
        role: OfficeRole::InternalBodyHead,
    }); // no seat
    o.push(OfficeSeat {
        person_id: REP,
        role: OfficeRole::LegalRepresentative,
    });
    let v = assert_refused(
        check_office_composition(&tight(), &council(), &o),
        Rule::OfficeComposition,
    );
    let en = &v.detail.en;
    assert!(
        en.contains("#301 is not a core school's vice principal"),
        "{en}"
    );
    assert!(en.contains("#777 holds no council seat"));
    assert!(en.contains("#100 is listed twice"));
    assert!(en.contains("executive principal #200 is missing"));
}

/// OFFICE-COMPOSITION: the core's vice principals and the heads of the internal bodies are
/// required places; a body's head sits as such once the body exists.
#[test]
fn office_needs_core_vice_principals_and_body_heads() {
    let mut g = tight();
    let mut o = office();
    o.retain(|s| s.person_id != 300);
    let v = assert_refused(
        check_office_composition(&g, &council(), &o),
        Rule::OfficeComposition,
    );
    assert!(
        v.detail
            .en
            .contains("core school's vice principal #300 is missing"),
        "{}",
        v.detail.en
    );
    g.body_heads = vec![303];
    let v = assert_refused(
        check_office_composition(&g, &council(), &office()),
        Rule::OfficeComposition,
    );
    assert!(
        v.detail
            .en
            .contains("head of an internal body #303 is missing"),
        "{}",
        v.detail.en
    );
    let mut o = office();
    o.push(OfficeSeat {
        person_id: 303,
        role: OfficeRole::InternalBodyHead,
    });
    assert_eq!(check_office_composition(&g, &council(), &o), Ok(()));
    // Only the head of an active body sits as one.
    g.body_heads.clear();
    let v = assert_refused(
        check_office_composition(&g, &council(), &o),
        Rule::OfficeComposition,
    );
    assert!(
        v.detail
            .en
            .contains("#303 is not a head of an internal body"),
        "{}",
        v.detail.en
    );
    // A core vice principal who heads a body takes one place, in either role.
    g.body_heads = vec![300];
    assert_eq!(check_office_composition(&g, &council(), &office()), Ok(()));
}
