//! The later life of the demo is checked without a database: every scene finds its group and
//! school, obeys the rules of §2.4.4 and §2.4.2 as the domain's own rule functions state them
//! (on the registry demo's schools and staff), the scenes do not trip over each other, and they
//! show every state issue #4 §6 asks for.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};

use super::cadres::{nominees, post_title};
use super::clock::{growth_over, lapsed};
use super::exits::{applied_by_chair, new_group_name};
use super::scenes::{Act, Application, Fate, Scene, SCENES};
use super::{group_of, LifeTally};
use crate::domain::cadres::{check_nomination, path_of, Appointer, NominationFacts};
use crate::domain::groups::formation::check_member_may_lead;
use crate::domain::groups::{ActiveRoles, GroupKind, GroupStatus, JoinBasis, SchoolFacts};
use crate::domain::life::{
    applicants, check_dissolve, check_growth_exit, check_growth_period, check_revoke,
    check_spin_off, is_overdue, Applicant, ApplicationKind, ExitReason, OrderFacts,
    RectificationStatus,
};
use crate::domain::registry::CadrePost;
use crate::seed::groups::plan::{basis_of, groups, GroupPlan, PersonAt, GROUPS};
use crate::seed::plan::{prefecture, CountyPlan, SchoolPlan};
use crate::service::life::decisions::Verdict;

fn counties() -> Vec<CountyPlan> {
    prefecture().unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn facts(s: &SchoolPlan, id: i64) -> SchoolFacts {
    SchoolFacts {
        id,
        county_code: s.fields.county_code.clone(),
        standing: s.fields.standing,
        location: s.fields.location,
        type_code: s.fields.type_code.clone(),
        legal_representative_id: None,
    }
}

/// The scene's group and school.
fn place<'p, 'a>(plans: &'p [GroupPlan<'a>], s: &Scene) -> (&'p GroupPlan<'a>, &'a SchoolPlan) {
    let g = group_of(plans, s.at).unwrap_or_else(|| panic!("no group for {:?}", s.at));
    (g, g.schools[s.at.school])
}

fn applications() -> impl Iterator<Item = (&'static Scene, &'static Application)> {
    SCENES.iter().filter_map(|s| match &s.act {
        Act::Apply(a) => Some((s, a)),
        _ => None,
    })
}

/// Whether the scene ends the school's membership.
fn ends_membership(s: &Scene) -> bool {
    match &s.act {
        Act::Apply(a) => matches!(a.verdict, Some((Verdict::Approve, _))),
        Act::Order(o) => matches!(o.fate, Fate::Revoked(_)),
        _ => false,
    }
}

#[test]
fn every_scene_finds_an_established_group_and_its_school() {
    let c = counties();
    let plans = groups(&c).unwrap();
    for s in SCENES {
        let g = group_of(&plans, s.at).unwrap_or_else(|| panic!("no group for {:?}", s.at));
        assert_eq!(g.spec.target, GroupStatus::Established, "{}", g.code);
        assert!(g.council.is_some(), "{}", g.code);
        assert!(s.at.school < g.schools.len(), "{:?}", s.at);
        // Only a scene about the whole group takes place at its core.
        assert_eq!(
            s.at.school == 0,
            matches!(s.act, Act::Dissolve { .. }),
            "{:?}",
            s.at
        );
    }
}

