//! Pooled-use entries (ACCOUNTS-INDEPENDENT, §2.3.3): every pooled use of a member's people,
//! goods or money is an entry against the member whose account bears it, with the member that
//! benefits, the authority (a council resolution; for money, a budget plan), one purpose and
//! the amount or quantity. Money from the group's funds stays within the purpose's allocation
//! (FUNDS-PURPOSE), checked in the write. Entries are append-only: a correction is a reversing
//! entry that negates the original, at most one per entry.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ensure_writer, reader_scope, units, MAX_YUAN};
use crate::domain::council::MotionType;
use crate::domain::funds::{FundEntryKind, FundEntrySource, FundPurpose, FundQuantityUnit};
use crate::domain::rules::{Conflict, Rule, RuleViolation};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::changes::Op;
use crate::repo::council::resolutions;
use crate::repo::funds::{self as repo, EntryFilter, EntryRow, NewEntryRow};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::staffing::{check_year, record};
use crate::service::{AppState, Ctx};

/// The largest quantity an entry takes: a million hours, days or person-days.
const MAX_QUANTITY: f64 = 1_000_000.0;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "kind": "money", "source": "group_funds", "purpose": "informatisation",
    "bearer_school_id": 1, "beneficiary_school_id": 3, "resolution_id": 4,
    "amount_yuan": 50000, "starts_on": "2026-04-01", "description": "成员学校录播教室设备"
}))]
pub struct NewFundEntry {
    #[schema(required = true, value_type = Option<FundEntryKind>)]
    pub kind: Option<String>,
    /// `group_funds` (money only) or `member_own`.
    #[schema(required = true, value_type = Option<FundEntrySource>)]
    pub source: Option<String>,
    #[schema(required = true, value_type = Option<FundPurpose>)]
    pub purpose: Option<String>,
    /// The core or a current member whose account bears the use.
    #[schema(required = true)]
    pub bearer_school_id: Option<i64>,
    /// The core or a current member that benefits, not the bearer; absent for the group as a
    /// whole.
    pub beneficiary_school_id: Option<i64>,
    /// A resolution of the group's council: required for money, and then of motion type
    /// `budget_plan` (预算方案).
    pub resolution_id: Option<i64>,
    /// Money: whole yuan, 1 to 10^12. Not for people or goods.
    pub amount_yuan: Option<i64>,
    /// People and goods: above 0, at most 1,000,000, in hundredths at most.
    pub quantity: Option<f64>,
    /// People and goods: the quantity's unit.
    #[schema(value_type = Option<FundQuantityUnit>)]
    pub unit: Option<String>,
    /// The first day of the use; its year is the entry's year.
    #[schema(required = true)]
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// What was used, 1 to 500 characters.
    #[schema(required = true)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "金额录入错误，按实际发票更正"}))]
pub struct FundEntryReversalInput {
    /// Why the entry is reversed, 1 to 500 characters.
    #[schema(required = true)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FundEntryQuery {
    /// The entries' year.
    pub year: Option<i32>,
    /// Entries the school bears or benefits from.
    pub school_id: Option<i64>,
    /// `people`, `goods` or `money`.
    #[param(value_type = Option<FundEntryKind>)]
    pub kind: Option<String>,
}

/// An entry as stored; a reversal carries the negated amount or quantity.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 7, "group_id": 1, "county_code": "522701", "year": 2026, "kind": "money",
    "source": "group_funds", "purpose": "informatisation", "bearer_school_id": 1,
    "beneficiary_school_id": 3, "resolution_id": 4, "amount_yuan": 50000, "quantity": null,
    "unit": null, "starts_on": "2026-04-01", "ends_on": null, "description": "成员学校录播教室设备",
    "reverses_id": null, "reversed_by_id": null, "created_by": "bureau-522701",
    "created_at": "2026-04-02T08:00:00Z"
}))]
pub struct FundEntry {
    pub id: i64,
    pub group_id: i64,
    pub county_code: String,
    pub year: i32,
    pub kind: FundEntryKind,
    pub source: FundEntrySource,
    pub purpose: FundPurpose,
    pub bearer_school_id: i64,
    pub beneficiary_school_id: Option<i64>,
    pub resolution_id: Option<i64>,
    pub amount_yuan: Option<i64>,
    pub quantity: Option<f64>,
    pub unit: Option<FundQuantityUnit>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub description: String,
    /// The entry this one reverses.
    pub reverses_id: Option<i64>,
    /// The entry that reverses this one.
    pub reversed_by_id: Option<i64>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FundEntries {
    pub items: Vec<FundEntry>,
}

pub(crate) fn view(r: EntryRow, reversed_by_id: Option<i64>) -> FundEntry {
    FundEntry {
        id: r.id,
        group_id: r.group_id,
        county_code: r.county_code,
        year: r.year,
        kind: r.kind,
        source: r.source,
        purpose: r.purpose,
        bearer_school_id: r.bearer_school_id,
        beneficiary_school_id: r.beneficiary_school_id,
        resolution_id: r.resolution_id,
        amount_yuan: r.amount_yuan,
        quantity: r.quantity_centi.map(units),
        unit: r.unit,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        description: r.description,
        reverses_id: r.reverses_id,
        reversed_by_id,
        created_by: r.created_by,
        created_at: r.created_at.and_utc(),
    }
}

/// An entry's input once its fields are checked on their own.
struct Checked {
    kind: FundEntryKind,
    source: FundEntrySource,
    purpose: FundPurpose,
    bearer: i64,
    beneficiary: Option<i64>,
    resolution: Option<i64>,
    amount: Option<i64>,
    quantity_centi: Option<i64>,
    unit: Option<FundQuantityUnit>,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    description: String,
}

fn check(input: NewFundEntry) -> ApiResult<Checked> {
    let mut c = Checks::new();
    let kind = c
        .required("kind", input.kind)
        .and_then(|v| c.enum_code("kind", &v, FundEntryKind::parse, FundEntryKind::codes()));
    let source = c.required("source", input.source).and_then(|v| {
        c.enum_code(
            "source",
            &v,
            FundEntrySource::parse,
            FundEntrySource::codes(),
        )
    });
    let purpose = c
        .required("purpose", input.purpose)
        .and_then(|v| c.enum_code("purpose", &v, FundPurpose::parse, FundPurpose::codes()));
    let bearer = c.required("bearer_school_id", input.bearer_school_id);
    let starts_on = c.required("starts_on", input.starts_on);
    let description = c
        .required("description", input.description)
        .map(|t| c.text("description", &t, 1, 500));
    if let Some(s) = starts_on {
        check_year(&mut c, "starts_on", s.year());
        if input.ends_on.is_some_and(|e| e < s) {
            c.push("ends_on", "不能早于开始日期。", "Not before starts_on.");
        }
    }
    if source == Some(FundEntrySource::Exchange) {
        c.push(
            "source",
            "交流轮岗的人员统筹由交流记录自动生成，不单独登记。",
            "Exchanges produce their people entries from the exchange records; they are not entered.",
        );
    }
    if bearer.is_some() && bearer == input.beneficiary_school_id {
        c.push(
            "beneficiary_school_id",
            "受益学校不能是承担学校本身。",
            "The beneficiary is not the bearer.",
        );
    }
    let mut amount = None;
    let mut quantity_centi = None;
    let mut unit = None;
    match kind {
        Some(FundEntryKind::Money) => {
            amount = c.required("amount_yuan", input.amount_yuan);
            if let Some(a) = amount {
                c.range("amount_yuan", a, 1, MAX_YUAN);
            }
            if input.quantity.is_some() {
                c.push(
                    "quantity",
                    "资金分录只记金额。",
                    "A money entry has an amount, not a quantity.",
                );
            }
            if input.unit.is_some() {
                c.push(
                    "unit",
                    "资金分录只记金额。",
                    "A money entry has an amount, not a unit.",
                );
            }
            if input.resolution_id.is_none() {
                c.push(
                    "resolution_id",
                    "资金支出须依据理事会通过的预算方案。",
                    "Money is spent under a budget plan the council adopted: give its resolution.",
                );
            }
        }
        Some(FundEntryKind::People | FundEntryKind::Goods) => {
            if input.amount_yuan.is_some() {
                c.push(
                    "amount_yuan",
                    "人员、物品分录记数量和单位，不记金额。",
                    "A people or goods entry has a quantity and unit, not an amount.",
                );
            }
            if source == Some(FundEntrySource::GroupFunds) {
                c.push(
                    "source",
                    "集团经费只以资金分录支出。",
                    "The group's funds pay money only.",
                );
            }
            match c.required("quantity", input.quantity) {
                Some(q) if q.is_finite() && q > 0.0 && q <= MAX_QUANTITY => {
                    let centi = (q * 100.0).round();
                    if (q * 100.0 - centi).abs() > 1e-6 {
                        c.push("quantity", "至多两位小数。", "At most two decimals.");
                    }
                    // In range: at most 10^8 hundredths.
                    #[allow(clippy::cast_possible_truncation)]
                    let centi = centi as i64;
                    quantity_centi = Some(centi);
                }
                Some(_) => c.push(
                    "quantity",
                    "须大于 0，至多 1000000。",
                    "Above 0 and at most 1,000,000.",
                ),
                None => {}
            }
            unit = c.required("unit", input.unit).and_then(|v| {
                c.enum_code(
                    "unit",
                    &v,
                    FundQuantityUnit::parse,
                    FundQuantityUnit::codes(),
                )
            });
        }
        None => {}
    }
    c.finish()?;
    let missing = ApiError::internal;
    Ok(Checked {
        kind: kind.ok_or_else(missing)?,
        source: source.ok_or_else(missing)?,
        purpose: purpose.ok_or_else(missing)?,
        bearer: bearer.ok_or_else(missing)?,
        beneficiary: input.beneficiary_school_id,
        resolution: input.resolution_id,
        amount,
        quantity_centi,
        unit,
        starts_on: starts_on.ok_or_else(missing)?,
        ends_on: input.ends_on,
        description: description.ok_or_else(missing)?,
    })
}

fn purpose_refusal(zh: String, en: String) -> ApiError {
    RuleViolation::of(Rule::FundsPurpose, zh, en).into()
}

/// Records a pooled use of the group (ACCOUNTS-INDEPENDENT), checking money from the group's
/// funds against the purpose's allocation in the same transaction (FUNDS-PURPOSE).
pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewFundEntry,
) -> ApiResult<FundEntry> {
    let x = check(input)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            ensure_writer(&ctx, &g)?;
            let schools = access::current_schools(conn, &g)?;
            let mut errors = Vec::new();
            if !schools.contains(&x.bearer) {
                errors.push(FieldError::new(
                    "bearer_school_id",
                    "不是本集团的核心成员或现有成员学校。",
                    "Not the group's core or a current member.",
                ));
            }
            if x.beneficiary.is_some_and(|b| !schools.contains(&b)) {
                errors.push(FieldError::new(
                    "beneficiary_school_id",
                    "不是本集团的核心成员或现有成员学校。",
                    "Not the group's core or a current member.",
                ));
            }
            let resolution = match x.resolution {
                Some(id) => {
                    let r = resolutions::find(conn, id)?.filter(|r| r.group_id == g.id);
                    if r.is_none() {
                        errors.push(FieldError::new(
                            "resolution_id",
                            "不是本集团理事会的决议。",
                            "Not a resolution of the group's council.",
                        ));
                    }
                    r
                }
                None => None,
            };
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            let year = x.starts_on.year();
            if x.kind == FundEntryKind::Money {
                if let Some(r) = &resolution {
                    if r.motion_type != MotionType::BudgetPlan {
                        return Err(purpose_refusal(
                            format!(
                                "决议 {}（{}）不是预算方案；资金支出须依据理事会通过的预算方案。",
                                r.number,
                                r.motion_type.label_zh()
                            ),
                            format!(
                                "Resolution {} is a {}, not a budget plan: money is spent under the budget plan the council adopted.",
                                r.number,
                                r.motion_type.as_str()
                            ),
                        ));
                    }
                }
            }
            if x.source == FundEntrySource::GroupFunds {
                let amount = x.amount.unwrap_or(0);
                let allocated = repo::find_funds(conn, g.id, year)?
                    .and_then(|f| f.allocated(x.purpose))
                    .unwrap_or(0);
                let spent = repo::spent(conn, g.id, year, x.purpose)?;
                let left = allocated.saturating_sub(spent);
                if amount > left {
                    return Err(purpose_refusal(
                        format!(
                            "“{}”{year} 年安排 {allocated} 元，已支出 {spent} 元，余 {left} 元，不足支出 {amount} 元；集团经费专款专用，一个用途不能为另一个用途支付。",
                            x.purpose.label_zh()
                        ),
                        format!(
                            "{} has {allocated} yuan allocated for {year}, {spent} spent and {left} left: not enough for {amount}. Group funds are spent only on their purpose, within its allocation.",
                            x.purpose.as_str()
                        ),
                    ));
                }
            }
            let row = repo::insert_entry(
                conn,
                &NewEntryRow {
                    group_id: g.id,
                    county_code: g.county_code.clone(),
                    year,
                    kind: x.kind,
                    source: x.source,
                    purpose: x.purpose,
                    bearer_school_id: x.bearer,
                    beneficiary_school_id: x.beneficiary,
                    resolution_id: x.resolution,
                    amount_yuan: x.amount,
                    quantity_centi: x.quantity_centi,
                    unit: x.unit,
                    starts_on: x.starts_on,
                    ends_on: x.ends_on,
                    description: x.description,
                    reverses_id: None,
                    created_by: ctx.principal.sub.clone(),
                    created_at: crate::repo::now(),
                },
            )?;
            let after = view(row, None);
            record(
                conn,
                &ctx,
                &g.county_code,
                Op::Created,
                "fund_entry",
                after.id.to_string(),
                None,
                "fund_entry.create",
                None::<&FundEntry>,
                &after,
            )?;
            Ok(after)
        })
        .await
}

