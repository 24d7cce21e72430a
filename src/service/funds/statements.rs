//! Statements of pooled resources (ACCOUNTS-INDEPENDENT, FUNDS-PURPOSE): per member (what it
//! gave and received, by kind, source and purpose), per group (funds allocated, spent and
//! remaining by purpose, and what was pooled) and per county. The teacher exchanges are read
//! as people entries at statement time (`source: exchange`), so they never drift from the
//! exchange records. Each statement is a fixed number of queries, however many rows.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::allocations::{purpose_lines, spent_by_purpose, sum, FundPurposeLine};
use super::units;
use crate::db::DbConnection;
use crate::domain::auth::Role;
use crate::domain::exchange::ExchangeStatus;
use crate::domain::funds::{
    exchange_person_days_centi, remaining, FundEntryKind, FundEntrySource, FundPurpose,
    FundQuantityUnit,
};
use crate::error::{ApiError, ApiResult};
use crate::repo::assessment::pay::groups_named;
use crate::repo::exchange::exchanges::{self, ExchangeRow};
use crate::repo::funds::{self as repo, EntryFilter, EntryRow, StoredLine};
use crate::repo::registry::schools;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::staffing::{check_year, county_in_scope};
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FundStatementQuery {
    /// The calendar year.
    #[param(required = true, example = 2026)]
    pub year: Option<i32>,
}

impl FundStatementQuery {
    fn year(&self) -> ApiResult<i32> {
        let mut c = Checks::new();
        let y = c.required("year", self.year);
        if let Some(y) = y {
            check_year(&mut c, "year", y);
        }
        c.finish()?;
        y.ok_or_else(ApiError::internal)
    }
}

/// One line of a statement: a stored entry or an exchange read as people.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FundStatementLine {
    pub source: FundEntrySource,
    pub kind: FundEntryKind,
    pub purpose: FundPurpose,
    /// The stored entry; absent for an exchange.
    pub entry_id: Option<i64>,
    /// The exchange, for `source: exchange`.
    pub exchange_id: Option<i64>,
    pub group_id: i64,
    pub bearer_school_id: i64,
    pub beneficiary_school_id: Option<i64>,
    pub amount_yuan: Option<i64>,
    pub quantity: Option<f64>,
    pub unit: Option<FundQuantityUnit>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub reverses_id: Option<i64>,
}

/// A total over the lines of one kind, source, purpose and unit (reversals net out).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FundTotal {
    pub kind: FundEntryKind,
    pub source: FundEntrySource,
    pub purpose: FundPurpose,
    pub unit: Option<FundQuantityUnit>,
    pub amount_yuan: i64,
    pub quantity: f64,
    /// How many lines (entries, reversals and exchanges) it sums.
    pub lines: usize,
}

/// A member's pooled resources of a year: what its accounts bore for others (`gave`) and what
/// it received, with every line.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SchoolFundStatement {
    pub school_id: i64,
    pub school_name: String,
    pub county_code: String,
    pub year: i32,
    pub gave: Vec<FundTotal>,
    pub received: Vec<FundTotal>,
    pub lines: Vec<FundStatementLine>,
}

/// A group's funds and pooled resources of a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupFundStatement {
    pub group_id: i64,
    pub group_code: String,
    pub group_name: String,
    pub year: i32,
    /// By purpose: allocated, spent from the group's funds, remaining.
    pub purposes: Vec<FundPurposeLine>,
    pub allocated_yuan: i64,
    pub spent_yuan: i64,
    pub remaining_yuan: i64,
    /// Everything pooled, by kind, source, purpose and unit.
    pub pooled: Vec<FundTotal>,
    pub lines: Vec<FundStatementLine>,
}

/// A group's line in the county's statement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountyFundGroup {
    pub group_id: i64,
    pub group_code: String,
    pub group_name: String,
    pub allocated_yuan: i64,
    pub spent_yuan: i64,
    pub remaining_yuan: i64,
    /// Money the members spent from their own budgets for the group.
    pub member_own_yuan: i64,
    /// Person-days lent by the group's exchanges.
    pub exchange_person_days: f64,
}

/// A county's group funds of a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountyFundStatement {
    pub county_code: String,
    pub year: i32,
    pub groups: Vec<CountyFundGroup>,
    /// The county's purposes summed over its groups.
    pub purposes: Vec<FundPurposeLine>,
    pub allocated_yuan: i64,
    pub spent_yuan: i64,
    pub remaining_yuan: i64,
}

