#![allow(clippy::unwrap_used, clippy::panic)]

use super::adjust::{next, period_is_valid, AdjustRefusal, AdjustmentAct as A};
use super::limits::{check_bonus, check_county, CountyTotals, Sums};
use super::pool::{check_pool, contribution, pool, MemberQuota, PoolBasis};
use super::*;
use crate::domain::registry::SchoolStanding;
use crate::domain::rules::Rule;

fn member(id: i64, core: bool, standing: SchoolStanding, quota: i32) -> MemberQuota {
    MemberQuota {
        school_id: id,
        is_core: core,
        standing,
        staffing_quota: quota,
        pooled_quota: None,
        pooled_share: None,
    }
}

fn line(school: i64, level: PostLevel, bonus: bool, posts: i32) -> Allocation {
    let category = if level == PostLevel::Ungraded {
        PostCategory::Management
    } else {
        PostCategory::ProfessionalTechnical
    };
    Allocation {
        school_id: school,
        category,
        level,
        bonus,
        posts,
    }
}

const TOTALS: CountyTotals = CountyTotals {
    staff_quota: 100,
    senior_posts: 30,
    intermediate_posts: 40,
    senior_bonus_percent: 10,
};

#[test]
fn the_core_weak_and_new_members_pool_all_others_what_their_agreement_says() {
    let core = member(1, true, SchoolStanding::Quality, 80);
    let weak = member(2, false, SchoolStanding::Weak, 30);
    let new = member(3, false, SchoolStanding::NewlyOpened, 12);
    let by_number = MemberQuota {
        pooled_quota: Some(50),
        ..member(4, false, SchoolStanding::Ordinary, 20)
    };
    let by_share = MemberQuota {
        pooled_share: Some(25),
        ..member(5, false, SchoolStanding::Ordinary, 41)
    };
    let silent = member(6, false, SchoolStanding::Potential, 40);
    assert_eq!(contribution(&core).basis, PoolBasis::Whole);
    assert_eq!(contribution(&weak).posts, 30);
    assert_eq!(contribution(&new).posts, 12);
    // An agreement never pools more than the school has, and a share rounds down.
    assert_eq!(contribution(&by_number).posts, 20);
    assert_eq!(contribution(&by_share).posts, 10);
    assert_eq!(contribution(&silent).basis, PoolBasis::NotPooled);
    let p = pool(&[core, weak, new, by_number, by_share, silent], 5);
    assert_eq!(p.total, 80 + 30 + 12 + 20 + 10 + 5);
}

#[test]
fn staff_pool_allows_the_pool_exactly_and_refuses_one_more() {
    let at = [
        line(1, PostLevel::Senior, false, 6),
        line(2, PostLevel::Ungraded, false, 4),
    ];
    assert!(check_pool(10, &at).is_ok());
    let over = [
        line(1, PostLevel::Senior, false, 7),
        line(2, PostLevel::Ungraded, false, 4),
    ];
    assert_eq!(check_pool(10, &over).unwrap_err().rule, Rule::StaffPool);
    // The core's bonus posts are the county's, on top of the pool.
    let bonus = [
        line(1, PostLevel::Senior, false, 6),
        line(2, PostLevel::Ungraded, false, 4),
        line(1, PostLevel::Senior, true, 1),
    ];
    assert!(check_pool(10, &bonus).is_ok());
}

#[test]
fn the_bonus_is_at_most_the_county_share_of_the_core_posts_at_each_level() {
    let own = line(1, PostLevel::Senior, false, 20);
    assert!(check_bonus(&TOTALS, 1, &[own, line(1, PostLevel::Senior, true, 2)]).is_ok());
    let e = check_bonus(&TOTALS, 1, &[own, line(1, PostLevel::Senior, true, 3)]).unwrap_err();
    assert_eq!(e.rule, Rule::StaffSeniorBonus);
    // 19 posts allow 1 (rounded down); intermediate posts do not raise the senior allowance.
    let own19 = line(1, PostLevel::Senior, false, 19);
    let inter = line(1, PostLevel::Intermediate, false, 30);
    assert!(check_bonus(
        &TOTALS,
        1,
        &[own19, inter, line(1, PostLevel::Senior, true, 1)]
    )
    .is_ok());
    assert!(check_bonus(
        &TOTALS,
        1,
        &[own19, inter, line(1, PostLevel::Senior, true, 2)]
    )
    .is_err());
    // Only the core, only senior and intermediate professional posts.
    assert!(check_bonus(
        &TOTALS,
        1,
        &[
            line(2, PostLevel::Senior, false, 20),
            line(2, PostLevel::Senior, true, 1)
        ]
    )
    .is_err());
    assert!(check_bonus(
        &TOTALS,
        1,
        &[
            line(1, PostLevel::Junior, false, 20),
            line(1, PostLevel::Junior, true, 1)
        ]
    )
    .is_err());
    // A county that sets 0% gives none.
    let none = CountyTotals {
        senior_bonus_percent: 0,
        ..TOTALS
    };
    assert!(check_bonus(&none, 1, &[own, line(1, PostLevel::Senior, true, 1)]).is_err());
}

