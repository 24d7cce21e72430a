#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use super::compliance::*;
use super::overlap::check;
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn span(from: NaiveDate, to: Option<NaiveDate>, pct: u32) -> Span {
    Span {
        starts_on: from,
        ends_on: to,
        share_percent: pct,
    }
}

const T: Thresholds = Thresholds {
    group_percent: 10,
    backbone_percent: 40,
    core_percent: 10,
};
const CORE: i64 = 1;
const NEW: i64 = 2;
const WEAK: i64 = 3;

fn teachers(school: i64, from: i64, n: i64, backbone: i64) -> Vec<Teacher> {
    (0..n)
        .map(|i| Teacher {
            person_id: from + i,
            school_id: school,
            backbone: i < backbone,
        })
        .collect()
}

fn moved(person: i64, kind: ExchangeKind, from: i64, to: i64, subjects: &[&str]) -> Movement {
    Movement {
        person_id: person,
        kind,
        from_school_id: from,
        to_school_id: to,
        subjects: subjects.iter().map(|s| s.to_string()).collect(),
        status: ExchangeStatus::Active,
        span: span(d(2026, 9, 1), Some(d(2027, 7, 15)), 100),
        transferred: false,
    }
}

/// A group of 100 teachers: 50 at the core (ids 1–50, 20 backbone), 30 at a newly opened member
/// that teaches Chinese and mathematics (ids 101–130), 20 at a member weak in English.
fn group(movements: Vec<Movement>) -> GroupYear {
    let mut t = teachers(CORE, 1, 50, 20);
    t.extend(teachers(NEW, 101, 30, 0));
    t.extend(teachers(WEAK, 201, 20, 0));
    GroupYear {
        year: 2026,
        core_school_id: CORE,
        members: vec![
            Member {
                school_id: NEW,
                newly_opened: true,
                subjects_taught: vec!["11".into(), "12".into()],
                weak_subjects: vec![],
            },
            Member {
                school_id: WEAK,
                newly_opened: false,
                subjects_taught: vec!["11".into(), "13".into()],
                weak_subjects: vec!["13".into()],
            },
        ],
        teachers: t,
        movements,
        stable: true,
    }
}

#[test]
fn ten_percent_is_met_and_one_teacher_fewer_is_short_by_one() {
    // 10 of 100 teachers, 4 of them backbone (the core's 1–4): both thresholds exactly.
    let mut ms: Vec<Movement> = (1..=10)
        .map(|p| moved(p, ExchangeKind::Rotation, CORE, NEW, &["11"]))
        .collect();
    let f = figures(&group(ms.clone()), &T);
    assert_eq!((f.group.numerator, f.group.denominator), (10, 100));
    assert_eq!(f.group.standing, Standing::Met);
    assert_eq!((f.backbone.numerator, f.backbone.denominator), (10, 10));
    assert_eq!(f.core.standing, Standing::Met);
    assert_eq!((f.core.numerator, f.core.denominator), (10, 50));
    ms.pop();
    let f = figures(&group(ms), &T);
    assert_eq!(f.group.standing, Standing::Short);
    assert_eq!(f.group.more_needed, Some(1));
    let by_core = f.by_member.iter().find(|m| m.school_id == CORE).unwrap();
    assert_eq!((by_core.teachers, by_core.exchanged), (50, 9));
}

#[test]
fn forty_percent_backbone_at_and_just_below() {
    // 4 backbone (1–4) and 6 others (21–26) of the core: 4/10 = 40%.
    let ms = |others: std::ops::RangeInclusive<i64>| -> Vec<Movement> {
        (1..=4)
            .chain(others)
            .map(|p| moved(p, ExchangeKind::Rotation, CORE, NEW, &[]))
            .collect()
    };
    let f = figures(&group(ms(21..=26)), &T);
    assert_eq!((f.backbone.numerator, f.backbone.denominator), (4, 10));
    assert_eq!(f.backbone.standing, Standing::Met);
    // 4/11 < 40%: one more backbone teacher makes 5/12 ≥ 40%.
    let f = figures(&group(ms(21..=27)), &T);
    assert_eq!(f.backbone.standing, Standing::Short);
    assert_eq!(f.backbone.more_needed, Some(1));
    // 0 of 10: 4 more backbone makes 4/14 < 40%; it takes 7 (7/17 ≥ 40%).
    assert_eq!(backbone_share(0, 10, 40).more_needed, Some(7));
    assert_eq!(backbone_share(1, 2, 100).more_needed, None);
    assert_eq!(backbone_share(0, 0, 40).standing, Standing::NotApplicable);
}

