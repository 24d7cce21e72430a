#![allow(clippy::unwrap_used)]

use super::framework::{check, prefecture_template, Dimension, Indicator};
use super::pay::{check_allocation, check_plan, pool, suggest, AllocationLine};
use super::scoring::{contribution, scaled, tenths, total, Cutoffs};
use super::state::{check_scoring, next};
use super::*;
use crate::domain::rules::Rule;

fn ind(code: &str, level: IndicatorLevel, weight: u32) -> Indicator {
    Indicator {
        code: code.into(),
        name_zh: "指标".into(),
        name_en: "indicator".into(),
        level,
        weight,
        max_score: 10,
        guide: "g".into(),
        source: IndicatorSource::Manual,
        metric: None,
        target: None,
    }
}

fn dim(inds: Vec<Indicator>) -> Vec<Dimension> {
    vec![Dimension {
        code: "D".into(),
        name_zh: "维度".into(),
        name_en: "dimension".into(),
        indicators: inds,
    }]
}

#[test]
fn the_template_passes_its_own_rule() {
    check(&prefecture_template()).unwrap();
}

#[test]
fn weights_sum_to_100_per_level() {
    check(&dim(vec![
        ind("a", IndicatorLevel::Group, 60),
        ind("b", IndicatorLevel::Group, 40),
    ]))
    .unwrap();
    let short = check(&dim(vec![
        ind("a", IndicatorLevel::Group, 60),
        ind("b", IndicatorLevel::Group, 39),
    ]))
    .unwrap_err();
    assert_eq!(short.rule, Rule::AssessFramework);
    assert!(short.detail.en.contains("sum to 99"), "{}", short.detail.en);
    let member = check(&dim(vec![
        ind("a", IndicatorLevel::Group, 100),
        ind("m", IndicatorLevel::Member, 101),
    ]))
    .unwrap_err();
    assert!(member.detail.en.contains("member level sum to 101"));
    // No group level at all.
    assert!(check(&dim(vec![ind("c", IndicatorLevel::Core, 100)])).is_err());
}

#[test]
fn computed_indicators_read_a_metric_of_their_level() {
    let mut i = ind("a", IndicatorLevel::Group, 100);
    i.source = IndicatorSource::Computed;
    assert!(check(&dim(vec![i.clone()])).is_err(), "no metric");
    i.metric = Some(Metric::CoreExchangeShare);
    let e = check(&dim(vec![i.clone()])).unwrap_err();
    assert!(
        e.detail.en.contains("scores the core level"),
        "{}",
        e.detail.en
    );
    i.metric = Some(Metric::MeetingsWithQuorum);
    assert!(check(&dim(vec![i.clone()])).is_err(), "needs a target");
    i.target = Some(2);
    check(&dim(vec![i])).unwrap();
    let mut m = ind("b", IndicatorLevel::Group, 100);
    m.metric = Some(Metric::ExchangeGroupShare);
    assert!(
        check(&dim(vec![m])).is_err(),
        "a manual indicator reads no metric"
    );
}

#[test]
fn codes_are_unique() {
    let e = check(&dim(vec![
        ind("a", IndicatorLevel::Group, 50),
        ind("a", IndicatorLevel::Group, 50),
    ]))
    .unwrap_err();
    assert!(e.detail.en.contains("used twice"));
    assert!(
        check(&dim(vec![ind("D", IndicatorLevel::Group, 100)])).is_err(),
        "a dimension's code"
    );
}

#[test]
fn scores_in_tenths() {
    assert_eq!(tenths(8.5), Some(85));
    assert_eq!(tenths(10.0), Some(100));
    assert_eq!(tenths(0.0), Some(0));
    assert_eq!(tenths(8.25), None);
    assert_eq!(tenths(-1.0), None);
    assert_eq!(tenths(f64::NAN), None);
}

#[test]
fn totals_and_grades() {
    let a = ind("a", IndicatorLevel::Group, 60);
    let b = ind("b", IndicatorLevel::Group, 40);
    assert!((contribution(&a, 100) - 60.0).abs() < 1e-9);
    assert_eq!(
        total([(&a, Some(100)), (&b, Some(50))].into_iter()),
        Some(80.0)
    );
    assert_eq!(total([(&a, Some(100)), (&b, None)].into_iter()), None);
    let c = Cutoffs::default();
    assert_eq!(c.grade(90.0), Grade::Excellent);
    assert_eq!(c.grade(89.99), Grade::Good);
    assert_eq!(c.grade(75.0), Grade::Good);
    assert_eq!(c.grade(74.99), Grade::Pass);
    assert_eq!(c.grade(60.0), Grade::Pass);
    assert_eq!(c.grade(59.99), Grade::Fail);
    assert!(Cutoffs {
        excellent_min: 90,
        good_min: 90,
        pass_min: 60
    }
    .validate()
    .is_err());
    c.validate().unwrap();
}

