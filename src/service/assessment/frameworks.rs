//! Assessment frameworks (ASSESS-FRAMEWORK). A county bureau makes its county's framework for
//! a year — from scratch, as a copy of a prefecture template or of an earlier framework — and
//! revises it while it is a draft; opening the first assessment under it locks it. The
//! prefecture bureau makes the templates (no county) that counties copy.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{check_year, record};
use crate::db::DbConnection;
use crate::domain::assessment::framework::{self as domain, Dimension};
use crate::domain::assessment::FrameworkStatus;
use crate::domain::auth::{Permission, Role};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::assessment::frameworks::{self as repo, FrameworkRow, NewFrameworkRow};
use crate::repo::changes::Op;
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"year": 2026, "title": "2026年度集团化办学专项考核", "copy_from": 1}))]
pub struct NewFramework {
    #[schema(required = true)]
    pub year: Option<i32>,
    /// At most 200 characters.
    #[schema(required = true)]
    pub title: Option<String>,
    /// A template or framework to copy the dimensions from; give this or `dimensions`.
    pub copy_from: Option<i64>,
    /// The dimensions and their indicators; `template: true` instead starts from the
    /// service's prefecture template.
    pub dimensions: Option<Vec<Dimension>>,
    /// Start from the service's built-in template (the computed metrics and the manual
    /// indicators of a county's usual assessment).
    pub template: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkRevision {
    #[schema(required = true)]
    pub title: Option<String>,
    #[schema(required = true)]
    pub dimensions: Option<Vec<Dimension>>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FrameworkQuery {
    /// One year's frameworks.
    #[param(example = 2026)]
    pub year: Option<i32>,
}

/// A framework.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Framework {
    pub id: i64,
    /// Absent for a prefecture template.
    pub county_code: Option<String>,
    pub year: i32,
    /// Numbers the frameworks of one county and year.
    pub edition: i32,
    pub title: String,
    pub status: FrameworkStatus,
    pub dimensions: Vec<Dimension>,
    /// The weights of each level that has indicators (each 100).
    pub weights: std::collections::BTreeMap<String, u32>,
    pub based_on_id: Option<i64>,
    pub created_by: String,
    pub locked_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn view(r: &FrameworkRow) -> Framework {
    let dimensions = r.dimensions();
    Framework {
        weights: domain::weights(&dimensions)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        dimensions,
        id: r.id,
        county_code: r.county_code.clone(),
        year: r.year,
        edition: r.edition,
        title: r.title.clone(),
        status: r.status,
        based_on_id: r.based_on_id,
        created_by: r.created_by.clone(),
        locked_at: r.locked_at.map(|t| t.and_utc()),
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    }
}

/// Field checks on the dimensions (the rule is `domain::framework::check`).
fn check_shape(c: &mut Checks, dims: &[Dimension]) {
    if dims.is_empty() || dims.len() > 20 {
        c.push(
            "dimensions",
            "须有 1 至 20 个维度。",
            "Give 1 to 20 dimensions.",
        );
    }
    let code_ok = |s: &str| {
        !s.is_empty()
            && s.len() <= 20
            && s.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == '-' || ch == '_')
    };
    for (i, d) in dims.iter().enumerate() {
        let f = |n: &str| format!("dimensions[{i}].{n}");
        if !code_ok(&d.code) {
            c.push(
                &f("code"),
                "编码为 1 至 20 个字母、数字或 . - _。",
                "A code is 1 to 20 letters, digits, '.', '-' or '_'.",
            );
        }
        c.text(&f("name_zh"), &d.name_zh, 1, 100);
        c.text(&f("name_en"), &d.name_en, 1, 200);
        if d.indicators.is_empty() || d.indicators.len() > 50 {
            c.push(
                &f("indicators"),
                "每个维度须有 1 至 50 个指标。",
                "Give 1 to 50 indicators per dimension.",
            );
        }
        for (j, ind) in d.indicators.iter().enumerate() {
            let g = |n: &str| format!("dimensions[{i}].indicators[{j}].{n}");
            if !code_ok(&ind.code) {
                c.push(
                    &g("code"),
                    "编码为 1 至 20 个字母、数字或 . - _。",
                    "A code is 1 to 20 letters, digits, '.', '-' or '_'.",
                );
            }
            c.text(&g("name_zh"), &ind.name_zh, 1, 100);
            c.text(&g("name_en"), &ind.name_en, 1, 200);
            c.text(&g("guide"), &ind.guide, 1, 2000);
            c.range(&g("weight"), i64::from(ind.weight), 1, 100);
            c.range(&g("max_score"), i64::from(ind.max_score), 1, 1000);
            if let Some(t) = ind.target {
                c.range(&g("target"), i64::from(t), 1, 1000);
            }
        }
    }
}

/// Who may make a framework for `county`: the county's bureau for its county, the prefecture
/// bureau for templates (no county).
fn ensure_maker(ctx: &Ctx) -> ApiResult<Option<String>> {
    ctx.require(Permission::AssessmentManage)?;
    match ctx.principal.role {
        Role::CountyBureau => Ok(ctx.principal.county.clone()),
        Role::PrefectureBureau => Ok(None),
        _ => Err(ApiError::forbidden(
            "考核框架由县级教育局制定，州教育局制定模板。",
            "County bureaus make frameworks; the prefecture bureau makes templates.",
        )),
    }
}

/// A framework the caller sees: its county's or a template.
fn visible(ctx: &Ctx, r: &FrameworkRow) -> bool {
    match &r.county_code {
        None => true,
        Some(c) => ctx.principal.sees_county(c),
    }
}

fn find_visible(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<FrameworkRow> {
    repo::find(conn, id)?
        .filter(|r| visible(ctx, r))
        .ok_or_else(ApiError::not_found)
}

pub async fn create(state: &AppState, ctx: &Ctx, input: NewFramework) -> ApiResult<Framework> {
    let county = ensure_maker(ctx)?;
    let mut c = Checks::new();
    let year = c.required("year", input.year);
    if let Some(y) = year {
        check_year(&mut c, "year", y);
    }
    let title = c
        .required("title", input.title)
        .map(|t| c.text("title", &t, 1, 200));
    let sources = [
        input.copy_from.is_some(),
        input.dimensions.is_some(),
        input.template == Some(true),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if sources != 1 {
        c.push(
            "dimensions",
            "给出 dimensions、copy_from 或 template: true 三者之一。",
            "Give exactly one of dimensions, copy_from or template: true.",
        );
    }
    if let Some(d) = &input.dimensions {
        check_shape(&mut c, d);
    }
    c.finish()?;
    let (Some(year), Some(title)) = (year, title) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (dims, based_on) = match (input.copy_from, input.dimensions) {
                (Some(id), _) => {
                    let src = find_visible(conn, &ctx, id).map_err(|_| {
                        ApiError::validation(vec![crate::error::FieldError::new(
                            "copy_from",
                            "没有这个可复制的框架或模板。",
                            "No framework or template you can copy has this id.",
                        )])
                    })?;
                    (src.dimensions(), Some(src.id))
                }
                (None, Some(d)) => (d, None),
                (None, None) => (domain::prefecture_template(), None),
            };
            domain::check(&dims)?;
            let edition = repo::next_edition(conn, county.as_deref(), year)?;
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewFrameworkRow {
                    county_code: county.clone(),
                    year,
                    edition,
                    title,
                    status: FrameworkStatus::Draft,
                    dimensions_json: serde_json::to_string(&dims)
                        .map_err(|_| ApiError::internal())?,
                    based_on_id: based_on,
                    created_by: ctx.principal.sub.clone(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let after = view(&row);
            audit(
                conn,
                &ctx,
                Op::Created,
                "assessment_framework.create",
                None,
                &after,
            )?;
            Ok(after)
        })
        .await
}

fn audit(
    conn: &mut DbConnection,
    ctx: &Ctx,
    op: Op,
    action: &str,
    before: Option<&Framework>,
    after: &Framework,
) -> ApiResult<()> {
    record(
        conn,
        ctx,
        after
            .county_code
            .as_deref()
            .unwrap_or(crate::domain::registry::county::PREFECTURE_CODE),
        op,
        "assessment_framework",
        after.id.to_string(),
        Some(format!(
            "{}:{}:{}",
            after.county_code.as_deref().unwrap_or("prefecture"),
            after.year,
            after.edition
        )),
        action,
        before,
        after,
    )
}

/// Revises a draft; a locked framework is refused (`409 framework_locked`, ASSESS-FRAMEWORK).
pub async fn revise(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    input: FrameworkRevision,
) -> ApiResult<Framework> {
    ensure_maker(ctx)?;
    let mut c = Checks::new();
    let title = c
        .required("title", input.title)
        .map(|t| c.text("title", &t, 1, 200));
    let dims = c.required("dimensions", input.dimensions);
    if let Some(d) = &dims {
        check_shape(&mut c, d);
    }
    c.finish()?;
    let (Some(title), Some(dims)) = (title, dims) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let before = find_visible(conn, &ctx, id)?;
            if before.county_code != ctx.principal.county {
                return Err(ApiError::forbidden(
                    "只能修改本县的框架（州教育局修改模板）。",
                    "You revise your own county's frameworks (the prefecture bureau its templates).",
                ));
            }
            if_match.check(before.version)?;
            if before.status == FrameworkStatus::Locked {
                return Err(ApiError::conflict_of(
                    Conflict::FrameworkLocked,
                    "该框架已用于考核而锁定（ASSESS-FRAMEWORK）；如需调整，请以 copy_from 新建一个版本。",
                    "The framework is locked by an assessment under it (ASSESS-FRAMEWORK); create a new edition with copy_from to change it.",
                ));
            }
            domain::check(&dims)?;
            let json = serde_json::to_string(&dims).map_err(|_| ApiError::internal())?;
            let row = repo::update(conn, id, before.version, &title, &json, crate::repo::now())?
                .ok_or_else(|| stale(before.version + 1))?;
            let (before, after) = (view(&before), view(&row));
            audit(conn, &ctx, Op::Updated, "assessment_framework.revise", Some(&before), &after)?;
            Ok(after)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Framework> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| Ok(view(&find_visible(conn, &ctx, id)?)))
        .await
}

/// The caller's county's frameworks and the templates (every framework for prefecture-wide
/// callers), newest year first.
pub async fn list(state: &AppState, ctx: &Ctx, q: FrameworkQuery) -> ApiResult<Vec<Framework>> {
    if let Some(y) = q.year {
        let mut c = Checks::new();
        check_year(&mut c, "year", y);
        c.finish().map_err(|_| {
            crate::service::page::bad_query("year", "年度超出范围。", "The year is out of range.")
        })?;
    }
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let rows = repo::list(conn, ctx.principal.county.as_deref(), q.year)?;
            Ok(rows.iter().map(view).collect())
        })
        .await
}
