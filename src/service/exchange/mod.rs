//! Teacher exchange (§2.4.2, §2.4.3): exchange records and their acts (`records`, `acts`),
//! the annual plan through the office meeting (`plans`, `effect`), the subjects schools teach
//! (`subjects`), the compliance figures per group, county and prefecture (`compliance`,
//! `rollup`), and the treatments exchanges earn (`treatments`).
//!
//! EXCH-OVERLAP is checked in the write transaction against the teacher's other exchanges as
//! they then stand; writers are serialised (the write gate), so two conflicting exchanges for
//! one teacher cannot both be recorded.

pub mod acts;
pub mod compliance;
pub mod effect;
pub mod plans;
pub mod records;
pub mod rollup;
pub mod subjects;
pub mod treatments;
pub mod views;

pub(crate) use crate::service::staffing::{check_year, record};

use crate::domain::auth::Role;
use crate::error::ApiResult;
use crate::repo::groups::group::GroupRow;
use crate::service::groups::access;
use crate::service::Ctx;

/// The chair records its group's exchanges and plan; the county bureau may record them too.
pub(crate) fn ensure_recorder(ctx: &Ctx, g: &GroupRow) -> ApiResult<()> {
    ctx.require(crate::domain::auth::Permission::ExchangeRecord)?;
    if ctx.principal.role == Role::SchoolAdmin {
        access::ensure_chair(ctx, g)?;
    }
    Ok(())
}
