//! The school and teacher registry.

pub mod counties;
pub mod lookups;
pub mod persons;
pub mod schools;
