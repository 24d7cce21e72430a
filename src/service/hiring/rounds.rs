//! The chair opens a round with its methods, offers posts within the members' allocations
//! (STAFF-POOL), and closes the round; everyone who sees the group reads it.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::views::{methods_of, HiringPost, HiringRound, Method};
use super::{check_date, ensure_open, is_member, load, own_school, record};
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::groups::GroupStatus;
use crate::domain::hiring::{check_weights, check_within_allocation, RoundStatus, Weights};
use crate::domain::rules::{Conflict, Rule, RuleViolation};
use crate::domain::staffing::pool::level_fits;
use crate::domain::staffing::{PostCategory, PostLevel};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::hiring::rounds::{self as repo, NewPostRow, NewRoundRow, RoundFilter, RoundRow};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx, IfMatch};

/// A category's method as sent: every weight is required.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"category": "professional_technical", "ethics": 30, "ability": 30, "performance": 25, "contribution": 15}))]
pub struct MethodInput {
    #[schema(required = true, value_type = PostCategory)]
    pub category: Option<String>,
    /// 师德, 0 to 100; the four weights add up to 100.
    #[schema(required = true)]
    pub ethics: Option<i32>,
    /// 能力.
    #[schema(required = true)]
    pub ability: Option<i32>,
    /// 业绩.
    #[schema(required = true)]
    pub performance: Option<i32>,
    /// 贡献.
    #[schema(required = true)]
    pub contribution: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "2026年秋季学期岗位双向聘用", "year": 2026, "opened_on": "2026-08-15",
    "methods": [
        {"category": "professional_technical", "ethics": 30, "ability": 30, "performance": 25, "contribution": 15},
        {"category": "management", "ethics": 30, "ability": 35, "performance": 20, "contribution": 15}
    ]
}))]
pub struct NewHiringRound {
    /// 1 to 100 characters.
    #[schema(required = true)]
    pub name: Option<String>,
    /// The staffing year whose allocations the posts stay within (2000 to 2100).
    #[schema(required = true)]
    pub year: Option<i32>,
    /// Not after today (China Standard Time).
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub opened_on: Option<NaiveDate>,
    /// The method of each post category offered, each category at most once (HIRE-TWO-WAY:
    /// 分类聘用考核办法); at least one.
    #[schema(required = true)]
    pub methods: Option<Vec<MethodInput>>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"closed_on": "2026-09-10", "note": "本轮聘用结束，落聘人员转岗培训另行安排。"}))]
