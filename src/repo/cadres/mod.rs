//! Cadre nominations and their path to appointment.

pub mod nominations;
