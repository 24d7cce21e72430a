//! Writes one county's demo data, audited like the registry services do it: each created school
//! and person gets a `created` change, and each school an `updated` change when its principal
//! becomes its legal representative, so integrations reading the change feed see the demo too.

use super::plan::{CountyPlan, SchoolPlan};
use crate::db::DbConnection;
use crate::domain::registry::CadrePost;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, AuditActor, Op};
use crate::repo::registry::persons::{self, PersonFields};
use crate::repo::registry::schools;
use crate::service::registry::persons::change as person_change;
use crate::service::registry::persons::Person;
use crate::service::registry::schools::change as school_change;
use crate::service::registry::schools::School;

/// What one county's seeding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Seeded { schools: usize, persons: usize },
    AlreadyThere,
}

/// The audit log's author of the demo data.
pub fn actor() -> AuditActor {
    AuditActor {
        sub: "seed-demo".to_string(),
        role: "operator".to_string(),
        request_id: None,
    }
}

fn seed_school(conn: &mut DbConnection, actor: &AuditActor, plan: &SchoolPlan) -> ApiResult<()> {
    let row = schools::insert(conn, &plan.fields, crate::repo::now())?;
    let created = School::from_row(row);
    changes::record(
        conn,
        actor,
        school_change(Op::Created, "school.create", &created, None, Some(&created)),
    )?;
    let mut principal = None;
    for s in &plan.staff {
        let fields = PersonFields {
            name: s.name.clone(),
            id_number: s.id_number.clone(),
            school_id: created.id,
            county_code: created.county_code.clone(),
            title_code: s.title_code.map(str::to_string),
            is_backbone: s.is_backbone,
            cadre_post: s.cadre_post,
        };
        let row = persons::insert(conn, &fields, crate::repo::now())?;
        let subjects: Vec<String> = s.subjects.iter().map(|c| c.to_string()).collect();
        persons::set_subjects(conn, row.id, &subjects)?;
        let person = Person::from_row(row, subjects, false);
        changes::record(
            conn,
            actor,
            person_change(Op::Created, "person.create", &person, None, Some(&person)),
        )?;
        if principal.is_none() && s.cadre_post == Some(CadrePost::Principal) {
            principal = Some(person.id);
        }
    }
    if principal.is_some() {
        let mut fields = plan.fields.clone();
        fields.legal_representative_id = principal;
        let row = schools::update(
            conn,
            created.id,
            created.version,
            &fields,
            crate::repo::now(),
        )?
        .ok_or_else(|| {
            ApiError::conflict(
                format!("学校 {} 在写入示例数据时被修改。", created.code),
                format!(
                    "School {} changed while the demo data was written.",
                    created.code
                ),
            )
        })?;
        let updated = School::from_row(row);
        changes::record(
            conn,
            actor,
            school_change(
                Op::Updated,
                "school.update",
                &updated,
                Some(&created),
                Some(&updated),
            ),
        )?;
    }
    Ok(())
}

/// Writes a county's schools and staff unless its marker school is already registered; meant to
/// run in one transaction, so a county is seeded whole or not at all.
pub fn seed_county(conn: &mut DbConnection, plan: &CountyPlan) -> ApiResult<Outcome> {
    let Some(marker) = plan.marker_code() else {
        return Ok(Outcome::Seeded {
            schools: 0,
            persons: 0,
        });
    };
    if schools::find_by_code(conn, marker)?.is_some() {
        return Ok(Outcome::AlreadyThere);
    }
    let actor = actor();
    for school in &plan.schools {
        seed_school(conn, &actor, school)?;
    }
    Ok(Outcome::Seeded {
        schools: plan.schools.len(),
        persons: plan.person_count(),
    })
}
