//! Staffing allocation (§2.4.1, §2.4.2): the county's totals and the groups' special quotas
//! (`totals`, `quotas`), what members pool by their agreements (`terms`), staffing adjustments
//! from proposal through the office meeting (`effect`) to the bureau's decision (`adjust`,
//! `decide`), their filing with the staffing office (`filing`), and the reports (`report`).
//!
//! Allocations change in one place only: the bureau's approval of an adjustment, in its
//! transaction, after STAFF-COUNTY-TOTAL, STAFF-POOL and STAFF-SENIOR-BONUS have been checked
//! against the allocations as they then stand (`facts`). Writers are serialised (one permit
//! and the write gate), so two approvals that together would exceed a limit cannot both pass.

pub mod adjust;
pub mod decide;
pub mod effect;
pub mod facts;
pub mod filing;
pub mod quotas;
pub mod report;
pub mod terms;
pub mod totals;
pub mod views;

use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::repo::changes::{self, Change, Op};
use crate::service::checks::Checks;
use crate::service::Ctx;

/// The years the service plans staffing for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A `422` on `field` unless `year` is one of [`YEARS`].
pub fn check_year(c: &mut Checks, field: &str, year: i32) {
    if !YEARS.contains(&year) {
        c.push(
            field,
            format!("年度须在 {} 至 {} 之间。", YEARS.start(), YEARS.end()),
            format!("The year is between {} and {}.", YEARS.start(), YEARS.end()),
        );
    }
}

/// `404` for a county the caller does not see or that does not exist.
pub(crate) fn county_in_scope(conn: &mut DbConnection, ctx: &Ctx, county: &str) -> ApiResult<()> {
    ctx.ensure_sees(county)?;
    crate::repo::registry::counties::find(conn, county)?
        .ok_or_else(crate::error::ApiError::not_found)?;
    Ok(())
}

/// Records one staffing act in the current transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record<T: serde::Serialize>(
    conn: &mut DbConnection,
    ctx: &Ctx,
    county: &str,
    op: Op,
    entity: &'static str,
    entity_id: String,
    natural_key: Option<String>,
    action: &str,
    before: Option<&T>,
    after: &T,
) -> ApiResult<()> {
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op,
            action: action.to_string(),
            entity,
            entity_id,
            natural_key,
            county_code: Some(county.to_string()),
            before: before.and_then(|b| serde_json::to_value(b).ok()),
            after: serde_json::to_value(after).ok(),
            published: true,
        },
    )?;
    Ok(())
}
