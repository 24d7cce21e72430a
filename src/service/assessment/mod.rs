//! The annual assessment (§2.4.4, §3.4): frameworks (`frameworks`, ASSESS-FRAMEWORK), an
//! assessment per group and year opened under one (`open`), the group's self-assessment and
//! the assessors' scores (`scores`, ASSESS-RECUSAL), the computed indicators read from the
//! records with a snapshot of their inputs (`compute`), the steps to publication and the
//! reopening that a correction needs (`acts`, ASSESS-STATE), the full view with totals, grades
//! and the paths a result opens (`views`), and the reports per county, prefecture and group
//! (`reports`); the extra performance pay: the county's pool and its allocation (`pay`), the
//! groups' distribution plans (`pay_plans`) and the office meeting's part (`pay_effect`).

pub mod acts;
pub mod compute;
pub mod frameworks;
pub mod growth;
pub mod inspections;
pub mod open;
pub mod pay;
pub mod pay_effect;
pub mod pay_plans;
pub mod reports;
pub mod scores;
pub mod views;

pub(crate) use crate::service::staffing::{check_year, record};

use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::error::{ApiError, ApiResult};
use crate::repo::assessment::assessments::{self as repo, AssessmentRow};
use crate::repo::assessment::frameworks::{self as framework_rows, FrameworkRow};
use crate::repo::groups::group::GroupRow;
use crate::service::groups::access;
use crate::service::Ctx;

/// The county bureau runs its county's assessments.
pub(crate) fn ensure_bureau(ctx: &Ctx) -> ApiResult<()> {
    ctx.require(Permission::AssessmentManage)?;
    access::ensure_role(
        ctx,
        Role::CountyBureau,
        "年度考核由县级教育局组织。",
        "The county bureau runs the annual assessment.",
    )
}

/// The assessment with its group and framework, or `404` outside the caller's scope.
pub(crate) fn load(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, AssessmentRow, FrameworkRow)> {
    let a = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = access::load(conn, ctx, a.group_id)?;
    let f = framework_rows::find(conn, a.framework_id)?.ok_or_else(ApiError::internal)?;
    Ok((g, a, f))
}
