//! The staffing resources as the API shows them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::staffing::{
    AdjustmentStatus, AllocationReason, PostCategory, PostLevel, SpecialQuotaKind,
    SpecialQuotaPurpose,
};
use crate::repo::staffing::adjustments::AdjustmentRow;
use crate::repo::staffing::filings::FilingRow;
use crate::repo::staffing::quotas::SpecialQuotaRow;
use crate::repo::staffing::totals::TotalsRow;

/// A county's staffing totals for a year (STAFF-COUNTY-TOTAL).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "county_code": "522701", "year": 2026, "staff_quota": 5200, "senior_posts": 780,
    "intermediate_posts": 2100, "senior_bonus_percent": 10,
    "note": "都编〔2026〕4号核定", "version": 1,
    "created_at": "2026-01-10T08:00:00Z", "updated_at": "2026-01-10T08:00:00Z"
}))]
pub struct StaffingTotals {
    pub county_code: String,
    pub year: i32,
    /// The county's teaching-staff quota (教职工编制总量).
    pub staff_quota: i32,
    /// Its senior professional-technical posts (高级专业技术岗位).
    pub senior_posts: i32,
    /// Its intermediate professional-technical posts (中级专业技术岗位).
    pub intermediate_posts: i32,
    /// How many more senior and intermediate posts, in percent of its own, a group's core may
    /// get for the teachers it sends to other members (STAFF-SENIOR-BONUS; at most 10).
    pub senior_bonus_percent: i32,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<TotalsRow> for StaffingTotals {
    fn from(r: TotalsRow) -> Self {
        StaffingTotals {
            county_code: r.county_code,
            year: r.year,
            staff_quota: r.staff_quota,
            senior_posts: r.senior_posts,
            intermediate_posts: r.intermediate_posts,
            senior_bonus_percent: r.senior_bonus_percent,
            note: r.note,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// A group's special development quota or headcount for a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "group_id": 1, "year": 2026, "kind": "quota", "amount": 6,
    "purposes": ["internal_bodies", "backbone_teachers"], "note": null, "version": 1,
    "created_at": "2026-01-15T08:00:00Z", "updated_at": "2026-01-15T08:00:00Z"
}))]
pub struct SpecialQuota {
    pub group_id: i64,
    pub year: i32,
    pub kind: SpecialQuotaKind,
    /// Posts added to the group's pool.
    pub amount: i32,
    pub purposes: Vec<SpecialQuotaPurpose>,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<SpecialQuotaRow> for SpecialQuota {
    fn from(r: SpecialQuotaRow) -> Self {
        SpecialQuota {
            group_id: r.group_id,
            year: r.year,
            kind: r.kind,
            amount: r.amount,
            purposes: serde_json::from_str(&r.purposes_json).unwrap_or_default(),
            note: r.note,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// One line of an adjustment: the number of posts a member is to have for a category and
/// level (0 removes the allocation), and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"school_id": 3, "category": "professional_technical", "level": "senior", "bonus": false, "posts": 12, "reason": "school_size"}))]
pub struct Line {
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    /// The core's bonus posts (STAFF-SENIOR-BONUS), counted apart from the pool.
    pub bonus: bool,
    pub posts: i32,
    pub reason: AllocationReason,
}

impl Line {
    pub fn allocation(&self) -> crate::domain::staffing::Allocation {
        crate::domain::staffing::Allocation {
            school_id: self.school_id,
            category: self.category,
            level: self.level,
            bonus: self.bonus,
            posts: self.posts,
        }
    }
}

/// A staffing adjustment (编制调整方案) and where it stands.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 4, "group_id": 1, "year": 2026, "title": "2026年度集团岗位分配方案", "status": "approved",
    "in_effect": true,
    "lines": [{"school_id": 3, "category": "professional_technical", "level": "senior", "bonus": false, "posts": 12, "reason": "school_size"}],
    "note": null, "motion_id": 9, "proposed_by": "school-admin-3",
    "proposed_at": "2026-02-01T08:00:00Z", "office_decided_at": "2026-02-05T08:00:00Z",
    "decided_by": "officer-1", "decided_on": "2026-02-20", "decision_ref": "都教编〔2026〕2号",
    "decision_note": null, "superseded_by": null, "filing_id": null, "version": 4,
    "created_at": "2026-02-01T08:00:00Z", "updated_at": "2026-02-20T08:00:00Z"
}))]
pub struct Adjustment {
    pub id: i64,
    pub group_id: i64,
    pub year: i32,
    pub title: String,
    pub status: AdjustmentStatus,
    /// Whether its lines are the allocations in effect now (approved; later approvals may
    /// have changed some lines since).
    pub in_effect: bool,
    pub lines: Vec<Line>,
    pub note: Option<String>,
    /// The office-meeting motion it was last tabled as.
    pub motion_id: Option<i64>,
    pub proposed_by: String,
    pub proposed_at: DateTime<Utc>,
    pub office_decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decision_ref: Option<String>,
    /// The bureau's reasons for refusing, or its note on an approval.
    pub decision_note: Option<String>,
    /// The approved adjustment of the same year that superseded this one.
    pub superseded_by: Option<i64>,
    /// The staffing office filing that lists it.
    pub filing_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Adjustment {
    pub fn lines_of(r: &AdjustmentRow) -> Vec<Line> {
        serde_json::from_str(&r.lines_json).unwrap_or_default()
    }

    pub fn from_row(r: AdjustmentRow) -> Self {
        Adjustment {
            lines: Self::lines_of(&r),
            in_effect: r.status == AdjustmentStatus::Approved,
            id: r.id,
            group_id: r.group_id,
            year: r.year,
            title: r.title,
            status: r.status,
            note: r.note,
            motion_id: r.motion_id,
            proposed_by: r.proposed_by,
            proposed_at: r.proposed_at.and_utc(),
            office_decided_at: r.office_decided_at.map(|t| t.and_utc()),
            decided_by: r.decided_by,
            decided_on: r.decided_on,
            decision_ref: r.decision_ref,
            decision_note: r.decision_note,
            superseded_by: r.superseded_by,
            filing_id: r.filing_id,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// A filing with the county's staffing office, and the adjustments it lists.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "county_code": "522701", "period": "2026-H1", "filed_on": "2026-07-05",
    "filing_ref": "都编备〔2026〕11号", "filed_by": "officer-1", "note": null,
    "adjustment_ids": [4, 6], "created_at": "2026-07-05T08:00:00Z"
}))]
pub struct Filing {
    pub id: i64,
    pub county_code: String,
    /// `2026`, `2026-H1`, `2026-Q3` or `2026-07`.
    pub period: String,
    pub filed_on: NaiveDate,
    pub filing_ref: String,
    pub filed_by: String,
    pub note: Option<String>,
    pub adjustment_ids: Vec<i64>,
    pub created_at: DateTime<Utc>,
}

impl Filing {
    pub fn from_row(r: FilingRow, adjustment_ids: Vec<i64>) -> Self {
        Filing {
            id: r.id,
            county_code: r.county_code,
            period: r.period,
            filed_on: r.filed_on,
            filing_ref: r.filing_ref,
            filed_by: r.filed_by,
            note: r.note,
            adjustment_ids,
            created_at: r.created_at.and_utc(),
        }
    }
}
