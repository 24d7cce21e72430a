//! A group's special development quota or headcount for a year (§2.4.1 "适当增加安排集团发展
//! 专项编制或员额，由集团统一调剂使用，用于组建集团理事会内设机构及核心成员输出管理团队和骨干教师"),
//! set by the county bureau; it adds to the group's pool (STAFF-POOL) and so never drops below
//! what the pool carries.

use serde::Deserialize;
use utoipa::ToSchema;

use super::views::SpecialQuota;
use super::{check_year, facts, record};
use crate::domain::auth::Permission;
use crate::domain::staffing::pool::check_pool;
use crate::domain::staffing::{SpecialQuotaKind, SpecialQuotaPurpose};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::staffing::quotas::{self as repo, SpecialQuotaFields};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "quota", "amount": 6, "purposes": ["internal_bodies", "backbone_teachers"]}))]
pub struct SpecialQuotaInput {
    /// `quota` (编制) or `headcount` (员额).
    #[schema(required = true, value_type = Option<SpecialQuotaKind>)]
    pub kind: Option<String>,
    /// Posts added to the group's pool, 0 to 10,000.
    #[schema(required = true)]
    pub amount: Option<i32>,
    /// What it is for: one or more of the purposes §2.4.1 names.
    #[schema(required = true, value_type = Option<Vec<SpecialQuotaPurpose>>)]
    pub purposes: Option<Vec<String>>,
    /// At most 2000 characters.
    pub note: Option<String>,
}

fn fields(input: SpecialQuotaInput) -> ApiResult<SpecialQuotaFields> {
    let mut c = Checks::new();
    let kind = c.required("kind", input.kind).and_then(|k| {
        c.enum_code(
            "kind",
            &k,
            SpecialQuotaKind::parse,
            SpecialQuotaKind::codes(),
        )
    });
    let amount = c.required("amount", input.amount);
    if let Some(a) = amount {
        c.range("amount", i64::from(a), 0, 10_000);
    }
    let mut purposes: Vec<SpecialQuotaPurpose> = Vec::new();
    if let Some(ps) = c.required("purposes", input.purposes) {
        if ps.is_empty() {
            c.push(
                "purposes",
                "至少列明一项用途。",
                "Name at least one purpose.",
            );
        }
        for p in ps {
            if let Some(p) = c.enum_code(
                "purposes",
                &p,
                SpecialQuotaPurpose::parse,
                SpecialQuotaPurpose::codes(),
            ) {
                if !purposes.contains(&p) {
                    purposes.push(p);
                }
            }
        }
    }
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let (Some(kind), Some(amount)) = (kind, amount) else {
        return Err(ApiError::internal());
    };
    Ok(SpecialQuotaFields {
        kind,
        amount,
        purposes_json: serde_json::to_string(&purposes).unwrap_or_default(),
        note,
    })
}

/// Sets a group's special quota for a year: `If-Match: "0"` creates it.
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    year: i32,
    if_match: IfMatch,
    input: SpecialQuotaInput,
) -> ApiResult<SpecialQuota> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    c.finish()?;
    let f = fields(input)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            ctx.require(Permission::StaffingManage)?;
            crate::domain::staffing::check_group_staffs(g.status)?;
            let before = repo::find(conn, g.id, year)?;
            if_match.check(before.as_ref().map_or(0, |b| b.version))?;
            let y = facts::load(conn, &g, year)?;
            check_pool(
                y.pool.total - y.pool.special + i64::from(f.amount),
                &y.allocations,
            )?;
            let now = crate::repo::now();
            let (op, row) = match &before {
                None => (
                    Op::Created,
                    repo::insert(conn, g.id, &g.county_code, year, &f, now)?,
                ),
                Some(b) => (
                    Op::Updated,
                    repo::update(conn, b.id, b.version, &f, now)?
                        .ok_or_else(|| stale(b.version + 1))?,
                ),
            };
            let after = SpecialQuota::from(row.clone());
            let before = before.map(SpecialQuota::from);
            record(
                conn,
                &ctx,
                &g.county_code,
                op,
                "special_quota",
                row.id.to_string(),
                Some(format!("{}:{year}", g.code)),
                "special_quota.put",
                before.as_ref(),
                &after,
            )?;
            Ok(after)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, group_id: i64, year: i32) -> ApiResult<SpecialQuota> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            repo::find(conn, g.id, year)?
                .map(SpecialQuota::from)
                .ok_or_else(ApiError::not_found)
        })
        .await
}
