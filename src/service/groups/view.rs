//! A group as the API shows it: with its core, members, council and charter in brief, and the
//! steps the caller may take next.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access::{is_chair, ScopeFact};
use crate::db::DbConnection;
use crate::domain::auth::{Principal, Role};
use crate::domain::groups::charter_approval::CharterStatus;
use crate::domain::groups::workflow::{actor_of, allowed};
use crate::domain::groups::{
    Actor, CharterSection, FormationPattern, GroupAction, GroupKind, GroupStatus, JoinBasis,
};
use crate::domain::life::{ExitReason, MembershipStatus};
use crate::error::{ApiError, ApiResult};
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships::{self, MembershipRow};
use crate::repo::groups::view::{self as group_view, GroupView};
use crate::repo::registry::schools;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SchoolRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Member {
    /// The membership's id.
    pub id: i64,
    pub school: SchoolRef,
    pub basis: JoinBasis,
    /// The terms the school is a member on: the group's kind, or `collaborative` for a grown
    /// tight member that stayed in the group as a collaborative one (§2.4.4). The tight rules
    /// (executive principal, one in one out, cadre nominations) bind `tight` members only.
    pub terms: GroupKind,
    pub agreement_ref: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub executive_principal_id: Option<i64>,
    /// `active`, `ended`, or `prospective`: a join by agreement the bureau has not confirmed
    /// yet, which holds its place but is not a member (§2.1.1).
    pub status: MembershipStatus,
    /// The day the membership took effect: the assignment, or the bureau's confirmation of an
    /// agreement (while `prospective`, the day the chair recorded it).
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    /// Why an ended membership ended (§2.4.4).
    pub exit_reason: Option<ExitReason>,
    /// End of the growth period of a new or weak member (GROWTH-3Y).
    pub growth_until: Option<NaiveDate>,
    /// The bureau's decision on a join by agreement: when, by whom, and its note (why it was
    /// declined, for `agreement_not_confirmed`).
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CouncilSummary {
    pub elected_at: Option<DateTime<Utc>>,
    pub council_seats: usize,
    pub office_seats: usize,
    pub chair_person_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CharterSummary {
    pub version_no: i32,
    pub status: CharterStatus,
    pub missing_sections: Vec<CharterSection>,
    pub adopted_resolution_id: Option<i64>,
    /// The version in force (approved by the bureau), which may be older than this newest one.
    pub in_force_version_no: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "code": "G522701001", "name": "都匀市第一小学教育集团", "county_code": "522701",
    "kind": "tight", "pattern": "urban_quality_plus_new",
    "core_school": {"id": 1, "code": "2152010001", "name": "都匀市第一小学"},
    "status": "preparing", "plan_text": "……", "members": [], "council": {"elected_at": null, "council_seats": 0, "office_seats": 0, "chair_person_id": null},
    "charter": null, "allowed_actions": ["add_member", "put_charter", "put_council", "submit_dossier"],
    "established_on": null, "dissolved_on": null, "dissolution_note": null, "version": 3, "created_at": "2026-03-01T08:00:00Z", "updated_at": "2026-03-02T08:00:00Z"
}))]
pub struct Group {
    pub id: i64,
    /// The group's code; resolutions are numbered `{code}-{year}-{sequence}`.
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub kind: GroupKind,
    pub pattern: FormationPattern,
    pub core_school: SchoolRef,
    pub status: GroupStatus,
    pub plan_text: Option<String>,
    pub members: Vec<Member>,
    pub council: CouncilSummary,
    pub charter: Option<CharterSummary>,
    /// What the caller may do next: workflow steps (`submit_plan`, `approve_plan`, …) and
    /// `add_member`, `put_charter`, `put_council`, `confirm_member` (the bureau, while a join by
    /// agreement is `prospective`); their labels are in `/vocabularies`.
    pub allowed_actions: Vec<GroupAction>,
    pub established_on: Option<NaiveDate>,
    /// When the bureau dissolved the group (§2.4.4).
    pub dissolved_on: Option<NaiveDate>,
    /// Who was held accountable for the dissolution.
    pub dissolution_note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A group in a list, as a bureau's dashboard shows it: with its core school, how many members
/// it has and what the caller may do next, but without members, council and charter.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "code": "G522701001", "name": "都匀市第一小学教育集团", "county_code": "522701",
    "kind": "tight", "pattern": "urban_quality_plus_new",
    "core_school": {"id": 1, "code": "2152010001", "name": "都匀市第一小学"},
    "member_count": 2, "status": "established", "allowed_actions": ["add_member"],
    "established_on": "2026-03-15", "version": 9
}))]
pub struct GroupItem {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub kind: GroupKind,
    pub pattern: FormationPattern,
    pub core_school: SchoolRef,
    /// Members besides the core (`active` memberships; a `prospective` join is not counted).
    pub member_count: i64,
    pub status: GroupStatus,
    /// What the caller may do next, as on the group itself.
    pub allowed_actions: Vec<GroupAction>,
    pub established_on: Option<NaiveDate>,
    pub version: i32,
}

/// The list items of `rows`, in three statements however long the page: the rows, their core
/// schools and their member counts (with the joins awaiting confirmation).
pub fn items(
    conn: &mut DbConnection,
    p: &Principal,
    rows: Vec<GroupRow>,
) -> ApiResult<Vec<GroupItem>> {
    let cores: Vec<i64> = rows.iter().map(|g| g.core_school_id).collect();
    let refs = school_refs(conn, &cores)?;
    let ids: Vec<i64> = rows.iter().map(|g| g.id).collect();
    let counts = memberships::current_counts(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|g| {
            let n = counts.get(&g.id).copied().unwrap_or_default();
            GroupItem {
                allowed_actions: allowed_actions(p, &g, n.prospective > 0),
                core_school: school_ref_of(&refs, g.core_school_id),
                member_count: n.active,
                kind: g.kind,
                pattern: g.pattern,
                status: g.status,
                id: g.id,
                code: g.code,
                name: g.name,
                county_code: g.county_code,
                established_on: g.established_on,
                version: g.version,
            }
        })
        .collect())
}

