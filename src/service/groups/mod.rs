//! Education groups: authorisation, the formation workflow, members, charter, council, dossier
//! and the rule settings of each county.

pub mod access;
pub mod settings;
