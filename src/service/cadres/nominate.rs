//! The chair nominates (理事长提名), and everyone who sees the group reads the nominations.

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::views::Nomination;
use super::{load, record};
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::cadres::{check_nomination, is_open, NominationFacts, NominationStatus};
use crate::domain::groups::{GroupKind, GroupStatus};
use crate::domain::registry::CadrePost;
use crate::domain::rules::{Conflict, Rule, RuleViolation};
use crate::error::{ApiError, ApiResult};
use crate::repo::cadres::nominations::{self as repo, NewNominationRow, NominationFilter};
use crate::repo::changes::Op;
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships;
use crate::repo::registry::{persons, schools};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"person_id": 12, "school_id": 2, "post": "vice_principal", "note": "拟任分管教学副校长。"}))]
pub struct NewNomination {
    /// The nominee, a person of the group's county.
    #[schema(required = true)]
    pub person_id: Option<i64>,
    /// A member of the group on tight terms (not the core, nor a member that stayed on as a
    /// collaborative one, §2.4.4).
    #[schema(required = true)]
    pub school_id: Option<i64>,
    /// `vice_principal`, `executive_principal` or `middle_cadre`.
    #[schema(required = true, value_type = CadrePost)]
    pub post: Option<String>,
    /// At most 2000 characters.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NominationQuery {
    /// Any of these statuses (repeat the parameter for several).
    #[serde(default)]
    pub status: Vec<NominationStatus>,
    /// Any of these posts.
    #[serde(default)]
    pub post: Vec<CadrePost>,
    #[param(example = 2)]
    pub school_id: Option<i64>,
    #[param(example = 12)]
    pub person_id: Option<i64>,
}

struct Valid {
    person_id: i64,
    school_id: i64,
    post: CadrePost,
    note: Option<String>,
    /// The terms the school is in the group on: the group's kind for the core.
    terms: GroupKind,
}

fn validate(conn: &mut DbConnection, g: &GroupRow, d: NewNomination) -> ApiResult<Valid> {
    let mut c = Checks::new();
    let post = c
        .required("post", d.post)
        .and_then(|v| c.enum_code("post", &v, CadrePost::parse, CadrePost::codes()));
    if let Some(p) = c.required("person_id", d.person_id) {
        // A person of another county is reported as absent: its existence is not revealed.
        match persons::find(conn, p)? {
            Some(x) if x.county_code == g.county_code => {
                if x.kind != crate::domain::registry::PersonKind::Staff {
                    c.push(
                        "person_id",
                        "学生家长不是教职工，不能被提名为干部。",
                        "A parent is not staff and cannot be nominated as a cadre.",
                    );
                }
            }
            _ => c.push(
                "person_id",
                "本县没有该人员。",
                "No such person in the group's county.",
            ),
        }
    }
    let group_kind = g.kind;
    let mut terms = group_kind;
    if let Some(s) = c.required("school_id", d.school_id) {
        let member = if s == g.core_school_id {
            Some(group_kind)
        } else {
            memberships::current_of_group(conn, g.id)?
                .iter()
                .find(|m| m.school_id == s)
                .map(|m| m.terms)
        };
        match member {
            Some(t) => terms = t,
            None => c.push(
                "school_id",
                "不是本集团的成员学校。",
                "Not a member school of this group.",
            ),
        }
    }
    let note = c.optional_text("note", d.note, 2000);
    c.finish()?;
    match (d.person_id, d.school_id, post) {
        (Some(person_id), Some(school_id), Some(post)) => Ok(Valid {
            person_id,
            school_id,
            post,
            note,
            terms,
        }),
        _ => Err(ApiError::internal()),
    }
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewNomination,
) -> ApiResult<Nomination> {
    ctx.require(Permission::GroupsLead)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            access::ensure_chair(&ctx, &g)?;
            if g.status != GroupStatus::Established {
                return Err(ApiError::from(RuleViolation::of(
                    Rule::GroupState,
                    "集团正式组建后，理事长方可提名成员单位干部。",
                    "The chair nominates members' cadres once the group is established.",
                )));
            }
            let v = validate(conn, &g, input)?;
            let legal_rep =
                schools::find(conn, g.core_school_id)?.and_then(|s| s.legal_representative_id);
            check_nomination(&NominationFacts {
                post: v.post,
                terms: v.terms,
                school_is_core: v.school_id == g.core_school_id,
                nominee_is_legal_rep: legal_rep == Some(v.person_id),
            })?;
            let pending =
                repo::same_nominee(conn, g.id, v.person_id, v.school_id, v.post.as_str())?
                    .into_iter()
                    .find(|n| is_open(v.post, n.status));
            if let Some(p) = pending {
                return Err(ApiError::conflict_of(
                    Conflict::NominationPending,
                    format!("该人员担任此职务的提名（#{}）尚在办理中。", p.id),
                    format!(
                        "Nomination #{} of this person to this post is still under way.",
                        p.id
                    ),
                ));
            }
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewNominationRow {
                    group_id: g.id,
                    person_id: v.person_id,
                    school_id: v.school_id,
                    post: v.post,
                    status: NominationStatus::Nominated,
                    nominated_by: ctx.principal.sub.clone(),
                    nominated_at: now,
                    note: v.note,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let n = Nomination::from_row(row);
            record(conn, &ctx, &g, Op::Created, "nominate", None, &n)?;
            Ok(n)
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: NominationQuery,
    page: PageQuery,
) -> ApiResult<Page<Nomination>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.window()?;
    let filter = NominationFilter {
        status: q.status,
        post: q.post,
        school_id: q.school_id,
        person_id: q.person_id,
    };
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let rows = repo::list(conn, g.id, &filter, w.after_id, w.limit + 1)?;
            Ok(paginate(rows, w, |r| r.id, Nomination::from_row))
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Nomination> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| Ok(Nomination::from_row(load(conn, &ctx, id)?.1)))
        .await
}
