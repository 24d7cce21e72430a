//! Inspections by education supervision (督导评估, §3.4): the inspector records an inspection of
//! a group or one of its schools with a rating and findings; a finding that requires
//! rectification issues a rectification order to the member (the group-life path towards
//! REVOKE) in the same transaction, and names it. The year's ratings feed the computed
//! indicator `inspection_rating`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{check_year, record};
use crate::db::DbConnection;
use crate::domain::assessment::{Grade, InspectionKind};
use crate::domain::auth::Permission;
use crate::domain::groups::GroupStatus;
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::assessment::facts::{self as repo, InspectionRow, NewInspectionRow};
use crate::repo::changes::Op;
use crate::repo::groups::memberships;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"school_id": 5, "deadline": "2027-03-31"}))]
pub struct RectificationInput {
    /// A current member of the group (the core has no membership to answer for).
    #[schema(required = true)]
    pub school_id: Option<i64>,
    /// Not before today.
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "教师交流台账不完整。", "rectification": {"school_id": 5, "deadline": "2027-03-31"}}))]
pub struct FindingInput {
    /// 2 to 2000 characters.
    #[schema(required = true)]
    pub text: Option<String>,
    /// When the finding requires rectification: the order to issue.
    pub rectification: Option<RectificationInput>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "kind": "special", "inspected_on": "2026-11-20", "rating": "good",
    "summary": "集团化办学专项督导：章程、议事规则健全，交流轮岗基本达标。",
    "findings": [{"text": "教师交流台账不完整。", "rectification": {"school_id": 5, "deadline": "2027-03-31"}}]
}))]
pub struct NewInspection {
    /// A school of the group inspected on its own; absent for the group as a whole.
    pub school_id: Option<i64>,
    #[schema(required = true, value_type = Option<InspectionKind>)]
    pub kind: Option<String>,
    /// Not after today.
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub inspected_on: Option<NaiveDate>,
    #[schema(required = true, value_type = Option<Grade>)]
    pub rating: Option<String>,
    /// 2 to 4000 characters.
    #[schema(required = true)]
    pub summary: Option<String>,
    /// At most 50.
    #[serde(default)]
    pub findings: Vec<FindingInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Finding {
    pub text: String,
    /// The rectification order it issued, if it required one.
    pub rectification_order_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Inspection {
    pub id: i64,
    pub county_code: String,
    pub group_id: i64,
    pub school_id: Option<i64>,
    pub kind: InspectionKind,
    pub inspected_on: NaiveDate,
    pub year: i32,
    pub rating: Grade,
    pub summary: String,
    pub findings: Vec<Finding>,
    pub inspector: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InspectionQuery {
    /// One year's inspections.
    #[param(example = 2026)]
    pub year: Option<i32>,
}

fn view(r: InspectionRow) -> Inspection {
    Inspection {
        findings: serde_json::from_str(&r.findings_json).unwrap_or_default(),
        id: r.id,
        county_code: r.county_code,
        group_id: r.group_id,
        school_id: r.school_id,
        kind: r.kind,
        inspected_on: r.inspected_on,
        year: r.year,
        rating: r.rating,
        summary: r.summary,
        inspector: r.inspector,
        created_at: r.created_at.and_utc(),
    }
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewInspection,
) -> ApiResult<Inspection> {
    ctx.require(Permission::InspectionRecord)?;
    let today = crate::service::life::today();
    let mut c = Checks::new();
    let kind = c
        .required("kind", input.kind)
        .and_then(|k| c.enum_code("kind", &k, InspectionKind::parse, InspectionKind::codes()));
    let rating = c
        .required("rating", input.rating)
        .and_then(|k| c.enum_code("rating", &k, Grade::parse, Grade::codes()));
    let on = c.required("inspected_on", input.inspected_on);
    if let Some(d) = on {
        check_year(&mut c, "inspected_on", d.year());
        if d > today {
            c.push(
                "inspected_on",
                "督导日期不能晚于今天。",
                "The inspection cannot be in the future.",
            );
        }
    }
    let summary = c
        .required("summary", input.summary)
        .map(|s| c.text("summary", &s, 2, 4000));
    if input.findings.len() > 50 {
        c.push("findings", "最多 50 条。", "At most 50 findings.");
    }
    let mut findings = Vec::new();
    for (i, f) in input.findings.into_iter().enumerate() {
        let text = c
            .required(&format!("findings[{i}].text"), f.text)
            .map(|t| c.text(&format!("findings[{i}].text"), &t, 2, 2000));
        let order = f.rectification.map(|r| {
            let s = c.required(
                &format!("findings[{i}].rectification.school_id"),
                r.school_id,
            );
            let d = c.required(&format!("findings[{i}].rectification.deadline"), r.deadline);
            if d.is_some_and(|d| d < today) {
                c.push(
                    &format!("findings[{i}].rectification.deadline"),
                    "整改期限不能早于今天。",
                    "The deadline cannot be in the past.",
                );
            }
            (s, d)
        });
        findings.push((text.unwrap_or_default(), order));
    }
    c.finish()?;
    let (Some(kind), Some(rating), Some(on), Some(summary)) = (kind, rating, on, summary) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            if g.status != GroupStatus::Established {
                return Err(RuleViolation::of(
                    Rule::GroupState,
                    format!("集团状态为“{}”，督导评估针对正式成立的集团。", g.status.label_zh()),
                    format!("The group is {}: inspections are of established groups.", g.status.as_str()),
                )
                .into());
            }
            let members = memberships::current_of_group(conn, g.id)?;
            if let Some(s) = input.school_id {
                if s != g.core_school_id && !members.iter().any(|m| m.school_id == s) {
                    return Err(ApiError::validation(vec![FieldError::new("school_id", "不是本集团的学校。", "Not a school of the group.")]));
                }
            }
            let mut errors = Vec::new();
            for (i, (_, o)) in findings.iter().enumerate() {
                if let Some((Some(s), _)) = o {
                    if !members.iter().any(|m| m.school_id == *s) {
                        errors.push(FieldError::new(
                            format!("findings[{i}].rectification.school_id"),
                            "整改通知下达给本集团的在册成员（核心成员不适用）。",
                            "A rectification order goes to a current member of the group (not the core).",
                        ));
                    }
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            let now = crate::repo::now();
            let row = repo::insert_inspection(conn, &NewInspectionRow {
                county_code: g.county_code.clone(),
                group_id: g.id,
                school_id: input.school_id,
                kind,
                inspected_on: on,
                year: on.year(),
                rating,
                summary,
                findings_json: "[]".into(),
                inspector: ctx.principal.sub.clone(),
                created_at: now,
            })?;
            let mut out = Vec::new();
            for (text, o) in findings {
                let order = match o {
                    Some((Some(s), Some(deadline))) => {
                        let m = members.iter().find(|m| m.school_id == s).ok_or_else(ApiError::internal)?;
                        let o = crate::service::life::rectification::issue_in(conn, &ctx, &g, m, format!("督导评估 #{}：{text}", row.id), deadline, Some(row.id))?;
                        Some(o.id)
                    }
                    _ => None,
                };
                out.push(Finding { text, rectification_order_id: order });
            }
            let json = serde_json::to_string(&out).map_err(|_| ApiError::internal())?;
            let row = repo::set_findings(conn, row.id, &json)?;
            let after = view(row);
            record(conn, &ctx, &g.county_code, Op::Created, "inspection", after.id.to_string(), None, "inspection.record", None::<&Inspection>, &after)?;
            Ok(after)
        })
        .await
}

fn load(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<InspectionRow> {
    let r = repo::find_inspection(conn, id)?.ok_or_else(ApiError::not_found)?;
    access::load(conn, ctx, r.group_id)?;
    Ok(r)
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Inspection> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| Ok(view(load(conn, &ctx, id)?)))
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: InspectionQuery,
) -> ApiResult<Vec<Inspection>> {
    if let Some(y) = q.year {
        let mut c = Checks::new();
        check_year(&mut c, "year", y);
        c.finish().map_err(|_| {
            crate::service::page::bad_query("year", "年度超出范围。", "The year is out of range.")
        })?;
    }
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            Ok(repo::inspections_of_group(conn, g.id, q.year)?
                .into_iter()
                .map(view)
                .collect())
        })
        .await
}