pub fn member(m: MembershipRow, school: SchoolRef) -> Member {
    Member {
        id: m.id,
        school,
        basis: m.basis,
        terms: m.terms,
        agreement_ref: m.agreement_ref,
        signed_on: m.signed_on,
        executive_principal_id: m.executive_principal_id,
        status: m.status,
        joined_on: m.joined_on,
        left_on: m.left_on,
        exit_reason: m.exit_reason,
        growth_until: m.growth_until,
        decided_at: m.decided_at.map(|t| t.and_utc()),
        decided_by: m.decided_by,
        decision_note: m.decision_note,
    }
}

/// The schools of `ids` as references, in one query (a group view names every member).
pub(crate) fn school_refs(
    conn: &mut DbConnection,
    ids: &[i64],
) -> ApiResult<std::collections::HashMap<i64, SchoolRef>> {
    Ok(schools::find_many(conn, ids)?
        .into_iter()
        .map(|s| {
            let r = SchoolRef {
                id: s.id,
                code: s.code,
                name: s.name,
            };
            (r.id, r)
        })
        .collect())
}

pub(crate) fn school_ref_of(
    refs: &std::collections::HashMap<i64, SchoolRef>,
    id: i64,
) -> SchoolRef {
    refs.get(&id).cloned().unwrap_or(SchoolRef {
        id,
        code: String::new(),
        name: String::new(),
    })
}

/// The steps `p` may take on `g` now; `prospective` says whether a join by agreement awaits the
/// bureau's confirmation.
pub fn allowed_actions(p: &Principal, g: &GroupRow, prospective: bool) -> Vec<GroupAction> {
    let status = g.status;
    let chair = is_chair(p, g);
    let mut out: Vec<GroupAction> = allowed(status)
        .into_iter()
        .filter(|t| match actor_of(*t) {
            Actor::CountyBureau => p.role == Role::CountyBureau,
            Actor::CountyLeadingGroup => p.role == Role::CountyLeadingGroup,
            Actor::CoreSchoolAdmin => chair,
        })
        .map(GroupAction::from)
        .collect();
    let open = matches!(status, GroupStatus::Preparing | GroupStatus::Established);
    if open && (chair || p.role == Role::CountyBureau) {
        out.push(GroupAction::AddMember);
    }
    if open && chair {
        out.push(GroupAction::PutCharter);
        out.push(GroupAction::PutCouncil);
    }
    if open && prospective && p.role == Role::CountyBureau {
        out.push(GroupAction::ConfirmMember);
    }
    out
}

/// The group `g` as shown to `p`, after a write that changed it (one statement).
pub fn build(conn: &mut DbConnection, p: &Principal, g: GroupRow) -> ApiResult<Group> {
    let v = group_view::load(conn, g.id, None)?.ok_or_else(ApiError::not_found)?;
    Ok(of(p, v))
}

/// Whether `p` may see the group read: the scope of `access::sees`, answered from the read
/// itself (its memberships and its seat holder) so that it costs no further statement.
pub fn visible(p: &Principal, v: &GroupView) -> bool {
    super::access::sees_by(p, &v.head.group, |f| {
        Ok(match f {
            ScopeFact::EverMember(s) => v.members.iter().any(|m| m.membership.school_id == s),
            ScopeFact::HoldsSeat(_) => v.head.seat_holder,
        })
    })
    .unwrap_or(false)
}

/// The group as the API shows it to `p`, from its one-statement read.
pub fn of(p: &Principal, v: GroupView) -> Group {
    let GroupView { head, members } = v;
    let g = head.group;
    let prospective = members
        .iter()
        .any(|l| l.membership.status == MembershipStatus::Prospective);
    let core_school = SchoolRef {
        id: g.core_school_id,
        code: head.core_code,
        name: head.core_name,
    };
    let members = members
        .into_iter()
        .map(|l| {
            let school = SchoolRef {
                id: l.membership.school_id,
                code: l.school_code,
                name: l.school_name,
            };
            member(l.membership, school)
        })
        .collect();
    let charter = head.charter.map(|c| CharterSummary {
        version_no: c.version_no,
        status: c.status,
        missing_sections: super::charter::missing_in(&c.sections_json),
        adopted_resolution_id: c.adopted_resolution_id,
        in_force_version_no: head.in_force_version_no,
    });
    let council = CouncilSummary {
        elected_at: g.council_elected_at.map(|t| t.and_utc()),
        council_seats: usize::try_from(head.council_seats).unwrap_or(0),
        office_seats: usize::try_from(head.office_seats).unwrap_or(0),
        chair_person_id: head.chair_person_id,
    };
    Group {
        allowed_actions: allowed_actions(p, &g, prospective),
        kind: g.kind,
        pattern: g.pattern,
        status: g.status,
        council,
        id: g.id,
        code: g.code,
        name: g.name,
        county_code: g.county_code,
        core_school,
        plan_text: g.plan_text,
        members,
        charter,
        established_on: g.established_on,
        dissolved_on: g.dissolved_on,
        dissolution_note: g.dissolution_note,
        version: g.version,
        created_at: g.created_at.and_utc(),
        updated_at: g.updated_at.and_utc(),
    }
}
