//! Where a scene takes place, found in the database (the group by its code, the school by its
//! code), who acts in it, and whether it is there already.
//!
//! A scene is there once its first act is: an application of its kind about the school, an
//! order to the school, a nomination for the school, a dissolved group. A scene is then left as
//! it is, as the groups seed leaves a group it finds, so a second run changes nothing.

use diesel::prelude::*;

use super::scenes::Act;
use crate::db::schema::edu_groups;
use crate::domain::auth::Role;
use crate::domain::groups::GroupStatus;
use crate::error::ApiError;
use crate::repo::cadres::nominations::{self as cadres, NominationFilter};
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships;
use crate::repo::life::applications::{self, ApplicationFilter};
use crate::repo::life::rectification;
use crate::repo::registry::schools;
use crate::seed::groups::plan::GroupPlan;
use crate::seed::groups::walk::{ctx, failed};
use crate::service::{AppState, Ctx};

/// A scene's group and school with their ids, and its callers.
pub struct Place {
    pub group_id: i64,
    pub group_code: String,
    pub county: &'static str,
    /// The scene's school (the core's, for a scene about the whole group).
    pub school_id: i64,
    pub school_name: String,
    pub group_status: GroupStatus,
    /// The county bureau.
    pub bureau: Ctx,
    /// The core's administrator, who chairs the group.
    pub chair: Ctx,
    /// The scene school's own administrator.
    pub own: Ctx,
}

impl Place {
    /// A seat holder of the group's council or office: a `council_member` whose `sub` is its
    /// person id, as tokens name them.
    pub fn seat_holder(&self, person_id: i64) -> Ctx {
        ctx(
            person_id.to_string(),
            Role::CouncilMember,
            self.county,
            None,
        )
    }
}

fn absent(what: String) -> ApiError {
    ApiError::conflict(
        format!("示例数据缺少{what}。"),
        format!("The demo data lacks {what}."),
    )
}

/// Finds the place of the scene at school `school` of group `g`.
pub async fn place(state: &AppState, g: &GroupPlan<'_>, school: usize) -> Result<Place, String> {
    let county = g.spec.county_code();
    let code = g.code.clone();
    let core_code = g.core().fields.code.clone();
    let s = g
        .schools
        .get(school)
        .ok_or_else(|| format!("group {} has no school #{school}", g.code))?;
    let (school_code, school_name) = (s.fields.code.clone(), s.fields.name.clone());
    let (group, core_id, school_id) = state
        .db
        .read(move |conn| {
            let group = edu_groups::table
                .filter(edu_groups::code.eq(&code))
                .select(GroupRow::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(|| absent(format!("集团 {code}")))?;
            let school = schools::find_by_code(conn, &school_code)?
                .ok_or_else(|| absent(format!("学校 {school_code}")))?;
            let core = schools::find_by_code(conn, &core_code)?
                .filter(|c| c.id == group.core_school_id)
                .ok_or_else(|| absent(format!("集团 {code} 的核心成员学校 {core_code}")))?;
            if school.id != core.id
                && memberships::latest_in_group(conn, group.id, school.id)?.is_none()
            {
                return Err(absent(format!("集团 {code} 的成员学校 {school_code}")));
            }
            Ok((group, core.id, school.id))
        })
        .await
        .map_err(|e| failed("find the group and its school", e))?;
    let admin = |code: &str, id: i64| {
        ctx(
            format!("demo-principal-{code}"),
            Role::SchoolAdmin,
            county,
            Some(id),
        )
    };
    Ok(Place {
        group_id: group.id,
        group_code: group.code,
        county,
        school_id,
        school_name,
        group_status: group.status,
        bureau: ctx(
            format!("demo-bureau-{county}"),
            Role::CountyBureau,
            county,
            None,
        ),
        chair: admin(&g.core().fields.code, core_id),
        own: admin(&s.fields.code, school_id),
    })
}

/// What a scene's first act leaves on its school.
enum Trace {
    /// An application of this kind (of any, for `None`).
    Application(Option<crate::domain::life::ApplicationKind>),
    Order,
    Nomination,
}

/// Whether the scene's first act is there already.
pub async fn started(state: &AppState, p: &Place, act: &Act) -> Result<bool, String> {
    let trace = match act {
        Act::Dissolve { .. } => return Ok(p.group_status == GroupStatus::Dissolved),
        Act::Apply(a) => Trace::Application(a.reason.application_kind()),
        Act::Order(_) => Trace::Order,
        Act::Cadres(_) => Trace::Nomination,
    };
    let (group, school) = (p.group_id, p.school_id);
    state
        .db
        .read(move |conn| {
            Ok(match trace {
                Trace::Application(kind) => {
                    let f = ApplicationFilter {
                        group_id: Some(group),
                        kind: kind.into_iter().collect(),
                        ..ApplicationFilter::default()
                    };
                    applications::list(conn, &f, 0, 1000)?
                        .iter()
                        .any(|a| a.school_id == school)
                }
                Trace::Order => {
                    !rectification::of_group(conn, group, Some(school), &[], 0, 1)?.is_empty()
                }
                Trace::Nomination => {
                    let f = NominationFilter {
                        school_id: Some(school),
                        ..NominationFilter::default()
                    };
                    !cadres::list(conn, group, &f, 0, 1)?.is_empty()
                }
            })
        })
        .await
        .map_err(|e| failed("look for what is there already", e))
}