#[test]
fn the_scenes_show_every_state_issue_4_asks_for() {
    let reasons = |v: Option<Verdict>| -> BTreeSet<&str> {
        applications()
            .filter(|(_, a)| a.verdict.map(|(v, _)| v) == v)
            .map(|(_, a)| a.reason.as_str())
            .collect()
    };
    // Memberships ended by graduation, withdrawal and (below) revocation; a spin-off.
    let approved = reasons(Some(Verdict::Approve));
    for r in [
        ExitReason::GraduatedIndependent,
        ExitReason::Withdrawn,
        ExitReason::SpunOff,
    ] {
        assert!(approved.contains(r.as_str()), "no approved {r:?}");
    }
    // An application in the bureau's inbox, and one it refused.
    assert!(!reasons(None).is_empty());
    assert!(!reasons(Some(Verdict::Reject)).is_empty());
    let fates: Vec<Fate> = SCENES
        .iter()
        .filter_map(|s| match &s.act {
            Act::Order(o) => Some(o.fate),
            _ => None,
        })
        .collect();
    assert!(fates.contains(&Fate::Issued));
    assert!(fates.iter().any(|f| matches!(f, Fate::Responded(_))));
    assert!(fates.iter().any(|f| matches!(f, Fate::Revoked(_))));
    assert!(fates.iter().any(|f| matches!(f, Fate::NotRectified { .. })));
    let dissolutions = SCENES
        .iter()
        .filter(|s| matches!(s.act, Act::Dissolve { .. }))
        .count();
    assert_eq!(dissolutions, 1);
    // One nomination in progress, one appointment completed.
    let cadres: Vec<_> = SCENES
        .iter()
        .filter_map(|s| match &s.act {
            Act::Cadres(n) => Some(*n),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(cadres
        .iter()
        .any(|n| n.post == CadrePost::VicePrincipal && !n.appoint));
    assert!(cadres
        .iter()
        .any(|n| n.post == CadrePost::MiddleCadre && n.appoint));
}

/// A school leaves once; nothing happens to it in its group afterwards, nor to a dissolved group
/// or the group of the cadre appointments (which need a current member); and no two scenes leave
/// the same trace, since a scene is recognised as there by it.
#[test]
fn the_scenes_do_not_trip_over_each_other() {
    let mut traces = BTreeSet::new();
    for (i, s) in SCENES.iter().enumerate() {
        let group = (s.at.county, s.at.seq);
        let trace = match &s.act {
            Act::Apply(a) => format!("application {}", a.reason.as_str()),
            Act::Order(_) => "order".to_string(),
            Act::Cadres(_) => "nomination".to_string(),
            Act::Dissolve { .. } => "dissolution".to_string(),
        };
        assert!(traces.insert((s.at, trace.clone())), "{:?} {trace}", s.at);
        let later = &SCENES[i + 1..];
        if ends_membership(s) {
            assert!(later.iter().all(|l| l.at != s.at), "{:?} has left", s.at);
            assert!(
                SCENES
                    .iter()
                    .all(|o| !(matches!(o.act, Act::Cadres(_)) && o.at == s.at)),
                "{:?}: cadres need a current member",
                s.at
            );
        }
        if matches!(s.act, Act::Dissolve { .. }) {
            let others = SCENES
                .iter()
                .filter(|o| (o.at.county, o.at.seq) == group)
                .count();
            assert_eq!(others, 1, "the dissolved group has a scene of its own only");
        }
    }
}

#[test]
fn applications_obey_growth_3y_and_spin_off() {
    let c = counties();
    let plans = groups(&c).unwrap();
    let t = today();
    for (n, (s, a)) in applications().enumerate() {
        let (g, school) = place(&plans, s);
        let id = n as i64 + 1;
        let kind = a.reason.application_kind().expect("an exit applied for");
        // The growth period a join gives (GROWTH-3Y): an assignment's, not yet over today.
        let growth = (basis_of(school) == JoinBasis::BureauAssignment)
            .then(|| t.checked_add_months(chrono::Months::new(36)).unwrap());
        if !applied_by_chair(kind) {
            assert_eq!(check_growth_exit(id, kind, g.spec.kind, growth, t), Ok(()));
        }
        assert!((2..=2000).contains(&a.note.chars().count()), "{}", a.note);
        if let Some((verdict, note)) = a.verdict {
            // A rejection gives its reasons; an approval may.
            assert!(verdict == Verdict::Approve || !note.trim().is_empty());
            assert!(note.chars().count() <= 2000);
        }
        match kind {
            ApplicationKind::GraduateIndependent | ApplicationKind::ConvertToCollaborative => {
                assert!(applied_by_chair(kind));
                assert_eq!(g.spec.kind, GroupKind::Tight, "{}", g.code);
                // Joined new or weak, by the bureau's assignment: it has a growth period, which
                // the clock ends today.
                assert_eq!(basis_of(school), JoinBasis::BureauAssignment);
                let joined = t.checked_add_months(chrono::Months::new(36)).unwrap();
                assert!(check_growth_period(id, GroupKind::Tight, Some(joined), t).is_err());
                assert_eq!(
                    check_growth_period(id, GroupKind::Tight, Some(growth_over(t)), t),
                    Ok(())
                );
            }
            ApplicationKind::SpinOff => {
                assert!(!applied_by_chair(kind));
                assert_eq!(applicants(kind, g.spec.kind, growth), &[Applicant::Member]);
                let f = facts(school, id);
                assert_eq!(check_spin_off(id, f.standing), Ok(()), "{}", g.code);
                let (new_kind, _) = a.new_group.expect("a spin-off names its group");
                // Once it has left, it holds no other role.
                assert_eq!(
                    check_member_may_lead(&f, new_kind, &ActiveRoles::default()),
                    Ok(())
                );
                let name = new_group_name(&school.fields.name);
                assert!(name.chars().count() <= 100 && name.ends_with("教育集团"));
            }
            ApplicationKind::Withdraw => {
                // The member applies itself: it has no growth period in a tight group.
                assert!(!applied_by_chair(kind));
                assert!(applicants(kind, g.spec.kind, growth).contains(&Applicant::Member));
            }
        }
        if kind != ApplicationKind::SpinOff {
            assert!(a.new_group.is_none());
        }
    }
}

/// REVOKE refuses while the deadline is ahead, and allows once the clock has let it pass with the
/// order unanswered (the revoked scenes never report).
#[test]
fn a_revocation_needs_the_deadline_passed() {
    let t = today();
    for s in SCENES {
        let Act::Order(o) = &s.act else { continue };
        assert!(o.days >= 1, "the bureau sets a deadline ahead");
        assert!((2..=2000).contains(&o.violation.chars().count()));
        let ahead = t.checked_add_days(Days::new(o.days)).unwrap();
        let order = |deadline| OrderFacts {
            id: 1,
            deadline,
            status: RectificationStatus::Issued,
        };
        assert!(check_revoke(5, &[order(ahead)], t).is_err());
        if let Fate::Revoked(note) = o.fate {
            assert_eq!(check_revoke(5, &[order(lapsed(t))], t), Ok(()));
            assert!((2..=2000).contains(&note.chars().count()));
        }
        if let Fate::Responded(text) = o.fate {
            assert!((2..=4000).contains(&text.chars().count()));
        }
        if let Fate::NotRectified { response, reason } = o.fate {
            assert!((2..=4000).contains(&response.chars().count()));
            assert!((2..=2000).contains(&reason.chars().count()));
            // Found not rectified, the order is a refusal, whatever its deadline.
            let rejected = OrderFacts {
                status: RectificationStatus::NotRectified,
                ..order(ahead)
            };
            assert_eq!(check_revoke(5, &[rejected], t), Ok(()));
        }
    }
    assert!(is_overdue(lapsed(t), RectificationStatus::Issued, t));
    assert!(!is_overdue(t, RectificationStatus::Issued, t));
}

/// The nominees are teachers of a tight member (not the core), hold no post and no seat, and
/// each post takes its path: the member appoints a middle cadre, the bureau a vice principal.
#[test]
fn cadre_nominations_take_their_paths() {
    let c = counties();
    let plans = groups(&c).unwrap();
    for s in SCENES {
        let Act::Cadres(specs) = &s.act else { continue };
        let (g, school) = place(&plans, s);
        assert_eq!(g.spec.kind, GroupKind::Tight);
        let found = nominees(g, s.at.school, specs).unwrap();
        let numbers: BTreeSet<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(numbers.len(), specs.len(), "one nominee per nomination");
        let seated: BTreeSet<String> = g
            .council
            .as_ref()
            .unwrap()
            .seats
            .iter()
            .map(|(at, _)| g.person(*at).unwrap().id_number.clone())
            .collect();
        for (spec, (number, _)) in specs.iter().zip(&found) {
            let staff = school
                .staff
                .iter()
                .find(|p| &p.id_number == number)
                .unwrap();
            assert_eq!(staff.cadre_post, None);
            assert!(
                !seated.contains(number),
                "{} sits in the council",
                staff.name
            );
            let f = NominationFacts {
                post: spec.post,
                terms: g.spec.kind,
                school_is_core: s.at.school == 0,
                nominee_is_legal_rep: false,
            };
            assert_eq!(check_nomination(&f), Ok(()));
            let path = path_of(spec.post).unwrap();
            match spec.post {
                CadrePost::MiddleCadre => assert_eq!(path.appointer, Appointer::MemberSchool),
                _ => assert!(path.appointer == Appointer::CountyBureau && path.filing),
            }
            assert!(!post_title(spec.post).is_empty());
        }
        // The member's principal (its executive principal) is not among them.
        let principal = crate::seed::groups::plan::principal(school).unwrap();
        let p = g.person(PersonAt {
            school: s.at.school,
            staff: principal,
        });
        assert!(!numbers.contains(p.unwrap().id_number.as_str()));
    }
}

#[test]
fn the_dissolved_group_is_its_own_and_comes_last() {
    let c = counties();
    let plans = groups(&c).unwrap();
    for s in SCENES {
        let Act::Dissolve {
            reason,
            accountability,
        } = &s.act
        else {
            continue;
        };
        assert_eq!(
            check_dissolve(GroupStatus::Established, accountability),
            Ok(())
        );
        assert!((2..=2000).contains(&reason.chars().count()));
        let (g, _) = place(&plans, s);
        // New demo groups come last, so that the ids of the others stay as they were; 平塘县 is
        // left free of demo groups for the README's walk-through.
        let last = GROUPS.last().unwrap();
        assert_eq!((last.county, last.seq), (s.at.county, s.at.seq));
        assert_ne!(g.spec.county_code(), "522727");
    }
}

/// The group a spin-off's approval authorises takes the county's next code, which no demo group
/// of the plan uses (or the groups seed would later find its code taken).
#[test]
fn a_spun_off_group_takes_a_code_no_demo_group_uses() {
    let codes: BTreeSet<String> = GROUPS.iter().map(|g| g.code()).collect();
    for (s, a) in applications() {
        if a.reason != ExitReason::SpunOff || a.verdict.map(|(v, _)| v) != Some(Verdict::Approve) {
            continue;
        }
        let county = GROUPS
            .iter()
            .find(|g| g.county == s.at.county)
            .unwrap()
            .county_code();
        let in_county = GROUPS.iter().filter(|g| g.county == s.at.county).count();
        let next = format!("G{county}{:03}", in_county + 1);
        assert!(!codes.contains(&next), "{next}");
    }
}

#[test]
fn summary_reads_well() {
    let t = LifeTally {
        exits: 4,
        applications: 5,
        open: 1,
        rejected: 1,
        orders: 3,
        dissolved: 1,
        spun_off: 1,
        nominations: 2,
        already: 0,
    };
    assert_eq!(
        t.summary(),
        "seeded group life: 4 exits, 5 applications (1 open, 1 rejected), 3 rectification \
         orders, 1 dissolved group, 1 spun-off group, 2 cadre nominations"
    );
    let t = LifeTally {
        already: 10,
        ..LifeTally::default()
    };
    assert_eq!(
        t.summary(),
        "already seeded: the later life of the demo groups is present (10 scenes); nothing changed"
    );
    let t = LifeTally {
        orders: 1,
        already: 1,
        ..LifeTally::default()
    };
    assert_eq!(
        t.summary(),
        "seeded group life: 0 exits, 0 applications (0 open, 0 rejected), 1 rectification \
         order, 0 dissolved groups, 0 spun-off groups, 0 cadre nominations (1 scene was \
         already seeded, left as it was)"
    );
}
