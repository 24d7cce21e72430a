//! The end of the path: the person now holds the post. Its `cadre_post` changes, and an
//! executive principal becomes the membership's (GRP-TIGHT-LEGAL-REP), each audited in the
//! transaction of the last step.
//!
//! The person's school of personnel record is left as it is: §2.4.2 lets the core's cadres
//! serving a member keep their record at the core ("也可将其人事关系保留在核心成员"). The former
//! executive principal's own `cadre_post` is left to the registry's keepers: what they hold
//! next (another school, back to the core) is not this path's to know.

use crate::db::DbConnection;
use crate::domain::registry::CadrePost;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::cadres::nominations::{self as repo, NominationRow};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships::{self, MembershipRow};
use crate::repo::registry::persons::{self, PersonFields};
use crate::service::registry::persons::{change, Person};
use crate::service::{stale, Ctx};

/// The school's current membership, or `409` when it has left the group since it was
/// nominated for: nothing is appointed to a school outside the group.
pub(crate) fn current_membership(
    conn: &mut DbConnection,
    g: &GroupRow,
    school_id: i64,
) -> ApiResult<MembershipRow> {
    memberships::current_of_group(conn, g.id)?
        .into_iter()
        .find(|m| m.school_id == school_id)
        .ok_or_else(|| {
            ApiError::conflict_of(
                Conflict::NotAMember,
                "该学校已不是本集团成员，提名不能继续办理。",
                "The school is no longer a member of the group; the nomination cannot go on.",
            )
        })
}

pub(crate) fn take_effect(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    n: &NominationRow,
    post: CadrePost,
) -> ApiResult<()> {
    let row = persons::find(conn, n.person_id)?.ok_or_else(ApiError::internal)?;
    let subjects: Vec<String> = persons::subjects_of(conn, &[row.id])?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let before = Person::from_row(row.clone(), subjects.clone(), false);
    let fields = PersonFields {
        cadre_post: Some(post),
        ..PersonFields::from(&row)
    };
    let now = crate::repo::now();
    let updated = persons::update(conn, row.id, row.version, &fields, now)?
        .ok_or_else(|| stale(row.version + 1))?;
    let after = Person::from_row(updated, subjects, false);
    changes::record(
        conn,
        &ctx.audit_actor(),
        change(
            Op::Updated,
            "person.cadre_post",
            &after,
            Some(&before),
            Some(&after),
        ),
    )?;
    if post != CadrePost::ExecutivePrincipal {
        return Ok(());
    }
    let m = current_membership(conn, g, n.school_id)?;
    if repo::set_executive_principal(conn, m.id, m.version, n.person_id, now)? == 0 {
        return Err(stale(m.version + 1));
    }
    // The group shows its members' executive principals: its version moves with them.
    crate::service::groups::access::touch(conn, g)?;
    let snap = |ep: Option<i64>, version: i32| {
        serde_json::json!({
            "id": m.id, "group_id": m.group_id, "school_id": m.school_id,
            "executive_principal_id": ep, "status": m.status, "version": version,
            "cadre_nomination_id": n.id,
        })
    };
    let key = crate::service::groups::access::membership_key(conn, g, m.school_id)?;
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op: Op::Updated,
            action: "membership.executive_principal".into(),
            entity: "membership",
            entity_id: m.id.to_string(),
            natural_key: key,
            county_code: Some(g.county_code.clone()),
            before: Some(snap(m.executive_principal_id, m.version)),
            after: Some(snap(Some(n.person_id), m.version + 1)),
            published: true,
        },
    )?;
    Ok(())
}
