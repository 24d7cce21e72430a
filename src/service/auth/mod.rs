//! Service accounts, the OAuth token endpoint and the caller's own view of its rights.

pub mod clients;
pub mod whoami;
