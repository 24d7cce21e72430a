//! What the rules need to know about schools and groups, read from the database once per step.

use crate::db::DbConnection;
use crate::domain::groups::{ActiveRoles, GroupKind, GroupRef, SchoolFacts};
use crate::domain::registry::{SchoolLocation, SchoolStanding};
use crate::error::ApiResult;
use crate::repo::groups::{group as groups, memberships};
use crate::repo::registry::schools::SchoolRow;

pub fn school_facts(s: &SchoolRow) -> SchoolFacts {
    SchoolFacts {
        id: s.id,
        county_code: s.county_code.clone(),
        standing: SchoolStanding::parse(&s.standing).unwrap_or(SchoolStanding::Ordinary),
        location: SchoolLocation::parse(&s.location).unwrap_or(SchoolLocation::Urban),
        type_code: s.type_code.clone(),
        legal_representative_id: s.legal_representative_id,
    }
}

fn kind(s: &str) -> GroupKind {
    GroupKind::parse(s).unwrap_or(GroupKind::Collaborative)
}

/// The active groups a school leads and belongs to (GRP-CORE-UNIQUE, GRP-ONE-MEMBERSHIP).
pub fn active_roles(conn: &mut DbConnection, school_id: i64) -> ApiResult<ActiveRoles> {
    let core_of = groups::led_by(conn, school_id)?.first().map(|g| GroupRef {
        id: g.id,
        kind: kind(&g.kind),
    });
    let member_of = memberships::current_of_school(conn, school_id)?
        .first()
        .map(|(m, k)| GroupRef {
            id: m.group_id,
            kind: kind(k),
        });
    Ok(ActiveRoles {
        core_of_active_group: core_of,
        member_of_active_group: member_of,
    })
}
