//! The demo groups are checked without a database: the plan obeys the rules of DOMAIN.md (each
//! checked by the domain's own rule function, on the registry demo's schools and staff), the votes
//! give the outcomes the seed expects, and the demo covers every pattern and state.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::plan::{
    basis_of, charter_sections, choices, groups, plan_text, principal, GroupPlan, ParentAt,
    PersonAt, Phase, Turnout, GROUPS,
};
use super::GroupTally;
use crate::domain::council::composition::{
    check_chair, check_council_composition, check_office_composition, Holder,
};
use crate::domain::council::voting::decide;
use crate::domain::council::{
    Body, CouncilGroupFacts, GroupSchool, MotionOutcome, OfficeRole, OfficeSeat, Seat,
    SeatCategory, TallyInput, VoteChoice,
};
use crate::domain::groups::charter::missing_sections;
use crate::domain::groups::formation::{
    check_core_quality, check_core_unique, check_county, check_establish_dossier, check_join_basis,
    check_member_may_lead, check_one_membership, check_stage_downward, check_tight_legal_rep,
    check_tight_size,
};
use crate::domain::groups::{
    ActiveRoles, CharterSection, DossierFacts, FormationPattern, GroupKind, GroupRef,
    GroupRuleSettings, GroupStatus, JoinBasis, JoinRequest, SchoolFacts, TargetGroup,
};
use crate::domain::registry::{CadrePost, PersonKind, SchoolLocation, SchoolStanding};
use crate::seed::plan::{prefecture, CountyPlan, SchoolPlan};

fn counties() -> Vec<CountyPlan> {
    prefecture().unwrap()
}

/// Ids as the database would give them: one per school code and per ID number.
#[derive(Default)]
struct FakeIds {
    schools: HashMap<String, i64>,
    persons: HashMap<String, i64>,
}

impl FakeIds {
    fn school(&mut self, s: &SchoolPlan) -> i64 {
        let n = self.schools.len() as i64 + 1;
        *self.schools.entry(s.fields.code.clone()).or_insert(n)
    }

    fn person(&mut self, g: &GroupPlan, at: PersonAt) -> i64 {
        let number = g.person(at).unwrap().id_number.clone();
        let n = self.persons.len() as i64 + 1;
        *self.persons.entry(number).or_insert(n)
    }

    fn parent(&mut self, g: &GroupPlan, at: ParentAt) -> i64 {
        let number = g.parent(at).unwrap().id_number.clone();
        let n = self.persons.len() as i64 + 1;
        *self.persons.entry(number).or_insert(n)
    }
}

fn facts(ids: &mut FakeIds, s: &SchoolPlan, legal_rep: Option<i64>) -> SchoolFacts {
    SchoolFacts {
        id: ids.school(s),
        county_code: s.fields.county_code.clone(),
        standing: s.fields.standing,
        location: s.fields.location,
        type_code: s.fields.type_code.clone(),
        legal_representative_id: legal_rep,
    }
}

fn principal_of(ids: &mut FakeIds, g: &GroupPlan, school: usize) -> i64 {
    let staff = principal(g.schools[school]).unwrap();
    ids.person(g, PersonAt { school, staff })
}

fn signing_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
}

#[test]
fn the_plan_is_deterministic_and_complete() {
    let c = counties();
    let a = format!("{:?}", groups(&c).unwrap());
    let b = format!("{:?}", groups(&counties()).unwrap());
    assert_eq!(a, b);
    assert_eq!(groups(&c).unwrap().len(), GROUPS.len());
}

#[test]
fn codes_are_unique_valid_and_numbered_per_county() {
    let mut seen = BTreeSet::new();
    for g in GROUPS {
        let code = g.code();
        assert_eq!(code.len(), 10, "{code}");
        assert!(code.starts_with(&format!("G{}", g.county_code())));
        assert!(seen.insert(code.clone()), "{code} twice");
    }
    assert_eq!(GROUPS[0].code(), "G522701001");
}

