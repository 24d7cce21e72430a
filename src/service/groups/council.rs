//! The elected council and the chair's office meeting (§2.3.2): COUNCIL-CHAIR,
//! COUNCIL-COMPOSITION and OFFICE-COMPOSITION are checked on the whole list at once; a new
//! election retires the old seats (they stay for the minutes of past meetings).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access;
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::council::composition::Holder;
use crate::domain::council::composition::{
    check_chair, check_council_composition, check_office_composition,
};
use crate::domain::council::{
    Body, CouncilGroupFacts, GroupSchool, OfficeRole, OfficeSeat, Seat, SeatCategory,
};
use crate::domain::groups::workflow::check_parts_open;
use crate::domain::groups::GroupKind;
use crate::domain::registry::CadrePost;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::council::seats::{self as repo, NewSeatRow, SeatRow};
use crate::repo::groups::group::{self as groups_repo, GroupChange, GroupRow};
use crate::repo::groups::{bodies, memberships};
use crate::repo::registry::persons::{self, PersonRow};
use crate::repo::registry::schools;
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatInput {
    pub person_id: i64,
    /// The school the seat holder represents: the core or a current member.
    pub school_id: i64,
    #[schema(value_type = SeatCategory)]
    pub category: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfficeInput {
    pub person_id: i64,
    #[schema(value_type = OfficeRole)]
    pub role: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "chair_person_id": 1,
    "seats": [
        {"person_id": 1, "school_id": 1, "category": "legal_representative"},
        {"person_id": 2, "school_id": 2, "category": "executive_principal"},
        {"person_id": 3, "school_id": 1, "category": "vice_principal"},
        {"person_id": 4, "school_id": 2, "category": "teacher_representative"},
        {"person_id": 5, "school_id": 1, "category": "parent_representative"}
    ],
    "office": [
        {"person_id": 1, "role": "legal_representative"},
        {"person_id": 2, "role": "executive_principal"},
        {"person_id": 3, "role": "core_vice_principal"}
    ]
}))]
pub struct CouncilElection {
    /// The chair: the core school's legal representative (COUNCIL-CHAIR).
    #[schema(required = true)]
    pub chair_person_id: Option<i64>,
    #[schema(required = true)]
    pub seats: Option<Vec<SeatInput>>,
    /// The chair's office meeting (OFFICE-COMPOSITION).
    #[schema(required = true)]
    pub office: Option<Vec<OfficeInput>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SeatView {
    /// The seat's id: votes and attendance name seats.
    pub seat_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub school_id: i64,
    /// A seat category (council) or an office role (office meeting).
    pub category: String,
    pub is_chair: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Council {
    pub group_id: i64,
    pub elected_at: Option<DateTime<Utc>>,
    pub chair_person_id: Option<i64>,
    pub seats: Vec<SeatView>,
    pub office: Vec<SeatView>,
    /// The group's version, for `If-Match` on a re-election.
    pub version: i32,
}

/// The seats with their holders' names, read in one query.
fn seat_views(conn: &mut DbConnection, rows: Vec<SeatRow>) -> ApiResult<Vec<SeatView>> {
    let ids: Vec<i64> = rows.iter().map(|s| s.person_id).collect();
    let names: std::collections::HashMap<i64, String> = persons::find_many(conn, &ids)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for s in rows {
        let name = names.get(&s.person_id).cloned().unwrap_or_default();
        out.push(SeatView {
            seat_id: s.id,
            person_id: s.person_id,
            person_name: name,
            school_id: s.school_id,
            category: s.category,
            is_chair: s.is_chair,
        });
    }
    Ok(out)
}

pub fn view(conn: &mut DbConnection, g: &GroupRow) -> ApiResult<Council> {
    let council = repo::active(conn, g.id, "council")?;
    let office = repo::active(conn, g.id, "office")?;
    Ok(Council {
        group_id: g.id,
        elected_at: g.council_elected_at.map(|t| t.and_utc()),
        chair_person_id: council.iter().find(|s| s.is_chair).map(|s| s.person_id),
        seats: seat_views(conn, council)?,
        office: seat_views(conn, office)?,
        version: g.version,
    })
}

/// The group's schools and the people its places depend on, as the composition rules see
/// them: `named` are the persons a list names (their registry records become `holders`).
pub(crate) fn group_facts(
    conn: &mut DbConnection,
    g: &GroupRow,
    named: &[PersonRow],
) -> ApiResult<CouncilGroupFacts> {
    let current = memberships::current_of_group(conn, g.id)?;
    let ids: Vec<i64> = std::iter::once(g.core_school_id)
        .chain(current.iter().map(|m| m.school_id))
        .collect();
    let by_id: std::collections::HashMap<i64, _> = schools::find_many(conn, &ids)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let core = by_id
        .get(&g.core_school_id)
        .ok_or_else(ApiError::internal)?;
    let mut members = Vec::new();
    for m in current {
        let s = by_id.get(&m.school_id).ok_or_else(ApiError::internal)?;
        members.push(GroupSchool {
            school_id: s.id,
            legal_representative_id: s.legal_representative_id,
            executive_principal_id: m.executive_principal_id,
            tight: m.terms == GroupKind::Tight,
        });
    }
    let holders = named
        .iter()
        .map(|p| {
            (
                p.id,
                Holder {
                    kind: p.kind,
                    school_id: p.school_id,
                    cadre_post: p.cadre_post,
                },
            )
        })
        .collect();
    let core_vice_principals = persons::holding_post(conn, core.id, CadrePost::VicePrincipal)?;
    let body_heads = bodies::of_group(conn, g.id, true)?
        .into_iter()
        .map(|b| b.head_person_id)
        .collect();
    Ok(CouncilGroupFacts {
        kind: g.kind,
        core: GroupSchool {
            school_id: core.id,
            legal_representative_id: core.legal_representative_id,
            executive_principal_id: None,
            tight: false,
        },
        members,
        holders,
        core_vice_principals,
        body_heads,
    })
}

/// The council as it now stands, for the audit log and the change feed.
pub(crate) fn record_council(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    action: &str,
) -> ApiResult<Council> {
    let council = view(conn, g)?;
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op: Op::Updated,
            action: action.into(),
            entity: "council",
            entity_id: g.id.to_string(),
            natural_key: Some(g.code.clone()),
            county_code: Some(g.county_code.clone()),
            before: None,
            after: serde_json::to_value(&council).ok(),
            published: true,
        },
    )?;
    Ok(council)
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Council> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            view(conn, &g)
        })
        .await
}

