//! The catalogue of rule ids and conflict codes, as `GET /api/v1/rules` serves it.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::rules::catalogue::{catalogue, CatalogueEntry};
use crate::service::Ctx;

#[derive(Debug, Serialize, ToSchema)]
pub struct Rules {
    pub items: Vec<CatalogueEntry>,
}

/// Every caller may read the catalogue: it is the policy's, not any county's data.
pub fn all(_ctx: &Ctx) -> Rules {
    Rules { items: catalogue() }
}