#[test]
fn every_pattern_and_every_formation_state_is_shown() {
    let patterns: BTreeSet<&str> = GROUPS.iter().map(|g| g.pattern.as_str()).collect();
    for p in FormationPattern::ALL {
        assert!(patterns.contains(p.as_str()), "no {p:?} group");
    }
    let states: BTreeSet<&str> = GROUPS.iter().map(|g| g.target.as_str()).collect();
    for s in [
        GroupStatus::Authorized,
        GroupStatus::PlanSubmitted,
        GroupStatus::Preparing,
        GroupStatus::DossierSubmitted,
        GroupStatus::BureauReviewed,
        GroupStatus::Established,
    ] {
        assert!(states.contains(s.as_str()), "no group {s:?}");
    }
    let established = GROUPS
        .iter()
        .filter(|g| g.target == GroupStatus::Established)
        .count();
    assert!(established >= 3);
    let counties: BTreeSet<usize> = GROUPS.iter().map(|g| g.county).collect();
    assert!(counties.len() >= 6);
    // Some groups are still preparing with members and a draft, one with its council.
    let preparing: Vec<_> = GROUPS
        .iter()
        .filter(|g| g.target == GroupStatus::Preparing)
        .collect();
    assert!(preparing.iter().any(|g| g.council) && preparing.iter().any(|g| !g.council));
    // A plan sent back and resubmitted, a dossier sent back, with their reasons.
    let returned = GROUPS.iter().find(|g| g.plan_returned.is_some()).unwrap();
    assert!(returned.reaches(GroupStatus::PlanSubmitted));
    assert!(GROUPS
        .iter()
        .any(|g| g.dossier_returned.is_some() && g.reaches(GroupStatus::DossierSubmitted)));
    // A motion rejected, a resolution of another type than the charter, an office meeting.
    let motions: Vec<_> = GROUPS
        .iter()
        .flat_map(|g| g.meetings.iter().flat_map(|m| m.motions.iter()))
        .collect();
    assert!(motions.iter().any(|m| m.expect == MotionOutcome::Rejected));
    assert!(motions.iter().any(|m| m.expect == MotionOutcome::Adopted
        && m.motion_type != crate::domain::council::MotionType::Charter));
    assert!(GROUPS
        .iter()
        .any(|g| g.meetings.iter().any(|m| m.body == Body::Office)));
}

#[test]
fn patterns_take_the_schools_the_policy_names() {
    let c = counties();
    for g in groups(&c).unwrap() {
        let loc = |s: &SchoolPlan| s.fields.location;
        let standing = |s: &SchoolPlan| s.fields.standing;
        let core = loc(g.core());
        let members: Vec<SchoolLocation> = g.members().map(|(_, s)| loc(s)).collect();
        assert!(!members.is_empty(), "{}", g.code);
        match g.spec.pattern {
            FormationPattern::UrbanQualityPlusNew => {
                assert_eq!(g.spec.kind, GroupKind::Tight);
                assert_eq!(core, SchoolLocation::Urban);
                assert!(g
                    .members()
                    .all(|(_, s)| standing(s) == SchoolStanding::NewlyOpened));
            }
            FormationPattern::UrbanQualityPlusTownship => {
                assert_eq!(g.spec.kind, GroupKind::Tight);
                assert_eq!(core, SchoolLocation::Urban);
                assert!(members.iter().all(|l| *l == SchoolLocation::TownshipCentre));
            }
            FormationPattern::TownshipPlusRural => {
                assert_eq!(g.spec.kind, GroupKind::Collaborative);
                assert_eq!(core, SchoolLocation::TownshipCentre);
                assert!(members.iter().all(|l| *l == SchoolLocation::Rural));
            }
            FormationPattern::UrbanQualityPlusRelocation => {
                assert_eq!(core, SchoolLocation::Urban);
                assert!(members.iter().all(|l| *l == SchoolLocation::RelocationSite));
            }
            FormationPattern::Other => {}
        }
        assert!(g.name.ends_with("教育集团"));
        let text = plan_text(&g, false);
        assert!(text.contains(&g.core().fields.name) && text.chars().count() >= 10);
        assert!(plan_text(&g, true).len() > text.len());
    }
}

