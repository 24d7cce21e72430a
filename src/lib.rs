//! edugroups: the REST API that runs the reform of Qiannan's public schools into education
//! groups (黔南州集团化办学改革).
//!
//! Layers: `http` (handlers, extractors, middleware, OpenAPI) → `service` (use cases,
//! authorisation, transactions) → `repo` (diesel). The rules of DOMAIN.md are plain functions in
//! `domain`, tested without a database.

pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod http;
pub mod i18n;
pub mod repo;
pub mod security;
pub mod seed;
pub mod service;
pub mod startup;
