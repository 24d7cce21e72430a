//! Councils and office meetings: seats, meetings, motions, votes and resolutions.

pub mod seats;
