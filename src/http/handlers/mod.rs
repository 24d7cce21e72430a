//! Handlers, one module per area; each handler only extracts, calls a service and responds.

pub mod assessment;
pub mod auth;
pub mod cadres;
pub mod changes;
pub mod council;
pub mod exchange;
pub mod funds;
pub mod groups;
pub mod hiring;
pub mod life;
pub mod registry;
pub mod staffing;
pub mod system;
