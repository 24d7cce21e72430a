//! What a member that does not pool its whole quota pools by its agreement (§2.4.1 "对其他成员的
//! 编制和员额可根据协议进行统筹"): a number of its posts or a share of its quota, recorded on the
//! membership by the chair. The core and weak or newly opened members pool all of theirs, so
//! they take no terms. Terms never shrink the pool below what it carries (STAFF-POOL).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{facts, record};
use crate::domain::registry::SchoolStanding;
use crate::domain::staffing::pool::{check_pool, contribution, PoolBasis};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::groups::memberships;
use crate::repo::staffing::quotas;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"pooled_share": 30, "year": 2026}))]
pub struct PoolingInput {
    /// A number of the member's posts, 0 to its quota; or leave it out and give a share.
    pub pooled_quota: Option<i32>,
    /// A share of its quota in percent, 0 to 100 (rounded down to whole posts).
    pub pooled_share: Option<i32>,
    /// The year whose allocations the new terms must still carry (STAFF-POOL); this year by
    /// default (China Standard Time).
    pub year: Option<i32>,
}

/// A member's pooling terms as they now stand.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"group_id": 1, "school_id": 5, "pooled_quota": null, "pooled_share": 30, "basis": "agreement_share", "pooled": 12, "membership_version": 3}))]
pub struct Pooling {
    pub group_id: i64,
    pub school_id: i64,
    pub pooled_quota: Option<i32>,
    pub pooled_share: Option<i32>,
    pub basis: PoolBasis,
    /// The posts it brings to the pool.
    pub pooled: i64,
    /// The membership's version (its ETag) after the change.
    pub membership_version: i32,
}

pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    school_id: i64,
    if_match: Option<IfMatch>,
    input: PoolingInput,
) -> ApiResult<Pooling> {
    let mut c = Checks::new();
    if input.pooled_quota.is_some() && input.pooled_share.is_some() {
        c.push(
            "pooled_share",
            "协议按名额或按比例统筹，二者择一。",
            "An agreement pools a number of posts or a share, not both.",
        );
    }
    if let Some(s) = input.pooled_share {
        c.range("pooled_share", i64::from(s), 0, 100);
    }
    if let Some(q) = input.pooled_quota {
        c.range("pooled_quota", i64::from(q), 0, 100_000);
    }
    let year = input.year.unwrap_or_else(|| {
        use chrono::Datelike;
        crate::domain::clock::today().year()
    });
    super::check_year(&mut c, "year", year);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            access::ensure_chair(&ctx, &g)?;
            crate::domain::staffing::check_group_staffs(g.status)?;
            let m = memberships::current_of_group(conn, g.id)?
                .into_iter()
                .find(|m| m.school_id == school_id)
                .ok_or_else(ApiError::not_found)?;
            if let Some(im) = &if_match {
                im.check(m.version)?;
            }
            let y = facts::load(conn, &g, year)?;
            let row = y
                .schools
                .iter()
                .find(|s| s.school_id == school_id)
                .ok_or_else(ApiError::internal)?;
            if matches!(
                row.standing,
                SchoolStanding::Weak | SchoolStanding::NewlyOpened
            ) {
                let mut c = Checks::new();
                c.push(
                    "pooled_quota",
                    "薄弱、新开办成员的编制全部统筹使用，无须约定统筹数额。",
                    "A weak or newly opened member pools its whole quota; it takes no terms.",
                );
                c.finish()?;
            }
            if input.pooled_quota.is_some_and(|q| q > row.staffing_quota) {
                let mut c = Checks::new();
                c.push(
                    "pooled_quota",
                    format!("不能超过该校编制数 {}。", row.staffing_quota),
                    format!("At most the school's quota, {}.", row.staffing_quota),
                );
                c.finish()?;
            }
            let mut q = facts::member_quota(row, g.core_school_id);
            let old = contribution(&q).posts;
            q.pooled_quota = input.pooled_quota;
            q.pooled_share = input.pooled_share;
            let new = contribution(&q);
            check_pool(y.pool.total - old + new.posts, &y.allocations)?;
            let now = crate::repo::now();
            if quotas::set_terms(
                conn,
                m.id,
                m.version,
                input.pooled_quota,
                input.pooled_share,
                now,
            )? == 0
            {
                return Err(stale(m.version + 1));
            }
            access::touch(conn, &g)?;
            let before = Pooling {
                group_id: g.id,
                school_id,
                pooled_quota: m.pooled_quota,
                pooled_share: m.pooled_share,
                basis: contribution(&facts::member_quota(row, g.core_school_id)).basis,
                pooled: old,
                membership_version: m.version,
            };
            let after = Pooling {
                pooled_quota: input.pooled_quota,
                pooled_share: input.pooled_share,
                basis: new.basis,
                pooled: new.posts,
                membership_version: m.version + 1,
                ..before.clone()
            };
            let key = access::membership_key(conn, &g, school_id)?;
            record(
                conn,
                &ctx,
                &g.county_code,
                Op::Updated,
                "membership",
                m.id.to_string(),
                key,
                "membership.pooling",
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}
