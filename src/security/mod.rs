//! Tokens and secrets.

pub mod jwt;
pub mod secrets;
