//! Councils and office meetings as plain Rust: who sits in them (COUNCIL-COMPOSITION,
//! COUNCIL-CHAIR, OFFICE-COMPOSITION), and how they decide (MEETING-QUORUM, MOTION-THRESHOLD).

// Rules return the shared `RuleResult`; see `domain::groups` for why its size is allowed.
#![allow(clippy::result_large_err)]

pub mod composition;
pub mod demand;
pub mod vocab;
pub mod voting;

pub use composition::{CouncilGroupFacts, GroupSchool, OfficeSeat, Seat};
pub use vocab::*;
pub use voting::{Decision, TallyInput, VoteAttempt};
