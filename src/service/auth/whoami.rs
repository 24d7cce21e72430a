//! The caller's role, scope and permitted operations, so that a frontend can shape its menus.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::auth::{Permission, Role};
use crate::service::Ctx;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "sub": "officer-17", "role": "county_bureau", "role_label": "县（市）教育局",
    "county": "522701", "school": null, "scope": "county",
    "permissions": ["registry.read", "registry.write", "person.id_number.read", "changes.read"],
    "expires_at": "2026-03-01T09:00:00Z"
}))]
pub struct WhoAmI {
    pub sub: String,
    pub role: Role,
    pub role_label: String,
    pub county: Option<String>,
    pub school: Option<i64>,
    /// `prefecture` (all counties) or `county` (the one in `county`).
    pub scope: String,
    #[schema(value_type = Vec<Permission>)]
    pub permissions: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub fn whoami(ctx: &Ctx, lang: crate::i18n::Lang) -> WhoAmI {
    let p = &ctx.principal;
    WhoAmI {
        sub: p.sub.clone(),
        role: p.role,
        role_label: match lang {
            crate::i18n::Lang::Zh => p.role.label_zh().to_string(),
            crate::i18n::Lang::En => p.role.label_en().to_string(),
        },
        county: p.county.clone(),
        school: p.school,
        scope: if p.county.is_some() {
            "county"
        } else {
            "prefecture"
        }
        .to_string(),
        permissions: Permission::of_role(p.role)
            .into_iter()
            .map(|x| x.as_str().to_string())
            .collect(),
        expires_at: DateTime::from_timestamp(p.expires_at, 0),
    }
}