fn entry_line(e: &EntryRow) -> FundStatementLine {
    FundStatementLine {
        source: e.source,
        kind: e.kind,
        purpose: e.purpose,
        entry_id: Some(e.id),
        exchange_id: None,
        group_id: e.group_id,
        bearer_school_id: e.bearer_school_id,
        beneficiary_school_id: e.beneficiary_school_id,
        amount_yuan: e.amount_yuan,
        quantity: e.quantity_centi.map(units),
        unit: e.unit,
        starts_on: e.starts_on,
        ends_on: e.ends_on,
        reverses_id: e.reverses_id,
    }
}

/// An exchange as the people it pools in `year`: the sending school's account bears the
/// teacher's time (person-days in the year × share), the receiving school benefits. Only
/// active and completed exchanges count; a planned or cancelled one has lent nobody.
fn exchange_line(x: &ExchangeRow, year: i32) -> Option<(FundStatementLine, i64)> {
    if !matches!(x.status, ExchangeStatus::Active | ExchangeStatus::Completed) {
        return None;
    }
    let centi = exchange_person_days_centi(x.starts_on, x.ends_on, x.share_percent, year);
    if centi <= 0 {
        return None;
    }
    Some((
        FundStatementLine {
            source: FundEntrySource::Exchange,
            kind: FundEntryKind::People,
            purpose: FundPurpose::BackboneTeacherMobility,
            entry_id: None,
            exchange_id: Some(x.id),
            group_id: x.group_id,
            bearer_school_id: x.from_school_id,
            beneficiary_school_id: Some(x.to_school_id),
            amount_yuan: None,
            quantity: Some(units(centi)),
            unit: Some(FundQuantityUnit::PersonDays),
            starts_on: x.starts_on,
            ends_on: x.ends_on,
            reverses_id: None,
        },
        centi,
    ))
}

/// Lines with their quantities in hundredths (exact sums).
type Lines = Vec<(FundStatementLine, i64)>;

fn lines_of(entries: &[EntryRow], xs: &[ExchangeRow], year: i32) -> Lines {
    entries
        .iter()
        .map(|e| (entry_line(e), e.quantity_centi.unwrap_or(0)))
        .chain(xs.iter().filter_map(|x| exchange_line(x, year)))
        .collect()
}

fn totals<'a>(lines: impl Iterator<Item = &'a (FundStatementLine, i64)>) -> Vec<FundTotal> {
    let mut m: BTreeMap<(&str, &str, &str, &str), (FundTotal, i64)> = BTreeMap::new();
    for (l, centi) in lines {
        let key = (
            l.kind.as_str(),
            l.source.as_str(),
            l.purpose.as_str(),
            l.unit.map_or("", |u| u.as_str()),
        );
        let t = m.entry(key).or_insert_with(|| {
            (
                FundTotal {
                    kind: l.kind,
                    source: l.source,
                    purpose: l.purpose,
                    unit: l.unit,
                    amount_yuan: 0,
                    quantity: 0.0,
                    lines: 0,
                },
                0,
            )
        });
        t.0.amount_yuan = t.0.amount_yuan.saturating_add(l.amount_yuan.unwrap_or(0));
        t.1 = t.1.saturating_add(*centi);
        t.0.lines += 1;
    }
    m.into_values()
        .map(|(mut t, centi)| {
            t.quantity = units(centi);
            t
        })
        .collect()
}

/// A member's statement: for the bureaus and inspectors, and the school's own administrator.
pub async fn school(
    state: &AppState,
    ctx: &Ctx,
    school_id: i64,
    q: FundStatementQuery,
) -> ApiResult<SchoolFundStatement> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let s = schools::find(conn, school_id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&s.county_code)?;
            let own = ctx.principal.role == Role::SchoolAdmin && ctx.principal.school == Some(s.id);
            if !own {
                ctx.ensure_county_reader("学校的统筹使用情况", "A school's pooled resources")?;
            }
            let entries = repo::list(
                conn,
                &EntryFilter {
                    county: Some(s.county_code.clone()),
                    year: Some(year),
                    school_id: Some(s.id),
                    ..EntryFilter::default()
                },
            )?;
            let xs: Vec<ExchangeRow> = exchanges::of_year(conn, Some(&s.county_code), None, year)?
                .into_iter()
                .filter(|x| x.from_school_id == s.id || x.to_school_id == s.id)
                .collect();
            let lines = lines_of(&entries, &xs, year);
            let gave = totals(lines.iter().filter(|(l, _)| l.bearer_school_id == s.id));
            let received = totals(
                lines
                    .iter()
                    .filter(|(l, _)| l.beneficiary_school_id == Some(s.id)),
            );
            Ok(SchoolFundStatement {
                school_id: s.id,
                school_name: s.name,
                county_code: s.county_code,
                year,
                gave,
                received,
                lines: lines.into_iter().map(|(l, _)| l).collect(),
            })
        })
        .await
}

