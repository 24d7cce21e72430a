//! Staffing allocation (§2.4.1, §2.4.2): county totals, special quotas, pooling terms,
//! adjustments and their filing, and the reports.

pub mod adjustments;
pub mod filings;
pub mod quotas;
pub mod reports;
pub mod totals;

use crate::http::routes::Routes;
use crate::service::staffing::{
    adjust, decide, filing, quotas as q, report, terms, totals as t, views,
};

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("listStaffingTotals", totals::list);
    r.op("getStaffingTotals", totals::get);
    r.op("putStaffingTotals", totals::put);
    r.op("getSpecialQuota", quotas::get);
    r.op("putSpecialQuota", quotas::put);
    r.op("putMemberPooling", quotas::pooling);
    r.op("proposeStaffingAdjustment", adjustments::create);
    r.op("listStaffingAdjustments", adjustments::list);
    r.op("getStaffingAdjustment", adjustments::get);
    r.op("decideStaffingAdjustment", adjustments::decision);
    r.op("withdrawStaffingAdjustment", adjustments::withdrawal);
    r.op("fileStaffingAdjustments", filings::create);
    r.op("listStaffingFilings", filings::list);
    r.op("getStaffingFiling", filings::get);
    r.op("getGroupStaffing", reports::group);
    r.op("getCountyStaffing", reports::county);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        totals::list, totals::get, totals::put,
        quotas::get, quotas::put, quotas::pooling,
        adjustments::create, adjustments::list, adjustments::get, adjustments::decision,
        adjustments::withdrawal,
        filings::create, filings::list, filings::get,
        reports::group, reports::county,
    ),
    components(schemas(
        t::TotalsInput, views::StaffingTotals, q::SpecialQuotaInput, views::SpecialQuota,
        terms::PoolingInput, terms::Pooling,
        adjust::NewAdjustment, adjust::LineInput, adjust::AdjustmentWithdrawal, views::Line,
        views::Adjustment, decide::AdjustmentDecisionInput, decide::AdjustmentDecisionKind,
        filing::NewFiling, views::Filing,
        report::GroupStaffing, report::PoolView, report::PoolMember, report::AllocationLine,
        report::CountyStaffing, report::GroupRollup, report::PostSums,
        crate::domain::staffing::PostCategory, crate::domain::staffing::PostLevel,
        crate::domain::staffing::AllocationReason, crate::domain::staffing::SpecialQuotaKind,
        crate::domain::staffing::SpecialQuotaPurpose, crate::domain::staffing::AdjustmentStatus,
        crate::domain::staffing::pool::PoolBasis,
    )),
    tags((name = "staffing", description = "Staffing allocation: county totals, the group's pool, post allocations, staffing adjustments through the office meeting and the bureau, filing with the staffing office, reports (§2.4.1, §2.4.2)"))
)]
pub struct StaffingDoc;