#[test]
fn core_ten_percent_applies_once_stable_and_counts_transferred_teachers() {
    // 4 of the core's 50 to members, 1 more to a school outside the group (not counted).
    let mut ms: Vec<Movement> = (1..=4)
        .map(|p| moved(p, ExchangeKind::Rotation, CORE, WEAK, &[]))
        .collect();
    ms.push(moved(
        5,
        ExchangeKind::CrossSchoolTeaching,
        CORE,
        99,
        &["13"],
    ));
    let f = figures(&group(ms.clone()), &T);
    assert_eq!((f.core.numerator, f.core.denominator), (4, 50));
    assert_eq!(
        (f.core.standing, f.core.more_needed),
        (Standing::Short, Some(1))
    );
    // The one outside the group still counts for EXCH-GROUP-10.
    assert_eq!(f.group.numerator, 5);
    // A teacher whose relation moved is the member's now, and still the core's denominator.
    let mut g = group(ms.clone());
    g.teachers
        .iter_mut()
        .find(|t| t.person_id == 1)
        .unwrap()
        .school_id = WEAK;
    let mut m0 = ms[0].clone();
    m0.transferred = true;
    g.movements[0] = m0;
    let f = figures(&g, &T);
    assert_eq!((f.core.numerator, f.core.denominator), (4, 50));
    let mut g = group(ms);
    g.stable = false;
    assert_eq!(figures(&g, &T).core.standing, Standing::NotApplicable);
}

#[test]
fn every_subject_of_a_new_member_needs_a_backbone_dispatch_from_the_core() {
    let f = figures(
        &group(vec![moved(
            1,
            ExchangeKind::BackboneDispatch,
            CORE,
            NEW,
            &["11"],
        )]),
        &T,
    );
    assert_eq!(
        (
            f.new_school_subjects.covered,
            f.new_school_subjects.required
        ),
        (1, 2)
    );
    assert_eq!(
        f.new_school_subjects.missing,
        vec![Uncovered {
            school_id: NEW,
            subject: "12".into()
        }]
    );
    // A rotation, a planned or a cancelled dispatch, or one from another member covers nothing.
    let mut planned = moved(2, ExchangeKind::BackboneDispatch, CORE, NEW, &["12"]);
    planned.status = ExchangeStatus::Planned;
    let f = figures(
        &group(vec![
            moved(1, ExchangeKind::BackboneDispatch, CORE, NEW, &["11"]),
            moved(3, ExchangeKind::Rotation, CORE, NEW, &["12"]),
            moved(201, ExchangeKind::BackboneDispatch, WEAK, NEW, &["12"]),
            planned,
        ]),
        &T,
    );
    assert_eq!(f.new_school_subjects.standing, Standing::Short);
    let f = figures(
        &group(vec![
            moved(1, ExchangeKind::BackboneDispatch, CORE, NEW, &["11", "12"]),
            moved(2, ExchangeKind::BackboneDispatch, CORE, WEAK, &["13"]),
        ]),
        &T,
    );
    assert_eq!(f.new_school_subjects.standing, Standing::Met);
    assert_eq!(f.weak_subjects.standing, Standing::Met);
    assert_eq!(figures(&group(vec![]), &T).weak_subjects.missing.len(), 1);
}

#[test]
fn an_exchange_counts_in_every_year_it_touches() {
    let s = span(d(2026, 9, 1), Some(d(2027, 7, 15)), 100);
    assert!(s.touches_year(2026) && s.touches_year(2027));
    assert!(!s.touches_year(2025) && !s.touches_year(2028));
    assert!(span(d(2026, 9, 1), None, 100).touches_year(2030));
    let mut g = group(vec![moved(1, ExchangeKind::Rotation, CORE, NEW, &[])]);
    g.year = 2028;
    assert_eq!(figures(&g, &T).group.numerator, 0);
}