/// Reverses an entry: a new entry negating its amount or quantity, with the reason. At most
/// one reversal per entry, and a reversal is not itself reversed (`409 entry_reversed`).
pub async fn reverse(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    input: FundEntryReversalInput,
) -> ApiResult<FundEntry> {
    let mut c = Checks::new();
    let reason = c
        .required("reason", input.reason)
        .map(|t| c.text("reason", &t, 1, 500));
    c.finish()?;
    let reason = reason.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let e = repo::find_entry(conn, id)?.ok_or_else(ApiError::not_found)?;
            let g = access::load(conn, &ctx, e.group_id)?;
            if let Some(s) = reader_scope(&ctx, &g)? {
                if e.bearer_school_id != s && e.beneficiary_school_id != Some(s) {
                    return Err(ApiError::not_found());
                }
            }
            ensure_writer(&ctx, &g)?;
            if let Some(of) = e.reverses_id {
                return Err(ApiError::conflict_of(
                    Conflict::EntryReversed,
                    format!("分录 #{id} 本身是对 #{of} 的冲销，不能再冲销。"),
                    format!("Entry #{id} is the reversal of #{of}; it is not reversed in turn."),
                ));
            }
            if let Some(r) = repo::reversal_of(conn, id)? {
                return Err(ApiError::conflict_of(
                    Conflict::EntryReversed,
                    format!("分录 #{id} 已由 #{} 冲销。", r.id),
                    format!("Entry #{id} is reversed already, by #{}.", r.id),
                ));
            }
            let row = repo::insert_entry(
                conn,
                &NewEntryRow {
                    group_id: e.group_id,
                    county_code: e.county_code.clone(),
                    year: e.year,
                    kind: e.kind,
                    source: e.source,
                    purpose: e.purpose,
                    bearer_school_id: e.bearer_school_id,
                    beneficiary_school_id: e.beneficiary_school_id,
                    resolution_id: e.resolution_id,
                    amount_yuan: e.amount_yuan.map(|a| -a),
                    quantity_centi: e.quantity_centi.map(|q| -q),
                    unit: e.unit,
                    starts_on: e.starts_on,
                    ends_on: e.ends_on,
                    description: reason,
                    reverses_id: Some(e.id),
                    created_by: ctx.principal.sub.clone(),
                    created_at: crate::repo::now(),
                },
            )?;
            let after = view(row, None);
            record(
                conn,
                &ctx,
                &e.county_code,
                Op::Created,
                "fund_entry",
                after.id.to_string(),
                None,
                "fund_entry.reverse",
                None::<&FundEntry>,
                &after,
            )?;
            Ok(after)
        })
        .await
}

