//! Filing with the county's staffing office (STAFF-ADJUST "定期报编制部门备案"): the bureau records
//! one filing per period, which lists every approved adjustment of the county not filed yet and
//! approved on or before the filing's date.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::views::{Adjustment, Filing};
use super::{county_in_scope, record};
use crate::domain::auth::Permission;
use crate::domain::clock::today;
use crate::domain::rules::Conflict;
use crate::domain::staffing::adjust::period_is_valid;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::staffing::adjustments::{self as adjustments, AdjustmentStep};
use crate::repo::staffing::filings::{self as repo, NewFilingRow};
use crate::service::checks::Checks;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{stale, AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"period": "2026-H1", "filed_on": "2026-07-05", "filing_ref": "都编备〔2026〕11号"}))]
pub struct NewFiling {
    /// `2026`, `2026-H1`, `2026-Q3` or `2026-07`; one filing per county and period.
    #[schema(required = true)]
    pub period: Option<String>,
    /// Not after today (China Standard Time); the filing lists what was approved up to it.
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub filed_on: Option<NaiveDate>,
    /// The staffing office's reference.
    #[schema(required = true)]
    pub filing_ref: Option<String>,
    /// At most 2000 characters.
    pub note: Option<String>,
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    input: NewFiling,
) -> ApiResult<Filing> {
    let mut c = Checks::new();
    let period = c.required("period", input.period);
    if period.as_deref().is_some_and(|p| !period_is_valid(p)) {
        c.push(
            "period",
            "备案期间写作 2026、2026-H1、2026-Q3 或 2026-07。",
            "A period is written 2026, 2026-H1, 2026-Q3 or 2026-07.",
        );
    }
    let on = c.required("filed_on", input.filed_on);
    if on.is_some_and(|d| d > today()) {
        c.push(
            "filed_on",
            "日期不能晚于今天。",
            "The date cannot be in the future.",
        );
    }
    let reference = c
        .required("filing_ref", input.filing_ref)
        .map(|r| c.text("filing_ref", &r, 1, 100));
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let (Some(period), Some(on), Some(reference)) = (period, on, reference) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            ctx.require(Permission::StaffingManage)?;
            if repo::find_period(conn, &county, &period)?.is_some() {
                return Err(ApiError::conflict_of(
                    Conflict::FilingPeriodTaken,
                    format!("本县 {period} 期已备案。"),
                    format!("The county has filed for {period} already."),
                ));
            }
            let due = adjustments::unfiled(conn, &county, on)?;
            if due.is_empty() {
                return Err(ApiError::conflict_of(
                    Conflict::NothingToFile,
                    format!("截至 {on} 没有待备案的编制调整方案。"),
                    format!("No approved adjustment awaits filing up to {on}."),
                ));
            }
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewFilingRow {
                    county_code: county.clone(),
                    period,
                    filed_on: on,
                    filing_ref: reference,
                    filed_by: ctx.principal.sub.clone(),
                    note,
                    created_at: now,
                },
            )?;
            let mut ids = Vec::with_capacity(due.len());
            for a in due {
                let s = AdjustmentStep {
                    status: a.status,
                    filing_id: Some(row.id),
                    ..Default::default()
                };
                let moved = adjustments::step(conn, a.id, a.version, a.status, &s, now)?
                    .ok_or_else(|| stale(a.version + 1))?;
                ids.push(moved.id);
                let before = Adjustment::from_row(a);
                let after = Adjustment::from_row(moved);
                record(
                    conn,
                    &ctx,
                    &county,
                    Op::Updated,
                    "staffing_adjustment",
                    after.id.to_string(),
                    None,
                    "staffing_adjustment.file",
                    Some(&before),
                    &after,
                )?;
            }
            let f = Filing::from_row(row, ids);
            record(
                conn,
                &ctx,
                &county,
                Op::Created,
                "staffing_filing",
                f.id.to_string(),
                Some(format!("{}:{}", f.county_code, f.period)),
                "staffing_filing.create",
                None::<&Filing>,
                &f,
            )?;
            Ok(f)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Filing> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let f = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&f.county_code)?;
            let ids = adjustments::of_filing(conn, &[f.id])?
                .into_iter()
                .map(|(_, a)| a)
                .collect();
            Ok(Filing::from_row(f, ids))
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    page: PageQuery,
) -> ApiResult<Page<Filing>> {
    let w = page.window()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            county_in_scope(conn, &ctx, &county)?;
            let rows = repo::list(conn, &county, w.after_id, w.limit + 1)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let listed = adjustments::of_filing(conn, &ids)?;
            Ok(paginate(
                rows,
                w,
                |r| r.id,
                |r| {
                    let mine = listed
                        .iter()
                        .filter(|(f, _)| *f == r.id)
                        .map(|(_, a)| *a)
                        .collect();
                    Filing::from_row(r, mine)
                },
            ))
        })
        .await
}