pub struct RoundClosing {
    /// Not before the round opened nor after today.
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub closed_on: Option<NaiveDate>,
    /// At most 2000 characters.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"school_id": 2, "category": "professional_technical", "level": "intermediate", "bonus": false, "name": "初中数学教师"}))]
pub struct NewHiringPost {
    /// The core or a current (`active`) member of the group.
    #[schema(required = true)]
    pub school_id: Option<i64>,
    /// A category the round has a method for.
    #[schema(required = true, value_type = PostCategory)]
    pub category: Option<String>,
    /// `senior`, `intermediate` or `junior` for a professional-technical post, `ungraded`
    /// otherwise.
    #[schema(required = true, value_type = PostLevel)]
    pub level: Option<String>,
    /// One of the core's bonus posts; `false` by default.
    pub bonus: Option<bool>,
    /// The post's name, 1 to 100 characters (e.g. 初中数学教师).
    #[schema(required = true)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    #[param(example = 2026)]
    pub year: Option<i32>,
    /// Any of these statuses.
    #[serde(default)]
    pub status: Vec<RoundStatus>,
}

fn methods(c: &mut Checks, input: Option<Vec<MethodInput>>) -> Vec<Method> {
    let Some(list) = c.required("methods", input) else {
        return vec![];
    };
    if list.is_empty() {
        c.push(
            "methods",
            "至少制定一类岗位的聘用考核办法。",
            "Give the method of at least one post category.",
        );
    }
    let mut out: Vec<Method> = vec![];
    for (i, m) in list.into_iter().enumerate() {
        let f = |name: &str| format!("methods[{i}].{name}");
        let category = c.required(&f("category"), m.category).and_then(|v| {
            c.enum_code(
                &f("category"),
                &v,
                PostCategory::parse,
                PostCategory::codes(),
            )
        });
        let ethics = c.required(&f("ethics"), m.ethics);
        let ability = c.required(&f("ability"), m.ability);
        let performance = c.required(&f("performance"), m.performance);
        let contribution = c.required(&f("contribution"), m.contribution);
        let (Some(category), Some(ethics), Some(ability), Some(performance), Some(contribution)) =
            (category, ethics, ability, performance, contribution)
        else {
            continue;
        };
        let w = Weights {
            ethics,
            ability,
            performance,
            contribution,
        };
        if let Err(msg) = check_weights(&w) {
            c.push(&format!("methods[{i}]"), msg.zh, msg.en);
        }
        if out.iter().any(|o| o.category == category) {
            c.push(
                &f("category"),
                "每类岗位只制定一个聘用考核办法。",
                "One method per post category.",
            );
        }
        out.push(Method {
            category,
            ethics,
            ability,
            performance,
            contribution,
        });
    }
    out
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewHiringRound,
) -> ApiResult<HiringRound> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let name = c
        .required("name", input.name)
        .map(|n| c.text("name", &n, 1, 100));
    let year = c.required("year", input.year);
    if let Some(y) = year {
        c.range("year", i64::from(y), 2000, 2100);
    }
    let opened_on = c.required("opened_on", input.opened_on);
    if let Some(d) = opened_on {
        check_date(&mut c, "opened_on", d, None);
    }
    let methods = methods(&mut c, input.methods);
    c.finish()?;
    let (Some(name), Some(year), Some(opened_on)) = (name, year, opened_on) else {
        return Err(ApiError::internal());
    };
    let methods_json = serde_json::to_string(&methods).map_err(|_| ApiError::internal())?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            access::ensure_chair(&ctx, &g)?;
            if g.status != GroupStatus::Established {
                return Err(ApiError::from(RuleViolation::of(
                    Rule::GroupState,
                    "集团正式组建后，方可组织岗位双向聘用。",
                    "Two-way hiring starts once the group is established.",
                )));
            }
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewRoundRow {
                    group_id: g.id,
                    county_code: g.county_code.clone(),
                    year,
                    name,
                    opened_on,
                    methods_json,
                    status: RoundStatus::Open,
                    note: None,
                    created_by: ctx.principal.sub.clone(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let r = HiringRound::from_row(row, vec![]);
            record(
                conn,
                &ctx,
                &g,
                Op::Created,
                "hiring_round",
                "open",
                r.id,
                None,
                &r,
            )?;
            Ok(r)
        })
        .await
}

/// The round as the caller sees it: its posts, a member school's own only.
fn shown(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &crate::repo::groups::group::GroupRow,
    r: RoundRow,
) -> ApiResult<HiringRound> {
    let posts = repo::posts_of(conn, &[r.id], own_school(ctx, g))?
        .into_iter()
        .map(HiringPost::from_row)
        .collect();
    Ok(HiringRound::from_row(r, posts))
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<HiringRound> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (g, r) = load(conn, &ctx, id)?;
            shown(conn, &ctx, &g, r)
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: RoundQuery,
    page: PageQuery,
) -> ApiResult<Page<HiringRound>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.window()?;
    let filter = RoundFilter {
        year: q.year,
        status: q.status,
    };
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let rows = repo::list(conn, g.id, &filter, w.after_id, w.limit + 1)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let mut posts = repo::posts_of(conn, &ids, own_school(&ctx, &g))?;
            Ok(paginate(
                rows,
                w,
                |r| r.id,
                |r| {
                    let mine: Vec<HiringPost> = posts
                        .extract_if(.., |(p, _)| p.round_id == r.id)
                        .map(HiringPost::from_row)
                        .collect();
                    HiringRound::from_row(r, mine)
                },
            ))
        })
        .await
}

