//! Cadre appointments in tight groups (§2.4.2, CADRE-VP, CADRE-MIDDLE): the chair nominates, the
//! office meeting passes or rejects (a `cadre_nomination` motion tabled with the nomination, or
//! the chair's decision after hearing where the charter says so), the appointer appoints or
//! declines (the county bureau for vice and executive principals, the member school for middle
//! cadres), and the bureau records the filing of a vice or executive principal with the county
//! organisation/personnel department. The path itself is `domain::cadres`'.
//!
//! The person's `cadre_post` (and an executive principal's membership) changes only at the end
//! of the path, in the transaction of the last step, audited as a `person` change, so that the
//! registry never shows a post before it is held.
//!
//! Who acts is checked after the nomination is found in the caller's scope (`404` outside it),
//! so that a party who may see but not act gets `403`.

pub mod appoint;
pub mod effect;
pub mod nominate;
pub mod office;
pub mod views;

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::cadres::{path_of, CadrePath};
use crate::error::{ApiError, ApiResult};
use crate::repo::cadres::nominations::{self as repo, NominationRow};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::GroupRow;
use crate::service::groups::access;
use crate::service::Ctx;

use views::Nomination;

/// The nomination and its group, or `404` when either is absent or outside the caller's scope.
pub(crate) fn load(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, NominationRow)> {
    let n = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = access::load(conn, ctx, n.group_id)?;
    Ok((g, n))
}

/// The path of a stored nomination; a principal is never stored (GRP-TIGHT-LEGAL-REP refuses it).
pub(crate) fn path(n: &NominationRow) -> ApiResult<CadrePath> {
    path_of(n.post).ok_or_else(ApiError::internal)
}

/// The date of documents as Qiannan reads them: China Standard Time (UTC+8), so that an
/// appointment dated this morning in Duyun is not "in the future" for UTC.
pub(crate) fn today() -> NaiveDate {
    crate::domain::clock::today()
}

/// Records one step of a nomination in the current transaction.
pub(crate) fn record(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    op: Op,
    action: &str,
    before: Option<&Nomination>,
    after: &Nomination,
) -> ApiResult<()> {
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op,
            action: format!("cadre_nomination.{action}"),
            entity: "cadre_nomination",
            entity_id: after.id.to_string(),
            natural_key: None,
            county_code: Some(g.county_code.clone()),
            before: before.and_then(|b| serde_json::to_value(b).ok()),
            after: serde_json::to_value(after).ok(),
            published: true,
        },
    )?;
    Ok(())
}
