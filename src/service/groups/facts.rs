//! What the rules need to know about schools and groups, read from the database once per step.

use crate::db::DbConnection;
use crate::domain::groups::{ActiveRoles, GroupKind, GroupRef, SchoolFacts};
use crate::error::ApiResult;
use crate::repo::groups::group as groups;
use crate::repo::groups::memberships::{self, MembershipRow};
use crate::repo::registry::schools::SchoolRow;

pub fn school_facts(s: &SchoolRow) -> SchoolFacts {
    SchoolFacts {
        id: s.id,
        county_code: s.county_code.clone(),
        standing: s.standing,
        location: s.location,
        type_code: s.type_code.clone(),
        legal_representative_id: s.legal_representative_id,
    }
}

/// The terms a school is a member on: the tight rules (executive principal, one in one out,
/// cadre nominations) bind tight-terms members only, since a grown member may stay in a tight
/// group as a collaborative one (§2.4.4).
pub fn terms_of(m: &MembershipRow) -> GroupKind {
    m.terms
}

/// Places on tight terms (pass `places_of_group`: prospective joins hold theirs), what
/// GRP-TIGHT-SIZE counts.
pub fn tight_count(members: &[MembershipRow]) -> u32 {
    members
        .iter()
        .filter(|m| m.terms == GroupKind::Tight)
        .count() as u32
}

/// The active groups a school leads and belongs to (GRP-CORE-UNIQUE, GRP-ONE-MEMBERSHIP).
pub fn active_roles(conn: &mut DbConnection, school_id: i64) -> ApiResult<ActiveRoles> {
    roles_besides(conn, school_id, None)
}

/// `active_roles` without membership `except`: the prospective join the bureau is confirming
/// holds the school's place, and is not another membership it already has.
pub fn roles_besides(
    conn: &mut DbConnection,
    school_id: i64,
    except: Option<i64>,
) -> ApiResult<ActiveRoles> {
    let core_of = groups::led_by(conn, school_id)?.first().map(|g| GroupRef {
        id: g.id,
        kind: g.kind,
    });
    let member_of = memberships::current_of_school(conn, school_id)?
        .iter()
        .find(|(m, _)| Some(m.id) != except)
        .map(|(m, _)| GroupRef {
            id: m.group_id,
            kind: m.terms,
        });
    Ok(ActiveRoles {
        core_of_active_group: core_of,
        member_of_active_group: member_of,
    })
}
