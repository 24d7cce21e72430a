//! A group's yearly funds from the county, by purpose (FUNDS-PURPOSE, §3.3). The county bureau
//! puts them whole (`If-Match: "0"` creates the year); the view shows what each purpose has
//! paid and what remains. An allocation never drops below what its purpose has spent.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::MAX_YUAN;
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::funds::{remaining, FundEntrySource, FundPurpose};
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::funds::{self as repo, EntryFilter, EntryRow, FundsRow, StoredLine};
use crate::repo::groups::group::GroupRow;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::staffing::{check_year, record};
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"purpose": "informatisation", "amount_yuan": 200000}))]
pub struct FundLineInput {
    #[schema(required = true, value_type = Option<FundPurpose>)]
    pub purpose: Option<String>,
    /// Whole yuan, 0 to 10^12.
    #[schema(required = true)]
    pub amount_yuan: Option<i64>,
    /// Required for `other` (what it is for), at most 500 characters.
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "lines": [
        {"purpose": "informatisation", "amount_yuan": 200000},
        {"purpose": "backbone_teacher_mobility", "amount_yuan": 150000},
        {"purpose": "other", "amount_yuan": 20000, "description": "集团运动会"}
    ],
    "note": "都财教〔2026〕12 号"
}))]
pub struct GroupFundsInput {
    /// At most one line per purpose.
    #[schema(required = true)]
    pub lines: Option<Vec<FundLineInput>>,
    /// At most 2000 characters.
    pub note: Option<String>,
}

/// One purpose: its allocation, what the group's funds have paid for it (net of reversals) and
/// what remains.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FundPurposeLine {
    pub purpose: FundPurpose,
    pub description: Option<String>,
    pub allocated_yuan: i64,
    pub spent_yuan: i64,
    pub remaining_yuan: i64,
}

/// A group's funds of a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "county_code": "522701", "year": 2026,
    "lines": [{"purpose": "informatisation", "description": null, "allocated_yuan": 200000, "spent_yuan": 50000, "remaining_yuan": 150000}],
    "allocated_yuan": 200000, "spent_yuan": 50000, "remaining_yuan": 150000,
    "note": null, "version": 1,
    "created_at": "2026-03-01T08:00:00Z", "updated_at": "2026-03-01T08:00:00Z"
}))]
pub struct GroupFunds {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub lines: Vec<FundPurposeLine>,
    pub allocated_yuan: i64,
    pub spent_yuan: i64,
    pub remaining_yuan: i64,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the group's funds have paid per purpose among `entries`.
pub(crate) fn spent_by_purpose(entries: &[EntryRow]) -> HashMap<FundPurpose, i64> {
    let mut out: HashMap<FundPurpose, i64> = HashMap::new();
    for e in entries
        .iter()
        .filter(|e| e.source == FundEntrySource::GroupFunds)
    {
        let s = out.entry(e.purpose).or_default();
        *s = s.saturating_add(e.amount_yuan.unwrap_or(0));
    }
    out
}

/// The purposes' lines of an allocation with what `spent` says each has paid.
pub(crate) fn purpose_lines(
    lines: &[StoredLine],
    spent: &HashMap<FundPurpose, i64>,
) -> Vec<FundPurposeLine> {
    lines
        .iter()
        .map(|l| {
            let s = spent.get(&l.purpose).copied().unwrap_or(0);
            FundPurposeLine {
                purpose: l.purpose,
                description: l.description.clone(),
                allocated_yuan: l.amount_yuan,
                spent_yuan: s,
                remaining_yuan: remaining(l.amount_yuan, s),
            }
        })
        .collect()
}

pub(crate) fn sum<'a>(v: impl Iterator<Item = &'a i64>) -> i64 {
    v.fold(0i64, |s, a| s.saturating_add(*a))
}

/// What the group's entries of `year` spent, by purpose (one statement).
fn spent_of(
    conn: &mut DbConnection,
    group_id: i64,
    year: i32,
) -> ApiResult<HashMap<FundPurpose, i64>> {
    let entries = repo::list(
        conn,
        &EntryFilter {
            group_id: Some(group_id),
            year: Some(year),
            ..EntryFilter::default()
        },
    )?;
    Ok(spent_by_purpose(&entries))
}

/// The funds with what `spent` says the entries spent.
fn view(r: FundsRow, spent: &HashMap<FundPurpose, i64>) -> GroupFunds {
    let lines = purpose_lines(&r.lines(), spent);
    let allocated = sum(lines.iter().map(|l| &l.allocated_yuan));
    let spent = sum(lines.iter().map(|l| &l.spent_yuan));
    GroupFunds {
        lines,
        allocated_yuan: allocated,
        spent_yuan: spent,
        remaining_yuan: remaining(allocated, spent),
        id: r.id,
        group_id: r.group_id,
        county_code: r.county_code,
        year: r.year,
        note: r.note,
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    }
}

