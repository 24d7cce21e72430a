//! Education groups: the groups, their formation history, memberships, charters and settings.

pub mod bodies;
pub mod charters;
pub mod group;
pub mod memberships;
pub mod settings;
pub mod transitions;
pub mod view;
