//! The registry's domain: enums of schools and persons, and the validation of their fields.

pub mod county;
pub mod enums;

pub use enums::{CadrePost, PersonKind, SchoolLocation, SchoolStanding};
