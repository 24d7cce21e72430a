//! The charter draft (§2.3.2): every section CHARTER-SECTIONS requires, and the rules of
//! procedure (quorum, thresholds, which matters need two thirds, how the office meeting decides).
//! A draft is edited in place; once adopted, a change starts a new version, which goes the same
//! way to the bureau and is in force only once approved (`charter_approval`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access;
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::council::{Body, MotionOutcome, MotionType};
use crate::domain::groups::charter::missing_sections;
use crate::domain::groups::charter_approval::{check_amendable, CharterStatus};
use crate::domain::groups::workflow::check_parts_open;
use crate::domain::groups::{CharterSection, GroupRuleSettings, ProcedureRules};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::charters::{self as repo, CharterRow, NewCharterRow};
use crate::repo::groups::group::GroupRow;
use crate::service::checks::Checks;
use crate::service::council::effects::{no_subject, Closing, MotionEffect, Tabling};
use crate::service::council::views::Resolution;
use crate::service::council::{record, Audit};
use crate::service::{stale, AppState, Ctx, IfMatch};

/// The sections of a stored charter, by section.
pub fn sections_of(json: &str) -> Vec<(CharterSection, String)> {
    let map: BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    map.into_iter()
        .filter_map(|(k, v)| CharterSection::parse(&k).map(|s| (s, v)))
        .collect()
}

/// The sections CHARTER-SECTIONS requires that a stored charter lacks (absent or blank).
pub fn missing_of(row: &CharterRow) -> Vec<CharterSection> {
    missing_in(&row.sections_json)
}

/// The sections CHARTER-SECTIONS requires that stored sections (`sections_json`) lack.
pub fn missing_in(sections_json: &str) -> Vec<CharterSection> {
    let sections = sections_of(sections_json);
    let present: Vec<(CharterSection, &str)> =
        sections.iter().map(|(k, v)| (*k, v.as_str())).collect();
    missing_sections(&present)
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
    /// `draft` → `adopted` (by a council resolution) → `submitted` (to the county bureau) →
    /// `approved` (in force) or `rejected`; an approved version is `superseded` when a newer
    /// one is approved.
    pub status: CharterStatus,
    /// Whether this version is the one in force: only an approved version is (核准, §2.3.2).
    pub in_force: bool,
    /// The group's version in force, whichever this one is; `null` before the first approval.
    pub in_force_version_no: Option<i32>,
    #[schema(value_type = BTreeMap<String, String>)]
    pub sections: BTreeMap<String, String>,
    pub procedure: Option<ProcedureRules>,
    /// Sections CHARTER-SECTIONS requires that are still missing or blank.
    pub missing_sections: Vec<CharterSection>,
    pub adopted_resolution_id: Option<i64>,
    /// The number of the council resolution that adopted it, e.g. `G522701001-2026-001`.
    pub adopted_resolution_number: Option<String>,
    /// When the chair submitted it to the county bureau.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When the bureau approved or rejected it.
    pub decided_at: Option<DateTime<Utc>>,
    /// The bureau's note on its decision (the reasons of a rejection).
    pub decision_note: Option<String>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// The API view of a stored version, with its resolution's number and the version in force.
pub fn view(conn: &mut DbConnection, row: CharterRow) -> ApiResult<Charter> {
    let number = match row.adopted_resolution_id {
        Some(id) => crate::repo::council::resolutions::find(conn, id)?.map(|r| r.number),
        None => None,
    };
    let in_force_version_no = repo::in_force(conn, row.group_id)?.map(|c| c.version_no);
    Ok(view_with(row, number, in_force_version_no))
}

/// The view from what [`view`] looks up, for lists that look it up once.
pub fn view_with(row: CharterRow, number: Option<String>, in_force_no: Option<i32>) -> Charter {
    let sections = sections_of(&row.sections_json);
    let status = row.status;
    Charter {
        missing_sections: missing_of(&row),
        procedure: procedure_of(&row),
        sections: sections
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.clone()))
            .collect(),
        group_id: row.group_id,
        version_no: row.version_no,
        in_force: status.in_force(),
        in_force_version_no: in_force_no,
        status,
        adopted_resolution_id: row.adopted_resolution_id,
        adopted_resolution_number: number,
        submitted_at: row.submitted_at.map(|t| t.and_utc()),
        decided_at: row.decided_at.map(|t| t.and_utc()),
        decision_note: row.decision_note,
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
            let row = repo::latest(conn, g.id)?.ok_or_else(ApiError::not_found)?;
            view(conn, row)
        })
        .await
}

