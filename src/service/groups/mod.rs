//! Education groups: authorisation, the formation workflow, members, charter, council, dossier
//! and the rule settings of each county.

pub mod access;
pub mod bodies;
pub mod charter;
pub mod charter_approval;
pub mod confirmation;
pub mod council;
pub mod facts;
pub mod formation;
pub mod group;
pub mod members;
pub mod settings;
pub mod succession;
pub mod view;
