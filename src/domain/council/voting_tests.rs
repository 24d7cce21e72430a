//! Tests of `voting.rs`: every denominator, the edge cases, and the refusals.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::groups::settings::GroupRuleSettings;
use crate::domain::rules::Rule;

fn more_than_half() -> Threshold {
    GroupRuleSettings::default().simple_majority
}

fn two_thirds() -> Threshold {
    GroupRuleSettings::default().supermajority
}

fn on(base: MajorityBase, t: Threshold) -> Threshold {
    Threshold { base, ..t }
}

const Q: Fraction = Fraction::TWO_THIRDS;

fn tally(seats: u32, present: u32, votes_for: u32, against: u32, abstain: u32) -> TallyInput {
    TallyInput {
        seats,
        present,
        recused: 0,
        votes_for,
        against,
        abstain,
    }
}

#[test]
fn defaults_are_more_than_half_and_at_least_two_thirds_of_all_seats() {
    assert!(more_than_half().strict);
    assert_eq!(more_than_half().base, MajorityBase::AllSeats);
    assert!(!two_thirds().strict);
}

#[test]
fn all_seats_base_counts_absent_seats_against() {
    // 9 seats, 6 present: more than half of all seats is 5, whoever is absent.
    let d = decide(&tally(9, 6, 5, 1, 0), &more_than_half(), &Q);
    assert_eq!(
        (d.outcome, d.base, d.required_votes),
        (MotionOutcome::Adopted, 9, 5)
    );
    let d = decide(&tally(9, 6, 4, 0, 2), &more_than_half(), &Q);
    assert_eq!(d.outcome, MotionOutcome::Rejected);
}

#[test]
fn exactly_half_is_not_more_than_half() {
    let d = decide(&tally(8, 8, 4, 0, 4), &more_than_half(), &Q);
    assert_eq!((d.outcome, d.required_votes), (MotionOutcome::Rejected, 5));
    assert_eq!(
        decide(&tally(8, 8, 5, 3, 0), &more_than_half(), &Q).outcome,
        MotionOutcome::Adopted
    );
}

#[test]
fn exactly_two_thirds_is_at_least_two_thirds() {
    let d = decide(&tally(6, 6, 4, 2, 0), &two_thirds(), &Q);
    assert_eq!((d.outcome, d.required_votes), (MotionOutcome::Adopted, 4));
    let more_than = Threshold {
        strict: true,
        ..two_thirds()
    };
    let d = decide(&tally(6, 6, 4, 2, 0), &more_than, &Q);
    assert_eq!((d.outcome, d.required_votes), (MotionOutcome::Rejected, 5));
}

#[test]
fn seven_seats_two_thirds_needs_five() {
    assert_eq!(required_votes(7, &two_thirds()), 5);
    assert_eq!(
        decide(&tally(7, 7, 4, 3, 0), &two_thirds(), &Q).outcome,
        MotionOutcome::Rejected
    );
    assert_eq!(
        decide(&tally(7, 7, 5, 2, 0), &two_thirds(), &Q).outcome,
        MotionOutcome::Adopted
    );
    assert_eq!(quorum_required(7, &Q), 5);
}

#[test]
fn present_base() {
    let t = on(MajorityBase::Present, more_than_half());
    // 9 seats, 6 present: more than half of 6 is 4.
    let d = decide(&tally(9, 6, 3, 0, 3), &t, &Q);
    assert_eq!(
        (d.outcome, d.base, d.required_votes),
        (MotionOutcome::Rejected, 6, 4)
    );
    assert_eq!(
        decide(&tally(9, 6, 4, 1, 1), &t, &Q).outcome,
        MotionOutcome::Adopted
    );
}

#[test]
fn votes_cast_base_ignores_abstentions() {
    let t = on(MajorityBase::VotesCast, more_than_half());
    let d = decide(&tally(9, 9, 3, 2, 4), &t, &Q);
    assert_eq!(
        (d.outcome, d.base, d.required_votes),
        (MotionOutcome::Adopted, 5, 3)
    );
    // The same votes fall short of more than half of all seats.
    assert_eq!(
        decide(&tally(9, 9, 3, 2, 4), &more_than_half(), &Q).outcome,
        MotionOutcome::Rejected
    );
}

#[test]
fn tie_on_votes_cast_is_tied_elsewhere_rejected() {
    let t = on(MajorityBase::VotesCast, more_than_half());
    assert_eq!(
        decide(&tally(9, 9, 3, 3, 3), &t, &Q).outcome,
        MotionOutcome::Tied
    );
    assert_eq!(
        decide(&tally(8, 8, 4, 4, 0), &more_than_half(), &Q).outcome,
        MotionOutcome::Rejected
    );
    // Everybody abstaining is no tie: nothing was decided for or against.
    assert_eq!(
        decide(&tally(9, 9, 0, 0, 9), &t, &Q).outcome,
        MotionOutcome::Rejected
    );
}

#[test]
fn proxies_count_as_present() {
    use Attendance::*;
    let present = count_present(&[Present, Proxy, Absent, Proxy, Present, Absent]);
    assert_eq!(present, 4);
    // 6 seats, quorum 2/3 = 4: met thanks to the two proxies.
    assert!(check_quorum(6, present, &Q).is_ok());
    assert_eq!(
        decide(&tally(6, present, 4, 0, 0), &more_than_half(), &Q).outcome,
        MotionOutcome::Adopted
    );
}