fn allocation_lines(f: Option<&repo::FundsRow>) -> Vec<StoredLine> {
    f.map(|f| f.lines()).unwrap_or_default()
}

/// A group's statement: for whoever reads all of the group's entries (the bureaus,
/// inspectors, the chair); a member's administrator reads its own school's statement.
pub async fn group(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: FundStatementQuery,
) -> ApiResult<GroupFundStatement> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            if super::reader_scope(&ctx, &g)?.is_some() {
                return Err(ApiError::forbidden(
                    "集团的统筹使用报表供教育局、督导和理事长查看；成员学校请查看本校报表。",
                    "The group's statement is for the bureaus, inspectors and the chair; a member reads its own school's.",
                ));
            }
            let funds = repo::find_funds(conn, g.id, year)?;
            let entries = repo::list(
                conn,
                &EntryFilter {
                    group_id: Some(g.id),
                    year: Some(year),
                    ..EntryFilter::default()
                },
            )?;
            let xs = exchanges::of_year(conn, Some(&g.county_code), Some(g.id), year)?;
            let purposes = purpose_lines(&allocation_lines(funds.as_ref()), &spent_by_purpose(&entries));
            let allocated = sum(purposes.iter().map(|l| &l.allocated_yuan));
            let spent = sum(purposes.iter().map(|l| &l.spent_yuan));
            let lines = lines_of(&entries, &xs, year);
            Ok(GroupFundStatement {
                group_id: g.id,
                group_code: g.code,
                group_name: g.name,
                year,
                purposes,
                allocated_yuan: allocated,
                spent_yuan: spent,
                remaining_yuan: remaining(allocated, spent),
                pooled: totals(lines.iter()),
                lines: lines.into_iter().map(|(l, _)| l).collect(),
            })
        })
        .await
}

fn county_statement(
    conn: &mut DbConnection,
    county: &str,
    year: i32,
) -> ApiResult<CountyFundStatement> {
    let funds = repo::funds_of_county(conn, county, year)?;
    let entries = repo::list(
        conn,
        &EntryFilter {
            county: Some(county.to_string()),
            year: Some(year),
            ..EntryFilter::default()
        },
    )?;
    let xs = exchanges::of_year(conn, Some(county), None, year)?;
    let mut ids: Vec<i64> = funds
        .iter()
        .map(|f| f.group_id)
        .chain(entries.iter().map(|e| e.group_id))
        .chain(xs.iter().map(|x| x.group_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, (String, String)> = groups_named(conn, &ids)?
        .into_iter()
        .map(|(id, code, name, _)| (id, (code, name)))
        .collect();
    let mut by_group: BTreeMap<i64, (Vec<EntryRow>, Vec<ExchangeRow>)> =
        ids.iter().map(|id| (*id, Default::default())).collect();
    for e in entries {
        if let Some(v) = by_group.get_mut(&e.group_id) {
            v.0.push(e);
        }
    }
    for x in xs {
        if let Some(v) = by_group.get_mut(&x.group_id) {
            v.1.push(x);
        }
    }
    let funds: HashMap<i64, &repo::FundsRow> = funds.iter().map(|f| (f.group_id, f)).collect();
    let mut county_purposes: BTreeMap<&'static str, FundPurposeLine> = BTreeMap::new();
    let mut groups = Vec::new();
    for (gid, (entries, xs)) in &by_group {
        let purposes = purpose_lines(
            &allocation_lines(funds.get(gid).copied()),
            &spent_by_purpose(entries),
        );
        for p in &purposes {
            let c = county_purposes
                .entry(p.purpose.as_str())
                .or_insert_with(|| FundPurposeLine {
                    purpose: p.purpose,
                    description: None,
                    allocated_yuan: 0,
                    spent_yuan: 0,
                    remaining_yuan: 0,
                });
            c.allocated_yuan = c.allocated_yuan.saturating_add(p.allocated_yuan);
            c.spent_yuan = c.spent_yuan.saturating_add(p.spent_yuan);
            c.remaining_yuan = remaining(c.allocated_yuan, c.spent_yuan);
        }
        let allocated = sum(purposes.iter().map(|l| &l.allocated_yuan));
        let spent = sum(purposes.iter().map(|l| &l.spent_yuan));
        let member_own = entries
            .iter()
            .filter(|e| e.kind == FundEntryKind::Money && e.source == FundEntrySource::MemberOwn)
            .fold(0i64, |s, e| s.saturating_add(e.amount_yuan.unwrap_or(0)));
        let person_days = xs
            .iter()
            .filter_map(|x| exchange_line(x, year))
            .fold(0i64, |s, (_, c)| s.saturating_add(c));
        let (code, name) = names.get(gid).cloned().unwrap_or_default();
        groups.push(CountyFundGroup {
            group_id: *gid,
            group_code: code,
            group_name: name,
            allocated_yuan: allocated,
            spent_yuan: spent,
            remaining_yuan: remaining(allocated, spent),
            member_own_yuan: member_own,
            exchange_person_days: units(person_days),
        });
    }
    let purposes: Vec<FundPurposeLine> = county_purposes.into_values().collect();
    let allocated = sum(purposes.iter().map(|l| &l.allocated_yuan));
    let spent = sum(purposes.iter().map(|l| &l.spent_yuan));
    Ok(CountyFundStatement {
        county_code: county.to_string(),
        year,
        groups,
        purposes,
        allocated_yuan: allocated,
        spent_yuan: spent,
        remaining_yuan: remaining(allocated, spent),
    })
}

/// The county's statement, for the bureaus and inspectors.
pub async fn county(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    q: FundStatementQuery,
) -> ApiResult<CountyFundStatement> {
    let year = q.year()?;
    ctx.ensure_county_reader("集团经费统计", "The county's group funds")?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            county_statement(conn, &county, year)
        })
        .await
}

