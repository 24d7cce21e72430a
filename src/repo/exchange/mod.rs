//! The exchange area's tables: exchange records, annual plans, the subjects schools teach, and
//! the county-wide reads the compliance figures are computed from.

pub mod exchanges;
pub mod facts;
pub mod plans;
pub mod subjects;
