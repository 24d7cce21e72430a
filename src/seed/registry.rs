//! Writes one county's demo data through the registry's own use cases, in one transaction per
//! county: every check applies, each created school and person gets its `created` change, and
//! each school an `updated` change when its principal becomes its legal representative, so
//! integrations reading the change feed see the demo too.

use super::plan::{CountyPlan, SchoolPlan};
use crate::db::DbConnection;
use crate::domain::auth::{Principal, Role};
use crate::domain::registry::{CadrePost, PersonKind};
use crate::error::ApiResult;
use crate::repo::registry::schools::SchoolFields;
use crate::service::registry::persons::{self, NewPerson};
use crate::service::registry::schools::{self, NewSchool, SchoolPatch};
use crate::service::{Ctx, IfMatch};

/// What one county's seeding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Seeded { schools: usize, persons: usize },
    AlreadyThere,
}

/// The county bureau of `county`, as the demo's author: the demo is registered through the
/// same use cases as a bureau's requests, so every check and audit entry applies to it.
pub fn operator(county: &str) -> Ctx {
    Ctx {
        principal: Principal {
            sub: "seed-demo".to_string(),
            role: Role::CountyBureau,
            county: Some(county.to_string()),
            school: None,
            jti: String::new(),
            expires_at: i64::MAX,
        },
        request_id: "seed-demo".to_string(),
    }
}

fn new_school(f: &SchoolFields) -> NewSchool {
    NewSchool {
        code: Some(f.code.clone()),
        name: Some(f.name.clone()),
        county_code: Some(f.county_code.clone()),
        type_code: Some(f.type_code.clone()),
        urban_rural_code: Some(f.urban_rural_code.clone()),
        location: Some(f.location.as_str().to_string()),
        standing: Some(f.standing.as_str().to_string()),
        uscc: f.uscc.clone(),
        accept_uscc_check_warning: Some(!f.uscc_check_ok),
        legal_representative_id: None,
        staffing_quota: Some(f.staffing_quota),
        address: f.address.clone(),
        opened_on: f.opened_on,
    }
}

pub(super) fn seed_school(
    conn: &mut DbConnection,
    ctx: &Ctx,
    province: &str,
    plan: &SchoolPlan,
) -> ApiResult<()> {
    let created = schools::create_in(conn, ctx, province, new_school(&plan.fields))?;
    let mut principal = None;
    for s in &plan.staff {
        let person = persons::create_in(
            conn,
            ctx,
            NewPerson {
                name: Some(s.name.clone()),
                id_number: Some(s.id_number.clone()),
                school_id: Some(created.id),
                title_code: s.title_code.map(str::to_string),
                subject_codes: Some(s.subjects.iter().map(|c| c.to_string()).collect()),
                is_backbone: Some(s.is_backbone),
                cadre_post: s.cadre_post.map(|p| p.as_str().to_string()),
                ..NewPerson::default()
            },
        )?;
        if principal.is_none() && s.cadre_post == Some(CadrePost::Principal) {
            principal = Some(person.id);
        }
    }
    for p in &plan.parents {
        persons::create_in(
            conn,
            ctx,
            NewPerson {
                name: Some(p.name.clone()),
                id_number: Some(p.id_number.clone()),
                school_id: Some(created.id),
                kind: Some(PersonKind::Parent.as_str().into()),
                pupil_class: Some(p.pupil_class.clone()),
                ..NewPerson::default()
            },
        )?;
    }
    if principal.is_some() {
        let patch = SchoolPatch {
            legal_representative_id: Some(principal),
            ..SchoolPatch::default()
        };
        schools::update_in(
            conn,
            ctx,
            province,
            created.id,
            IfMatch::Versions(vec![created.version]),
            patch,
        )?;
    }
    Ok(())
}

/// Writes a county's schools and staff unless its marker school is already registered; meant to
/// run in one transaction, so a county is seeded whole or not at all.
pub fn seed_county(
    conn: &mut DbConnection,
    province: &str,
    plan: &CountyPlan,
) -> ApiResult<Outcome> {
    let Some(marker) = plan.marker_code() else {
        return Ok(Outcome::Seeded {
            schools: 0,
            persons: 0,
        });
    };
    if crate::repo::registry::schools::find_by_code(conn, marker)?.is_some() {
        return Ok(Outcome::AlreadyThere);
    }
    let ctx = operator(plan.code);
    for school in &plan.schools {
        seed_school(conn, &ctx, province, school)?;
    }
    Ok(Outcome::Seeded {
        schools: plan.schools.len(),
        persons: plan.person_count(),
    })
}
