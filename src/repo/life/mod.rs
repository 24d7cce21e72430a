//! A group's later life: applications to the bureau and rectification orders.

pub mod applications;
pub mod rectification;
