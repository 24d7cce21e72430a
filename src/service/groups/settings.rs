//! Rule limits a county may change (DOMAIN.md *default*): the prefecture's defaults (stored under
//! the prefecture's code, else the code's defaults) with each county's overrides.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::groups::{settings::merged, GroupRuleSettings, SettingsPatch};
use crate::domain::registry::county::{is_county, PREFECTURE_CODE};
use crate::error::{ApiError, ApiResult, ErrorKind, FieldError};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::settings as repo;
use crate::service::{AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountySettings {
    /// The county (or `522700` for the prefecture-wide defaults).
    pub county_code: String,
    /// What the county has set; absent fields follow the prefecture.
    pub overrides: SettingsPatch,
    /// What is in force in the county.
    pub effective: GroupRuleSettings,
    /// The version for `If-Match` (0 while nothing is stored).
    pub version: i32,
}

fn parse_patch(json: &str) -> SettingsPatch {
    serde_json::from_str(json).unwrap_or_default()
}

fn prefecture_defaults(conn: &mut DbConnection) -> ApiResult<GroupRuleSettings> {
    let stored = repo::find(conn, PREFECTURE_CODE)?;
    Ok(merged(
        &GroupRuleSettings::default(),
        &stored
            .map(|r| parse_patch(&r.settings_json))
            .unwrap_or_default(),
    ))
}

/// The limits in force in a county.
pub fn effective(conn: &mut DbConnection, county: &str) -> ApiResult<GroupRuleSettings> {
    let base = prefecture_defaults(conn)?;
    if county == PREFECTURE_CODE {
        return Ok(base);
    }
    let own = repo::find(conn, county)?
        .map(|r| parse_patch(&r.settings_json))
        .unwrap_or_default();
    Ok(merged(&base, &own))
}

/// The limits in force in each of `counties`, from one read of every stored row: for the
/// roll-ups that compare counties.
pub fn effective_of(
    conn: &mut DbConnection,
    counties: &[String],
) -> ApiResult<std::collections::HashMap<String, GroupRuleSettings>> {
    let rows: std::collections::HashMap<String, SettingsPatch> = repo::all(conn)?
        .into_iter()
        .map(|r| (r.county_code, parse_patch(&r.settings_json)))
        .collect();
    let base = merged(
        &GroupRuleSettings::default(),
        &rows.get(PREFECTURE_CODE).cloned().unwrap_or_default(),
    );
    Ok(counties
        .iter()
        .map(|c| {
            let own = rows.get(c).cloned().unwrap_or_default();
            (c.clone(), merged(&base, &own))
        })
        .collect())
}

fn view(conn: &mut DbConnection, county: &str) -> ApiResult<CountySettings> {
    let row = repo::find(conn, county)?;
    Ok(CountySettings {
        county_code: county.to_string(),
        overrides: row
            .as_ref()
            .map(|r| parse_patch(&r.settings_json))
            .unwrap_or_default(),
        effective: effective(conn, county)?,
        version: row.map_or(0, |r| r.version),
    })
}

fn known(code: &str) -> ApiResult<()> {
    if code == PREFECTURE_CODE || is_county(code) {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}

pub async fn get(state: &AppState, ctx: &Ctx, county: String) -> ApiResult<CountySettings> {
    ctx.require(Permission::GroupsRead)?;
    known(&county)?;
    if county != PREFECTURE_CODE {
        ctx.ensure_sees(&county)?;
    }
    state.db.read(move |conn| view(conn, &county)).await
}

/// A county bureau sets its own county; the prefecture bureau sets the prefecture defaults.
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    if_match: IfMatch,
    patch: SettingsPatch,
) -> ApiResult<CountySettings> {
    ctx.require(Permission::SettingsWrite)?;
    known(&county)?;
    let allowed = match ctx.principal.role {
        Role::PrefectureBureau => county == PREFECTURE_CODE,
        Role::CountyBureau => ctx.principal.sees_county(&county) && county != PREFECTURE_CODE,
        _ => false,
    };
    if !allowed {
        if county != PREFECTURE_CODE && !ctx.principal.sees_county(&county) {
            return Err(ApiError::not_found());
        }
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            "县级教育局设置本县参数，州教育局设置全州默认值。",
            "A county bureau sets its own county; the prefecture bureau sets the prefecture defaults.",
        ));
    }
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let before = view(conn, &county)?;
            if_match.check(before.version)?;
            // Validate what would be in force, in this county and (for the prefecture) as a base.
            let candidate = if county == PREFECTURE_CODE {
                merged(&GroupRuleSettings::default(), &patch)
            } else {
                merged(&prefecture_defaults(conn)?, &patch)
            };
            if let Err(errors) = candidate.validate() {
                return Err(ApiError::validation(
                    errors
                        .into_iter()
                        .map(|(field, msg)| FieldError {
                            field: field.to_string(),
                            message: msg,
                        })
                        .collect(),
                ));
            }
            let json = serde_json::to_string(&patch).map_err(|_| ApiError::internal())?;
            if !repo::put(conn, &county, before.version, &json, crate::repo::now())? {
                return Err(crate::service::stale(before.version + 1));
            }
            let after = view(conn, &county)?;
            changes::record(
                conn,
                &ctx.audit_actor(),
                Change {
                    op: if before.version == 0 {
                        Op::Created
                    } else {
                        Op::Updated
                    },
                    action: "county_settings.put".into(),
                    entity: "county_settings",
                    entity_id: county.clone(),
                    natural_key: Some(county.clone()),
                    county_code: if county == PREFECTURE_CODE {
                        None
                    } else {
                        Some(county.clone())
                    },
                    before: serde_json::to_value(&before.overrides).ok(),
                    after: serde_json::to_value(&after.overrides).ok(),
                    published: true,
                },
            )?;
            Ok(after)
        })
        .await
}
