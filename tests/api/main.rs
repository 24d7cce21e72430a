//! The integration suite: the real HTTP app against a real database, fresh per test, each test
//! on SQLite and again on PostgreSQL (`EDUGROUPS_TEST_POSTGRES_URL`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod hostile;

mod assessment;
mod auth;
mod bodies;
mod cadres;
mod changes;
mod charter_versions;
mod composition;
mod contract;
mod council;
mod errors;
mod exchange;
mod faults;
mod formation;
mod formation_fixture;
mod funds;
mod groups;
mod hiring;
mod idempotency;
mod joining;
mod life;
mod lists;
mod openapi;
mod persons;
mod reads;
mod schools;
mod staffing;
mod succession;
mod system;
