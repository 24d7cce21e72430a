//! Official codes: check digits and formats of REFERENCE-CODES.md.

pub mod resident_id;
pub mod school_code;
pub mod uscc;
