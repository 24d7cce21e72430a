//! Education groups: the groups, their formation history, memberships, charters and settings.

pub mod applications;
pub mod cadres;
pub mod charters;
pub mod group;
pub mod memberships;
pub mod rectification;
pub mod settings;
pub mod transitions;
