//! Group funds and pooled resources (§2.3.3, §3.3): the county's yearly allocation to a group
//! by purpose (`allocations`, FUNDS-PURPOSE), the append-only entries of every pooled use of a
//! member's people, goods and money against the member bearing it (`entries`,
//! ACCOUNTS-INDEPENDENT), and the statements per member, group and county, with the teacher
//! exchanges read as people entries at statement time (`statements`).

pub mod allocations;
pub mod entries;
pub mod statements;

use crate::domain::auth::{Permission, Role};
use crate::error::{ApiError, ApiResult};
use crate::repo::groups::group::GroupRow;
use crate::service::groups::access;
use crate::service::Ctx;

/// The largest amount an allocation line or an entry takes: 10^12 yuan, so sums never overflow.
pub(crate) const MAX_YUAN: i64 = 1_000_000_000_000;

/// Who writes a group's entries: its chair (the core's administrator) and the county bureau.
pub(crate) fn ensure_writer(ctx: &Ctx, g: &GroupRow) -> ApiResult<()> {
    ctx.require(Permission::FundsRecord)?;
    if ctx.principal.role == Role::CountyBureau || access::is_chair(&ctx.principal, g) {
        return Ok(());
    }
    Err(ApiError::forbidden(
        "统筹使用分录由集团核心成员（理事长）或县级教育局登记。",
        "The group's chair (its core school) or the county bureau records pooled-use entries.",
    ))
}

/// What of a group's entries the caller reads: all of them (`None`) for the bureaus,
/// inspectors and the chair; its own school's for a member's administrator (its account is
/// its own, ACCOUNTS-INDEPENDENT); nothing for anyone else.
pub(crate) fn reader_scope(ctx: &Ctx, g: &GroupRow) -> ApiResult<Option<i64>> {
    match ctx.principal.role {
        Role::CountyBureau | Role::PrefectureBureau | Role::Inspector => Ok(None),
        Role::SchoolAdmin if access::is_chair(&ctx.principal, g) => Ok(None),
        Role::SchoolAdmin => ctx.principal.school.map(Some).ok_or_else(|| {
            ApiError::forbidden("没有所属学校。", "The caller has no school.")
        }),
        _ => Err(ApiError::forbidden(
            "统筹使用分录仅供教育局、督导、理事长和相关成员学校查看。",
            "Pooled-use entries are for the bureaus, inspectors, the chair and the schools concerned.",
        )),
    }
}

/// A quantity in hundredths as the API shows it.
pub(crate) fn units(centi: i64) -> f64 {
    // Exact for any quantity the API accepts (below 2^53 hundredths).
    #[allow(clippy::cast_precision_loss)]
    let q = centi as f64;
    q / 100.0
}
