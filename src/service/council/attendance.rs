//! Who attends a meeting: present, absent, or present by proxy through another seat holder of
//! the same body who is present. The chair records it while the meeting is convened; each
//! motion takes the attendance as it stands when the motion closes.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use utoipa::ToSchema;

use super::meetings::{audit, detail};
use super::views::{AttendanceEntry, Meeting, MeetingDetail};
use super::{load_meeting, record, state_conflict};
use crate::domain::council::Attendance;
use crate::domain::council::MeetingStatus;
use crate::domain::rules::Conflict;
use crate::error::{ApiResult, FieldError};
use crate::repo::changes::Op;
use crate::repo::council::meetings::{self as repo, AttendanceRow};
use crate::repo::council::seats::{self, SeatRow};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

/// The whole attendance of a meeting; a seat not listed is absent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"entries": [
    {"seat_id": 1, "status": "present"},
    {"seat_id": 2, "status": "proxy", "proxy_seat_id": 1},
    {"seat_id": 3, "status": "absent"}
]}))]
pub struct AttendanceInput {
    pub entries: Vec<AttendanceItem>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceItem {
    /// An active seat of the meeting's body, listed at most once.
    #[schema(required = true)]
    pub seat_id: Option<i64>,
    #[schema(required = true, value_type = Attendance)]
    pub status: Option<String>,
    /// For `proxy`: another seat of the same body, held by someone else, listed `present`.
    pub proxy_seat_id: Option<i64>,
}

/// Checks every entry against the body's active seats and the others; every bad field at once.
pub fn validate(
    meeting_id: i64,
    entries: &[AttendanceItem],
    body_seats: &[SeatRow],
) -> Result<Vec<AttendanceRow>, Vec<FieldError>> {
    let seat_of: HashMap<i64, &SeatRow> = body_seats.iter().map(|s| (s.id, s)).collect();
    let parsed: Vec<Option<Attendance>> = entries
        .iter()
        .map(|e| e.status.as_deref().and_then(Attendance::parse))
        .collect();
    let present: HashSet<i64> = entries
        .iter()
        .zip(&parsed)
        .filter(|(_, s)| **s == Some(Attendance::Present))
        .filter_map(|(e, _)| e.seat_id)
        .collect();
    let mut c = Checks::new();
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for (i, (e, status)) in entries.iter().zip(&parsed).enumerate() {
        let f = |name: &str| format!("entries[{i}].{name}");
        let seat = c.required(&f("seat_id"), e.seat_id);
        if let Some(id) = seat {
            if !seat_of.contains_key(&id) {
                c.push(
                    &f("seat_id"),
                    "不是本机构的现任席位。",
                    "Not an active seat of this body.",
                );
            } else if !seen.insert(id) {
                c.push(
                    &f("seat_id"),
                    "同一席位只能登记一次。",
                    "A seat may be listed only once.",
                );
            }
        }
        let raw = c.required(&f("status"), e.status.as_deref());
        if raw.is_some() && status.is_none() {
            c.push(
                &f("status"),
                format!("取值无效，可选值：{}。", Attendance::codes()),
                format!("Not a valid value; use one of: {}.", Attendance::codes()),
            );
        }
        match (status, e.proxy_seat_id) {
            (Some(Attendance::Proxy), None) => {
                c.push(
                    &f("proxy_seat_id"),
                    "委托出席须指明受托席位。",
                    "A proxy needs the seat that holds it.",
                );
            }
            (Some(Attendance::Proxy), Some(p)) => {
                let holder = seat.and_then(|s| seat_of.get(&s)).map(|s| s.person_id);
                let proxy = seat_of.get(&p);
                let ok = Some(p) != seat
                    && present.contains(&p)
                    && proxy.is_some_and(|ps| Some(ps.person_id) != holder);
                if !ok {
                    c.push(
                        &f("proxy_seat_id"),
                        "受托人须为本机构另一位出席的席位持有人。",
                        "The proxy must be another seat holder of this body who is present.",
                    );
                }
            }
            (_, Some(_)) => {
                c.push(
                    &f("proxy_seat_id"),
                    "只有委托出席才指明受托席位。",
                    "Only a proxy names a proxy seat.",
                );
            }
            _ => {}
        }
        if let (Some(seat_id), Some(s)) = (seat, status) {
            rows.push(AttendanceRow {
                meeting_id,
                seat_id,
                status: *s,
                proxy_seat_id: e.proxy_seat_id,
            });
        }
    }
    c.finish().map_err(|e| e.errors)?;
    rows.sort_by_key(|r| r.seat_id);
    Ok(rows)
}

pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    meeting_id: i64,
    if_match: IfMatch,
    input: AttendanceInput,
) -> ApiResult<MeetingDetail> {
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, m) = load_meeting(conn, &ctx, meeting_id)?;
            access::ensure_chair(&ctx, &g)?;
            if_match.check(m.version)?;
            if m.status != MeetingStatus::Convened {
                return Err(state_conflict(
                    Conflict::MeetingClosed,
                    "会议已闭会，出席情况不能再变更。",
                    "The meeting is closed; its attendance is final.",
                ));
            }
            let body_seats = seats::active(conn, g.id, m.body.as_str())?;
            let rows = validate(m.id, &input.entries, &body_seats)
                .map_err(crate::error::ApiError::validation)?;
            repo::replace_attendance(conn, m.id, &rows)?;
            let moved = repo::advance(conn, m.id, m.version, m.status, crate::repo::now())?
                .ok_or_else(|| stale(m.version + 1))?;
            let mut a = audit(
                Op::Updated,
                "meeting.attendance",
                &Meeting::from_row(moved.clone()),
            );
            a.after = serde_json::json!({
                "meeting_id": m.id,
                "version": moved.version,
                "attendance": rows.iter().map(AttendanceEntry::from_row).collect::<Vec<_>>(),
            });
            record(conn, &ctx, &g, a)?;
            detail(conn, moved)
        })
        .await
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn seat(id: i64, person: i64) -> SeatRow {
        SeatRow {
            id,
            group_id: 1,
            body: "council".parse().unwrap(),
            person_id: person,
            school_id: 1,
            category: "teacher_representative".into(),
            is_chair: false,
            active: true,
            created_at: crate::repo::now(),
        }
    }

    fn item(seat: i64, status: &str, proxy: Option<i64>) -> AttendanceItem {
        AttendanceItem {
            seat_id: Some(seat),
            status: Some(status.into()),
            proxy_seat_id: proxy,
        }
    }

    fn fields(r: Result<Vec<AttendanceRow>, Vec<FieldError>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_proxy_goes_to_another_present_seat_holder() {
        let seats = [seat(1, 10), seat(2, 20), seat(3, 30)];
        let ok = validate(
            7,
            &[item(2, "proxy", Some(1)), item(1, "present", None)],
            &seats,
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].seat_id, 1);
        assert_eq!(ok[1].proxy_seat_id, Some(1));
        // To an absent seat, to itself, to a seat not of the body, or without a proxy seat.
        let bad = validate(
            7,
            &[
                item(1, "absent", None),
                item(2, "proxy", Some(1)),
                item(3, "proxy", Some(3)),
            ],
            &seats,
        );
        assert_eq!(
            fields(bad),
            ["entries[1].proxy_seat_id", "entries[2].proxy_seat_id"]
        );
        let bad = validate(
            7,
            &[item(1, "proxy", Some(99)), item(2, "proxy", None)],
            &seats,
        );
        assert_eq!(
            fields(bad),
            ["entries[0].proxy_seat_id", "entries[1].proxy_seat_id"]
        );
    }

    #[test]
    fn the_same_person_cannot_hold_its_own_proxy() {
        let seats = [seat(1, 10), seat(2, 10)];
        let bad = validate(
            7,
            &[item(1, "present", None), item(2, "proxy", Some(1))],
            &seats,
        );
        assert_eq!(fields(bad), ["entries[1].proxy_seat_id"]);
    }

    #[test]
    fn every_bad_entry_is_listed() {
        let seats = [seat(1, 10)];
        let entries = [
            item(1, "present", None),
            item(1, "present", None),
            item(5, "present", None),
            item(1, "late", None),
            item(1, "present", Some(1)),
            AttendanceItem::default(),
        ];
        assert_eq!(
            fields(validate(7, &entries, &seats)),
            [
                "entries[1].seat_id",
                "entries[2].seat_id",
                "entries[3].seat_id",
                "entries[3].status",
                "entries[4].seat_id",
                "entries[4].proxy_seat_id",
                "entries[5].seat_id",
                "entries[5].status",
            ]
        );
    }
}