fn unit_code(u: Option<FundQuantityUnit>) -> String {
    u.map_or_else(String::new, |u| u.as_str().to_string())
}

/// A member's statement as CSV: one row per total, `gave` then `received`.
pub fn school_csv(s: &SchoolFundStatement) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "school_id",
        "year",
        "direction",
        "kind",
        "source",
        "purpose",
        "unit",
        "amount_yuan",
        "quantity",
        "lines",
    ])
    .map_err(|_| ApiError::internal())?;
    for (direction, ts) in [("gave", &s.gave), ("received", &s.received)] {
        for t in ts {
            w.write_record([
                s.school_id.to_string(),
                s.year.to_string(),
                direction.to_string(),
                t.kind.as_str().to_string(),
                t.source.as_str().to_string(),
                t.purpose.as_str().to_string(),
                unit_code(t.unit),
                t.amount_yuan.to_string(),
                t.quantity.to_string(),
                t.lines.to_string(),
            ])
            .map_err(|_| ApiError::internal())?;
        }
    }
    crate::service::staffing::report::finish(w)
}

/// A group's statement as CSV: one row per purpose of its funds.
pub fn group_csv(g: &GroupFundStatement) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "group_code",
        "year",
        "purpose",
        "allocated_yuan",
        "spent_yuan",
        "remaining_yuan",
    ])
    .map_err(|_| ApiError::internal())?;
    for p in &g.purposes {
        w.write_record([
            g.group_code.clone(),
            g.year.to_string(),
            p.purpose.as_str().to_string(),
            p.allocated_yuan.to_string(),
            p.spent_yuan.to_string(),
            p.remaining_yuan.to_string(),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    crate::service::staffing::report::finish(w)
}

/// A county's statement as CSV: one row per group.
pub fn county_csv(c: &CountyFundStatement) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "county_code",
        "year",
        "group_id",
        "group_code",
        "group_name",
        "allocated_yuan",
        "spent_yuan",
        "remaining_yuan",
        "member_own_yuan",
        "exchange_person_days",
    ])
    .map_err(|_| ApiError::internal())?;
    for g in &c.groups {
        w.write_record([
            c.county_code.clone(),
            c.year.to_string(),
            g.group_id.to_string(),
            g.group_code.clone(),
            g.group_name.clone(),
            g.allocated_yuan.to_string(),
            g.spent_yuan.to_string(),
            g.remaining_yuan.to_string(),
            g.member_own_yuan.to_string(),
            g.exchange_person_days.to_string(),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    crate::service::staffing::report::finish(w)
}
