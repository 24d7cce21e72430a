use chrono::NaiveDate;

use super::*;
use crate::domain::groups::{GroupRuleSettings, MajorityBase};
use crate::domain::rules::Rule;

fn att(seat: i64, status: &str, proxy: Option<i64>) -> AttendanceRow {
    AttendanceRow {
        meeting_id: 1,
        seat_id: seat,
        status: status.parse().unwrap(),
        proxy_seat_id: proxy,
    }
}

fn vote(seat: i64, choice: Option<&str>) -> VoteRow {
    VoteRow {
        motion_id: 1,
        seat_id: seat,
        choice: choice.map(|c| c.parse().unwrap()),
        cast_by: seat * 10,
        updated_at: NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap(),
    }
}

#[test]
fn a_third_of_the_seats_may_demand_a_meeting() {
    assert!(check_demand(7, 2).is_err());
    assert_eq!(check_demand(7, 3), Ok(()));
    assert_eq!(check_demand(9, 3), Ok(()));
    assert!(check_demand(10, 3).is_err());
    assert_eq!(check_demand(10, 4), Ok(()));
    let v = check_demand(7, 2).unwrap_err();
    assert_eq!(v.rule, Rule::MeetingDemand);
    assert!(v.detail.en.contains("at least 3"), "{}", v.detail.en);
}

#[test]
fn proxies_count_for_the_seat_they_represent() {
    let seats = [1, 2, 3, 4, 5];
    let attendance = [
        att(1, "present", None),
        att(2, "present", None),
        att(3, "proxy", Some(1)),
        att(4, "absent", None),
    ];
    let votes = [
        vote(1, Some("for")),
        vote(2, Some("against")),
        vote(3, Some("for")),
    ];
    let t = tally(&Roll {
        seats: &seats,
        attendance: &attendance,
        recused: &[],
        votes: &votes,
    });
    assert_eq!(
        t,
        TallyInput {
            seats: 5,
            present: 3,
            recused: 0,
            votes_for: 2,
            against: 1,
            abstain: 0
        }
    );
}

#[test]
fn votes_of_seats_no_longer_present_or_entitled_do_not_count() {
    let seats = [1, 2, 3];
    // Seat 2 voted, then was marked absent; seat 9 is not a seat of the body any more.
    let attendance = [
        att(1, "present", None),
        att(2, "absent", None),
        att(9, "present", None),
    ];
    let votes = [
        vote(1, Some("abstain")),
        vote(2, Some("for")),
        vote(9, Some("for")),
    ];
    let t = tally(&Roll {
        seats: &seats,
        attendance: &attendance,
        recused: &[],
        votes: &votes,
    });
    assert_eq!((t.seats, t.present, t.votes_for, t.abstain), (3, 1, 0, 1));
}

#[test]
fn recusals_count_only_for_present_seats_and_block_their_votes() {
    let seats = [1, 2, 3];
    let attendance = [att(1, "present", None), att(2, "present", None)];
    let t = tally(&Roll {
        seats: &seats,
        attendance: &attendance,
        recused: &[2, 3],
        votes: &[vote(1, Some("for")), vote(2, Some("for"))],
    });
    assert_eq!((t.present, t.recused, t.votes_for), (2, 1, 1));
    assert_eq!(crate::domain::council::voting::check_tally(&t), Ok(()));
}

#[test]
fn blanked_secret_choices_are_not_counted_twice() {
    let t = tally(&Roll {
        seats: &[1],
        attendance: &[att(1, "present", None)],
        recused: &[],
        votes: &[vote(1, None)],
    });
    assert_eq!(t.votes_for + t.against + t.abstain, 0);
}

#[test]
fn the_rule_is_frozen_per_body_and_type() {
    let mut rules = ProcedureRules::from_settings(&GroupRuleSettings::default());
    rules.office_decides_by = OfficeDecision::ChairAfterHearing;
    let council = FrozenRule::for_motion(&rules, Body::Council, MotionType::Charter);
    assert_eq!(council.threshold, rules.supermajority);
    assert_eq!(council.decided_by, OfficeDecision::Vote);
    let office = FrozenRule::for_motion(&rules, Body::Office, MotionType::WorkPlan);
    assert_eq!(office.threshold, rules.simple_majority);
    assert_eq!(office.decided_by, OfficeDecision::ChairAfterHearing);
}

#[test]
fn the_frozen_rule_round_trips_and_reads_plain_thresholds() {
    let rule = FrozenRule {
        threshold: Threshold {
            fraction: Fraction::TWO_THIRDS,
            strict: false,
            base: MajorityBase::Present,
        },
        quorum: Fraction::new(3, 4),
        decided_by: OfficeDecision::ChairAfterHearing,
    };
    let (t, q) = rule.to_json().unwrap();
    let row = |t: String, q: String| MotionRow {
        id: 1,
        meeting_id: 1,
        group_id: 1,
        position: 1,
        title: "t".into(),
        motion_type: "other".parse().unwrap(),
        ballot: "open".parse().unwrap(),
        concerns_school_id: None,
        threshold_json: t,
        quorum_json: q,
        status: "open".parse().unwrap(),
        outcome: None,
        seats_count: None,
        present_count: None,
        recused_count: None,
        votes_for: None,
        votes_against: None,
        votes_abstain: None,
        required_votes: None,
        quorum_required: None,
        closed_at: None,
        version: 1,
        created_at: vote(1, None).updated_at,
        updated_at: vote(1, None).updated_at,
    };
    assert_eq!(FrozenRule::of_row(&row(t, q.clone())).unwrap(), rule);
    let plain = serde_json::to_string(&rule.threshold).unwrap();
    let read = FrozenRule::of_row(&row(plain, q)).unwrap();
    assert_eq!(read.decided_by, OfficeDecision::Vote);
    assert_eq!(read.threshold, rule.threshold);
}

#[test]
fn resolutions_are_numbered_in_china_time() {
    assert_eq!(
        resolution_number("G522701001", 2026, 1),
        "G522701001-2026-001"
    );
    assert_eq!(
        resolution_number("G522701001", 2026, 42),
        "G522701001-2026-042"
    );
    let at = |y, mo, d, h| {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    assert_eq!(resolution_year(at(2026, 12, 31, 15)), 2026);
    assert_eq!(resolution_year(at(2026, 12, 31, 16)), 2027);
}