/// Every join of the demo, in seeding order, passes the GRP-* rules as the services apply them.
#[test]
fn cores_and_members_obey_the_formation_rules() {
    let c = counties();
    let settings = GroupRuleSettings::default();
    let mut ids = FakeIds::default();
    let mut roles: HashMap<i64, ActiveRoles> = HashMap::new();
    let mut kinds_seen = BTreeSet::new();
    for (n, g) in groups(&c).unwrap().iter().enumerate() {
        let group_id = n as i64 + 1;
        let county = g.spec.county_code();
        let core_rep = principal_of(&mut ids, g, 0);
        let core = facts(&mut ids, g.core(), Some(core_rep));
        let core_roles = roles.get(&core.id).copied().unwrap_or_default();
        check_county(county, &core).unwrap();
        check_core_quality(&core, true).unwrap();
        check_core_unique(core.id, &core_roles, None).unwrap();
        check_member_may_lead(&core, g.spec.kind, &core_roles).unwrap();
        let me = GroupRef {
            id: group_id,
            kind: g.spec.kind,
        };
        roles.entry(core.id).or_default().core_of_active_group = Some(me);
        // The plan names its members; they join once it is approved.
        for (i, m) in g.members() {
            let own_rep = principal_of(&mut ids, g, i);
            let member = facts(&mut ids, m, Some(own_rep));
            check_county(county, &member).unwrap();
            check_stage_downward(&core.type_code, &member.type_code).unwrap();
            if !g.spec.has_members() {
                continue;
            }
            let target = TargetGroup {
                id: group_id,
                kind: g.spec.kind,
                core_school_id: core.id,
            };
            let member_roles = roles.get(&member.id).copied().unwrap_or_default();
            check_one_membership(&member, &target, &member_roles).unwrap();
            let basis = basis_of(m);
            let join = match basis {
                JoinBasis::BureauAssignment => JoinRequest {
                    basis,
                    signed_on: None,
                    agreement_ref: None,
                },
                JoinBasis::SignedAgreement => JoinRequest {
                    basis,
                    signed_on: Some(signing_day()),
                    agreement_ref: Some("协议〔2026〕1号".into()),
                },
            };
            check_join_basis(member.standing, &join, signing_day()).unwrap();
            check_tight_size(
                g.spec.kind,
                GroupStatus::Preparing,
                (i - 1) as u32,
                0,
                &settings,
            )
            .unwrap();
            // In a tight group the member's legal representative becomes the core's, and its
            // principal stays on as executive principal.
            let (member, executive) = match g.spec.kind {
                GroupKind::Tight => (
                    SchoolFacts {
                        legal_representative_id: Some(core_rep),
                        ..member
                    },
                    Some(own_rep),
                ),
                GroupKind::Collaborative => (member, None),
            };
            check_tight_legal_rep(g.spec.kind, &core, &member, executive).unwrap();
            roles.entry(member.id).or_default().member_of_active_group = Some(me);
        }
        kinds_seen.insert(g.spec.kind.as_str());
    }
    assert_eq!(kinds_seen.len(), 2);
}

