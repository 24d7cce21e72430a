//! A group as the API shows it, read in one statement: the group, its core school, every
//! membership with its school, the council's seat counts and chair, and the newest charter in
//! brief. One statement is one snapshot on both backends, so the read needs no transaction and
//! costs one round trip; its SQL is the same on every call, so the prepared statement is
//! cached by the connection.
//!
//! The row comes once per membership (once with no membership); the group's columns repeat.
//! Groups have tens of members, so the repetition costs less than a second statement.

use std::sync::LazyLock;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Nullable};

use crate::db::schema::{charters as c, edu_groups as g, group_memberships as m, schools};
use crate::db::DbConnection;
use crate::domain::council::Body;
use crate::domain::groups::charter_approval::CharterStatus;
use crate::repo::fragment::Fixed;

use super::group::GroupRow;
use super::memberships::MembershipRow;

diesel::alias!(schools as core_school: CoreSchool, schools as member_school: MemberSchool);

/// What the group's own columns carry beside the row: its core school and the summaries.
#[derive(Debug, Clone)]
pub struct GroupHead {
    pub group: GroupRow,
    pub core_code: String,
    pub core_name: String,
    pub council_seats: i64,
    pub office_seats: i64,
    pub chair_person_id: Option<i64>,
    pub in_force_version_no: Option<i32>,
    /// Whether the person asked about holds an active seat (for a council member's scope).
    pub seat_holder: bool,
    pub charter: Option<CharterBrief>,
}

#[derive(Debug, Clone)]
pub struct CharterBrief {
    pub version_no: i32,
    pub status: CharterStatus,
    pub sections_json: String,
    pub adopted_resolution_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct MemberLine {
    pub membership: MembershipRow,
    pub school_code: String,
    pub school_name: String,
}

#[derive(Debug, Clone)]
pub struct GroupView {
    pub head: GroupHead,
    pub members: Vec<MemberLine>,
}

type HeadRow = (
    GroupRow,
    String,
    String,
    i64,
    i64,
    Option<i64>,
    Option<i32>,
    bool,
    Option<i32>,
    Option<CharterStatus>,
    Option<String>,
    Option<i64>,
);
type Line = (
    HeadRow,
    (Option<MembershipRow>, Option<String>, Option<String>),
);

impl From<HeadRow> for GroupHead {
    fn from(r: HeadRow) -> GroupHead {
        let (group, core_code, core_name, council_seats, office_seats, chair, in_force, seat) =
            (r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7);
        let charter = match (r.8, r.9, r.10) {
            (Some(version_no), Some(status), Some(sections_json)) => Some(CharterBrief {
                version_no,
                status,
                sections_json,
                adopted_resolution_id: r.11,
            }),
            _ => None,
        };
        GroupHead {
            group,
            core_code,
            core_name,
            council_seats,
            office_seats,
            chair_person_id: chair,
            in_force_version_no: in_force,
            seat_holder: seat,
            charter,
        }
    }
}

/// The fragments' marker types (see `Fixed`).
enum CouncilSeats {}
enum OfficeSeats {}
enum Chair {}
enum InForce {}
enum NewestCharter {}
enum SeatHolder {}

/// The SQL of the summaries, built once from the vocabularies' codes.
struct Summaries {
    seats_of_council: String,
    seats_of_office: String,
    chair: String,
    in_force: String,
    newest_charter: String,
}

static SUMMARIES: LazyLock<Summaries> = LazyLock::new(|| {
    let seats = |body: Body| {
        format!(
            "(SELECT COUNT(*) FROM seats s WHERE s.group_id = edu_groups.id \
             AND s.body = '{}' AND s.active = TRUE)",
            body.as_str()
        )
    };
    Summaries {
        seats_of_council: seats(Body::Council),
        seats_of_office: seats(Body::Office),
        chair: format!(
            "(SELECT s.person_id FROM seats s WHERE s.group_id = edu_groups.id \
             AND s.body = '{}' AND s.active = TRUE AND s.is_chair = TRUE ORDER BY s.id LIMIT 1)",
            Body::Council.as_str()
        ),
        in_force: format!(
            "(SELECT MAX(v.version_no) FROM charters v WHERE v.group_id = edu_groups.id \
             AND v.status = '{}')",
            CharterStatus::Approved.as_str()
        ),
        newest_charter: "(SELECT MAX(v.version_no) FROM charters v \
                         WHERE v.group_id = edu_groups.id)"
            .to_string(),
    }
});

/// The group `id` as shown, or `None` when there is none. `seat_person` is the person whose
/// active seat is asked about (`GroupHead::seat_holder`).
pub fn load(
    conn: &mut DbConnection,
    id: i64,
    seat_person: Option<i64>,
) -> QueryResult<Option<GroupView>> {
    let s: &'static Summaries = &SUMMARIES;
    let core = core_school;
    let member = member_school;
    let lines: Vec<Line> =
        g::table
            .inner_join(core.on(core.field(schools::id).eq(g::core_school_id)))
            .left_join(
                c::table.on(c::group_id
                    .eq(g::id)
                    .and(c::version_no.nullable().eq(
                        Fixed::<Nullable<Integer>, NewestCharter>::new(&s.newest_charter),
                    ))),
            )
            .left_join(m::table.on(m::group_id.eq(g::id)))
            .left_join(member.on(member.field(schools::id).eq(m::school_id)))
            .filter(g::id.eq(id))
            .order(m::id.asc())
            .select((
                (
                    g::all_columns,
                    core.field(schools::code),
                    core.field(schools::name),
                    Fixed::<BigInt, CouncilSeats>::new(&s.seats_of_council),
                    Fixed::<BigInt, OfficeSeats>::new(&s.seats_of_office),
                    Fixed::<Nullable<BigInt>, Chair>::new(&s.chair),
                    Fixed::<Nullable<Integer>, InForce>::new(&s.in_force),
                    Fixed::<Bool, SeatHolder>::with_bind(
                        "EXISTS (SELECT 1 FROM seats s WHERE s.group_id = edu_groups.id \
                     AND s.active = TRUE AND s.person_id = ",
                        seat_person.unwrap_or(-1),
                        ")",
                    ),
                    c::version_no.nullable(),
                    c::status.nullable(),
                    c::sections_json.nullable(),
                    c::adopted_resolution_id.nullable(),
                ),
                (
                    Option::<MembershipRow>::as_select(),
                    member.field(schools::code).nullable(),
                    member.field(schools::name).nullable(),
                ),
            ))
            .load(conn)?;
    let mut lines = lines.into_iter();
    let Some((head, first)) = lines.next() else {
        return Ok(None);
    };
    let members = std::iter::once(first)
        .chain(lines.map(|(_, m)| m))
        .filter_map(|(membership, code, name)| {
            Some(MemberLine {
                membership: membership?,
                school_code: code.unwrap_or_default(),
                school_name: name.unwrap_or_default(),
            })
        })
        .collect();
    Ok(Some(GroupView {
        head: head.into(),
        members,
    }))
}