#[test]
fn one_full_time_exchange_at_a_time_and_part_time_shares_up_to_100() {
    let full = (7, span(d(2026, 9, 1), Some(d(2027, 7, 15)), 100));
    // The day after it ends is free; its last day is not.
    assert_eq!(check(&[full], &span(d(2027, 7, 16), None, 100)), Ok(()));
    let e = check(&[full], &span(d(2027, 7, 15), None, 30)).unwrap_err();
    assert_eq!(
        (e.on, e.total_percent, e.with),
        (d(2027, 7, 15), 130, vec![7])
    );
    // 40% + 60% fit; one more percent on a day both run does not.
    let a = (1, span(d(2026, 9, 1), Some(d(2026, 12, 31)), 40));
    let b = (2, span(d(2026, 10, 1), Some(d(2027, 1, 31)), 50));
    assert_eq!(
        check(&[a], &span(d(2026, 9, 1), Some(d(2027, 6, 30)), 60)),
        Ok(())
    );
    assert_eq!(check(&[a, b], &span(d(2027, 1, 1), None, 50)), Ok(()));
    let e = check(&[a, b], &span(d(2026, 9, 15), Some(d(2026, 11, 1)), 11)).unwrap_err();
    assert_eq!(
        (e.on, e.total_percent, e.with),
        (d(2026, 10, 1), 101, vec![1, 2])
    );
}

#[test]
fn acts_follow_the_status() {
    use ExchangeAct as A;
    use ExchangeStatus as S;
    assert_eq!(A::Start.next(S::Planned), Some(S::Active));
    assert_eq!(A::Complete.next(S::Active), Some(S::Completed));
    assert_eq!(A::Cancel.next(S::Active), Some(S::Cancelled));
    assert_eq!(A::Complete.next(S::Planned), None);
    assert_eq!(A::Cancel.next(S::Completed), None);
    assert_eq!(A::Start.next(S::Cancelled), None);
    assert!(!S::Cancelled.holds_time() && S::Planned.holds_time());
    assert!(ExchangeKind::CrossSchoolTeaching.may_be_part_time());
    assert!(!ExchangeKind::Rotation.may_leave_the_group());
}

mod scope_rules {
    use crate::domain::exchange::scope::{check, Proposed};
    use crate::domain::exchange::ExchangeKind;

    fn base(kind: ExchangeKind) -> Proposed {
        Proposed {
            kind,
            from_is_core: true,
            from_in_group: true,
            to_in_group: true,
            backbone: true,
        }
    }

    fn refused(p: Proposed) -> bool {
        check(&p).is_err_and(|v| v.rule == crate::domain::rules::Rule::ExchScope)
    }

    #[test]
    fn only_cross_school_teaching_leaves_the_group() {
        for k in ExchangeKind::ALL {
            let p = Proposed {
                to_in_group: false,
                ..base(*k)
            };
            assert_eq!(refused(p), *k != ExchangeKind::CrossSchoolTeaching, "{k}");
        }
    }

    #[test]
    fn the_core_sends_dispatches_and_a_backbone_dispatch_a_backbone_teacher() {
        let from_member = |k| Proposed {
            from_is_core: false,
            ..base(k)
        };
        assert!(refused(from_member(ExchangeKind::BackboneDispatch)));
        assert!(refused(from_member(ExchangeKind::ManagementDispatch)));
        assert!(!refused(from_member(ExchangeKind::Rotation)));
        assert!(refused(Proposed {
            backbone: false,
            ..base(ExchangeKind::BackboneDispatch)
        }));
        assert!(!refused(Proposed {
            backbone: false,
            ..base(ExchangeKind::Rotation)
        }));
    }

    #[test]
    fn the_teacher_leaves_a_school_of_the_group() {
        assert!(refused(Proposed {
            from_in_group: false,
            ..base(ExchangeKind::CrossSchoolTeaching)
        }));
    }
}