/// The group's entries the caller reads, oldest first, each with its reversal if any.
pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: FundEntryQuery,
) -> ApiResult<FundEntries> {
    let mut c = Checks::new();
    if let Some(y) = q.year {
        check_year(&mut c, "year", y);
    }
    let kind = q
        .kind
        .and_then(|v| c.enum_code("kind", &v, FundEntryKind::parse, FundEntryKind::codes()));
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let own = reader_scope(&ctx, &g)?;
            if let (Some(own), Some(asked)) = (own, q.school_id) {
                if own != asked {
                    return Ok(FundEntries { items: Vec::new() });
                }
            }
            let rows = repo::list(
                conn,
                &EntryFilter {
                    group_id: Some(g.id),
                    year: q.year,
                    school_id: own.or(q.school_id),
                    kind,
                    ..EntryFilter::default()
                },
            )?;
            let reversed: HashMap<i64, i64> = rows
                .iter()
                .filter_map(|r| r.reverses_id.map(|of| (of, r.id)))
                .collect();
            Ok(FundEntries {
                items: rows
                    .into_iter()
                    .map(|r| {
                        let by = reversed.get(&r.id).copied();
                        view(r, by)
                    })
                    .collect(),
            })
        })
        .await
}

/// One entry, for those who read the group's entries (a member's administrator, its own).
pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<FundEntry> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let e = repo::find_entry(conn, id)?.ok_or_else(ApiError::not_found)?;
            let g = access::load(conn, &ctx, e.group_id)?;
            if let Some(s) = reader_scope(&ctx, &g)? {
                if e.bearer_school_id != s && e.beneficiary_school_id != Some(s) {
                    return Err(ApiError::not_found());
                }
            }
            let by = repo::reversal_of(conn, id)?.map(|r| r.id);
            Ok(view(e, by))
        })
        .await
}
