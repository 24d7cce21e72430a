//! Domain types and the rules of DOMAIN.md as plain Rust, tested without a database.

pub mod auth;
pub mod clock;
pub mod codes;
pub mod groups;
pub mod registry;
pub mod rules;
pub mod vocab;