#[test]
fn county_totals_allow_their_number_and_refuse_one_more() {
    let at = Sums {
        posts: 100,
        senior: 30,
        intermediate: 40,
    };
    assert!(check_county(Some(&TOTALS), at, false).is_ok());
    let e = check_county(Some(&TOTALS), Sums { posts: 101, ..at }, false).unwrap_err();
    assert_eq!(e.rule, Rule::StaffCountyTotal);
    let e = check_county(Some(&TOTALS), Sums { senior: 31, ..at }, false).unwrap_err();
    assert_eq!(e.rule, Rule::StaffCountyTotal);
    // With bonus posts in the proposal, the senior total is the bonus rule's limit.
    let e = check_county(
        Some(&TOTALS),
        Sums {
            intermediate: 41,
            ..at
        },
        true,
    )
    .unwrap_err();
    assert_eq!(e.rule, Rule::StaffSeniorBonus);
    // No totals for the year: nothing may be allocated.
    assert_eq!(
        check_county(None, Sums::default(), false).unwrap_err().rule,
        Rule::StaffCountyTotal
    );
}

#[test]
fn apply_replaces_lines_by_key_and_drops_zeros() {
    let cur = [
        line(1, PostLevel::Senior, false, 5),
        line(2, PostLevel::Junior, false, 3),
    ];
    let out = apply(
        &cur,
        &[
            line(1, PostLevel::Senior, false, 7),
            line(2, PostLevel::Junior, false, 0),
        ],
    );
    assert_eq!(out, vec![line(1, PostLevel::Senior, false, 7)]);
    assert_eq!(
        Sums::of(&out),
        Sums {
            posts: 7,
            senior: 7,
            intermediate: 0
        }
    );
}

#[test]
fn an_adjustment_passes_the_office_meeting_before_the_bureau() {
    use AdjustmentStatus as S;
    assert_eq!(next(S::Proposed, A::OfficePass), Ok(S::OfficePassed));
    assert_eq!(next(S::OfficePassed, A::Approve), Ok(S::Approved));
    assert_eq!(next(S::OfficePassed, A::Refuse), Ok(S::Refused));
    assert_eq!(next(S::Proposed, A::OfficeReject), Ok(S::OfficeRejected));
    assert_eq!(next(S::OfficePassed, A::Supersede), Ok(S::Superseded));
    match next(S::Proposed, A::Approve) {
        Err(AdjustRefusal::OutOfOrder(v)) => assert_eq!(v.rule, Rule::StaffAdjust),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        next(S::Approved, A::Withdraw),
        Err(AdjustRefusal::Closed(S::Approved))
    );
    assert_eq!(
        next(S::Refused, A::Approve),
        Err(AdjustRefusal::Closed(S::Refused))
    );
}

#[test]
fn filing_periods_are_years_halves_quarters_or_months() {
    for ok in ["2026", "2026-H2", "2026-Q4", "2026-01", "2026-12"] {
        assert!(period_is_valid(ok), "{ok}");
    }
    for bad in [
        "26", "2026-H3", "2026-Q0", "2026-13", "2026-00", "0226", "2026-", "2026/Q1", "",
    ] {
        assert!(!period_is_valid(bad), "{bad}");
    }
}

#[test]
fn categories_and_levels_go_together() {
    use super::pool::level_fits;
    assert!(level_fits(
        PostCategory::ProfessionalTechnical,
        PostLevel::Senior
    ));
    assert!(!level_fits(
        PostCategory::ProfessionalTechnical,
        PostLevel::Ungraded
    ));
    assert!(level_fits(PostCategory::Support, PostLevel::Ungraded));
    assert!(!level_fits(PostCategory::Management, PostLevel::Junior));
}
