//! The charter draft (§2.3.2): every section CHARTER-SECTIONS requires, and the rules of
//! procedure (quorum, thresholds, which matters need two thirds, how the office meeting decides).
//! A draft is edited in place; once adopted, a change starts a new version.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access::{self, status_of};
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::groups::charter::missing_sections;
use crate::domain::groups::{CharterSection, GroupRuleSettings, GroupStatus, ProcedureRules};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::charters::{self as repo, CharterRow, NewCharterRow};
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

/// The sections of a stored charter, by section.
pub fn sections_of(json: &str) -> Vec<(CharterSection, String)> {
    let map: BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    map.into_iter()
        .filter_map(|(k, v)| CharterSection::parse(&k).map(|s| (s, v)))
        .collect()
}

/// The rules of procedure of a stored charter.
pub fn procedure_of(row: &CharterRow) -> Option<ProcedureRules> {
    serde_json::from_str(&row.procedure_json).ok()
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "sections": {
        "philosophy": "共建共享，各美其美。", "goals": "三年内成员校质量整体提升。", "vision": "……",
        "group_member_relations": "……", "core_member_relations": "……", "governing_bodies": "理事会、理事长办公会议……",
        "powers": "……", "rules_of_procedure": "理事会会议须有三分之二以上理事出席……"
    },
    "procedure": null
}))]
pub struct CharterDraft {
    /// Text of each section, by section code (see the `charter_section` vocabulary).
    #[schema(required = true, value_type = BTreeMap<String, String>)]
    pub sections: Option<BTreeMap<String, String>>,
    /// The rules of procedure; the county's defaults when absent.
    pub procedure: Option<ProcedureRules>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Charter {
    pub group_id: i64,
    pub version_no: i32,
    /// `draft`, `adopted` (by a council resolution), `submitted`, `approved`, `superseded`.
    pub status: String,
    #[schema(value_type = BTreeMap<String, String>)]
    pub sections: BTreeMap<String, String>,
    pub procedure: Option<ProcedureRules>,
    /// Sections CHARTER-SECTIONS requires that are still missing or blank.
    pub missing_sections: Vec<CharterSection>,
    pub adopted_resolution_id: Option<i64>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

pub fn view(row: CharterRow) -> Charter {
    let sections = sections_of(&row.sections_json);
    let present: Vec<(CharterSection, &str)> =
        sections.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Charter {
        missing_sections: missing_sections(&present),
        procedure: procedure_of(&row),
        sections: sections
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.clone()))
            .collect(),
        group_id: row.group_id,
        version_no: row.version_no,
        status: row.status,
        adopted_resolution_id: row.adopted_resolution_id,
        version: row.version,
        updated_at: row.updated_at.and_utc(),
    }
}

fn validate(conn: &mut DbConnection, county: &str, d: CharterDraft) -> ApiResult<(String, String)> {
    let mut c = Checks::new();
    let sections = c.required("sections", d.sections).unwrap_or_default();
    let mut clean = BTreeMap::new();
    for (key, text) in sections {
        let field = format!("sections.{key}");
        if CharterSection::parse(&key).is_none() {
            c.push(
                &field,
                format!("未知的章程部分，可选：{}。", CharterSection::codes()),
                format!("Unknown section; use: {}.", CharterSection::codes()),
            );
        } else if text.chars().count() > 20_000 {
            c.push(
                &field,
                "每部分不超过 20000 字。",
                "At most 20000 characters per section.",
            );
        } else {
            clean.insert(key, text.trim().to_string());
        }
    }
    let settings = super::settings::effective(conn, county)?;
    let procedure = d
        .procedure
        .unwrap_or_else(|| ProcedureRules::from_settings(&settings));
    let check = GroupRuleSettings {
        quorum: procedure.quorum,
        simple_majority: procedure.simple_majority,
        supermajority: procedure.supermajority,
        supermajority_motion_types: procedure.supermajority_motion_types.clone(),
        ..settings
    };
    if let Err(errors) = check.validate() {
        for (field, msg) in errors {
            c.push(&format!("procedure.{field}"), msg.zh, msg.en);
        }
    }
    c.finish()?;
    // Maps of strings and plain structs always serialise.
    Ok((
        serde_json::to_string(&clean).unwrap_or_default(),
        serde_json::to_string(&procedure).unwrap_or_default(),
    ))
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Charter> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            repo::latest(conn, g.id)?
                .map(view)
                .ok_or_else(ApiError::not_found)
        })
        .await
}

/// Writes the draft. Editing a draft needs its `If-Match`; the first draft, or a new version
/// after an adopted one, needs none.
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    draft: CharterDraft,
) -> ApiResult<(Charter, bool)> {
    ctx.require(Permission::GroupsLead)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if !matches!(status_of(&g), GroupStatus::Preparing | GroupStatus::Established) {
                return Err(ApiError::conflict(
                    "集团筹设期间或正式组建后方可起草章程。",
                    "A charter is drafted while the group is being prepared or after it is established.",
                )
                .with_code("GROUP-STATE"));
            }
            // The council may be voting on the draft: it is not edited under the voters' feet.
            if crate::repo::council::motions::has_open(conn, g.id, "council", "charter")? {
                return Err(ApiError::conflict(
                    "理事会正在表决章程草案，表决结束前不能修改。",
                    "The council is voting on the charter draft; it cannot change until the vote closes.",
                )
                .with_code("charter_under_vote"));
            }
            let (sections, procedure) = validate(conn, &g.county_code, draft)?;
            let now = crate::repo::now();
            let latest = repo::latest(conn, g.id)?;
            let (row, created) = match latest {
                Some(current) if current.status == "draft" => {
                    let m = if_match.ok_or_else(|| {
                        ApiError::new(
                            crate::error::ErrorKind::PreconditionRequired,
                            "修改章程草案须带 If-Match（读取章程时得到的 ETag）。",
                            "Editing the charter draft needs If-Match with the ETag you read.",
                        )
                    })?;
                    m.check(current.version)?;
                    let row = repo::update_draft(conn, current.id, current.version, &sections, &procedure, now)?
                        .ok_or_else(|| stale(current.version + 1))?;
                    (row, false)
                }
                other => {
                    let row = repo::insert(
                        conn,
                        &NewCharterRow {
                            group_id: g.id,
                            version_no: other.map_or(1, |c| c.version_no + 1),
                            status: "draft".into(),
                            sections_json: sections,
                            procedure_json: procedure,
                            version: 1,
                            created_at: now,
                            updated_at: now,
                        },
                    )?;
                    (row, true)
                }
            };
            access::touch(conn, &g)?;
            let charter = view(row);
            changes::record(
                conn,
                &ctx.audit_actor(),
                Change {
                    op: if created { Op::Created } else { Op::Updated },
                    action: "charter.draft".into(),
                    entity: "charter",
                    entity_id: format!("{}:{}", g.id, charter.version_no),
                    natural_key: Some(format!("{}:v{}", g.code, charter.version_no)),
                    county_code: Some(g.county_code.clone()),
                    before: None,
                    after: serde_json::to_value(&charter).ok(),
                    published: true,
                },
            )?;
            Ok((charter, created))
        })
        .await
}