/// Writes the draft. Editing a draft needs its `If-Match`; the first draft, or a new version
/// after an adopted, approved or rejected one, needs none. While a version is with the bureau
/// (`submitted`) no new one starts (CHARTER-APPROVAL).
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
            check_parts_open(g.status, ("起草或修改章程", "a charter is drafted or amended"))?;
            // The council may be voting on the draft: it is not edited under the voters' feet.
            if crate::repo::council::motions::has_open(conn, g.id, "council", "charter")? {
                return Err(ApiError::conflict_of(Conflict::CharterUnderVote,
                    "理事会正在表决章程草案，表决结束前不能修改。",
                    "The council is voting on the charter draft; it cannot change until the vote closes.",
                ));
            }
            let latest = repo::latest(conn, g.id)?;
            check_amendable(latest.as_ref().map(|c| c.status))?;
            let (sections, procedure) = validate(conn, &g.county_code, draft)?;
            let now = crate::repo::now();
            let (row, created) = match latest {
                Some(current) if current.status == CharterStatus::Draft => {
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
                            status: CharterStatus::Draft,
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
            let charter = view(conn, row)?;
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

/// The council's charter motion (§2.3.2 "研究议定集团章程"): it needs a draft to vote on, and
/// adopting it marks the draft adopted by the resolution, which the dossier and the bureau's
/// approval then need (GRP-ESTABLISH-DOSSIER, CHARTER-APPROVAL).
pub struct CharterAdoption;

impl MotionEffect for CharterAdoption {
    fn motion_types(&self) -> &'static [MotionType] {
        &[MotionType::Charter]
    }

    fn check_tabling(&self, conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<i64>> {
        no_subject(t)?;
        if t.body == Body::Council {
            let draft =
                repo::latest(conn, t.group.id)?.is_some_and(|c| c.status == CharterStatus::Draft);
            if !draft {
                return Err(ApiError::conflict_of(
                    Conflict::NoCharterDraft,
                    "集团没有待通过的章程草案。",
                    "The group has no charter draft to adopt.",
                ));
            }
        }
        Ok(t.concerns_school_id)
    }

    fn closed(&self, conn: &mut DbConnection, ctx: &Ctx, c: &Closing<'_>) -> ApiResult<()> {
        match (c.body, c.outcome, c.resolution) {
            (Body::Council, MotionOutcome::Adopted, Some(res)) => {
                adopt_charter(conn, ctx, c.group, res)
            }
            _ => Ok(()),
        }
    }
}

/// Marks the group's latest charter version adopted by `res`, if it is a draft (an adopted or
/// approved version is left as it is: an amendment starts a new draft). The group's version
/// moves, as its charter changed.
fn adopt_charter(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    res: &Resolution,
) -> ApiResult<()> {
    let Some(c) = repo::latest(conn, g.id)? else {
        return Ok(());
    };
    if c.status != CharterStatus::Draft {
        return Ok(());
    }
    let now = crate::repo::now();
    repo::mark_adopted(conn, c.id, res.id, now)?;
    access::touch(conn, g)?;
    record(
        conn,
        ctx,
        g,
        Audit {
            op: Op::Updated,
            action: "charter.adopt",
            entity: "charter",
            // As every charter entry: the group and the version number, which clients know.
            entity_id: format!("{}:{}", g.id, c.version_no),
            natural_key: Some(format!("{}:v{}", g.code, c.version_no)),
            after: serde_json::json!({
                "id": c.id, "group_id": g.id, "version_no": c.version_no, "status": "adopted",
                "adopted_resolution_id": res.id, "resolution_number": res.number,
            }),
            published: true,
        },
    )
}
