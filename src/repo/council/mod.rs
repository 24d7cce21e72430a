//! Councils and office meetings: seats, meetings, motions, votes and resolutions.

pub mod demands;
pub mod meetings;
pub mod motions;
pub mod resolutions;
pub mod seats;
pub mod votes;