#[test]
fn scaled_scores() {
    // 10% of 10% threshold → full; 9 of 100 teachers against 10% → 90% of 10 points.
    assert_eq!(scaled(10, 10 * 100, 100 * 10), 100);
    assert_eq!(scaled(10, 9 * 100, 100 * 10), 90);
    assert_eq!(scaled(10, 1, 3), 33);
    assert_eq!(scaled(10, 2, 3), 67);
    assert_eq!(scaled(10, 5, 3), 100, "capped");
    assert_eq!(scaled(10, 0, 0), 100, "not applicable earns full marks");
    assert_eq!(scaled(10, 0, 4), 0);
}

#[test]
fn states() {
    use AssessmentAct as A;
    use AssessmentStatus as S;
    assert_eq!(next(S::Open, A::MarkScored).unwrap(), S::Scored);
    assert_eq!(next(S::SelfAssessed, A::MarkScored).unwrap(), S::Scored);
    assert_eq!(next(S::Scored, A::Finalise).unwrap(), S::Finalised);
    assert_eq!(next(S::Finalised, A::Publish).unwrap(), S::Published);
    assert_eq!(next(S::Finalised, A::Reopen).unwrap(), S::Scored);
    assert_eq!(next(S::Scored, A::Compute).unwrap(), S::Scored);
    for (s, a) in [
        (S::Open, A::Finalise),
        (S::Finalised, A::Compute),
        (S::Published, A::Reopen),
        (S::Scored, A::Reopen),
        (S::Published, A::Publish),
    ] {
        assert_eq!(
            next(s, a).unwrap_err().rule,
            Rule::AssessState,
            "{s:?} {a:?}"
        );
    }
    assert!(check_scoring(S::Finalised).is_err());
    assert!(check_scoring(S::Scored).is_ok());
}

#[test]
fn pay_pool() {
    assert_eq!(pool(1_000_000, 25), 250_000);
    assert_eq!(pool(1_001, 25), 250);
    let line = |id, amount, grade| AllocationLine {
        group_id: id,
        amount_yuan: amount,
        grade,
    };
    check_allocation(
        250_000,
        &[
            line(1, 150_000, Some(Grade::Excellent)),
            line(2, 100_000, Some(Grade::Good)),
        ],
    )
    .unwrap();
    let over = check_allocation(
        250_000,
        &[
            line(1, 150_001, Some(Grade::Excellent)),
            line(2, 100_000, Some(Grade::Good)),
        ],
    )
    .unwrap_err();
    assert_eq!(over.rule, Rule::PayPool);
    assert!(over.detail.en.contains("250001"), "{}", over.detail.en);
    assert!(
        check_allocation(250_000, &[line(1, 1, Some(Grade::Pass))]).is_err(),
        "only good or better"
    );
    check_allocation(250_000, &[line(1, 0, Some(Grade::Pass))]).unwrap();
    assert!(
        check_allocation(250_000, &[line(1, 1, None)]).is_err(),
        "unpublished"
    );
    check_allocation(250_000, &[line(1, 0, None)]).unwrap();
    let s = suggest(
        100,
        &[(1, Grade::Excellent), (2, Grade::Good), (3, Grade::Pass)],
        |g| match g {
            Grade::Excellent => 2,
            Grade::Good => 1,
            _ => 0,
        },
    );
    assert_eq!(s, vec![(1, 66), (2, 33), (3, 0)]);
    check_plan(Some(100), 100).unwrap();
    assert_eq!(check_plan(Some(100), 101).unwrap_err().rule, Rule::PayPool);
    assert!(check_plan(None, 0).is_err());
}

#[test]
fn flags_follow_the_grades() {
    use super::flags::{flags, Unit};
    use crate::domain::registry::enums::SchoolStanding;
    let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let units = [
        Unit {
            school_id: 1,
            is_core: true,
            standing: SchoolStanding::Quality,
            grade: Some(Grade::Good),
            growth_until: None,
        },
        Unit {
            school_id: 2,
            is_core: false,
            standing: SchoolStanding::Potential,
            grade: Some(Grade::Excellent),
            growth_until: None,
        },
        Unit {
            school_id: 3,
            is_core: false,
            standing: SchoolStanding::Weak,
            grade: Some(Grade::Fail),
            growth_until: Some(d(2027, 8, 31)),
        },
        Unit {
            school_id: 4,
            is_core: false,
            standing: SchoolStanding::Weak,
            grade: Some(Grade::Pass),
            growth_until: Some(d(2029, 8, 31)),
        },
    ];
    let f = flags(2026, Some(Grade::Fail), &units);
    assert_eq!(
        f,
        vec![
            (OutcomeFlag::DissolutionReview, None),
            (OutcomeFlag::SpinOffCandidate, Some(2)),
            (OutcomeFlag::RectificationAdvised, Some(3)),
            (OutcomeFlag::GrowthReviewDue, Some(3)),
        ]
    );
    assert!(flags(2026, Some(Grade::Pass), &units[..2])
        .contains(&(OutcomeFlag::SpinOffCandidate, Some(2))));
}
