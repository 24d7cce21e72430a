//! Authorising a group, reading it and listing groups.

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::access::group_change;
use super::facts::{active_roles, school_facts};
use super::view::{self, Group, GroupItem};
use crate::domain::auth::{Permission, Role};
use crate::domain::groups::formation::{
    check_core_quality, check_core_unique, check_county, check_member_may_lead,
};
use crate::domain::groups::{FormationPattern, GroupKind, GroupStatus};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Op};
use crate::repo::groups::group::{self as repo, GroupFilter, GroupRow, NewGroupRow};
use crate::repo::groups::transitions::{self, TransitionRow};
use crate::repo::registry::schools;
use crate::service::checks::Checks;
use crate::service::page::{paginate_sorted, Page, PageQuery, RecordSort, Seek};
use crate::service::{AppState, Ctx};

/// The bureau authorises a quality school to lead a new group (§2.3.1 step 1).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "都匀市第一小学教育集团", "kind": "tight", "pattern": "urban_quality_plus_new", "core_school_id": 1
}))]
pub struct NewGroup {
    #[schema(required = true)]
    pub name: Option<String>,
    #[schema(required = true, value_type = GroupKind)]
    pub kind: Option<String>,
    #[schema(required = true, value_type = FormationPattern)]
    pub pattern: Option<String>,
    #[schema(required = true)]
    pub core_school_id: Option<i64>,
    /// The group's code (2–20 capital letters, digits or `-`); generated as `G{county}{nnn}` when
    /// absent.
    pub code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GroupQuery {
    #[param(example = "522701")]
    pub county: Option<String>,
    /// Any of these statuses (repeat the parameter for several: `status=preparing&status=established`).
    #[serde(default)]
    pub status: Vec<GroupStatus>,
    /// Any of these kinds.
    #[serde(default)]
    pub kind: Vec<GroupKind>,
    /// Groups this school leads or belongs to.
    pub school_id: Option<i64>,
    /// Part of the name or the code, Chinese or not (`q=都匀`).
    #[param(example = "第一小学")]
    pub q: Option<String>,
    /// The order of the list (default `id`); a cursor continues the order it was issued in.
    pub sort: Option<RecordSort>,
    /// `true` adds `total`, the number of groups the filters select.
    pub count: Option<bool>,
}

fn valid_code(c: &str) -> bool {
    (2..=20).contains(&c.len())
        && c.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// The next free group code of a county, `G{county}{nnn}`: authorisations and spin-offs number
/// groups the same way.
pub(crate) fn next_code(conn: &mut crate::db::DbConnection, county: &str) -> ApiResult<String> {
    let mut n = repo::count_in_county(conn, county)? + 1;
    loop {
        let candidate = format!("G{county}{n:03}");
        if !repo::code_taken(conn, &candidate)? {
            return Ok(candidate);
        }
        n += 1;
    }
}

pub async fn create(state: &AppState, ctx: &Ctx, input: NewGroup) -> ApiResult<Group> {
    ctx.require(Permission::GroupsAuthorize)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let mut c = Checks::new();
            let name = c
                .required("name", input.name)
                .map(|n| c.text("name", &n, 2, 100))
                .unwrap_or_default();
            let kind = c
                .required("kind", input.kind)
                .and_then(|v| c.enum_code("kind", &v, GroupKind::parse, GroupKind::codes()));
            let pattern = c.required("pattern", input.pattern).and_then(|v| {
                c.enum_code(
                    "pattern",
                    &v,
                    FormationPattern::parse,
                    FormationPattern::codes(),
                )
            });
            let mut core = None;
            if let Some(id) = c.required("core_school_id", input.core_school_id) {
                // A school of another county exists: GRP-COUNTY names it below (by id and county
                // code only). Only an id that is no school at all is a validation error.
                match schools::find(conn, id)? {
                    Some(s) => core = Some(s),
                    None => c.push("core_school_id", "没有该学校。", "No such school."),
                }
            }
            if let Some(code) = &input.code {
                if !valid_code(code) {
                    c.push(
                        "code",
                        "集团代码须为 2–20 位大写字母、数字或“-”。",
                        "A group code is 2–20 capital letters, digits or '-'.",
                    );
                }
            }
            c.finish()?;
            let (Some(core), Some(kind), Some(pattern)) = (core, kind, pattern) else {
                return Err(ApiError::internal());
            };
            let county = ctx
                .principal
                .county
                .clone()
                .unwrap_or_else(|| core.county_code.clone());
            let facts = school_facts(&core);
            check_county(&county, &facts)?;
            check_core_quality(&facts, true)?;
            let roles = active_roles(conn, core.id)?;
            check_core_unique(core.id, &roles, None)?;
            check_member_may_lead(&facts, kind, &roles)?;
            let code = match input.code {
                Some(code) => {
                    if repo::code_taken(conn, &code)? {
                        return Err(ApiError::conflict_of(
                            Conflict::GroupCodeTaken,
                            format!("集团代码 {code} 已被使用。"),
                            format!("The group code {code} is taken."),
                        ));
                    }
                    code
                }
                None => next_code(conn, &county)?,
            };
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewGroupRow {
                    code,
                    name,
                    county_code: county,
                    kind,
                    pattern,
                    core_school_id: core.id,
                    status: GroupStatus::Authorized,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            transitions::record(
                conn,
                &TransitionRow {
                    id: 0,
                    group_id: row.id,
                    from_status: None,
                    to_status: row.status,
                    action: "authorize".into(),
                    actor_sub: ctx.principal.sub.clone(),
                    actor_role: ctx.principal.role.as_str().into(),
                    reason: None,
                    at: now,
                },
            )?;
            changes::record(
                conn,
                &ctx.audit_actor(),
                group_change(Op::Created, "group.authorize", None, &row),
            )?;
            view::build(conn, &ctx.principal, row)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Group> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .query(move |conn| {
            let p = &ctx.principal;
            let seat_person = (p.role == Role::CouncilMember).then(|| p.person_id().unwrap_or(-1));
            match crate::repo::groups::view::load(conn, id, seat_person)? {
                Some(v) if view::visible(p, &v) => Ok(view::of(p, v)),
                _ => Err(ApiError::not_found()),
            }
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    q: GroupQuery,
    page: PageQuery,
) -> ApiResult<Page<GroupItem>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.sorted_window(q.sort.unwrap_or(RecordSort::Id))?;
    let count = q.count.unwrap_or(false);
    let p = &ctx.principal;
    let mut filter = GroupFilter {
        county: q.county,
        status: q.status,
        kind: q.kind,
        name_contains: q.q.filter(|s| !s.trim().is_empty()),
        school_id: q.school_id,
        seat_person_id: None,
    };
    match ctx.list_county(filter.county.take()) {
        Some(county) => filter.county = county,
        None => return Ok(Page::empty()),
    }
    match p.role {
        // A school's administrators see the groups of their school only.
        Role::SchoolAdmin => match (filter.school_id, p.school) {
            (Some(asked), Some(own)) if asked != own => return Ok(Page::empty()),
            (_, own) => filter.school_id = own,
        },
        Role::CouncilMember => filter.seat_person_id = Some(p.person_id().unwrap_or(-1)),
        _ => {}
    }
    let principal = p.clone();
    state
        .db
        .read(move |conn| {
            let rows = repo::list(conn, &filter, &w)?;
            let total = if count {
                Some(repo::count(conn, &filter)?)
            } else {
                None
            };
            let seek = |g: &GroupRow| Seek {
                id: g.id,
                key: w.key_of(&g.name, &g.code).map(str::to_string),
            };
            let page = paginate_sorted(rows, &w, seek, |g| g);
            let items = view::items(conn, &principal, page.items)?;
            Ok(Page {
                items,
                next_cursor: page.next_cursor,
                total,
            })
        })
        .await
}
