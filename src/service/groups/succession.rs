//! A school's legal representative changes for as long as it is in a group, not only when it
//! joins (GRP-TIGHT-LEGAL-REP, COUNCIL-CHAIR, §2.2.1, §2.3.2).
//!
//! - A tight member's legal representative is the core's: changing it to anyone else is
//!   refused; it changes only with the core's.
//! - A new legal representative of a core (a new principal) is carried over, in the same
//!   transaction, to every tight member of its group, and takes over the council's chair and
//!   the legal-representative places of the council and the office meeting. A tight member
//!   that leads a collaborative group of its own (§2.1) passes the change on to that group.
//!
//! Each school written is audited and in the change feed like any registry change, and each
//! council that changed is recorded once.

use std::collections::BTreeSet;

use crate::db::DbConnection;
use crate::domain::council::{Body, OfficeRole, SeatCategory};
use crate::domain::groups::formation::check_tight_member_rep;
use crate::domain::groups::GroupKind;
use crate::domain::rules::{Msg, Rule, RuleViolation};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Op};
use crate::repo::council::seats::{self, NewSeatRow, SeatRow};
use crate::repo::groups::group as groups;
use crate::repo::groups::memberships;
use crate::repo::registry::schools::{self, SchoolFields, SchoolRow};
use crate::service::registry::schools::{change, School};
use crate::service::{stale, Ctx};

use super::{access, council::record_council};

/// How far a change is passed on: a core, its tight member, the collaborative group that member
/// leads. More would be a cycle the membership rules do not allow.
const MAX_DEPTH: u8 = 3;

/// GRP-TIGHT-LEGAL-REP and COUNCIL-CHAIR before `school_id`'s legal representative becomes
/// `new_rep`: a tight member takes only its core's; a core whose council sits keeps one.
pub(crate) fn check_change(
    conn: &mut DbConnection,
    school_id: i64,
    new_rep: Option<i64>,
) -> ApiResult<()> {
    for (m, kind) in memberships::current_of_school(conn, school_id)? {
        if m.terms != GroupKind::Tight || kind != GroupKind::Tight.as_str() {
            continue;
        }
        let g = groups::find(conn, m.group_id)?.ok_or_else(ApiError::internal)?;
        let core = schools::find(conn, g.core_school_id)?.ok_or_else(ApiError::internal)?;
        check_tight_member_rep(school_id, core.id, core.legal_representative_id, new_rep)?;
    }
    if new_rep.is_none() {
        for g in groups::led_by(conn, school_id)? {
            if !seats::active(conn, g.id, Body::Council.as_str())?.is_empty() {
                return Err(RuleViolation::new(
                    Rule::CouncilChair,
                    Msg::new("理事长不能空缺", "the chair cannot be vacant"),
                    Msg::new(
                        format!(
                            "学校 #{school_id} 是集团 {} 的核心成员，其法定代表人担任理事长，\
                             只能更换、不能取消。",
                            g.code
                        ),
                        format!(
                            "School #{school_id} leads group {}, whose chair is its legal \
                             representative: it can be replaced, not removed.",
                            g.code
                        ),
                    ),
                )
                .on_field("legal_representative_id")
                .into());
            }
        }
    }
    Ok(())
}

/// Carries `school`'s new legal representative (it had `old`) over to its seats, its tight
/// members and their own groups; `school` is already written.
pub(crate) fn carry_over(
    conn: &mut DbConnection,
    ctx: &Ctx,
    school: &SchoolRow,
    old: Option<i64>,
) -> ApiResult<()> {
    let mut councils = BTreeSet::new();
    pass_on(conn, ctx, school, old, 0, &mut councils)?;
    for id in councils {
        let g = groups::find(conn, id)?.ok_or_else(ApiError::internal)?;
        let after = access::touch(conn, &g)?;
        record_council(conn, ctx, &after, "council.legal_representative_succession")?;
    }
    Ok(())
}

fn pass_on(
    conn: &mut DbConnection,
    ctx: &Ctx,
    school: &SchoolRow,
    old: Option<i64>,
    depth: u8,
    councils: &mut BTreeSet<i64>,
) -> ApiResult<()> {
    let Some(new) = school.legal_representative_id else {
        return Ok(());
    };
    if depth > MAX_DEPTH || old == Some(new) {
        return Ok(());
    }
    if let Some(old) = old {
        for s in seats::active_of_person(conn, old)? {
            if s.school_id == school.id && is_rep_place(&s) {
                replace_holder(conn, &s, new)?;
                councils.insert(s.group_id);
            }
        }
    }
    for g in groups::led_by(conn, school.id)? {
        if g.kind != GroupKind::Tight {
            continue;
        }
        // A prospective member holds its place: it takes the new representative too, so that
        // its confirmation (GRP-TIGHT-LEGAL-REP again) still holds.
        for m in memberships::places_of_group(conn, g.id)? {
            if m.terms != GroupKind::Tight {
                continue;
            }
            let member = schools::find(conn, m.school_id)?.ok_or_else(ApiError::internal)?;
            if member.legal_representative_id == Some(new) {
                continue;
            }
            let before = School::from_row(member.clone());
            let fields = SchoolFields {
                legal_representative_id: Some(new),
                ..SchoolFields::from(&member)
            };
            let written =
                schools::update(conn, member.id, member.version, &fields, crate::repo::now())?
                    .ok_or_else(|| stale(member.version + 1))?;
            let after = School::from_row(written.clone());
            changes::record(
                conn,
                &ctx.audit_actor(),
                change(
                    Op::Updated,
                    "school.legal_representative_succession",
                    &after,
                    Some(&before),
                    Some(&after),
                ),
            )?;
            pass_on(
                conn,
                ctx,
                &written,
                member.legal_representative_id,
                depth + 1,
                councils,
            )?;
        }
    }
    Ok(())
}

/// A legal representative's place: a council seat of that category, or an office place in
/// that role.
fn is_rep_place(s: &SeatRow) -> bool {
    match s.body {
        Body::Council => s.category == SeatCategory::LegalRepresentative.as_str(),
        Body::Office => s.category == OfficeRole::LegalRepresentative.as_str(),
    }
}

/// Gives seat `s` to `person_id`: the old seat retires (it stays for past minutes), the new
/// holder's other places in the same body retire too (one place each), and the new seat keeps
/// the chair where the old one had it.
fn replace_holder(conn: &mut DbConnection, s: &SeatRow, person_id: i64) -> ApiResult<()> {
    seats::retire(conn, s.id)?;
    for other in seats::active(conn, s.group_id, s.body.as_str())? {
        if other.person_id == person_id {
            seats::retire(conn, other.id)?;
        }
    }
    seats::insert(
        conn,
        &NewSeatRow {
            group_id: s.group_id,
            body: s.body,
            person_id,
            school_id: s.school_id,
            category: s.category.clone(),
            is_chair: s.is_chair,
            active: true,
            created_at: crate::repo::now(),
        },
    )?;
    Ok(())
}
