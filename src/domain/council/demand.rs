//! MEETING-CONVENE (§2.3.2 "集团理事会会议分定期会议和临时会议，由理事长负责召集、主持"): the chair
//! convenes every meeting. A third of the council's seats may demand an extraordinary one
//! (MEETING-DEMAND counts them); the demand is recorded and obliges the chair, who convenes it
//! within the charter's deadline, after which it shows as overdue until convened.

use chrono::{Days, NaiveDate};

use crate::domain::rules::{Msg, Rule, RuleResult, RuleViolation};
use crate::vocab_enum;

vocab_enum! {
    /// A demand is pending until the chair convenes the meeting it asked for; overdue is
    /// derived from its deadline, never stored.
    pub enum DemandStatus ("meeting_demand_status") {
        Pending = ("pending", "待召集", "pending"),
        Convened = ("convened", "已召集", "convened"),
    }
}

/// The last day the chair may convene a meeting demanded on `demanded_on`.
pub fn due_on(demanded_on: NaiveDate, days: u32) -> NaiveDate {
    demanded_on
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// A pending demand is overdue once its last day has passed (`due_on < today`).
pub fn is_overdue(status: DemandStatus, due_on: NaiveDate, today: NaiveDate) -> bool {
    status == DemandStatus::Pending && due_on < today
}

/// MEETING-CONVENE: a seat holder does not convene; it demands, and the chair convenes.
pub fn refuse_seat_holder() -> RuleViolation {
    RuleViolation::new(
        Rule::MeetingConvene,
        Msg::new("会议由理事长召集", "the chair convenes meetings"),
        Msg::new(
            "理事会会议由理事长负责召集、主持；三分之一以上席位可通过 \
             POST /api/v1/groups/{id}/meeting-demands 提议召开临时会议，由理事长在章程规定的期限内召集。",
            "The chair convenes and presides over the council's meetings. A third of the seats \
             may demand an extraordinary meeting (POST /api/v1/groups/{id}/meeting-demands), \
             which the chair then convenes within the charter's deadline.",
        ),
    )
}

/// MEETING-CONVENE: the meeting answering a demand is an extraordinary council meeting.
pub fn check_answers_demand(is_council: bool, is_extraordinary: bool) -> RuleResult {
    if is_council && is_extraordinary {
        return Ok(());
    }
    Err(RuleViolation::new(
        Rule::MeetingConvene,
        Msg::new(
            "提议召开的是理事会临时会议",
            "a demand asks for an extraordinary council meeting",
        ),
        Msg::new(
            "响应临时会议提议召集的会议须是理事会临时会议（body=council，kind=extraordinary）。",
            "The meeting answering a demand is an extraordinary council meeting \
             (body council, kind extraordinary).",
        ),
    )
    .on_field("demand_id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn overdue_after_the_last_day() {
        let due = due_on(d("2026-12-01"), 10);
        assert_eq!(due, d("2026-12-11"));
        assert!(!is_overdue(DemandStatus::Pending, due, d("2026-12-11")));
        assert!(is_overdue(DemandStatus::Pending, due, d("2026-12-12")));
        assert!(!is_overdue(DemandStatus::Convened, due, d("2026-12-31")));
    }

    #[test]
    fn only_an_extraordinary_council_meeting_answers() {
        assert!(check_answers_demand(true, true).is_ok());
        for (c, e) in [(false, true), (true, false)] {
            let v = check_answers_demand(c, e).err();
            assert_eq!(v.map(|v| v.rule), Some(Rule::MeetingConvene));
        }
        assert_eq!(refuse_seat_holder().rule, Rule::MeetingConvene);
    }
}