mod treatments_and_plans {
    use crate::domain::exchange::plan::{progress, Cited, PlanLine};
    use crate::domain::exchange::treatment::{treatments, Basis};
    use crate::domain::exchange::{ExchangeKind as K, ExchangeStatus as S, Treatment as T};

    #[test]
    fn a_backbone_dispatch_earns_all_three_a_voluntary_move_to_a_member_title_priority() {
        let b = |kind, status, voluntary, to_member| Basis {
            kind,
            status,
            voluntary,
            to_member,
        };
        assert_eq!(
            treatments(&b(K::BackboneDispatch, S::Active, false, true)),
            vec![T::MiddleCadre, T::AwardPriority, T::TitlePriority]
        );
        assert_eq!(
            treatments(&b(K::Rotation, S::Completed, true, true)),
            vec![T::TitlePriority]
        );
        assert!(treatments(&b(K::Rotation, S::Active, false, true)).is_empty());
        assert!(treatments(&b(K::CrossSchoolTeaching, S::Active, true, false)).is_empty());
        assert!(treatments(&b(K::BackboneDispatch, S::Planned, false, true)).is_empty());
        assert!(treatments(&b(K::BackboneDispatch, S::Cancelled, false, true)).is_empty());
    }

    #[test]
    fn planned_against_actual_counts_distinct_teachers_that_took_place() {
        let lines = vec![
            PlanLine {
                kind: K::Rotation,
                from_school_id: 1,
                to_school_id: 2,
                teachers: 3,
            },
            PlanLine {
                kind: K::BackboneDispatch,
                from_school_id: 1,
                to_school_id: 3,
                teachers: 1,
            },
        ];
        let c = |person_id, kind, to, status| Cited {
            person_id,
            kind,
            from_school_id: 1,
            to_school_id: to,
            status,
        };
        let cited = vec![
            c(10, K::Rotation, 2, S::Active),
            c(10, K::Rotation, 2, S::Completed),
            c(11, K::Rotation, 2, S::Planned),
            c(12, K::Rotation, 2, S::Cancelled),
            c(13, K::Rotation, 3, S::Active),
            c(14, K::CrossStage, 3, S::Completed),
        ];
        let (out, unplanned) = progress(&lines, &cited);
        assert_eq!(out[0].actual, 1);
        assert_eq!(out[1].actual, 0);
        assert_eq!(unplanned, 2);
    }
}

#[test]
fn a_transferred_teacher_counts_as_exchanged_by_the_school_that_sent_them() {
    // Teacher 1 moved with their relation to the new member: the registry has them there now.
    let mut g = group(vec![Movement {
        transferred: true,
        ..moved(1, ExchangeKind::Rotation, CORE, NEW, &[])
    }]);
    if let Some(t) = g.teachers.iter_mut().find(|t| t.person_id == 1) {
        t.school_id = NEW;
    }
    let f = figures(&g, &T);
    let at = |s: i64| {
        f.by_member
            .iter()
            .find(|m| m.school_id == s)
            .unwrap()
            .clone()
    };
    assert_eq!((at(CORE).teachers, at(CORE).exchanged), (49, 1));
    assert_eq!((at(NEW).teachers, at(NEW).exchanged), (31, 0));
    // EXCH-CORE-10: 1 sent of the core's 49 plus the one who moved with the exchange.
    assert_eq!((f.core.numerator, f.core.denominator), (1, 50));
}

#[test]
fn the_cores_numerator_is_part_of_its_denominator() {
    // Teacher 2 was sent from the core (relation retained) but is now another school's.
    let mut g = group(vec![moved(2, ExchangeKind::Rotation, CORE, NEW, &[])]);
    if let Some(t) = g.teachers.iter_mut().find(|t| t.person_id == 2) {
        t.school_id = WEAK;
    }
    let f = figures(&g, &T);
    assert_eq!((f.core.numerator, f.core.denominator), (0, 49));
    assert!(f.core.numerator <= f.core.denominator);
}
