//! Tests of `hiring`: the method, the total, the title, the allocation and every step.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::vocab::assert_round_trips as round_trips;
use OutcomeStatus as S;

fn w(ethics: i32, ability: i32, performance: i32, contribution: i32) -> Weights {
    Weights {
        ethics,
        ability,
        performance,
        contribution,
    }
}

#[test]
fn codes_round_trip() {
    round_trips(RoundStatus::ALL, |v| v.as_str(), RoundStatus::parse);
    round_trips(OutcomeStatus::ALL, |v| v.as_str(), OutcomeStatus::parse);
    round_trips(DecidingBody::ALL, |v| v.as_str(), DecidingBody::parse);
    round_trips(
        EmploymentStatus::ALL,
        |v| v.as_str(),
        EmploymentStatus::parse,
    );
}

#[test]
fn a_method_adds_up_to_100() {
    assert_eq!(check_weights(&w(30, 30, 25, 15)), Ok(()));
    assert_eq!(check_weights(&w(100, 0, 0, 0)), Ok(()));
    let m = check_weights(&w(30, 30, 25, 10)).unwrap_err();
    assert!(m.en.contains("not 95"), "{}", m.en);
    assert!(m.zh.contains("95"));
    check_weights(&w(30, 30, 25, 16)).unwrap_err();
}

#[test]
fn a_weight_is_0_to_100() {
    let m = check_weights(&w(120, -20, 0, 0)).unwrap_err();
    assert!(m.en.contains("ethics"), "{}", m.en);
    let m = check_weights(&w(50, 160, -10, 0)).unwrap_err();
    assert!(m.en.contains("ability"), "{}", m.en);
}

#[test]
fn scores_are_0_to_100() {
    assert_eq!(check_scores(&w(0, 100, 50, 99)), Ok(()));
    let m = check_scores(&w(90, 90, 101, 90)).unwrap_err();
    assert!(m.en.contains("performance"), "{}", m.en);
}

#[test]
fn the_total_weighs_each_criterion() {
    // 30×90 + 30×80 + 25×70 + 15×60 = 2700 + 2400 + 1750 + 900 = 7750 → 77.50
    assert_eq!(
        weighted_total_centi(&w(30, 30, 25, 15), &w(90, 80, 70, 60)),
        7750
    );
    assert_eq!(
        weighted_total_centi(&w(100, 0, 0, 0), &w(100, 100, 100, 100)),
        10000
    );
    assert_eq!(weighted_total_centi(&w(25, 25, 25, 25), &w(0, 0, 0, 0)), 0);
}

#[test]
fn a_graded_post_needs_a_title_of_its_grade_or_above() {
    use PostCategory::ProfessionalTechnical as Pt;
    use PostLevel as L;
    assert_eq!(check_title(Pt, L::Senior, Some(L::Senior)), Ok(()));
    assert_eq!(check_title(Pt, L::Intermediate, Some(L::Senior)), Ok(()));
    assert_eq!(
        check_title(Pt, L::Intermediate, Some(L::Intermediate)),
        Ok(())
    );
    assert_eq!(check_title(Pt, L::Junior, Some(L::Junior)), Ok(()));
    let v = check_title(Pt, L::Senior, Some(L::Intermediate)).unwrap_err();
    assert_eq!((v.rule, v.field), (Rule::HireTwoWay, Some("person_id")));
    assert!(v.detail.en.contains("intermediate"), "{}", v.detail.en);
    check_title(Pt, L::Intermediate, Some(L::Junior)).unwrap_err();
    let v = check_title(Pt, L::Junior, None).unwrap_err();
    assert!(v.detail.zh.contains("无职称"));
}

#[test]
fn management_and_support_posts_ask_for_no_title() {
    for c in [PostCategory::Management, PostCategory::Support] {
        assert_eq!(check_title(c, PostLevel::Ungraded, None), Ok(()));
    }
}

#[test]
fn a_round_offers_at_most_the_allocation() {
    assert_eq!(check_within_allocation(2, 1), Ok(()));
    assert_eq!(check_within_allocation(2, 2), Ok(()));
    let v = check_within_allocation(2, 3).unwrap_err();
    assert_eq!(v.rule, Rule::StaffPool);
    assert!(
        v.detail.en.contains("allocated 2") && v.detail.en.contains("offer 3"),
        "{}",
        v.detail.en
    );
    check_within_allocation(0, 1).unwrap_err();
}

#[test]
fn every_path_of_an_outcome() {
    assert_eq!(next(None, S::Hired), Ok(S::Hired));
    assert_eq!(next(None, S::NotHired), Ok(S::NotHired));
    assert_eq!(
        next(Some(S::NotHired), S::TransferTraining),
        Ok(S::TransferTraining)
    );
    assert_eq!(
        next(Some(S::TransferTraining), S::Reassigned),
        Ok(S::Reassigned)
    );
    assert_eq!(
        next(Some(S::TransferTraining), S::ContractEnded),
        Ok(S::ContractEnded)
    );
}

fn out_of_order(from: Option<OutcomeStatus>, to: OutcomeStatus) -> RuleViolation {
    match next(from, to) {
        Err(StepRefusal::OutOfOrder(v)) => {
            assert_eq!(v.rule, Rule::HireTwoWay);
            assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
            v
        }
        other => panic!("{from:?} → {to:?}: {other:?}"),
    }
}

#[test]
fn steps_out_of_order_are_refused() {
    for to in [S::TransferTraining, S::Reassigned, S::ContractEnded] {
        out_of_order(None, to);
    }
    let v = out_of_order(Some(S::NotHired), S::Reassigned);
    assert!(v.detail.en.contains("transfer training"), "{}", v.detail.en);
    out_of_order(Some(S::NotHired), S::ContractEnded);
    out_of_order(Some(S::NotHired), S::Hired);
    out_of_order(Some(S::NotHired), S::NotHired);
    out_of_order(Some(S::TransferTraining), S::Hired);
    out_of_order(Some(S::TransferTraining), S::TransferTraining);
}

#[test]
fn a_finished_outcome_takes_no_step() {
    for from in [S::Hired, S::Reassigned, S::ContractEnded] {
        assert!(is_final(from));
        for to in OutcomeStatus::ALL {
            assert_eq!(next(Some(from), *to), Err(StepRefusal::Finished(from)));
        }
    }
    assert!(!is_final(S::NotHired) && !is_final(S::TransferTraining));
}

#[test]
fn the_registry_follows_each_step() {
    assert_eq!(employment_after(S::Hired), EmploymentStatus::InPost);
    assert_eq!(employment_after(S::Reassigned), EmploymentStatus::InPost);
    assert_eq!(employment_after(S::NotHired), EmploymentStatus::NotHired);
    assert_eq!(
        employment_after(S::TransferTraining),
        EmploymentStatus::TransferTraining
    );
    assert_eq!(
        employment_after(S::ContractEnded),
        EmploymentStatus::ContractEnded
    );
    assert!(takes_post(S::Hired) && takes_post(S::Reassigned));
    assert!(!takes_post(S::NotHired) && !takes_post(S::ContractEnded));
}