/// The council each group elects passes COUNCIL-CHAIR, COUNCIL-COMPOSITION and
/// OFFICE-COMPOSITION, and its cadre seats are held by cadres.
#[test]
fn councils_are_composed_as_the_rules_demand() {
    let c = counties();
    let mut ids = FakeIds::default();
    let mut councils = 0;
    for g in groups(&c).unwrap() {
        let Some(plan) = &g.council else {
            assert!(!g.spec.has_council());
            continue;
        };
        councils += 1;
        assert!(g.spec.has_members(), "{}: a council needs members", g.code);
        let core_rep = principal_of(&mut ids, &g, 0);
        let mut members = Vec::new();
        for (i, m) in g.members() {
            let own = principal_of(&mut ids, &g, i);
            members.push(GroupSchool {
                school_id: ids.school(m),
                legal_representative_id: Some(match g.spec.kind {
                    GroupKind::Tight => core_rep,
                    GroupKind::Collaborative => own,
                }),
                executive_principal_id: (g.spec.kind == GroupKind::Tight).then_some(own),
                tight: g.spec.kind == GroupKind::Tight,
            });
        }
        let mut seats: Vec<Seat> = plan
            .seats
            .iter()
            .map(|(at, category)| Seat {
                person_id: ids.person(&g, *at),
                school_id: ids.school(g.schools[at.school]),
                category: *category,
            })
            .collect();
        let parent = ids.parent(&g, plan.parent);
        let pupil_school = ids.school(g.schools[plan.parent.school]);
        seats.push(Seat {
            person_id: parent,
            school_id: pupil_school,
            category: SeatCategory::ParentRepresentative,
        });
        // Who the registry says they are, once the bureau has recorded the appointments.
        let mut holders = HashMap::new();
        let named = plan.seats.iter().map(|(at, _)| at);
        for at in named.chain(plan.office.iter().map(|(at, _)| at)) {
            let appointed = plan.appoint.iter().find(|(a, _)| a == at).map(|(_, p)| *p);
            holders.insert(
                ids.person(&g, *at),
                Holder {
                    kind: PersonKind::Staff,
                    school_id: ids.school(g.schools[at.school]),
                    cadre_post: appointed.or(g.person(*at).unwrap().cadre_post),
                },
            );
        }
        holders.insert(
            parent,
            Holder {
                kind: PersonKind::Parent,
                school_id: pupil_school,
                cadre_post: None,
            },
        );
        let core_vp = g
            .core()
            .staff
            .iter()
            .position(|p| p.cadre_post == Some(CadrePost::VicePrincipal))
            .or_else(|| {
                plan.appoint
                    .iter()
                    .find(|(_, p)| *p == CadrePost::VicePrincipal)
                    .map(|(a, _)| a.staff)
            })
            .map(|i| {
                ids.person(
                    &g,
                    PersonAt {
                        school: 0,
                        staff: i,
                    },
                )
            });
        let group = CouncilGroupFacts {
            kind: g.spec.kind,
            core: GroupSchool {
                school_id: ids.school(g.core()),
                legal_representative_id: Some(core_rep),
                executive_principal_id: None,
                tight: false,
            },
            members,
            holders,
            core_vice_principals: core_vp.into_iter().collect(),
            body_heads: Vec::new(),
        };
        let office: Vec<OfficeSeat> = plan
            .office
            .iter()
            .map(|(at, role)| OfficeSeat {
                person_id: ids.person(&g, *at),
                role: *role,
            })
            .collect();
        assert_eq!(seats[0].person_id, core_rep, "{}: the chair first", g.code);
        check_chair(core_rep, Some(core_rep), &seats).unwrap();
        check_council_composition(&group, &seats).unwrap();
        check_office_composition(&group, &seats, &office).unwrap();
        for (at, category) in &plan.seats {
            let post = g.person(*at).unwrap().cadre_post;
            let appointed = plan.appoint.iter().find(|(a, _)| a == at).map(|(_, p)| *p);
            match category {
                SeatCategory::VicePrincipal => {
                    assert_eq!(appointed.or(post), Some(CadrePost::VicePrincipal))
                }
                SeatCategory::MiddleCadre => {
                    assert_eq!(appointed.or(post), Some(CadrePost::MiddleCadre))
                }
                SeatCategory::TeacherRepresentative => assert_eq!(post, None, "{}", g.code),
                _ => {}
            }
        }
        for (at, _) in &plan.appoint {
            assert_eq!(at.school, 0, "the core's own teacher is appointed");
            assert_eq!(g.person(*at).unwrap().cadre_post, None);
        }
        // The bodies are headed by cadres of the core who sit in the council.
        for (_, head) in &plan.bodies {
            assert_eq!(head.school, 0);
            assert!(plan.seats.iter().any(|(at, _)| at == head));
        }
        let mut founded = group.clone();
        founded.body_heads = plan
            .bodies
            .iter()
            .map(|(_, h)| ids.person(&g, *h))
            .collect();
        let mut office_after = office.clone();
        for h in &founded.body_heads {
            if !office_after.iter().any(|o| o.person_id == *h) {
                office_after.push(OfficeSeat {
                    person_id: *h,
                    role: OfficeRole::InternalBodyHead,
                });
            }
        }
        check_office_composition(&founded, &seats, &office_after).unwrap();
    }
    assert!(councils >= 8);
}

/// Every motion ends as the seed expects under the default rules: quorum two thirds, more than
/// half of all seats, two thirds for charters and development plans.
#[test]
fn votes_give_the_expected_outcomes() {
    let c = counties();
    let s = GroupRuleSettings::default();
    let mut checked = 0;
    for g in groups(&c).unwrap() {
        for m in g.spec.meetings {
            let plan = g.council.as_ref().expect("a meeting needs a council");
            let seats = match m.body {
                Body::Council => plan.council_size(),
                Body::Office => plan.office.len(),
            };
            if m.phase == Phase::Established {
                assert_eq!(g.spec.target, GroupStatus::Established);
            }
            for motion in m.motions {
                let votes = choices(seats, m.turnout, motion.against, motion.abstain);
                let count = |c: VoteChoice| votes.iter().filter(|v| **v == Some(c)).count() as u32;
                let present = votes.iter().filter(|v| v.is_some()).count() as u32;
                let input = TallyInput {
                    seats: seats as u32,
                    present,
                    recused: 0,
                    votes_for: count(VoteChoice::For),
                    against: count(VoteChoice::Against),
                    abstain: count(VoteChoice::Abstain),
                };
                let threshold = if s.supermajority_motion_types.contains(&motion.motion_type) {
                    &s.supermajority
                } else {
                    &s.simple_majority
                };
                let d = decide(&input, threshold, &s.quorum);
                assert!(d.quorum_met, "{} {}", g.code, motion.title);
                assert_eq!(d.outcome, motion.expect, "{} {}", g.code, motion.title);
                assert_eq!(count(VoteChoice::Against) as usize, motion.against);
                assert_eq!(count(VoteChoice::Abstain) as usize, motion.abstain);
                checked += 1;
            }
        }
    }
    assert!(checked >= 10);
}