#[test]
fn recused_seats_count_for_quorum_not_for_the_base() {
    // 8 seats, 6 present of whom 2 recused: quorum 6 of 8 needs 6 -> met.
    let input = TallyInput {
        seats: 8,
        present: 6,
        recused: 2,
        votes_for: 4,
        against: 0,
        abstain: 0,
    };
    assert!(check_tally(&input).is_ok());
    let d = decide(&input, &more_than_half(), &Q);
    // All seats less the recused: 6, more than half is 4 (it would be 5 of 8).
    assert_eq!(
        (d.quorum_met, d.base, d.required_votes, d.outcome),
        (true, 6, 4, MotionOutcome::Adopted)
    );
    let d = decide(&input, &on(MajorityBase::Present, more_than_half()), &Q);
    assert_eq!((d.base, d.required_votes), (4, 3));
}

#[test]
fn quorum_of_exactly_two_thirds() {
    assert_eq!(quorum_required(6, &Q), 4);
    assert!(check_quorum(6, 4, &Q).is_ok());
    let d = decide(&tally(6, 3, 3, 0, 0), &more_than_half(), &Q);
    assert_eq!(
        (d.outcome, d.quorum_required, d.quorum_met),
        (MotionOutcome::NoQuorum, 4, false)
    );
    let v = check_quorum(6, 3, &Q).unwrap_err();
    assert_eq!(v.rule, Rule::MeetingQuorum);
    assert!(v.detail.en.contains("3 of 6") && v.detail.en.contains("needs 4"));
    assert!(v.detail.zh.contains("至少需要4个"));
}

#[test]
fn zero_seats_decide_nothing() {
    let d = decide(&TallyInput::default(), &more_than_half(), &Q);
    assert_eq!(
        (d.outcome, d.quorum_required, d.required_votes),
        (MotionOutcome::NoQuorum, 1, 1)
    );
    assert!(check_quorum(0, 0, &Q).is_err());
    assert_eq!(required_votes(0, &two_thirds()), 1);
    assert!(!reaches(0, 0, &two_thirds()));
}

#[test]
fn required_votes_agrees_with_cross_multiplication() {
    let fractions = [
        Fraction::new(1, 2),
        Fraction::new(2, 3),
        Fraction::new(3, 4),
        Fraction::new(3, 5),
        Fraction::new(1, 1),
    ];
    for base in 0..40 {
        for fraction in fractions {
            for strict in [true, false] {
                let t = Threshold {
                    fraction,
                    strict,
                    base: MajorityBase::AllSeats,
                };
                let r = required_votes(base, &t);
                for v in 0..=base + 2 {
                    assert_eq!(
                        reaches(v, base, &t),
                        v >= r,
                        "{v} of {base}, {fraction} strict={strict}"
                    );
                }
            }
        }
    }
}

#[test]
fn tally_must_be_one_vote_per_seat() {
    assert!(check_tally(&tally(7, 5, 3, 1, 1)).is_ok());
    let v = check_tally(&tally(7, 5, 3, 2, 1)).unwrap_err();
    assert_eq!(v.rule, Rule::MotionThreshold);
    assert!(v.detail.en.contains("6 votes exceed the 5 seats") && !v.detail.zh.is_empty());
    assert!(check_tally(&tally(7, 8, 0, 0, 0)).is_err());
    let recused = TallyInput {
        recused: 2,
        ..tally(7, 5, 3, 1, 0)
    };
    assert!(check_tally(&recused).is_err());
}

#[test]
fn vote_allowed_only_open_seated_present_not_recused() {
    let ok = VoteAttempt {
        motion_open: true,
        holds_seat: true,
        attendance: Attendance::Proxy,
        recused: false,
    };
    assert!(check_vote_allowed(&ok).is_ok());
    for bad in [
        VoteAttempt {
            motion_open: false,
            ..ok
        },
        VoteAttempt {
            holds_seat: false,
            ..ok
        },
        VoteAttempt {
            attendance: Attendance::Absent,
            ..ok
        },
        VoteAttempt {
            recused: true,
            ..ok
        },
    ] {
        let v = check_vote_allowed(&bad).unwrap_err();
        assert_eq!((v.rule, v.field), (Rule::MotionThreshold, Some("vote")));
        assert!(!v.detail.zh.is_empty() && !v.detail.en.is_empty());
    }
    let v = check_vote_allowed(&VoteAttempt {
        recused: true,
        ..ok
    })
    .unwrap_err();
    assert!(v.detail.en.contains("recused"));
}

#[test]
fn adopted_motion_required() {
    let t = two_thirds();
    assert!(check_adopted(&decide(&tally(7, 7, 5, 2, 0), &t, &Q), &t).is_ok());
    let v = check_adopted(&decide(&tally(7, 7, 4, 3, 0), &t, &Q), &t).unwrap_err();
    assert_eq!(v.rule, Rule::MotionThreshold);
    assert!(
        v.detail.en.contains("4 for, 3 against")
            && v.detail
                .en
                .contains("at least 2/3 of all seats, i.e. 5 votes")
    );
    assert!(
        v.detail.zh.contains("达到全体席位的2/3即5票"),
        "{}",
        v.detail.zh
    );
    let v = check_adopted(&decide(&tally(7, 4, 4, 0, 0), &t, &Q), &t).unwrap_err();
    assert_eq!(v.rule, Rule::MeetingQuorum);
}
