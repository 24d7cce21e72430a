//! The annual assessment's tables: frameworks, assessments with their scores and reopenings,
//! the pay pool and distribution plans, growth reviews, inspections, and the facts the
//! computed indicators read.

pub mod assessments;
pub mod facts;
pub mod frameworks;
pub mod growth;
pub mod pay;
pub mod scores;