pub async fn close(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: RoundClosing,
) -> ApiResult<HiringRound> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let closed_on = c.required("closed_on", input.closed_on);
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let closed_on = closed_on.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, r) = load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if let Some(m) = &if_match {
                m.check(r.version)?;
            }
            ensure_open(&r)?;
            let mut c = Checks::new();
            check_date(&mut c, "closed_on", closed_on, Some(r.opened_on));
            c.finish()?;
            let before = shown(conn, &ctx, &g, r.clone())?;
            let after = repo::bump(
                conn,
                &r,
                RoundStatus::Closed,
                Some(closed_on),
                note.clone(),
                crate::repo::now(),
            )?
            .ok_or_else(|| stale(r.version + 1))?;
            let after = shown(conn, &ctx, &g, after)?;
            record(
                conn,
                &ctx,
                &g,
                Op::Updated,
                "hiring_round",
                "close",
                after.id,
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}

pub async fn add_post(
    state: &AppState,
    ctx: &Ctx,
    round_id: i64,
    input: NewHiringPost,
) -> ApiResult<HiringPost> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let school_id = c.required("school_id", input.school_id);
    let category = c
        .required("category", input.category)
        .and_then(|v| c.enum_code("category", &v, PostCategory::parse, PostCategory::codes()));
    let level = c
        .required("level", input.level)
        .and_then(|v| c.enum_code("level", &v, PostLevel::parse, PostLevel::codes()));
    if let (Some(cat), Some(l)) = (category, level) {
        if !level_fits(cat, l) {
            c.push(
                "level",
                "专业技术岗位分高级、中级、初级；管理岗位和工勤技能岗位为 ungraded。",
                "A professional-technical post is senior, intermediate or junior; management and support posts are ungraded.",
            );
        }
    }
    let name = c
        .required("name", input.name)
        .map(|n| c.text("name", &n, 1, 100));
    let bonus = input.bonus.unwrap_or(false);
    c.finish()?;
    let (Some(school_id), Some(category), Some(level), Some(name)) =
        (school_id, category, level, name)
    else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, r) = load(conn, &ctx, round_id)?;
            access::ensure_chair(&ctx, &g)?;
            ensure_open(&r)?;
            let mut c = Checks::new();
            if !is_member(conn, &g, school_id)? {
                c.push(
                    "school_id",
                    "不是本集团的现任成员学校。",
                    "Not a current member school of this group.",
                );
            }
            if !methods_of(&r).iter().any(|m| m.category == category) {
                c.push(
                    "category",
                    "本轮未制定该类岗位的聘用考核办法。",
                    "The round has no assessment method for this post category.",
                );
            }
            c.finish()?;
            let allocated = repo::allocated(conn, g.id, r.year, school_id, category, level, bonus)?;
            let offered = repo::offered(conn, r.id, school_id, category, level, bonus)?;
            check_within_allocation(allocated, offered + 1)?;
            let now = crate::repo::now();
            let row = repo::insert_post(
                conn,
                &NewPostRow {
                    round_id: r.id,
                    group_id: g.id,
                    school_id,
                    category,
                    level,
                    bonus,
                    name,
                    created_by: ctx.principal.sub.clone(),
                    created_at: now,
                },
            )?;
            // The round shows its posts: its version moves with them.
            repo::bump(conn, &r, r.status, r.closed_on, r.note.clone(), now)?
                .ok_or_else(|| stale(r.version + 1))?;
            let post = HiringPost::from_row((row, None));
            record(
                conn,
                &ctx,
                &g,
                Op::Created,
                "hiring_post",
                "create",
                post.id,
                None,
                &post,
            )?;
            Ok(post)
        })
        .await
}

pub async fn get_post(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<HiringPost> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let p = repo::find_post(conn, id)?.ok_or_else(ApiError::not_found)?;
            let (g, _) = load(conn, &ctx, p.round_id)?;
            if own_school(&ctx, &g).is_some_and(|s| s != p.school_id) {
                return Err(ApiError::not_found());
            }
            let filled = crate::repo::hiring::outcomes::filling(conn, p.id)?;
            Ok(HiringPost::from_row((p, filled)))
        })
        .await
}

/// `409 post_filled` naming the outcome that fills the post.
pub(crate) fn filled(outcome: i64) -> ApiError {
    ApiError::conflict_of(
        Conflict::PostFilled,
        format!("该岗位已由聘用结果 #{outcome} 聘用或安置。"),
        format!("The post is filled already, by outcome #{outcome}."),
    )
}
