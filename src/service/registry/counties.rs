//! The prefecture and its counties (GB/T 2260), loaded by migration.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::{AppState, Ctx};
use crate::domain::auth::Permission;
use crate::error::{ApiError, ApiResult};
use crate::repo::registry::counties as repo;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"code": "522701", "name_zh": "都匀市", "name_en": "Duyun", "level": "county", "parent_code": "522700"}))]
pub struct County {
    /// GB/T 2260 division code.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// `prefecture` or `county`.
    pub level: String,
    pub parent_code: Option<String>,
}

impl From<repo::CountyRow> for County {
    fn from(r: repo::CountyRow) -> Self {
        County {
            code: r.code,
            name_zh: r.name_zh,
            name_en: r.name_en,
            level: r.level,
            parent_code: r.parent_code,
        }
    }
}

#[derive(Debug, Serialize, ToSchema, serde::Deserialize)]
pub struct CountyList {
    pub items: Vec<County>,
    pub next_cursor: Option<String>,
}

/// Every caller sees the whole list of divisions: it is public reference data, and a county's
/// own records stay scoped elsewhere.
pub async fn list(state: &AppState, ctx: &Ctx) -> ApiResult<CountyList> {
    ctx.require(Permission::RegistryRead)?;
    state
        .db
        .read(|conn| {
            Ok(CountyList {
                items: repo::all(conn)?.into_iter().map(County::from).collect(),
                next_cursor: None,
            })
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, code: String) -> ApiResult<County> {
    ctx.require(Permission::RegistryRead)?;
    state
        .db
        .read(move |conn| {
            repo::find(conn, &code)?
                .map(County::from)
                .ok_or_else(ApiError::not_found)
        })
        .await
}
