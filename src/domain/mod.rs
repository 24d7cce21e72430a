//! Domain types and the rules of DOMAIN.md as plain Rust, tested without a database.

pub mod assessment;
pub mod auth;
pub mod cadres;
pub mod clock;
pub mod codes;
pub mod council;
pub mod dates;
pub mod exchange;
pub mod funds;
pub mod groups;
pub mod hiring;
pub mod life;
pub mod registry;
pub mod rules;
pub mod staffing;
pub mod vocab;
