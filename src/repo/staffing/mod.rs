//! Staffing allocation (§2.4.1, §2.4.2): county totals, special quotas, adjustments, the
//! allocations they put in effect, filings, and the report reads.

pub mod adjustments;
pub mod allocations;
pub mod filings;
pub mod quotas;
pub mod report;
pub mod totals;