pub async fn elect(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: CouncilElection,
) -> ApiResult<Council> {
    ctx.require(Permission::GroupsLead)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            check_parts_open(g.status, ("选举理事会", "the council is elected"))?;
            match (&if_match, g.council_elected_at) {
                (Some(m), _) => m.check(g.version)?,
                (None, Some(_)) => {
                    return Err(ApiError::new(
                        crate::error::ErrorKind::PreconditionRequired,
                        "改选理事会须带 If-Match（读取理事会时得到的 ETag）。",
                        "Re-electing the council needs If-Match with the ETag you read.",
                    ))
                }
                (None, None) => {}
            }
            let mut c = Checks::new();
            let chair = c
                .required("chair_person_id", input.chair_person_id)
                .unwrap_or_default();
            let seat_inputs = c.required("seats", input.seats).unwrap_or_default();
            let office_inputs = c.required("office", input.office).unwrap_or_default();
            if seat_inputs.len() > 200 || office_inputs.len() > 100 {
                c.push("seats", "席位过多。", "Too many seats.");
            }
            let named: Vec<i64> = seat_inputs
                .iter()
                .map(|s| s.person_id)
                .chain(office_inputs.iter().map(|o| o.person_id))
                .collect();
            // A person of another county is reported as absent: its existence is not revealed.
            let found: Vec<PersonRow> = persons::find_many(conn, &named)?
                .into_iter()
                .filter(|p| p.county_code == g.county_code)
                .collect();
            let on_record: std::collections::HashSet<i64> = found.iter().map(|p| p.id).collect();
            let mut seats = Vec::new();
            for (i, s) in seat_inputs.iter().enumerate() {
                let category = c.enum_code(
                    &format!("seats[{i}].category"),
                    &s.category,
                    SeatCategory::parse,
                    SeatCategory::codes(),
                );
                if !on_record.contains(&s.person_id) {
                    c.push(
                        &format!("seats[{i}].person_id"),
                        "本县没有该人员。",
                        "No such person in this county.",
                    );
                }
                if let Some(category) = category {
                    seats.push(Seat {
                        person_id: s.person_id,
                        school_id: s.school_id,
                        category,
                    });
                }
            }
            let mut office = Vec::new();
            for (i, o) in office_inputs.iter().enumerate() {
                if let Some(role) = c.enum_code(
                    &format!("office[{i}].role"),
                    &o.role,
                    OfficeRole::parse,
                    OfficeRole::codes(),
                ) {
                    office.push(OfficeSeat {
                        person_id: o.person_id,
                        role,
                    });
                }
            }
            c.finish()?;
            let facts = group_facts(conn, &g, &found)?;
            check_chair(chair, facts.core.legal_representative_id, &seats)?;
            check_council_composition(&facts, &seats)?;
            check_office_composition(&facts, &seats, &office)?;

            let now = crate::repo::now();
            repo::retire_all(conn, g.id, "council")?;
            repo::retire_all(conn, g.id, "office")?;
            for s in &seats {
                repo::insert(
                    conn,
                    &NewSeatRow {
                        group_id: g.id,
                        body: Body::Council,
                        person_id: s.person_id,
                        school_id: s.school_id,
                        category: s.category.as_str().into(),
                        is_chair: s.person_id == chair,
                        active: true,
                        created_at: now,
                    },
                )?;
            }
            for o in &office {
                let school_id = seats
                    .iter()
                    .find(|s| s.person_id == o.person_id)
                    .map_or(g.core_school_id, |s| s.school_id);
                repo::insert(
                    conn,
                    &NewSeatRow {
                        group_id: g.id,
                        body: Body::Office,
                        person_id: o.person_id,
                        school_id,
                        category: o.role.as_str().into(),
                        is_chair: o.person_id == chair,
                        active: true,
                        created_at: now,
                    },
                )?;
            }
            let after = groups_repo::update(
                conn,
                g.id,
                g.version,
                &GroupChange {
                    council_elected_at: Some(Some(now)),
                    ..Default::default()
                },
                now,
            )?
            .ok_or_else(|| stale(g.version + 1))?;
            let council = record_council(conn, &ctx, &after, "council.elect")?;
            Ok(council)
        })
        .await
}