/// A group that submits its dossier has everything GRP-ESTABLISH-DOSSIER asks for by then.
#[test]
fn dossiers_are_complete_and_drafts_show_what_they_lack() {
    let c = counties();
    for g in groups(&c).unwrap() {
        let sections = charter_sections(&g, false);
        for (key, text) in &sections {
            assert!(CharterSection::parse(key).is_some(), "{key}");
            assert!(!text.trim().is_empty());
        }
        let present: Vec<(CharterSection, &str)> = sections
            .iter()
            .map(|(k, v)| (CharterSection::parse(k).unwrap(), v.as_str()))
            .collect();
        let missing = missing_sections(&present);
        if !g.spec.reaches(GroupStatus::DossierSubmitted) {
            continue;
        }
        // The last charter motion before the dossier is the one that counts.
        let adopted = g
            .spec
            .meetings
            .iter()
            .filter(|m| m.phase == Phase::Preparing && m.body == Body::Council)
            .flat_map(|m| m.motions.iter())
            .rfind(|m| m.motion_type == crate::domain::council::MotionType::Charter)
            .is_some_and(|m| m.expect == MotionOutcome::Adopted);
        let facts = DossierFacts {
            plan_approved: true,
            member_count: g.members().count() as u32,
            members_missing_basis: 0,
            council_elected: g.council.is_some(),
            charter_drafted: true,
            charter_missing_sections: missing,
            charter_adopted_by_council: adopted,
        };
        assert_eq!(check_establish_dossier(&facts), Ok(()), "{}", g.code);
    }
    let partial = groups(&c)
        .unwrap()
        .into_iter()
        .find(|g| g.spec.draft == super::plan::Draft::WithoutRulesOfProcedure)
        .unwrap();
    assert_eq!(partial.spec.target, GroupStatus::Preparing);
    assert_eq!(charter_sections(&partial, false).len(), 7);
}

#[test]
fn choices_spare_the_chair_and_let_the_proxy_vote_for() {
    use VoteChoice::*;
    assert_eq!(choices(5, Turnout::All, 0, 0), vec![Some(For); 5]);
    assert_eq!(
        choices(5, Turnout::LastByProxy, 2, 0),
        vec![
            Some(For),
            Some(For),
            Some(Against),
            Some(Against),
            Some(For)
        ]
    );
    assert_eq!(
        choices(7, Turnout::LastAbsent, 1, 1),
        vec![
            Some(For),
            Some(For),
            Some(For),
            Some(For),
            Some(Abstain),
            Some(Against),
            None
        ]
    );
    // More dissent than seats present in person: the chair and the proxy still vote for.
    assert_eq!(
        choices(3, Turnout::LastByProxy, 5, 0),
        vec![Some(For), Some(Against), Some(For)]
    );
}

#[test]
fn summary_reads_well() {
    let t = GroupTally {
        groups: 14,
        established: 4,
        meetings: 11,
        resolutions: 11,
        already: 0,
    };
    assert_eq!(
        t.summary(),
        "seeded 14 groups (4 established), 11 meetings, 11 resolutions"
    );
    let t = GroupTally {
        already: 14,
        ..GroupTally::default()
    };
    assert_eq!(
        t.summary(),
        "already seeded: the 14 demo groups are present; nothing changed"
    );
    let t = GroupTally {
        groups: 1,
        meetings: 1,
        resolutions: 1,
        already: 13,
        ..GroupTally::default()
    };
    assert_eq!(
        t.summary(),
        "seeded 1 group (0 established), 1 meeting, 1 resolution (13 groups were already seeded, left as they were)"
    );
}
