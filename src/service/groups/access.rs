//! Who may see and act on a group (issue "Scoping"): a bureau sees its county, a school's
//! administrators their own groups (as chair, the core's), a seat holder the groups where it
//! sits, the prefecture all. A group outside the caller's scope is `404`.

use crate::db::DbConnection;
use crate::domain::auth::{Principal, Role};
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::repo::changes::{self, Change, Op};
use crate::repo::council::seats;
use crate::repo::groups::group::{self as groups, GroupRow};
use crate::repo::groups::memberships;
use crate::repo::groups::transitions::{self, TransitionRow};
use crate::service::Ctx;

/// A fact a group's scope depends on, asked for only by the roles that need it.
pub enum ScopeFact {
    /// Whether the school is or was ever a member of the group.
    EverMember(i64),
    /// Whether the person holds an active seat in the group.
    HoldsSeat(i64),
}

/// The scope rule itself, whoever finds its facts: the database ([`sees`]) or a read that has
/// them already (`view::visible`).
pub fn sees_by(
    p: &Principal,
    g: &GroupRow,
    mut fact: impl FnMut(ScopeFact) -> ApiResult<bool>,
) -> ApiResult<bool> {
    if !p.sees_county(&g.county_code) {
        return Ok(false);
    }
    Ok(match p.role {
        Role::SchoolAdmin => match p.school {
            Some(s) if s == g.core_school_id => true,
            Some(s) => fact(ScopeFact::EverMember(s))?,
            None => false,
        },
        Role::CouncilMember => match p.person_id() {
            Some(person) => fact(ScopeFact::HoldsSeat(person))?,
            None => false,
        },
        _ => true,
    })
}

/// Whether the caller may see this group.
pub fn sees(conn: &mut DbConnection, p: &Principal, g: &GroupRow) -> ApiResult<bool> {
    sees_by(p, g, |f| {
        Ok(match f {
            ScopeFact::EverMember(s) => memberships::ever_in_group(conn, g.id, s)?,
            ScopeFact::HoldsSeat(person) => seats::holds_active_seat(conn, g.id, person)?,
        })
    })
}

/// The group, or `404` when it is absent or outside the caller's scope.
pub fn load(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<GroupRow> {
    let g = groups::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    if sees(conn, &ctx.principal, &g)? {
        Ok(g)
    } else {
        Err(ApiError::not_found())
    }
}

/// Whether the caller acts as the group's chair: the core school's administrator (the chair is
/// the core's legal representative, COUNCIL-CHAIR).
pub fn is_chair(p: &Principal, g: &GroupRow) -> bool {
    p.role == Role::SchoolAdmin && p.school == Some(g.core_school_id)
}

pub fn ensure_chair(ctx: &Ctx, g: &GroupRow) -> ApiResult<()> {
    if is_chair(&ctx.principal, g) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::Forbidden,
            "只有集团核心成员（理事长）可以执行此操作。",
            "Only the group's core school (its chair) may do this.",
        ))
    }
}

pub fn ensure_role(ctx: &Ctx, role: Role, zh: &str, en: &str) -> ApiResult<()> {
    if ctx.principal.role == role {
        Ok(())
    } else {
        Err(ApiError::new(ErrorKind::Forbidden, zh, en))
    }
}

/// The group as it now stands, for the audit log and the change feed.
pub fn group_change(op: Op, action: &str, before: Option<&GroupRow>, after: &GroupRow) -> Change {
    let snap = |g: &GroupRow| {
        serde_json::json!({
            "id": g.id, "code": g.code, "name": g.name, "county_code": g.county_code,
            "kind": g.kind, "pattern": g.pattern, "core_school_id": g.core_school_id,
            "status": g.status, "version": g.version,
        })
    };
    Change {
        op,
        action: action.to_string(),
        entity: "group",
        entity_id: after.id.to_string(),
        natural_key: Some(after.code.clone()),
        county_code: Some(after.county_code.clone()),
        before: before.map(snap),
        after: Some(snap(after)),
        published: true,
    }
}

/// A membership's natural key on the change feed, `{group code}:{school code}`: the same on its
/// creation and on every later change, so that another system can match all of them.
pub fn membership_key(
    conn: &mut DbConnection,
    g: &GroupRow,
    school_id: i64,
) -> ApiResult<Option<String>> {
    Ok(crate::repo::registry::schools::find(conn, school_id)?
        .map(|s| membership_key_of(g, &s.code)))
}

pub fn membership_key_of(g: &GroupRow, school_code: &str) -> String {
    format!("{}:{}", g.code, school_code)
}

/// Records a step of the group's history, and the change, in the step's transaction.
pub fn record_step(
    conn: &mut DbConnection,
    ctx: &Ctx,
    before: &GroupRow,
    after: &GroupRow,
    action: &str,
    reason: Option<String>,
) -> ApiResult<()> {
    transitions::record(
        conn,
        &TransitionRow {
            id: 0,
            group_id: after.id,
            from_status: Some(before.status),
            to_status: after.status,
            action: action.to_string(),
            actor_sub: ctx.principal.sub.clone(),
            actor_role: ctx.principal.role.as_str().to_string(),
            reason,
            at: crate::repo::now(),
        },
    )?;
    changes::record(
        conn,
        &ctx.audit_actor(),
        group_change(Op::Updated, action, Some(before), after),
    )?;
    Ok(())
}

/// Moves the group's version on (its parts changed), refusing if another request moved it first.
pub fn touch(conn: &mut DbConnection, g: &GroupRow) -> ApiResult<GroupRow> {
    groups::touch(conn, g.id, g.version, crate::repo::now())?
        .ok_or_else(|| crate::service::stale(g.version + 1))
}

/// The group's schools as they stand: its core and its active members (exchanges, pay plans
/// and pooled-use entries name only these).
pub fn current_schools(
    conn: &mut DbConnection,
    g: &GroupRow,
) -> ApiResult<std::collections::HashSet<i64>> {
    let mut out: std::collections::HashSet<i64> = memberships::current_of_group(conn, g.id)?
        .into_iter()
        .map(|m| m.school_id)
        .collect();
    out.insert(g.core_school_id);
    Ok(out)
}