fn lines(c: &mut Checks, input: Option<Vec<FundLineInput>>) -> Vec<StoredLine> {
    let Some(input) = c.required("lines", input) else {
        return Vec::new();
    };
    if input.len() > FundPurpose::ALL.len() {
        c.push(
            "lines",
            "每个用途至多一行。",
            "At most one line per purpose.",
        );
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, l) in input.into_iter().enumerate() {
        let f = |name: &str| format!("lines[{i}].{name}");
        let purpose = c
            .required(&f("purpose"), l.purpose)
            .and_then(|p| c.enum_code(&f("purpose"), &p, FundPurpose::parse, FundPurpose::codes()));
        let amount = c.required(&f("amount_yuan"), l.amount_yuan);
        if let Some(a) = amount {
            c.range(&f("amount_yuan"), a, 0, MAX_YUAN);
        }
        let description = c.optional_text(&f("description"), l.description, 500);
        if purpose == Some(FundPurpose::Other) && description.is_none() {
            c.push(
                &f("description"),
                "“其他”用途须说明用于什么。",
                "Describe what `other` is for.",
            );
        }
        let (Some(purpose), Some(amount_yuan)) = (purpose, amount) else {
            continue;
        };
        if !seen.insert(purpose) {
            c.push(&f("purpose"), "每个用途只列一行。", "One line per purpose.");
            continue;
        }
        out.push(StoredLine {
            purpose,
            amount_yuan,
            description,
        });
    }
    out
}

/// FUNDS-PURPOSE from the allocation's side: what a purpose has paid is spent, so its
/// allocation does not drop below it (reverse entries first).
fn check_floors(lines: &[StoredLine], spent: &HashMap<FundPurpose, i64>) -> ApiResult<()> {
    let mut purposes: Vec<(&FundPurpose, &i64)> = spent.iter().collect();
    purposes.sort_by_key(|(p, _)| p.as_str());
    for (p, s) in purposes {
        let allocated = lines
            .iter()
            .find(|l| l.purpose == *p)
            .map_or(0, |l| l.amount_yuan);
        if allocated < *s {
            return Err(RuleViolation::of(
                Rule::FundsPurpose,
                format!(
                    "“{}”已支出 {s} 元，安排不能低于已支出数（{allocated} 元）。",
                    p.label_zh()
                ),
                format!(
                    "{} has spent {s} yuan; its allocation cannot drop below that (to {allocated} yuan).",
                    p.as_str()
                ),
            )
            .into());
        }
    }
    Ok(())
}

/// Puts the group's funds for `year` (`If-Match: "0"` creates them), checked against what is
/// spent (FUNDS-PURPOSE).
pub async fn put(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    year: i32,
    if_match: IfMatch,
    input: GroupFundsInput,
) -> ApiResult<GroupFunds> {
    let mut c = Checks::new();
    check_year(&mut c, "year", year);
    let lines = lines(&mut c, input.lines);
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g: GroupRow = access::load(conn, &ctx, group_id)?;
            ctx.require(Permission::FundsRecord)?;
            access::ensure_role(
                &ctx,
                Role::CountyBureau,
                "集团经费由县级教育局（财政）安排。",
                "The county bureau allocates a group's funds.",
            )?;
            let before = repo::find_funds(conn, g.id, year)?;
            if_match.check(before.as_ref().map_or(0, |b| b.version))?;
            // Entries do not change here: one read serves the check and both views.
            let spent = spent_of(conn, g.id, year)?;
            check_floors(&lines, &spent)?;
            let json = serde_json::to_string(&lines).map_err(|_| ApiError::internal())?;
            let now = crate::repo::now();
            let (op, row) = match &before {
                None => (
                    Op::Created,
                    repo::insert_funds(
                        conn,
                        g.id,
                        &g.county_code,
                        year,
                        &json,
                        note.as_deref(),
                        now,
                    )?,
                ),
                Some(b) => (
                    Op::Updated,
                    repo::update_funds(conn, b.id, b.version, &json, note.as_deref(), now)?
                        .ok_or_else(|| stale(b.version + 1))?,
                ),
            };
            let before = before.map(|b| view(b, &spent));
            let after = view(row, &spent);
            record(
                conn,
                &ctx,
                &g.county_code,
                op,
                "group_funds",
                after.id.to_string(),
                Some(format!("{}:{year}", g.code)),
                "group_funds.put",
                before.as_ref(),
                &after,
            )?;
            Ok(after)
        })
        .await
}

/// The group's funds of the year, for whoever sees the group.
pub async fn get(state: &AppState, ctx: &Ctx, group_id: i64, year: i32) -> ApiResult<GroupFunds> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let row = repo::find_funds(conn, g.id, year)?.ok_or_else(ApiError::not_found)?;
            let spent = spent_of(conn, g.id, year)?;
            Ok(view(row, &spent))
        })
        .await
}
